"""Word equations (OMML, ``m:oMath``) as LaTeX for MathJax: the elements Vietnamese exams use.

Fractions, sub/superscripts, radicals, n-ary sums and integrals, delimiters (systems of equations too),
matrices, equation arrays, accents (vectors), bars, group characters, functions and limits. Element names
and defaults follow ECMA-376 Part 1, §22.1 (Math). Anything else is read through to its children, so no
text is lost. No library for this is maintained on PyPI (dwml's last release is from 2020).
"""

from lxml import etree

M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_VAL = f"{{{M}}}val"

SYMBOLS = {
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon", "ϵ": r"\epsilon",
    "ζ": r"\zeta", "η": r"\eta", "θ": r"\theta", "ϑ": r"\vartheta", "ι": r"\iota", "κ": r"\kappa",
    "λ": r"\lambda", "μ": r"\mu", "ν": r"\nu", "ξ": r"\xi", "π": r"\pi", "ρ": r"\rho", "σ": r"\sigma",
    "τ": r"\tau", "υ": r"\upsilon", "φ": r"\varphi", "ϕ": r"\phi", "χ": r"\chi", "ψ": r"\psi",
    "ω": r"\omega", "Γ": r"\Gamma", "Δ": r"\Delta", "Θ": r"\Theta", "Λ": r"\Lambda", "Ξ": r"\Xi",
    "Π": r"\Pi", "Σ": r"\Sigma", "Φ": r"\Phi", "Ψ": r"\Psi", "Ω": r"\Omega",
    "≤": r"\le", "≥": r"\ge", "≠": r"\ne", "≈": r"\approx", "≡": r"\equiv", "∼": r"\sim", "≅": r"\cong",
    "±": r"\pm", "∓": r"\mp", "×": r"\times", "÷": r"\div", "⋅": r"\cdot", "·": r"\cdot", "∘": r"\circ",
    "∞": r"\infty", "∂": r"\partial", "∇": r"\nabla", "∈": r"\in", "∉": r"\notin", "∋": r"\ni",
    "⊂": r"\subset", "⊃": r"\supset", "⊆": r"\subseteq", "⊇": r"\supseteq", "∪": r"\cup", "∩": r"\cap",
    "∅": r"\varnothing", "∀": r"\forall", "∃": r"\exists", "¬": r"\neg", "∧": r"\wedge", "∨": r"\vee",
    "→": r"\to", "←": r"\leftarrow", "↔": r"\leftrightarrow", "⇒": r"\Rightarrow", "⇐": r"\Leftarrow",
    "⇔": r"\Leftrightarrow", "↑": r"\uparrow", "↓": r"\downarrow", "∠": r"\angle", "⊥": r"\perp",
    "∥": r"\parallel", "△": r"\triangle", "°": r"^{\circ}", "′": r"'", "″": r"''", "…": r"\ldots",
    "⋯": r"\cdots", "ℝ": r"\mathbb{R}", "ℕ": r"\mathbb{N}", "ℤ": r"\mathbb{Z}", "ℚ": r"\mathbb{Q}",
    "ℂ": r"\mathbb{C}", "−": "-", "∗": "*", "\u2061": "", "\u2062": "", "\u200b": "",
}  # fmt: skip
_ESCAPES = {"{": r"\{", "}": r"\}", "%": r"\%", "#": r"\#", "&": r"\&", "$": r"\$", "_": r"\_",
            "\\": r"\backslash ", "~": r"\sim ", "^": r"\hat{}"}  # fmt: skip
NARY = {"∑": r"\sum", "∏": r"\prod", "∐": r"\coprod", "∫": r"\int", "∬": r"\iint", "∭": r"\iiint",
        "∮": r"\oint", "⋃": r"\bigcup", "⋂": r"\bigcap", "⋁": r"\bigvee", "⋀": r"\bigwedge"}  # fmt: skip
DELIMITERS = {"{": r"\{", "}": r"\}", "|": "|", "‖": r"\|", "⟨": r"\langle", "⟩": r"\rangle",
              "〈": r"\langle", "〉": r"\rangle", "⌊": r"\lfloor", "⌋": r"\rfloor", "⌈": r"\lceil",
              "⌉": r"\rceil", "": "."}  # fmt: skip
ACCENTS = {"\u0302": r"\hat", "\u0303": r"\tilde", "\u0304": r"\bar", "\u0305": r"\overline",
           "\u0307": r"\dot", "\u0308": r"\ddot", "\u0301": r"\acute", "\u0300": r"\grave",
           "\u0306": r"\breve", "\u030c": r"\check", "\u20d7": r"\overrightarrow",
           "\u20d6": r"\overleftarrow", "\u20e1": r"\overleftrightarrow"}  # fmt: skip
FUNCTIONS = {"sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh",
             "log", "ln", "lg", "exp", "lim", "max", "min", "sup", "inf", "det", "gcd", "deg"}  # fmt: skip


def _local(element):
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _child(element, name):
    return element.find(f"{{{M}}}{name}") if element is not None else None


def _prop(element, props, name, default=None):
    """The ``m:val`` of ``<m:{props}><m:{name} m:val=…/>``; ``default`` when absent (no val: "on")."""
    node = _child(_child(element, props), name)
    if node is None:
        return default
    return node.get(_VAL, "on")


def to_latex(element):
    """LaTeX (without delimiters) of an ``m:oMath`` or ``m:oMathPara`` element."""
    if _local(element) == "oMathPara":
        return r" \\ ".join(to_latex(math) for math in element if _local(math) == "oMath")
    return _join(element).strip()


def _join(element):
    return "".join(_convert(child) for child in element) if element is not None else ""


