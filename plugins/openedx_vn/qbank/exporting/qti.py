"""Export questions as a QTI 2.1 content package: a zip of ``imsmanifest.xml`` and one item file per question.

Each item has one interaction, a ``SCORE`` (0 to the question's points, ``MAXSCORE``) set by its own
response processing, and the explanation (lời giải) as a ``modalFeedback`` shown after the response
(``FEEDBACK`` always holds ``SOLUTION``; for multiple choice also the chosen option, for its feedback).

| bank type | QTI 2.1 |
|---|---|
| multiple choice | ``choiceInteraction`` (maxChoices 1), options A, B, C, D |
| đúng/sai cluster | one ``matchInteraction``: statements a)–d) × {Đúng, Sai}, each statement in one
  pair; the count of right statements (``mapResponse``) is turned into the national-exam scale (0,1 / 0,25 /
  0,5 / 1 for 4 statements, the share of right statements otherwise) by ``responseCondition``s |
| short answer, numeric | ``textEntryInteraction``, baseType float, ``equal`` with an absolute tolerance |
| short answer, text | ``textEntryInteraction``, baseType string; every accepted answer in the ``mapping``
  (case-insensitive), the first one as ``correctResponse`` |
| essay | ``extendedTextInteraction`` (scored by a person) |

Why one matchInteraction and not four choiceInteractions for đúng/sai: it is one response, so the
non-linear scale can be computed from it, and players (TAO, Canvas) draw it as the statement × Đúng/Sai grid
teachers know. A numeric answer is a QTI float: players expect a decimal point ("-1.5"), not the comma.

Texts are our sanitised HTML mapped onto QTI's XHTML subset (``u`` and ``s`` have no QTI element: they become
``span class="underline"``/``"line-through"``; every ``img`` gets an ``alt``). A stem without block elements
goes into the interaction's ``prompt``; otherwise into a ``div`` before it. Images from our storage are put in
the package beside the items; ``data:`` images stay inline.
"""

import hashlib
import io
import re
import zipfile
from decimal import Decimal

from django.utils.translation import gettext as _
from lxml import etree
from lxml import html as lxml_html

from openedx_vn.qbank.exporting import images
from openedx_vn.qbank.scoring import rules

NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
ITEM_TYPE = "imsqti_item_xmlv2p1"

# QTI 2.1's XHTML subset (the elements our sanitiser lets through, minus u and s) and their attributes.
INLINE = {"span", "b", "strong", "i", "em", "sub", "sup", "code", "a", "img", "br"}
BLOCK = {"p", "div", "ul", "ol", "li", "table", "thead", "tbody", "tr", "td", "th", "pre", "blockquote", "hr"}
BLOCK |= {"h3", "h4", "h5", "h6"}
ATTRIBUTES = {"img": {"src", "alt", "width", "height"}, "a": {"href"}, "td": {"colspan", "rowspan"}}
ATTRIBUTES["th"] = ATTRIBUTES["td"]
RENAMED = {"u": ("span", "underline"), "s": ("span", "line-through")}
_DIMENSION = re.compile(r"^\d+%?$")


def q(tag):
    return f"{{{NS}}}{tag}"


def _sub(parent, tag, attributes=None, text=None):
    element = etree.SubElement(parent, q(tag), attributes or {})
    if text is not None:
        element.text = text
    return element


def _number(value):
    """A decimal as QTI writes a float: "0.5", "1", "2.25"."""
    text = format(Decimal(str(value)).normalize(), "f")
    return text


def identifier(version):
    return f"q-{version.question.uuid}"


# ------------------------------------------------------------------- content
class _Assets:
    """Pictures from our storage, put beside the items (``items/images/``) once each."""

    def __init__(self):
        self.files, self.notes = {}, []

    def source(self, src, where):
        if src.startswith("data:") or not images.storage_name(src):
            return src
        found = images.picture(src)
        if found is None:
            message = _("%(where)s: image %(src)s not found in storage: left as a link")
            self.notes.append(message % {"where": where, "src": repr(src)})
            return src
        content, mime = found
        name = hashlib.sha1(content, usedforsecurity=False).hexdigest()[:20] + images.extension(mime)
        self.files[f"items/images/{name}"] = content
        return f"images/{name}"


def _fragment(html):
    root = lxml_html.fragment_fromstring(html or "", create_parent="div")
    for table in root.iter("table"):  # QTI's table needs its rows in a tbody (HTML lets it be implied)
        rows = [child for child in table if child.tag == "tr"]
        if rows:
            body = etree.Element("tbody")
            rows[0].addprevious(body)
            body.extend(rows)
    return root


