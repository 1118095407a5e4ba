"""Imported HTML is cleaned with nh3 (Ammonia): no scripts, no event handlers, no external resources."""

import html

import nh3

from openedx_vn.qbank.importing import images

TAGS = {
    "p",
    "br",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "s",
    "sub",
    "sup",
    "span",
    "div",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "img",
    "code",
    "pre",
    "a",
    "blockquote",
    "hr",
    "h3",
    "h4",
    "h5",
    "h6",
}
ATTRIBUTES = {
    "img": {"src", "alt", "width", "height"},
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}


def _no_external_resources(tag, attribute, value):
    # A picture travels with the question (a PNG/JPEG/GIF data: URI, or the file storing.py made of it) or
    # is a course asset the LMS serves ("/static/…"); it never loads from elsewhere ("//host/…" neither).
    if tag == "img" and attribute == "src" and not _own_picture(value):
        return None
    if (
        tag == "a"
        and attribute == "href"
        and not value.startswith(("http://", "https://", "mailto:", "/", "#"))
    ):
        return None  # data: and script-like links never
    return value


def _own_picture(value):
    if value.startswith("/static/") and not value.startswith("//"):
        return True
    return images.is_allowed_source(value)


def clean_html(text):
    """Safe HTML for the bank: allowed tags and attributes only, links to http(s) and mailto."""
    if "<" not in (text or "") and "&" not in (text or ""):
        return (text or "").strip()  # no markup: nothing to clean (most imported options)
    return nh3.clean(
        text or "",
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "data"},
        attribute_filter=_no_external_resources,
        link_rel="noopener noreferrer",
    ).strip()


def text_to_html(text):
    """Plain text (Aiken, GIFT markdown/plain) as HTML: escaped, line breaks kept."""
    return html.escape(text or "").replace("\n", "<br>")
