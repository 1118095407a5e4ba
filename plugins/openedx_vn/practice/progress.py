"""A student's progress per subject, for the student's page, the parents' link and the teacher: outcomes
mastered / in progress / not started (this app), online test scores over time (``assessment.api``), online
lessons attended (``teaching.api``); with small inline SVG charts (no script, readable on a phone)."""

from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils.html import escape
from django.utils.safestring import mark_safe

from openedx_vn.assessment import api as assessment_api
from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.practice import learner
from openedx_vn.practice.models import OutcomeState
from openedx_vn.teaching import api as teaching_api

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
COLOURS = {"mastered": "#15803d", "in_progress": "#d97706", "not_started": "#d1d5db"}


@dataclass
class SubjectProgress:
    code: str
    grade: int | None
    name: str
    mastered: int = 0
    in_progress: int = 0
    not_started: int = 0
    outcomes: list = field(default_factory=list)  # (title, status, mastery %) of outcomes practised
    scores: list = field(default_factory=list)  # (dd/mm/yyyy, title, "7,5")
    score_values: list = field(default_factory=list)  # (dd/mm, float) for the chart
    lessons: int = 0

    @property
    def total(self):
        return self.mastered + self.in_progress + self.not_started

    def mastery_bar(self):
        return bar(self.mastered, self.in_progress, self.not_started)

    def score_chart(self):
        return _line(self.score_values)


def _comma(value):
    return f"{Decimal(value):.1f}".replace(".", ",")


def _subject_name(code, grade):
    try:
        return curriculum_api.get_offering(code, grade).name_vi
    except (curriculum_api.CurriculumError, TypeError, ValueError):
        try:
            names = {offering.code: offering.name_vi for offering in curriculum_api.get_subjects()}
        except curriculum_api.CurriculumError:  # no program loaded: the code is all there is
            return code
        return names.get(code, code)


def outcome_codes(nodes):
    for node in nodes:
        if node.kind == "outcome":
            yield node.code, node.title
        yield from outcome_codes(node.children)


def student_progress(student_id):
    """``SubjectProgress`` per subject the student practised, was tested in, or attended lessons of."""
    subjects = {}

    def subject(code, grade=None):
        key = code
        if key not in subjects:
            subjects[key] = SubjectProgress(code, grade, "")
        if grade and not subjects[key].grade:
            subjects[key].grade = grade
        return subjects[key]

    states = {state.outcome_code: state for state in OutcomeState.objects.filter(user_id=student_id)}
    trees = {}
    for code in states:
        parts = code.split(".")
        if len(parts) > 1 and parts[1].isdigit():
            trees.setdefault((parts[0], int(parts[1])), None)
    for (code, grade), _none in sorted(trees.items()):
        entry = subject(code, grade)
        try:
            outcomes = list(outcome_codes(curriculum_api.get_tree(code, grade)))
        except curriculum_api.CurriculumError:
            outcomes = []
        known = {outcome for outcome, _title in outcomes}
        outcomes += [(c, c) for c in states if c.startswith(f"{code}.{grade}.") and c not in known]
        for outcome, title in outcomes:
            state = states.get(outcome)
            if state is None:
                entry.not_started += 1
                continue
            status = "mastered" if state.mastered_at else "in_progress"
            setattr(entry, status, getattr(entry, status) + 1)
            entry.outcomes.append((title, status, round(100 * learner.mastery(state.posterior))))
    for submitted_at, code, title, _kind, score in assessment_api.student_scores(student_id):
        entry = subject(code or "?")
        local = submitted_at.astimezone(VIETNAM)
        entry.scores.append((local.strftime("%d/%m/%Y"), title, _comma(score)))
        entry.score_values.append((local.strftime("%d/%m"), float(score)))
    for _starts_at, code in teaching_api.lessons_attended(student_id):
        subject(code).lessons += 1
    for entry in subjects.values():
        entry.name = _subject_name(entry.code, entry.grade)
    return sorted(subjects.values(), key=lambda entry: entry.name)


# ------------------------------------------------------------------------------------------ charts
def bar(mastered, in_progress, not_started, width=300, height=22):
    total = mastered + in_progress + not_started
    if not total:
        return ""
    parts, x = [], 0.0
    for status, count in (("mastered", mastered), ("in_progress", in_progress), ("not_started", not_started)):
        w = width * count / total
        if w:
            parts.append(
                f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" fill="{COLOURS[status]}"/>'
            )
        x += w
    return mark_safe(  # noqa: S308 - numbers only
        f'<svg class="vn-pr-bar" viewBox="0 0 {width} {height}" width="100%" height="{height}" '
        f'role="img" aria-hidden="true" preserveAspectRatio="none">{"".join(parts)}</svg>'
    )


def _line(points, width=320, height=160):
    """Scores (0–10) over time as a line with dots and the last value written."""
    if not points:
        return ""
    left, bottom, top, right = 24, height - 22, 10, width - 10
    step = (right - left) / max(1, len(points) - 1)

    def y(value):
        return bottom - (bottom - top) * value / 10

    coords = [
        (left + i * step if len(points) > 1 else (left + right) / 2, y(v)) for i, (_d, v) in enumerate(points)
    ]
    grid = "".join(
        f'<line x1="{left}" x2="{right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#e5e7eb"/>'
        f'<text x="2" y="{y(v) + 4:.1f}" font-size="10" fill="#6b7280">{v}</text>'
        for v in (0, 5, 10)
    )
    path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in coords)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="3.5" fill="#1d4ed8"/>' for x, yy in coords)
    labels = "".join(
        f'<text x="{x:.1f}" y="{height - 6}" font-size="10" text-anchor="middle" fill="#374151">'
        f"{escape(d)}</text>"
        for (x, _yy), (d, _v) in zip(coords, points, strict=True)
    )
    return mark_safe(  # noqa: S308 - numbers and escaped dd/mm only
        f'<svg class="vn-pr-line" viewBox="0 0 {width} {height}" width="100%" role="img" aria-hidden="true">'
        f'{grid}<polyline points="{path}" fill="none" stroke="#1d4ed8" stroke-width="2"/>{dots}{labels}</svg>'
    )
