"""LaTeX formulas for printed papers: a Word equation (OMML) and a picture (PNG) for the PDF.

Word: LaTeX → MathML (latex2mathml) → OMML (mathml2omml), then two repairs of the converter's output that Word
needs (a square root gets its hidden degree; an accent's properties element is closed). PDF: matplotlib's
mathtext sets the formula as a PNG with its depth below the baseline. Either returns None for a formula it
cannot handle: the writer prints the LaTeX as typed and notes it.
"""

import io
import re
import threading
from functools import lru_cache

from lxml import etree

from openedx_vn.core.math import decimal_comma

__all__ = ["OMML_NAMESPACE", "formula_picture", "omml_element"]

OMML_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_M = f"{{{OMML_NAMESPACE}}}"
# mathml2omml 0.0.2 closes <m:groupChrPr> (arrows and braces over or under) with </m:groupChr>.
_GROUP_CHR = re.compile(r'(<m:pos m:val="(?:top|bot)"/>)</m:groupChr>')
# Commands teachers type that mathtext knows under another name (or does not need).
_MATHTEXT_ALIASES = re.compile(r"\\(ge|le|tfrac|lvert|rvert|displaystyle|textstyle)(?![A-Za-z])")
_MATHTEXT_NAMES = {"ge": "\\geq", "le": "\\leq", "tfrac": "\\frac", "lvert": "|", "rvert": "|"}
# 0{,}83 as latex2mathml writes it: one number for Word, which would space a comma operator ("0, 83").
_MATHML_DECIMAL = re.compile(r"<mn>(\d+)</mn><mrow><mo>&#x0002C;</mo></mrow><mn>(\d+)</mn>")
_PICTURE_DPI = 300
_mathtext_lock = threading.Lock()  # matplotlib's text machinery keeps shared caches


@lru_cache(maxsize=4096)
def _omml(latex):
    from latex2mathml.converter import convert as to_mathml  # noqa: PLC0415
    from mathml2omml import convert as to_omml  # noqa: PLC0415

    try:
        mathml = _MATHML_DECIMAL.sub(r"<mn>\1,\2</mn>", to_mathml(decimal_comma(latex)))
        omml = _GROUP_CHR.sub(r"\1</m:groupChrPr>", to_omml(mathml))
        root = etree.fromstring(f'<root xmlns:m="{OMML_NAMESPACE}">{omml}</root>')
    except Exception:  # noqa: BLE001 - both converters raise many types on LaTeX they do not know
        return None
    if len(root) != 1 or root[0].tag != f"{_M}oMath":
        return None
    for radical in root.iter(f"{_M}rad"):
        if radical.find(f"{_M}deg") is None:  # Word wants a degree, hidden for a square root
            properties = etree.SubElement(radical, f"{_M}radPr")
            etree.SubElement(properties, f"{_M}degHide").set(f"{_M}val", "1")
            radical.insert(0, properties)
            radical.insert(1, etree.Element(f"{_M}deg"))
    for text in root.iter(f"{_M}t"):
        if text.text and text.text != text.text.strip():  # \text{ cm}: Word would drop the space
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return etree.tostring(root[0])


def omml_element(latex):
    """A new ``m:oMath`` element for ``latex`` (to put in a Word paragraph), or None if it cannot be made."""
    found = _omml(latex)
    return None if found is None else etree.fromstring(found)


@lru_cache(maxsize=4096)
def formula_picture(latex, size=11):
    """``(png bytes, width, height, depth)`` of ``latex`` set at ``size`` points (dimensions in points, depth
    below the baseline), or None when mathtext cannot set it."""
    from matplotlib import mathtext  # noqa: PLC0415 - only when a PDF paper is made
    from matplotlib.font_manager import FontProperties  # noqa: PLC0415
    from PIL import Image  # noqa: PLC0415

    latex = _MATHTEXT_ALIASES.sub(lambda found: _MATHTEXT_NAMES.get(found.group(1), ""), decimal_comma(latex))
    out = io.BytesIO()
    font = FontProperties(size=size, math_fontfamily="dejavusans")
    try:
        with _mathtext_lock:
            depth = mathtext.math_to_image(f"${latex}$", out, prop=font, dpi=_PICTURE_DPI, format="png")
    except Exception:  # noqa: BLE001 - mathtext raises ValueError and parser errors for what it cannot set
        return None
    png = out.getvalue()
    width, height = Image.open(io.BytesIO(png)).size
    scale = 72 / _PICTURE_DPI
    return png, width * scale, height * scale, float(depth)
