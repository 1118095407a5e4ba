"""QTI 2.1 / 2.2 / 3.0 items (<assessmentItem>, <qti-assessment-item>): one interaction per item, mapped onto
the Vietnamese types; a content package (.zip with imsmanifest.xml) is read by ``qti_package``.

choiceInteraction with one right choice → multiple choice; textEntryInteraction → short answer (by value for
float/integer, by text otherwise); extendedTextInteraction → essay. The key is the correctResponse, or else
the mapping's best-scored entries. The stem is the whole item body as the student sees it: the text around
the interaction, the interaction's prompt in its place, an inline text entry as a blank. MathML becomes
LaTeX. Feedback stays feedback: inside a choice it is that choice's, elsewhere (feedbackBlock, modalFeedback,
a scorer's rubricBlock) it becomes the explanation. A hint or solution button (endAttemptInteraction) is
left out with a note. Other interactions, several answers and items without a key are refused, named.
QTI 3.0 names ("qti-choice-interaction", "response-identifier") are read as their 2.x equivalents.
Images referred to by a relative path are not in a single item file: they are left out, with a note; in a
package they come along as data: URIs.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lxml import etree

from openedx_vn.qbank.importing import mathml
from openedx_vn.qbank.importing.drafts import Draft, ImportProblem, Place

SUPPORTED = {"choiceInteraction", "textEntryInteraction", "extendedTextInteraction"}
HINTS = {"endAttemptInteraction"}  # a button asking for a hint or the solution: nothing to grade
INLINE = {"textEntryInteraction", "inlineChoiceInteraction", "endAttemptInteraction"}
FEEDBACK = {"feedbackInline", "feedbackBlock"}
BLANK = "_____"
# What the refused interactions are, in words a teacher knows.
KINDS = {
    "matchInteraction": gettext_lazy("matching"),
    "associateInteraction": gettext_lazy("matching in pairs"),
    "gapMatchInteraction": gettext_lazy("dragging words into gaps"),
    "inlineChoiceInteraction": gettext_lazy("choosing a word in the text"),
    "orderInteraction": gettext_lazy("putting in order"),
    "hottextInteraction": gettext_lazy("choosing words in the text"),
    "hotspotInteraction": gettext_lazy("pointing on a picture"),
    "selectPointInteraction": gettext_lazy("pointing on a picture"),
    "graphicOrderInteraction": gettext_lazy("putting in order on a picture"),
    "graphicAssociateInteraction": gettext_lazy("matching on a picture"),
    "graphicGapMatchInteraction": gettext_lazy("dragging onto a picture"),
    "positionObjectInteraction": gettext_lazy("placing objects on a picture"),
    "sliderInteraction": gettext_lazy("slider"),
    "drawingInteraction": gettext_lazy("drawing"),
    "uploadInteraction": gettext_lazy("file upload"),
    "mediaInteraction": gettext_lazy("audio or video"),
    "customInteraction": gettext_lazy("custom interaction"),
    "portableCustomInteraction": gettext_lazy("custom interaction"),
}
_SPACES = re.compile(r"\s+")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


def _local(element):
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _html(element):
    """The element's content as HTML without namespaces."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        copy = etree.fromstring(etree.tostring(child, with_tail=False))  # noqa: S320 - our own serialisation
        for node in copy.iter():
            if isinstance(node.tag, str):
                node.tag = etree.QName(node).localname
        etree.cleanup_namespaces(copy)
        copy.tail = None
        parts.append(etree.tostring(copy, encoding="unicode", with_tail=False) + (child.tail or ""))
    return _SPACES.sub(" ", "".join(parts)).strip()  # the XML's indentation means nothing in HTML


def _replace(element, text):
    """Put ``text`` (and the element's tail) where ``element`` was, then remove the element."""
    parent, previous = element.getparent(), element.getprevious()
    joined = (text or "") + (element.tail or "")
    if previous is not None:
        previous.tail = (previous.tail or "") + joined
    else:
        parent.text = (parent.text or "") + joined
    parent.remove(element)


