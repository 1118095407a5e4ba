"""Word's automatic numbering (``w:numPr``): the "Câu 3." or "B." Word draws but the text does not hold.

ECMA-376 §17.9: a paragraph names a list (``w:numId``) and a level (``w:ilvl``), directly or through its
style; the list points at an abstract definition whose level gives the format (decimal, upperLetter, …),
the text ("Câu %1.") and the start. Lists sharing a definition continue one another unless a list restarts
it (``w:startOverride``), as Word does. python-docx does not resolve this; the rules fit in this module.
"""

from dataclasses import dataclass

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(name):
    return f"{{{W}}}{name}"


@dataclass(frozen=True)
class Label:
    """A numbered paragraph's label: its format ("decimal", "upperLetter", …), value and drawn text."""

    format: str
    value: int
    text: str


def _letters(value, upper):
    text = ""
    while value > 0:
        value, rest = divmod(value - 1, 26)
        text = chr(65 + rest) + text
    return text if upper else text.lower()


def _roman(value, upper):
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]  # fmt: skip
    text = ""
    for size, numeral in numerals:
        count, value = divmod(value, size)
        text += numeral * count
    return text if upper else text.lower()


def _format(value, fmt):
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(value, fmt == "upperLetter")
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(value, fmt == "upperRoman")
    if fmt in ("decimalZero",):
        return f"{value:02d}"
    return str(value)


def _int(element, default=0):
    try:
        return int(element.get(_w("val"))) if element is not None else default
    except (TypeError, ValueError):
        return default


class Numbering:
    """Labels of numbered paragraphs, in document order (call ``label`` once per paragraph, in order)."""

    def __init__(self, document):
        self.levels = {}  # abstractNumId → {ilvl: (format, text, start)}
        self.lists = {}  # numId → (abstractNumId, {ilvl: start override}, {ilvl: level override})
        self.styles = {}  # paragraph style id → (numId, ilvl)
        self.counters = {}  # list key → [count per level]
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            for abstract in root.iter(_w("abstractNum")):
                self.levels[abstract.get(_w("abstractNumId"))] = self._levels(abstract)
            for num in root.iter(_w("num")):
                base = num.find(_w("abstractNumId"))
                starts, overrides = {}, {}
                for override in num.iter(_w("lvlOverride")):
                    ilvl = int(override.get(_w("ilvl"), "0"))
                    start = override.find(_w("startOverride"))
                    if start is not None:
                        starts[ilvl] = _int(start, 1)
                    level = override.find(_w("lvl"))
                    if level is not None:
                        overrides[ilvl] = self._level(level)
                self.lists[num.get(_w("numId"))] = (
                    base.get(_w("val")) if base is not None else None,
                    starts,
                    overrides,
                )
        for style in document.styles.element.iter(_w("style")):
            properties = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if properties is not None:
                self.styles[style.get(_w("styleId"))] = (
                    _attr(properties.find(_w("numId"))),
                    _int(properties.find(_w("ilvl"))),
                )

    def _levels(self, abstract):
        return {int(level.get(_w("ilvl"), "0")): self._level(level) for level in abstract.iter(_w("lvl"))}

    @staticmethod
    def _level(level):
        fmt = level.find(_w("numFmt"))
        text = level.find(_w("lvlText"))
        return (
            _attr(fmt) or "decimal",
            _attr(text) if text is not None else "%1.",
            _int(level.find(_w("start")), 1),
        )

    def label(self, paragraph):
        """The ``Label`` Word draws before ``paragraph`` (a ``w:p``), or None (not numbered, or a bullet)."""
        properties = paragraph.find(f"{_w('pPr')}/{_w('numPr')}")
        num_id, ilvl = None, 0
        if properties is not None:
            num_id, ilvl = _attr(properties.find(_w("numId"))), _int(properties.find(_w("ilvl")))
        else:
            style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
            num_id, ilvl = self.styles.get(_attr(style), (None, 0))
        if not num_id or num_id == "0" or num_id not in self.lists:
            return None
        abstract, starts, overrides = self.lists[num_id]
        levels = {**self.levels.get(abstract, {}), **overrides}
        if ilvl not in levels:
            return None
        key = ("num", num_id) if starts or overrides else ("abstract", abstract)
        counts = self.counters.get(key)
        if counts is None:
            counts = self.counters[key] = [None] * 10
        start = starts.get(ilvl, levels[ilvl][2])
        counts[ilvl] = start if counts[ilvl] is None else counts[ilvl] + 1
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = None
        fmt, text, _ = levels[ilvl]
        if fmt in ("bullet", "none"):
            return None
        for level in range(9):
            if f"%{level + 1}" in text:
                value = counts[level] if counts[level] is not None else levels.get(level, (0, 0, 1))[2]
                text = text.replace(f"%{level + 1}", _format(value, levels.get(level, (fmt,))[0]))
        return Label(fmt, counts[ilvl], text)


def _attr(element):
    return element.get(_w("val")) if element is not None else None
