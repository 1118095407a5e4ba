"""/api/docs/ documents every endpoint: the OpenAPI schema is generated as `manage.py spectacular --validate
--fail-on-warn` does, and any warning or error of drf-spectacular (a serializer it cannot guess, two
components with one name, two operations with one id) fails the test with drf-spectacular's own message."""

import contextlib
import io

import pytest
import yaml
from django.core.management import CommandError, call_command
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import EndpointEnumerator

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    """The schema the dev host serves at /api/schema/, generated with warnings counted; fails on any."""
    target = tmp_path_factory.mktemp("schema") / "schema.yaml"
    errors = io.StringIO()
    GENERATOR_STATS.reset()  # counts left by other tests that read /api/schema/
    try:
        with contextlib.redirect_stderr(errors):  # where drf-spectacular prints each warning
            call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    except CommandError as exc:  # SchemaGenerationError: a warning, an error, or an invalid schema
        pytest.fail(f"drf-spectacular: {exc}\n{errors.getvalue()}")
    finally:
        GENERATOR_STATS.reset()
    return yaml.safe_load(target.read_text())


def operations(schema):
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def test_the_schema_is_generated_without_a_warning_and_is_valid_openapi(schema):
    assert schema["openapi"].startswith("3.") and schema["info"]["title"] == "openedx-vn API"
    ids = [operation["operationId"] for _path, _method, operation in operations(schema)]
    assert len(ids) == len(set(ids))  # no id left to numeral suffixes


def test_every_rest_endpoint_of_our_apps_is_in_the_schema(schema):
    routes = {path for path, _pattern, _method, _view in EndpointEnumerator().get_api_endpoints()}
    ours = {path for path in routes if path.startswith("/vn/")}
    assert len(ours) > 40 and ours <= set(schema["paths"])


def test_every_answer_with_a_body_says_what_the_body_is(schema):
    """A 2xx answer without a schema is an endpoint drf-spectacular could not read (only 204 has no body)."""
    blank = [
        f"{method.upper()} {path} → {code}"
        for path, method, operation in operations(schema)
        for code, response in operation["responses"].items()
        if code.startswith("2") and code != "204" and "content" not in response
    ]
    assert blank == []


def _response_schema(schema, path, method, code):
    body = schema["paths"][path][method]["responses"][code]["content"]["application/json"]["schema"]
    ref = body.get("$ref", "")
    return schema["components"]["schemas"][ref.rsplit("/", 1)[-1]] if ref else body


def test_the_course_link_and_the_topics_import_say_what_they_answer(schema):
    link = "/vn/curriculum/api/v1/courses/{course_key}/link/"
    assert set(_response_schema(schema, link, "put", "200")["properties"]) >= {
        "course_key",
        "school_code",
        "class_names",
        "version_key",
    }
    assert "400" in schema["paths"][link]["put"]["responses"]
    imported = "/vn/curriculum/api/v1/topics/import/"
    assert set(_response_schema(schema, imported, "post", "200")["properties"]) == {
        "replaced",
        "unchanged",
        "nodes",
    }
    problems = _response_schema(schema, imported, "post", "400")
    assert {"detail", "problems"} <= set(problems["properties"])


def test_imports_of_different_apps_have_different_components(schema):
    components = schema["components"]["schemas"]
    sessions = schema["paths"]["/vn/teaching/api/v1/sessions/import/"]["post"]
    body = sessions["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert "dry_run" in components[body]["properties"]
    bank = schema["paths"]["/vn/qbank/api/v1/banks/{bank_uuid}/import/"]["post"]
    bank_body = bank["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert body != bank_body
