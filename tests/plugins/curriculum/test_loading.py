"""Program versions and topic trees in the database: all or nothing; nothing written when nothing changed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openedx_vn.curriculum import api
from openedx_vn.curriculum.models import CurriculumNode, ProgramVersion
from openedx_vn_data import data_file

from .conftest import DATA

SHIPPED = data_file("curriculum", "program.yaml").read_text(encoding="utf-8")


def writes(queries):
    return [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]


@pytest.mark.django_db
def test_reloading_the_same_program_writes_nothing():
    first, created = api.load_program()
    assert created
    with CaptureQueriesContext(connection) as queries:
        again, created = api.load_program()
    assert not created and again.key == first.key
    assert writes(queries) == []


@pytest.mark.django_db
def test_changed_figures_make_a_new_version_and_keep_the_old_one():
    old, _ = api.load_program()
    amended = SHIPPED.replace("{grades: [8, 9], periods: 52", "{grades: [8, 9], periods: 70").replace(
        "totals: {6: 1015, 7: 1015, 8: 1032, 9: 1032}", "totals: {6: 1015, 7: 1015, 8: 1050, 9: 1050}"
    )
    new, created = api.load_program(amended)
    assert created and new.key != old.key
    assert api.get_current_version().key == new.key
    assert api.get_yearly_periods("CONGNGHE", 8) == 70
    assert api.get_yearly_periods("CONGNGHE", 8, version=old.key) == 52
    assert [v.key for v in api.list_versions()] == [new.key, old.key]
    # Going back to the old figures makes the old version current again, without a third version.
    back, created = api.load_program()
    assert not created and back.key == old.key and ProgramVersion.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_program_changes_nothing(program):
    with pytest.raises(api.CurriculumFileError):
        api.load_program(SHIPPED.replace("periods: 420", "periods: 0"))
    assert api.get_current_version().key == program.key
    assert ProgramVersion.objects.count() == 1


@pytest.mark.django_db
def test_topic_tree_loads_in_program_order(toan6):
    assert toan6.replaced == (("TOAN", 6),) and toan6.nodes == 9
    tree = api.get_tree("TOAN", 6)
    assert [strand.title for strand in tree] == ["Số và Đại số", "Hình học và Đo lường"]
    fractions = tree[0].children[1]
    assert (fractions.code, fractions.title, fractions.parent_code) == ("TOAN.6.1.2", "Phân số", "TOAN.6.1")
    assert [o.code for o in fractions.children] == ["TOAN.6.1.2.1", "TOAN.6.1.2.2"]


@pytest.mark.django_db
def test_reloading_the_same_topics_writes_nothing(toan6):
    content = (DATA / "toan6_small.csv").read_bytes()
    with CaptureQueriesContext(connection) as queries:
        result = api.load_topics(content, "toan6_small.csv")
    assert result.replaced == () and result.unchanged == (("TOAN", 6),)
    assert writes(queries) == []


@pytest.mark.django_db
def test_bad_rows_are_all_named_and_nothing_is_stored(toan6):
    before = list(CurriculumNode.objects.values_list("code", "title"))
    with pytest.raises(api.CurriculumFileError) as caught:
        api.load_topics((DATA / "bad_rows.csv").read_bytes(), "bad_rows.csv")
    problems = [str(problem) for problem in caught.value.problems]
    assert "bad_rows.csv, line 3: periods: 'abc' is not a whole number" in problems
    assert "bad_rows.csv, line 5: subject: LICHSU is not taught in grade 6" in problems
    assert "bad_rows.csv, line 6: code: TOAN.6.9.1 already on line 3" in problems
    assert "bad_rows.csv, line 7: kind: 'lesson' is not strand, topic or outcome" in problems
    assert "bad_rows.csv, line 8: title: required" in problems
    assert "bad_rows.csv, line 4: parent: TOAN.6.9.9: no such topic in the file" in problems
    assert list(CurriculumNode.objects.values_list("code", "title")) == before


@pytest.mark.django_db
def test_xlsx_template_round_trips(program, client):
    response = client.get("/vn/curriculum/api/v1/topics/template.xlsx")
    assert response.status_code == 200
    result = api.load_topics(response.content, "template.xlsx")
    assert result.nodes == 3
    assert api.get_node("TOAN.6.1.1.1").title.startswith("Nhận biết được phân số")


@pytest.mark.django_db
def test_a_file_that_is_not_a_workbook_is_refused(program):
    with pytest.raises(api.CurriculumFileError, match="không đọc được tệp Excel .xlsx"):
        api.load_topics(b"not a zip", "topics.xlsx")


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["phan so", "PHÂN SỐ", "phân số", "Phan So"])
def test_search_ignores_case_and_diacritics(toan6, query):
    hits = api.search_nodes(query)
    assert {hit.code for hit in hits} == {"TOAN.6.1.2", "TOAN.6.1.2.1", "TOAN.6.1.2.2"}


@pytest.mark.django_db
def test_search_needs_every_word_and_filters(toan6):
    assert [h.code for h in api.search_nodes("phan so nguyen am")] == ["TOAN.6.1.2.1"]
    assert [h.code for h in api.search_nodes("phan so", kind="topic")] == ["TOAN.6.1.2"]
    assert api.search_nodes("phan so", grade=7) == []
    assert [h.code for h in api.search_nodes("toan.6.2.1")] == ["TOAN.6.2.1", "TOAN.6.2.1.1"]


@pytest.mark.django_db
def test_search_matches_whole_words_and_puts_the_phrase_first(program):
    content = (DATA / "toan6_small.csv").read_text(encoding="utf-8") + (
        'TOAN,6,TOAN.6.2.2,TOAN.6.2,topic,"Soạn thảo văn bản bằng phần mềm",,\n'
        'TOAN,6,TOAN.6.2.2.1,TOAN.6.2.2,outcome,"Số và phân số trong đời sống.",,\n'
    )
    api.load_topics(content.encode(), "toan6_more.csv")
    codes = [hit.code for hit in api.search_nodes("phan so")]
    assert "TOAN.6.2.2" not in codes  # "soạn" is not "số"
    assert codes[:3] == ["TOAN.6.1.2", "TOAN.6.1.2.1", "TOAN.6.1.2.2"]  # "phân số" as a phrase
    assert codes[-1] == "TOAN.6.2.2.1"  # both words, not together
    assert api.search_nodes("t") == [] and api.search_nodes("  ") == []
