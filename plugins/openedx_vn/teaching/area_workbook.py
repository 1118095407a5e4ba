"""An area's report as a workbook in the administrative form (header, totals, communes or schools, status
counts, a native line chart, signatures): shares stay numbers (fractions) with a Vietnamese number format, so
a spreadsheet computes with them and shows "11,4%"."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from openedx_vn.core.pdf import MOTTO, dated_at
from openedx_vn.teaching.area_exports import area_form, signers

PCT = "[$-42A]0.0%"  # the Vietnamese locale (LCID 042A): 11,4%
INT = "[$-42A]#,##0"


def _fraction(value):
    return None if value is None else value.numerator / value.denominator


def area_xlsx(context):
    """The administrative form in a workbook: a report sheet (header, totals, communes or schools, status
    counts, signatures, a line chart) and a sheet of the weekly figures the chart draws."""
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.chart import LineChart, Reference  # noqa: PLC0415
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415

    report, form = context["report"], area_form(context["report"])
    book = Workbook()
    sheet = book.active
    sheet.title = _("Report")
    bold, centre = Font(bold=True), Alignment(horizontal="center", wrap_text=True)
    for row, left, right, left_bold in (
        (1, form.governing, MOTTO[0], False),
        (2, form.unit, MOTTO[1], True),
    ):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        sheet.merge_cells(start_row=row, start_column=4, end_row=row, end_column=9)
        sheet.cell(row, 1, left).font = Font(bold=left_bold)
        sheet.cell(row, 4, right).font = Font(bold=True, underline="single" if row == 2 else None)
        sheet.cell(row, 1).alignment = sheet.cell(row, 4).alignment = centre
    sheet.merge_cells("D4:I4")
    sheet.cell(4, 4, dated_at(form.place, form.day)).font = Font(italic=True)
    sheet.cell(4, 4).alignment = Alignment(horizontal="right")
    for row, value, font in ((6, form.title, Font(bold=True, size=14)), (7, form.subtitle, None)):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=9)
        sheet.cell(row, 1, value).alignment = centre
        if font:
            sheet.cell(row, 1).font = font
    row = 9
    header = (
        _("Level"),
        _("Number of schools"),
        _("Planned periods"),
        _("Online periods"),
        pgettext("ratio", "Share"),
        _("Target"),
        _("Projected at year end"),
        _("Status"),
    )
    row = _xlsx_table(
        sheet,
        row,
        _("Totals by school level"),
        header,
        [
            [
                i["label"] if i["level"] == "all" else f"{i['label']} ({i['name']})",
                i["schools"],
                i["planned"],
                i["online"],
                _fraction(i["share"]),
                i["target"],
                _fraction(i["projected"]),
                str(i["status"].label),
            ]
            for i in context["level_rows"]
        ],
        {1: INT, 2: INT, 3: INT, 4: PCT, 6: PCT},
        bold_last=True,
    )
    shown = [short for _lvl, short in context["shown_levels"]]

    def shares(item, levels):
        by_level = {s.level: s for s in levels}
        return [
            _fraction(by_level[lvl].figure.share) if lvl in by_level else None
            for lvl, _s in context["shown_levels"]
        ]

    share_cols = dict.fromkeys(range(2, 3 + len(shown)), PCT)
    if report.unit_level == "province":
        row = _xlsx_table(
            sheet,
            row,
            _("Communes and wards (their schools reporting to them)"),
            (
                _("Commune or ward"),
                _("Number of schools"),
                *shown,
                _("All levels"),
                _("Status"),
                _("Schools behind"),
            ),
            [
                [
                    c["row"].name,
                    c["row"].schools,
                    *shares(c, c["row"].levels),
                    _fraction(c["row"].overall.figure.share),
                    str(c["status"].label),
                    c["row"].behind,
                ]
                for c in context["communes"]
            ],
            share_cols,
        )
        schools, heading = context["direct"], _("Schools reporting to the province")
    else:
        schools, heading = context["schools"], _("Schools")
    row = _xlsx_table(
        sheet,
        row,
        heading,
        (_("School"), _("Levels"), *shown, _("All levels"), _("Status")),
        [
            [
                s["row"].school_name,
                s["levels"],
                *shares(s, s["row"].levels),
                _fraction(s["row"].overall.figure.share),
                str(s["status"].label),
            ]
            for s in schools
        ],
        share_cols,
    )
    row = _xlsx_table(
        sheet,
        row,
        _("Schools by status"),
        (_("Status"), *shown, _("All levels")),
        [[r["label"], *r["counts"], r["total"]] for r in context["status_rows"]],
        {},
    )
    weeks = _weeks_sheet(book, context)
    if weeks:
        chart = LineChart()
        chart.title = _("Share taught online by week, per level, against the targets")
        chart.y_axis.number_format = "0%"
        chart.x_axis.title = _("Week")
        chart.height, chart.width = 8, 22
        chart.add_data(
            Reference(weeks, min_col=2, max_col=weeks.max_column, min_row=1, max_row=weeks.max_row),
            titles_from_data=True,
        )
        chart.set_categories(Reference(weeks, min_col=1, min_row=2, max_row=weeks.max_row))
        sheet.add_chart(chart, f"A{row + 1}")
        row += 18
    titles, notes = signers()
    for column, (title, note) in ((1, (titles[0], notes[0])), (5, (titles[1], notes[1]))):
        sheet.cell(row + 1, column, title).font = bold
        sheet.cell(row + 2, column, note).font = Font(italic=True)
    sheet.column_dimensions["A"].width = 34
    for letter in "BCDEFGHI":
        sheet.column_dimensions[letter].width = 14
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_table(sheet, row, heading, header, rows, number_formats, bold_last=False):
    from openpyxl.styles import Font  # noqa: PLC0415

    sheet.cell(row, 1, heading).font = Font(bold=True, size=12)
    for column, name in enumerate(header, start=1):
        sheet.cell(row + 1, column, name).font = Font(bold=True)
    for offset, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row + offset, column, value)
            if column - 1 in number_formats:
                cell.number_format = number_formats[column - 1]
            if bold_last and offset == len(rows) + 1:
                cell.font = Font(bold=True)
    return row + len(rows) + 3


def _weeks_sheet(book, context):
    """A sheet of the weekly shares per level (and each level's target), which the chart draws."""
    report = context["report"]
    levels = [s for s in report.levels if report.trend.get(s.level)]
    if not levels:
        return None
    sheet = book.create_sheet(_("Weeks"))
    header = [_("Week")]
    for summary in levels:
        short = dict(context["shown_levels"])[summary.level]
        header.append(short)
        if summary.target is not None:
            header.append(_("target %(level)s") % {"level": short})
    sheet.append(header)
    weeks = max(len(report.trend[s.level]) for s in levels)
    for index in range(weeks):
        line = [index + 1]
        for summary in levels:
            points = report.trend[summary.level]
            line.append(_fraction(points[index].share) if index < len(points) else None)
            if summary.target is not None:
                line.append(float(summary.target.min_share))
        sheet.append(line)
    for cells in sheet.iter_rows(min_row=2, min_col=2):
        for cell in cells:
            cell.number_format = PCT
    return sheet