def read(content, filename, image=None):
    """Return ``(drafts, problems)`` for one QTI item file, or a content package (a .zip).

    ``image(src) -> (data URI or None, problem or None)`` brings a package's pictures along.
    """
    if content[:4] == b"PK\x03\x04":
        from openedx_vn.qbank.importing.formats import qti_package  # noqa: PLC0415

        return qti_package.read(content, filename)
    try:
        root = etree.fromstring(content, _PARSER)  # noqa: S320 - entities and network off
    except etree.XMLSyntaxError as exc:
        message = _("not well-formed XML: %(error)s") % {"error": exc.msg}
        return [], [ImportProblem(Place(filename, exc.lineno), message)]
    if _local(root).startswith("qti-") or "v3" in (etree.QName(root).namespace or ""):
        _as_version_2(root)
    if _local(root) != "assessmentItem":
        message = _("<%(tag)s>: not a QTI item") % {"tag": _local(root)}
        return [], [ImportProblem(Place(filename, root.sourceline), message)]
    try:
        return _item(root, filename, image)
    except _Refused as refused:
        return [], [*refused.notes, refused.problem]


class _Refused(Exception):
    def __init__(self, problem, notes=()):
        self.problem, self.notes = problem, list(notes)


def _item(root, filename, image):
    place = Place(filename, root.sourceline, 1)
    body = next((e for e in root.iter() if _local(e) == "itemBody"), None)
    if body is None:
        raise _Refused(ImportProblem(place, _("no itemBody: the item has no text")))
    found = [e for e in body.iter() if _local(e).endswith("Interaction")]
    notes = [_hint_note(hint, filename) for hint in found if _local(hint) in HINTS]
    interactions = [e for e in found if _local(e) not in HINTS]
    if not interactions:
        raise _Refused(ImportProblem(place, _("no interaction: the item asks nothing to answer")), notes)
    if len(interactions) > 1:
        names = ", ".join(_local(e) for e in interactions)
        message = _("%(count)s interactions (%(names)s): one question per item is read")
        raise _Refused(ImportProblem(place, message % {"count": len(interactions), "names": names}), notes)
    (interaction,) = interactions
    name = _local(interaction)
    at = Place(filename, interaction.sourceline, 1)
    if name not in SUPPORTED:
        kind = f"{name} ({KINDS[name]})" if name in KINDS else name
        message = _("%(kind)s: not a question type of Vietnamese tests (not imported)") % {"kind": kind}
        raise _Refused(ImportProblem(at, message), notes)
    if any(_local(e) == "templateDeclaration" for e in root):
        message = _("%(kind)s: not a question type of Vietnamese tests (not imported)")
        raise _Refused(ImportProblem(at, message % {"kind": _("templated items (random values)")}), notes)
    notes += _images(body, filename, image)
    for math in [e for e in root.iter() if _local(e) == "math"]:
        _replace(math, mathml.delimited(math))
    try:
        kind, content, key_notes = _interaction(root, interaction, name)
    except ValueError as exc:
        raise _Refused(ImportProblem(at, str(exc)), notes) from exc
    explanation = _explanation(root, body, interaction)
    _put_in_place(interaction, name)
    draft = Draft(kind, _html(body), content, place, title=root.get("title", ""))
    draft.explanation, draft.notes = explanation, key_notes
    return [draft], notes


def _hint_note(hint, filename):
    title = hint.get("title") or hint.get("responseIdentifier", "")
    message = _("%(kind)s %(title)s (a hint or solution button): left out") % {
        "kind": _local(hint),
        "title": repr(title),
    }
    return ImportProblem(Place(filename, hint.sourceline, 1), message, blocking=False)


def _explanation(root, body, interaction):
    """Feedback outside the choices and a scorer's rubric, as the explanation; removed from the body."""
    parts = [_html(e) for e in root if _local(e) == "modalFeedback"]
    inside = set(interaction.iter())
    for element in [e for e in body.iter() if e not in inside]:
        name = _local(element)
        hidden = name == "rubricBlock" and "candidate" not in element.get("view", "candidate")
        if name in FEEDBACK or hidden:
            parts.append(_html(element))
            _replace(element, "")
    for hint in [e for e in body.iter() if _local(e) in HINTS]:
        _replace(hint, "")
    return "".join(f"<p>{part}</p>" for part in parts if part)


def _put_in_place(interaction, name):
    """The interaction's place in the stem: a blank for an inline one, its prompt for a block one."""
    if name in INLINE:
        holder = interaction.getparent()
        alone = len(holder) == 1 and not (holder.text or "").strip() and not (interaction.tail or "").strip()
        if alone and _local(holder) != "itemBody":  # an answer box of its own, not a gap in a sentence
            _replace(holder, "")
        else:
            _replace(interaction, f" {BLANK} ")
        return
    prompt = next((e for e in interaction if _local(e) == "prompt"), None)
    if prompt is None:
        _replace(interaction, "")
        return
    paragraph = etree.Element("p")
    paragraph.text, paragraph[:], paragraph.tail = prompt.text, list(prompt), interaction.tail
    interaction.addprevious(paragraph)
    interaction.getparent().remove(interaction)


