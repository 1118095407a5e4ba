"""QTI 2.1 / 2.2 items (<assessmentItem>): one interaction per item, mapped onto the Vietnamese types.

choiceInteraction with one right choice → multiple choice; textEntryInteraction → short answer (by value for
float/integer, by text otherwise); extendedTextInteraction → essay. Other interactions are refused by name and
line. Images referred to by a relative path are not in a single item file: they are left out, with a note.
"""

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


def read(content, filename):
    """Return ``(drafts, problems)`` for one QTI 2.x item file."""
    try:
        root = etree.fromstring(content, _PARSER)  # noqa: S320 - entities and network off
    except etree.XMLSyntaxError as exc:
        return [], [ImportProblem(Place(filename, exc.lineno), f"not well-formed XML: {exc.msg}")]
    version3 = _local(root).startswith("qti-") or "v3" in (etree.QName(root).namespace or "")
    if _local(root) != "assessmentItem" or version3:
        message = "QTI 3.0 items are not read yet" if version3 else "not a QTI 2.x item"
        return [], [ImportProblem(Place(filename, root.sourceline), f"<{_local(root)}>: {message}")]
    place = Place(filename, root.sourceline, 1)
    body = next((e for e in root.iter() if _local(e) == "itemBody"), None)
    interactions = [e for e in (body.iter() if body is not None else []) if _local(e).endswith("Interaction")]
    if len(interactions) != 1:
        return [], [ImportProblem(place, f"{len(interactions)} interactions: one question per item is read")]
    (interaction,) = interactions
    name = _local(interaction)
    if name not in SUPPORTED or any(_local(e) == "templateDeclaration" for e in root):
        reason = "templated items" if name in SUPPORTED else name
        line = Place(filename, interaction.sourceline, 1)
        return [], [ImportProblem(line, f"{reason}: not a question type of Vietnamese tests (not imported)")]
    try:
        kind, body_json = _interaction(root, interaction, name)
    except ValueError as exc:
        return [], [ImportProblem(Place(filename, interaction.sourceline, 1), str(exc))]
    prompt = next((e for e in interaction if _local(e) == "prompt"), None)
    stem = _html(body, skip={_container(body, interaction)})
    if prompt is not None:
        stem = f"{stem}\n{_html(prompt)}".strip()
    draft = Draft(kind, stem, body_json, place, title=root.get("title", ""))
    problems = []
    for image in (e for e in body.iter() if _local(e) == "img" and not e.get("src", "").startswith("data:")):
        message = f"image {image.get('src')!r} is not inside the file: left out"
        problems.append(ImportProblem(Place(filename, image.sourceline, 1), message, blocking=False))
    return [draft], problems


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
            raise ValueError("several right choices (multiple response): not a Vietnamese test type")
        choices = [e for e in interaction if _local(e) == "simpleChoice"]
        return "multiple_choice", {
            "choices": [{"text": _html(c), "correct": c.get("identifier") == right[0]} for c in choices]
        }
    if name == "textEntryInteraction":
        if not right:
            raise ValueError("no correctResponse for the text entry")
        if declaration is not None and declaration.get("baseType") in ("float", "integer"):
            return "short_answer", {"kind": "numeric", "value": right[0], "tolerance": "0"}
        return "short_answer", {"kind": "text", "answers": right}
    return "essay", {"rubric": []}
