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
from tests.plugins.qbank.importing.word.make_corpus import Paper, equations

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
