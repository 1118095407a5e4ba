"""Word exams with pictures and Word equations (OMML, as Word writes it) import with both kept."""

import base64
import io
import re
import struct

import pytest
from docx import Document
from docx.oxml import parse_xml
from lxml import etree

from openedx_vn.qbank import api
from openedx_vn.qbank.importing import omml
from openedx_vn.qbank.importing.pipeline import preview
from openedx_vn.qbank.importing.sanitize import clean_html
from tests.plugins.qbank.importing.test_qti_packages import png

NS = (
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
)


def r(text):
    """A math run as Word writes one (Cambria Math in w:rPr, the text in m:t)."""
    return (
        '<m:r><w:rPr><w:rFonts w:ascii="Cambria Math" w:hAnsi="Cambria Math"/></w:rPr>'
        f"<m:t>{text}</m:t></m:r>"
    )


CTRL = '<m:ctrlPr><w:rPr><w:rFonts w:ascii="Cambria Math" w:hAnsi="Cambria Math"/><w:i/></w:rPr></m:ctrlPr>'
# Equations as Word 2016+ saves them (ECMA-376 §22.1), each with the LaTeX MathJax should get.
EQUATIONS = {
    "fraction": (
        f"<m:f><m:fPr>{CTRL}</m:fPr><m:num>{r('1')}</m:num><m:den>{r('2')}</m:den></m:f>",
        r"\frac{1}{2}",
    ),
    "linear fraction": (
        f'<m:f><m:fPr><m:type m:val="lin"/>{CTRL}</m:fPr>'
        f"<m:num>{r('a')}</m:num><m:den>{r('b')}</m:den></m:f>",
        "a/b",
    ),
    "power and greek": (
        f"<m:sSup><m:sSupPr>{CTRL}</m:sSupPr><m:e>{r('x')}</m:e><m:sup>{r('2')}</m:sup></m:sSup>{r('+αx−3=0')}",
        r"{x}^{2}+\alpha x-3=0",
    ),
    "subscript and superscript": (
        f"<m:sSubSup><m:e>{r('x')}</m:e><m:sub>{r('1')}</m:sub><m:sup>{r('2')}</m:sup></m:sSubSup>",
        "{x}_{1}^{2}",
    ),
    "square root": (
        f'<m:rad><m:radPr><m:degHide m:val="1"/>{CTRL}</m:radPr><m:deg/><m:e>{r("x+1")}</m:e></m:rad>',
        r"\sqrt{x+1}",
    ),
    "cube root": (f"<m:rad><m:deg>{r('3')}</m:deg><m:e>{r('8')}</m:e></m:rad>", r"\sqrt[3]{8}"),
    "sum": (
        f'<m:nary><m:naryPr><m:chr m:val="∑"/><m:limLoc m:val="undOvr"/>{CTRL}</m:naryPr>'
        f"<m:sub>{r('k=1')}</m:sub><m:sup>{r('n')}</m:sup><m:e>{r('k')}</m:e></m:nary>",
        r"\sum_{k=1}^{n}{k}",
    ),
    "integral": (
        f'<m:nary><m:naryPr><m:limLoc m:val="subSup"/>{CTRL}</m:naryPr>'
        f"<m:sub>{r('0')}</m:sub><m:sup>{r('1')}</m:sup><m:e>{r('f(x)dx')}</m:e></m:nary>",
        r"\int_{0}^{1}{f(x)dx}",
    ),
    "system of equations": (
        f'<m:d><m:dPr><m:begChr m:val="{{"/><m:endChr m:val=""/>{CTRL}</m:dPr><m:e><m:eqArr>'
        f"<m:e>{r('x+y=3')}</m:e><m:e>{r('x−y=1')}</m:e></m:eqArr></m:e></m:d>",
        r"\left\{\begin{array}{l}x+y=3 \\ x-y=1\end{array}\right.",
    ),
    "interval": (
        f'<m:d><m:dPr><m:begChr m:val="["/><m:endChr m:val=")"/></m:dPr>'
        f"<m:e>{r('0')}</m:e><m:e>{r('1')}</m:e></m:d>",
        r"\left[0 | 1\right)",
    ),
    "matrix": (
        f"<m:d><m:e><m:m><m:mr><m:e>{r('1')}</m:e><m:e>{r('2')}</m:e></m:mr>"
        f"<m:mr><m:e>{r('3')}</m:e><m:e>{r('4')}</m:e></m:mr></m:m></m:e></m:d>",
        r"\left(\begin{matrix}1 & 2 \\ 3 & 4\end{matrix}\right)",
    ),
    "vector": (
        f'<m:acc><m:accPr><m:chr m:val="⃗"/></m:accPr><m:e>{r("AB")}</m:e></m:acc>',
        r"\overrightarrow{AB}",
    ),
    "hat": (f"<m:acc><m:e>{r('A')}</m:e></m:acc>", r"\hat{A}"),
    "bar": (f'<m:bar><m:barPr><m:pos m:val="top"/></m:barPr><m:e>{r("AB")}</m:e></m:bar>', r"\overline{AB}"),
    "limit of a function": (
        '<m:func><m:fName><m:limLow><m:e><m:r><m:rPr><m:sty m:val="p"/></m:rPr><m:t>lim</m:t></m:r></m:e>'
        f"<m:lim>{r('x→0')}</m:lim></m:limLow></m:fName><m:e><m:f><m:num><m:func><m:fName>"
        f'<m:r><m:rPr><m:sty m:val="p"/></m:rPr><m:t>sin</m:t></m:r></m:fName><m:e>{r("x")}</m:e></m:func>'
        f"</m:num><m:den>{r('x')}</m:den></m:f></m:e></m:func>",
        r"\lim_{x\to 0}{\frac{\sin{x}}{x}}",
    ),
    "text inside math": (
        f"{r('x≥0 ')}<m:r><m:rPr><m:nor/></m:rPr><m:t>với mọi</m:t></m:r>{r(' x∈ℝ')}",
        r"x\ge 0 \text{với mọi} x\in \mathbb{R}",
    ),
    "braces and percent": (r("{a}%"), r"\{a\}\%"),
}