def _images(body, filename, image):
    """Pictures of the item: from the package as data: URIs, else left out with a note (single item file)."""
    problems = []
    for element in [
        e for e in body.iter() if _local(e) == "img" and not e.get("src", "").startswith("data:")
    ]:
        place = Place(filename, element.sourceline, 1)
        if image is None:
            message = _("image %(src)s is not inside the file: left out") % {"src": repr(element.get("src"))}
            problems.append(ImportProblem(place, message, blocking=False))
            continue
        source, problem = image(element.get("src", ""))
        if problem:
            problems.append(ImportProblem(place, problem))
        else:
            element.set("src", source)
    return problems


_KEBAB = re.compile(r"-([a-z])")


def _as_version_2(root):
    """QTI 3.0 names as QTI 2.x ones: <qti-choice-interaction response-identifier> → <choiceInteraction
    responseIdentifier>; the two versions share this subset's structure."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element)
        if name.localname.startswith("qti-"):
            local = _KEBAB.sub(lambda match: match[1].upper(), name.localname.removeprefix("qti-"))
            element.tag = etree.QName(name.namespace, local).text if name.namespace else local
        for attribute in [a for a in element.attrib if "-" in a and not a.startswith(("data-", "{"))]:
            element.set(_KEBAB.sub(lambda match: match[1].upper(), attribute), element.attrib.pop(attribute))


def _key(root, identifier):
    """``(declaration, right values, partly right values)``: the correctResponse, or else the mapping's
    entries with the best score (those with less are partly right)."""
    declaration = next(
        (d for d in root if _local(d) == "responseDeclaration" and d.get("identifier") == identifier), None
    )
    if declaration is None:
        return None, [], []
    correct = next((e for e in declaration if _local(e) == "correctResponse"), None)
    right = [
        v.text.strip() for v in (correct if correct is not None else []) if _local(v) == "value" and v.text
    ]
    entries = [
        (e.get("mapKey", ""), _float(e.get("mappedValue")))
        for e in declaration.iter()
        if _local(e) == "mapEntry"
    ]
    best = max((value for _key, value in entries), default=0)
    if not right and best > 0:
        right = [key for key, value in entries if value == best]
    partial = [key for key, value in entries if 0 < value < best and key not in right]
    return declaration, right, partial


def _float(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return 0.0


def _interaction(root, interaction, name):
    """``(type, body, notes)`` of the one interaction; ``ValueError`` names what cannot be imported."""
    identifier = interaction.get("responseIdentifier")
    declaration, right, partial = _key(root, identifier)
    if name == "extendedTextInteraction":
        return "essay", {"rubric": []}, []
    if not right:
        message = _(
            "%(kind)s %(response)s has no correct answer (no correctResponse, no mapping): a survey or "
            "questionnaire item, not a test question; not imported"
        )
        raise ValueError(message % {"kind": name, "response": repr(identifier)})
    if name == "choiceInteraction":
        return _choices(interaction, right, partial)
    notes = []
    if partial:
        note = _(
            "answers worth part of the points were left out (a short answer is right or wrong): %(answers)s"
        )
        notes.append(note % {"answers": ", ".join(repr(p) for p in partial)})
    if declaration.get("baseType") in ("float", "integer"):
        return "short_answer", {"kind": "numeric", "value": right[0], "tolerance": "0"}, notes
    return "short_answer", {"kind": "text", "answers": right}, notes


def _choices(interaction, right, partial):
    if interaction.get("maxChoices", "1") != "1" or len(right) != 1:
        message = _(
            "choiceInteraction with several choices that earn points (%(choices)s): a multiple-response "
            "question, which the bank has no type for; not imported"
        )
        raise ValueError(message % {"choices": ", ".join([*right, *partial])})
    notes = []
    if partial:
        note = _("partial credit of choice(s) %(choices)s left out (one right choice earns the points)")
        notes.append(note % {"choices": ", ".join(partial)})
    choices = []
    for choice in [e for e in interaction if _local(e) == "simpleChoice"]:
        feedback = [e for e in choice.iter() if _local(e) in FEEDBACK]
        texts = [_html(e) for e in feedback]
        for element in feedback:
            _replace(element, "")
        choices.append(
            {
                "text": _html(choice),
                "correct": choice.get("identifier") == right[0],
                "feedback": " ".join(text for text in texts if text),
            }
        )
    return "multiple_choice", {"choices": choices}, notes
