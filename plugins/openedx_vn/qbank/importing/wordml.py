"""What a Word paragraph holds, for the .docx reader: text with each character's marks, and pictures and
equations as placeholder characters whose HTML ``Content.html`` puts back after the text is escaped.

Runs typed in legacy Vietnamese fonts (.VnTime, VNI-Times, ...) are converted to Unicode by their font.
Pictures travel as data: URIs (PNG, JPEG, GIF: what every browser shows); equations become LaTeX in \\( \\).
"""

import html
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lxml import etree

from openedx_vn.qbank.importing import legacy, omml, word_convert
from openedx_vn.qbank.importing.images import data_uri
from openedx_vn.qbank.importing.sanitize import text_to_html

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_BLACK = {None, "000000", "auto"}
# Plane-15 private use: never typed by a teacher, so it can stand for a picture or an equation.
_FIRST = 0xF0000
_PLACEHOLDER = re.compile("[\U000f0000-\U000ffffd]")
# Word's names for the formats a browser cannot show.
_FORMAT_NAMES = {"image/x-wmf": "WMF", "image/x-emf": "EMF", "image/tiff": "TIFF", "image/bmp": "BMP"}
_TEXT = {f"{{{W}}}tab": "\t", f"{{{W}}}ptab": "\t", f"{{{W}}}br": "\n", f"{{{W}}}cr": "\n",
         f"{{{W}}}noBreakHyphen": "-"}  # fmt: skip
_CONTAINERS = {"hyperlink", "ins", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml", "moveTo", "dir",
               "bdo"}  # fmt: skip


def _w(name):
    return f"{{{W}}}{name}"


@dataclass
class Content:
    """The pictures and equations met so far in one document, and the fonts of its styles."""

    part: object  # the document part (python-docx), for the pictures' bytes
    fragments: list = field(default_factory=list)
    _style_fonts: dict = field(default_factory=dict)
    _default_font: str | None = None

    @classmethod
    def of(cls, document):
        content = cls(document.part)
        styles = document.styles.element
        for style in styles.iter(_w("style")):
            fonts = style.find(f"{_w('rPr')}/{_w('rFonts')}")
            based = style.find(_w("basedOn"))
            content._style_fonts[style.get(_w("styleId"))] = (
                _font_name(fonts),
                based.get(_w("val")) if based is not None else None,
                style.get(_w("type")) == "paragraph" and style.get(_w("default")) == "1",
            )
        defaults = styles.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}/{_w('rFonts')}")
        content._default_font = _font_name(defaults)
        return content

    def html(self, text):
        """Plain text as HTML, with the placeholders' pictures and equations put back."""

        def fragment(match):
            index = ord(match[0]) - _FIRST
            return self.fragments[index] if index < len(self.fragments) else ""  # a stray private-use char

        return _PLACEHOLDER.sub(fragment, text_to_html(text))

    def placeholder(self, fragment):
        """The character standing for ``fragment`` (HTML) in a paragraph's text."""
        self.fragments.append(fragment)
        return chr(_FIRST + len(self.fragments) - 1)

    def style_font(self, style_id, seen=()):
        """A style's font, following basedOn; the default paragraph style's when ``style_id`` is None."""
        if style_id is None:
            style_id = next((key for key, (_, _, default) in self._style_fonts.items() if default), None)
        if style_id is None or style_id in seen or style_id not in self._style_fonts:
            return self._default_font
        font, based, _ = self._style_fonts[style_id]
        return font or self.style_font(based, (*seen, style_id))


def _font_name(fonts):
    """The font Word uses for characters above ASCII (hAnsi), else the ASCII one."""
    if fonts is None:
        return None
    return fonts.get(_w("hAnsi")) or fonts.get(_w("ascii"))


@dataclass
class Line:
    """One paragraph: its text (placeholders included), a mark set per character, and what went wrong."""

    text: str = ""
    marks: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # not blocking: what the teacher should check

    def add(self, text, marks):
        self.text += text
        self.marks += [marks] * len(text)

    def extend(self, other):
        self.text += other.text
        self.marks += other.marks
        self.problems += other.problems
        self.notes += other.notes

    def slice(self, start, end=None):
        """The part of the line from ``start`` to ``end`` (problems and notes stay with the whole line)."""
        return Line(self.text[start:end], self.marks[start:end])


def read_paragraph(paragraph, content):
    """A ``Line`` for a ``w:p`` element."""
    line = Line()
    style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
    font = content.style_font(style.get(_w("val")) if style is not None else None)
    _walk(paragraph, content, line, font)
    return line


def _walk(element, content, line, font):
    for child in element:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        namespace = etree.QName(child).namespace if name else None
        if namespace == omml.M and name in ("oMath", "oMathPara"):
            latex = omml.to_latex(child)
            line.add(content.placeholder(html.escape(f"\\({latex}\\)", quote=False)), _math_marks(child))
        elif namespace == W and name == "r":
            _run(child, content, line, font)
        elif namespace == W and name in _CONTAINERS:
            _walk(child, content, line, font)


def _math_marks(math):
    properties = next(math.iter(_w("rPr")), None)
    return _marks(properties)


