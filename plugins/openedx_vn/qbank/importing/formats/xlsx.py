"""Excel (.xlsx): one question per row, with the columns of ``TEMPLATE`` (download it from the bank's API).

type: TN (nhiều lựa chọn) · ĐS (đúng/sai, statements in A–D, answer like "ĐSĐS") · TLN (trả lời ngắn: the
answer is the value or text) · TL (tự luận). answer for TN: the letter of the right option.
"""

import re

from django.utils.translation import gettext as _

from openedx_vn.core.spreadsheets import UnreadableWorkbook, read_rows, workbook_bytes
from openedx_vn.core.vietnamese import fold
from openedx_vn.qbank.data import cognitive_level
from openedx_vn.qbank.importing.drafts import Draft, ImportProblem, Place
from openedx_vn.qbank.importing.sanitize import text_to_html

TEMPLATE = (
    "type",
    "stem",
    "A",
    "B",
    "C",
    "D",
    "answer",
    "explanation",
    "points",
    "category",
    "subject",
    "grade",
    "outcomes",
    "level",
)
EXAMPLES = [
    (
        "TN",
        "Phân số nào bằng 1/2?",
        "2/3",
        "3/6",
        "2/5",
        "4/6",
        "B",
        "3/6 = 1/2",
        0.25,
        "Toán 6/Phân số",
        "TOAN",
        6,
        "TOAN.6.1.3.2",
        "Biết",
    ),
    (
        "ĐS",
        "Cho phân số 6/8.",
        "6/8 = 3/4",
        "6/8 là phân số tối giản",
        "6/8 > 1/2",
        "6/8 = 0,68",
        "ĐSĐS",
        "",
        1,
        "",
        "TOAN",
        6,
        "",
        "Hiểu",
    ),
    ("TLN", "Tính 1/2 - 2.", "", "", "", "", "-1,5", "", 0.5, "", "TOAN", 6, "", "Vận dụng"),
]
_TYPES = {"tn": "multiple_choice", "ds": "true_false_cluster", "tln": "short_answer", "tl": "essay"}
_TYPES.update({name: name for name in _TYPES.values()})
_NUMBER = re.compile(r"^-?\d+(?:[,.]\d+)?$")


def template_bytes():
    """The template workbook: the header row and one example of each type."""
    return workbook_bytes("questions", TEMPLATE, EXAMPLES)


def read(content, filename):
    """Return ``(drafts, problems)``; places are spreadsheet rows (1 = the header)."""
    try:
        header, rows = read_rows(content)
    except UnreadableWorkbook as exc:  # say it in the words of an import
        error = exc.__cause__.__class__.__name__ if exc.__cause__ else "UnreadableWorkbook"
        message = _("not a readable .xlsx workbook (%(error)s)") % {"error": error}
        return [], [ImportProblem(Place(filename), message)]
    missing = [name for name in ("type", "stem", "answer") if name not in header]
    if missing:
        message = _("missing column(s): %(columns)s") % {"columns": ", ".join(missing)}
        return [], [ImportProblem(Place(filename, 1, unit="row"), message)]
    drafts, problems = [], []
    for number, row in rows:
        place = Place(filename, number, len(drafts) + len(problems) + 1, unit="row")
        try:
            drafts.append(_draft(row, place))
        except ValueError as exc:
            problems.append(ImportProblem(place, str(exc)))
    return drafts, problems


def _draft(row, place):
    kind = _TYPES.get(fold(row["type"]).replace("đ", "d"))
    if kind is None:
        raise ValueError(_("type %(type)s: use TN, ĐS, TLN or TL") % {"type": repr(row["type"])})
    options = [row.get(letter, "") for letter in "ABCD"]
    answer = row["answer"]
    if kind == "multiple_choice":
        filled = [text for text in options if text]
        if answer.upper() not in "ABCD"[: len(filled)] or not answer:
            message = _("answer %(answer)s: the letter of one of the options A–%(last)s")
            raise ValueError(message % {"answer": repr(answer), "last": "ABCD"[len(filled) - 1]})
        body = {
            "choices": [
                {"text": text_to_html(t), "correct": "ABCD"[i] == answer.upper()}
                for i, t in enumerate(filled)
            ]
        }
    elif kind == "true_false_cluster":
        statements = [text for text in options if text]
        marks = fold(answer).upper().replace(" ", "")
        if len(marks) != len(statements) or set(marks) - {"D", "S"}:
            message = _("answer %(answer)s: one Đ or S per statement (%(count)s), e.g. ĐSĐS")
            raise ValueError(message % {"answer": repr(answer), "count": len(statements)})
        body = {
            "statements": [
                {"text": text_to_html(t), "is_true": m == "D"} for t, m in zip(statements, marks, strict=True)
            ]
        }
    elif kind == "short_answer":
        if not answer:
            raise ValueError(_("a short answer needs its answer"))
        body = (
            {"kind": "numeric", "value": answer.replace(",", "."), "tolerance": "0"}
            if _NUMBER.match(answer)
            else {"kind": "text", "answers": [answer]}
        )
    else:
        body = {"rubric": []}
    draft = Draft(kind, text_to_html(row["stem"]), body, place, title=f"Câu {place.number}")
    draft.explanation = text_to_html(row.get("explanation", ""))
    draft.category, draft.subject_code = row.get("category", ""), row.get("subject", "").upper()
    draft.grade = _grade(row.get("grade", ""))
    draft.outcome_codes = [
        code.strip() for code in re.split(r"[,;\s]+", row.get("outcomes", "")) if code.strip()
    ]
    draft.points = _points(row.get("points", ""))
    if row.get("level"):
        draft.cognitive_level = cognitive_level(row["level"]) or ""
        if not draft.cognitive_level:
            raise ValueError(_("level %(level)s: use Biết, Hiểu or Vận dụng") % {"level": repr(row["level"])})
    return draft


def _grade(text):
    if not text:
        return None
    try:
        grade = int(float(text))
    except ValueError as exc:
        raise ValueError(_("grade %(grade)s is not a grade 1–12") % {"grade": repr(text)}) from exc
    if not 1 <= grade <= 12:
        raise ValueError(_("grade %(grade)s is not a grade 1–12") % {"grade": repr(text)})
    return grade


def _points(text):
    from decimal import Decimal, InvalidOperation  # noqa: PLC0415

    if not text:
        return Decimal(1)
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(_("points %(points)s is not a number") % {"points": repr(text)}) from exc
    if value <= 0:
        raise ValueError(_("points %(points)s must be more than 0") % {"points": repr(text)})
    return value
