"""Moodle XML, on Moodle's own fixtures (shared/testdata)."""

import hashlib
import re

import pytest

from openedx_vn.core import pictures
from openedx_vn.qbank import api
from openedx_vn.qbank.models import QuestionVersion

pytestmark = pytest.mark.django_db

OLD = "moodle-qformat-fixtures/question/format/xml/tests/fixtures"
NEW = "moodle-qformat-fixtures/upstream-moodle-main/question/format/xml/tests/fixtures"


def _import(testdata, path):
    bank = api.create_bank(path, owner_id=1)
    return api.import_questions((testdata / path).read_bytes(), path.rsplit("/", 1)[-1], bank.uuid)


def test_true_false_with_embedded_images(testdata):
    result = _import(testdata, f"{OLD}/truefalse.xml")
    assert (result.format, result.created) == ("moodle_xml", 2)
    versions = {v.title: v for v in QuestionVersion.objects.all()}
    false = versions["Moodle acronym (False)"]
    assert false.type == "true_false_cluster" and false.body["statements"][0]["is_true"] is False
    assert versions["Moodle acronym (True)"].body["statements"][0]["is_true"] is True
    # The logo travels with the question, into the private storage under the SHA-256 of its bytes.
    (source,) = re.findall(r'src="/vn/core/pictures/(([0-9a-f]{64})\.jpg)"', false.stem)
    assert hashlib.sha256(pictures.read_picture(source[0])).hexdigest() == source[1]
    assert "@@PLUGINFILE@@" not in false.stem and "font-style" not in false.stem
    assert false.category == "Default for testhead/TrueFalse"
    assert "documentation about Moodle" in false.explanation


def test_multiple_choice_and_a_link_to_an_embedded_file(testdata):
    result = _import(testdata, f"{OLD}/multichoice.xml")
    assert result.created == 1
    (version,) = QuestionVersion.objects.all()
    assert version.type == "multiple_choice" and sum(c["correct"] for c in version.body["choices"]) == 1
    assert "data:audio" not in version.stem  # a link may not carry a data: URI
    assert "What language is being spoken?" in version.stem


def test_nested_categories(testdata):
    result = _import(testdata, f"{NEW}/nested_categories_with_questions.xml")
    assert result.created == 5
    kinds = sorted(QuestionVersion.objects.values_list("type", flat=True))
    assert kinds == ["essay"] + ["true_false_cluster"] * 4
    assert len(set(QuestionVersion.objects.values_list("category", flat=True))) > 1


@pytest.mark.parametrize("name", ["multianswer.xml", "sample_questions_with_old_image_tag.xml"])
def test_cloze_is_refused_precisely(testdata, name):
    with pytest.raises(api.QuestionImportError) as caught:
        _import(testdata, f"{OLD}/{name}")
    assert any("cloze" in p.message and p.place.line for p in caught.value.problems)
    assert QuestionVersion.objects.count() == 0


def test_broken_xml_names_the_line():
    bank = api.create_bank("x", owner_id=1)
    with pytest.raises(api.QuestionImportError, match="bad.xml, line 3: not well-formed XML"):
        api.import_questions(b"<quiz>\n<question type='truefalse'>\n<name></quiz>", "bad.xml", bank.uuid)
