"""The materialised cells: after any random sequence of changes, the incremental updates and the full
recompute give the same rows; the SQL roll-up gives what ``share.combine`` gives."""

import contextlib
import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from openedx_vn.teaching import api, shares
from openedx_vn.teaching.models import OnlineSession, ShareCell
from openedx_vn.teaching.share import Target, combine

from .conftest import at

pytestmark = pytest.mark.django_db

FIELDS = (
    "class_id",
    "subject_code",
    "year",
    "school_code",
    "commune_code",
    "province_code",
    "reports_to",
    "level",
)
FIGURES = ("grade", "planned", "online", "replacing", "pending", "complete")
PAIRS = [
    (("A", "6A1"), "TOAN", "teacher_a"),
    (("A", "6A2"), "TOAN", "teacher_a"),
    (("A", "6A1"), "NGUVAN", "teacher_c"),
    (("B", "5A1"), "TIENGVIET", "teacher_b"),
]
LEADERS = {"A": "leader_a", "B": "leader_b"}


def cells():
    return sorted(ShareCell.objects.filter(year="2025-2026").values_list(*FIELDS, *FIGURES))


class Actor:
    """Random changes through the public API, as people would make them."""

    def __init__(self, org, seed):
        self.org, self.random = org, random.Random(seed)  # noqa: S311 - a reproducible sequence, not a secret
        self.day = date(2025, 9, 8)
        self.blocks = 0

    def user(self, name):
        return self.org.users[name]

    def pick(self, status=None, source=None):
        rows = OnlineSession.objects.all()
        if status:
            rows = rows.filter(status=status)
        if source:
            rows = rows.filter(source=source)
        ids = list(rows.values_list("pk", "school_code"))
        return self.random.choice(ids) if ids else None

    def leader(self, school_code):
        key = next(k for k, code in self.org.codes.items() if code == school_code)
        return self.user(LEADERS[key])

    def step(self):
        action = self.random.choice(
            [
                "create",
                "create",
                "submit",
                "approve",
                "reject",
                "delete",
                "edit",
                "plan",
                "unplan",
                "block",
                "visit",
            ]
        )
        getattr(self, action)()
        return action

    def create(self):
        (key, subject, teacher) = self.random.choice(PAIRS)
        self.day += timedelta(days=self.random.choice([0, 1, 2]))
        # The same class, subject and start again is refused and changes nothing.
        with contextlib.suppress(api.SessionError):
            self._create(key, subject, teacher)

    def _create(self, key, subject, teacher):
        api.create_session(
            self.user(teacher),
            class_id=self.org.classes[key],
            subject_code=subject,
            starts_at=at(self.day, self.random.choice([7, 8, 9, 10, 14])),
            periods=self.random.choice([1, 1, 2, 3]),
            form=self.random.choice(["supporting", "replacing"]),
        )

    def submit(self):
        found = self.pick("draft") or self.pick("rejected")
        if found:
            api.submit_session(self.user("operator"), found[0])

    def approve(self):
        found = self.pick("submitted")
        if found:
            api.approve_session(self.leader(found[1]), found[0])

    def reject(self):
        found = self.pick("submitted")
        if found:
            api.reject_session(self.leader(found[1]), found[0], "thiếu minh chứng")

    def delete(self):
        found = self.pick(source="manual")
        if found:
            api.delete_session(self.leader(found[1]), found[0])

    def edit(self):
        found = self.pick("draft")
        if found:
            api.update_session(self.user("operator"), found[0], periods=self.random.choice([1, 2, 4]))

    def plan(self):
        (key, subject, _teacher) = self.random.choice(PAIRS)
        api.set_plan(self.org.classes[key], subject, planned_periods=self.random.choice([5, 35, 70, 140]))

    def unplan(self):
        (key, subject, _teacher) = self.random.choice(PAIRS)
        api.delete_plan(self.org.classes[key], subject)

    def block(self):
        self.blocks += 1
        (key, subject, teacher) = self.random.choice(PAIRS)
        api.record_block_session(
            f"block-v1:QN+X+2025+type@vn_online_lesson+block@b{self.blocks}",
            "course-v1:QN+X+2025",
            [self.org.classes[key]],
            subject,
            self.user(teacher).id,
            at(self.day, 16),
            self.random.choice([1, 2]),
            "live",
            "supporting",
        )

    def visit(self):
        found = self.pick(source="block")
        if found:
            key = OnlineSession.objects.get(pk=found[0]).usage_key
            api.record_attendance(key, self.random.randint(1000, 1040))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_updates_equal_the_full_recompute(org, seed):
    actor = Actor(org, seed)
    done = []
    for step in range(120):
        done.append(actor.step())
        if step % 40 == 39:
            incremental = cells()
            api.recompute_shares("2025-2026")
            assert cells() == incremental, done
    assert {"approve", "reject", "delete", "block"} <= set(done)
    online = len(FIELDS) + FIGURES.index("online")
    assert any(row[online] for row in cells())  # some cell counted online periods


