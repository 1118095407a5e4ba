"""Downloadable templates for the topic import, in CSV and XLSX."""

import csv
import io

from openedx_vn.core.spreadsheets import workbook_bytes
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
        content = workbook_bytes("topics", HEADER, EXAMPLE)
        return content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(EXAMPLE)
    return out.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"
