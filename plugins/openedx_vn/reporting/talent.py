"""Talent discovery (issue 14, item 5): students' percentiles in tests several schools of a province gave
from one blueprint, and the students often at the top of their version over the school year.

Versions drawn from one blueprint are not equal in difficulty, so a student is ranked only against the
students who sat the same version (mã đề: the same questions in the same order, ``version key`` of
``assessment.api.shared_test_attempts``), across every school that gave it. Names go to province officers
only (ADR 0020); callers record each view and export in the audit trail.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from openedx_vn.assessment import api as assessment_api
from openedx_vn.core.vietnamese import person_key
from openedx_vn.schools import api as schools_api

TOP_SHARE = Fraction(1, 10)  # "top 10% of the version": fewer than a tenth of its students scored higher
MIN_VERSION_SIZE = 10  # in a smaller version, being at its top says little: it does not count
MIN_TOP_TESTS = 2  # top of the version in at least this many tests of the year: a consistent performer


class TalentScopeError(PermissionError):
    """Only province officers read the talent lists."""


@dataclass(frozen=True)
class Standing:
    """A student's place in one version of one test."""

    exam_uuid: str
    title: str
    version_code: str
    school_code: str
    score: Decimal
    submitted_at: object
    version_size: int
    higher: int  # students of the version who scored more
    percentile: Fraction  # percentile rank: (below + half of the equal ones, themselves included) / size

    @property
    def top(self):
        return self.version_size >= MIN_VERSION_SIZE and self.higher < TOP_SHARE * self.version_size


@dataclass(frozen=True)
class Student:
    user_id: int
    username: str
    full_name: str
    school_code: str
    school_name: str
    subject_code: str
    standings: tuple  # Standing, oldest first

    @property
    def top_count(self):
        return sum(1 for s in self.standings if s.top)

    @property
    def consistent(self):
        return self.top_count >= MIN_TOP_TESTS


def province_codes(user):
    """The provinces whose lists ``user`` reads; raises ``TalentScopeError`` unless a province officer."""
    codes = sorted(schools_api.get_scope(user).province_codes)
    if not codes:
        raise TalentScopeError(_("Lists of students with their names are for province officers only."))
    return codes


def percentiles(scores):
    """``[(higher, percentile rank)]`` of each score among ``scores`` (mid-rank: ties share the middle)."""
    size = len(scores)
    out = []
    for score in scores:
        below = sum(1 for other in scores if other < score)
        equal = sum(1 for other in scores if other == score)
        out.append((size - below - equal, Fraction(2 * below + equal, 2 * size)))
    return out


def talent_report(user, year):
    """``{subject code: [Student]}`` of the tests shared by several schools of the officer's province in
    ``year``; students sorted the Vietnamese way (given name, then family name). Only the consistent top
    performers are the list; every student is there with their standings for the percentile table."""
    codes = province_codes(user)
    schools = {s.code: s for s in schools_api.schools_in_scope(user) if s.province_code in codes}
    rows = assessment_api.shared_test_attempts(list(schools), year)
    versions = defaultdict(list)
    for row in rows:
        versions[row[5]].append(row)  # version key: the same questions, in any school
    standings = defaultdict(list)
    for group in versions.values():
        for row, (higher, rank) in zip(group, percentiles([r[8] for r in group]), strict=True):
            _bp, subject, title, exam_uuid, code, _key, user_id, school_code, score, when = row
            standing = Standing(exam_uuid, title, code, school_code, score, when, len(group), higher, rank)
            standings[subject, user_id, school_code].append(standing)
    people = {u.pk: u for u in get_user_model().objects.filter(pk__in={key[1] for key in standings})}
    report = defaultdict(list)
    for (subject, user_id, school_code), items in standings.items():
        person = people.get(user_id)
        first, last, username = (
            (person.first_name, person.last_name, person.username) if person else ("", "", str(user_id))
        )
        name = " ".join(part for part in (last, first) if part) or username
        school = schools[school_code]
        student = Student(
            user_id,
            username,
            name,
            school_code,
            school.name,
            subject,
            tuple(sorted(items, key=lambda s: s.submitted_at)),
        )
        report[subject].append((person_key(first, last, username), school_code, student))
    return {
        subject: [item[2] for item in sorted(students, key=lambda item: item[:2])]
        for subject, students in sorted(report.items())
    }
