"""The bank's sanitised HTML as a flow the paper writers (Word, PDF) print: blocks of inline pieces.

A flow is a list of blocks; a block is a list of ``Piece``s (text with its styles, a line break, a LaTeX
formula, a picture) or a ``Grid`` (an HTML table: rows of cells, each cell a flow). Formulas are found in the
text as the bank's editor and Word reader write them: ``$…$``, ``\\(…\\)``, ``$$…$$`` and ``\\[…\\]``.
"""

import base64
import binascii
import re
from dataclasses import dataclass

from lxml import html as lxml_html

from openedx_vn.core.math import platform_delimiters

__all__ = ["Grid", "Piece", "data_picture", "flow", "options_per_line", "plain_length"]

BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr"}
STYLES = {
    "b": "b",
    "strong": "b",
    "i": "i",
    "em": "i",
    "u": "u",
    "s": "s",
    "strike": "s",
    "del": "s",
    "sub": "sub",
    "sup": "sup",
}
MATH = re.compile(r"(?<!\\)\$\$(.+?)\$\$|\\\[(.+?)\\\]|(?<!\\)\$(.+?)(?<!\\)\$|\\\((.+?)\\\)", re.S)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Piece:
    kind: str  # text | break | math | picture
    value: str = ""  # the text, the LaTeX (without delimiters) or the picture's src
    style: frozenset = frozenset()  # b i u s sub sup
    source: str = ""  # math: the formula as typed (delimiters included); picture: its alt text


@dataclass(frozen=True)
class Grid:
    rows: tuple  # of rows, each a tuple of cells, each a flow


def flow(html):
    """The flow of a piece of our HTML (a stem, an option, a statement)."""
    root = lxml_html.fragment_fromstring(html or "", create_parent="div")
    return _Reader().read(root)


class _Reader:
    def read(self, element):
        self.blocks = [[]]
        self._walk(element, frozenset())
        return [block for block in map(_trim, self.blocks) if block]

    def _open(self):
        if not isinstance(self.blocks[-1], list) or self.blocks[-1]:
            self.blocks.append([])

    def _add(self, piece):
        if not isinstance(self.blocks[-1], list):
            self.blocks.append([])
        self.blocks[-1].append(piece)

    def _text(self, text, style):
        text = platform_delimiters(text)  # [mathjax]…[/mathjax] as the platform's authors write it
        position = 0
        for found in MATH.finditer(text):
            self._plain(text[position : found.start()], style)
            latex = next(group for group in found.groups() if group is not None).strip()
            self._add(Piece("math", latex, style, found.group(0)))
            position = found.end()
        self._plain(text[position:], style)

    def _plain(self, text, style):
        text = text if "pre" in style else _SPACES.sub(" ", text)
        if text:
            self._add(Piece("text", text, style & {"b", "i", "u", "s", "sub", "sup"}))

    def _walk(self, element, style):
        if element.text:
            self._text(element.text, style)
        for child in element:
            if isinstance(child.tag, str):
                self._element(child, style)
            if child.tail:
                self._text(child.tail, style)

    def _element(self, element, style):
        tag = element.tag
        if tag == "br":
            self._add(Piece("break"))
        elif tag == "img":
            self._add(Piece("picture", element.get("src", ""), source=element.get("alt", "")))
        elif tag == "table":
            rows = tuple(
                tuple(_Reader().read(cell) for cell in row.xpath("./td|./th"))
                for row in element.xpath(".//tr")
            )
            if rows and any(rows):
                self.blocks.append(Grid(rows))
        elif tag in BLOCKS:
            self._open()
            if tag == "li":
                self._add(Piece("text", "– "))
            self._walk(element, style | ({"pre"} if tag == "pre" else set()))
            self._open()
        else:
            self._walk(element, style | ({STYLES[tag]} if tag in STYLES else set()))


def _trim(block):
    """A block without the spaces at its ends (and nothing if it has nothing to print)."""
    if isinstance(block, Grid):
        return block
    pieces = list(block)
    while pieces and pieces[0].kind == "text" and not pieces[0].value.strip():
        pieces.pop(0)
    while pieces and pieces[-1].kind in ("text", "break") and not pieces[-1].value.strip():
        pieces.pop()
    if pieces and pieces[0].kind == "text":
        pieces[0] = Piece("text", pieces[0].value.lstrip(), pieces[0].style)
    if pieces and pieces[-1].kind == "text":
        pieces[-1] = Piece("text", pieces[-1].value.rstrip(), pieces[-1].style)
    return pieces


def plain_length(blocks):
    """About how many characters wide a flow prints (a formula counts about half its LaTeX)."""
    length = 0
    for block in blocks:
        for piece in block if isinstance(block, list) else ():
            length += len(piece.value) if piece.kind == "text" else (len(piece.value) + 1) // 2
    return length


def options_per_line(choices):
    """How many options to print on a line (4, 2 or 1), as exam papers do: short options side by side."""
    if any(len(blocks) > 1 or isinstance(blocks[0], Grid) for blocks in choices if blocks):
        return 1
    if any(
        piece.kind in ("picture", "break") for blocks in choices for piece in (blocks[0] if blocks else ())
    ):
        return 1
    widest = max((plain_length(blocks) for blocks in choices), default=0)
    return 4 if widest <= 14 and len(choices) == 4 else 2 if widest <= 32 and len(choices) % 2 == 0 else 1


def data_picture(src):
    """``(bytes, mime type)`` of a ``data:image/…`` URI, or None for any other ``src``."""
    if not src.startswith("data:"):
        return None
    header, _comma, data = src[5:].partition(",")
    mime = header.split(";")[0].strip().lower()
    if not mime.startswith("image/") or ";base64" not in header:
        return None
    try:
        content = base64.b64decode(data)
    except (binascii.Error, ValueError):
        return None
    return (content, mime) if content else None
