"""The LTI 1.3 tool of a lesson: an ``lti_consumer`` component (lti-consumer-xblock) in the same unit.

We never launch LTI ourselves. The author adds lti-consumer-xblock's own component beside the lesson and picks
it in the lesson's settings; the LMS renders that component, which does the whole LTI 1.3 launch (OIDC login,
signed message, PII consent, grades). This module only finds that sibling and reads the XBlock fields it
exports in OLX (``lti_version``, ``config_type``, ``lti_1p3_*``, ``launch_target``, ``hide_launch``): no
import of the package, no use of its models or of edx-platform, so a new release of lti-consumer-xblock can
only break the checks below, never the launch.
"""

from openedx_vn_xblocks.online_lesson.schedule import Invalid, check_link

LTI_BLOCK_TYPE = "lti_consumer"


def _(text):
    """Mark a string for extraction; the block translates it through the i18n service."""
    return text


def block_ref(usage_id):
    """How the lesson names a sibling: its block id in a course (the OLX url_name); the whole id elsewhere."""
    return getattr(usage_id, "block_id", None) or str(usage_id)


def tools_in_unit(block):
    """The ``lti_consumer`` components of the unit holding ``block`` (none when it has no parent)."""
    parent = block.get_parent()
    if parent is None:
        return []
    found = []
    for child_id in parent.children:
        child = block.runtime.get_block(child_id)
        if child.scope_ids.block_type == LTI_BLOCK_TYPE:
            found.append(child)
    return found


def find_tool(block, ref):
    """The ``lti_consumer`` sibling named ``ref``, or None."""
    if not ref:
        return None
    return next((tool for tool in tools_in_unit(block) if block_ref(tool.scope_ids.usage_id) == ref), None)


def _https(value, what):
    try:
        check_link((value or "").strip())
    except Invalid as exc:
        return [(what, str(exc))]
    return []


def problems(tool):
    """What keeps this ``lti_consumer`` component from launching an LTI 1.3 tool for students.

    A list of (what, problem) source texts, empty when it looks launchable. A configuration kept in the
    LMS's database or given by an external reusable configuration cannot be read from here: accepted as is.
    """
    if tool is None:
        return [("", _("there is no LTI component with this id in the unit: add one and choose it here"))]
    found = []
    if getattr(tool, "lti_version", None) != "lti_1p3":
        found.append(("", _("the LTI component does not use LTI 1.3: choose LTI 1.3 in its settings")))
    if getattr(tool, "hide_launch", False):
        found.append(("", _("the LTI component hides the external tool: students could not join")))
    if getattr(tool, "config_type", "new") == "new" and not found:
        found += _https(tool.lti_1p3_launch_url, _("Launch URL"))
        found += _https(tool.lti_1p3_oidc_url, _("Tool Initiate Login URL (OIDC)"))
        if tool.lti_1p3_tool_key_mode == "keyset_url":
            found += _https(tool.lti_1p3_tool_keyset_url, _("Tool Keyset URL"))
        elif not (tool.lti_1p3_tool_public_key or "").strip():
            found.append((_("Tool Public Key"), _("the tool's public key is missing")))
    return found


def choices(block):
    """The Studio editor's drop-down: no tool, or one of the unit's LTI components."""
    return [(block_ref(tool.scope_ids.usage_id), tool.display_name) for tool in tools_in_unit(block)]
