"""The online-lesson block through the SDK workbench runtime and its database store: fields, views, the Studio
editor's validation (every error names its field) and the LTI 1.3 component it relies on.

Messages are checked in English (``translation.override("en")``): the Vietnamese catalog is the lead's.
"""

import json

import pytest
import webob
from django.utils import translation
from lxml import html as lxml_html

from openedx_vn_xblocks.online_lesson.block import OnlineLessonBlock
from tests.xblocks.online_lesson.blocks import lesson

LIVE_OLX, SELF_PACED_OLX = (xml for _title, xml in OnlineLessonBlock.workbench_scenarios())
LIVE = (
    'display_name="Ôn tập phân số" subject_code="TOAN" lesson_date="16/03/2026" start_time="07:30" '
    'duration="45" periods="1" mode="live" meeting_link="https://meet.google.com/abc-defg-hij"'
)
LTI_13 = (
    '<lti_consumer display_name="Lớp học Zoom" lti_version="lti_1p3" launch_target="new_window" '
    'lti_1p3_launch_url="https://tool.example.vn/launch" lti_1p3_oidc_url="https://tool.example.vn/login" '
    'lti_1p3_tool_key_mode="keyset_url" lti_1p3_tool_keyset_url="https://tool.example.vn/jwks"/>'
)
NO_LINK = LIVE.replace(' meeting_link="https://meet.google.com/abc-defg-hij"', "")


def handle(block, handler, payload):
    request = webob.Request.blank("/", method="POST", body=json.dumps(payload).encode())
    return block.runtime.handle(block, handler, request)


def studio_save(block, values):
    with translation.override("en"):
        response = handle(block, "submit_studio_edits", {"values": values, "defaults": []})
    return response.status_code, json.loads(response.body)


def errors(body):
    return [m["text"] for m in body["error"]["messages"]]


def render(block, view="student_view"):
    with translation.override("en"):
        return lxml_html.fromstring(block.render(view).content)


def text(node, css_class):
    found = node.find_class(css_class)
    return found[0].text_content().strip() if found else None


# ------------------------------------------------------------------------------------------------ fields
@pytest.mark.django_db
def test_workbench_scenarios_set_the_fields():
    from workbench.runtime import WorkbenchRuntime

    runtime = WorkbenchRuntime("author")
    live, self_paced = (
        runtime.get_block(runtime.get_block(runtime.parse_xml_string(xml)).children[0])
        for xml in (LIVE_OLX, SELF_PACED_OLX)
    )
    assert (live.mode, live.form, live.periods, live.duration) == ("live", "supporting", 1, 45)
    assert (live.lesson_date, live.start_time, live.subject_code) == ("16/03/2026", "07:30", "TOAN")
    assert live.meeting_link == "https://meet.google.com/abc-defg-hij"
    assert (self_paced.mode, self_paced.form, self_paced.periods, self_paced.start_time) == (
        "self_paced",
        "replacing",
        2,
        "",
    )


@pytest.mark.django_db
def test_defaults_are_a_live_supporting_lesson_of_one_period():
    block = lesson()
    assert (block.mode, block.form, block.periods, block.duration, block.attended) == (
        "live",
        "supporting",
        1,
        45,
        False,
    )


# ------------------------------------------------------------------------------------------------- views
@pytest.mark.django_db
def test_student_sees_the_lesson_and_the_join_link_but_no_teacher_data(people):
    block = lesson(LIVE, user="hocsinh_1")
    page = render(block)
    assert text(page, "vn-online-title") == "Ôn tập phân số"
    assert (text(page, "vn-online-date"), text(page, "vn-online-time")) == ("16/03/2026", "07:30–08:15")
    assert text(page, "vn-online-periods") == "1 period"
    join = page.find_class("vn-online-join")[0]
    assert (join.tag, join.get("href"), join.text_content()) == (
        "a",
        "https://meet.google.com/abc-defg-hij",
        "Join the class",
    )
    assert join.get("rel") == "noopener noreferrer"
    assert not page.find_class("vn-online-teacher") and "For teachers" not in page.text_content()
    root = page.find_class("vn-online-lesson")[0]
    assert (root.get("data-join"), root.get("data-attend-on-view"), root.get("data-preview")) == (
        "link",
        "false",
        "false",
    )


