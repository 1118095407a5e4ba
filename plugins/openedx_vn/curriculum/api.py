"""Public Python API of the curriculum app: the GDPT 2018 program, its versions and its topic trees."""

import re
from importlib.resources import as_file

from django.db.models import Case, Q, When
from django.utils.translation import gettext as _
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey

from openedx_vn.core.vietnamese import fold, search_words
from openedx_vn.curriculum import course_links, loading
from openedx_vn.curriculum.course_links import InvalidCourseLink
from openedx_vn.curriculum.data import (
    CourseLinkInfo,
    Level,
    Node,
    ProgramVersionInfo,
    SearchHit,
    SubjectOffering,
    TopicsLoad,
)
from openedx_vn.curriculum.models import CourseLink, CurriculumNode, ProgramVersion
from openedx_vn.curriculum.problems import CurriculumError, CurriculumFileError, Problem
from openedx_vn.curriculum.program_file import parse_program
from openedx_vn.curriculum.topics_file import parse_topics
from openedx_vn_data import data_file

__all__ = [
    "CurriculumError",
    "CurriculumFileError",
    "InvalidCourseLink",
    "Problem",
    "get_course_link",
    "get_current_version",
    "get_level",
    "get_level_for_grade",
    "get_levels",
    "get_node",
    "get_offering",
    "get_subjects",
    "get_tree",
    "existing_codes",
    "export_taxonomy",
    "generate_course_outline",
    "get_yearly_periods",
    "link_course",
    "list_course_links",
    "list_versions",
    "load_program",
    "load_shipped_curriculum",
    "load_topics",
    "search_nodes",
]

_CODE = re.compile(r"^[A-Za-z_]+\.\d")
_PROGRAMS = {}  # version key -> program dict; versions never change once stored


# ------------------------------------------------------------------ loading
def load_program(text=None, filename="program.yaml"):
    """Load a program file (default: the one shipped) and make it current.

    Returns ``(ProgramVersionInfo, created)``: ``created`` is False when equal figures were already stored,
    and then nothing is written. Raises ``CurriculumFileError`` naming each problem; nothing is stored then.
    """
    if text is None:
        text = data_file("curriculum", "program.yaml").read_text(encoding="utf-8")
    version, created = loading.store_program(parse_program(text, filename))
    return _version_info(version), created


def load_topics(content, filename):
    """Load a topic/outcome tree file (CSV or XLSX bytes); every subject × grade in it is replaced whole.

    Raises ``CurriculumFileError`` naming each bad row (file, line, column); nothing is stored then.
    """
    offered = {(o.code, o.grade) for o in get_subjects()}
    report = loading.store_topics(parse_topics(content, filename, offered), filename)
    return TopicsLoad(tuple(report["replaced"]), tuple(report["unchanged"]), report["nodes"])


def load_shipped_curriculum():
    """Load the shipped program and every shipped topic file. Returns ``(version, created, [TopicsLoad])``."""
    version, created = load_program()
    loads = []
    with as_file(data_file("curriculum", "topics")) as folder:
        for path in sorted(folder.glob("*.csv")):
            loads.append(load_topics(path.read_bytes(), path.name))
    return version, created, loads


# ----------------------------------------------------------------- versions
def _version_info(version):
    calendar = version.data["calendar"]
    return ProgramVersionInfo(
        key=version.key,
        name=version.name,
        loaded_at=version.loaded_at,
        is_current=version.is_current,
        weeks_per_year=calendar["weeks_per_year"]["value"],
        semester_weeks=tuple(calendar["semester_weeks"]["value"]),
    )


def _version(key=None):
    query = ProgramVersion.objects.filter(key=key) if key else ProgramVersion.objects.filter(is_current=True)
    version = query.only("key").first()
    if version is None:
        raise CurriculumError(
            f"No program version {key!r}" if key else "No program loaded yet: run `manage.py load_curriculum`"
        )
    return version


def _program(key=None):
    version_key = key or _version().key
    if version_key not in _PROGRAMS:
        data = ProgramVersion.objects.filter(key=version_key).values_list("data", flat=True).first()
        if data is None:
            raise CurriculumError(_("No program version {key!r}").format(key=version_key))
        _PROGRAMS[version_key] = data
    return _PROGRAMS[version_key]


