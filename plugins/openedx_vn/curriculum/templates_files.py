"""Downloadable templates for the topic import, in CSV and XLSX."""

import csv
import io

from openedx_vn.curriculum.topics_file import OPTIONAL, REQUIRED

HEADER = REQUIRED + OPTIONAL
EXAMPLE = [
    ("TOAN", 6, "TOAN.6.1", "", "strand", "Số và Đại số", "", "TT 32/2018/TT-BGDĐT, CT môn Toán"),
    ("TOAN", 6, "TOAN.6.1.1", "TOAN.6.1", "topic", "Phân số", "", ""),
    (
        "TOAN",
        6,
        "TOAN.6.1.1.1",
        "TOAN.6.1.1",
        "outcome",
        "Nhận biết được phân số với tử số hoặc mẫu số là số nguyên âm.",
        "",
        "",
    ),  # noqa: E501
]


def topics_template(extension):
    """Return ``(bytes, content type)`` of the template; ``extension`` is "csv" or "xlsx"."""
    if extension == "xlsx":
        from openpyxl import Workbook  # noqa: PLC0415

        book = Workbook()
        sheet = book.active
        sheet.title = "topics"
        sheet.append(HEADER)
        for row in EXAMPLE:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(EXAMPLE)
    return out.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"
