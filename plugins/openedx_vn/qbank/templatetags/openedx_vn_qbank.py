"""Template filters of the question-bank pages."""

from django import template
from django.utils.safestring import mark_safe

from openedx_vn.qbank.importing.sanitize import clean_html

register = template.Library()


@register.filter
def bank_html(value):
    """Question HTML as the bank keeps it (nh3-cleaned), marked safe; cleaned again in case."""
    return mark_safe(clean_html(value or ""))  # noqa: S308 - cleaned by nh3 just above


@register.filter
def decimal_comma(value):
    """1.50 → "1,5": Vietnamese decimal comma, no trailing zeros."""
    text = str(value if value is not None else "")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
