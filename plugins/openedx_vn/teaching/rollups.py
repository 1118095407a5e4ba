"""Stored roll-ups of the share (ADR 0016): per school × level totals of the cells, and per school × level ×
week counted periods for the area trend.

Written in the transaction that changes a cell (``cells.py`` hands over each cell's figures before and after)
and rebuilt from the cells and sessions by the full recompute. An area's figures add up the rows of its
schools at read time, so a commune or a province costs O(schools shown), not O(cells); no per-area row is
stored (it would be one hot, locked row per province under approvals).
"""

from django.db import IntegrityError, transaction
from django.db.models import Case, Count, F, IntegerField, Max, Sum, Value, When

from openedx_vn.core.queries import Compiled
from openedx_vn.teaching.models import OnlineSession, ShareCell, ShareRollup, ShareWeek

TOTALS = ("planned", "online", "replacing", "pending", "incomplete", "cells")
PLACE = ("commune_code", "province_code", "reports_to")


def part(figures):
    """What one cell adds to its roll-up (``figures``: planned, online, replacing, pending; None: no cell)."""
    if figures is None:
        return dict.fromkeys(TOTALS, 0)
    planned = figures["planned"]
    return {
        "planned": planned,
        "online": min(figures["online"], planned),
        "replacing": figures["replacing"],
        "pending": figures["pending"],
        "incomplete": 0 if planned > 0 else 1,
        "cells": 1,
    }


def _upsert(model, where, place, delta, gone):
    """Add ``delta`` to the row ``where``; create it when missing (a concurrent creation: update it); drop it
    when ``gone`` (a filter) says it has nothing left."""
    if not delta:
        return
    rows = model.objects.filter(**where)
    if not rows.update(**{name: F(name) + value for name, value in delta.items()}):
        try:
            with transaction.atomic():
                model.objects.create(**where, **place, **{k: max(v, 0) for k, v in delta.items()})
            return
        except IntegrityError:
            rows.update(**{name: F(name) + value for name, value in delta.items()})
    if any(delta.get(name, 0) < 0 for name in gone):  # only what ``gone`` looks at can make it true
        rows.filter(**gone).delete()


def move(keys, before, after):
    """Move a cell's part of its school × level roll-up from ``before`` to ``after`` (figure dicts, None for
    a cell created or deleted). ``keys``: the cell's organisation keys (``cells.ORG_FIELDS``)."""
    old, new = part(before), part(after)
    delta = {name: new[name] - old[name] for name in TOTALS if new[name] != old[name]}
    where = {"year": keys["year"], "school_code": keys["school_code"], "level": keys["level"]}
    _upsert(ShareRollup, where, {name: keys[name] for name in PLACE}, delta, {"cells": 0})


def move_week(keys, week, online):
    """Add ``online`` counted periods (negative: remove) to the week of a school × level."""
    if not online or not week:
        return
    where = {"year": keys["year"], "school_code": keys["school_code"], "level": keys["level"], "week": week}
    _upsert(ShareWeek, where, {name: keys[name] for name in PLACE}, {"online": online}, {"online": 0})


# ------------------------------------------------------------------------------------------- rebuild
def _capped():
    return Sum(
        Case(
            When(online__lt=F("planned"), then=F("online")), default=F("planned"), output_field=IntegerField()
        )
    )


def _correct(model, keys, wanted, stored):
    """Make ``stored`` rows equal ``wanted`` ones (``{key: (place, {figure: value})}``) by adding the
    differences with ``F()``: both were read in the recompute's snapshot, so the increments that approvals
    commit meanwhile are kept, and nothing is locked but the rows that differ (usually none)."""
    changed, new_rows = 0, []
    gone = {"cells": 0} if model is ShareRollup else {"online": 0}
    for key in wanted.keys() | stored.keys():
        place, figures = wanted.get(key) or stored[key]
        old = stored.get(key, (place, {}))[1]
        delta = {name: figures.get(name, 0) - old.get(name, 0) for name in figures | old}
        delta = {name: value for name, value in delta.items() if value}
        if key not in wanted:  # nothing left there: remove what is stored
            delta = {name: -value for name, value in old.items() if value}
        where = dict(zip(keys, key, strict=True))
        if key in stored and stored[key][0] != place:  # a school that moved (ward mergers)
            model.objects.filter(**where).update(**place)
            changed += 1
        if delta and key not in stored:
            new_rows.append((where, place, delta))
        elif delta:
            _upsert(model, where, place, delta, gone)
            changed += 1
        if key not in wanted:  # a row with nothing behind it (even an all-zero one) goes
            changed += model.objects.filter(**where, **gone).delete()[0]
    return changed + _create(model, new_rows, gone)


def _create(model, new_rows, gone):
    """Insert the rows the snapshot did not hold, in bulk (a first recompute makes tens of thousands of
    weekly rows: one by one it took minutes); where an approval made one meanwhile, row by row instead."""
    if not new_rows:
        return 0
    try:
        with transaction.atomic():
            model.objects.bulk_create(
                [
                    model(**where, **place, **{name: max(value, 0) for name, value in delta.items()})
                    for where, place, delta in new_rows
                ],
                batch_size=2000,
            )
    except IntegrityError:
        for where, place, delta in new_rows:
            _upsert(model, where, place, delta, gone)
    return len(new_rows)


