"""The teachers' REST API of tests: who may call it, blueprints checked and stored with errors named by field,
generation with its short cells, the papers and keys read back with python-docx/openpyxl, results, essays."""

import io
import json
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from openedx_vn.assessment import api
from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank import api as qbank_api
from openedx_vn.schools import api as schools_api
from tests.plugins.assessment.conftest import BLUEPRINT

pytestmark = pytest.mark.django_db
SCHOOL = "22000300"


def url(name, *args):
    return reverse(f"vn_assessment:{name}", args=args)


def as_user(client, user):
    client.force_login(user)
    return client


def blueprint_data(**changes):
    data = json.loads(json.dumps(BLUEPRINT))
    data.update(changes)
    return data


def make_school(world):
    """School T (THPT) in Quảng Ninh with class 10A1, taught Toán by the world's teacher; a leader of T and
    one of another school."""
    curriculum_api.load_program()
    schools_api.load_units(["22"])
    schools_api.set_school_year("2025-2026", date(2025, 9, 5), date(2026, 5, 31), 35, date(2026, 1, 19))
    rows = [
        (
            "schools.csv",
            "moet_code,name,levels,commune_code\n22000300,Trường THPT Hòn Gai,THPT,06688\n"
            "22000301,Trường THPT Bãi Cháy,THPT,06688\n",
        ),
        ("classes.csv", "school_code,year,grade,name,size\n22000300,2025-2026,10,10A1,40\n"),
        ("assignments.csv", "school_code,year,class,subject,teacher\n22000300,2025-2026,10A1,TOAN,gv_toan\n"),
    ]
    schools_api.import_organisation([(name, text.encode()) for name, text in rows], schools_api.SYSTEM_SCOPE)
    users = get_user_model().objects
    world.leader = users.create_user("ht_hongai", first_name="Minh", last_name="Phạm")
    world.other_leader = users.create_user("ht_baichay")
    schools_api.grant_role(world.leader.id, "school_leader", SCHOOL)
    schools_api.grant_role(world.other_leader.id, "school_leader", "22000301")
    world.class_id = schools_api.classes_of_teacher(world.teacher)[0].id
    return world


def generate(client, world, **options):
    body = {"banks": [str(world.bank.uuid)], "versions": 4, "seed": 7, "minutes": 45, **options}
    return client.post(url("blueprint-generate", world.blueprint_uuid), body, content_type="application/json")


