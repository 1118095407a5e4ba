"""Math one way: the decimal comma ({,}) and the platform's [mathjax] tags, read back from the outputs a
student or teacher gets: a Word equation (OMML), a PDF paper (pdftotext and the formula's set width), the
bank's Word export."""

import io
import subprocess
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from docx import Document
from lxml import etree
from web_fragments.fragment import Fragment

from openedx_vn.assessment.paper_math import OMML_NAMESPACE, formula_picture, omml_element
from openedx_vn.assessment.papers import Paper, version_docx, version_pdf
from openedx_vn.assessment.versions import TestItem, make_versions
from openedx_vn.core.math import add_math, decimal_comma, platform_delimiters
from openedx_vn.qbank import api as qbank_api
from openedx_vn.qbank.models import QuestionBank
from tests.plugins.qbank.banks import add_question

M = f"{{{OMML_NAMESPACE}}}"
STEM = (
    "<p>Tính $\\frac{6}{8} = 0,75$ và [mathjaxinline]0,5 + 0,33 = 0,83[/mathjaxinline]; mua 0,5 kg gạo.</p>"
)


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        ("0,83", "0{,}83"),
        ("x = -1,5 + 2,25", "x = -1{,}5 + 2{,}25"),
        ("0{,}83", "0{,}83"),  # already typed the printed way
        ("(1; 2), x", "(1; 2), x"),  # a comma that is not between digits stays punctuation
        ("f(a, b)", "f(a, b)"),
    ],
)
def test_decimal_comma(latex, expected):
    assert decimal_comma(latex) == expected


def test_platform_tags_become_delimiters():
    text = "[mathjaxinline]x^2[/mathjaxinline] và [mathjax]\\sqrt{2}[/mathjax]"
    assert platform_delimiters(text) == "\\(x^2\\) và \\[\\sqrt{2}\\]"


def test_a_block_fragment_gets_katex_then_the_shared_renderer():
    fragment = add_math(Fragment("<div class='vn-math'></div>"))
    urls = [resource.data for resource in fragment.resources]
    assert urls[0].endswith("openedx_vn/qbank/vendor/katex/katex.min.css")
    scripts = [url for url in urls if url.endswith(".js")]
    assert [url.rsplit("/", 1)[1] for url in scripts] == [
        "katex.min.js",
        "mhchem.min.js",
        "auto-render.min.js",
        "vn-math.js",
    ]


def test_a_word_equation_holds_the_number_with_its_comma_in_one_run():
    element = omml_element("\\frac{6}{8} = 0,75")
    texts = [node.text for node in element.iter(f"{M}t")]
    assert "0,75" in texts  # one run: Word sets no operator space after the comma
    assert "," not in texts
    assert b"0, 75" not in etree.tostring(element)


def test_mathtext_sets_the_decimal_comma_without_a_space():
    typed = formula_picture("0,75")
    printed = formula_picture("0{,}75")
    spaced = formula_picture("0,\\,75")
    assert typed is not None and printed is not None and spaced is not None
    assert typed[1] == printed[1]  # same width: the typed comma is set the printed way
    assert typed[1] < spaced[1] - 2  # a space would add width (points)


@pytest.fixture
def paper(db):
    with translation.override("vi"):
        owner = get_user_model().objects.create_user("gv_toan")
        bank = QuestionBank.objects.create(name="Toán 6", owner_id=owner.id)
        choices = {
            "choices": [
                {"text": f"${v}$", "correct": i == 0} for i, v in enumerate(["0,75", "0,68", "1", "0"])
            ]
        }
        key = str(add_question(bank, STEM, "multiple_choice", choices, subject_code="TOAN", grade=6).uuid)
        content, _number = qbank_api.get_question_content(key)
        paper = Paper(
            school="Trường THCS Hạ Long",
            subject="Toán",
            grade=6,
            title="Kiểm tra 15 phút",
            minutes=15,
            school_year="2025-2026",
            exam_kind="Kiểm tra thường xuyên",
            questions={key: content},
            points={key: Decimal("0.25")},
            authority="Sở GD&ĐT Quảng Ninh",
        )
        yield paper, make_versions([TestItem(key, content.question_type, content.body)], 1, seed=1)[0]


def test_the_word_paper_prints_decimal_commas_in_equations(paper):
    paper, version = paper
    with translation.override("vi"):
        document = Document(io.BytesIO(version_docx(paper, version)))
    texts = [node.text for node in document.element.body.iter(f"{M}t")]
    assert "0,75" in texts and "0,83" in texts  # $…$ and [mathjaxinline] both became equations
    body = "".join(document.element.body.itertext())
    assert "[mathjax" not in body and "$" not in body
    assert "0, 75" not in body and "0, 83" not in body


def test_the_pdf_paper_draws_every_formula(paper, tmp_path):
    paper, version = paper
    notes = []
    with translation.override("vi"):
        pdf = version_pdf(paper, version, notes)
    assert notes == []  # no formula fell back to its LaTeX source
    path = tmp_path / "de.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "mua 0,5 kg gạo" in text  # plain text keeps its comma
    assert "$" not in text and "mathjax" not in text and "\\frac" not in text
    assert "0, 75" not in text and "0, 83" not in text and "0, 5" not in text


def test_the_bank_word_export_keeps_math_with_printed_commas(db):
    owner = get_user_model().objects.create_user("gv_xuat")
    bank = QuestionBank.objects.create(name="Toán 6 – xuất", owner_id=owner.id)
    add_question(
        bank, "<p>Tính $0,5 + 0,33$ (0,5 kg).</p>", "essay", {"rubric": []}, subject_code="TOAN", grade=6
    )
    content, _name, _notes = qbank_api.export_questions(str(bank.uuid), "docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "$0{,}5 + 0{,}33$ (0,5 kg)" in text