def test_the_full_recompute_follows_a_new_counting_rule(org):
    class_id = org.classes["A", "6A1"]  # 40 students
    key = "block-v1:QN+X+2025+type@vn_online_lesson+block@r"
    api.record_block_session(
        key, "course-v1:QN+X+2025", [class_id], "TOAN", 1, at(date(2025, 10, 1)), 2, "live", "supporting"
    )
    for student in range(5):
        api.record_attendance(key, student)
    assert OnlineSession.objects.get(usage_key=key).counted  # default rule: one visit
    policy = api.get_policy("2025-2026").policy
    policy["counting"]["min_attendance_share"] = "0.25"  # 10 students now
    info = api.set_policy(org.users["province"], "2025-2026", policy)
    assert info.stale  # provisional until the recompute queued on commit has run
    counts = api.recompute_shares("2025-2026")
    assert counts.recounted == 1 and not OnlineSession.objects.get(usage_key=key).counted
    assert not api.get_policy("2025-2026").stale
    assert ShareCell.objects.get(class_id=class_id, subject_code="TOAN").online == 0


def test_the_sql_roll_up_equals_combine(org):
    rnd = random.Random(7)  # noqa: S311
    for key, subject, _teacher in PAIRS:
        if rnd.random() < 0.8:
            api.set_plan(org.classes[key], subject, planned_periods=rnd.choice([10, 35, 70]))
    actor = Actor(org, 11)
    for _ in range(80):
        actor.step()
    ctx = shares.context("2025-2026", date(2025, 12, 1))
    rows = ShareCell.objects.filter(year="2025-2026", school_code=org.codes["A"])
    expected = combine(
        [(c.planned, c.online, c.complete) for c in rows],
        Target(Decimal("0.10"), strict=True),
        ctx.elapsed,
        ctx.total,
    )
    [summary] = api.school_summary(org.users["leader_a"], org.codes["A"], on=date(2025, 12, 1)).levels
    assert summary.figure == expected
    listed = api.schools_summary(org.users["commune_x"], on=date(2025, 12, 1))
    assert next(r for r in listed if r.school_code == org.codes["A"]).levels[0].figure == expected


def test_the_full_recompute_follows_a_school_that_moved(org):
    from openedx_vn.schools import api as schools_api  # noqa: PLC0415

    from .conftest import HA_TU, SCHOOLS, csv_bytes  # noqa: PLC0415

    api.set_plan(org.classes["A", "6A1"], "TOAN", planned_periods=140)
    Actor(org, 5)._create(("A", "6A1"), "TOAN", "teacher_a")
    code, name, levels, _commune = SCHOOLS["A"]  # the wards were merged: A now belongs to Hà Tu
    moved = [
        (
            "schools.csv",
            csv_bytes(["moet_code", "name", "levels", "commune_code"], [(code, name, levels, HA_TU)]),
        )
    ]
    schools_api.import_organisation(moved, schools_api.SYSTEM_SCOPE)
    counts = api.recompute_shares("2025-2026")
    assert counts.org_keys_refreshed >= 2  # the plan and the session
    assert set(ShareCell.objects.filter(school_code=code).values_list("commune_code", flat=True)) == {HA_TU}
    assert set(OnlineSession.objects.filter(school_code=code).values_list("commune_code", flat=True)) == {
        HA_TU
    }
    listed = api.schools_summary(org.users["commune_y"], on=date(2025, 12, 1))
    assert code in {row.school_code for row in listed}