def get_current_version():
    """Return the current ``ProgramVersionInfo``; raise ``CurriculumError`` if no program was loaded."""
    return _version_info(ProgramVersion.objects.get(pk=_version().pk))


def list_versions():
    """Every stored version, newest first."""
    return [_version_info(version) for version in ProgramVersion.objects.all()]


# -------------------------------------------------------- levels & subjects
def get_levels(version=None):
    """Every level, from primary to upper secondary, as ``Level`` values."""
    return [
        Level(row["code"], row["name_vi"], row["name_en"], tuple(row["grades"]), row["period_minutes"])
        for row in _program(version)["levels"]
    ]


def get_level(code, version=None):
    """The ``Level`` with this code ("TH", "THCS", "THPT"); raise ``CurriculumError`` if unknown."""
    for level in get_levels(version):
        if level.code == code:
            return level
    raise CurriculumError(_("Unknown level code: {code!r}").format(code=code))


def get_level_for_grade(grade, version=None):
    """The ``Level`` a grade (1–12) belongs to; raise ``CurriculumError`` outside 1–12."""
    for level in get_levels(version):
        if grade in level.grades:
            return level
    raise CurriculumError(_("Grade {grade!r} is not a grade of general education (1–12)").format(grade=grade))


def get_subjects(grade=None, level=None, version=None):
    """Subjects and activities as ``SubjectOffering`` values, by grade then program order.

    Filter by ``grade`` (1–12) and/or ``level`` code; ``version`` is a version key (default: current).
    """
    grades = set(get_level(level, version).grades) if level else None
    offerings = [
        SubjectOffering(
            subject["code"],
            subject["name_vi"],
            subject["name_en"],
            o["grade"],
            o["periods"],
            o["kind"],
            _program(version)["sources"][o["source"]],
            o["confidence"],
        )
        for subject in _program(version)["subjects"]
        for o in subject["offerings"]
        if (grade is None or o["grade"] == grade) and (grades is None or o["grade"] in grades)
    ]
    return sorted(offerings, key=lambda o: o.grade)


def get_offering(subject_code, grade, version=None):
    """The ``SubjectOffering`` of a subject in a grade; raise ``CurriculumError`` if not taught there."""
    for offering in get_subjects(grade=grade, version=version):
        if offering.code == subject_code:
            return offering
    raise CurriculumError(
        _("{subject} is not taught in grade {grade}").format(subject=subject_code, grade=grade)
    )


def get_yearly_periods(subject_code, grade, version=None):
    """Periods per year of a subject in a grade, under ``version`` (default: current)."""
    return get_offering(subject_code, grade, version).periods_per_year


# -------------------------------------------------------------------- trees
def _node(row, children=()):
    return Node(
        row.code,
        row.subject_code,
        row.grade,
        row.kind,
        row.title,
        row.periods,
        row.parent.code if row.parent_id else None,
        tuple(children),
    )


def get_tree(subject_code, grade):
    """The strands of a subject × grade, each with its topics and their outcomes, in program order."""
    rows = list(
        CurriculumNode.objects.filter(subject_code=subject_code, grade=grade).select_related("parent")
    )
    children = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)

    def build(row):
        return _node(row, [build(child) for child in children.get(row.id, [])])

    return [build(row) for row in children.get(None, [])]


def get_node(code):
    """The ``Node`` with this code (without children); raise ``CurriculumError`` if unknown."""
    row = CurriculumNode.objects.select_related("parent").filter(code=code).first()
    if row is None:
        raise CurriculumError(_("Unknown curriculum code: {code!r}").format(code=code))
    return _node(row)


def existing_codes(codes):
    """The subset of ``codes`` that name a strand, topic or outcome of the curriculum."""
    return set(CurriculumNode.objects.filter(code__in=list(codes)).values_list("code", flat=True))


