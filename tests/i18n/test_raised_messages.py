"""Messages raised from our code reach users (a 404's or 400's ``detail``, a refusal page): each must be a
gettext call, never a plain string or f-string. An AST scan over the apps and the blocks.

Exceptions that never reach a user (programming errors, internal control flow) are allowed by name. Hits
not yet translated are listed per file in ``PENDING`` (a ratchet): a file may not gain one, and the list
must shrink as they are fixed.
"""

import ast
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ROOTS = (REPO / "plugins/openedx_vn", REPO / "xblocks")

INTERNAL = {  # never shown to a user: a bug, a misconfiguration or control flow
    "AssertionError",
    "ImproperlyConfigured",
    "KeyError",
    "NotImplementedError",
    "RuntimeError",
    "TypeError",
    "ValueError",
    "AppendOnly",  # the audit models' guard against code that edits or deletes entries
    "RunSuperseded",  # an import run that lost its job to a newer run stops quietly
    "InvalidResponse",  # carries a code ("choose", "judge", "write"); the block words the message
    "CommandError",  # operators' command line, not the web
    "LinkExpired",  # core.exports: the download view words its own refusal
    "LinkRefused",
}

# Untranslated raises left to fix, per file (relative path -> count). None is left: a new raise is translated,
# never listed here.
PENDING: dict[str, int] = {}


def _name(func):
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _is_plain_text(node):
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.BinOp):  # "a" + "b", "%s" % x
        return _is_plain_text(node.left)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _is_plain_text(node.func.value)  # "No {x}".format(x=x), without gettext
    return False


def untranslated_raises(source):
    """(line, exception name) of each ``raise X("text")`` whose message is not a gettext call."""
    hits = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        name = _name(node.exc.func)
        if name is None or name in INTERNAL:
            continue
        messages = list(node.exc.args[:1]) + [kw.value for kw in node.exc.keywords if kw.arg == "detail"]
        if any(_is_plain_text(message) for message in messages):
            hits.append((node.lineno, name))
    return hits


def _scan():
    found = {}
    for root in ROOTS:
        for path in sorted(root.rglob("*.py")):
            if "migrations" in path.parts or "tests" in path.parts:
                continue
            hits = untranslated_raises(path.read_text(encoding="utf-8"))
            if hits:
                found[str(path.relative_to(REPO))] = hits
    return found


def test_the_scan_tells_a_plain_message_from_a_gettext_call():
    source = """
raise SchoolNotFound(f"No school {code!r}")
raise NotAllowed("Only officers")
raise ValidationError("{x} wrong".format(x=1))
raise Http404(detail="gone")
raise SchoolNotFound(_("No school {code}").format(code=code))
raise NotAllowed(gettext_lazy("Only officers"))
raise ValueError("a bug")
raise SchoolNotFound(message)
raise
"""
    assert [name for _line, name in untranslated_raises(source)] == [
        "SchoolNotFound",
        "NotAllowed",
        "ValidationError",
        "Http404",
    ]


def test_messages_raised_from_our_code_are_translated():
    found = _scan()
    counts = Counter({path: len(hits) for path, hits in found.items()})
    new = {
        path: [f"line {line}: {name}" for line, name in found[path]]
        for path in counts
        if counts[path] > PENDING.get(path, 0)
    }
    assert not new, (
        f"user-facing messages raised as plain text (wrap them in gettext and translate them): {new}"
    )
    fixed = {path: (allowed, counts[path]) for path, allowed in PENDING.items() if counts[path] < allowed}
    assert not fixed, f"fewer untranslated raises than PENDING says: lower PENDING to match {fixed}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [("vi", "Không có ngân hàng câu hỏi {uuid}"), ("en", "No question bank {uuid}")],
)
def test_a_raised_message_is_translated_when_the_response_is_made(
    client, django_user_model, language, expected
):
    # The same refusal in the language of each request: messages are translated per request, not at import.
    staff = django_user_model.objects.create_user("nhanvien", is_staff=True)
    client.force_login(staff)
    missing = "00000000-0000-0000-0000-000000000000"
    response = client.get(f"/vn/qbank/api/v1/banks/{missing}/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    assert response.json()["detail"] == expected.format(uuid=missing)