@pytest.mark.django_db
def test_self_paced_lesson_shows_its_note_and_counts_a_visit(people):
    block = lesson(
        'display_name="Đọc hiểu" lesson_date="18/03/2026" periods="2" duration="90" mode="self_paced" '
        'note="Xem video bài giảng.&#10;Trả lời câu hỏi."',
        user="hocsinh_1",
    )
    page = render(block)
    assert text(page, "vn-online-kind") == "Self-paced online lesson"
    assert text(page, "vn-online-periods") == "2 periods" and text(page, "vn-online-time") is None
    note = page.find_class("vn-online-note")[0]
    assert "Xem video bài giảng." in note.text_content() and note.find("br") is not None
    assert not page.find_class("vn-online-join")
    assert page.find_class("vn-online-lesson")[0].get("data-attend-on-view") == "true"


@pytest.mark.django_db
def test_note_is_text_not_html(people):
    block = lesson('lesson_date="18/03/2026" mode="self_paced" note="&lt;script&gt;alert(1)&lt;/script&gt;"')
    content = block.render("student_view").content
    assert "<script>alert(1)" not in content and "&lt;script&gt;alert(1)" in content


@pytest.mark.django_db
def test_course_staff_see_the_teacher_panel(people):
    page = render(lesson(LIVE, user="giaovien_toan"))
    panel = page.find_class("vn-online-teacher")[0]
    assert "Supporting in-person teaching" in panel.text_content()
    assert "Link this course to a school and classes first" in text(page, "vn-online-warning")


@pytest.mark.django_db
def test_studio_preview_records_nothing_and_shows_the_teacher_panel():
    page = render(lesson(LIVE), "author_view")
    assert page.find_class("vn-online-lesson")[0].get("data-preview") == "true"
    assert page.find_class("vn-online-teacher") and not page.find_class("vn-online-record")


@pytest.mark.django_db
def test_a_live_lesson_without_a_way_in_says_so():
    page = render(lesson(NO_LINK))
    assert not page.find_class("vn-online-join")
    assert "not ready yet" in text(page, "vn-online-missing")


# ------------------------------------------------------------------------------------ Studio validation
@pytest.mark.django_db
def test_studio_save_normalises_what_teachers_type():
    block = lesson(LIVE)
    status, body = studio_save(
        block, {"lesson_date": " 6-3-2026 ", "start_time": "7h30", "subject_code": " toan ", "periods": 2}
    )
    assert status == 200, body
    assert (block.lesson_date, block.start_time, block.subject_code, block.periods) == (
        "06/03/2026",
        "07:30",
        "TOAN",
        2,
    )
    assert body["sessions"] == 0 and "Link this course" in body["message"]  # saved, but counts nowhere yet


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"lesson_date": "31/02/2026"}, "Date: this day does not exist in the calendar"),
        ({"lesson_date": "March 16"}, "Date: write the date as dd/mm/yyyy, e.g. 16/03/2026"),
        ({"start_time": "25:00"}, "Start time: write the time as hh:mm (24 hours), e.g. 07:30"),
        ({"start_time": ""}, "Start time: write the time as hh:mm (24 hours), e.g. 07:30"),
        ({"periods": 0}, "Periods counted: a whole number from 1 to 10"),
        ({"periods": 11}, "Periods counted: a whole number from 1 to 10"),
        ({"duration": 0}, "Duration (minutes): a whole number from 1 to 600"),
        ({"meeting_link": "http://meet.google.com/abc"}, "Meeting link: the link must start with https://"),
        ({"meeting_link": "https://meet google.com"}, "Meeting link: the link contains spaces"),
        ({"meeting_link": "https://localhost/x"}, "Meeting link: this is not a web address"),
        ({"meeting_link": "javascript:alert(1)"}, "Meeting link: the link must start with https://"),
        ({"meeting_link": ""}, "Meeting link: a live lesson needs a meeting link or an LTI tool"),
        ({"mode": "hybrid"}, "Mode: choose live or self-paced"),
        ({"form": "blended"}, "Form: choose supporting or replacing in-person teaching"),
        ({"display_name": "  "}, "Display name: give the lesson a name"),
        ({"lti_tool": "zoom"}, "LTI 1.3 tool: there is no LTI component with this id in the unit"),
    ],
)
def test_studio_refuses_each_wrong_value_naming_its_field(values, expected):
    block = lesson(LIVE)
    status, body = studio_save(block, values)
    assert status == 400
    assert any(message.startswith(expected) for message in errors(body)), errors(body)
    assert block.lesson_date == "16/03/2026" and block.periods == 1  # nothing saved


