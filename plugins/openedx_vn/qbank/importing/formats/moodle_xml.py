"""Moodle XML: <quiz> of <question type="…">. Categories become the questions' category; files embedded in a
question (@@PLUGINFILE@@/name) travel with it as data: URIs, so no image loads from elsewhere."""

import mimetypes
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lxml import etree

from openedx_vn.qbank.importing.drafts import Draft, ImportProblem, Place
from openedx_vn.qbank.importing.sanitize import text_to_html

_PLUGINFILE = re.compile(r"@@PLUGINFILE@@/([^\"'>\s]+)")
_UNSUPPORTED = {
    "matching": gettext_lazy("matching questions (the bank has no matching type)"),
    "cloze": gettext_lazy("cloze (embedded answers) questions"),
    "multianswer": gettext_lazy("cloze (embedded answers) questions"),
    "ddwtos": gettext_lazy("drag-and-drop questions"),
    "calculated": gettext_lazy("calculated questions"),
    "calculatedmulti": gettext_lazy("calculated questions"),
    "randomsamatch": gettext_lazy("random short-answer matching"),
}


def read(content, filename):
    """Return ``(drafts, problems)``; ``content`` is the file's bytes."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(content, parser)  # noqa: S320 - entities and network off
    except etree.XMLSyntaxError as exc:
        message = _("not well-formed XML: %(error)s") % {"error": exc.msg}
        return [], [ImportProblem(Place(filename, exc.lineno), message)]
    if root.tag != "quiz":
        return [], [
            ImportProblem(
                Place(filename, root.sourceline),
                _("<%(tag)s>: a Moodle XML file starts with <quiz>") % {"tag": root.tag},
            )
        ]
    drafts, problems, category, number = [], [], "", 0
    for question in root.iter("question"):
        kind = question.get("type", "")
        if kind == "category":
            category = (
                (question.findtext("category/text") or "")
                .replace("$course$/", "")
                .replace("top/", "")
                .strip()
            )
            continue
        number += 1
        place = Place(filename, question.sourceline, number)
        if kind == "description":
            note = _("a description, not a question: left out")
            problems.append(ImportProblem(place, note, blocking=False))
            continue
        try:
            draft = _draft(question, kind, place)
        except ValueError as exc:
            problems.append(ImportProblem(place, str(exc)))
            continue
        draft.category = category
        drafts.append(draft)
    return drafts, problems


def _text(element):
    """An element's <text> as HTML, with its embedded <file>s inlined as data: URIs."""
    if element is None:
        return ""
    text = element.findtext("text") or ""
    if element.get("format") not in ("html", None):
        text = text_to_html(text)
    files = {f.get("name"): f for f in element.findall("file") if f.get("encoding") == "base64"}

    def inline(match):
        embedded = files.get(match[1])
        if embedded is None:
            return match[0]  # left for the sanitiser, which drops a src it does not trust
        kind = mimetypes.guess_type(match[1])[0] or "application/octet-stream"
        return f"data:{kind};base64,{''.join((embedded.text or '').split())}"

    return _PLUGINFILE.sub(inline, text).strip()


def _plain(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())[:40]


def _fraction(answer):
    try:
        return float(answer.get("fraction", "0"))
    except ValueError as exc:
        message = _("fraction %(fraction)s is not a number") % {"fraction": repr(answer.get("fraction"))}
        raise ValueError(message) from exc


def _draft(question, kind, place):
    stem = _text(question.find("questiontext"))
    title = (question.findtext("name/text") or "").strip()
    answers = question.findall("answer")
    if kind == "multichoice":
        right = [a for a in answers if _fraction(a) >= 100]
        earning = [a for a in answers if _fraction(a) > 0]
        if question.findtext("single", "true").strip() == "false" or len(right) != 1:
            if not earning:
                raise ValueError(_("no option is marked right ('=' or %100%)"))
            weights = ", ".join(f"{_plain(_text(a))!r} {a.get('fraction')}%" for a in earning)
            raise ValueError(
                _(
                    "several options earn points (%(weights)s): a multiple-response question with partial "
                    "credit, which the bank has no type for; not imported. Keep one right option, or split "
                    "it into true/false statements"
                )
                % {"weights": weights}
            )
        body = {
            "choices": [
                {"text": _text(a), "correct": a in right, "feedback": _text(a.find("feedback"))}
                for a in answers
            ]
        }
        kind = "multiple_choice"
    elif kind == "truefalse":
        truth = next(
            (a.findtext("text", "").strip().lower() == "true" for a in answers if _fraction(a) >= 100), None
        )
        if truth is None:
            raise ValueError(_("neither true nor false has fraction 100"))
        body, kind = {"statements": [{"text": "", "is_true": truth}]}, "true_false_cluster"
    elif kind == "shortanswer":
        body = {
            "kind": "text",
            "answers": [a.findtext("text", "").strip() for a in answers if _fraction(a) >= 100],
        }
        kind = "short_answer"
    elif kind == "numerical":
        right = next((a for a in answers if _fraction(a) >= 100), None)
        if right is None:
            raise ValueError(_("no numerical answer with fraction 100"))
        body = {
            "kind": "numeric",
            "value": right.findtext("text", "").strip(),
            "tolerance": (right.findtext("tolerance") or "0").strip(),
        }
        kind = "short_answer"
    elif kind == "essay":
        body, kind = {"rubric": []}, "essay"
    else:
        message = _("%(kind)s: not a question type of Vietnamese tests (not imported)")
        raise ValueError(message % {"kind": _UNSUPPORTED.get(kind, repr(kind))})
    draft = Draft(kind, stem, body, place, title=title)
    draft.explanation = _text(question.find("generalfeedback"))
    return draft
