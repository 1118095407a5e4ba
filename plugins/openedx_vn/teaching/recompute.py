"""The full recompute of a school year: refresh the organisation keys copied from the schools app, recount
the block sessions against the year's counting rules and today's class sizes, and rebuild every cell in one
set-based statement. Nightly on Celery and on demand; it must give what the incremental updates gave."""

import time
from collections import defaultdict

from django.db import transaction
from django.db.models import F, Q

from openedx_vn.teaching import cells, organisation, policies
from openedx_vn.teaching.data import RecomputeCounts
from openedx_vn.teaching.models import OnlineSession, ShareCell, TeachingPlan
from openedx_vn.teaching.sessions import required_attendance

Status = OnlineSession.Status
_CHUNK = 500


def _refresh_org_keys(year):
    """A school moved to another commune (mergers) or reports elsewhere now: update its copied keys on plans
    and sessions. Looks at the cells just rebuilt (a small table), so the usual case scans no session."""
    schools = organisation.school_keys(year)
    seen = (
        ShareCell.objects.filter(year=year)
        .order_by()
        .values_list("school_code", "commune_code", "province_code", "reports_to")
        .distinct()
    )
    refreshed = 0
    for code, commune, province, reports_to in list(seen):
        school = schools.get(code)
        now = school and (school.commune_code, school.province_code, school.reports_to)
        if now and now != (commune, province, reports_to):
            for model in (TeachingPlan, OnlineSession):
                refreshed += model.objects.filter(year=year, school_code=code).update(
                    commune_code=now[0], province_code=now[1], reports_to=now[2]
                )
    return refreshed


def _recount_block_sessions(year):
    """Refresh the attendance each block session needs where a class's size or the policy changed, and its
    ``counted`` with it. Reads the thresholds from an index; touches only the classes that changed. Returns
    the sessions whose ``counted`` changed."""
    year_policies = policies.policy_set(year)  # each class follows its place's policy
    sizes = organisation.class_sizes(year)
    block = OnlineSession.objects.filter(year=year, source=OnlineSession.Source.BLOCK)
    stale = defaultdict(list)
    keys = ("class_id", "required_attendance", "province_code", "commune_code", "reports_to")
    for class_id, required, province, commune, reports_to in block.order_by().values_list(*keys).distinct():
        policy = year_policies.for_place(province, commune, reports_to)
        wanted = required_attendance(sizes.get(class_id, 0), policy)
        if wanted != required:
            stale[wanted].append(class_id)
    changed = 0
    meets = Q(status=Status.RECORDED, attendance__gte=F("required_attendance"))
    for wanted, class_ids in stale.items():
        for start in range(0, len(class_ids), _CHUNK):
            rows = block.filter(class_id__in=class_ids[start : start + _CHUNK])
            rows.exclude(required_attendance=wanted).update(required_attendance=wanted)
            changed += rows.filter(meets, counted=False).update(counted=True)
            changed += rows.filter(counted=True).exclude(meets).update(counted=False)
    return changed


def recompute(year=None):
    """Recompute ``year`` (default: the current school year) from scratch; returns ``RecomputeCounts``."""
    name = organisation.year_info(year).name
    started = time.perf_counter()
    with transaction.atomic():
        recounted = _recount_block_sessions(name)
        made = cells.rebuild(name)
        refreshed = _refresh_org_keys(name)
        if refreshed:  # rare: a school moved; build again with its new keys
            made = cells.rebuild(name)
        policies.mark_fresh(name)
    return RecomputeCounts(
        year=name,
        cells=made,
        plans=TeachingPlan.objects.filter(year=name).count(),
        sessions=OnlineSession.objects.filter(year=name).count(),
        recounted=recounted,
        org_keys_refreshed=refreshed,
        seconds=round(time.perf_counter() - started, 3),
    )