def search_nodes(text, subject_code=None, grade=None, kind=None, limit=50):
    """Strands, topics and outcomes whose title has every word of ``text``, or whose code starts with it.

    Case and diacritics do not matter ("phan so" finds "Phân số", not "soạn"); titles holding the words as one
    phrase come first, then by subject, grade and program order.
    """
    words = search_words(text).split()
    if not words:
        return []
    query = Q()
    for word in words:
        query &= Q(search_text__contains=f" {word} ")
    # "TOAN.6" or "toan.6.1.3": a code and everything below it.
    codes = Q(search_text__startswith=" " + fold(text.strip())) if _CODE.match(text.strip()) else Q(pk__in=[])
    phrase = Case(When(search_text__contains=f" {' '.join(words)} ", then=0), default=1)
    rows = CurriculumNode.objects.filter(query | codes).annotate(phrase=phrase)
    if subject_code:
        rows = rows.filter(subject_code=subject_code)
    if grade:
        rows = rows.filter(grade=grade)
    if kind:
        rows = rows.filter(kind=kind)
    rows = rows.select_related("parent").order_by("phrase", "subject_code", "grade", "position")[:limit]
    return [
        SearchHit(
            row.code,
            row.subject_code,
            row.grade,
            row.kind,
            row.title,
            row.parent.code if row.parent_id else None,
        )
        for row in rows
    ]


# ----------------------------------------------------------------- taxonomy
def export_taxonomy():
    """Create or update the "Chương trình GDPT 2018" taxonomy in openedx_tagging from the current program.

    Returns ``(export_id, number of tags, created)``. Tags carry the curriculum codes as external ids.
    """
    from openedx_vn.curriculum import taxonomy  # noqa: PLC0415 - needs openedx_tagging installed

    nodes = [_node(row) for row in CurriculumNode.objects.select_related("parent").order_by("id")]
    nodes.sort(key=lambda node: ("strand", "topic", "outcome").index(node.kind))  # parents first
    tags = taxonomy.taxonomy_tags(get_subjects(), nodes)
    _export_id, created = taxonomy.export(tags)
    return taxonomy.TAXONOMY_EXPORT_ID, len(tags), created


# ------------------------------------------------------------ course outline
def generate_course_outline(subject_code, grade, org, number, run, textbook=""):
    """An OLX course (``.tar.gz`` bytes) for a subject × grade: chapters = strands, subsections = topics.

    Each unit is tagged (``course/tags.csv``) with its topic and outcomes from the curriculum taxonomy.
    Raises ``CurriculumError`` when the subject is not taught in that grade or its tree is not loaded.
    """
    from openedx_vn.curriculum import outline  # noqa: PLC0415

    offering = get_offering(subject_code, grade)
    tree = get_tree(subject_code, grade)
    if not tree:
        raise CurriculumError(
            _("No topics loaded for {subject} grade {grade}: load them first").format(
                subject=subject_code, grade=grade
            )
        )
    return outline.archive(outline.build(offering, tree, org, number, run, textbook))


# -------------------------------------------------------------- course links
def _link_info(link):
    return CourseLinkInfo(
        str(link.course_key),
        link.school_code,
        link.school_year,
        link.grade,
        link.subject_code,
        tuple(link.class_names),
        link.version.key,
    )


def link_course(course_key, school_code, school_year, grade, subject_code, class_names):
    """Link a course run to a school, school year, grade, subject and classes; returns ``CourseLinkInfo``.

    A new link records the current program version; changing a link keeps the version it was made under.
    Raises ``InvalidCourseLink`` whose ``errors`` name each wrong field; nothing is stored then.
    """
    offered = {(o.code, o.grade) for o in get_subjects()}
    values = course_links.clean(
        course_key, school_code, school_year, grade, subject_code, class_names, offered
    )
    key = values.pop("course_key")
    link = CourseLink.objects.filter(course_key=key).select_related("version").first()
    if link is None:
        link = CourseLink(course_key=key, version=ProgramVersion.objects.get(key=_version().key))
    for field, value in values.items():
        setattr(link, field, value)
    link.save()
    return _link_info(link)


def get_course_link(course_key):
    """The ``CourseLinkInfo`` of a course run, or None when it is not linked yet."""
    try:
        key = CourseKey.from_string(str(course_key))
    except InvalidKeyError as exc:
        raise InvalidCourseLink({"course_key": f"{course_key!r} is not a course run key"}) from exc
    link = CourseLink.objects.filter(course_key=key).select_related("version").first()
    return _link_info(link) if link else None


def list_course_links(school_code=None, school_year=None):
    """Course links, optionally of one school and/or school year, by course key."""
    links = CourseLink.objects.select_related("version").order_by("course_key")
    if school_code:
        links = links.filter(school_code=school_code)
    if school_year:
        links = links.filter(school_year=school_year)
    return [_link_info(link) for link in links]
