"""The JSON the share endpoints answer with, built straight from the API's dataclasses.

DRF serializers took more time than the database for a province's 630 schools, so the endpoints answer
with these plain functions; ``serializers.py`` describes the same shapes for the OpenAPI schema, and a test
checks the two agree.
"""

from django.utils.translation import get_language

from openedx_vn.teaching.share import percent_text
from openedx_vn.teaching.shares import Kept


def percent(value):
    """A ``Fraction`` share in percent, one decimal, as text (exact; None stays None)."""
    return percent_text(value)


def _label(status):
    """The status's label in the active language, translated once per language and status (a province's
    list shows thousands of figures; gettext on each lazy label cost ~50 ms per request)."""
    key = (status, get_language())
    if key not in _LABELS:
        _LABELS[key] = str(status.label)
    return _LABELS[key]


_LABELS = {}


def figure(value):
    return {
        "planned": value.planned,
        "online": value.online,
        "percent": percent(value.share),
        "projected_percent": percent(value.projected),
        "status": str(value.status),
        "status_label": _label(value.status),
        "complete": value.complete,
    }


def target(value):
    return None if value is None else {"min_share": str(value.min_share), "strict": value.strict}


def cell(value):
    return {
        "class_id": value.class_id,
        "class_name": value.class_name,
        "subject_code": value.subject_code,
        "level": value.level,
        "figure": figure(value.figure),
        "pending": value.pending,
        "replacing": value.replacing,
    }


def grid(value):
    return {
        "school_code": value.school_code,
        "school_name": value.school_name,
        "year": value.year,
        "as_of": value.as_of.isoformat(),
        "weeks_elapsed": value.weeks_elapsed,
        "weeks_total": value.weeks_total,
        "subjects": list(value.subjects),
        "rows": [
            {
                "class_id": row.class_id,
                "class_name": row.class_name,
                "grade": row.grade,
                "level": row.level,
                "figure": figure(row.figure),
                "pending": row.pending,
                "cells": [cell(c) for c in row.cells],
            }
            for row in value.rows
        ],
        "subject_totals": [{"subject_code": code, "figure": figure(f)} for code, f in value.subject_totals],
    }


def summary(value):
    return {
        "level": value.level,
        "figure": figure(value.figure),
        "target": target(value.target),
        "cap": None if value.cap is None else str(value.cap),
        "replacing": value.replacing,
        "pending": value.pending,
        "gap_percent": percent(value.gap),
        "over_cap": value.over_cap,
    }


def _dated(value):
    return {
        "year": value.year,
        "as_of": value.as_of.isoformat(),
        "weeks_elapsed": value.weeks_elapsed,
        "weeks_total": value.weeks_total,
        "levels": [summary(s) for s in value.levels],
        "overall": summary(value.overall),
    }


def school_summary(value):
    return {"school_code": value.school_code, "school_name": value.school_name, **_dated(value)}


def unit_summary(value):
    return {"unit_code": value.unit_code, "schools": value.schools, **_dated(value)}


def school_row(value):
    return {
        "school_code": value.school_code,
        "school_name": value.school_name,
        "commune_code": value.commune_code,
        "commune_name": value.commune_name,
        "reports_to": value.reports_to,
        "levels": [summary(s) for s in value.levels],
        "overall": summary(value.overall),
        "gap_percent": percent(value.gap),
    }


def school_rows(rows):
    """``school_row`` of each of ``rows``. A list the API keeps (the same tuple for the same figures) is
    presented once per language: a province's 630 schools are ~20,000 dicts and strings, which cost more in
    garbage collection than in building them."""
    if not isinstance(rows, tuple):
        return [school_row(row) for row in rows]
    # The entry holds the tuple itself, so no other object can take its id while the entry lives.
    _held, out = _PRESENTED.get((id(rows), get_language()), lambda: (rows, [school_row(row) for row in rows]))
    return out


_PRESENTED = Kept(16)


def trend_point(value):
    return {
        "week": value.week,
        "week_starts_on": value.week_starts_on.isoformat(),
        "online": value.online,
        "planned": value.planned,
        "percent": percent(value.share),
    }


def teacher_row(value):
    return {
        "school_code": value.school_code,
        "class_id": value.class_id,
        "class_name": value.class_name,
        "grade": value.grade,
        "subject_code": value.subject_code,
        "cell": cell(value.cell),
        "sessions_by_status": dict(value.sessions_by_status),
    }


def policy(value):
    """A ``PolicyInfo``: the scope's policy and its changes (times in Vietnam time, also as dd/mm/yyyy)."""
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    vietnam = ZoneInfo("Asia/Ho_Chi_Minh")
    return {
        "year": value.year,
        "policy": value.policy,
        "is_default": value.is_default,
        "stale": value.stale,
        "updated_at": value.updated_at.astimezone(vietnam).isoformat() if value.updated_at else None,
        "scope": value.scope,
        "province_code": value.province_code,
        "commune_code": value.commune_code,
        "inherited_from": value.inherited_from,
        "changes": [
            {
                "at": change.at.astimezone(vietnam).isoformat(),
                "at_display": change.at.astimezone(vietnam).strftime("%d/%m/%Y %H:%M"),
                "user_id": change.user_id,
                "username": change.username,
                "before": change.before,
                "after": change.after,
            }
            for change in value.changes
        ],
    }
