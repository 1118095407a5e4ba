"""QTI 2.1 content package: the manifest, the items' structure, and each item read back by our QTI reader."""

import base64
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from lxml import etree
from PIL import Image

from openedx_vn.qbank import api
from openedx_vn.qbank.exporting import images, qti
from openedx_vn.qbank.exporting.qti import CP_NS, NS

from .conftest import content, plain, versions_of

pytestmark = pytest.mark.django_db
QTI = {"q": NS}
# The XHTML subset of QTI 2.1 our items may use, with the interactions and the item's own elements.
XHTML = {
    "p",
    "div",
    "span",
    "br",
    "b",
    "strong",
    "i",
    "em",
    "sub",
    "sup",
    "code",
    "a",
    "img",
    "ul",
    "ol",
    "li",
}
XHTML |= {"table", "thead", "tbody", "tr", "td", "th", "pre", "blockquote", "hr", "h3", "h4", "h5", "h6"}
ITEM = {
    "assessmentItem",
    "responseDeclaration",
    "outcomeDeclaration",
    "correctResponse",
    "mapping",
    "mapEntry",
}
ITEM |= {
    "defaultValue",
    "value",
    "itemBody",
    "prompt",
    "choiceInteraction",
    "simpleChoice",
    "matchInteraction",
}
ITEM |= {"simpleMatchSet", "simpleAssociableChoice", "textEntryInteraction", "extendedTextInteraction"}
ITEM |= {"responseProcessing", "responseCondition", "responseIf", "responseElseIf", "responseElse"}
ITEM |= {"setOutcomeValue", "match", "equal", "variable", "correct", "baseValue", "mapResponse", "multiple"}
ITEM |= {"modalFeedback"}
ORDER = ["responseDeclaration", "outcomeDeclaration", "itemBody", "responseProcessing", "modalFeedback"]


def _png(colour="red"):
    out = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(out, "PNG")
    return out.getvalue()


def _package(bank_uuid, **options):
    data, filename, notes = api.export_questions(bank_uuid, "qti", **options)
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}, filename, notes


def _items(files):
    """``{path: item root}`` in the manifest's order (the bank's order)."""
    manifest = etree.fromstring(files["imsmanifest.xml"])
    paths = [resource.get("href") for resource in manifest.iter(f"{{{CP_NS}}}resource")]
    return {path: etree.fromstring(files[path]) for path in paths}


def test_the_manifest_lists_every_item_and_file(full_bank):
    files, filename, notes = _package(full_bank.uuid)
    assert filename == "toan-6-to-toan.zip" and notes == []
    manifest = etree.fromstring(files["imsmanifest.xml"])
    assert manifest.tag == f"{{{CP_NS}}}manifest"
    assert manifest.findtext(f"{{{CP_NS}}}metadata/{{{CP_NS}}}schema") == "QTIv2.1 Package"
    resources = manifest.findall(f".//{{{CP_NS}}}resource")
    assert len(resources) == 7
    listed = set()
    for resource in resources:
        assert resource.get("type") == "imsqti_item_xmlv2p1"
        href = resource.get("href")
        item = etree.fromstring(files[href])
        assert item.get("identifier") == resource.get("identifier")
        listed |= {entry.get("href") for entry in resource.findall(f"{{{CP_NS}}}file")}
    assert listed == set(files) - {"imsmanifest.xml"}


def test_items_are_well_formed_qti_2_1(full_bank):
    files, _, _ = _package(full_bank.uuid)
    for name, item in _items(files).items():
        assert item.tag == f"{{{NS}}}assessmentItem", name
        assert [etree.QName(child).localname for child in item] == sorted(
            (etree.QName(child).localname for child in item), key=ORDER.index
        )
        for element in item.iter():
            local = etree.QName(element).localname
            assert etree.QName(element).namespace == NS, (name, local)
            assert local in ITEM | XHTML, (name, local)
            if local in XHTML:
                assert not set(element.attrib) - {"src", "alt", "width", "height", "href", "class"}, local
        body = item.find("q:itemBody", QTI)
        assert not (body.text or "").strip(), "itemBody takes blocks, not text"
        declared = {d.get("identifier") for d in item.iterfind("q:responseDeclaration", QTI)}
        declared |= {d.get("identifier") for d in item.iterfind("q:outcomeDeclaration", QTI)}
        used = {v.get("identifier") for v in item.iterfind(".//q:variable", QTI)}
        used |= {v.get("identifier") for v in item.iterfind(".//q:setOutcomeValue", QTI)}
        assert used <= declared, name
        interactions = [e for e in body.iter() if etree.QName(e).localname.endswith("Interaction")]
        assert len(interactions) == 1 and interactions[0].get("responseIdentifier") in declared


