"""Checks every draft must pass before anything is stored, and the fingerprint that finds duplicates."""

import base64
import binascii
import hashlib
import re

from django.utils.translation import gettext as _

from openedx_vn.core.vietnamese import fold
from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank.importing import images
from openedx_vn.qbank.scoring import parse_number

_TAGS = re.compile(r"<[^>]+>")
MAX_STATEMENTS = 6


def _plain(html):
    return " ".join(fold(_TAGS.sub(" ", html or "")).split())


def fingerprint(draft):
    """Same type, stem and options (in any order) → same fingerprint."""
    options = sorted(_plain(c["text"]) for c in draft.body.get("choices", []))
    options += sorted(_plain(s["text"]) for s in draft.body.get("statements", []))
    return hashlib.sha256("|".join([draft.type, _plain(draft.stem), *options]).encode()).hexdigest()


def curriculum_missing(known_outcomes):
    """The file's one problem when none of its outcome codes is known because no curriculum was ever loaded:
    the command to run, instead of every code listed as unknown; None otherwise."""
    if known_outcomes is None or known_outcomes:
        return None
    try:
        curriculum_api.get_current_version()
    except curriculum_api.CurriculumError:
        return _(
            "the curriculum is not loaded, so the learning outcome codes cannot be checked: run "
            "./manage.py lms load_curriculum, then import the file again"
        )
    return None


def problems_of(draft, known_outcomes=None):
    """What is wrong with a draft, as messages (empty when it can be stored).

    ``known_outcomes`` (a set of curriculum codes, or None to skip the check) catches mistyped outcome codes.
    """
    problems = []
    if known_outcomes is not None:
        unknown = [code for code in draft.outcome_codes if code not in known_outcomes]
        if unknown:
            problems.append(_("unknown learning outcome code(s): %(codes)s") % {"codes": ", ".join(unknown)})
    if not _plain(draft.stem) and draft.type != "true_false_cluster":
        problems.append(_("the question has no text"))
    problems += _pictures(draft)
    check = _CHECKS.get(draft.type)
    if check is None:
        return [*problems, _("unknown question type %(type)s") % {"type": repr(draft.type)}]
    return problems + check(draft.body)


def _html_fields(draft):
    yield draft.stem
    yield draft.explanation
    for key in ("choices", "statements"):
        for entry in draft.body.get(key, []):
            yield entry.get("text")
            yield entry.get("feedback")


def _pictures(draft):
    """A data: picture must hold the format it claims (it becomes a file of that type when stored)."""
    problems = []
    for text in _html_fields(draft):
        for match in images.DATA_URI.finditer(text or ""):
            try:
                kind = images.image_type(base64.b64decode(match[2], validate=True))
            except (binascii.Error, ValueError):
                kind = None
            if kind != match[1]:
                problems.append(
                    _("a picture declared %(type)s is not a readable %(format)s")
                    % {"type": match[1], "format": match[1].split("/")[1].upper()}
                )
    return problems


def _multiple_choice(body):
    choices = body.get("choices") or []
    problems = []
    if len(choices) < 2:
        problems.append(_("at least 2 options are needed, found %(count)s") % {"count": len(choices)})
    if sum(1 for choice in choices if choice["correct"]) != 1:
        problems.append(_("exactly one option must be marked right"))
    if any(not _plain(choice["text"]) and "<img" not in choice["text"] for choice in choices):
        problems.append(_("an option is empty"))
    return problems


def _true_false(body):
    statements = body.get("statements") or []
    if not 1 <= len(statements) <= MAX_STATEMENTS:
        message = _("1 to %(most)s statements are needed, found %(count)s")
        return [message % {"most": MAX_STATEMENTS, "count": len(statements)}]
    return []


def _short_answer(body):
    if body.get("kind") == "numeric":
        for text in (str(body.get("value")), str(body.get("tolerance", "0"))):
            try:
                parse_number(text)
            except ValueError:
                return [_("%(text)s is not a number (write it like -1,5)") % {"text": repr(text)}]
        return []
    return [] if body.get("answers") else [_("no accepted answer")]


def _essay(body):
    return []


_CHECKS = {
    "multiple_choice": _multiple_choice,
    "true_false_cluster": _true_false,
    "short_answer": _short_answer,
    "essay": _essay,
}
