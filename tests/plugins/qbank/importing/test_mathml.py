"""MathML → LaTeX for the elements school maths uses; each result is what KaTeX renders."""

import pytest
from lxml import etree

from openedx_vn.qbank.importing import mathml

NS = 'xmlns="http://www.w3.org/1998/Math/MathML"'


def _latex(inner, **attributes):
    extra = "".join(f' {name}="{value}"' for name, value in attributes.items())
    return mathml.to_latex(etree.fromstring(f"<math {NS}{extra}>{inner}</math>"))


@pytest.mark.parametrize(
    ("inner", "latex"),
    [
        ("<mi>x</mi><mo>+</mo><mn>1</mn>", "x + 1"),
        ("<mfrac><mn>1</mn><mn>2</mn></mfrac>", r"\frac{1}{2}"),
        ("<msqrt><mi>x</mi><mo>+</mo><mn>1</mn></msqrt>", r"\sqrt{x + 1}"),
        ("<mroot><mi>x</mi><mn>3</mn></mroot>", r"\sqrt[3]{x}"),
        ("<msup><mi>x</mi><mn>2</mn></msup>", "x^{2}"),
        ("<msub><mi>a</mi><mi>n</mi></msub>", "a_{n}"),
        ("<msubsup><mi>x</mi><mn>1</mn><mn>2</mn></msubsup>", "x_{1}^{2}"),
        ("<mi>π</mi><mo>≤</mo><mn>4</mn>", r"\pi \le 4"),
        ("<mi>sin</mi><mi>x</mi>", r"\sin x"),
        (
            "<munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover><mi>i</mi>",
            r"\sum _{i = 1}^{n}i",
        ),
        ("<mover><mi>AB</mi><mo>→</mo></mover>", r"\overrightarrow{\mathrm{AB}}"),
        ("<mover><mi>x</mi><mo>¯</mo></mover>", r"\overline{x}"),
        ("<mfenced><mi>a</mi><mi>b</mi></mfenced>", r"\left(a,b\right)"),
        ('<mfenced open="{" close=""><mi>x</mi></mfenced>', r"\left\{x\right."),
        (
            "<mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>0</mn></mtd></mtr>"
            "<mtr><mtd><mn>0</mn></mtd><mtd><mn>1</mn></mtd></mtr></mtable>",
            r"\begin{matrix}1 & 0 \\ 0 & 1\end{matrix}",
        ),
        ("<mtext>nếu</mtext><mi>x</mi><mo>&gt;</mo><mn>0</mn>", r"\text{nếu}x > 0"),
        ("<mn>50</mn><mo>%</mo>", r"50\%"),
        (
            '<semantics><mi>y</mi><annotation encoding="LaTeX">\\mathbf{y}</annotation></semantics>',
            "y",
        ),
        ('<semantics><annotation encoding="application/x-tex">\\alpha</annotation></semantics>', r"\alpha"),
        ("<mstyle><mrow><unknown><mi>z</mi></unknown></mrow></mstyle>", "z"),
    ],
)
def test_elements(inner, latex):
    assert _latex(inner) == latex


def test_inline_and_display_delimiters():
    inline = etree.fromstring(f"<math {NS}><mi>x</mi></math>")
    block = etree.fromstring(f'<math {NS} display="block"><mi>x</mi></math>')
    assert (mathml.delimited(inline), mathml.delimited(block)) == (r"\(x\)", r"\[x\]")


def test_math_without_a_namespace_reads_the_same():
    assert mathml.to_latex(etree.fromstring("<math><msup><mi>e</mi><mi>x</mi></msup></math>")) == "e^{x}"
