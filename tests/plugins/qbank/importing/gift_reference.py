"""The GIFT parser as it was before its fast paths (commit 2aaaffa), kept unchanged as the reference the
fast parser must equal on every input (test_gift_speedups.py). Not used by the product."""

import re


def _(text):
    return text


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
    """Parse GIFT text into items (see module docstring); raise ``GiftSyntaxError`` for broken syntax."""
    return [_item(chunk, line, meta) for chunk, line, meta in _chunks(text)]


# ------------------------------------------------------------------ chunks
def _chunks(text):
    """Split into (item text, first line, {id, tags}); blank lines end an item outside an answer block."""
    chunk, start, depth, meta = [], None, 0, {"id": None, "tags": None}
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        stripped = line.strip()
        if depth == 0 and stripped.startswith("//"):
            for kind, value in _META.findall(stripped):
                if kind == "id":
                    meta["id"] = value
                else:
                    meta["tags"] = [*(meta["tags"] or []), value]
            continue
        if depth == 0 and not stripped:
            if chunk:
                yield "\n".join(chunk), start, meta
                chunk, start, meta = [], None, {"id": None, "tags": None}
            continue
        if depth == 0 and not chunk and stripped.startswith("$CATEGORY:"):
            yield stripped, number, meta  # a category is one line, even without a blank line after it
            continue
        if start is None:
            start = number
        chunk.append(line)
        depth = max(0, depth + _brace_balance(line))
    if chunk:
        yield "\n".join(chunk), start, meta


# Scanners: an escape (backslash + any character) is matched first, so what it escapes is never a target.
_BRACES = re.compile(r"\\.|[{}]", re.DOTALL)
_TARGETS = {}


def _brace_balance(line):
    return sum(1 if m[0] == "{" else -1 for m in _BRACES.finditer(line) if m[0] in "{}")


def _scanner(target):
    if target not in _TARGETS:
        _TARGETS[target] = re.compile(r"\\.|" + re.escape(target), re.DOTALL)
    return _TARGETS[target]


def _find(text, target, start=0):
    """Index of the first unescaped ``target`` at or after ``start``, or -1."""
    for match in _scanner(target).finditer(text, start):
        if match[0] == target:
            return match.start()
    return -1


def _split(text, separators):
    """Split at unescaped separator characters, keeping each separator at the start of its part."""
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
    match = _FORMAT.match(raw.strip())
    if match:
        fmt, raw = match[1].lower(), raw.strip()[match.end() :]
    # Markdown and HTML keep their line breaks (they mean something there); Moodle's own format does not.
    text = raw.strip() if fmt in ("markdown", "html") else " ".join(raw.split())
    out = _ESCAPE.sub(lambda m: "\n" if m[1] == "n" else m[1], text).strip()
    return {"format": fmt, "text": out} if out else None


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
        title = _clean(body[2:end], "moodle")["text"] if _clean(body[2:end], "moodle") else None
        body = body[end + 2 :].lstrip()
    fmt = "moodle"
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
    tf = _TF.match(answers)
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
    choices = []
    for part in _split(answers, "~="):
        if part[0] not in "~=":
            message = _("an answer must start with '~' or '=': %(answer)s") % {
                "answer": repr(part.strip()[:40])
            }
            raise GiftSyntaxError(line, message)
        raw = part[1:].strip()
        weight = _WEIGHT.match(raw)
        if weight:
            raw = raw[weight.end() :]
        if part[0] == "=" and _find(raw, "->") >= 0 and not _has_wrong_answer(answers):
            arrow = _find(raw, "->")
            question = _clean(raw[:arrow], fmt) or {"format": fmt, "text": ""}
            choices.append({"subquestion": question, "subanswer": raw[arrow + 2 :].strip()})
            continue
        text, feedback = _text_and_feedback(raw, fmt)
        choices.append(
            {
                "isCorrect": part[0] == "=",
                "weight": _number(weight[1]) if weight else None,
                "text": text,
                "feedback": feedback,
            }
        )
    if choices and all("subquestion" in choice for choice in choices):
        return {**item, "type": "Matching", "matchPairs": choices}
    if any("subquestion" in choice for choice in choices):
        raise GiftSyntaxError(line, _("matching pairs ('->') mixed with answers without '->'"))
    kind = "MC" if any(not choice["isCorrect"] for choice in choices) else "Short"
    return {**item, "type": kind, "choices": choices}


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
        weight = _WEIGHT.match(raw)
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