@pytest.mark.django_db
def test_studio_lists_every_problem_at_once():
    status, body = studio_save(lesson(LIVE), {"lesson_date": "x", "periods": 0, "meeting_link": "ftp://a.b"})
    assert status == 400
    assert [m.split(":")[0] for m in errors(body)] == ["Date", "Periods counted", "Meeting link"]


@pytest.mark.django_db
def test_self_paced_lessons_need_no_time_and_no_link():
    status, body = studio_save(lesson(LIVE), {"mode": "self_paced", "start_time": "", "meeting_link": ""})
    assert status == 200, body


@pytest.mark.django_db
def test_subject_must_be_in_the_curriculum(program):
    status, body = studio_save(lesson(LIVE), {"subject_code": "HOAHOC9"})
    assert status == 400
    assert errors(body) == ["Subject: HOAHOC9 is not a subject of the curriculum (e.g. TOAN, NGUVAN)"]


@pytest.mark.django_db
def test_subject_must_be_taught_in_the_grade_of_the_linked_course(linked):
    status, body = studio_save(lesson(LIVE), {"subject_code": "VATLI"})  # physics: grades 10–12
    assert status == 400 and errors(body) == ["Subject: VATLI is not taught in grade 6"]
    assert studio_save(lesson(LIVE), {"subject_code": "NGUVAN"})[0] == 200


@pytest.mark.django_db
def test_studio_editor_offers_translated_choices():
    with translation.override("en"):
        content = lesson(LIVE).render("studio_view").content
    assert 'data-field-name="lesson_date"' in content and 'data-field-name="lti_tool"' in content
    assert "Replacing in-person teaching" in content and "No LTI tool" in content


# ----------------------------------------------------------------------------- the course link warnings
@pytest.mark.django_db
def test_unit_page_warns_until_the_course_is_linked(school):
    block = lesson(LIVE)
    with translation.override("en"):
        before = block.validate().to_json()["messages"]
    assert [(m["type"], m["text"].split(":")[0]) for m in before] == [
        ("warning", "Link this course to a school and classes first")
    ]
    from openedx_vn.curriculum import api as curriculum_api

    curriculum_api.link_course("course-v1:edX+Demo+2020", "22000101", "2025-2026", 6, "TOAN", ["6A1", "6B9"])
    with translation.override("en"):
        after = block.validate().to_json()["messages"]
    assert len(after) == 1 and after[0]["type"] == "warning"
    assert "school 22000101 for 2025-2026: 6B9." in after[0]["text"]


@pytest.mark.django_db
def test_unit_page_is_quiet_for_a_linked_course_with_known_classes(linked):
    assert lesson(LIVE).validate().to_json()["messages"] == []