def _is_inline(html):
    nodes = [node for node in _fragment(html).iterdescendants() if isinstance(node.tag, str)]
    return all(node.tag in INLINE or node.tag in RENAMED for node in nodes)


def _copy(source, target, assets, where):
    """Append ``source``'s text and children to the QTI element ``target``, mapped onto QTI's XHTML."""
    if source.text:
        _append_text(target, source.text)
    for child in source:
        if not isinstance(child.tag, str):  # comments, processing instructions
            if child.tail:
                _append_text(target, child.tail)
            continue
        tag, css = RENAMED.get(child.tag, (child.tag, None))
        if tag not in INLINE | BLOCK or (tag == "a" and not child.get("href")):  # QTI's a needs an href
            tag = "span"
        element = _sub(target, tag)
        for name in ATTRIBUTES.get(tag, ()):
            value = child.get(name)
            if value is not None and (name not in ("width", "height") or _DIMENSION.match(value)):
                element.set(name, value)
        if css:
            element.set("class", css)
        if tag == "img":
            element.set("alt", child.get("alt", ""))
            element.set("src", assets.source(child.get("src", ""), where))
        _copy(child, element, assets, where)
        element.tail = child.tail


def _append_text(target, text):
    if len(target):
        target[-1].tail = (target[-1].tail or "") + text
    else:
        target.text = (target.text or "") + text


def _html_into(target, html, assets, where):
    _copy(_fragment(html), target, assets, where)
    return target


# --------------------------------------------------------------------- items
def _item(version, assets):
    where = version.title or str(version.question.uuid)
    root = etree.Element(
        q("assessmentItem"),
        {
            f"{{{XSI}}}schemaLocation": f"{NS} {QTI_XSD}",
            "identifier": identifier(version),
            "title": version.title or where,
            "adaptive": "false",
            "timeDependent": "false",
            f"{{{XML_NS}}}lang": "vi",
        },
        nsmap={None: NS, "xsi": XSI},
    )
    writer = _WRITERS[(version.type, version.body.get("kind"))]
    declaration = _sub(root, "responseDeclaration", {"identifier": "RESPONSE"})
    points = _number(version.points)
    for name, cardinality, default in (("SCORE", "single", "0"), ("MAXSCORE", "single", points)):
        outcome = _sub(root, "outcomeDeclaration", {"identifier": name, "cardinality": cardinality})
        outcome.set("baseType", "float")
        _sub(_sub(outcome, "defaultValue"), "value", text=default)
    extra = writer.declare(root, declaration, version)
    _sub(
        root,
        "outcomeDeclaration",
        {"identifier": "FEEDBACK", "cardinality": "multiple", "baseType": "identifier"},
    )
    body = _sub(root, "itemBody")
    writer.body(body, version, assets, where)
    processing = _sub(root, "responseProcessing")
    writer.process(processing, version, extra)
    feedback = _sub(processing, "setOutcomeValue", {"identifier": "FEEDBACK"})
    chosen = _sub(feedback, "multiple")
    if version.type == "multiple_choice":
        _sub(chosen, "variable", {"identifier": "RESPONSE"})
    _sub(chosen, "baseValue", {"baseType": "identifier"}, "SOLUTION")
    for index, choice in enumerate(version.body.get("choices", [])):
        if choice.get("feedback"):
            modal = _sub(root, "modalFeedback", {"outcomeIdentifier": "FEEDBACK", "showHide": "show"})
            modal.set("identifier", "ABCDEFGHIJ"[index])
            _html_into(modal, choice["feedback"], assets, where)
    if version.explanation:
        modal = _sub(root, "modalFeedback", {"outcomeIdentifier": "FEEDBACK", "showHide": "show"})
        modal.set("identifier", "SOLUTION")
        _html_into(modal, version.explanation, assets, where)
    return root


def _stem(body, version, assets, where):
    """Put the stem in a ``prompt`` when it is inline content, else in a ``div`` before the interaction."""
    if _is_inline(version.stem):
        return lambda interaction: _html_into(_sub(interaction, "prompt"), version.stem, assets, where)
    _html_into(_sub(body, "div"), version.stem, assets, where)
    return lambda interaction: None


def _correct_only(processing, score_expression):
    condition = _sub(processing, "responseCondition")
    when = _sub(condition, "responseIf")
    score_expression(when)
    _set_score(when, variable="MAXSCORE")
    _set_score(_sub(condition, "responseElse"), value="0")


def _set_score(parent, value=None, variable=None):
    outcome = _sub(parent, "setOutcomeValue", {"identifier": "SCORE"})
    if variable:
        _sub(outcome, "variable", {"identifier": variable})
    else:
        _sub(outcome, "baseValue", {"baseType": "float"}, value)


