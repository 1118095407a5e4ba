"""The Word reader's rules, one at a time (the corpus covers them in whole papers)."""

import io
import json
import shutil

import pytest
from django.utils import translation
from docx import Document

from openedx_vn.qbank import api
from openedx_vn.qbank.importing.pipeline import preview
from openedx_vn.qbank.importing.word_options import split_options
from tests.plugins.qbank.importing.word.make_corpus import W_NS, Paper, equations

CORPUS = "tests/plugins/qbank/importing/word/corpus"


def _docx(*paragraphs):
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _preview(content, name="de.docx"):
    with translation.override("en"):
        result = preview(content, name)
        result.problems = [str(problem) for problem in result.problems]
        result.notes = [str(note) for note in result.notes]
    return result


@pytest.mark.parametrize(
    ("text", "stop", "letters"),
    [
        ("A. ông B. đến\tB. bà C.\tC. x\tD. y", None, ["A", "B", "C", "D"]),
        ("A. Gặp ông B.", None, ["A"]),  # one per line: "B." inside the text stays text
        ("A. 1 B. 2 C. 3 D. 4", None, ["A", "B", "C", "D"]),  # run together: the whole run A→D
        ("A. 1      B. 2", "C", ["A", "B"]),  # 2×2 with spaces: the next line starts with C
        ("A. Gen cấu trúc A.", None, ["A"]),
    ],
)
def test_option_letters_start_only_where_an_option_can(text, stop, letters):
    assert [found[0] for found in split_options(text, stop)] == letters


def test_a_soft_break_in_a_question_keeps_each_question_its_own_options():
    result = _preview(
        _docx("Câu 1. Số nào chẵn?\nA. 1\nB. 2*\nC. 3\nD. 5", "Câu 2. Số nào lẻ?\nA. 2\nB. 4\nC. 7*\nD. 8")
    )
    assert result.problems == []
    first, second = result.drafts
    assert [c["text"] for c in first.body["choices"]] == ["1", "2", "3", "5"]
    assert [c["correct"] for c in second.body["choices"]] == [False, False, True, False]


def test_a_problem_names_the_paragraph_of_its_question():
    result = _preview(_docx("Câu 1. Số nào chẵn?", "A. 1\tB. 2*", "Câu 2. Số nào lẻ?\nA. 2\tB. 4\tD. 7*"))
    assert result.problems == [
        "de.docx, paragraph 3, question 2: options A, B, D: expected A, B, C, D in order"
    ]


def test_options_written_on_the_stem_line_and_a_level_at_its_end():
    (draft,) = _preview(_docx("Câu 1: 2 + 2 bằng [VDC]\tA. 3\tB. 4*\tC. 5\tD. 6")).drafts
    assert draft.stem == "2 + 2 bằng" and draft.cognitive_level == "van_dung_cao"
    assert [c["correct"] for c in draft.body["choices"]] == [False, True, False, False]


def test_a_mathtype_equation_is_kept_as_its_picture_and_flagged():
    paper = Paper("eq", seed=1)
    equations(paper, count=2)
    out = io.BytesIO()
    paper.document.save(out)
    result = _preview(out.getvalue(), "eq.docx")
    assert result.problems == []
    assert all('<img src="data:image/png;base64,' in draft.stem for draft in result.drafts)
    assert len(result.notes) == 2 and "MathType equation kept as its picture: check it" in result.notes[0]
    assert result.notes[0].startswith("eq.docx, paragraph 3, question 1")


@pytest.mark.skipif(shutil.which("soffice") is not None, reason="LibreOffice converts .doc here")
def test_an_old_doc_file_is_refused_with_how_to_save_it_as_docx():
    result = _preview(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "de-cu.doc")
    assert result.problems == [
        "de-cu.doc: an old Word 97–2003 (.doc) file: open it in Word and save it as .docx "
        "(File → Save As → Word Document), then import the .docx"
    ]


