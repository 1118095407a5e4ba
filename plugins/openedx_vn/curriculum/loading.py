"""Store program versions and topic trees. Each load is one transaction: all of it, or nothing."""

from itertools import groupby

from django.db import transaction
from django.utils import timezone

from openedx_vn.core.vietnamese import fold, search_words
from openedx_vn.curriculum.models import CurriculumNode, ProgramVersion
from openedx_vn.curriculum.problems import CurriculumFileError, Problem
from openedx_vn.curriculum.program_file import checksum


@transaction.atomic
def store_program(program):
    """Make ``program`` (canonical dict) the current version. Returns ``(version, created)``.

    Figures equal to a stored version reuse it; when it is already current nothing is written.
    """
    digest = checksum(program)
    version = ProgramVersion.objects.filter(checksum=digest).first()
    created = version is None
    if created:
        key = f"{timezone.localdate():%Y%m%d}-{digest[:8]}"
        version = ProgramVersion.objects.create(key=key, name=program["name"], checksum=digest, data=program)
    if not version.is_current:
        ProgramVersion.objects.filter(is_current=True).update(is_current=False)
        ProgramVersion.objects.filter(pk=version.pk).update(is_current=True)
        version.is_current = True
    return version, created


def store_topics(rows, filename):
    """Replace the trees of every (subject, grade) in ``rows``; unchanged trees are not touched.

    Returns ``{"replaced": [(subject, grade), ...], "unchanged": [...], "nodes": n}``.
    """
    groups = {key: list(group) for key, group in groupby(sorted(rows, key=_group_key), key=_group_key)}
    with transaction.atomic():
        _refuse_codes_used_elsewhere(rows, groups, filename)
        report = {"replaced": [], "unchanged": [], "nodes": len(rows)}
        for (subject, grade), group in groups.items():
            existing = CurriculumNode.objects.filter(subject_code=subject, grade=grade)
            if _snapshot_of_nodes(existing) == _snapshot_of_rows(group):
                report["unchanged"].append((subject, grade))
                continue
            existing.delete()
            _insert(group)
            report["replaced"].append((subject, grade))
    return report


def search_text(code, title):
    """What search matches: the code (dots kept, so "toan.6" finds its sub-codes), then the title's words."""
    return " " + fold(code) + search_words(title)


def _group_key(row):
    return row["subject"], row["grade"]


def _refuse_codes_used_elsewhere(rows, groups, filename):
    codes = {row["code"]: row for row in rows}
    clashes = CurriculumNode.objects.filter(code__in=codes).values_list("code", "subject_code", "grade")
    problems = [
        Problem(filename, codes[code]["line"], "code", f"{code} already belongs to {subject} grade {grade}")
        for code, subject, grade in clashes
        if (subject, grade) not in groups
    ]
    if problems:
        raise CurriculumFileError(problems)


def _snapshot_of_rows(rows):
    return {
        row["code"]: (
            row["parent"] or None,
            row["kind"],
            row["title"],
            row["periods"],
            row["source"],
            position,
        )
        for position, row in enumerate(rows)
    }


def _snapshot_of_nodes(nodes):
    values = nodes.values_list("code", "parent__code", "kind", "title", "periods", "source", "position")
    return {code: tuple(rest) for code, *rest in values}


def _insert(rows):
    created = {}
    for kind in ("strand", "topic", "outcome"):  # parents before children
        batch = [
            CurriculumNode(
                code=row["code"],
                subject_code=row["subject"],
                grade=row["grade"],
                parent=created.get(row["parent"]),
                kind=kind,
                title=row["title"],
                search_text=search_text(row["code"], row["title"]),
                periods=row["periods"],
                source=row["source"],
                position=position,
            )
            for position, row in enumerate(rows)
            if row["kind"] == kind
        ]
        CurriculumNode.objects.bulk_create(batch)
        # MySQL returns no ids from a bulk insert: read them back for the children's parent links.
        created.update(
            CurriculumNode.objects.filter(code__in=[n.code for n in batch]).in_bulk(field_name="code")
        )