def _run(run, content, line, paragraph_font):
    properties = run.find(_w("rPr"))
    marks = _marks(properties)
    font = _font_name(properties.find(_w("rFonts")) if properties is not None else None)
    if font is None and properties is not None and properties.find(_w("rStyle")) is not None:
        font = content.style_font(properties.find(_w("rStyle")).get(_w("val")))
    encoding = legacy.font_encoding(font or paragraph_font)
    for child in run:
        if child.tag == _w("t"):
            text = child.text or ""
            line.add(legacy.convert(text, encoding) if encoding else text, marks)
        elif child.tag in _TEXT:
            line.add(_TEXT[child.tag], marks)
        elif child.tag in (_w("drawing"), _w("pict"), f"{{{MC}}}AlternateContent"):
            for picture in _pictures(child, content, line):
                line.add(picture, marks)
        elif child.tag == _w("object"):
            _object(child, content, line, marks)
        elif child.tag == _w("sym"):
            line.add(_symbol(child, line), marks)


def _symbol(element, line):
    """Word's Insert Symbol: <w:sym w:font="Symbol" w:char="F0B3"/> is "≥"."""
    font, code = element.get(_w("font"), ""), element.get(_w("char"), "")
    try:
        char = legacy.symbol(int(code, 16)) if font == "Symbol" else None
    except ValueError:
        char = None
    if char is None:
        message = _("a symbol the bank cannot read (%(font)s %(code)s): type it as text or in an equation")
        line.problems.append(message % {"font": font, "code": code})
    return char or ""


def _marks(properties):
    if properties is None:
        return frozenset()
    found = set()
    underline = properties.find(_w("u"))
    if underline is not None and underline.get(_w("val"), "single") != "none":
        found.add("underline")
    bold = properties.find(_w("b"))
    if bold is not None and bold.get(_w("val"), "true") not in ("0", "false", "off"):
        found.add("bold")
    color = properties.find(_w("color"))
    if color is not None and (color.get(_w("val")) or "").upper() not in _BLACK:
        found.add("color")
    highlight = properties.find(_w("highlight"))
    if highlight is not None and highlight.get(_w("val")) not in (None, "none"):
        found.add("highlight")
    return frozenset(found)


def _pictures(element, content, line, equation=None):
    """Placeholders of the pictures inside a w:drawing, w:pict or mc:AlternateContent (its first choice)."""
    if element.tag == f"{{{MC}}}AlternateContent":
        choice = element.find(f"{{{MC}}}Choice")
        return [
            p
            for child in (choice if choice is not None else [])
            for p in _pictures(child, content, line, equation)
        ]
    found = []
    for blip in element.iter(f"{{{A}}}blip"):
        found.append(_picture(blip.get(f"{{{R}}}embed"), blip.get(f"{{{R}}}link"), content, line, equation))
    for data in element.iter(f"{{{V}}}imagedata"):
        found.append(_picture(data.get(f"{{{R}}}id"), None, content, line, equation))
    return [p for p in found if p]


def _picture(embed, link, content, line, equation=None):
    if not embed:
        if link:
            line.problems.append(_("a linked picture (not inside the file): insert the picture itself"))
        return ""
    part = content.part.related_parts.get(embed)
    blob = getattr(part, "blob", b"")
    declared = getattr(part, "content_type", "")
    source = data_uri(blob)
    if source is None and declared in ("image/x-wmf", "image/x-emf"):
        # MathType previews are WMF: converted where the server has LibreOffice (optional).
        source = data_uri(word_convert.picture_to_png(blob, _FORMAT_NAMES[declared]) or b"")
    if source is None and equation:
        message = _(
            "a %(name)s equation whose picture is %(format)s, which browsers cannot show: it stands as "
            "[equation] in the question; convert it to a Word equation (in MathType: Convert Equations → "
            "Word equation), or install LibreOffice on the server to turn its picture into PNG"
        )
        line.notes.append(message % {"name": equation, "format": _FORMAT_NAMES.get(declared, declared)})
        return "[" + _("equation") + "]"
    if source is None:
        if declared in _FORMAT_NAMES:
            message = _(
                "a picture in %(format)s format, which browsers cannot show: save it as PNG or JPEG"
            ) % {"format": _FORMAT_NAMES[declared]}
        else:
            message = _("a picture not PNG, JPEG or GIF, which browsers cannot show: save it as PNG or JPEG")
        line.problems.append(message)
        return ""
    if equation:
        message = _(
            "a %(name)s equation kept as its picture: check it; to edit it later, convert it to a Word "
            "equation (in MathType: Convert Equations → Word equation)"
        )
        line.notes.append(message % {"name": equation})
        return content.placeholder(f'<img src="{source}" alt="{html.escape(equation)}">')
    return content.placeholder(f'<img src="{source}" alt="">')


def _object(element, content, line, marks):
    """An embedded OLE object: its preview picture; MathType and Equation 3.0 ones flagged for review."""
    ole = element.find(f"{{{OFFICE}}}OLEObject")
    program = (ole.get("ProgID") if ole is not None else "") or ""
    equation = None
    if program.startswith("Equation."):
        equation = "MathType" if "DSMT" in program else "Equation 3.0"
    pictures = _pictures(element, content, line, equation)
    if equation and not pictures:
        message = _(
            "a %(name)s equation without a picture: it stands as [equation] in the question; convert it "
            "to a Word equation (in MathType: Convert Equations → Word equation)"
        )
        line.notes.append(message % {"name": equation})
        pictures = ["[" + _("equation") + "]"]
    for picture in pictures:
        line.add(picture, marks)
