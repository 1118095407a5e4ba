"""The curriculum as an openedx_tagging taxonomy, against the real tagging app."""

import pytest
from django.core.management import call_command
from openedx_tagging import api as tagging_api

from openedx_vn.curriculum import api
from openedx_vn.curriculum.models import CurriculumNode

from .conftest import DATA

pytestmark = pytest.mark.django_db
UNIT = "block-v1:QuangNinh+TOAN6+2025_2026+type@vertical+block@phan_so"


def taxonomy():
    return tagging_api.get_taxonomy_by_export_id("vn-gdpt-2018")


def test_export_builds_the_tree_and_a_unit_can_be_tagged(toan6):
    export_id, count, created = api.export_taxonomy()
    assert (export_id, created) == ("vn-gdpt-2018", True)
    subjects_and_grades = len({o.code for o in api.get_subjects()}) + len(api.get_subjects())
    assert count == subjects_and_grades + 9
    outcome = "TOAN.6.1.2.1 Nhận biết được phân số với tử số hoặc mẫu số là số nguyên âm."
    tagging_api.tag_object(UNIT, taxonomy(), [outcome])
    (object_tag,) = tagging_api.get_object_tags(UNIT)
    assert object_tag.get_lineage() == [
        "Toán",
        "Toán 6",
        "TOAN.6.1 Số và Đại số",
        "TOAN.6.1.2 Phân số",
        outcome,
    ]
    assert object_tag.tag.external_id == "TOAN.6.1.2.1"


def test_reexport_updates_in_place_and_keeps_the_tagged_content(toan6):
    api.export_taxonomy()
    tagging_api.tag_object(UNIT, taxonomy(), ["TOAN.6.1.2 Phân số"])
    tag_id = tagging_api.get_object_tags(UNIT)[0].tag_id
    amended = (DATA / "toan6_small.csv").read_text(encoding="utf-8")
    amended = amended.replace("Phân số,,", "Phân số và số thập phân,,")  # renamed topic
    amended = amended.replace(
        "TOAN,6,TOAN.6.2.1.1,TOAN.6.2.1,outcome", "TOAN,6,TOAN.6.1.1.9,TOAN.6.1.1,outcome"
    )
    api.load_topics(amended.encode(), "toan6_small.csv")
    _, _, created = api.export_taxonomy()
    assert not created
    (object_tag,) = tagging_api.get_object_tags(UNIT)
    assert object_tag.tag_id == tag_id
    assert object_tag.value == "TOAN.6.1.2 Phân số và số thập phân"
    values = {tag["value"] for tag in tagging_api.get_tags(taxonomy())}
    assert "TOAN.6.2.1.1 Nhận dạng được tam giác đều, hình vuông, lục giác đều." not in values
    assert "TOAN.6.1.1.9 Nhận dạng được tam giác đều, hình vuông, lục giác đều." in values
    assert "TOAN.6.1.2.1 Nhận biết được phân số với tử số hoặc mẫu số là số nguyên âm." in values


def test_every_tag_resolves_to_a_curriculum_code(toan6):
    api.export_taxonomy()
    codes = set(CurriculumNode.objects.values_list("code", flat=True))
    codes |= {o.code for o in api.get_subjects()} | {f"{o.code}.{o.grade}" for o in api.get_subjects()}
    assert {tag["external_id"] for tag in tagging_api.get_tags(taxonomy())} == codes


def test_shipped_trees_export_with_valid_tag_values(program):
    from openedx_tagging.models.utils import RESERVED_TAG_CHARS

    api.load_shipped_curriculum()
    _, count, _ = api.export_taxonomy()
    assert count > 1500
    values = [tag["value"] for tag in tagging_api.get_tags(taxonomy())]
    assert not [v for v in values if any(reserved in v for reserved in RESERVED_TAG_CHARS) or len(v) > 500]
    assert "Toán 6" in values


def test_management_command(toan6, capsys):
    call_command("export_curriculum_taxonomy")
    call_command("export_curriculum_taxonomy")
    out = capsys.readouterr().out
    assert "created" in out and "updated in place" in out
