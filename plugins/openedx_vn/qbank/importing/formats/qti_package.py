"""QTI content packages (IMS Content Packaging): a .zip whose imsmanifest.xml lists the items.

Every resource of an item type (imsqti_item_xmlv2p1, v2p2, v3p0) is read with the item reader; pictures the
items refer to come from the package as data: URIs, so the rest of the pipeline treats them as it treats
Moodle's embedded files. Places name the item inside the package: "pkg.zip/items/q1.xml, line 12".
Assessment tests and other resources are not questions: tests are named in a note, the rest is ignored.
"""

import io
import posixpath
import zipfile
from urllib.parse import unquote

from django.utils.translation import gettext as _
from lxml import etree

from openedx_vn.qbank.importing.drafts import ImportProblem, Place
from openedx_vn.qbank.importing.formats import qti
from openedx_vn.qbank.importing.images import data_uri

MANIFEST = "imsmanifest.xml"
ITEM_TYPES = ("imsqti_item_xmlv2p1", "imsqti_item_xmlv2p2", "imsqti_item_xmlv3p0")
TEST_PREFIX = "imsqti_test_xml"
MAX_UNPACKED = 200 * 1024 * 1024  # a package bigger than this unpacked is refused (zip bombs)
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


def has_manifest(content):
    """Whether ``content`` is a zip with an imsmanifest.xml at its root (how the pipeline tells QTI)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return MANIFEST in archive.namelist()
    except zipfile.BadZipFile:
        return False


def read(content, filename):
    """Return ``(drafts, problems)`` for every item the package's manifest lists."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        return [], [ImportProblem(Place(filename), _("not a readable .zip file"))]
    with archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            message = _("the package is larger than %(size)s MB once unpacked") % {
                "size": MAX_UNPACKED // 2**20
            }
            return [], [ImportProblem(Place(filename), message)]
        if MANIFEST not in archive.namelist():
            message = _("no %(manifest)s: not a QTI content package") % {"manifest": MANIFEST}
            return [], [ImportProblem(Place(filename), message)]
        try:
            manifest = etree.fromstring(archive.read(MANIFEST), qti._PARSER)  # noqa: S320 - entities off
        except etree.XMLSyntaxError as exc:
            place = Place(f"{filename}/{MANIFEST}", exc.lineno)
            return [], [ImportProblem(place, _("not well-formed XML: %(error)s") % {"error": exc.msg})]
        return _read_items(archive, manifest, filename)


def _read_items(archive, manifest, filename):
    drafts, problems, names = [], [], set(archive.namelist())
    for resource in manifest.iter("{*}resource"):
        kind, href = resource.get("type", ""), resource.get("href", "")
        place = Place(f"{filename}/{MANIFEST}", resource.sourceline)
        if kind.startswith(TEST_PREFIX):
            message = _("assessment test %(href)s: its items are imported one by one, not the test") % {
                "href": repr(href)
            }
            problems.append(ImportProblem(place, message, blocking=False))
            continue
        if kind not in ITEM_TYPES:
            continue
        path = _resolve(_base(resource), href)
        if path not in names:
            message = _("item %(href)s is listed but not in the package") % {"href": repr(href)}
            problems.append(ImportProblem(place, message))
            continue
        found, item_problems = qti.read(
            archive.read(path), f"{filename}/{path}", _images(archive, path, names)
        )
        drafts += found
        problems += item_problems
    if not drafts and not any(p.blocking for p in problems):
        problems.append(ImportProblem(Place(filename), _("the manifest lists no QTI item")))
    return drafts, problems


def _base(resource):
    """xml:base of the resource and its ancestors, joined (IMS CP allows it on manifest and resources)."""
    parts = [node.get(_XML_BASE) for node in reversed([resource, *resource.iterancestors()])]
    return posixpath.join("", *[part for part in parts if part])


def _resolve(directory, href):
    """A zip member path for ``href`` relative to ``directory``; None when it leaves the package."""
    if "://" in href or href.startswith("/"):
        return None
    path = posixpath.normpath(posixpath.join(directory, unquote(href)))
    return None if path.startswith("..") else path


def _images(archive, item_path, names):
    directory = posixpath.dirname(item_path)

    def image(src):
        path = _resolve(directory, src)
        if path is None or path not in names:
            return None, _("image %(src)s is not in the package") % {"src": repr(src)}
        source = data_uri(archive.read(path))
        if source is None:
            message = _("image %(src)s is not PNG, JPEG or GIF: save it in one of those formats")
            return None, message % {"src": repr(src)}
        return source, None

    return image