@pytest.mark.django_db
def test_four_levels_stored_apart_and_a_three_level_matrix_draws_vdc_as_van_dung():
    bank = api.create_bank("Lí", owner_id=1)
    with open(f"{CORPUS}/mixed_01.docx", "rb") as paper:
        api.import_questions(paper.read(), "mixed_01.docx", bank.uuid)
    candidates = api.list_candidates([bank.uuid], ["multiple_choice"], ["van_dung"], [])
    vdc = api.list_candidates([bank.uuid], ["multiple_choice"], ["van_dung_cao"], [])
    with open(f"{CORPUS}/mixed_01.json", encoding="utf-8") as expected:
        levels = [q["level"] for q in json.load(expected)["questions"]]
    assert len(vdc) == levels.count("van_dung_cao") > 0 and all(c.level == "van_dung_cao" for c in vdc)
    # the "Vận dụng" cell of a CV 7991 matrix takes both, each named "van_dung"
    assert len(candidates) == levels.count("van_dung") + levels.count("van_dung_cao")
    assert all(c.level == "van_dung" for c in candidates)


@pytest.mark.skipif(shutil.which("soffice") is not None, reason="LibreOffice turns WMF into PNG here")
def test_a_mathtype_equation_with_a_wmf_picture_stands_as_a_marker_named_in_the_notes():
    from docx.opc.packuri import PackURI  # noqa: PLC0415
    from docx.opc.part import Part  # noqa: PLC0415
    from docx.oxml import parse_xml  # noqa: PLC0415

    from tests.plugins.qbank.importing.word.make_corpus import NS  # noqa: PLC0415

    document = Document()
    part = Part(PackURI("/word/media/image9.wmf"), "image/x-wmf", b"\xd7\xcd\xc6\x9a" + b"\0" * 40)
    r_id = document.part.relate_to(
        part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
    )
    stem = document.add_paragraph("Câu 1. Giá trị của ")
    stem._p.append(
        parse_xml(
            f'<w:r {NS}><w:object><v:shape id="s1"><v:imagedata r:id="{r_id}"/></v:shape>'
            '<o:OLEObject Type="Embed" ProgID="Equation.3" ShapeID="s1" ObjectID="_2"/></w:object></w:r>'
        )
    )
    document.add_paragraph("A. 1\tB. 2*\tC. 3\tD. 4")
    out = io.BytesIO()
    document.save(out)
    result = _preview(out.getvalue(), "wmf.docx")
    assert result.problems == []
    (draft,) = result.drafts
    assert draft.stem == "Giá trị của [equation]"
    assert result.notes == [
        "wmf.docx, paragraph 1, question 1: a Equation 3.0 equation whose picture is WMF, which browsers "
        "cannot show: it stands as [equation] in the question; convert it to a Word equation "
        "(in MathType: Convert Equations → Word equation), or install LibreOffice on the server to turn "
        "its picture into PNG"
    ]


def test_questions_inside_a_content_control_and_a_guide_table_with_merged_cells():
    from docx.oxml import parse_xml  # noqa: PLC0415

    document = Document()
    body = document.element.body
    control = parse_xml(f'<w:sdt xmlns:w="{W_NS}"><w:sdtContent/></w:sdt>')
    body.insert(0, control)
    for text in ("Câu 1. Số nào chẵn?", "A. 1\tB. 2\tC. 3\tD. 5"):
        paragraph = document.add_paragraph(text)
        control[0].append(paragraph._p)
    document.add_paragraph("Câu 2 (1,0 điểm). Giải thích vì sao 2 là số chẵn.")
    document.add_paragraph("HƯỚNG DẪN CHẤM")
    table = document.add_table(rows=4, cols=3)
    for row, values in zip(table.rows, [("Câu", "Nội dung", "Điểm"), ("1", "B", "0,5"),
                                         ("2", "2 chia hết cho 2.", "0,5"), ("", "Kết luận.", "0,5")],
                           strict=True):  # fmt: skip
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.rows[2].cells[0].merge(table.rows[3].cells[0])  # "Câu 2" over two rows
    out = io.BytesIO()
    document.save(out)
    result = _preview(out.getvalue())
    assert result.problems == []
    choice, essay = result.drafts
    assert [c["correct"] for c in choice.body["choices"]] == [False, True, False, False]
    assert essay.body["rubric"] == [
        {"text": "2 chia hết cho 2.", "points": "0.5"},
        {"text": "Kết luận.", "points": "0.5"},
    ]
    assert "Kết luận" not in essay.stem and "Kết luận" in essay.explanation
