"""Aiken: a plain-text stem, options "A." or "A)" (one per line), then "ANSWER: X". Moodle's rules."""

import re

from django.utils.translation import gettext as _

from openedx_vn.qbank.importing.drafts import Draft, ImportProblem, Place
from openedx_vn.qbank.importing.sanitize import text_to_html

_OPTION = re.compile(r"^([A-Z])[.)]\s*(.*)$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*(.*)$", re.IGNORECASE)


def read(text, filename):
    """Return ``(drafts, problems)``; every problem names its line and question number."""
    drafts, problems = [], []
    state = {"stem": [], "options": [], "line": None}

    def fail(line, message):
        problems.append(ImportProblem(Place(filename, line, len(drafts) + len(problems) + 1), message))

    def reset():
        state.update(stem=[], options=[], line=None)

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        answer, option = _ANSWER.match(line), _OPTION.match(line)
        if answer:
            _finish(state, answer[1].strip(), number, filename, drafts, fail)
            reset()
        elif option and state["stem"]:
            state["options"].append((option[1], option[2].strip()))
        elif option:
            fail(number, _("an option comes before the question text"))
        else:
            if state["options"]:  # text after options: the previous question never got its ANSWER line
                fail(state["line"], _("the question has no ANSWER line"))
                reset()
            state["line"] = state["line"] or number
            state["stem"].append(line)
    if state["stem"]:
        fail(state["line"], _("the question has no ANSWER line"))
    return drafts, problems


def _finish(state, letter, line, filename, drafts, fail):
    if not state["stem"]:
        fail(line, _("ANSWER without a question"))
        return
    letters = [key for key, _ in state["options"]]
    if len(letters) < 2:
        fail(
            state["line"], _("a question needs at least 2 options, found %(count)s") % {"count": len(letters)}
        )
    elif letter not in letters:
        message = _("ANSWER %(letter)s is not one of the options %(letters)s")
        fail(line, message % {"letter": repr(letter), "letters": ", ".join(letters)})
    else:
        choices = [{"text": text_to_html(text), "correct": key == letter} for key, text in state["options"]]
        place = Place(filename, state["line"], len(drafts) + 1)
        stem = text_to_html("\n".join(state["stem"]))
        drafts.append(Draft("multiple_choice", stem, {"choices": choices}, place))