def _rows(queryset, keys, place_names, figures):
    out = {}
    for row in queryset.values_list(*keys, *place_names, *figures):
        key, rest = row[: len(keys)], row[len(keys) :]
        place = dict(zip(PLACE, rest[: len(place_names)], strict=True))
        out[key] = (place, dict(zip(figures, (int(v or 0) for v in rest[len(place_names) :]), strict=True)))
    return out


def rebuild(year):
    """Correct the year's roll-ups to a from-scratch sum of its cells, and its weekly figures to a sum of its
    counted sessions, in the caller's transaction (the full recompute's), by differences: approvals made
    meanwhile are not lost. Returns the number of rows corrected."""
    no_plan = Case(When(planned=0, then=Value(1)), default=Value(0), output_field=IntegerField())
    totals = (
        ShareCell.objects.filter(year=year)
        .order_by()
        .values("school_code", "level")
        .annotate(
            k_commune=Max("commune_code"),
            k_province=Max("province_code"),
            k_reports=Max("reports_to"),
            t_planned=Sum("planned"),
            t_online=_capped(),
            t_replacing=Sum("replacing"),
            t_pending=Sum("pending"),
            t_incomplete=Sum(no_plan),
            t_cells=Count("id"),
        )
    )
    keys, places = ("school_code", "level"), ("k_commune", "k_province", "k_reports")
    wanted = _rows(totals, keys, places, tuple(f"t_{name}" for name in TOTALS))
    wanted = {
        key: (place, {name[2:]: v for name, v in figures.items()}) for key, (place, figures) in wanted.items()
    }
    stored = _rows(ShareRollup.objects.filter(year=year), keys, PLACE, TOTALS)
    where = ("year", "school_code", "level")
    changed = _correct(
        ShareRollup,
        where,
        {(year, *key): value for key, value in wanted.items()},
        {(year, *key): value for key, value in stored.items()},
    )
    weeks = (
        OnlineSession.objects.filter(year=year, counted=True)
        .order_by()
        .values("school_code", "level", "week")
        .annotate(
            k_commune=Max("commune_code"),
            k_province=Max("province_code"),
            k_reports=Max("reports_to"),
            t_online=Sum("periods"),
        )
    )
    week_keys = ("school_code", "level", "week")
    wanted = {
        k: (p, {"online": f["t_online"]})
        for k, (p, f) in _rows(weeks, week_keys, places, ("t_online",)).items()
    }
    stored = _rows(ShareWeek.objects.filter(year=year), week_keys, PLACE, ("online",))
    changed += _correct(
        ShareWeek,
        ("year", *week_keys),
        {(year, *key): value for key, value in wanted.items()},
        {(year, *key): value for key, value in stored.items()},
    )
    return changed


# --------------------------------------------------------------------------------------------- reads
def _where(year, school_codes=None, province_code=None):
    where = {"year": year}
    if province_code:
        where["province_code"] = province_code
    if school_codes is not None:
        where["school_code__in"] = list(school_codes)
    return where


def school_rows(year, school_codes=None, province_code=None, level=None):
    """Plain rows ``{school_code, level, planned_sum, online_sum, replacing_sum, pending_sum, incomplete,
    cells}`` of the schools given (or of a whole province), as the cells' SQL roll-up would give them."""
    codes = None if school_codes is None else list(school_codes)
    rows = _SCHOOL_ROWS(year=year, codes=codes, province=province_code or None, level=level or None)
    return [
        {
            "school_code": code,
            "level": lvl,
            "planned_sum": planned,
            "online_sum": online,
            "replacing_sum": replacing,
            "pending_sum": pending,
            "incomplete": incomplete,
            "cells": cells,
        }
        for code, lvl, planned, online, replacing, pending, incomplete, cells in rows
    ]


def _school_rows_query(year, codes, province, level):
    rows = ShareRollup.objects.filter(**_where(year, codes, province))
    if level is not None:
        rows = rows.filter(level=level)
    return rows.values_list(
        "school_code", "level", "planned", "online", "replacing", "pending", "incomplete", "cells"
    )


# Officers' lists read these on every request: compiled once (``core.queries``).
_SCHOOL_ROWS = Compiled(_school_rows_query)


def weekly(year, school_codes=None, province_code=None):
    """``{level: {week: counted online periods}}`` of the schools given (or a whole province)."""
    out = {}
    rows = (
        ShareWeek.objects.filter(**_where(year, school_codes, province_code))
        .order_by()
        .values_list("level", "week")
        .annotate(total=Sum("online"))
    )
    for level, week, total in rows:
        out.setdefault(level, {})[week] = total
    return out


__all__ = ["move", "move_week", "part", "rebuild", "school_rows", "weekly"]
