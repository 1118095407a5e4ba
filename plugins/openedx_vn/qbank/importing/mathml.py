"""Presentation MathML as LaTeX for KaTeX: the elements school maths uses (QTI items carry MathML).

Tokens (mi, mn, mo, mtext), rows, fractions, roots, sub/superscripts, under/over scripts (sums, limits,
accents), fences, tables (matrices, systems) and semantics (its presentation child; a TeX annotation only
when there is none). Anything else is read through to its children, so no text is lost. Element names
follow MathML 3 (W3C Recommendation, 2014), chapter 3. latex2mathml goes the other way, and no maintained
PyPI package converts MathML to LaTeX; the symbol tables are shared with the Word (OMML) converter.
"""

from lxml import etree

from openedx_vn.qbank.importing.omml import ACCENTS, FUNCTIONS, NARY, SYMBOLS

MATHML = "http://www.w3.org/1998/Math/MathML"
_ESCAPES = {"{": r"\{", "}": r"\}", "%": r"\%", "#": r"\#", "&": r"\&", "$": r"\$", "_": r"\_",
            "\\": r"\backslash ", "~": r"\sim ", "^": r"\hat{}"}  # fmt: skip
_OVER = {"¯": r"\overline", "‾": r"\overline", "→": r"\overrightarrow", "⃗": r"\vec", "^": r"\hat",
         "ˆ": r"\hat", "~": r"\tilde", "˜": r"\tilde", "˙": r"\dot", "¨": r"\ddot", "⏞": r"\overbrace",
         "←": r"\overleftarrow", "↔": r"\overleftrightarrow"}  # fmt: skip
_UNDER = {"_": r"\underline", "¯": r"\underline", "‾": r"\underline", "⏟": r"\underbrace"}
_FENCES = {"{": r"\{", "}": r"\}", "⟨": r"\langle", "⟩": r"\rangle", "‖": r"\|", "": "."}
_SPACED = {"=", "<", ">", "+", "-", "−", "≤", "≥", "≠", "≈", "→", "⇒", "⇔", "±", "×", "÷", "⋅", "·"}


def _local(element):
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def to_latex(math):
    """LaTeX (without delimiters) of a ``<math>`` element, in any namespace or none."""
    return " ".join(_convert(math).split())


def delimited(math):
    """``\\(…\\)`` for inline math, ``\\[…\\]`` for display="block" (the delimiters our pages render)."""
    latex = to_latex(math)
    return rf"\[{latex}\]" if math.get("display") == "block" else rf"\({latex}\)"


def _text(node):
    return "".join(node.itertext()).strip()


def _escape(text):
    return "".join(_ESCAPES.get(char, SYMBOLS.get(char, char)) for char in text)


def _children(node):
    return [child for child in node if _local(child)]


def _join(nodes):
    return "".join(_convert(node) for node in nodes)


def _group(node):
    return "{" + _convert(node) + "}"


def _args(node, count):
    """The first ``count`` children as LaTeX groups ("{}" for a missing one: broken MathML still reads)."""
    children = _children(node)
    return [_group(children[i]) if i < len(children) else "{}" for i in range(count)]


def _token(node, name):
    text = _text(node)
    if name == "mtext":
        return r"\text{" + _escape(text).replace(r"\sim ", "~") + "}" if text else ""
    if name == "mo":
        if text in NARY:
            return NARY[text] + " "
        symbol = _escape(text)
        return f" {symbol} " if text in _SPACED else symbol
    if name == "mi" and text in FUNCTIONS:
        return "\\" + text + " "
    if name == "mi" and len(text) > 1 and text.isalpha() and text.isascii():
        return r"\mathrm{" + text + "}"
    if text.startswith("\\") or (len(text) == 1 and text in SYMBOLS):
        return SYMBOLS.get(text, text) + " "
    return _escape(text)


def _accent(base, mark, table):
    """An over/under script that is one accent character becomes \\hat{x}, \\overline{x}…; else None."""
    if _local(mark) != "mo":
        return None
    text = _text(mark)
    command = table.get(text) or ACCENTS.get(text)
    return f"{command}{{{_convert(base)}}}" if command else None


def _scripts(node, name):
    children = _children(node)
    base = _convert(children[0]) if children else ""
    if name in ("munder", "mover") and len(children) > 1:
        accent = _accent(children[0], children[1], _OVER if name == "mover" else _UNDER)
        if accent:
            return accent
    if name in ("msub", "munder"):
        return base + "_" + _args(node, 2)[1]
    if name in ("msup", "mover"):
        return base + "^" + _args(node, 2)[1]
    _, low, high = _args(node, 3)
    return f"{base}_{low}^{high}"


def _fenced(node):
    opening, closing = node.get("open", "("), node.get("close", ")")
    separator = (node.get("separators", ",").strip() or ",")[0]
    inner = separator.join(_convert(child) for child in _children(node))
    return rf"\left{_FENCES.get(opening, opening)}{inner}\right{_FENCES.get(closing, closing)}"


def _table(node):
    rows = []
    for row in _children(node):
        cells = [_convert(cell) for cell in _children(row)] if _local(row) in ("mtr", "mlabeledtr") else []
        rows.append(" & ".join(cells))
    return r"\begin{matrix}" + r" \\ ".join(rows) + r"\end{matrix}"


def _semantics(node):
    children = _children(node)
    presentation = [c for c in children if _local(c) not in ("annotation", "annotation-xml")]
    if presentation:
        return _convert(presentation[0])
    for annotation in children:
        if _local(annotation) == "annotation" and "tex" in annotation.get("encoding", "").lower():
            return _text(annotation).strip("$").removeprefix(r"\[").removesuffix(r"\]")
    return ""


def _convert(node):  # noqa: PLR0911 - one branch per element kind
    name = _local(node)
    if name in ("mi", "mn", "mo", "mtext", "ms"):
        return _token(node, name)
    if name == "mfrac":
        numerator, denominator = _args(node, 2)
        return rf"\frac{numerator}{denominator}"
    if name == "msqrt":
        return r"\sqrt{" + _join(_children(node)) + "}"
    if name == "mroot":
        base, index = _args(node, 2)
        return rf"\sqrt[{index[1:-1]}]{base}"
    if name in ("msub", "msup", "msubsup", "munder", "mover", "munderover"):
        return _scripts(node, name)
    if name == "mfenced":
        return _fenced(node)
    if name == "mtable":
        return _table(node)
    if name == "semantics":
        return _semantics(node)
    if name in ("mspace", "annotation", "annotation-xml", "mprescripts", "none", "malignmark"):
        return " " if name == "mspace" else ""
    if name == "mphantom":
        return r"\phantom{" + _join(_children(node)) + "}"
    if name == "menclose" and "radical" in node.get("notation", ""):
        return r"\sqrt{" + _join(_children(node)) + "}"
    return _join(_children(node))  # math, mrow, mstyle, mpadded, merror, menclose: their content
