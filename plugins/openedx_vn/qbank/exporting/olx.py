"""Export questions to Open edX OLX for Studio: a content library or one course unit, a component a question.

CAPA where it grades as Vietnamese tests do: multiplechoiceresponse (one right option) and stringresponse
(text short answer). Our ``vn_question`` block where it does not: đúng/sai statements (partial credit by the
exam table) and numeric short answers (decimal comma: CAPA's numericalresponse reads "-1,5" as an error).
Essays are left out with a note (CAPA cannot grade them; ORA2 is the platform's way).

CAPA problems are pointer tags (``<problem url_name="…"/>``) with their definition in
``problem/<url_name>.xml``, as Studio's exports write them. ``vn_question`` is a pure XBlock: Open edX's OLX
import hands it the node as written in its parent (pointer tags are resolved only for blocks built on the
platform's ``XmlMixin``; see xblocks-contrib ADR 0002), so it is written inline, with its content, in
``library.xml`` or the unit's ``vertical``, the way the platform exports pure XBlocks
(``xblock-family="xblock.v1"``).

Two archives: ``library_archive`` (a content library, for Studio's library import) and ``unit_archive`` (one
unit — a ``vertical`` — holding chosen questions, wrapped in a one-unit course so that Studio's course import
takes it: import it into a new, empty course run, then copy the unit into your course with Studio's
clipboard). What is verified here: the OLX parses, every pointer has its file, the layout follows the official
test course and library (shared/testdata/openedx-test-course), and each ``vn_question`` loads in the XBlock
runtime. An import into a running Studio has not been tried.
"""

import hashlib
import json

from django.utils.translation import gettext as _
from lxml import etree
from lxml import html as lxml_html

from openedx_vn.core.archives import tar_gz
from openedx_vn.qbank.olx import QuestionContent, write_question


def url_name(question_uuid):
    return hashlib.sha1(str(question_uuid).encode(), usedforsecurity=False).hexdigest()[:32]


def component(version):
    """``(tag, element)`` for one question version, or ``(None, reason)`` when it cannot be exported."""
    if version.type == "multiple_choice":
        return "problem", _capa_choice(version)
    if version.type == "short_answer" and version.body.get("kind") == "text":
        return "problem", _capa_string(version)
    if version.type in ("true_false_cluster", "short_answer"):
        return "vn_question", _vn_question(version)
    return None, _("%(type)s: not exported (grade essays with ORA2)") % {"type": version.type}


def _html(parent, tag, html, **attributes):
    """A child element holding our (already sanitised) HTML, re-serialised as XML (``<br>`` → ``<br/>``)."""
    element = lxml_html.fragment_fromstring(html or "", create_parent=tag)
    element.attrib.update(attributes)
    parent.append(element)
    return element


def _problem(version):
    return etree.Element(
        "problem",
        {"display_name": version.title or "Câu hỏi", "weight": f"{version.points:g}", "max_attempts": "1"},
    )


def _solution(response, version):
    if version.explanation:
        solution = etree.SubElement(response, "solution")
        detailed = etree.SubElement(solution, "div", {"class": "detailed-solution"})
        etree.SubElement(detailed, "p").text = "Lời giải"
        _html(detailed, "p", version.explanation)


def _capa_choice(version):
    problem = _problem(version)
    response = etree.SubElement(problem, "multiplechoiceresponse")
    _html(response, "label", version.stem)
    group = etree.SubElement(response, "choicegroup", {"type": "MultipleChoice"})
    for choice in version.body["choices"]:
        _html(group, "choice", choice["text"], correct=str(choice["correct"]).lower())
    _solution(response, version)
    return problem


def _capa_string(version):
    problem = _problem(version)
    first, *others = version.body["answers"]
    response = etree.SubElement(problem, "stringresponse", {"answer": first, "type": "ci"})
    _html(response, "label", version.stem)
    for answer in others:
        etree.SubElement(response, "additional_answer", {"answer": answer})
    etree.SubElement(response, "textline", {"size": "20"})
    _solution(response, version)
    return problem


def _vn_question(version):
    node = etree.Element(
        "vn_question", {"display_name": version.title or "Câu hỏi", "weight": f"{version.points:g}"}
    )
    content = QuestionContent(version.type, version.stem, version.body, version.explanation)
    write_question(node, content, etree.SubElement)
    return node


