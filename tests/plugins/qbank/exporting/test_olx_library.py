"""The bank exported as an Open edX content-library archive, laid out like the official test library."""

import io
import tarfile

import pytest
from lxml import etree
from workbench.runtime import WorkbenchRuntime

from openedx_vn.qbank import api

pytestmark = pytest.mark.django_db

GIFT = """\
::Câu 1::Phân số nào bằng 1/2?{=3/6 ~2/3 ~2/5 ~4/6 ####3/6 \\= 1/2}

::Câu 2::Số 0 là số nguyên dương.{F}

::Câu 3::Tính 1/2 - 2.{#-1.5}

::Câu 4::Thủ đô của Việt Nam là {=Hà Nội =Ha Noi}.

::Câu 5::Trình bày cách rút gọn phân số.{}
"""


def _files(archive):
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


@pytest.fixture
def exported():
    bank = api.create_bank("Toán 6", owner_id=1)
    api.import_questions(GIFT.encode(), "toan6.gift", bank.uuid)
    archive, notes = api.export_library(bank.uuid, "QuangNinh", "TOAN6")
    return _files(archive), notes


def test_layout_follows_the_official_library_export(exported, testdata):
    files, notes = exported
    library = etree.fromstring(files["library/library.xml"])
    assert (library.tag, library.get("url_name"), library.get("xblock-family")) == (
        "library",
        "library",
        "xblock.v1",
    )
    assert (library.get("org"), library.get("library"), library.get("display_name")) == (
        "QuangNinh",
        "TOAN6",
        "Toán 6",
    )
    for child in library:  # CAPA problems point to their file; vn_question (a pure XBlock) is inline
        assert (f"library/{child.tag}/{child.get('url_name')}.xml" in files) == (child.tag == "problem")
    assert [child.tag for child in library] == ["problem", "vn_question", "vn_question", "problem"]
    assert [child.get("xblock-family") for child in library.iter("vn_question")] == ["xblock.v1"] * 2
    assert notes == ["Câu 5: essay: not exported (grade essays with ORA2)"]
    official = etree.parse(
        str(testdata / "openedx-test-course/test-problem-bank/library/library.xml")
    ).getroot()
    for child in official:
        if child.get("url_name"):
            assert (
                testdata
                / "openedx-test-course/test-problem-bank/library"
                / child.tag
                / f"{child.get('url_name')}.xml"
            ).is_file()
    assert "library/policies/assets.json" in files


def test_capa_problems(exported):
    files, _ = exported
    problems = [etree.fromstring(v) for k, v in files.items() if k.startswith("library/problem/")]
    choice = next(p for p in problems if p.find("multiplechoiceresponse") is not None)
    assert choice.get("display_name") == "Câu 1" and choice.get("max_attempts") == "1"
    response = choice.find("multiplechoiceresponse")
    assert response.findtext("label") == "Phân số nào bằng 1/2?"
    assert [c.text for c in response.iter("choice") if c.get("correct") == "true"] == ["3/6"]
    assert "3/6 = 1/2" in etree.tostring(response.find("solution"), encoding="unicode")
    string = next(p for p in problems if p.find("stringresponse") is not None).find("stringresponse")
    assert (string.get("answer"), string.get("type")) == ("Hà Nội", "ci")
    assert [a.get("answer") for a in string.findall("additional_answer")] == ["Ha Noi"]


def test_vn_question_components_load_in_the_xblock_runtime(exported):
    files, _ = exported
    runtime = WorkbenchRuntime("student")
    library = etree.fromstring(files["library/library.xml"])
    blocks = [
        runtime.get_block(runtime.parse_xml_string(etree.tostring(node)))
        for node in library.iter("vn_question")
    ]
    bodies = sorted(((b.question_type, b.body) for b in blocks), key=lambda pair: pair[0])
    assert bodies == [
        ("short_answer", {"kind": "numeric", "value": "-1.5", "tolerance": "0"}),
        ("true_false_cluster", {"statements": [{"text": "", "is_true": False}]}),
    ]


def test_multi_line_html_stays_well_formed_xml():
    bank = api.create_bank("Văn", owner_id=1)
    api.import_questions(
        "Dòng 1\\nDòng 2 <b>đậm\n\nAiken?\nA. x\nB. y\nANSWER: A\n".encode(), "a.txt", bank.uuid, fmt="aiken"
    )
    archive, _ = api.export_library(bank.uuid, "QN", "VAN")
    (problem,) = [v for k, v in _files(archive).items() if k.startswith("library/problem/")]
    assert b"<br/>" in problem and b"&lt;b&gt;" in problem  # a line break as XML; the text's "<b>" stays text
    etree.fromstring(problem)


def test_export_command(tmp_path, capsys):
    from django.core.management import call_command

    bank = api.create_bank("Toán 6", owner_id=1)
    api.import_questions(GIFT.encode(), "toan6.gift", bank.uuid)
    target = tmp_path / "lib.tar.gz"
    call_command("export_questions", "--bank", bank.uuid, "--org", "QN", "--code", "TOAN6", "-o", str(target))
    out = capsys.readouterr().out
    assert "library-v1:QN+TOAN6" in out and "Câu 5: essay" in out
    assert "library/library.xml" in _files(target.read_bytes())
