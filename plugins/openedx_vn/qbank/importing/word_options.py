"""Where options ("A." … "D.") and statements ("a)" … "d)") start in a line of a Word question.

A letter starts an option only where one can: at the start of the line, after a tab, or after a space when
the letters that follow complete the run in order up to D (or up to the letter the next line starts with:
"A. …   B. …" then "C. …   D. …"). So "ông B." or "Gen cấu trúc A." inside an option stays text.
"""

import re

_UPPER = re.compile(r"([A-D])[ \t]*[.)]")
_LOWER = re.compile(r"([a-d])[ \t]*[).]")
_LOWER_INLINE = re.compile(r"([a-d])[ \t]*\)")


def _candidates(text, pattern):
    """``{letter: [(start, end, strong)]}`` of letters preceded by a tab, a break or spaces."""
    found = {}
    for match in pattern.finditer(text):
        start = match.start()
        if start == 0:
            continue
        before = text[:start].rstrip(" ")
        gap = text[len(before) : start]
        if before.endswith(("\t", "\n")):
            strong = True
        elif gap:
            strong = False
        else:
            continue  # inside a word: "ĐÁ.", "(A)"
        found.setdefault(match[1], []).append((start, match.end(), strong))
    return found


def _split(text, letters, pattern, inline, stop):
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    first = pattern.match(stripped)
    if not first:
        return []
    letter = first[1]
    found = _candidates(text, inline)
    segments = [[letter, offset, offset + first.end()]]
    target = letters[-1] if stop is None or stop not in letters else letters[max(letters.index(stop) - 1, 0)]
    position = offset + first.end()
    while letter != letters[-1]:
        following = letters[letters.index(letter) + 1]
        later = [c for c in found.get(following, []) if c[0] >= position]
        strong = [c for c in later if c[2]]
        chosen = strong[0] if strong else None
        if chosen is None and later and _chain(found, letters, following, target, later[0][0]):
            chosen = later[0]
        if chosen is None:
            # A later letter after a tab ("A. 1<tab>B. 2<tab>D. 4"): taken, so the gap is reported.
            skipped = sorted(
                (c, name)
                for name in letters[letters.index(following) + 1 :]
                for c in found.get(name, [])
                if c[0] >= position and c[2]
            )
            if not skipped:
                break
            chosen, following = skipped[0]
        segments.append([following, chosen[0], chosen[1]])
        letter, position = following, chosen[1]
    result = []
    for index, (name, start, body) in enumerate(segments):
        end = segments[index + 1][1] if index + 1 < len(segments) else len(text)
        result.append((name, start, body, end))
    return result


def _chain(found, letters, first, target, position):
    """The letters ``first`` … ``target`` all follow in order after ``position``."""
    if letters.index(first) > letters.index(target):
        return False
    for letter in letters[letters.index(first) : letters.index(target) + 1]:
        later = [c for c in found.get(letter, []) if c[0] >= position]
        if not later:
            return False
        position = later[0][1]
    return True


def split_options(text, stop=None):
    """``[(letter, label start, text start, end)]`` of the options in ``text``; [] when it starts none.

    ``stop`` is the option letter the next line starts with, if any.
    """
    return _split(text, "ABCD", _UPPER, _UPPER, stop)


def split_statements(text, stop=None):
    """The đúng/sai statements "a)" … "d)" in ``text``, as ``split_options`` gives options."""
    return _split(text, "abcd", _LOWER, _LOWER_INLINE, stop)


def starts_option(text):
    """The option letter ``text`` starts with, or None."""
    match = _UPPER.match(text.lstrip())
    return match[1] if match else None


def starts_statement(text):
    match = _LOWER.match(text.lstrip())
    return match[1] if match else None


def inline_start(text):
    """Where options start inside a stem line ("Câu 1: 2 + 2 =<tab>A. 3<tab>B. 4 …"), or None: an "A."
    after a tab, or after a space when B, C and D follow in order."""
    for match in _UPPER.finditer(text):
        if match[1] != "A" or match.start() == 0:
            continue
        before = text[: match.start()].rstrip(" ")
        if before.endswith("\t") or (
            before != text[: match.start()] and len(split_options(text[match.start() :])) == 4
        ):
            return match.start()
    return None