@pytest.mark.parametrize("name", EQUATIONS)
def test_omml_to_latex(name):
    xml, latex = EQUATIONS[name]
    assert omml.to_latex(etree.fromstring(f"<m:oMath {NS}>{xml}</m:oMath>")) == latex


def _equation(paragraph, name):
    paragraph._p.append(parse_xml(f"<m:oMath {NS}>{EQUATIONS[name][0]}</m:oMath>"))


def exam():
    document = Document()
    stem = document.add_paragraph("Câu 1. Nghiệm của phương trình ")
    _equation(stem, "power and greek")
    stem.add_run(" với ")
    _equation(stem, "fraction")
    document.add_paragraph().add_run().add_picture(io.BytesIO(png()))
    options = document.add_paragraph("A. ")
    _equation(options, "square root")
    options.add_run("\tB. ")
    right = options.add_run("x = 1")
    right.underline = True
    options.add_run("\tC. x = 2\tD. x = 3")
    document.add_paragraph("Câu 2. Hình nào là hình vuông?")
    for letter in "ABCD":
        paragraph = document.add_paragraph(f"{letter}. ")
        paragraph.add_run().add_picture(io.BytesIO(png(width=2 + "ABCD".index(letter))))
        if letter == "C":
            paragraph.add_run("*")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_pictures_and_equations_travel_with_the_questions():
    result = preview(exam(), "hinh.docx")
    assert result.problems == []
    first, second = result.drafts
    assert first.stem.startswith(r"Nghiệm của phương trình \({x}^{2}+\alpha x-3=0\) với \(\frac{1}{2}\)<br>")
    (source,) = re.findall(r'<img src="([^"]+)"', first.stem)
    assert base64.b64decode(source.removeprefix("data:image/png;base64,")) == png()
    assert first.body["choices"][0]["text"] == r"\(\sqrt{x+1}\)"
    assert [c["correct"] for c in first.body["choices"]] == [False, True, False, False]
    pictures = [re.findall(r'src="data:image/png;base64,([^"]+)"', c["text"]) for c in second.body["choices"]]
    assert [base64.b64decode(p[0]) for p in pictures] == [png(width=n) for n in (2, 3, 4, 5)]
    assert [c["correct"] for c in second.body["choices"]] == [False, False, True, False]


