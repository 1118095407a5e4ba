"""QTI 2.1 / 2.2: every IMS example item is imported with the right question or refused precisely."""

import pytest

from openedx_vn.qbank import api
from openedx_vn.qbank.models import QuestionVersion

pytestmark = pytest.mark.django_db
ITEMS = "qti-sdk-ims-samples/test/samples/ims/items"


def _import(path):
    bank = api.create_bank(path.name, owner_id=1)
    return bank, api.import_questions(path.read_bytes(), path.name, bank.uuid)


def _import_or_problems(path):
    """``(ImportResult, [])`` when the file imports, ``(None, problems)`` when it is refused."""
    try:
        return _import(path)[1], []
    except api.QuestionImportError as exc:
        return None, exc.problems


def test_choice_item(testdata):
    _, result = _import(testdata / ITEMS / "2_1/choice.xml")
    assert (result.format, result.created) == ("qti", 1)
    (version,) = QuestionVersion.objects.all()
    assert version.title == "Unattended Luggage" and version.type == "multiple_choice"
    assert [c["correct"] for c in version.body["choices"]] == [True, False, False]
    assert "What does it say?" in version.stem and "Look at the text in the picture." in version.stem
    assert "choiceInteraction" not in version.stem and "imsqti" not in version.stem
    assert result.notes == (
        "choice.xml, line 20, question 1: image 'images/sign.png' is not inside the file: left out",
    )


def test_text_entry_and_essay(testdata):
    _import(testdata / ITEMS / "2_1/text_entry.xml")
    _import(testdata / ITEMS / "2_1/extended_text.xml")
    text, essay = QuestionVersion.objects.order_by("id")
    assert text.body == {"kind": "text", "answers": ["York"]} and essay.type == "essay"


def test_every_ims_item_is_imported_or_refused_precisely(testdata):
    outcomes = {"imported": 0, "refused": 0}
    for path in sorted((testdata / ITEMS).glob("2_*/*.xml")):
        result, problems = _import_or_problems(path)
        if result is None:
            assert all(problem.place.line for problem in problems), path
            outcomes["refused"] += 1
        else:
            assert result.created == 1, path
            outcomes["imported"] += 1
    assert outcomes["imported"] >= 8 and outcomes["refused"] >= 20


def test_qti_3_interactions_outside_the_subset_are_refused_by_name(testdata):
    """QTI 3.0 items are read (test_qti_packages); an empty one is refused with its line."""
    with pytest.raises(
        api.QuestionImportError, match="line 8, question 1: no interaction: the item asks nothing to answer"
    ):
        _import(testdata / ITEMS / "3_0/empty_item.xml")


def test_files_of_the_ims_test_packages(testdata):
    """Assessment tests are refused by name; the items packaged with them import or are refused precisely."""
    files = sorted((testdata / "qti-sdk-ims-samples/test/samples/ims/tests").rglob("*.xml"))
    tests = [path for path in files if b"<assessmentTest" in path.read_bytes()]
    assert tests and len(tests) < len(files)
    for path in files:
        result, problems = _import_or_problems(path)
        if path in tests:
            assert [p.message.endswith("not a QTI item") for p in problems] == [True], path
        assert result is not None or all(p.place.line for p in problems), path