def _inline(element, name):
    """A pure XBlock written inline in its parent, as the platform exports one."""
    element.set("url_name", name)
    element.set("xblock-family", "xblock.v1")
    return element


def library_archive(versions, org, code, display_name):
    """``(tar.gz bytes, notes)``: a library (``library/library.xml``, a file per CAPA problem) for Studio."""
    library = etree.Element(
        "library",
        {
            "url_name": "library",
            "xblock-family": "xblock.v1",
            "display_name": display_name,
            "org": org,
            "library": code,
        },
    )
    files, notes = {}, []
    for version in versions:
        tag, element = component(version)
        if tag is None:
            notes.append(f"{version.title or version.question.uuid}: {element}")
            continue
        name = url_name(version.question.uuid)
        if tag == "vn_question":
            library.append(_inline(element, name))
            continue
        element.set("url_name", name)
        files[f"library/{tag}/{name}.xml"] = etree.tostring(element, encoding="utf-8")
        etree.SubElement(library, tag, {"url_name": name})
    files["library/library.xml"] = etree.tostring(library, encoding="utf-8")
    files["library/policies/assets.json"] = b"{}"
    return tar_gz(files), notes


def unit_files(versions, display_name):
    """``(unit url_name, {path: bytes}, notes)``: a ``vertical`` and its problems, as in a course export.

    Paths are relative to the course folder: ``vertical/<unit>.xml`` (CAPA pointers and inline ``vn_question``
    blocks, in the order given) and ``problem/<url_name>.xml``.
    """
    keys = ",".join(str(version.question.uuid) for version in versions)
    unit = url_name(f"unit:{keys}")
    vertical = etree.Element("vertical", {"display_name": display_name})
    files, notes = {}, []
    for version in versions:
        tag, element = component(version)
        if tag is None:
            notes.append(f"{version.title or version.question.uuid}: {element}")
            continue
        name = url_name(version.question.uuid)
        if tag == "vn_question":
            vertical.append(_inline(element, name))
            continue
        files[f"{tag}/{name}.xml"] = etree.tostring(element, encoding="utf-8")
        etree.SubElement(vertical, tag, {"url_name": name})
    files[f"vertical/{unit}.xml"] = etree.tostring(vertical, encoding="utf-8")
    return unit, files, notes


def unit_archive(versions, display_name, org="VN", number="QBANK", run="unit"):
    """``(tar.gz bytes, notes)``: one unit of the chosen questions, in a one-unit course Studio imports.

    ``course.xml`` → ``course/<run>.xml`` → chapter → sequential → the unit; the course policy lists
    ``vn_question`` among its advanced modules.
    """
    unit, files, notes = unit_files(versions, display_name)
    chapter, sequential = url_name(f"chapter:{unit}"), url_name(f"sequential:{unit}")

    def xml(tag, attributes, child=None):
        element = etree.Element(tag, attributes)
        if child:
            etree.SubElement(element, child[0], {"url_name": child[1]})
        return etree.tostring(element, encoding="utf-8")

    files[f"sequential/{sequential}.xml"] = xml(
        "sequential", {"display_name": display_name}, ("vertical", unit)
    )
    files[f"chapter/{chapter}.xml"] = xml(
        "chapter", {"display_name": display_name}, ("sequential", sequential)
    )
    files["course.xml"] = xml("course", {"url_name": run, "org": org, "course": number})
    files[f"course/{run}.xml"] = xml(
        "course", {"display_name": display_name, "language": "vi"}, ("chapter", chapter)
    )
    policy = {
        f"course/{run}": {"display_name": display_name, "language": "vi", "advanced_modules": ["vn_question"]}
    }
    files[f"policies/{run}/policy.json"] = json.dumps(policy, ensure_ascii=False, indent=2).encode()
    files[f"policies/{run}/grading_policy.json"] = json.dumps(
        {"GRADER": [], "GRADE_CUTOFFS": {"Pass": 0.5}}
    ).encode()
    files["policies/assets.json"] = b"{}"
    return tar_gz({f"course/{path}": content for path, content in files.items()}), notes
