"""Template filters of the question-bank pages."""

from django import template
from django.utils.safestring import mark_safe

from openedx_vn.core.vietnamese import number, subject_label
from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank.importing.sanitize import clean_html

register = template.Library()


@register.filter
def bank_html(value):
    """Question HTML as the bank keeps it (nh3-cleaned), marked safe; cleaned again in case."""
    return mark_safe(clean_html(value or ""))  # noqa: S308 - cleaned by nh3 just above


@register.filter
def decimal_comma(value):
    """1.50 → "1,5": Vietnamese decimal comma, no trailing zeros (core.vietnamese.number)."""
    return number(value)


@register.simple_tag(takes_context=True)
def subject_chip(context, code, grade=None):
    """A question's subject as people read it: "Toán 6", "Ngoại ngữ 1 – lớp 6", not the code "TOAN 6".
    The curriculum's names are read once per page."""
    names = context.render_context.get("vn_subject_names")
    if names is None:
        names = {}
        try:
            for offering in curriculum_api.get_subjects():
                names.setdefault(offering.code, offering.name_vi)
        except curriculum_api.CurriculumError:
            pass  # no program loaded: the code is all there is
        context.render_context["vn_subject_names"] = names
    return subject_label(names.get(code, code), grade or None)
