"""QTI content packages (.zip + imsmanifest.xml) built from the IMS example items, and QTI 3.0 items."""

import io
import struct
import zipfile
import zlib

import pytest

from openedx_vn.qbank import api
from openedx_vn.qbank.importing.pipeline import guess_format, preview
from openedx_vn.qbank.models import QuestionVersion

pytestmark = pytest.mark.django_db
ITEMS = "qti-sdk-ims-samples/test/samples/ims/items"
SACHSEN = "qti-sdk-ims-samples/test/samples/ims/tests/interaction_mix_sachsen"


def png(width=3, height=2):
    """A real PNG picture (red pixels), built by hand so no imaging library is needed."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def manifest(resources):
    """An IMS CP 1.1 manifest; ``resources`` are (type, href) pairs."""
    listed = "\n".join(
        f'    <resource identifier="R{n}" type="{kind}" href="{href}"><file href="{href}"/></resource>'
        for n, (kind, href) in enumerate(resources)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="M1">
  <organizations/>
  <resources>
{listed}
  </resources>
</manifest>
""".encode()


def package(files, resources):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("imsmanifest.xml", manifest(resources))
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def _items(testdata):
    base = testdata / ITEMS
    return {
        "items/choice.xml": (base / "2_1/choice.xml").read_bytes(),
        "items/text_entry.xml": (base / "2_2/text_entry.xml").read_bytes(),
        "items/extended_text.xml": (base / "2_1/extended_text.xml").read_bytes(),
        "items/tom.xml": (base / "3_0/aqti_tmh_sample_1.xml").read_bytes(),
    }


def _resources(files):
    kinds = {"tom.xml": "imsqti_item_xmlv3p0", "text_entry.xml": "imsqti_item_xmlv2p2"}
    return [
        (kinds.get(name.split("/")[-1], "imsqti_item_xmlv2p1"), name)
        for name in files
        if name.endswith(".xml")
    ]


@pytest.fixture
def bank():
    return api.create_bank("QTI", owner_id=1)


def test_a_package_imports_every_item_with_its_picture(testdata, bank):
    files = {**_items(testdata), "items/images/sign.png": png()}
    content = package(files, [*_resources(files), ("webcontent", "items/images/sign.png")])
    assert guess_format("de.zip", content) == "qti"
    result = preview(content, "de.zip")
    assert result.problems == [] and len(result.drafts) == 4
    choice, text, essay, tom = result.drafts
    assert str(choice.place) == "de.zip/items/choice.xml, line 6, question 1"
    assert '<img src="data:image/png;base64,' in choice.stem and "What does it say?" in choice.stem
    assert text.body == {"kind": "text", "answers": ["York"]} and essay.type == "essay"
    assert tom.title == "Estimate distances using multiplication with Tom"
    assert [c["correct"] for c in tom.body["choices"]] == [True, False, False]
    assert api.import_questions(content, "de.zip", bank.uuid).created == 4


def test_a_missing_picture_or_item_refuses_the_package_naming_it(testdata, bank):
    files = _items(testdata)
    content = package(files, [*_resources(files), ("imsqti_item_xmlv2p1", "items/gone.xml")])
    with pytest.raises(api.QuestionImportError) as caught:
        api.import_questions(content, "de.zip", bank.uuid)
    assert [str(p) for p in caught.value.problems] == [
        "de.zip/items/choice.xml, line 20, question 1: image 'images/sign.png' is not in the package",
        "de.zip/imsmanifest.xml, line 9: item 'items/gone.xml' is listed but not in the package",
    ]
    assert QuestionVersion.objects.count() == 0


def test_a_picture_in_another_format_is_refused(testdata, bank):
    files = {"items/choice.xml": _items(testdata)["items/choice.xml"], "items/images/sign.png": b"<svg/>"}
    with pytest.raises(api.QuestionImportError, match="is not PNG, JPEG or GIF"):
        api.import_questions(package(files, _resources(files)), "de.zip", bank.uuid)


def test_a_zip_without_manifest_is_not_guessed(bank):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("q1.xml", b"<assessmentItem/>")
    with pytest.raises(api.QuestionImportError, match="has no imsmanifest.xml"):
        api.import_questions(out.getvalue(), "de.zip", bank.uuid)


def test_the_sachsen_test_as_a_package(testdata, bank):
    """A real mixed test: its assessment test is named in a note; each item is imported or refused by line."""
    folder = testdata / SACHSEN
    files = {f"sachsen/{path.name}": path.read_bytes() for path in sorted(folder.glob("*.xml"))}
    tests = [name for name, data in files.items() if b"<assessmentTest" in data]
    resources = [("imsqti_test_xmlv2p1" if name in tests else "imsqti_item_xmlv2p1", name) for name in files]
    result = preview(package(files, resources), "sachsen.zip")
    assert {note.message for note in result.notes} == {
        f"assessment test {name!r}: its items are imported one by one, not the test" for name in tests
    }
    assert len(result.drafts) >= 3 and result.problems
    assert all(p.place.file.startswith("sachsen.zip/sachsen/") and p.place.line for p in result.problems)
    assert {d.type for d in result.drafts} >= {"multiple_choice", "short_answer"}


def test_qti_3_items_import(testdata, bank):
    for path in sorted((testdata / ITEMS / "3_0").glob("aqti_*.xml")):
        assert api.import_questions(path.read_bytes(), path.name, bank.uuid).created == 1
    versions = QuestionVersion.objects.order_by("id")
    assert [v.type for v in versions] == ["multiple_choice"] * 3
    assert all([c["correct"] for c in v.body["choices"]] == [True, False, False] for v in versions)
    assert "qti-" not in versions[0].stem and "How many kilometres will he walk" in versions[0].stem
