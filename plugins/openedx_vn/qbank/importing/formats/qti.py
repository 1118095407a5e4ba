"""QTI 2.1 / 2.2 / 3.0 items (<assessmentItem>, <qti-assessment-item>): one interaction per item, mapped onto
the Vietnamese types; a content package (.zip with imsmanifest.xml) is read by ``qti_package``.

choiceInteraction with one right choice → multiple choice; textEntryInteraction → short answer (by value for
float/integer, by text otherwise); extendedTextInteraction → essay. Other interactions are refused by name and
line. QTI 3.0 names ("qti-choice-interaction", "response-identifier") are read as their 2.x equivalents.
Images referred to by a relative path are not in a single item file: they are left out, with a note; in a
package they come along as data: URIs.
"""

import re

from django.utils.translation import gettext as _
from lxml import etree

from openedx_vn.qbank.importing.drafts import Draft, ImportProblem, Place

SUPPORTED = {"choiceInteraction", "textEntryInteraction", "extendedTextInteraction"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


def _local(element):
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _html(element, skip=()):
    """The element's content as HTML without namespaces (``skip``: children to leave out)."""
    parts = [element.text or ""]
    for child in element:
        if child in skip or not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        copy = etree.fromstring(etree.tostring(child, with_tail=False))  # noqa: S320 - our own serialisation
        for node in copy.iter():
            if isinstance(node.tag, str):
                node.tag = etree.QName(node).localname
        etree.cleanup_namespaces(copy)
        copy.tail = None
        parts.append(etree.tostring(copy, encoding="unicode", with_tail=False) + (child.tail or ""))
    return "".join(parts).strip()


def read(content, filename, image=None):
    """Return ``(drafts, problems)`` for one QTI item file, or a content package (a .zip).

    ``image(src) -> (data URI or None, problem or None)`` brings a package's pictures along.
    """
    if content[:4] == b"PK\x03\x04":
        from openedx_vn.qbank.importing.formats import qti_package  # noqa: PLC0415

        return qti_package.read(content, filename)
    try:
        root = etree.fromstring(content, _PARSER)  # noqa: S320 - entities and network off
    except etree.XMLSyntaxError as exc:
        message = _("not well-formed XML: %(error)s") % {"error": exc.msg}
        return [], [ImportProblem(Place(filename, exc.lineno), message)]
    if _local(root).startswith("qti-") or "v3" in (etree.QName(root).namespace or ""):
        _as_version_2(root)
    if _local(root) != "assessmentItem":
        message = _("<%(tag)s>: not a QTI item") % {"tag": _local(root)}
        return [], [ImportProblem(Place(filename, root.sourceline), message)]
    place = Place(filename, root.sourceline, 1)
    body = next((e for e in root.iter() if _local(e) == "itemBody"), None)
    interactions = [e for e in (body.iter() if body is not None else []) if _local(e).endswith("Interaction")]
    if len(interactions) != 1:
        message = _("%(count)s interactions: one question per item is read") % {"count": len(interactions)}
        return [], [ImportProblem(place, message)]
    (interaction,) = interactions
    name = _local(interaction)
    if name not in SUPPORTED or any(_local(e) == "templateDeclaration" for e in root):
        reason = _("templated items") if name in SUPPORTED else name
        line = Place(filename, interaction.sourceline, 1)
        message = _("%(kind)s: not a question type of Vietnamese tests (not imported)") % {"kind": reason}
        return [], [ImportProblem(line, message)]
    problems = _images(body, filename, image)
    try:
        kind, body_json = _interaction(root, interaction, name)
    except ValueError as exc:
        return [], [*problems, ImportProblem(Place(filename, interaction.sourceline, 1), str(exc))]
    prompt = next((e for e in interaction if _local(e) == "prompt"), None)
    stem = _html(body, skip={_container(body, interaction)})
    if prompt is not None:
        stem = f"{stem}\n{_html(prompt)}".strip()
    draft = Draft(kind, stem, body_json, place, title=root.get("title", ""))
    return [draft], problems


def _images(body, filename, image):
    """Pictures of the item: from the package as data: URIs, else left out with a note (single item file)."""
    problems = []
    for element in [
        e for e in body.iter() if _local(e) == "img" and not e.get("src", "").startswith("data:")
    ]:
        place = Place(filename, element.sourceline, 1)
        if image is None:
            message = _("image %(src)s is not inside the file: left out") % {"src": repr(element.get("src"))}
            problems.append(ImportProblem(place, message, blocking=False))
            continue
        source, problem = image(element.get("src", ""))
        if problem:
            problems.append(ImportProblem(place, problem))
        else:
            element.set("src", source)
    return problems


_KEBAB = re.compile(r"-([a-z])")


def _as_version_2(root):
    """QTI 3.0 names as QTI 2.x ones: <qti-choice-interaction response-identifier> → <choiceInteraction
    responseIdentifier>; the two versions share this subset's structure."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element)
        if name.localname.startswith("qti-"):
            local = _KEBAB.sub(lambda match: match[1].upper(), name.localname.removeprefix("qti-"))
            element.tag = etree.QName(name.namespace, local).text if name.namespace else local
        for attribute in [a for a in element.attrib if "-" in a and not a.startswith(("data-", "{"))]:
            element.set(_KEBAB.sub(lambda match: match[1].upper(), attribute), element.attrib.pop(attribute))


def _container(body, interaction):
    """The child of itemBody holding the interaction (a block interaction is itself that child)."""
    node = interaction
    while node.getparent() is not None and node.getparent() is not body:
        node = node.getparent()
    return node


def _correct(root, identifier):
    for declaration in root:
        if _local(declaration) == "responseDeclaration" and declaration.get("identifier") == identifier:
            values = [v.text.strip() for v in declaration.iter() if _local(v) == "value" and v.text]
            return declaration, values
    return None, []


def _interaction(root, interaction, name):
    declaration, right = _correct(root, interaction.get("responseIdentifier"))
    if name == "choiceInteraction":
        if interaction.get("maxChoices", "1") != "1" or len(right) != 1:
            raise ValueError(_("several right choices (multiple response): not a Vietnamese test type"))
        choices = [e for e in interaction if _local(e) == "simpleChoice"]
        return "multiple_choice", {
            "choices": [{"text": _html(c), "correct": c.get("identifier") == right[0]} for c in choices]
        }
    if name == "textEntryInteraction":
        if not right:
            raise ValueError(_("no correctResponse for the text entry"))
        if declaration is not None and declaration.get("baseType") in ("float", "integer"):
            return "short_answer", {"kind": "numeric", "value": right[0], "tolerance": "0"}
        return "short_answer", {"kind": "text", "answers": right}
    return "essay", {"rubric": []}
