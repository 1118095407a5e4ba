"""Public Python API of the teaching app."""

from django.db.models import Count, Q
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey

from openedx_vn.core.compat import get_course_title
from openedx_vn.teaching.data import EnrollmentChange, EnrollmentSummary
from openedx_vn.teaching.models import EnrollmentRecord

__all__ = [
    "EnrollmentChange",
    "EnrollmentSummary",
    "TeachingError",
    "get_enrollment_summary",
    "list_enrollment_summaries",
    "record_enrollment",
]


class TeachingError(ValueError):
    """Invalid input to the teaching API; the message says which value and why."""


def _course_key(value):
    try:
        return value if isinstance(value, CourseKey) else CourseKey.from_string(str(value))
    except InvalidKeyError as exc:
        raise TeachingError(f"Not a course run key: {value!r}") from exc


def record_enrollment(change):
    """Create or update the enrolment record for ``change`` (an ``EnrollmentChange``).

    Idempotent: the same change applied twice leaves one record. Returns True when a record was created.
    """
    _, created = EnrollmentRecord.objects.update_or_create(
        user_id=change.user_id,
        course_key=_course_key(change.course_key),
        defaults={
            "username": change.username,
            "mode": change.mode,
            "is_active": change.is_active,
        },
        create_defaults={
            "username": change.username,
            "mode": change.mode,
            "is_active": change.is_active,
            "enrolled_at": change.at,
        },
    )
    return created


def _summaries(records):
    rows = (
        records.values("course_key")
        .annotate(total=Count("id"), active=Count("id", filter=Q(is_active=True)))
        .order_by("course_key")
    )
    return [
        EnrollmentSummary(
            course_key=str(row["course_key"]),
            course_title=get_course_title(row["course_key"]),
            active=row["active"],
            total=row["total"],
        )
        for row in rows
    ]


def get_enrollment_summary(course_key):
    """Return an ``EnrollmentSummary`` of a course run; raise ``TeachingError`` for a malformed key."""
    key = _course_key(course_key)
    found = _summaries(EnrollmentRecord.objects.filter(course_key=key))
    return found[0] if found else EnrollmentSummary(str(key), get_course_title(key), active=0, total=0)


def list_enrollment_summaries():
    """Return an ``EnrollmentSummary`` for every course run with enrolment records, by course key."""
    return _summaries(EnrollmentRecord.objects.all())
