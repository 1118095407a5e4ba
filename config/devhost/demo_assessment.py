"""Demo data of tests: giaovien's Toán 10 bank, a CV 7991 blueprint and a generated test of 4 versions (mã đề
101–104) that hocsinh1 and hocsinh2 sit online in the workbench (the ``vn_timed_test`` scenario).

Made the way a teacher makes them: the bank through the import pipeline (an Excel sheet in the template's
columns), the blueprint and the test through ``assessment.api``. The test gets a fixed id so that the block's
workbench scenario can name it. Idempotent: once the test exists nothing is done.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from devhost import demo_year
from openedx_vn.assessment import api as assessment_api
from openedx_vn.core.spreadsheets import workbook_bytes
from openedx_vn.qbank import api as qbank_api
from openedx_vn.schools import api as schools_api

# The same id as openedx_vn_xblocks.timed_test.block.DEMO_EXAM_UUID (a test checks they agree).
DEMO_EXAM_UUID = "f8cd6045-2b3d-4e76-9cf2-72a8522baea4"
TEACHER = "giaovien"
SCHOOL, CLASS = "22000300", "10A1"  # the demo THPT, in the current school year (demo_year)
BANK = "Toán 10 – cô Lan (demo)"
SEED = 20251103

HEADER = ("type", "stem", "A", "B", "C", "D", "answer", "explanation", "points", "category", "subject")
HEADER += ("grade", "outcomes", "level")
SETS, PARABOLA = "Toán 10/Tập hợp", "Toán 10/Hàm số bậc hai"

# Rows: (Mệnh đề và tập hợp, TOAN.10.1.1), (Hàm số và đồ thị, TOAN.10.1.3). CV 7991: formats 3/2/2/3
# points, levels 4/3/3; 12 multiple choice of 0,25, two đúng – sai of 1, four short answers of 0,5, two
# essays (2 and 1).
BLUEPRINT = {
    "title": "Ma trận đề kiểm tra giữa học kì I – Toán 10 (demo)",
    "subject_code": "TOAN",
    "grade": 10,
    "template": "cv7991",
    "total_points": "10",
    "rows": [
        {
            "topic": "Mệnh đề và tập hợp",
            "label": "Tập hợp và các phép toán trên tập hợp",
            "codes": ["TOAN.10.1.1"],
            "requirements": {
                "biet": "Nhận biết tập con, tập rỗng, các phép toán trên tập hợp.",
                "hieu": "Đếm số phần tử, số tập con của một tập hợp.",
            },
        },
        {
            "topic": "Hàm số và đồ thị",
            "label": "Hàm số bậc hai, dấu của tam thức bậc hai",
            "codes": ["TOAN.10.1.3"],
            "requirements": {
                "hieu": "Nhận biết đỉnh, trục đối xứng, tính đồng biến, nghịch biến của parabol.",
                "van_dung": "Giải bất phương trình bậc hai; bài toán thực tiễn về parabol.",
            },
        },
    ],
    "cells": [
        {"row": 0, "format": "multiple_choice", "level": "biet", "count": 4, "points": "1"},
        {"row": 1, "format": "multiple_choice", "level": "hieu", "count": 4, "points": "1"},
        {"row": 1, "format": "multiple_choice", "level": "van_dung", "count": 4, "points": "1"},
        {"row": 0, "format": "true_false_cluster", "level": "biet", "count": 4, "points": "1"},
        {"row": 1, "format": "true_false_cluster", "level": "hieu", "count": 4, "points": "1"},
        {"row": 0, "format": "short_answer", "level": "hieu", "count": 2, "points": "1"},
        {"row": 1, "format": "short_answer", "level": "van_dung", "count": 2, "points": "1"},
        {"row": 0, "format": "essay", "level": "biet", "count": 1, "points": "2"},
        {"row": 1, "format": "essay", "level": "van_dung", "count": 1, "points": "1"},
    ],
}


def _choices(right, wrong, position):
    """Options A–D with the right one at ``position`` (0–3) and its letter."""
    options = list(wrong)
    options.insert(position, right)
    return options, "ABCD"[position]


def _multiple_choice():
    rows = []
    for n in range(3, 9):  # Biết: counting a set given by a property
        options, letter = _choices(str(n), (str(n - 1), str(n + 1), str(n + 2)), n % 4)
        stem = f"Cho tập hợp $A = \\{{x \\in \\mathbb{{N}} \\mid x < {n}\\}}$. Số phần tử của $A$ là"
        why = f"$A = \\{{0; 1; \\ldots; {n - 1}\\}}$ có {n} phần tử (0 là số tự nhiên)."
        rows.append(("TN", stem, *options, letter, why, 0.25, SETS, "TOAN", 10, "TOAN.10.1.1.3", "Biết"))
    for k in range(1, 7):  # Hiểu: the axis of a parabola
        options, letter = _choices(f"$x = {k}$", (f"$x = {-k}$", f"$x = {2 * k}$", f"$x = {-2 * k}$"), k % 4)
        stem = f"Parabol $y = x^2 - {2 * k}x + {k + 2}$ có trục đối xứng là đường thẳng"
        why = f"Trục đối xứng: $x = -\\frac{{b}}{{2a}} = \\frac{{{2 * k}}}{{2}} = {k}$."
        rows.append(("TN", stem, *options, letter, why, 0.25, PARABOLA, "TOAN", 10, "TOAN.10.1.3.7", "Hiểu"))
    for index, (a, b) in enumerate(((1, 2), (1, 3), (2, 3), (1, 4), (2, 5), (3, 4))):  # Vận dụng
        right = f"$({a}; {b})$"
        wrong = (f"$(-\\infty; {a}) \\cup ({b}; +\\infty)$", f"$[{a}; {b}]$", f"$({-b}; {-a})$")
        options, letter = _choices(right, wrong, (index + 1) % 4)
        stem = f"Tập nghiệm của bất phương trình $x^2 - {a + b}x + {a * b} < 0$ là"
        why = f"Tam thức có hai nghiệm {a} và {b}, hệ số $a = 1 > 0$ nên âm khi ${a} < x < {b}$."
        rows.append(
            ("TN", stem, *options, letter, why, 0.25, PARABOLA, "TOAN", 10, "TOAN.10.1.3.11", "Vận dụng")
        )
    return rows


TRUE_FALSE = [
    (
        "Cho hai tập hợp $A = \\{1; 2; 3; 4\\}$ và $B = \\{3; 4; 5\\}$.",
        (
            "$A \\cap B = \\{3; 4\\}$",
            "$A \\cup B$ có 5 phần tử",
            "$A \\setminus B = \\{1; 2; 5\\}$",
            "$B \\subset A$",
        ),
        "ĐĐSS",
        "$A \\setminus B = \\{1; 2\\}$; $5 \\in B$ nhưng $5 \\notin A$ nên $B \\not\\subset A$.",
        SETS,
        "TOAN.10.1.1.4",
        "Biết",
    ),
    (
        "Cho hai tập hợp $A = \\{0; 2; 4; 6\\}$ và $B = \\{2; 6; 8\\}$.",
        (
            "$A \\cap B = \\{2; 6\\}$",
            "$A \\cup B = \\{0; 2; 4; 6; 8\\}$",
            "$B \\setminus A = \\{8\\}$",
            "$4 \\in B$",
        ),
        "ĐĐĐS",
        "$4 \\in A$ nhưng $4 \\notin B$.",
        SETS,
        "TOAN.10.1.1.4",
        "Biết",
    ),
    (
        "Cho hàm số $y = x^2 - 4x + 3$.",
        (
            "Đồ thị có trục đối xứng là đường thẳng $x = 2$",
            "Đỉnh của đồ thị là $I(2; -1)$",
            "Hàm số đồng biến trên khoảng $(-\\infty; 2)$",
            "Đồ thị cắt trục hoành tại hai điểm có hoành độ 1 và 3",
        ),
        "ĐĐSĐ",
        "$a = 1 > 0$: hàm số nghịch biến trên $(-\\infty; 2)$, đồng biến trên $(2; +\\infty)$.",
        PARABOLA,
        "TOAN.10.1.3.8",
        "Hiểu",
    ),
    (
        "Cho hàm số $y = -x^2 + 2x + 3$.",
        (
            "Đỉnh của đồ thị là $I(1; 4)$",
            "Hàm số đồng biến trên khoảng $(-\\infty; 1)$",
            "Giá trị lớn nhất của hàm số là 3",
            "Đồ thị cắt trục tung tại điểm $(0; 3)$",
        ),
        "ĐĐSĐ",
        "Giá trị lớn nhất là $y(1) = 4$.",
        PARABOLA,
        "TOAN.10.1.3.8",
        "Hiểu",
    ),
]

SHORT = [
    (
        "Cho $A = \\{x \\in \\mathbb{Z} \\mid -2 \\le x \\le 2\\}$. Tập $A$ có bao nhiêu phần tử?",
        "5",
        "$A = \\{-2; -1; 0; 1; 2\\}$.",
        SETS,
        "TOAN.10.1.1.3",
        "Hiểu",
    ),
    (
        "Tập hợp $\\{a; b; c\\}$ có bao nhiêu tập con?",
        "8",
        "$2^3 = 8$ tập con.",
        SETS,
        "TOAN.10.1.1.3",
        "Hiểu",
    ),
    (
        "Cho $A = \\{1; 2; 3; 4; 5; 6\\}$ và $B = \\{2; 4; 6; 8\\}$. Tập $A \\cup B$ có bao nhiêu phần tử?",
        "7",
        "$A \\cup B = \\{1; 2; 3; 4; 5; 6; 8\\}$.",
        SETS,
        "TOAN.10.1.1.4",
        "Hiểu",
    ),
    (
        "Tìm hoành độ đỉnh của parabol $y = 2x^2 - 6x + 1$.",
        "1,5",
        "$x = \\frac{6}{4} = 1,5$.",
        PARABOLA,
        "TOAN.10.1.3.7",
        "Vận dụng",
    ),
    (
        "Tìm giá trị nhỏ nhất của hàm số $y = x^2 - 3x + 2$.",
        "-0,25",
        "Tại $x = 1,5$: $y = 2,25 - 4,5 + 2 = -0,25$.",
        PARABOLA,
        "TOAN.10.1.3.7",
        "Vận dụng",
    ),
    (
        "Tìm hoành độ đỉnh của parabol $y = -2x^2 + 5x$.",
        "1,25",
        "$x = \\frac{5}{4} = 1,25$.",
        PARABOLA,
        "TOAN.10.1.3.7",
        "Vận dụng",
    ),
]

ESSAYS = [
    (
        "Cho $A = [-1; 3)$ và $B = (2; 5]$. Tìm $A \\cap B$ và $A \\cup B$.",
        "$A \\cap B = (2; 3)$, $A \\cup B = [-1; 5]$.",
        SETS,
        "TOAN.10.1.1.4",
        "Biết",
    ),
    (
        "Liệt kê các phần tử của tập hợp $A = \\{x \\in \\mathbb{R} \\mid x^2 - 5x + 6 = 0\\}$.",
        "$x^2 - 5x + 6 = 0 \\Leftrightarrow x = 2$ hoặc $x = 3$, nên $A = \\{2; 3\\}$.",
        SETS,
        "TOAN.10.1.1.3",
        "Biết",
    ),
    (
        "Giải bất phương trình $x^2 - 5x + 4 \\le 0$.",
        "Hai nghiệm 1 và 4, $a > 0$: tập nghiệm $[1; 4]$.",
        PARABOLA,
        "TOAN.10.1.3.11",
        "Vận dụng",
    ),
    (
        "Một cổng có dạng parabol $y = -\\frac{1}{2}x^2 + 8$ (đơn vị mét, trục $Ox$ nằm trên mặt đất). "
        "Tính chiều cao của cổng và khoảng cách giữa hai chân cổng.",
        "Đỉnh $(0; 8)$: cao 8 m. $y = 0 \\Leftrightarrow x = \\pm 4$: hai chân cổng cách nhau 8 m.",
        PARABOLA,
        "TOAN.10.1.3.9",
        "Vận dụng",
    ),
]


def bank_rows():
    """The demo bank as rows of the import template (32 questions: every blueprint cell has spares)."""
    rows = _multiple_choice()
    for stem, statements, answer, why, category, outcome, level in TRUE_FALSE:
        rows.append(("ĐS", stem, *statements, answer, why, 1, category, "TOAN", 10, outcome, level))
    for stem, answer, why, category, outcome, level in SHORT:
        rows.append(("TLN", stem, "", "", "", "", answer, why, 0.5, category, "TOAN", 10, outcome, level))
    for stem, why, category, outcome, level in ESSAYS:
        rows.append(("TL", stem, "", "", "", "", "", why, 1, category, "TOAN", 10, outcome, level))
    return rows


@transaction.atomic  # all or nothing: a failed run must not leave a bank the next run imports into again
def load():
    """giaovien's Toán 10 bank, blueprint and test ``DEMO_EXAM_UUID``; nothing when the test exists."""
    try:
        assessment_api.exam_summary(DEMO_EXAM_UUID)
        return
    except LookupError:
        pass
    teacher = get_user_model().objects.get(username=TEACHER)
    bank = next((b for b in qbank_api.list_banks(owner_id=teacher.id) if b.name == BANK), None)
    bank = bank or qbank_api.create_bank(BANK, owner_id=teacher.id)
    sheet = workbook_bytes("questions", HEADER, bank_rows())
    qbank_api.import_questions(sheet, "ngan-hang-toan-10.xlsx", bank.uuid, user_id=teacher.id)
    blueprint = next(
        (
            key
            for key, title, *_rest in assessment_api.list_blueprints(teacher)
            if title == BLUEPRINT["title"]
        ),
        None,
    )
    if blueprint is None:
        blueprint, _problems = assessment_api.save_blueprint(teacher, BLUEPRINT, school_code=SCHOOL)
    classes = {info.name: info.id for info in schools_api.list_classes(SCHOOL, demo_year.current().name)}
    assessment_api.generate_exam(
        teacher,
        blueprint,
        [bank.uuid],
        version_count=4,
        seed=SEED,
        title="Kiểm tra giữa học kì I – Toán 10",
        kind="Kiểm tra giữa học kì I",
        minutes=45,
        class_ids=[classes[CLASS]] if CLASS in classes else [],
        school_code=SCHOOL,
        school_year=demo_year.current().name,
        exam_uuid=DEMO_EXAM_UUID,  # the workbench scenario points at it
    )
