"""The dev host's practice demo: a school bank with enough Toán 6 questions on two learning outcomes for the
``vn_practice`` workbench scenario to reach "Đã thành thạo" (idempotent: the bank is filled once)."""

import io

from openpyxl import Workbook

from openedx_vn.qbank import api as qbank_api

BANK = "Luyện tập Toán 6 – THCS Hạ Long (dùng chung)"
HEADER = (
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
LEVELS = ("Biết", "Hiểu", "Vận dụng", "Vận dụng cao")


def _rows():
    for n in range(3, 15):  # TOAN.6.1.1.1: sets, written with math
        yield (
            "TN",
            f"Cho tập hợp $A = \\{{x \\in \\mathbb{{N}} \\mid x < {n}\\}}$. Tập $A$ có bao nhiêu phần tử?",
            f"${n}$",
            f"${n - 1}$",
            f"${n + 1}$",
            f"${n - 2}$",
            "A",
            f"$A = \\{{0; 1; \\ldots; {n - 1}\\}}$ có ${n}$ phần tử (kể cả số $0$).",
            0.25,
            "Toán 6/Tập hợp",
            "TOAN",
            6,
            "TOAN.6.1.1.1",
            LEVELS[n % 4],
        )
    for n in range(1, 13):  # TOAN.6.1.1.2: natural numbers, with decimal commas
        yield (
            "TN",
            f"Trong các số $-{n}$; $0,{n}$; $\\frac{{{n}}}{{{n + 1}}}$; ${n + 5}$, "
            "số nào thuộc tập $\\mathbb{N}$?",
            f"$-{n}$",
            f"$0,{n}$",
            f"$\\frac{{{n}}}{{{n + 1}}}$",
            f"${n + 5}$",
            "D",
            f"$\\mathbb{{N}} = \\{{0; 1; 2; \\ldots\\}}$: ${n + 5} \\in \\mathbb{{N}}$, "
            f"còn $0,{n} \\notin \\mathbb{{N}}$.",
            0.25,
            "Toán 6/Tập hợp",
            "TOAN",
            6,
            "TOAN.6.1.1.2",
            LEVELS[n % 4],
        )


def load(teacher_id, school_code):
    """Create and fill the shared practice bank of the demo school (once)."""
    if any(bank.name == BANK for bank in qbank_api.list_banks()):
        return
    bank = qbank_api.create_bank(BANK, owner_id=teacher_id, scope="school", school_code=school_code)
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in _rows():
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    qbank_api.import_questions(out.getvalue(), "luyen-tap-toan-6.xlsx", bank.uuid, user_id=teacher_id)
