"""The files teachers download: a blueprint's matrix and specification, a test's papers per version, its
answer keys, its results. Each builder returns ``(bytes, filename)``; the views send them as attachments.

Matrices, specifications, papers and keys are Vietnamese school documents: they are written in Vietnamese
whatever the teacher's interface language (``papers`` and ``matrix_files`` see to it).
"""

import re

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from openedx_vn.assessment import api
from openedx_vn.assessment.rest.common import local_time
from openedx_vn.audit import api as audit_api
from openedx_vn.core.spreadsheets import Table, tables_workbook_bytes
from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank import api as qbank_api
from openedx_vn.schools import api as schools_api

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
BLUEPRINT_FILES = ("matrix.docx", "matrix.xlsx", "specification.docx", "specification.xlsx")
EXAM_FILES = ("keys.docx", "keys.xlsx", "results.xlsx")
_VERSION_FILE = re.compile(r"^version-(\d{3})\.(docx|pdf)$")
_PROVINCE_PREFIX = re.compile(r"^(Tỉnh|Thành phố)\s+", re.IGNORECASE)
_UNSAFE = re.compile(r'[\\/:*?"<>|\r\n]+')


def attachment(content, filename):
    """An HTTP response that downloads ``content`` as ``filename`` (Vietnamese names kept, RFC 6266)."""
    extension = filename.rsplit(".", 1)[-1].lower()
    response = HttpResponse(content, content_type=CONTENT_TYPES.get(extension, "application/octet-stream"))
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _safe(title):
    return _UNSAFE.sub("-", title).strip() or "de"


def blueprint_file(user, blueprint_uuid, name):
    """``(bytes, filename)`` of a blueprint's matrix or specification (``BLUEPRINT_FILES``).

    Raises ``LookupError`` for an unknown blueprint or file name, ``NotAllowed`` for another teacher's.
    """
    if name not in BLUEPRINT_FILES:
        raise LookupError(_("No file {name!r}").format(name=name))
    from openedx_vn.assessment import matrix_files  # noqa: PLC0415 - the writers load python-docx/openpyxl

    blueprint, _problems = api.get_blueprint(user, blueprint_uuid)
    kind, extension = name.split(".")
    writer = getattr(matrix_files, f"{kind}_{extension}")
    with override("vi"):
        label = _("Blueprint") if kind == "matrix" else _("Specification")
        filename = f"{label} - {_safe(blueprint.title)}.{extension}"
    return writer(blueprint), filename


def exam_file_names(info):
    """The file names a test offers: each version's paper (.docx, .pdf), then the keys and the results."""
    names = []
    for code in info.version_codes:
        names += [f"version-{code}.docx", f"version-{code}.pdf"]
    return names + list(EXAM_FILES)


def exam_file(user, exam_uuid, name):
    """``(bytes, filename)`` of one of ``exam_file_names``.

    Raises ``LookupError`` for an unknown test, version or file name, ``NotAllowed`` for a test the user may
    not see."""
    info = api.get_exam(user, exam_uuid)
    if name == "results.xlsx":  # students' names: the download is audited (ADR 0013)
        content = results_xlsx(user, info)
        audit_api.record(user, "export.names", "exam_results", info.uuid, school_code=info.school_code or "")
        return content
    from openedx_vn.assessment import papers  # noqa: PLC0415 - the writers load python-docx/reportlab

    match = _VERSION_FILE.match(name)
    if match is None and name not in EXAM_FILES:
        raise LookupError(_("No file {name!r}").format(name=name))
    paper, versions = _paper(user, info)
    title = _safe(info.title)
    if match:
        code, extension = match.groups()
        version = next((v for v in versions if v.code == code), None)
        if version is None:
            raise LookupError(_("No version {code}").format(code=code))
        writer = papers.version_docx if extension == "docx" else papers.version_pdf
        with override("vi"):
            filename = _("%(title)s - version %(code)s") % {"title": title, "code": code}
        # Pictures stored in the bank are fetched from its storage (data: URIs are read in place).
        return writer(paper, version, pictures=qbank_api.question_picture), f"{filename}.{extension}"
    extension = name.split(".")[1]
    writer = papers.answer_keys_docx if extension == "docx" else papers.answer_keys_xlsx
    with override("vi"):
        filename = _("%(title)s - answer keys") % {"title": title}
    return writer(paper, versions), f"{filename}.{extension}"


def _paper(user, info):
    """The printable ``papers.Paper`` of a test and its ``TestVersion``s (keys included)."""
    from openedx_vn.assessment import papers  # noqa: PLC0415

    contents, versions, points = api.exam_versions(user, info.uuid)
    school, authority = _school_lines(info.school_code)
    paper = papers.Paper(
        school=school,
        subject=subject_name(info.subject_code),
        grade=info.grade,
        title=info.title,
        minutes=info.minutes,
        school_year=info.school_year,
        exam_kind=info.kind or info.title,
        questions=contents,
        points=points,
        authority=authority,
    )
    return paper, versions


def _school_lines(school_code):
    """The paper's header lines: the school's name and the authority above it ("SỞ GD&ĐT QUẢNG NINH")."""
    if not school_code:
        return "", ""
    try:
        school = schools_api.get_school(school_code)
    except schools_api.SchoolNotFound:
        return "", ""
    province = _PROVINCE_PREFIX.sub("", school.province_name).strip()
    return school.name.upper(), (f"SỞ GD&ĐT {province.upper()}" if province else "")


def subject_name(code):
    """A subject's Vietnamese name ("Toán") from the curriculum, or its code when none was loaded."""
    try:
        offerings = curriculum_api.get_subjects()
    except curriculum_api.CurriculumError:
        return code
    return next((offering.name_vi for offering in offerings if offering.code == code), code)


def status_labels():
    return {
        "open": _("in progress"),
        "submitted": _("submitted"),
        "timed_out": _("submitted at time-out"),
    }


def results_xlsx(user, info):
    """The results table as .xlsx: Vietnamese name order, local times, scores as numbers (Excel shows the
    reader's decimal comma)."""
    statuses = status_labels()
    rows = []
    for number, row in enumerate(api.results(user, info.uuid), start=1):
        rows.append(
            (
                number,
                row.full_name,
                row.username,
                row.version_code,
                str(statuses.get(row.status, row.status)),
                local_time(row.started_at),
                local_time(row.submitted_at),
                None if row.points is None else float(row.points),
                None if row.score is None else float(row.score),
                row.essays_pending,
            )
        )
    header = (
        _("No."),
        _("Full name"),
        _("Username"),
        pgettext("test version: mã đề", "Version"),
        _("Status"),
        _("Started (dd/mm/yyyy)"),
        _("Submitted (dd/mm/yyyy)"),
        _("Points of %(max)s") % {"max": f"{info.max_points.normalize():f}".replace(".", ",")},
        _("Score (of 10)"),
        _("Essays to grade"),
    )
    table = Table(str(_("Results"))[:31], header, rows, formats={7: "0.00", 8: "0.0"})
    suffix = _("results")
    return tables_workbook_bytes([table]), f"{_safe(info.title)} - {suffix}.xlsx"