class _Choice:
    @staticmethod
    def declare(root, declaration, version):
        declaration.attrib.update({"cardinality": "single", "baseType": "identifier"})
        right = next(i for i, c in enumerate(version.body["choices"]) if c["correct"])
        _sub(_sub(declaration, "correctResponse"), "value", text="ABCDEFGHIJ"[right])

    @staticmethod
    def body(body, version, assets, where):
        prompt = _stem(body, version, assets, where)
        interaction = _sub(body, "choiceInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "false"})
        interaction.set("maxChoices", "1")
        prompt(interaction)
        for index, choice in enumerate(version.body["choices"]):
            simple = _sub(interaction, "simpleChoice", {"identifier": "ABCDEFGHIJ"[index]})
            _html_into(simple, choice["text"], assets, where)
        return interaction

    @staticmethod
    def process(processing, version, extra):
        def match(parent):
            test = _sub(parent, "match")
            _sub(test, "variable", {"identifier": "RESPONSE"})
            _sub(test, "correct", {"identifier": "RESPONSE"})

        _correct_only(processing, match)


class _TrueFalse:
    @staticmethod
    def declare(root, declaration, version):
        declaration.attrib.update({"cardinality": "multiple", "baseType": "directedPair"})
        statements = version.body["statements"]
        correct = _sub(declaration, "correctResponse")
        mapping = _sub(declaration, "mapping", {"defaultValue": "0", "lowerBound": "0"})
        for letter, statement in zip("abcdef", statements, strict=False):
            pair = f"{letter} {'DUNG' if statement['is_true'] else 'SAI'}"
            _sub(correct, "value", text=pair)
            _sub(mapping, "mapEntry", {"mapKey": pair, "mappedValue": "1"})
        right = _sub(root, "outcomeDeclaration", {"identifier": "RIGHT", "cardinality": "single"})
        right.set("baseType", "float")
        _sub(_sub(right, "defaultValue"), "value", text="0")
        return len(statements)

    @staticmethod
    def body(body, version, assets, where):
        prompt = _stem(body, version, assets, where)
        count = len(version.body["statements"])
        interaction = _sub(body, "matchInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "false"})
        interaction.attrib.update({"maxAssociations": str(count), "minAssociations": "0"})
        prompt(interaction)
        statements = _sub(interaction, "simpleMatchSet")
        for letter, statement in zip("abcdef", version.body["statements"], strict=False):
            choice = _sub(statements, "simpleAssociableChoice", {"identifier": letter, "matchMax": "1"})
            choice.text = f"{letter}) "
            _html_into(choice, statement["text"], assets, where)
        judgements = _sub(interaction, "simpleMatchSet")
        for name, label in (("DUNG", "Đúng"), ("SAI", "Sai")):
            _sub(judgements, "simpleAssociableChoice", {"identifier": name, "matchMax": str(count)}, label)
        return interaction

    @staticmethod
    def process(processing, version, count):
        count_right = _sub(processing, "setOutcomeValue", {"identifier": "RIGHT"})
        _sub(count_right, "mapResponse", {"identifier": "RESPONSE"})
        table = rules()["true_false_cluster"]["points_by_correct"].get(count)
        condition = _sub(processing, "responseCondition")
        for right in range(count, 0, -1):
            share = table[right] / table[-1] if table else right / count
            branch = _sub(condition, "responseIf" if right == count else "responseElseIf")
            equal = _sub(branch, "equal", {"toleranceMode": "exact"})
            _sub(equal, "variable", {"identifier": "RIGHT"})
            _sub(equal, "baseValue", {"baseType": "float"}, str(right))
            _set_score(branch, value=f"{float(version.points) * share:.4g}")
        _set_score(_sub(condition, "responseElse"), value="0")


class _Numeric:
    @staticmethod
    def declare(root, declaration, version):
        declaration.attrib.update({"cardinality": "single", "baseType": "float"})
        _sub(_sub(declaration, "correctResponse"), "value", text=str(version.body["value"]))

    @staticmethod
    def body(body, version, assets, where):
        _html_into(_sub(body, "div"), version.stem, assets, where)
        length = str(max(4, len(str(version.body["value"]))))
        holder = _sub(body, "p")
        return _sub(
            holder, "textEntryInteraction", {"responseIdentifier": "RESPONSE", "expectedLength": length}
        )

    @staticmethod
    def process(processing, version, extra):
        tolerance = str(version.body.get("tolerance") or "0")

        def equal(parent):
            if float(tolerance) == 0:
                test = _sub(parent, "equal", {"toleranceMode": "exact"})
            else:
                test = _sub(parent, "equal", {"toleranceMode": "absolute", "tolerance": tolerance})
                test.attrib.update({"includeLowerBound": "true", "includeUpperBound": "true"})
            _sub(test, "variable", {"identifier": "RESPONSE"})
            _sub(test, "correct", {"identifier": "RESPONSE"})

        _correct_only(processing, equal)


class _Text:
    @staticmethod
    def declare(root, declaration, version):
        declaration.attrib.update({"cardinality": "single", "baseType": "string"})
        answers = version.body["answers"]
        _sub(_sub(declaration, "correctResponse"), "value", text=answers[0])
        points = _number(version.points)
        mapping = _sub(declaration, "mapping", {"defaultValue": "0", "lowerBound": "0", "upperBound": points})
        for answer in dict.fromkeys(answers):
            _sub(mapping, "mapEntry", {"mapKey": answer, "mappedValue": points, "caseSensitive": "false"})

    @staticmethod
    def body(body, version, assets, where):
        _html_into(_sub(body, "div"), version.stem, assets, where)
        length = str(max(10, *(len(answer) for answer in version.body["answers"])))
        holder = _sub(body, "p")
        return _sub(
            holder, "textEntryInteraction", {"responseIdentifier": "RESPONSE", "expectedLength": length}
        )

    @staticmethod
    def process(processing, version, extra):
        score = _sub(processing, "setOutcomeValue", {"identifier": "SCORE"})
        _sub(score, "mapResponse", {"identifier": "RESPONSE"})


class _Essay:
    @staticmethod
    def declare(root, declaration, version):
        declaration.attrib.update({"cardinality": "single", "baseType": "string"})

    @staticmethod
    def body(body, version, assets, where):
        prompt = _stem(body, version, assets, where)
        interaction = _sub(body, "extendedTextInteraction", {"responseIdentifier": "RESPONSE"})
        interaction.set("expectedLines", "10")
        prompt(interaction)
        return interaction

    @staticmethod
    def process(processing, version, extra):
        """Scored by a person: SCORE stays 0 here."""


_WRITERS = {
    ("multiple_choice", None): _Choice,
    ("true_false_cluster", None): _TrueFalse,
    ("short_answer", "numeric"): _Numeric,
    ("short_answer", "text"): _Text,
    ("essay", None): _Essay,
}


# ------------------------------------------------------------------- package
def _manifest(title, resources):
    manifest = etree.Element(
        f"{{{CP_NS}}}manifest",
        {"identifier": "MANIFEST-" + hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()[:12]},
        nsmap={None: CP_NS, "xsi": XSI},
    )
    manifest.set(f"{{{XSI}}}schemaLocation", f"{CP_NS} {CP_XSD}")
    metadata = etree.SubElement(manifest, f"{{{CP_NS}}}metadata")
    etree.SubElement(metadata, f"{{{CP_NS}}}schema").text = "QTIv2.1 Package"
    etree.SubElement(metadata, f"{{{CP_NS}}}schemaversion").text = "1.0.0"
    etree.SubElement(manifest, f"{{{CP_NS}}}organizations")
    listed = etree.SubElement(manifest, f"{{{CP_NS}}}resources")
    for key, href, files in resources:
        resource = etree.SubElement(listed, f"{{{CP_NS}}}resource", {"identifier": key, "type": ITEM_TYPE})
        resource.set("href", href)
        for name in (href, *files):
            etree.SubElement(resource, f"{{{CP_NS}}}file", {"href": name})
    return etree.tostring(manifest, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def item_xml(version, assets=None):
    """One question version as a QTI 2.1 ``assessmentItem`` document (bytes)."""
    root = _item(version, assets or _Assets())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def package(versions, title):
    """``(zip bytes, notes)``: a QTI 2.1 content package of the versions (notes: what was changed or lost)."""
    files, resources, notes = {}, [], []
    for version in versions:
        if (version.type, version.body.get("kind")) not in _WRITERS:
            message = _("%(question)s: type %(type)s not exported")
            notes.append(
                message % {"question": version.title or version.question.uuid, "type": repr(version.type)}
            )
            continue
        assets = _Assets()
        href = f"items/{identifier(version)}.xml"
        files[href] = item_xml(version, assets)
        files.update(assets.files)
        notes += assets.notes
        if version.type == "essay" and version.body.get("rubric"):
            message = _("%(question)s: the essay rubric is not in the item")
            notes.append(message % {"question": version.title or version.question.uuid})
        resources.append((identifier(version), href, sorted(assets.files)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", _manifest(title, resources))
        for name, content in sorted(files.items()):
            archive.writestr(name, content)
    return out.getvalue(), notes