@pytest.mark.django_db
def test_validation_in_vietnamese_still_names_the_field():
    with translation.override("vi"):
        response = handle(lesson(LIVE), "submit_studio_edits", {"values": {"periods": 0}, "defaults": []})
        label = lesson(LIVE).i18n.gettext("Periods counted")
    assert response.status_code == 400
    assert errors(json.loads(response.body))[0].startswith(f"{label}: ")


# ------------------------------------------------------------------------------------ LTI 1.3 component
def _tool_ref(block):
    from openedx_vn_xblocks.online_lesson import lti

    (tool,) = lti.tools_in_unit(block)
    return lti.block_ref(tool.scope_ids.usage_id), tool


@pytest.mark.django_db
def test_an_lti_13_component_of_the_unit_is_accepted_and_used_to_join(people):
    block = lesson(NO_LINK, user="hocsinh_1", siblings=LTI_13)
    ref, tool = _tool_ref(block)
    assert studio_save(block, {"lti_tool": ref})[0] == 200 and block.lti_tool == ref
    page = render(block)
    root = page.find_class("vn-online-lesson")[0]
    assert (root.get("data-join"), root.get("data-tool-usage")) == ("lti", str(tool.scope_ids.usage_id))
    join = page.find_class("vn-online-join")[0]
    assert (join.tag, join.text_content()) == ("button", "Join the class")
    assert (
        "tool.example.vn" not in block.render("student_view").content
    )  # the tool's settings stay server-side


@pytest.mark.django_db
def test_studio_offers_the_units_lti_components():
    block = lesson(NO_LINK, siblings=LTI_13)
    ref, _tool = _tool_ref(block)
    assert f'value="{ref}"' in block.render("studio_view").content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('lti_version="lti_1p3"', 'lti_version="lti_1p1"'), "does not use LTI 1.3"),
        (("<lti_consumer ", '<lti_consumer hide_launch="true" '), "hides the external tool"),
        (('lti_1p3_launch_url="https://tool.example.vn/launch"', ""), "LTI 1.3 tool: Launch URL: "),
        (
            ('lti_1p3_oidc_url="https://tool.example.vn/login"', 'lti_1p3_oidc_url="http://x.vn/l"'),
            "(OIDC): the link must",
        ),
        (
            ('lti_1p3_tool_key_mode="keyset_url" ', ""),
            "LTI 1.3 tool: Tool Public Key: the tool's public key is missing",
        ),
    ],
)
def test_a_misconfigured_lti_component_is_refused(change, expected):
    block = lesson(NO_LINK, siblings=LTI_13.replace(*change))
    ref, _tool = _tool_ref(block)
    status, body = studio_save(block, {"lti_tool": ref})
    assert status == 400 and any(expected in m for m in errors(body)), errors(body)
    assert all(m.startswith("LTI 1.3 tool: ") for m in errors(body))


@pytest.mark.django_db
def test_a_database_or_external_lti_configuration_is_taken_as_is():
    block = lesson(NO_LINK, siblings='<lti_consumer lti_version="lti_1p3" config_type="database"/>')
    ref, _tool = _tool_ref(block)
    assert studio_save(block, {"lti_tool": ref})[0] == 200


@pytest.mark.django_db
def test_link_and_lti_tool_are_exclusive():
    block = lesson(LIVE, siblings=LTI_13)
    ref, _tool = _tool_ref(block)
    status, body = studio_save(block, {"lti_tool": ref})
    assert status == 400
    assert errors(body) == ["LTI 1.3 tool: choose either a meeting link or an LTI tool, not both"]


@pytest.mark.django_db
def test_a_removed_lti_component_leaves_no_join_button_and_an_error_on_the_unit_page():
    block = lesson(NO_LINK, siblings=LTI_13)
    block.lti_tool = "gone.lti_consumer.d9.u0"
    assert not render(block).find_class("vn-online-join")
    with translation.override("en"):
        messages = block.validate().to_json()["messages"]
    assert any(m["type"] == "error" and m["text"].startswith("LTI 1.3 tool: there is no") for m in messages)