def test_each_item_is_read_back_by_our_qti_reader(full_bank):
    files, _, _ = _package(full_bank.uuid)
    before = {f"q-{v.question.uuid}": v for v in versions_of(full_bank.uuid)}
    compared = 0
    for name, item in _items(files).items():
        version = before[item.get("identifier")]
        if version.type == "true_false_cluster":
            continue  # a matchInteraction: checked below (our reader takes one choice/text interaction today)
        bank = api.create_bank(f"QTI {name}", owner_id=1)
        api.import_questions(files[name], name.split("/")[-1], bank.uuid, fmt="qti")
        (again,) = versions_of(bank.uuid)
        expected = content(version)
        if version.type == "short_answer" and version.body["kind"] == "text":
            # The reader takes the correctResponse; the other accepted answers are in the mapping.
            expected = (*expected[:2], {"kind": "text", "answers": version.body["answers"][:1]}, expected[3])
            keys = [e.get("mapKey") for e in item.iterfind(".//q:mapEntry", QTI)]
            assert keys == version.body["answers"] == ["Hà Nội", "Ha Noi"]
        if version.type == "multiple_choice":  # option feedback and the explanation are modal feedback
            expected = (*expected[:2], expected[2], "")
            again_content = content(again)
            assert again_content[:3] == (expected[0], expected[1], _no_feedback(expected[2]))
        else:
            assert content(again)[:3] == expected[:3], name
        assert again.title == version.title
        compared += 1
    assert compared == 5


def _no_feedback(body):
    return {"choices": [{**choice, "feedback": ""} for choice in body["choices"]]}


def test_dung_sai_is_one_match_interaction_scored_by_the_exam_table(full_bank):
    files, _, _ = _package(full_bank.uuid)
    cluster = next(i for i in _items(files).values() if i.find(".//q:matchInteraction", QTI) is not None)
    pairs = [v.text for v in cluster.iterfind("q:responseDeclaration/q:correctResponse/q:value", QTI)]
    assert pairs == ["a DUNG", "b SAI", "c DUNG", "d SAI"]
    sets = cluster.findall(".//q:simpleMatchSet", QTI)
    assert [c.text for c in sets[0]] == [
        "a) 6/8 = 3/4",
        "b) 6/8 là phân số tối giản",
        "c) 6/8 > 1/2",
        "d) 6/8 = 0,68",
    ]
    assert [c.text for c in sets[1]] == ["Đúng", "Sai"]
    assert cluster.find(".//q:prompt", QTI).text == "Cho phân số 6/8."
    branches = cluster.find("q:responseProcessing/q:responseCondition", QTI)
    table = {
        float(branch.findtext(".//q:equal/q:baseValue", namespaces=QTI)): float(
            branch.findtext("q:setOutcomeValue/q:baseValue", namespaces=QTI)
        )
        for branch in branches
        if branch.find(".//q:equal", QTI) is not None
    }
    assert table == {4: 1.0, 3: 0.5, 2: 0.25, 1: 0.1}
    assert cluster.find("q:modalFeedback", QTI).text == "Rút gọn: 6/8 = 3/4."


def test_numeric_tolerance_and_feedback(full_bank):
    bank = api.create_bank("Số", owner_id=1)
    api.import_questions(
        "Tính 10 : 3.{#3.33:0.01}\n\nCâu?{=5#Đúng rồi ~4#Sai}\n".encode(), "s.gift", bank.uuid
    )
    files, _, _ = _package(bank.uuid)
    items = list(_items(files).values())
    equal = items[0].find(".//q:equal", QTI)
    assert (equal.get("toleranceMode"), equal.get("tolerance")) == ("absolute", "0.01")
    assert items[0].findtext(".//q:correctResponse/q:value", namespaces=QTI) == "3.33"
    feedback = {f.get("identifier"): f.text for f in items[1].iterfind("q:modalFeedback", QTI)}
    assert feedback == {"A": "Đúng rồi", "B": "Sai"}
    assert (
        items[1].find(".//q:setOutcomeValue[@identifier='FEEDBACK']/q:multiple/q:variable", QTI) is not None
    )


