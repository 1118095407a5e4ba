"""An area's report as files: PDF and XLSX in the administrative form an office files (``core.pdf.AdminForm``:
national motto, the unit, place and date, title, totals, chart, signatures), and CSV for programs.

The PDF writes numbers with the decimal comma; the XLSX keeps them numbers (shares as fractions) with a
Vietnamese number format, so a spreadsheet computes with them; the CSV keeps a decimal point and the columns
documented in ``CSV_COLUMNS`` (UTF-8 with a byte-order mark, so Excel reads the Vietnamese names).
"""

import io
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from openedx_vn.core.pdf import AdminForm, PdfTable, admin_report_pdf, dated_at
from openedx_vn.core.spreadsheets import csv_bytes
from openedx_vn.teaching import charts

KINDS = ("pdf", "xlsx", "csv")
# The CSV's columns, for programs (docs/decisions/0016-area-rollups.md): one row for the area, one per level,
# then one per commune or ward (a province's report) and one per school.
CSV_COLUMNS = (
    "row_type",  # area, level, commune, school
    "code",  # unit code (GSO), school MOET code, or the level
    "name",
    "level",  # preschool, primary, lower_secondary, upper_secondary, continuing; "" for every level
    "schools",
    "planned_periods",
    "online_periods",  # counted, each class × subject capped at its plan
    "share_percent",  # one decimal, a decimal point; "" without a plan
    "target_percent",
    "target_strict",  # 1: the share must be above the target ("> 10%")
    "projected_percent",  # at this pace, at the end of the year
    "status",  # met, on_track, at_risk, behind, no_plan, no_target
    "complete",  # 0: provisional (a class × subject without a plan, or a recompute under way)
    "pending_periods",  # awaiting approval
)
PCT = "[$-42A]0.0%"  # Vietnamese locale: 11,4%
INT = "[$-42A]#,##0"
_KINDS_OF_UNIT = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ", "Thị trấn ")


def plain_place(name):
    """ "Quảng Ninh" from "Tỉnh Quảng Ninh": the place as the date line writes it."""
    for kind in _KINDS_OF_UNIT:
        if name.startswith(kind):
            return name[len(kind) :]
    return name


def signers():
    return (_("PREPARED BY"), _("HEAD OF UNIT")), (_("(Signature, full name)"), _("(Signature, seal)"))


def area_form(report):
    """The ``AdminForm`` of an area's report: the province's department of education, or the commune's office
    of culture and society (which manages its schools since July 2025)."""
    titles, notes = signers()
    governing = _("PEOPLE'S COMMITTEE OF %(unit)s") % {"unit": report.unit_name.upper()}
    unit = (
        _("DEPARTMENT OF EDUCATION AND TRAINING")
        if report.unit_level == "province"
        else _("OFFICE OF CULTURE AND SOCIETY")
    )
    return AdminForm(
        governing=governing,
        unit=unit,
        place=plain_place(report.unit_name),
        day=report.as_of,
        title=_("REPORT ON THE SHARE OF TEACHING ONLINE"),
        subtitle=_("%(unit)s · school year %(year)s · week %(week)s of %(weeks)s")
        % {
            "unit": report.unit_name,
            "year": report.year,
            "week": report.weeks_elapsed,
            "weeks": report.weeks_total,
        },
        signers=titles,
        sign_notes=notes,
    )


def filename(report, kind):
    return f"{_('online-teaching share')} {report.unit_name} {report.as_of:%d-%m-%Y}.{kind}"


# ----------------------------------------------------------------------------------------------- PDF
def _pdf_level_rows(context):
    rows = []
    for item in context["level_rows"]:
        rows.append(
            [
                item["label"],
                item["schools"],
                item["planned"],
                item["online"],
                charts.percent_text(item["share"]),
                item["target"],
                charts.percent_text(item["projected"]),
                str(item["status"].label) + ("" if item["complete"] else " *"),
            ]
        )
    return rows