def docx_text(content):
    document = Document(io.BytesIO(content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    for section in document.sections:
        texts += [paragraph.text for paragraph in section.footer.paragraphs]
    return "\n".join(texts)


# ------------------------------------------------------------------------------------------------ who
def test_students_and_visitors_are_refused_everywhere(client, world):
    exam = api.generate_exam(world.teacher, world.blueprint_uuid, [world.bank.uuid], seed=1)
    student = world.student_a
    paths = [
        url("template-list"),
        url("blueprint-list"),
        url("blueprint-detail", world.blueprint_uuid),
        url("blueprint-file", world.blueprint_uuid, "matrix.docx"),
        url("exam-list"),
        url("exam-detail", exam.uuid),
        url("exam-file", exam.uuid, "version-101.docx"),
        url("exam-results", exam.uuid),
        url("exam-essays", exam.uuid),
    ]
    for path in paths:
        assert client.get(path).status_code == 403, path
    as_user(client, student)
    for path in paths:
        assert client.get(path).status_code == 403, path
    response = client.post(url("blueprint-list"), BLUEPRINT, content_type="application/json")
    assert response.status_code == 403


def test_another_teacher_may_neither_read_nor_change_a_blueprint(client, world):
    as_user(client, world.other_teacher)
    assert client.get(url("blueprint-detail", world.blueprint_uuid)).status_code == 403
    response = client.put(
        url("blueprint-detail", world.blueprint_uuid), BLUEPRINT, content_type="application/json"
    )
    assert response.status_code == 403
    assert client.get(url("blueprint-detail", "00000000-0000-0000-0000-000000000000")).status_code == 404
    assert client.get(url("blueprint-detail", "không-phải-id")).status_code == 404


# ----------------------------------------------------------------------------------------- blueprints
def test_templates_carry_their_source_and_structure(client, world):
    templates = {t["key"]: t for t in as_user(client, world.teacher).get(url("template-list")).json()}
    cv = templates["cv7991"]
    assert cv["points_by_format"] == {
        "multiple_choice": "3",
        "true_false_cluster": "2",
        "short_answer": "2",
        "essay": "3",
    }
    assert cv["points_by_level"] == {"biet": "4", "hieu": "3", "van_dung": "3"}
    assert "7991" in cv["source"] and cv["confidence"] == "third-party" and cv["parts"] == {}
    toan = templates["thpt2025_toan"]
    assert toan["parts"]["multiple_choice"] == {"questions": 12, "points_each": "0.25"}
    assert toan["minutes"] == 90 and toan["subjects"] == ["TOAN"]


def test_create_read_update_a_blueprint(client, world):
    as_user(client, world.teacher)
    response = client.post(
        url("blueprint-list"), blueprint_data(title="Đề mới"), content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["problems"] == []
    key = response.json()["uuid"]
    stored = client.get(url("blueprint-detail", key)).json()
    assert stored["title"] == "Đề mới" and stored["rows"][1]["codes"] == ["TOAN.10.2"]
    assert len(stored["cells"]) == 9 and stored["problems"] == []

    changed = blueprint_data(title="Đề mới (sửa)")
    changed["cells"][0]["points"] = "1,5"  # a decimal comma, as teachers type it
    response = client.put(url("blueprint-detail", key), changed, content_type="application/json")
    problems = response.json()["problems"]
    assert response.status_code == 200
    assert [p["blocking"] for p in problems if "10,5" in p["message"]] == [True]
    differences = {(p["format"], p["level"]) for p in problems if not p["blocking"]}
    assert differences == {("multiple_choice", ""), ("", "biet")}
    listed = client.get(url("blueprint-list")).json()
    assert [row["title"] for row in listed][:1] == ["Đề mới (sửa)"]


def test_unreadable_blueprint_names_each_field_and_stores_nothing(client, world):
    as_user(client, world.teacher)
    data = blueprint_data(title="")
    data["rows"][1]["codes"] = []
    data["cells"][2]["points"] = "một"
    data["cells"][3]["count"] = "bốn"
    before = len(api.list_blueprints(world.teacher))
    response = client.post(url("blueprint-list"), data, content_type="application/json")
    assert response.status_code == 400
    fields = [problem["field"] for problem in response.json()["problems"]]
    assert fields == ["title", "rows[1].codes", "cells[2].points", "cells[3].count"]
    assert len(api.list_blueprints(world.teacher)) == before
    response = client.post(url("blueprint-list"), ["not", "an", "object"], content_type="application/json")
    assert response.status_code == 400


def test_the_check_places_problems_on_cells_and_sums_points(client, world):
    as_user(client, world.teacher)
    data = blueprint_data()
    data["cells"][3]["count"] = 6  # đúng – sai: 6 statements is not a multiple of 4
    data["cells"][0]["points"] = "0"  # questions without points
    checked = client.post(url("blueprint-check"), data, content_type="application/json").json()
    blocking = [(p["row"], p["format"], p["level"]) for p in checked["problems"] if p["blocking"]]
    assert (0, "true_false_cluster", "biet") in blocking and (0, "multiple_choice", "biet") in blocking
    assert checked["points"] == "9" and checked["points_by_level"]["biet"] == "3"
    assert any(p["level"] == "biet" and not p["blocking"] for p in checked["problems"])


def test_matrix_and_specification_files(client, world):
    as_user(client, world.teacher)
    for name in ("matrix.docx", "specification.docx"):
        response = client.get(url("blueprint-file", world.blueprint_uuid, name))
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        text = docx_text(response.content)
        assert "Mệnh đề" in text and "Tập hợp" in text
    for name in ("matrix.xlsx", "specification.xlsx"):
        response = client.get(url("blueprint-file", world.blueprint_uuid, name))
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None}
        assert "Tập hợp" in values
    assert client.get(url("blueprint-file", world.blueprint_uuid, "matrix.pdf")).status_code == 404


# ------------------------------------------------------------------------------------------ generation
def test_generate_four_versions_and_print_version_102(client, world):
    as_user(client, world.teacher)
    response = generate(client, world, title="Giữa kì I – Toán 10", kind="Kiểm tra giữa học kì I")
    assert response.status_code == 201, response.content
    exam = response.json()
    assert exam["version_codes"] == ["101", "102", "103", "104"] and exam["max_points"] == "10.00"

    detail = client.get(url("exam-detail", exam["uuid"])).json()
    assert [v["code"] for v in detail["versions"]] == ["101", "102", "103", "104"]
    keys_102 = detail["versions"][1]["keys"]
    assert len(keys_102) == 20 and {k["part"] for k in keys_102} >= {"multiple_choice", "essay"}
    assert all(k["key"] in "ABCD" for k in keys_102 if k["part"] == "multiple_choice")
    names = [link["name"] for link in detail["files"]]
    assert "version-102.docx" in names and "keys.xlsx" in names and "results.xlsx" in names

    paper = client.get(url("exam-file", exam["uuid"], "version-102.docx"))
    assert paper.status_code == 200
    text = docx_text(paper.content)
    assert "Mã đề 102" in text and "KIỂM TRA GIỮA HỌC KÌ I" in text and "PHẦN I" in text

    pdf = client.get(url("exam-file", exam["uuid"], "version-102.pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    key = client.get(url("exam-file", exam["uuid"], "keys.xlsx"))
    sheet = load_workbook(io.BytesIO(key.content)).active
    header = [cell.value for cell in sheet[1]]
    column = next(i for i, name in enumerate(header) if "102" in str(name))
    first_mc = next(k["key"] for k in keys_102 if k["part"] == "multiple_choice" and k["number"] == 1)
    assert sheet.cell(row=2, column=column + 1).value == first_mc
    assert "Mã đề 102" in docx_text(client.get(url("exam-file", exam["uuid"], "keys.docx")).content)
    assert client.get(url("exam-file", exam["uuid"], "version-109.docx")).status_code == 404


def test_pictures_stored_in_the_bank_are_printed(client, world, settings, tmp_path):
    from django.core.files.base import ContentFile  # noqa: PLC0415
    from django.core.files.storage import default_storage  # noqa: PLC0415
    from PIL import Image  # noqa: PLC0415

    from openedx_vn.qbank.models import QuestionVersion  # noqa: PLC0415 - the fixture's questions, edited

    settings.MEDIA_ROOT = tmp_path
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(out, format="PNG")
    name = default_storage.save("qbank/images/hinh.png", ContentFile(out.getvalue()))
    picture = f'<p>Quan sát hình: <img src="{default_storage.url(name)}" alt="hình"></p>'
    for version in QuestionVersion.objects.filter(type="multiple_choice"):
        version.stem = picture + version.stem
        version.save(update_fields=["stem"])
    as_user(client, world.teacher)
    exam = generate(client, world).json()
    paper = Document(io.BytesIO(client.get(url("exam-file", exam["uuid"], "version-102.docx")).content))
    assert len(paper.inline_shapes) == 12  # one picture in each multiple-choice question


def test_a_short_bank_lists_every_short_cell(client, world):
    as_user(client, world.teacher)
    small = qbank_api.create_bank("Ngân hàng nhỏ", world.teacher.id)
    response = generate(client, world, banks=[small.uuid])
    assert response.status_code == 400
    short = response.json()["short"]
    assert len(short) == 9
    first = short[0]
    assert first["row"] == 0 and first["missing"] == 4 and first["available"] == 0
    assert "Mệnh đề" in first["message"] and "4" in first["message"]


def test_bad_generation_inputs_are_named(client, world):
    as_user(client, world.teacher)
    assert generate(client, world, versions=0).json().keys() >= {"versions"}
    assert "banks" in generate(client, world, banks=[]).json()
    other = qbank_api.list_banks(owner_id=world.other_teacher.id)[0]
    assert generate(client, world, banks=[other.uuid]).status_code == 403
    response = generate(client, world, classes=[12345])
    assert response.status_code == 400 and "classes" in response.json()
    response = generate(
        client, world, opens_at="2025-10-20T08:00:00+07:00", closes_at="2025-10-20T07:00:00+07:00"
    )
    assert "closes_at" in response.json()


def test_a_draft_with_problems_cannot_be_drawn(client, world):
    as_user(client, world.teacher)
    data = blueprint_data()
    data["cells"][0]["points"] = "2"
    key = client.post(url("blueprint-list"), data, content_type="application/json").json()["uuid"]
    body = {"banks": [str(world.bank.uuid)]}
    response = client.post(url("blueprint-generate", key), body, content_type="application/json")
    assert response.status_code == 400 and "11" in response.json()["detail"]


def test_classes_give_the_school_and_year(client, world):
    make_school(world)
    as_user(client, world.teacher)
    exam = generate(client, world, classes=[world.class_id]).json()
    assert exam["school_code"] == SCHOOL and exam["school_year"] == "2025-2026"


# --------------------------------------------------------------------------------------------- results
def sit(world, exam_uuid):
    """Both students take the test; An answers the first multiple-choice question and the essays."""
    for student in (world.student_b, world.student_a):
        api.start_attempt(exam_uuid, student.id)
    view = api.attempt_view(exam_uuid, world.student_a.id)
    parts = {part["part"]: part["questions"] for part in view.parts}
    api.save_answer(exam_uuid, world.student_a.id, parts["multiple_choice"][0]["uuid"], 0, 1)
    for seq, essay in enumerate(parts["essay"], start=2):
        api.save_answer(exam_uuid, world.student_a.id, essay["uuid"], "Lời giải của An", seq)
    for student in (world.student_a, world.student_b):
        api.submit_attempt(exam_uuid, student.id)
    return parts["essay"]


def test_results_in_vietnamese_order_and_their_export(client, world):
    make_school(world)
    as_user(client, world.teacher)
    exam = generate(client, world, classes=[world.class_id]).json()
    sit(world, exam["uuid"])
    rows = client.get(url("exam-results", exam["uuid"])).json()
    assert [row["full_name"] for row in rows] == ["Nguyễn Văn An", "Lê Thị Bình"]  # An before Bình
    assert rows[0]["essays_pending"] == 2 and rows[1]["score"] == "0.0"

    book = load_workbook(io.BytesIO(client.get(url("exam-file", exam["uuid"], "results.xlsx")).content))
    sheet = book.active
    assert [sheet.cell(row=r, column=2).value for r in (2, 3)] == ["Nguyễn Văn An", "Lê Thị Bình"]
    assert sheet.cell(row=3, column=9).value == 0 and sheet.cell(row=3, column=9).number_format == "0.0"

    as_user(client, world.leader)  # the school's leader reads them; another school's does not
    assert client.get(url("exam-results", exam["uuid"])).status_code == 200
    as_user(client, world.other_leader)
    assert client.get(url("exam-results", exam["uuid"])).status_code == 403
    as_user(client, world.other_teacher)
    assert client.get(url("exam-results", exam["uuid"])).status_code == 403


def test_essays_are_graded_by_the_tests_teacher(client, world):
    make_school(world)
    as_user(client, world.teacher)
    exam = generate(client, world, classes=[world.class_id]).json()
    essays = sit(world, exam["uuid"])
    listed = client.get(url("exam-essays", exam["uuid"])).json()
    assert [row["student"] for row in listed] == ["Nguyễn Văn An"] * 2
    assert listed[0]["text"] == "Lời giải của An" and listed[0]["points"] is None
    question = essays[0]["uuid"]
    body = {"student_id": world.student_a.id, "question_uuid": question, "points": "0,5", "comment": "Tốt"}
    as_user(client, world.leader)
    assert (
        client.post(url("exam-essays", exam["uuid"]), body, content_type="application/json").status_code
        == 403
    )
    as_user(client, world.teacher)
    response = client.post(url("exam-essays", exam["uuid"]), body, content_type="application/json")
    assert response.status_code == 200, response.json()
    graded = next(
        row for row in client.get(url("exam-essays", exam["uuid"])).json() if row["question_uuid"] == question
    )
    assert graded["points"] == "0.5" and graded["comment"] == "Tốt"
    too_many = {**body, "points": "50"}
    response = client.post(url("exam-essays", exam["uuid"]), too_many, content_type="application/json")
    assert response.status_code == 400 and "0" in response.json()["detail"]


def test_the_schema_documents_the_teachers_api(client):
    schema = client.get(reverse("schema")).content.decode()
    for path in (
        "/vn/assessment/api/v1/templates/",
        "/vn/assessment/api/v1/blueprints/check/",
        "/vn/assessment/api/v1/blueprints/{blueprint_uuid}/",
        "/vn/assessment/api/v1/blueprints/{blueprint_uuid}/generate/",
        "/vn/assessment/api/v1/blueprints/{blueprint_uuid}/files/{name}",
        "/vn/assessment/api/v1/tests/{exam_uuid}/",
        "/vn/assessment/api/v1/tests/{exam_uuid}/results/",
        "/vn/assessment/api/v1/tests/{exam_uuid}/essays/",
        "/vn/assessment/api/v1/tests/{exam_uuid}/files/{name}",
    ):
        assert path in schema, path


def test_answers_have_the_documented_shapes(client, world):
    from openedx_vn.assessment.rest import serializers  # noqa: PLC0415

    as_user(client, world.teacher)
    detail = client.get(url("blueprint-detail", world.blueprint_uuid)).json()
    assert set(detail) == set(serializers.BlueprintSerializer().fields)
    exam = generate(client, world).json()
    assert set(exam) == set(serializers.ExamSummarySerializer().fields)
    full = client.get(url("exam-detail", exam["uuid"])).json()
    assert set(full) == set(serializers.ExamDetailSerializer().fields)
    short = generate(client, world, banks=[qbank_api.create_bank("Rỗng", world.teacher.id).uuid]).json()
    assert set(short["short"][0]) == set(serializers.ExamShortCellSerializer().fields)


@pytest.mark.parametrize("name", ["blueprint-list", "blueprint-check"])
def test_an_unreadable_body_answers_as_the_schema_says(client, world, name):
    """Found by the schema fuzzer: a body that is not JSON answered 400 without the ``problems`` the API
    documents for a blueprint it cannot read."""
    as_user(client, world.teacher)
    response = client.post(url(name), b"\xff{", content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert body["problems"] == []
    detail = url("blueprint-detail", world.blueprint_uuid)
    response = client.put(detail, b"\xff{", content_type="application/json")
    assert response.status_code == 400 and response.json()["problems"] == []
