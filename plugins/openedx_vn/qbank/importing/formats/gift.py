"""GIFT (Moodle's text format) parser.

``parse`` returns one dict per item, in the shape of the gift-pegjs parser's output (type MC, TF, Short,
Numerical, Matching, Essay, Description, Category; stem/choices/feedback as {format, text}), plus ``line``:
the line where the item starts. The import pipeline maps those items onto our question types.
"""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from openedx_vn.core.memory import collector_paused

ESCAPABLE = "~=#{}:\\"
_FORMAT = re.compile(r"^\[(html|moodle|markdown|plain)\]", re.IGNORECASE)
_TF = re.compile(r"^(TRUE|FALSE|T|F)(?=\s*(#|$))")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_META = re.compile(r"\[(id|tag):([^\]]*)\]")
_ESCAPE = re.compile(r"\\([~=#{}:\\n])")
BLANK = "_____"


class GiftSyntaxError(ValueError):
    def __init__(self, line, message):
        self.line = line
        super().__init__(message)


def parse(text):
    """Parse GIFT text into items (see module docstring); raise ``GiftSyntaxError`` for broken syntax.

    A compiled pattern finds the paragraphs (runs of non-blank lines). A paragraph that starts outside any
    item and is one plain item (``_PLAIN_HEAD``) is read here at once; any other paragraph (and the blank
    lines after an unclosed '{') goes line by line through ``_Lines``.
    """
    # Tens of thousands of small dicts and no cycles: the collector would only walk them again and again.
    with collector_paused():
        return _parse(text)