def _pdf_tables(context):
    report, shown = context["report"], [short for _lvl, short in context["shown_levels"]]
    level_rows = _pdf_level_rows(context)
    tables = [
        PdfTable(
            _("Totals by school level"),
            (
                _("Level"),
                _("Number of schools"),
                _("Planned periods"),
                _("Online periods"),
                pgettext("ratio", "Share"),
                _("Target"),
                _("Projected at year end"),
                _("Status"),
            ),
            level_rows,
            bold_rows=(len(level_rows) - 1,),
        )
    ]

    def shares(item):
        return [cell["percent"] if cell else "" for cell in item["by_level"]]

    if report.unit_level == "province":
        tables.append(
            PdfTable(
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
                        *shares(c),
                        c["percent"],
                        str(c["status"].label),
                        c["row"].behind,
                    ]
                    for c in context["communes"]
                ],
            )
        )
        schools, heading = context["direct"], _("Schools reporting to the province")
    else:
        schools, heading = context["schools"], _("Schools")
    tables.append(
        PdfTable(
            heading,
            (_("School"), _("Levels"), *shown, _("All levels"), _("Gap (points)"), _("Status")),
            [
                [
                    s["row"].school_name,
                    s["levels"],
                    *shares(s),
                    s["percent"],
                    s["gap"],
                    str(s["status"].label),
                ]
                for s in schools
            ],
        )
    )
    tables.append(
        PdfTable(
            _("Schools by status"),
            (_("Status"), *shown, _("All levels")),
            [[r["label"], *r["counts"], r["total"]] for r in context["status_rows"]],
        )
    )
    if context["behind"]:
        tables.append(
            PdfTable(
                _("Schools furthest behind their target"),
                (
                    _("School"),
                    _("Commune or ward"),
                    pgettext("ratio", "Share"),
                    _("Gap (points)"),
                    _("Status"),
                ),
                [
                    [
                        s["row"].school_name,
                        s["row"].commune_name,
                        s["percent"],
                        s["gap"],
                        str(s["status"].label),
                    ]
                    for s in context["behind"]
                ],
            )
        )
    return tables


def area_pdf(context):
    report = context["report"]
    lines = [
        _(
            "Online periods counted against the periods planned for the year; each class × subject counts "
            "up to its plan. Projection: the pace so far kept to the end of the year."
        )
    ]
    if report.provisional or not report.overall.figure.complete:
        lines.append(
            _("* not enough data yet: a class × subject without a plan, or figures being recomputed.")
        )
    return admin_report_pdf(
        area_form(report),
        lines,
        _pdf_tables(context),
        chart=context["chart"],
        chart_heading=_("Share taught online by week, per level, against the targets"),
        wide=True,
    )


# ---------------------------------------------------------------------------------------------- XLSX
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
        (1, form.governing, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", False),
        (2, form.unit, "Độc lập - Tự do - Hạnh phúc", True),
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


# ----------------------------------------------------------------------------------------------- CSV
def _csv_row(row_type, code, name, level, schools, summary):
    figure, target = summary.figure, summary.target
    return [
        row_type,
        code,
        name,
        level or "",
        schools,
        figure.planned,
        figure.online,
        charts.format_tenths(charts.tenths(figure.share), "."),
        charts.format_tenths(charts.tenths(Fraction(target.min_share)), ".") if target else "",
        (1 if target.strict else 0) if target else "",
        charts.format_tenths(charts.tenths(figure.projected), "."),
        str(figure.status),
        1 if figure.complete else 0,
        summary.pending,
    ]


def area_csv(context):
    report = context["report"]
    counts = report.status_counts
    rows = [_csv_row("area", report.unit_code, report.unit_name, "", len(report.schools), report.overall)]
    rows += [
        _csv_row("level", s.level, "", s.level, sum(counts.get(s.level, {}).values()), s)
        for s in report.levels
    ]
    for commune in report.communes:
        rows.append(_csv_row("commune", commune.code, commune.name, "", commune.schools, commune.overall))
    for school in report.schools:
        rows.append(_csv_row("school", school.school_code, school.school_name, "", 1, school.overall))
    return csv_bytes(CSV_COLUMNS, rows)


def area_file(kind, context):
    """``(bytes, filename)`` of the area's report in ``kind`` (pdf, xlsx, csv)."""
    build = {"pdf": area_pdf, "xlsx": area_xlsx, "csv": area_csv}[kind]
    return build(context), filename(context["report"], kind)