def _group(element):
    return "{" + _join(element) + "}"


def _convert(node):  # noqa: C901, PLR0911, PLR0912 - one branch per OMML element, as in the spec
    name = _local(node)
    if name.endswith("Pr") or name in ("", "ctrlPr"):
        return ""
    if name == "r":
        return _run(node)
    if name == "f":
        num, den = _join(_child(node, "num")), _join(_child(node, "den"))
        kind = _prop(node, "fPr", "type", "bar")
        if kind == "lin":
            return f"{num}/{den}"
        if kind == "noBar":
            return rf"\genfrac{{}}{{}}{{0pt}}{{}}{{{num}}}{{{den}}}"
        return rf"\frac{{{num}}}{{{den}}}"
    if name in ("sSub", "sSup", "sSubSup"):
        base = _group(_child(node, "e"))
        sub, sup = _child(node, "sub"), _child(node, "sup")
        return (
            base
            + (f"_{_group(sub)}" if sub is not None else "")
            + (f"^{_group(sup)}" if sup is not None else "")
        )
    if name == "sPre":
        return f"{{}}_{_group(_child(node, 'sub'))}^{_group(_child(node, 'sup'))}{_group(_child(node, 'e'))}"
    if name == "rad":
        degree = _join(_child(node, "deg"))
        hidden = _prop(node, "radPr", "degHide", "off") in ("on", "1", "true")
        root = rf"\sqrt[{degree}]" if degree and not hidden else r"\sqrt"
        return root + _group(_child(node, "e"))
    if name == "nary":
        return _nary(node)
    if name == "d":
        return _delimiter(node)
    if name == "m":
        rows = [
            " & ".join(_join(cell) for cell in row if _local(cell) == "e")
            for row in node
            if _local(row) == "mr"
        ]
        return r"\begin{matrix}" + r" \\ ".join(rows) + r"\end{matrix}"
    if name == "eqArr":
        rows = [_join(row) for row in node if _local(row) == "e"]
        return r"\begin{array}{l}" + r" \\ ".join(rows) + r"\end{array}"
    if name == "acc":
        char = _prop(node, "accPr", "chr", "\u0302")
        base = _join(_child(node, "e"))
        command = ACCENTS.get(char, r"\hat")
        if command == r"\overrightarrow" and len(base) == 1:
            command = r"\vec"
        return f"{command}{{{base}}}"
    if name == "bar":
        command = r"\overline" if _prop(node, "barPr", "pos", "bot") == "top" else r"\underline"
        return command + _group(_child(node, "e"))
    if name == "groupChr":
        char = _prop(node, "groupChrPr", "chr", "\u23df")
        top = _prop(node, "groupChrPr", "pos", "bot") == "top"
        base = _group(_child(node, "e"))
        if char in ("\u23df", "\u23de"):
            return (r"\overbrace" if top else r"\underbrace") + base
        symbol = SYMBOLS.get(char, char)
        return (rf"\overset{{{symbol}}}" if top else rf"\underset{{{symbol}}}") + base
    if name == "func":
        function = _join(_child(node, "fName")).strip()
        if function.isalpha():
            function = f"\\{function}" if function in FUNCTIONS else rf"\operatorname{{{function}}}"
        return function + _group(_child(node, "e"))
    if name in ("limLow", "limUpp"):
        base = _join(_child(node, "e")).strip()
        if base in FUNCTIONS:
            base = f"\\{base}"
        limit = _group(_child(node, "lim"))
        return f"{base}_{limit}" if name == "limLow" else rf"\overset{limit}{{{base}}}"
    if name == "borderBox":
        return r"\boxed" + _group(_child(node, "e"))
    return _join(node)  # box, phant, e, num, argument containers, unknown elements: their content


def _nary(node):
    char = _prop(node, "naryPr", "chr", "∫")
    command = NARY.get(char, SYMBOLS.get(char, char))
    if _prop(node, "naryPr", "limLoc") == "undOvr" and command.endswith("int"):
        command += r"\limits"
    sub, sup = _child(node, "sub"), _child(node, "sup")
    if sub is not None and _prop(node, "naryPr", "subHide", "off") not in ("on", "1", "true"):
        command += f"_{_group(sub)}"
    if sup is not None and _prop(node, "naryPr", "supHide", "off") not in ("on", "1", "true"):
        command += f"^{_group(sup)}"
    return command + _group(_child(node, "e"))


def _delimiter(node):
    begin = _prop(node, "dPr", "begChr", "(")
    end = _prop(node, "dPr", "endChr", ")")
    separator = _prop(node, "dPr", "sepChr", "|")
    parts = [_join(child) for child in node if _local(child) == "e"]
    inner = f" {DELIMITERS.get(separator, separator)} ".join(parts)
    return rf"\left{DELIMITERS.get(begin, begin)}{inner}\right{DELIMITERS.get(end, end)}"


def _run(node):
    text = "".join(t.text or "" for t in node.iter(f"{{{M}}}t", f"{{{W}}}t"))
    if not text:
        return ""
    plain = _child(_child(node, "rPr"), "nor") is not None or node.tag == f"{{{W}}}r"
    if plain or any(ord(char) > 0x7F and char.isalpha() and char not in SYMBOLS for char in text):
        return r"\text{" + "".join(_ESCAPES.get(char, char) for char in text) + "}"
    return "".join(_symbol(char) for char in text)


def _symbol(char):
    latex = SYMBOLS.get(char, _ESCAPES.get(char, char))
    # A command before a letter needs a space: "\alpha x", not "\alphax".
    return f"{latex} " if latex.startswith("\\") and latex[-1].isalpha() else latex
