"""Export questions as GIFT (Moodle's text format), UTF-8, which Moodle and our own GIFT reader take back.

- Texts are written as ``[html]`` (the bank stores sanitised HTML) with GIFT's special characters escaped
  (``~ = # { } :`` and the backslash) and line breaks as ``\\n``: a blank line would end the question.
- Categories become ``$CATEGORY: $course$/top/<category>`` lines; questions without a category come first
  (GIFT has no way back to "no category" once a category line was written), then each category in the order
  it first appears.
- Multiple choice: ``=right#feedback ~wrong#feedback``; the explanation (lời giải) is the general feedback
  (``####``).
- Đúng/sai clusters: GIFT has no cluster, so each statement becomes one true/false question (``{T}``/``{F}``)
  whose text is the cluster's stem, a line break and "a) statement", titled "<title> a)"; a comment line
  before them says they were one question. Brought back, they are separate one-statement questions, and the
  national-exam scale (0,1 / 0,25 / 0,5 / 1) becomes one mark per statement: a note says so.
- Numeric short answers: ``{#value:tolerance}`` with a decimal point (GIFT's syntax; Moodle accepts a
  student's decimal comma where its language pack says so).
- Text short answers: ``{=answer =other}``; essays: ``{}`` (the rubric has no GIFT form).
Points have no GIFT form either (Moodle sets marks on the quiz).
"""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

SPECIAL = "\\~=#{}:"
# Every character Python's splitlines() ends a line at: any of them would end a GIFT line or comment.
_BREAKS = re.compile("\r\n|[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def escape(text):
    """Text safe inside GIFT: special characters escaped, line breaks as ``\\n``."""
    out = "".join("\\" + char if char in SPECIAL else char for char in text or "")
    return _BREAKS.sub(lambda _match: "\\n", out)


def one_line(text):
    """Text for a comment, a title or a category line: its line breaks as spaces (names come from other
    systems, Moodle's included, and a line break there would start GIFT of its own)."""
    return " ".join(_BREAKS.sub(" ", text or "").split())


def _number(value):
    """A bank number ("-1.5", "2") as GIFT writes it: decimal point, no exponent, no trailing zeros."""
    number = Decimal(str(value)).normalize()
    return format(number, "f") if number != number.to_integral() else format(number.quantize(1), "f")


def _head(version, title_suffix="", id_suffix=""):
    lines = [f"// [id:{version.question.uuid}{id_suffix}]"]  # Moodle's idnumber: unique in a category
    title = one_line(version.title) + title_suffix
    prefix = f"::{escape(title)}::" if title.strip() else ""
    return lines, prefix + "[html]"


def _general(version):
    return f"\n####{escape(version.explanation)}" if version.explanation else ""


def _multiple_choice(version):
    lines, head = _head(version)
    answers = []
    for choice in version.body["choices"]:
        mark = "=" if choice["correct"] else "~"
        feedback = f"#{escape(choice['feedback'])}" if choice.get("feedback") else ""
        answers.append(f"\t{mark}{escape(choice['text'])}{feedback}")
    lines.append(f"{head}{escape(version.stem)} {{\n" + "\n".join(answers) + _general(version) + "\n}")
    return lines, []


def _true_false(version):
    statements = version.body["statements"]
    if len(statements) == 1 and not statements[0]["text"].strip():
        # One statement without text: the stem is the statement (what a GIFT true/false question is).
        lines, head = _head(version)
        mark = "T" if statements[0]["is_true"] else "F"
        lines.append(f"{head}{escape(version.stem)} {{{mark}{_general(version)}}}")
        return lines, []
    name = one_line(version.title) or str(version.question.uuid)
    lines = [
        f"// {name}: đúng/sai, {len(statements)} statements written as {len(statements)} true/false questions"
    ]
    for letter, statement in zip("abcdef", statements, strict=False):
        more, head = _head(version, f" {letter})", f"-{letter}")
        text = f"{version.stem}<br>{letter}) {statement['text']}"
        mark = "T" if statement["is_true"] else "F"
        lines += [*more, f"{head}{escape(text)} {{{mark}{_general(version)}}}", ""]
    note = _("%(question)s: đúng/sai written as %(count)s separate true/false questions (one mark each)") % {
        "question": name,
        "count": len(statements),
    }
    return lines[:-1], [note]


def _short_answer(version):
    lines, head = _head(version)
    body = version.body
    if body["kind"] == "numeric":
        key = f"#{_number(body['value'])}:{_number(body.get('tolerance', '0'))}"
    else:
        key = " ".join(f"={escape(answer)}" for answer in body["answers"])
    lines.append(f"{head}{escape(version.stem)} {{{key}{_general(version)}}}")
    return lines, []


def _essay(version):
    lines, head = _head(version)
    lines.append(f"{head}{escape(version.stem)} {{{_general(version)}}}")
    return lines, []


_WRITERS = {
    "multiple_choice": _multiple_choice,
    "true_false_cluster": _true_false,
    "short_answer": _short_answer,
    "essay": _essay,
}


def _by_category(versions):
    groups = {}
    for version in versions:
        groups.setdefault((version.category or "").strip(), []).append(version)
    order = sorted(groups, key=lambda category: category != "")  # stable: first appearance otherwise
    return [(category, groups[category]) for category in order]


def export(versions):
    """``(GIFT text as UTF-8 bytes, notes)`` for question versions (notes: what GIFT could not keep)."""
    blocks, notes = [], []
    for category, group in _by_category(versions):
        if category:
            blocks.append(f"$CATEGORY: $course$/top/{one_line(category)}")
        for version in group:
            writer = _WRITERS.get(version.type)
            if writer is None:
                message = _("%(question)s: type %(type)s not exported")
                notes.append(
                    message % {"question": version.title or version.question.uuid, "type": repr(version.type)}
                )
                continue
            lines, more = writer(version)
            blocks.append("\n".join(lines))
            notes += more
    return ("\n\n".join(blocks) + "\n").encode("utf-8"), notes
