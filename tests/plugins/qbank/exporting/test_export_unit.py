"""A course unit of chosen questions: OLX laid out as a course export (vertical + problem files), in a
one-unit course archive; every pointer has its file and every vn_question loads in the XBlock runtime."""

import io
import json
import tarfile

import pytest
from lxml import etree
from workbench.runtime import WorkbenchRuntime

from openedx_vn.qbank import api

from .conftest import versions_of

pytestmark = pytest.mark.django_db


def _files(archive):
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


def _is_pointer(element):
    return list(element.attrib) == ["url_name"] and len(element) == 0 and not (element.text or "").strip()


@pytest.fixture
def unit(full_bank):
    versions = versions_of(full_bank.uuid)
    chosen = [
        versions[4],
        versions[1],
        versions[2],
        versions[3],
    ]  # MC, đúng/sai, numeric, essay, in that order
    archive, filename, notes = api.export_questions(
        full_bank.uuid,
        "olx_unit",
        question_uuids=[str(v.question.uuid) for v in chosen],
        title="Luyện tập phân số",
        org="QuangNinh",
        number="TOAN6",
        run="2026",
    )
    return _files(archive), filename, notes, chosen


def test_the_archive_is_a_course_holding_one_unit(unit):
    files, filename, notes, _ = unit
    assert filename == "luyen-tap-phan-so.tar.gz"
    assert all(name.startswith("course/") for name in files)
    root = etree.fromstring(files["course/course.xml"])
    assert (root.get("url_name"), root.get("org"), root.get("course")) == ("2026", "QuangNinh", "TOAN6")
    course = etree.fromstring(files["course/course/2026.xml"])
    (chapter_ref,) = course
    chapter = etree.fromstring(files[f"course/chapter/{chapter_ref.get('url_name')}.xml"])
    sequential = etree.fromstring(files[f"course/sequential/{chapter[0].get('url_name')}.xml"])
    vertical = etree.fromstring(files[f"course/vertical/{sequential[0].get('url_name')}.xml"])
    assert vertical.get("display_name") == "Luyện tập phân số"
    assert [child.tag for child in vertical] == ["problem", "vn_question", "vn_question"]
    policy = json.loads(files["course/policies/2026/policy.json"])
    assert policy["course/2026"]["advanced_modules"] == ["vn_question"]
    assert notes == ["Câu 4: essay: not exported (grade essays with ORA2)"]


def test_every_pointer_has_its_file_and_every_file_parses(unit, testdata):
    files, _, _, _ = unit
    parsed = {name: etree.fromstring(data) for name, data in files.items() if name.endswith(".xml")}
    for name, root in parsed.items():
        for element in root.iter():
            if element is not root and _is_pointer(element):
                assert f"course/{element.tag}/{element.get('url_name')}.xml" in files, (name, element.tag)
    # The same layout as the official test course: course.xml points to course/<run>.xml, problems to files.
    official = testdata / "openedx-test-course/test-course/course"
    run = etree.parse(str(official / "course.xml")).getroot().get("url_name")
    assert (official / "course" / f"{run}.xml").is_file() and (
        official / "policies" / run / "policy.json"
    ).is_file()
    for path in (official / "vertical").glob("*.xml"):
        for child in etree.parse(str(path)).getroot():
            if child.tag == "problem":
                assert (official / "problem" / f"{child.get('url_name')}.xml").is_file()


def test_components_carry_the_bank_questions(unit):
    files, _, _, chosen = unit
    (vertical_name,) = [name for name in files if name.startswith("course/vertical/")]
    vertical = etree.fromstring(files[vertical_name])
    problem = etree.fromstring(files[f"course/problem/{vertical[0].get('url_name')}.xml"])
    choices = problem.findall("multiplechoiceresponse/choicegroup/choice")
    assert [c.text for c in choices if c.get("correct") == "true"] == ["5"]
    assert problem.findtext("multiplechoiceresponse/label") == "Kết quả của 2 + 3 là"
    runtime = WorkbenchRuntime("student")
    blocks = [runtime.get_block(runtime.parse_xml_string(etree.tostring(node))) for node in vertical[1:]]
    assert [(b.question_type, b.body) for b in blocks] == [(v.type, v.body) for v in chosen[1:3]]
    assert [node.get("xblock-family") for node in vertical[1:]] == ["xblock.v1", "xblock.v1"]
    assert blocks[0].weight == 1.0 and blocks[1].weight == 0.5


def test_unknown_questions_are_refused(full_bank):
    with pytest.raises(LookupError, match="(No question|Không có câu hỏi) 0{8}-0{4}-0{4}-0{4}-0{12}"):
        api.export_questions(
            full_bank.uuid, "olx_unit", question_uuids=["00000000-0000-0000-0000-000000000000"]
        )
    with pytest.raises(LookupError, match="not a question id|không phải là mã câu hỏi"):
        api.export_questions(full_bank.uuid, "olx_unit", question_uuids=["nope"])
