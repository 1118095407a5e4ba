"""The talent list as an XLSX workbook: one row per consistent top performer, scores as numeric cells."""

import io

from django.utils.translation import gettext as _


def talent_xlsx(report):
    from openpyxl import Workbook  # noqa: PLC0415 - only exports need it

    book = Workbook()
    sheet = book.active
    sheet.title = _("Top performers")[:31]
    sheet.append(
        [
            _("Subject"),
            _("Full name"),
            _("Username"),
            _("School"),
            _("Tests in the top 10%% of their version") % {},  # the page's string, "%%" and all
            _("Tests sat"),
            _("Best score"),
        ]
    )
    for subject, students in report.items():
        for student in students:
            if not student.consistent:
                continue
            sheet.append(
                [
                    subject,
                    student.full_name,
                    student.username,
                    student.school_name,
                    student.top_count,
                    len(student.standings),
                    float(max(s.score for s in student.standings)),
                ]
            )
            sheet.cell(sheet.max_row, 7).number_format = "0.0"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