def test_latex_with_html_characters_is_escaped_once():
    document = Document()
    stem = document.add_paragraph("Câu 1. Cho ")
    stem._p.append(parse_xml(f"<m:oMath {NS}>{r('a&lt;b')}</m:oMath>"))
    document.add_paragraph("A. Đúng*\tB. Sai")
    out = io.BytesIO()
    document.save(out)
    (draft,) = preview(out.getvalue(), "a.docx").drafts
    assert draft.stem == r"Cho \(a&lt;b\)"


@pytest.mark.django_db
def test_a_mathtype_object_without_a_picture_is_kept_as_a_marker_and_flagged():
    document = Document()
    document.add_paragraph("Câu 1. Tính")
    run = document.add_paragraph("A. ").add_run()
    run._r.append(
        parse_xml(
            '<w:object xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:o="urn:schemas-microsoft-com:office:office">'
            '<o:OLEObject Type="Embed" ProgID="Equation.DSMT4" ShapeID="_x0000_i1025" ObjectID="_1"/>'
            "</w:object>"
        )
    )
    document.add_paragraph("B. 2*\tC. 3\tD. 4")
    out = io.BytesIO()
    document.save(out)
    bank = api.create_bank("Toán", owner_id=1)
    result = api.import_questions(out.getvalue(), "mathtype.docx", bank.uuid)
    assert result.created == 1
    assert result.notes == (
        "mathtype.docx, paragraph 2, question 1: a MathType equation without a picture: it stands as "
        "[equation] in the question; convert it to a Word equation "
        "(in MathType: Convert Equations → Word equation)",
    )


def bmp():
    """A 1×1 Windows bitmap: a format Word keeps pasted pictures in, which browsers may not show."""
    pixels = b"\x00\x00\xff\x00"  # one red pixel, row padded to 4 bytes
    info = struct.pack("<IiiHHIIiiII", 40, 1, 1, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 14 + 40 + len(pixels), 0, 0, 54) + info + pixels


@pytest.mark.django_db
def test_a_bmp_picture_refuses_the_file_naming_its_format():
    document = Document()
    document.add_paragraph("Câu 1. Quan sát hình")
    document.add_paragraph().add_run().add_picture(io.BytesIO(bmp()))
    document.add_paragraph("A. 1*\tB. 2")
    out = io.BytesIO()
    document.save(out)
    bank = api.create_bank("Hình", owner_id=1)
    with pytest.raises(api.QuestionImportError) as caught:
        api.import_questions(out.getvalue(), "bmp.docx", bank.uuid)
    assert [str(p) for p in caught.value.problems] == [
        "bmp.docx, paragraph 2, question 1: a picture in BMP format, which browsers cannot show: "
        "save it as PNG or JPEG"
    ]


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        ("data:image/png;base64,iVBORw0KGgo=", True),
        ("data:image/jpeg;base64,/9j/4AAQ", True),
        ("data:image/gif;base64,R0lGODlh", True),
        ("data:image/svg+xml;base64,PHN2Zz4=", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("https://example.invalid/a.png", False),
        ("//example.invalid/a.png", False),
        ("/vn/core/pictures/" + "a" * 64 + ".png", True),  # a private picture's stable address
        ("/vn/core/pictures/" + "a" * 64 + ".svg", False),
        ("/vn/core/pictures/../../admin/logout/", False),
        ("/media/qbank/images/" + "a" * 64 + ".png", True),  # stored before ADR 0011 (MEDIA_URL)
        ("/media/../admin/logout/", False),
        ("/media/%2E%2E/admin/logout/", False),
        ("/media//evil.example/a.png", False),
        ("/admin/logout/", False),
        ("/static/images/hinh.png", True),  # a course asset the LMS serves
    ],
)
def test_sanitiser_keeps_only_our_pictures(source, kept):
    cleaned = clean_html(f'<p>x<img src="{source}" onerror="alert(1)"></p>')
    assert ("src=" in cleaned) is kept and "onerror" not in cleaned
