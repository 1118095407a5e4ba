"""The files the dashboards export: a school's report (CSV, XLSX, PDF) and an officer's list of schools (CSV,
XLSX). Built from what the page shows (already scope-checked); written through ``core.spreadsheets`` and
``core.pdf``. CSV keeps plain numbers (a decimal point) for programs; XLSX keeps numbers with their format, so
Excel shows them in the reader's locale; the PDF is for people and uses the decimal comma and dd/mm/yyyy."""

from decimal import Decimal
from fractions import Fraction

from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from openedx_vn.core.pdf import AdminForm, PdfTable, admin_report_pdf
from openedx_vn.core.spreadsheets import Table, csv_bytes, tables_workbook_bytes

LEVEL_LABELS = {
    "preschool": gettext_lazy("preschool"),
    "primary": gettext_lazy("primary"),
    "lower_secondary": gettext_lazy("lower secondary"),
    "upper_secondary": gettext_lazy("upper secondary"),
    "continuing": gettext_lazy("continuing education"),
    None: gettext_lazy("all levels"),
}
# The levels' abbreviations as Vietnamese offices write them (charts, area tables).
LEVEL_SHORT = {
    "preschool": "MN",
    "primary": "TH",
    "lower_secondary": "THCS",
    "upper_secondary": "THPT",
    "continuing": "GDTX",
}
REPORTS_TO_LABELS = {"commune": gettext_lazy("commune"), "province": gettext_lazy("province")}

# Cell colours by status, the same as the pages' (dashboards.css).
FILLS = {
    "met": "#c8e6c9",
    "on_track": "#dbeafe",
    "at_risk": "#ffe0b2",
    "behind": "#ffcdd2",
    "no_plan": "#eceff1",
    "no_target": "#eceff1",
}
SCHOOL_KINDS = ("csv", "xlsx", "pdf")
SCHOOLS_KINDS = ("csv", "xlsx")


def percent(share):
    """A ``Fraction`` share (or gap) in percent with one decimal, a ``Decimal``; None stays None."""
    if share is None:
        return None
    return (Decimal(share.numerator * 100) / share.denominator).quantize(Decimal("0.1"))


def _csv_percent(share):
    value = percent(share)
    return "" if value is None else value


def _status(figure):
    return str(figure.status.label)


def _yes_no(value):
    return _("yes") if value else _("no")


def _number(value, places=1):
    return "" if value is None else formats.number_format(value, places, use_l10n=True)


def target_label(target, localized=True):
    """ "> 10,0%" (strict: more than) or "≥ 5,0%"; ">10.0" when not ``localized`` (CSV, in percent)."""
    if target is None:
        return ""
    value = (Decimal(target.min_share) * 100).quantize(Decimal("0.1"))
    sign = ">" if target.strict else "≥"
    return f"{sign} {_number(value)}%" if localized else f"{sign}{value}"


