"""The generated course outline: OLX the XBlock runtime parses, every unit's tags in the taxonomy."""

import csv
import io
import tarfile
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from openedx_tagging import api as tagging_api
from xblock.core import XBlock
from xblock.fields import Scope, String
from xblock.runtime import DictKeyValueStore, KvsFieldData
from xblock.test.tools import TestRuntime

from openedx_vn.curriculum import api

pytestmark = pytest.mark.django_db


class _Container(XBlock):
    """Stands in for edx-platform's chapter/sequential/vertical blocks, which cannot be installed here."""

    has_children = True
    display_name = String(scope=Scope.settings)


class _Html(XBlock):
    display_name = String(scope=Scope.settings)
    filename = String(scope=Scope.settings)


def _files(archive):
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        return {member.name: tar.extractfile(member).read() for member in tar.getmembers()}


def _inline(files, tag, name):
    """Follow OLX pointers (<chapter url_name="x"/> → course/chapter/x.xml) as Studio's importer does."""
    path = f"course/{tag}/{name}.xml" if tag != "course" else f"course/course/{name}.xml"
    element = ElementTree.fromstring(files[path])
    for index, child in enumerate(list(element)):
        element.remove(child)
        element.insert(index, _inline(files, child.tag, child.get("url_name")))
    element.set("url_name", name)
    return element


@XBlock.register_temp_plugin(_Container, "course")
@XBlock.register_temp_plugin(_Container, "chapter")
@XBlock.register_temp_plugin(_Container, "sequential")
@XBlock.register_temp_plugin(_Container, "vertical")
@XBlock.register_temp_plugin(_Html, "html")
def test_toan_6_outline_parses_and_its_tags_resolve(program):
    api.load_shipped_curriculum()
    api.export_taxonomy()
    outline = api.generate_course_outline("TOAN", 6, "QuangNinh", "TOAN6", "2025_2026", "Kết nối tri thức")
    files = _files(outline)

    root = ElementTree.fromstring(files["course/course.xml"])
    assert (root.get("org"), root.get("course"), root.get("url_name")) == ("QuangNinh", "TOAN6", "2025_2026")
    runtime = TestRuntime(services={"field-data": KvsFieldData(DictKeyValueStore())})
    olx = ElementTree.tostring(_inline(files, "course", "2025_2026"))
    course = runtime.get_block(runtime.parse_xml_string(olx))
    assert course.display_name == "Toán 6 – Kết nối tri thức"
    tree = api.get_tree("TOAN", 6)
    chapters = [runtime.get_block(child) for child in course.children]
    assert [chapter.display_name for chapter in chapters] == [strand.title for strand in tree]
    sequentials = [runtime.get_block(child) for child in chapters[0].children]
    assert [s.display_name for s in sequentials] == [topic.title for topic in tree[0].children]
    assert "Phân số" in [s.display_name for s in sequentials]

    rows = list(csv.DictReader(io.StringIO(files["course/tags.csv"].decode())))
    units = {f"course/vertical/{row['ID']}.xml" for row in rows}
    assert units == {name for name in files if name.startswith("course/vertical/")}
    taxonomy = tagging_api.get_taxonomy_by_export_id("vn-gdpt-2018")
    known = {tag["value"] for tag in tagging_api.get_tags(taxonomy)}
    tags = [tag for row in rows for tag in row["vn-gdpt-2018"].split(";")]
    assert tags and set(tags) <= known
    fractions = next(row for row in rows if row["Name"] == "Phân số")
    assert "TOAN.6.1.3 Phân số" in fractions["vn-gdpt-2018"].split(";")


def test_outline_is_refused_without_a_tree(program):
    with pytest.raises(api.CurriculumError, match="Chưa nạp chủ đề nào của môn NGUVAN lớp 6"):
        api.generate_course_outline("NGUVAN", 6, "QN", "NV6", "2025")
    with pytest.raises(api.CurriculumError, match="không được dạy"):
        api.generate_course_outline("LICHSU", 6, "QN", "LS6", "2025")


def test_command_writes_the_archive(toan6, tmp_path, capsys):
    target = tmp_path / "toan6.tar.gz"
    call_command("generate_course_outline", "TOAN", "6", "--org", "QN", "-o", str(target))
    assert "course-v1:QN+TOAN6+2025_2026" in capsys.readouterr().out
    assert "course/course.xml" in _files(target.read_bytes())
