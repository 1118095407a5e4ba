"""A passage several imported questions share is printed once above them on the test paper (Word and PDF)."""

import io
import subprocess
from decimal import Decimal

from django.utils import translation
from docx import Document

from openedx_vn.assessment.papers import Paper, version_docx, version_pdf
from openedx_vn.assessment.versions import TestItem, make_versions
from openedx_vn.qbank.importing.word_stimulus import with_stimulus
from openedx_vn.qbank.olx import QuestionContent

PASSAGE = "<p>Quê hương là chùm khế ngọt, cho con trèo hái mỗi ngày.</p>"


def _paper():
    stems = [
        with_stimulus(PASSAGE, "Câu hỏi về thể thơ?"),
        with_stimulus(PASSAGE, "Câu hỏi về hình ảnh?"),
        "Câu hỏi không dùng đoạn trích?",
    ]
    body = {"choices": [{"text": text, "correct": text == "một"} for text in ("một", "hai", "ba", "bốn")]}
    questions = {f"q{n}": QuestionContent("multiple_choice", stem, body, "") for n, stem in enumerate(stems)}
    paper = Paper(
        school="THPT Hòn Gai", subject="Ngữ văn", grade=10, title="Đề", minutes=45, school_year="2026-2027",
        exam_kind="Kiểm tra giữa học kì I", questions=questions,
        points=dict.fromkeys(questions, Decimal("1")),
    )  # fmt: skip
    items = [TestItem(key, "multiple_choice", body) for key in questions]
    return paper, make_versions(items, 1, seed=1, shuffle_questions=False)[0]


def test_the_passage_is_printed_once_above_its_questions():
    paper, version = _paper()
    with translation.override("vi"):
        document = Document(io.BytesIO(version_docx(paper, version)))
        pdf = version_pdf(paper, version)
    texts = [paragraph.text for paragraph in document.paragraphs]
    passage = [index for index, text in enumerate(texts) if "chùm khế ngọt" in text]
    assert len(passage) == 1
    assert texts[passage[0] + 1].startswith("Câu 1.") and "thể thơ" in texts[passage[0] + 1]
    assert any(text.startswith("Câu 2.") and "hình ảnh" in text for text in texts)
    content = pdf[0] if isinstance(pdf, tuple) else pdf
    done = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)  # noqa: S607
    assert done.stdout.decode().count("chùm khế ngọt") == 1