def test_pictures_travel_in_the_package(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    png, other = _png(), _png("blue")
    stored = default_storage.save("qbank/hinh.png", ContentFile(png))
    inline = "data:image/png;base64," + base64.b64encode(other).decode()  # the import stores it too
    bank = api.create_bank("Hình", owner_id=1)
    gift = (
        f'[html]Hình <u>vẽ</u>: <img src\\="/media/{stored}"> '
        f'và <img src\\="{inline}" alt\\="xanh">{{=A ~B}}\n\n'
        '[html]Ảnh mất: <img src\\="/media/qbank/khong-co.png">{=C ~D}\n'
    )
    api.import_questions(gift.encode(), "h.gift", bank.uuid)
    files, _, notes = _package(bank.uuid)
    pictures = sorted(name for name in files if name.startswith("items/images/"))
    assert sorted(files[name] for name in pictures) == sorted([png, other])
    first, second = _items(files).values()
    sources = [img.get("src") for img in first.iter(f"{{{NS}}}img")]
    assert sorted(sources) == [name.removeprefix("items/") for name in pictures]
    assert [img.get("alt") for img in first.iter(f"{{{NS}}}img")] == ["", "xanh"]
    assert first.find(".//q:prompt/q:span", QTI).get("class") == "underline"
    assert second.find(".//q:img", QTI).get("src") == "/media/qbank/khong-co.png"
    (note,) = notes
    assert note.endswith(": image '/media/qbank/khong-co.png' not found in storage: left as a link")
    resources = etree.fromstring(files["imsmanifest.xml"]).findall(f".//{{{CP_NS}}}resource")
    assert set(pictures) <= {f.get("href") for f in resources[0].findall(f"{{{CP_NS}}}file")}


def test_data_uri_pictures_stay_inline():
    png = _png()
    inline = "data:image/png;base64," + base64.b64encode(png).decode()
    assert images.picture(inline) == (png, "image/png")
    assert images.picture("data:text/html;base64,PGI+") is None
    assert images.picture("https://example.org/a.png") is None
    assets = qti._Assets()
    assert assets.source(inline, "Câu 1") == inline and assets.files == {}


def test_block_stems_go_before_the_interaction():
    bank = api.create_bank("Bảng", owner_id=1)
    gift = "[html]<p>Cho bảng:</p><table><tr><td>x</td><td>1</td></tr></table>{=1 ~2}\n"
    api.import_questions(gift.encode(), "b.gift", bank.uuid)
    files, _, _ = _package(bank.uuid)
    (item,) = _items(files).values()
    body = item.find("q:itemBody", QTI)
    assert [etree.QName(c).localname for c in body] == ["div", "choiceInteraction"]
    assert body.find("q:choiceInteraction/q:prompt", QTI) is None
    assert plain(etree.tostring(body[0], encoding="unicode")) == "Cho bảng: x 1"
    assert body[0].find("q:table/q:tbody/q:tr/q:td", QTI).text == "x"  # QTI wants the tbody HTML implies


def _score(item, response):
    """SCORE and FEEDBACK after pyslet's QTI 2.1 engine ran the item's response processing."""
    from pyslet.qtiv2 import variables  # noqa: PLC0415

    state = variables.ItemSessionState(item)
    state.select_clone()
    state.begin_session()  # (begin_attempt would render HTML, which pyslet lacks for matchInteraction)
    declaration = item.get_declaration("RESPONSE")
    value = variables.Value.new_value(declaration.cardinality, declaration.baseType)
    value.set_value(response)
    state["RESPONSE"] = value
    state.end_attempt()
    return state["SCORE"].value, sorted(state["FEEDBACK"].value or ())


@pytest.mark.filterwarnings("ignore:.* is deprecated, use, .* instead:DeprecationWarning")  # pyslet calls
def test_an_independent_qti_engine_scores_by_the_vietnamese_rules(full_bank):
    """pyslet (a QTI 2.1 implementation) reads each item and runs its response processing."""
    xml = pytest.importorskip("pyslet.qtiv2.xml")
    files, _, _ = _package(full_bank.uuid)
    items = {}
    for name in _items(files):
        document = xml.QTIDocument()
        document.read(src=files[name])
        items[document.root.title] = document.root
    assert [_score(items["Câu 1"], choice)[0] for choice in "ABCD"] == [0.0, 0.25, 0.0, 0.0]
    assert _score(items["Câu 5"], "C") == (
        0.0,
        ["C", "SOLUTION"],
    )  # the chosen option's feedback, and lời giải
    key = [("a", "DUNG"), ("b", "SAI"), ("c", "DUNG"), ("d", "SAI")]
    flip = {"DUNG": "SAI", "SAI": "DUNG"}
    scores = [
        _score(items["Câu 2"], [(s, flip[j] if i < wrong else j) for i, (s, j) in enumerate(key)])[0]
        for wrong in range(5)
    ]
    assert scores == [1.0, 0.5, 0.25, 0.1, 0.0]  # 4, 3, 2, 1, 0 statements right: the 2025 exam table
    assert _score(items["Câu 2"], None)[0] == 0.0
    assert [_score(items["Câu 3"], value)[0] for value in (-1.5, -1.4)] == [0.5, 0.0]
    assert [_score(items["Câu 6"], text)[0] for text in ("Hà Nội", "Ha Noi", "Huế")] == [1.0, 1.0, 0.0]
    assert _score(items["Câu 4"], "Bài làm")[0] == 0.0  # an essay is scored by a person
