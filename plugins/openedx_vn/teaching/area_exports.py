"""An area's report as files: PDF and XLSX in the administrative form an office files (``core.pdf.AdminForm``:
national motto, the unit, place and date, title, totals, chart, signatures), and CSV for programs.

The PDF writes numbers with the decimal comma; the XLSX keeps them numbers (shares as fractions) with a
Vietnamese number format, so a spreadsheet computes with them; the CSV keeps a decimal point and the columns
documented in ``CSV_COLUMNS`` (UTF-8 with a byte-order mark, so Excel reads the Vietnamese names).
"""

from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from openedx_vn.core.pdf import AdminForm, PdfTable, admin_report_pdf
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
    from openedx_vn.teaching.area_workbook import area_xlsx  # noqa: PLC0415 - it imports this module

    build = {"pdf": area_pdf, "xlsx": area_xlsx, "csv": area_csv}[kind]
    return build(context), filename(context["report"], kind)
