"""Export questions to Open edX OLX: a content-library archive Studio imports, one component per question.

CAPA where it grades as Vietnamese tests do: multiplechoiceresponse (one right option) and stringresponse
(text short answer). Our ``vn_question`` block where it does not: đúng/sai statements (partial credit by the
exam table) and numeric short answers (decimal comma: CAPA's numericalresponse reads "-1,5" as an error).
Essays are left out with a note (CAPA cannot grade them; ORA2 is the platform's way).
"""

import hashlib

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
    return None, f"{version.type}: not exported (grade essays with ORA2)"


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


def library_archive(versions, org, code, display_name):
    """``(tar.gz bytes, notes)``: a library (``library/library.xml`` + one file per component) for Studio."""
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
        element.set("url_name", name)
        files[f"library/{tag}/{name}.xml"] = etree.tostring(element, encoding="utf-8")
        etree.SubElement(library, tag, {"url_name": name})
    files["library/library.xml"] = etree.tostring(library, encoding="utf-8")
    files["library/policies/assets.json"] = b"{}"
    return tar_gz(files), notes
