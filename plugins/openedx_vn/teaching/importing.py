"""Import online sessions taught on other platforms from a CSV or XLSX file: all rows or none.

One row per session and class. Each problem names its place (file, row as the user sees it, column); a file
with any problem stores nothing. Imported sessions wait for the school leader's approval before they count.
"""

import csv
import io
import re
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openedx_vn.core.spreadsheets import UnreadableWorkbook, read_rows, workbook_bytes
from openedx_vn.core.vietnamese import fold, nfc
from openedx_vn.schools import api as schools_api
from openedx_vn.teaching import access, sessions
from openedx_vn.teaching.data import ImportProblem, ImportReport
from openedx_vn.teaching.errors import SessionError, SessionImportError
from openedx_vn.teaching.models import OnlineSession

REQUIRED = ("school_code", "class", "subject", "date", "start_time", "periods")
OPTIONAL = ("teacher", "mode", "form", "attendance", "url", "recording")
HEADER = REQUIRED + OPTIONAL
EXAMPLE = [
    (
        "22000101",
        "6A1",
        "TOAN",
        "06/10/2025",
        "07:30",
        1,
        "giaovien",
        "live",
        "supporting",
        38,
        "https://meet.example.invalid/toan-6a1",
        "",
    ),
    ("22000101", "6A2", "TOAN", "08/10/2025", "14:00", 2, "giaovien", "self_paced", "supporting", "", "", ""),
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 5000
# What people write: our codes, or the Vietnamese words (compared without diacritics).
_MODES = {
    "live": "live",
    "dong bo": "live",
    "truc tiep": "live",
    "self_paced": "self_paced",
    "self-paced": "self_paced",
    "khong dong bo": "self_paced",
    "tu hoc": "self_paced",
}
_FORMS = {
    "supporting": "supporting",
    "ho tro": "supporting",
    "replacing": "replacing",
    "thay the": "replacing",
}
# Session fields → the column that holds them, so a refused field is reported at its column.
_COLUMN_OF = {
    "class_id": "class",
    "subject_code": "subject",
    "starts_at": "date",
    "periods": "periods",
    "mode": "mode",
    "form": "form",
    "attendance": "attendance",
    "url": "url",
    "recording": "recording",
    "teacher_user_id": "teacher",
}
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_TIME = re.compile(r"^(\d{1,2})[:hg](\d{2})(?::\d{2})?$")


def template(kind="xlsx"):
    """``(bytes, content type, filename)`` of the import template ("xlsx" or "csv")."""
    if kind == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(EXAMPLE)
        return out.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8", "online-sessions-template.csv"
    return workbook_bytes("sessions", HEADER, EXAMPLE), XLSX, "online-sessions-template.xlsx"


# ------------------------------------------------------------------------------------------- reading
def _rows(content, filename):
    """``(header, [(row number, {column: text})])``; raises ``SessionImportError`` for an unreadable file."""
    if filename.lower().endswith(".xlsx"):
        try:
            header, rows = read_rows(content)
        except UnreadableWorkbook as exc:
            raise SessionImportError([ImportProblem(filename, None, None, str(exc))]) from exc
        return [h.strip().lower() for h in header], [
            (n, {k.strip().lower(): nfc(v) for k, v in r.items()}) for n, r in rows
        ]
    if not filename.lower().endswith(".csv"):
        raise SessionImportError([ImportProblem(filename, None, None, _("not a .csv or .xlsx file"))])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SessionImportError(
            [
                ImportProblem(
                    filename,
                    None,
                    None,
                    _("not UTF-8 text (byte %(at)s): save it as CSV UTF-8") % {"at": exc.start},
                )
            ]
        ) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    rows = []
    for number, cells in enumerate(reader, start=2):
        row = {name: nfc(value.strip()) for name, value in zip(header, cells, strict=False)}
        if any(row.values()):
            rows.append((number, row))
    return header, rows


def _day(text):
    text = text.strip()
    match = _DATE.match(text)
    if match:
        return date(int(match[3]), int(match[2]), int(match[1]))
    return datetime.fromisoformat(text).date()  # an Excel date cell read as "2025-10-06 00:00:00"


def _clock(text):
    match = _TIME.match(text.strip())
    if not match:
        raise ValueError(text)
    return time(int(match[1]), int(match[2]))


# ------------------------------------------------------------------------------------------ checking
class _Checker:
    def __init__(self, filename, scope):
        self.filename, self.scope = filename, scope
        self.problems, self.rows, self.seen = [], [], {}
        self.classes, self.users = {}, {}

    def problem(self, number, column, message):
        self.problems.append(ImportProblem(self.filename, number, column, message))

    def class_id(self, school_code, name, day, number):
        year = schools_api.current_school_year(day)
        if year is None:
            self.problem(number, "date", _("%(day)s falls in no school year") % {"day": f"{day:%d/%m/%Y}"})
            return None
        key = (school_code, year.name)
        if key not in self.classes:
            try:
                self.classes[key] = {
                    c.name.casefold(): c.id for c in schools_api.list_classes(school_code, year.name)
                }
            except schools_api.SchoolsError as exc:
                self.problem(number, "school_code", str(exc))
                return None
        found = self.classes[key].get(name.casefold())
        if found is None:
            self.problem(
                number,
                "class",
                _("school %(school)s has no class %(class)r in %(year)s")
                % {"school": school_code, "class": name, "year": year.name},
            )
        return found

    def teacher(self, text, number):
        if not text:
            return self.scope.user_id
        if text not in self.users:
            User = get_user_model()
            user = (
                User.objects.filter(username=text).first() or User.objects.filter(email__iexact=text).first()
            )
            self.users[text] = user.pk if user else None
        if self.users[text] is None:
            self.problem(
                number,
                "teacher",
                _("no user %(value)r (give a username or an e-mail address)") % {"value": text},
            )
        return self.users[text]

    def fields(self, number, row):
        """The session fields of a row, or None (problems recorded)."""
        before = len(self.problems)
        for column in REQUIRED:
            if not row.get(column):
                self.problem(number, column, _("empty"))
        if len(self.problems) > before:
            return None
        try:
            day = _day(row["date"])
        except ValueError:
            self.problem(number, "date", _("%(value)r is not a date (dd/mm/yyyy)") % {"value": row["date"]})
            return None
        try:
            clock = _clock(row["start_time"])
        except ValueError:
            self.problem(
                number, "start_time", _("%(value)r is not a time (07:30)") % {"value": row["start_time"]}
            )
            return None
        mode = _MODES.get(fold(row.get("mode") or "live"))
        form = _FORMS.get(fold(row.get("form") or "supporting"))
        if mode is None:
            self.problem(
                number, "mode", _("%(value)r: live or self_paced (đồng bộ / tự học)") % {"value": row["mode"]}
            )
        if form is None:
            self.problem(
                number,
                "form",
                _("%(value)r: supporting or replacing (hỗ trợ / thay thế)") % {"value": row["form"]},
            )
        class_id = self.class_id(row["school_code"], row["class"], day, number)
        teacher = self.teacher(row.get("teacher", ""), number)
        if len(self.problems) > before:
            return None
        return {
            "class_id": class_id,
            "subject_code": row["subject"],
            "starts_at": timezone.make_aware(datetime.combine(day, clock)),
            "periods": row["periods"],
            "mode": mode,
            "form": form,
            "attendance": row.get("attendance") or None,
            "url": row.get("url", ""),
            "recording": row.get("recording", ""),
            "teacher_user_id": teacher,
        }

    def check(self, number, row):
        fields = self.fields(number, row)
        if fields is None:
            return
        try:
            session, _keys = sessions.new_row(
                self.scope, fields, OnlineSession.Source.IMPORT, OnlineSession.Status.SUBMITTED
            )
        except SessionError as exc:
            for name, message in exc.errors.items():
                self.problem(number, _COLUMN_OF.get(name, name), message)
            return
        except PermissionError as exc:
            self.problem(number, "class", str(exc))
            return
        pair = (session.class_id, session.subject_code, session.starts_at)
        if pair in self.seen:
            self.problem(number, "date", _("the same session as row %(row)s") % {"row": self.seen[pair]})
            return
        self.seen[pair] = number
        other = sessions.duplicate_of(_keys, session.subject_code, session.starts_at)
        if other is not None:
            self.problem(
                number,
                "date",
                _("already recorded (session %(id)s, %(status)s)")
                % {"id": other.pk, "status": other.get_status_display()},
            )
            return
        self.rows.append(session)


def run(content, filename, user, dry_run=False):
    """Check every row, then store all of them (unless ``dry_run``) or none; returns ``ImportReport``.
    Raises ``SessionImportError`` listing each problem with its place."""
    scope = access.scope_of(user)
    if scope.user_id is None:
        raise access.ScopeError(_("Sign in to import sessions"))
    header, rows = _rows(content, filename)
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise SessionImportError(
            [ImportProblem(filename, 1, column, _("missing column (see the template)")) for column in missing]
        )
    if not rows:
        raise SessionImportError([ImportProblem(filename, None, None, _("no sessions in the file"))])
    if len(rows) > MAX_ROWS:
        raise SessionImportError(
            [
                ImportProblem(
                    filename, None, None, _("more than %(rows)s rows: split the file") % {"rows": MAX_ROWS}
                )
            ]
        )
    checker = _Checker(filename, scope)
    for number, row in rows:
        checker.check(number, row)
    if checker.problems:
        raise SessionImportError(checker.problems)
    if dry_run:
        return ImportReport(dry_run=True, rows=len(rows), created=0)
    with transaction.atomic():
        for row in checker.rows:
            sessions.insert(row)
    return ImportReport(
        dry_run=False,
        rows=len(rows),
        created=len(checker.rows),
        session_ids=tuple(row.pk for row in checker.rows),
    )