def _day(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


# ------------------------------------------------------------------------------------------- a school
def _cell_rows(context):
    grid, school = context["grid"], context["school"]
    subjects = context["subjects"]
    for row in grid.rows:
        for cell in row.cells:
            figure = cell.figure
            yield [
                grid.year,
                school.code,
                school.name,
                row.class_name,
                row.grade,
                cell.subject_code,
                subjects.get(cell.subject_code, cell.subject_code),
                figure.planned,
                figure.online,
                figure.share,
                _status(figure),
                _yes_no(figure.complete),
                cell.pending,
            ]


def _cell_header():
    return (
        _("School year"),
        _("School code"),
        _("School"),
        _("Class"),
        pgettext("school grade", "Grade"),
        _("Subject code"),
        _("Subject"),
        _("Planned periods"),
        _("Online periods"),
        pgettext("ratio", "Share"),
        _("Status"),
        _("Complete data"),
        _("Periods awaiting approval"),
    )


def _school_pdf(context):
    grid, school = context["grid"], context["school"]
    lines = [
        _("School year %(year)s · week %(week)s of %(weeks)s · figures as of %(day)s")
        % {"year": grid.year, "week": grid.weeks_elapsed, "weeks": grid.weeks_total, "day": _day(grid.as_of)},
    ]
    for level in context["levels"]:
        lines.append(
            _("%(level)s: %(share)s%% of %(planned)s periods online (target %(target)s) – %(status)s")
            % {
                "level": LEVEL_LABELS.get(level["summary"].level, level["summary"].level),
                "share": _number(level["percent"]) or "–",
                "planned": level["summary"].figure.planned,
                "target": target_label(level["summary"].target) or "–",
                "status": _status(level["summary"].figure),
            }
        )
    lines.append(_("* not enough data yet: a class × subject without a plan, or figures being recomputed."))
    view = context["grid_view"]
    header = (_("Class"), _("All subjects"), *(name for _code, name in view["columns"]))
    rows, fills = [], {}
    for index, item in enumerate(view["rows"]):
        cells = [item["overall"], *item["cells"]]
        rows.append([item["row"].class_name, *(_pdf_cell(cell) for cell in cells)])
        for column, cell in enumerate(cells, start=1):
            if cell is not None:
                fills[(index, column)] = FILLS.get(cell["status"], "#ffffff")
    totals = [context["overall_cell"], *view["totals"]]  # the school's row: every class added up
    rows.append([_("Whole school"), *(_pdf_cell(cell) for cell in totals)])
    for column, cell in enumerate(totals, start=1):
        if cell is not None:
            fills[(len(rows) - 1, column)] = FILLS.get(cell["status"], "#ffffff")
    tables = [
        PdfTable(
            _("Classes × subjects (online / planned periods)"),
            header,
            rows,
            fills,
            bold_rows=(len(rows) - 1,),
        )
    ]
    if context["pending"]:
        tables.append(
            PdfTable(
                _("Sessions awaiting approval"),
                (_("Date"), _("Class"), _("Subject"), _("Periods"), _("Teacher")),
                [
                    [
                        formats.date_format(
                            timezone.localtime(item["session"].starts_at), "SHORT_DATETIME_FORMAT"
                        ),
                        item["session"].class_name,
                        item["subject_name"],
                        item["session"].periods,
                        item["teacher"],
                    ]
                    for item in context["pending"]
                ],
            )
        )
    return admin_report_pdf(
        _school_form(school, grid),
        lines,
        tables,
        chart=_school_chart(context),
        chart_heading=_("Share taught online by week, against the targets"),
        wide=True,
    )


def _school_form(school, grid):
    """The school's report in the administrative form: under its commune's people's committee, or the
    province's department of education for the schools reporting to the province (NĐ 142/2025)."""
    from openedx_vn.teaching.area_exports import plain_place, signers  # noqa: PLC0415

    if school.reports_to == "province":
        governing = _("DEPARTMENT OF EDUCATION AND TRAINING OF %(province)s") % {
            "province": plain_place(school.province_name).upper()
        }
    else:
        governing = _("PEOPLE'S COMMITTEE OF %(unit)s") % {"unit": school.commune_name.upper()}
    titles, notes = signers()
    return AdminForm(
        governing=governing,
        unit=school.name.upper(),
        place=plain_place(school.commune_name),
        day=grid.as_of,
        title=_("REPORT ON THE SHARE OF TEACHING ONLINE"),
        subtitle=school.name,
        signers=titles,
        sign_notes=notes,
    )


def _school_chart(context):
    from openedx_vn.teaching import charts  # noqa: PLC0415

    points = [(p.week, charts.tenths(p.share)) for p in context["trend"]]
    targets = [
        (
            s.level,
            charts.tenths(Fraction(s.target.min_share)),
            LEVEL_SHORT.get(s.level, s.level),
            _sign(s.target),
        )
        for s in context["summary"].levels
        if s.target is not None
    ]
    return charts.trend_geometry([(None, _("School"), points)], targets, context["grid"].weeks_total)


def _sign(target):
    return ">" if target.strict else "≥"


def _pdf_cell(cell):
    if cell is None:
        return ""
    figure = cell["figure"]
    text = f"{_number(cell['percent'])}%" if cell["percent"] is not None else "–"
    text += f" ({figure.online}/{figure.planned})"
    if not cell["complete"]:
        text += " *"
    return text


def school_file(kind, context):
    """``(bytes, filename)`` of a school's report in ``kind`` (csv, xlsx, pdf)."""
    if kind not in SCHOOL_KINDS:
        raise Http404(_("No export {kind!r}").format(kind=kind))
    school, grid = context["school"], context["grid"]
    filename = f"{_('online-teaching share')} {school.code} {grid.year}.{kind}"
    if kind == "pdf":
        return _school_pdf(context), filename
    rows = list(_cell_rows(context))
    share = _cell_header().index(pgettext("ratio", "Share"))
    if kind == "csv":
        header = list(_cell_header())
        header[share] = _("Share (%)")
        for row in rows:
            row[share] = _csv_percent(row[share])
        return csv_bytes(header, rows), filename
    for row in rows:
        row[share] = None if row[share] is None else float(row[share])
    weeks = Table(
        _("Weeks"),
        (
            _("Week"),
            _("Week starts on"),
            _("Online periods"),
            _("Planned periods"),
            pgettext("ratio", "Share"),
        ),
        [
            [p.week, p.week_starts_on, p.online, p.planned, None if p.share is None else float(p.share)]
            for p in context["trend"]
        ],
        formats={1: "dd/mm/yyyy", 4: "0.0%"},
    )
    tables = [Table(_("Classes × subjects"), _cell_header(), rows, formats={share: "0.0%"}), weeks]
    return tables_workbook_bytes(tables), filename


# ------------------------------------------------------------------------------------ officers' list
def _schools_header():
    return (
        _("School code"),
        _("School"),
        _("Commune"),
        _("Reports to"),
        _("Levels"),
        _("Planned periods"),
        _("Online periods"),
        pgettext("ratio", "Share"),
        _("Target"),
        _("Gap to target (points)"),
        _("Status"),
        _("Complete data"),
        _("Periods awaiting approval"),
    )


def schools_file(kind, rows, filters, year):
    """``(bytes, filename)`` of the officer's list of schools (as filtered and sorted on the page)."""
    if kind not in SCHOOLS_KINDS:
        raise Http404(_("No export {kind!r}").format(kind=kind))
    data = []
    for item in rows:
        row, figure = item["row"], item["row"].overall.figure
        data.append(
            [
                row.school_code,
                row.school_name,
                row.commune_name,
                str(REPORTS_TO_LABELS.get(row.reports_to, row.reports_to)),
                ", ".join(str(LEVEL_LABELS.get(s.level, s.level)) for s in row.levels),
                figure.planned,
                figure.online,
                figure.share,
                item["targets"],
                item["gap"],
                _status(figure),
                _yes_no(figure.complete),
                item["pending"],
            ]
        )
    parts = [_("online-teaching share"), _("schools")]
    parts += [value for value in (filters.get("area"), filters.get("level"), year) if value]
    filename = " ".join(parts) + f".{kind}"
    if kind == "csv":
        header = list(_schools_header())
        header[7], header[8] = _("Share (%)"), _("Target (%)")
        for row in data:
            row[7] = _csv_percent(row[7])
            row[8] = " ".join(target_label(target, localized=False) for target in row[8])
        return csv_bytes(header, data), filename
    for row in data:
        row[7] = None if row[7] is None else float(row[7])
        row[8] = ", ".join(target_label(target) for target in row[8])
        row[9] = None if row[9] is None else float(row[9])
    table = Table(_("Schools"), _schools_header(), data, formats={7: "0.0%", 9: "0.0"})
    return tables_workbook_bytes([table]), filename
