"""Generate an Open edX course outline (OLX, as a .tar.gz Studio imports) from a subject × grade tree.

Chapters are strands, subsequences (sequentials) are topics, and each topic gets one unit listing its learning
outcomes. ``course/tags.csv`` tags every unit with its topic and outcomes from the curriculum taxonomy, in the
format Studio's course import reads (columns Name, Type, ID, then one column per taxonomy export id).
"""

import csv
import hashlib
import io
import json
from xml.etree import ElementTree

from django.utils.html import escape

from openedx_vn.core.archives import tar_gz
from openedx_vn.curriculum.taxonomy import TAXONOMY_EXPORT_ID, tag_value

TAGS_SEPARATOR = ";"  # between several tags of one taxonomy, as in Studio's export


def url_name(code):
    """A stable url_name for a curriculum code (same code → same block id on every generation)."""
    return "vn_" + hashlib.sha1(code.encode(), usedforsecurity=False).hexdigest()[:16]


def build(offering, tree, org, number, run, textbook=""):
    """Return the OLX files as ``{path: bytes}`` for one subject × grade (``offering``) and its ``tree``."""
    title = f"{offering.name_vi} {offering.grade}" + (f" – {textbook}" if textbook else "")
    files, chapters, tag_rows = {}, [], []
    for strand in tree:
        sequentials = []
        for topic in strand.children:
            unit = url_name(topic.code + "/unit")
            files[f"vertical/{unit}.xml"] = _xml("vertical", {"display_name": topic.title}, [("html", unit)])
            files[f"html/{unit}.xml"] = _xml("html", {"display_name": "Yêu cầu cần đạt", "filename": unit})
            files[f"html/{unit}.html"] = _outcomes_html(topic).encode()
            sequential = url_name(topic.code)
            files[f"sequential/{sequential}.xml"] = _xml(
                "sequential", {"display_name": topic.title}, [("vertical", unit)]
            )
            sequentials.append(("sequential", sequential))
            tags = [tag_value(topic.code, topic.title)] + [tag_value(o.code, o.title) for o in topic.children]
            tag_rows.append(
                {
                    "Name": topic.title,
                    "Type": "vertical",
                    "ID": unit,
                    TAXONOMY_EXPORT_ID: TAGS_SEPARATOR.join(tags),
                }
            )
        chapter = url_name(strand.code)
        files[f"chapter/{chapter}.xml"] = _xml("chapter", {"display_name": strand.title}, sequentials)
        chapters.append(("chapter", chapter))
    files["course.xml"] = _xml("course", {"url_name": run, "org": org, "course": number})
    files[f"course/{run}.xml"] = _xml("course", {"display_name": title, "language": "vi"}, chapters)
    policy = {f"course/{run}": {"display_name": title, "language": "vi", "tabs": []}}
    files[f"policies/{run}/policy.json"] = json.dumps(policy, ensure_ascii=False, indent=2).encode()
    files[f"policies/{run}/grading_policy.json"] = json.dumps(
        {"GRADER": [], "GRADE_CUTOFFS": {"Pass": 0.5}}
    ).encode()
    files["tags.csv"] = _tags_csv(tag_rows)
    return files


def archive(files):
    """Pack OLX files into the ``.tar.gz`` Studio imports (everything under ``course/``)."""
    return tar_gz({f"course/{path}": content for path, content in files.items()})


def _xml(tag, attributes, children=()):
    element = ElementTree.Element(tag, attributes)
    for child_tag, child_name in children:
        ElementTree.SubElement(element, child_tag, {"url_name": child_name})
    return ElementTree.tostring(element, encoding="utf-8", xml_declaration=False)


def _outcomes_html(topic):
    items = "".join(f"<li>{escape(o.title)} <small>({escape(o.code)})</small></li>" for o in topic.children)
    return f"<h3>{escape(topic.title)}</h3>\n<p>Yêu cầu cần đạt:</p>\n<ul>{items}</ul>\n"


def _tags_csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["Name", "Type", "ID", TAXONOMY_EXPORT_ID], quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()
