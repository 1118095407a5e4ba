"""Links between a course run and the school, school year, grade, subject and classes it serves."""

import re

from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey

from openedx_vn.core.vietnamese import nfc

SCHOOL_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


class InvalidCourseLink(ValueError):
    """The link was refused; ``errors`` maps each wrong field to what is wrong with it."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))


def clean(course_key, school_code, school_year, grade, subject_code, class_names, offered):
    """Return the cleaned values as a dict; raise ``InvalidCourseLink`` naming every wrong field.

    ``offered`` is the set of (subject code, grade) of the current program version.
    """
    errors, values = {}, {}
    try:
        values["course_key"] = (
            course_key if isinstance(course_key, CourseKey) else CourseKey.from_string(course_key)
        )
    except InvalidKeyError:
        errors["course_key"] = f"{course_key!r} is not a course run key"
    school_code = (school_code or "").strip()
    if not SCHOOL_CODE.match(school_code):
        errors["school_code"] = "1–32 letters, digits, '.', '_' or '-'"
    match = SCHOOL_YEAR.match((school_year or "").strip())
    if not match or int(match[2]) != int(match[1]) + 1:
        errors["school_year"] = f"{school_year!r}: write it as 2025-2026"
    if not isinstance(grade, int) or isinstance(grade, bool) or not 1 <= grade <= 12:
        errors["grade"] = f"{grade!r} is not a grade 1–12"
    elif (subject_code, grade) not in offered:
        errors["subject_code"] = f"{subject_code!r} is not taught in grade {grade}"
    names = [nfc(str(name).strip()) for name in (class_names or []) if str(name).strip()]
    if not names or len(names) > 50 or any(len(name) > 20 for name in names):
        errors["class_names"] = "1 to 50 class names of at most 20 characters, e.g. 6A1"
    elif len(set(names)) != len(names):
        errors["class_names"] = "a class is listed twice"
    if errors:
        raise InvalidCourseLink(errors)
    values.update(school_code=school_code, school_year=match[0], grade=grade, subject_code=subject_code)
    values["class_names"] = names
    return values