def _parse(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    items, lines = [], _Lines()
    number, counted, start = 1, 0, 0  # line number of text[counted]; where the text not yet read starts
    for paragraph in _PARAGRAPH.finditer(text):
        first = paragraph.start()
        if lines.chunk:  # inside an open answer block: its blank lines belong to it
            gap = text[start:first].split("\n")[:-1]
            items += _items(lines.feed(gap, number + text.count("\n", counted, start)))
        number += text.count("\n", counted, first)
        counted, start = first, paragraph.end() + 1
        body = paragraph[0]
        head = (
            _PLAIN_HEAD.match(body)
            if not lines.chunk and "//" not in body and "$CATEGORY:" not in body
            else None
        )
        if head:
            meta, lines.meta = lines.meta or _NO_META, None
            squeeze = str.strip if _simply_spaced(body) else _squeeze
            items.append(_plain_item(*head.groups(), number, meta, squeeze) or _item(body, number, meta))
        else:
            items += _items(lines.feed(body.split("\n"), number))
    if start <= len(text):
        items += _items(lines.feed(text[start:].split("\n"), number + text.count("\n", counted, start)))
    items += _items(lines.end())
    return items


def _items(chunks):
    return [_item(chunk, line, meta) for chunk, line, meta in chunks]


# A paragraph that is one plain item: no backslash or '[' (nor comment or category: checked before),
# [::title::] stem {answers} with nothing after the answers, the only braces. Its groups: title (None
# without one), stem, answers.
_PLAIN_HEAD = re.compile(
    r"\s*(?:::([^{}\\\[]*?)::\s*|(?!::))([^{}\\\[]*)\{([^{}\\\[]*)\}\s*\Z",
    re.DOTALL,
)
# One answer of a plain list (no backslash, '[', '->' or '####'): sign, weight, text, '#' + feedback.
_PLAIN_CHOICE = re.compile(r"([~=])\s*(?:%(-?\d+(?:\.\d+)?)%)?([^~=#]*)(#[^~=]*)?")


def _plain_item(title, stem, answers, line, meta, squeeze):
    """The commonest items (multiple choice, short answer, numbers, true/false; none embedded) of a plain
    paragraph (``_PLAIN_HEAD``) in a few C-level string operations: the same dict ``_item`` gives, or None
    to let ``_item`` read it. Equality with the reference parser is tested on random items.

    ``squeeze`` collapses a text's whitespace: ``str.strip`` does it when the paragraph's only whitespace
    is single spaces (``_simply_spaced``), saving the split into words and the join of nearly every text.
    """
    answers = answers.strip()
    if not answers or "->" in answers or "####" in answers:
        return None
    if title is not None:
        title = squeeze(title) or None
    stem = squeeze(stem)
    item = {
        "type": None,
        "id": meta["id"],
        "tags": meta["tags"],
        "title": title,
        "line": line,
        "stem": {"format": "moodle", "text": stem} if stem else None,
        "hasEmbeddedAnswers": False,
        "globalFeedback": None,
    }
    sign = answers[0]
    if sign == "#":
        item["type"], item["choices"] = "Numerical", _numerical(answers[1:].strip(), "moodle", line)
        return item
    if sign in "TF" and (tf := _TF.match(answers)):
        feedback = [_plain_text(squeeze(part)) for part in answers[tf.end() :].split("#")[1:]] + [None, None]
        item["type"], item["isTrue"] = "TF", tf[1][0] == "T"
        item["trueFeedback"], item["falseFeedback"] = feedback[0], feedback[1]
        return item
    if sign not in "~=":
        answers = "=" + answers  # one right short answer needs no "="
    item["type"] = "MC" if "~" in answers else "Short"  # without escapes every '~' starts a wrong answer
    item["choices"] = [
        {
            "isCorrect": sign == "=",
            "weight": _number(weight) if weight else None,
            "text": {"format": "moodle", "text": text} if (text := squeeze(raw)) else None,
            "feedback": _plain_text(squeeze(feedback[1:])) if feedback else None,
        }
        for sign, weight, raw, feedback in _PLAIN_CHOICE.findall(answers)
    ]
    return item


def _plain_text(text):
    return {"format": "moodle", "text": text} if text else None


def _squeeze(text):
    return " ".join(text.split())


def _simply_spaced(text):
    """True if single spaces are the text's only whitespace: then stripping a part of it squeezes it.
    (Tabs, line breaks and Unicode spaces are not printable; Python splits at exactly those and ' '.)"""
    return "  " not in text and text.isprintable()


# ------------------------------------------------------------------ chunks
# Speed: every scanner below first asks whether its text holds a backslash at all. Without one (nearly every
# real question) an escape-aware scan equals the plain str.find/count/split, which run in C; with one, the
# escape-aware regular expressions run. Both give the same result (tests/.../test_gift_speedups.py).
_PARAGRAPH = re.compile(r"[^\S\n]*\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*")


_NO_META = {"id": None, "tags": None}  # read only: shared by every item without comments before it


class _Lines:
    """Reads lines one by one: the item being read, where it started, its answer-block depth, id and tags."""

    def __init__(self):
        self.chunk, self.start, self.depth, self.meta = [], None, 0, None

    def take_meta(self):
        meta, self.meta = self.meta or _NO_META, None
        return meta

    def end(self):
        if self.chunk:
            yield "\n".join(self.chunk), self.start, self.take_meta()
            self.chunk, self.start = [], None

    def feed(self, lines, number):
        for line in lines:
            if self.depth == 0:
                stripped = line.strip()
                if not stripped:
                    yield from self.end()
                    number += 1
                    continue
                if stripped.startswith("//"):
                    for kind, value in _META.findall(stripped):
                        self.meta = self.meta or {"id": None, "tags": None}
                        if kind == "id":
                            self.meta["id"] = value
                        else:
                            self.meta["tags"] = [*(self.meta["tags"] or []), value]
                    number += 1
                    continue
                if not self.chunk and stripped.startswith("$CATEGORY:"):
                    # A category is one line, even without a blank line after it; the id and tags of the
                    # comments before it stay for the question that follows.
                    self.meta = self.meta or {"id": None, "tags": None}
                    yield stripped, number, self.meta
                    number += 1
                    continue
            if self.start is None:
                self.start = number
            self.chunk.append(line)
            self.depth = max(0, self.depth + _brace_balance(line))
            number += 1


# Scanners: an escape (backslash + any character) is matched first, so what it escapes is never a target.
_BRACES = re.compile(r"\\.|[{}]", re.DOTALL)
_TARGETS = {}
# Without a backslash: the parts of a list of answers, each from its separator up to the next one.
_PLAIN_PARTS = {}


def _brace_balance(line):
    if "\\" not in line:
        return line.count("{") - line.count("}")
    return sum(1 if m[0] == "{" else -1 for m in _BRACES.finditer(line) if m[0] in "{}")


def _scanner(target):
    if target not in _TARGETS:
        _TARGETS[target] = re.compile(r"\\.|" + re.escape(target), re.DOTALL)
    return _TARGETS[target]


def _find(text, target, start=0):
    """Index of the first unescaped ``target`` at or after ``start``, or -1."""
    if "\\" not in text:
        return text.find(target, start)
    for match in _scanner(target).finditer(text, start):
        if match[0] == target:
            return match.start()
    return -1


def _split(text, separators):
    """Split at unescaped separator characters, keeping each separator at the start of its part."""
    if "\\" not in text:
        if separators not in _PLAIN_PARTS:
            chars = re.escape(separators)
            _PLAIN_PARTS[separators] = re.compile(f"[{chars}]?[^{chars}]*")
        return [part for part in _PLAIN_PARTS[separators].findall(text) if part.strip()]
    cuts = [m.start() for m in _scanner_any(separators).finditer(text) if m[0] in separators]
    bounds = [0, *cuts, len(text)]
    parts = [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    return [part for part in parts if part.strip()]


def _scanner_any(characters):
    key = "[" + characters + "]"
    if key not in _TARGETS:
        _TARGETS[key] = re.compile(r"\\.|[" + re.escape(characters) + "]", re.DOTALL)
    return _TARGETS[key]


# -------------------------------------------------------------------- text
def _clean(raw, fmt):
    """Resolve escapes (\\n is a newline) and, except in Markdown, collapse whitespace; None for empty text.

    A leading format tag ([html], [markdown], ...) on an answer overrides the question's format.
    """
    raw = raw.strip()
    if raw[:1] == "[":
        match = _FORMAT.match(raw)
        if match:
            fmt, raw = match[1].lower(), raw[match.end() :].strip()
    # Markdown and HTML keep their line breaks (they mean something there); Moodle's own format does not.
    text = raw if fmt in ("markdown", "html") else " ".join(raw.split())
    if "\\" in text:
        text = _ESCAPE.sub(lambda m: "\n" if m[1] == "n" else m[1], text).strip()
    return {"format": fmt, "text": text} if text else None


def _text_and_feedback(raw, fmt):
    cut = _find(raw, "#")
    if cut < 0:
        return _clean(raw, fmt), None
    return _clean(raw[:cut], fmt), _clean(raw[cut + 1 :], fmt)


# -------------------------------------------------------------------- items
def _item(chunk, line, meta):
    body = chunk.strip()
    if body.startswith("$CATEGORY:"):
        return {"type": "Category", "title": body[len("$CATEGORY:") :].strip(), "line": line}
    title = None
    if body.startswith("::"):
        end = _find(body, "::", 2)
        if end < 0:
            raise GiftSyntaxError(line, _("the title opened with '::' is not closed"))
        cleaned = _clean(body[2:end], "moodle")
        title = cleaned["text"] if cleaned else None
        body = body[end + 2 :].lstrip()
    fmt = "moodle"
    if body[:1] == "[":
        match = _FORMAT.match(body)
        if match:
            fmt, body = match[1].lower(), body[match.end() :]
    item = {"id": meta["id"], "tags": meta["tags"], "title": title, "line": line}
    opening = _find(body, "{")
    if opening < 0:
        return {**item, "type": "Description", "stem": _clean(body, fmt), "hasEmbeddedAnswers": False}
    closing = _find(body, "}", opening)
    if closing < 0:
        raise GiftSyntaxError(line, _("the answer block opened with '{' is not closed"))
    before, answers, after = body[:opening], body[opening + 1 : closing], body[closing + 1 :]
    embedded = bool(after.strip())
    stem_raw = f"{before.rstrip()} {BLANK} {after.lstrip()}" if embedded else before
    item.update(stem=_clean(stem_raw, fmt), hasEmbeddedAnswers=embedded, globalFeedback=None)
    if "####" in answers:
        general = _find(answers, "####")
        if general >= 0:
            item["globalFeedback"] = _clean(answers[general + 4 :], fmt)
            answers = answers[:general]
    return _answers(item, answers.strip(), fmt, line)


def _answers(item, answers, fmt, line):
    if not answers:
        return {**item, "type": "Essay"}
    if answers.startswith("#"):
        return {**item, "type": "Numerical", "choices": _numerical(answers[1:].strip(), fmt, line)}
    tf = _TF.match(answers) if answers[0] in "TF" else None
    if tf:
        feedback = [_clean(part, fmt) for part in answers[tf.end() :].split("#")[1:]]
        feedback += [None, None]
        return {
            **item,
            "type": "TF",
            "isTrue": tf[1].startswith("T"),
            "trueFeedback": feedback[0],
            "falseFeedback": feedback[1],
        }
    if answers[0] not in "~=":
        answers = "=" + answers  # one right short answer needs no "="
    choices, pairs, wrong, has_wrong = [], 0, False, None
    for part in _split(answers, "~="):
        sign = part[0]
        if sign not in "~=":
            message = _("an answer must start with '~' or '=': %(answer)s") % {
                "answer": repr(part.strip()[:40])
            }
            raise GiftSyntaxError(line, message)
        raw = part[1:].strip()
        weight = _WEIGHT.match(raw) if raw[:1] == "%" else None
        if weight:
            raw = raw[weight.end() :]
        if sign == "=" and "->" in raw:
            arrow = _find(raw, "->")
            if arrow >= 0:
                if has_wrong is None:
                    has_wrong = _has_wrong_answer(answers)
                if not has_wrong:
                    question = _clean(raw[:arrow], fmt) or {"format": fmt, "text": ""}
                    choices.append({"subquestion": question, "subanswer": raw[arrow + 2 :].strip()})
                    pairs += 1
                    continue
        cut = _find(raw, "#") if "#" in raw else -1
        text, feedback = (
            (_clean(raw, fmt), None) if cut < 0 else (_clean(raw[:cut], fmt), _clean(raw[cut + 1 :], fmt))
        )
        wrong = wrong or sign == "~"
        choices.append(
            {
                "isCorrect": sign == "=",
                "weight": _number(weight[1]) if weight else None,
                "text": text,
                "feedback": feedback,
            }
        )
    if pairs and pairs == len(choices):
        return {**item, "type": "Matching", "matchPairs": choices}
    if pairs:
        raise GiftSyntaxError(line, _("matching pairs ('->') mixed with answers without '->'"))
    return {**item, "type": "MC" if wrong else "Short", "choices": choices}


def _has_wrong_answer(answers):
    return any(part.startswith("~") for part in _split(answers, "~="))


def _numerical(answers, fmt, line):
    if not answers.startswith("=") and not answers.startswith("~"):
        if _find(answers, "~") < 0 and _find(answers, "=") < 0:
            return _number_spec(answers.split("#")[0].strip(), line, simple=True)
        answers = "=" + answers  # Moodle writes {#3:2~#wrong}: the first answer is the right one
    choices = []
    for part in _split(answers, "~="):
        raw = part[1:].strip()
        weight = _WEIGHT.match(raw) if raw[:1] == "%" else None
        if weight:
            raw = raw[weight.end() :]
        cut = _find(raw, "#")
        spec, feedback = (raw, None) if cut < 0 else (raw[:cut], _clean(raw[cut + 1 :], fmt))
        # Moodle writes a wrong numerical answer without a number as "~*#feedback".
        wrong = part[0] == "~" and not _is_number(spec)
        value = _clean(spec.strip() or "*", fmt) if wrong else _number_spec(spec.strip(), line)
        choices.append(
            {
                "isCorrect": part[0] == "=",
                "weight": _number(weight[1]) if weight else None,
                "text": value,
                "feedback": feedback,
            }
        )
    return choices


def _number_spec(spec, line, simple=False):
    try:
        if ".." in spec:
            low, high = spec.split("..", 1)
            return {"type": "high-low", "numberHigh": _number(high), "numberLow": _number(low)}
        if ":" in spec:
            value, margin = spec.split(":", 1)
            return {"type": "range", "number": _number(value), "range": _number(margin)}
        return (
            {"type": "simple", "number": _number(spec)}
            if simple
            else {"type": "range", "number": _number(spec), "range": 0}
        )
    except ValueError as exc:
        raise GiftSyntaxError(line, _("%(text)s is not a number") % {"text": repr(spec)}) from exc


def _is_number(text):
    try:
        _number_spec(text.strip(), 0)
    except GiftSyntaxError:
        return False
    return True


def _number(text):
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


# ------------------------------------------------------- items → questions
def read(text, filename):
    """``(drafts, problems)`` for the import pipeline; types with no Vietnamese equivalent are refused."""
    from openedx_vn.qbank.importing.drafts import Draft, ImportProblem, Place  # noqa: PLC0415

    try:
        items = parse(text)
    except GiftSyntaxError as exc:
        return [], [ImportProblem(Place(filename, exc.line), str(exc))]
    drafts, problems, category, number = [], [], "", 0
    for item in items:
        if item["type"] == "Category":
            category = item["title"].replace("$course$/", "").replace("top/", "")
            continue
        number += 1
        place = Place(filename, item["line"], number)
        if item["type"] == "Description":
            note = _("a description, not a question: left out")
            problems.append(ImportProblem(place, note, blocking=False))
            continue
        try:
            question_type, body, notes = _map(item)
        except ValueError as exc:
            problems.append(ImportProblem(place, str(exc)))
            continue
        draft = Draft(question_type, _html(item["stem"]), body, place, title=item.get("title") or "")
        draft.category, draft.notes = category, notes
        draft.explanation = _html(item.get("globalFeedback"))
        drafts.append(draft)
    return drafts, problems


def _html(text):
    from openedx_vn.qbank.importing.sanitize import text_to_html  # noqa: PLC0415

    if not text:
        return ""
    return text["text"] if text["format"] in ("html", "moodle") else text_to_html(text["text"])


def _fraction(choice):
    """The share of the points an answer earns, in percent: its %weight%, else 100 for "=" and 0 for "~"."""
    if choice.get("weight") is not None:
        return choice["weight"]
    return 100 if choice["isCorrect"] else 0


def _answer_text(choice):
    return (choice.get("text") or {}).get("text", "")


def _weights(choices):
    return ", ".join(f"{_answer_text(c)!r} {_percent(_fraction(c))}" for c in choices)


def _percent(value):
    return f"{_plain_number(value).replace('.', ',')}%"


def _map(item):
    kind = item["type"]
    if kind == "MC":
        return _multiple_choice(item["choices"])
    if kind == "TF":
        return "true_false_cluster", {"statements": [{"text": "", "is_true": item["isTrue"]}]}, []
    if kind == "Short":
        full = [c for c in item["choices"] if _fraction(c) >= 100]
        if not full:
            raise ValueError(_("no answer earns all the points ('=' or %100%)"))
        dropped = [c for c in item["choices"] if c not in full and _answer_text(c) not in ("", "*")]
        notes = []
        if dropped:
            note = _(
                "answers worth part of the points were left out "
                "(a short answer is right or wrong): %(answers)s"
            )
            notes.append(note % {"answers": _weights(dropped)})
        answers = [_answer_text(c) for c in full if _answer_text(c)]
        return "short_answer", {"kind": "text", "answers": answers}, notes
    if kind == "Numerical":
        return "short_answer", _numeric_key(item["choices"]), _numeric_notes(item["choices"])
    if kind == "Essay":
        return "essay", {"rubric": []}, []
    if kind == "Matching":
        raise ValueError(
            _(
                "matching question ('->' pairs): the bank has no matching type, not imported; "
                "write each pair as a multiple-choice question"
            )
        )
    message = _("%(kind)s: not a question type of Vietnamese tests (not imported)")
    raise ValueError(message % {"kind": kind})


def _multiple_choice(choices):
    """One option worth 100%: multiple choice (partial credit on others dropped, with a note). Otherwise a
    multiple-response question, which the bank cannot score: refused, naming the weights."""
    full = [c for c in choices if _fraction(c) >= 100]
    partial = [c for c in choices if 0 < _fraction(c) < 100]
    if len(full) != 1:
        if len(full) > 1 and all(c["weight"] is None for c in choices):  # several "=": a slip, not weights
            raise ValueError(
                _("%(count)s options are marked right; a multiple-choice question needs exactly one")
                % {"count": len(full)}
            )
        if len(full) > 1 or partial:
            raise ValueError(
                _(
                    "several options earn points (%(weights)s): a multiple-response question with partial "
                    "credit, which the bank has no type for; not imported. Keep one right option, or split "
                    "it into true/false statements"
                )
                % {"weights": _weights(full + partial)}
            )
        raise ValueError(_("no option is marked right ('=' or %100%)"))
    body = [
        {"text": _html(c["text"]), "correct": c is full[0], "feedback": _html(c["feedback"])} for c in choices
    ]
    notes = []
    if partial:
        note = _(
            "options worth part of the points now earn none (the bank scores one right option): %(weights)s"
        )
        notes.append(note % {"weights": _weights(partial)})
    penalised = [c for c in choices if _fraction(c) < 0]
    if penalised:
        note = _("negative weights dropped (a wrong option earns 0 points): %(weights)s")
        notes.append(note % {"weights": _weights(penalised)})
    return "multiple_choice", {"choices": body}, notes


def _numeric_notes(choices):
    if isinstance(choices, dict):
        return []
    dropped = [c for c in choices if c["isCorrect"] and 0 < _fraction(c) < 100]
    if not dropped:
        return []
    values = ", ".join(_percent(_fraction(c)) for c in dropped)
    note = _(
        "%(count)s answer(s) worth part of the points left out (%(weights)s): "
        "only the fully right value counts"
    )
    return [note % {"count": len(dropped), "weights": values}]


def _numeric_key(choices):
    if isinstance(choices, dict):
        choices = [{"isCorrect": True, "weight": None, "text": choices}]
    full = [
        c["text"] for c in choices if c["isCorrect"] and c["weight"] in (None, 100) and "type" in c["text"]
    ]
    if not full:
        raise ValueError(_("no fully right numeric answer"))
    spec = full[0]
    if spec["type"] == "high-low":
        low, high = Decimal(str(spec["numberLow"])), Decimal(str(spec["numberHigh"]))
        return {
            "kind": "numeric",
            "value": _plain_number((low + high) / 2),
            "tolerance": _plain_number((high - low) / 2),
        }
    return {
        "kind": "numeric",
        "value": _plain_number(spec["number"]),
        "tolerance": _plain_number(spec.get("range", 0)),
    }


def _plain_number(value):
    return format(Decimal(str(value)).normalize(), "f")
