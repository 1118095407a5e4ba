"""Store a checked ``Plan`` in one transaction.

Schools and classes are created or updated by their keys (MOET code; school × year × class name) and never
deleted here: shares and plans hang on them. The assignments of each class named in the file are replaced by
the file's rows, so a corrected sheet can be imported again. Teachers named in assignments get the teacher
role at the class's school.
"""

from django.db import transaction

from openedx_vn.schools import scope
from openedx_vn.schools.data import ImportReport
from openedx_vn.schools.models import RoleAssignment, School, SchoolClass, TeachingAssignment


@transaction.atomic
def store(plan, dry_run=False):
    """Write ``plan``; with ``dry_run`` count what would change and roll back. Returns ``ImportReport``."""
    counts = {}
    schools = _schools(plan, counts)
    classes = _classes(plan, schools, counts)
    _assignments(plan, schools, classes, counts)
    if dry_run:
        transaction.set_rollback(True)
    return ImportReport(dry_run=dry_run, **counts)


def _schools(plan, counts):
    counts["schools_created"] = counts["schools_updated"] = 0
    schools = dict(plan.existing_schools)
    for code, values in plan.schools.items():
        school = values["existing"] or School(code=code)
        before = (school.name, school.levels, school.commune_id, school.legacy_district_id)
        school.name, school.commune, school.legacy_district = (
            values["name"],
            values["commune"],
            values["district"],
        )
        school.set_levels(values["levels"])
        if school.pk is None:
            counts["schools_created"] += 1
        elif before == (school.name, school.levels, school.commune_id, school.legacy_district_id):
            continue
        else:
            counts["schools_updated"] += 1
        school.save()  # one by one: save() computes reports_to and the province; a province has ~630
        schools[code] = school
    return schools


def _classes(plan, schools, counts):
    wanted = plan.classes
    school_ids = {schools[code].pk for code, _y, _n in wanted} | {
        schools[code].pk for code, _y, _n in plan.assignments if code in schools
    }
    existing = {
        (c.school.code, c.year.name, c.name): c
        for c in SchoolClass.objects.filter(school_id__in=school_ids).select_related("school", "year")
    }
    new, changed = [], []
    for key, values in wanted.items():
        found = existing.get(key)
        if found is None:
            new.append(
                SchoolClass(
                    school=schools[key[0]],
                    year=plan.years[key[1]],
                    name=key[2],
                    grade=values["grade"],
                    size=values["size"],
                )
            )
        elif (found.grade, found.size) != (values["grade"], values["size"]):
            found.grade, found.size = values["grade"], values["size"]
            changed.append(found)
    SchoolClass.objects.bulk_create(new, batch_size=1000)
    SchoolClass.objects.bulk_update(changed, ["grade", "size"], batch_size=1000)
    counts["classes_created"], counts["classes_updated"] = len(new), len(changed)
    if new:  # bulk_create gives no ids on MySQL: read them back
        existing = {
            (c.school.code, c.year.name, c.name): c
            for c in SchoolClass.objects.filter(school_id__in=school_ids).select_related("school", "year")
        }
    return existing


def _assignments(plan, schools, classes, counts):
    counts["assignments_created"] = counts["assignments_removed"] = counts["teachers_added"] = 0
    if not plan.assignments:
        return
    class_ids = {classes[key].pk: key for key in plan.assignments}
    current = {}
    for row in TeachingAssignment.objects.filter(school_class_id__in=class_ids):
        current.setdefault(row.school_class_id, {})[(row.subject_code, row.teacher_user_id)] = row.pk
    new, removed = [], []
    for class_id, key in class_ids.items():
        have, want = current.get(class_id, {}), plan.assignments[key]
        new += [
            TeachingAssignment(school_class_id=class_id, subject_code=subject, teacher_user_id=user_id)
            for subject, user_id in sorted(want - set(have))
        ]
        removed += [pk for pair, pk in have.items() if pair not in want]
    TeachingAssignment.objects.filter(pk__in=removed).delete()
    TeachingAssignment.objects.bulk_create(new, batch_size=1000)
    counts["assignments_created"], counts["assignments_removed"] = len(new), len(removed)
    teachers = {
        (schools[key[0]].pk, user_id) for key, pairs in plan.assignments.items() for _s, user_id in pairs
    }
    have = set(
        RoleAssignment.objects.filter(
            role=RoleAssignment.Role.TEACHER, school_id__in={school for school, _u in teachers}
        ).values_list("school_id", "user_id")
    )
    roles = [
        RoleAssignment(user_id=user_id, role=RoleAssignment.Role.TEACHER, school_id=school_id)
        for school_id, user_id in sorted(teachers - have)
    ]
    RoleAssignment.objects.bulk_create(roles)
    scope.forget()  # bulk_create sends no signals
    counts["teachers_added"] = len(roles)
