from django import template

from openedx_vn.core.compat import get_platform_url

register = template.Library()


@register.simple_tag
def vn_platform_url():
    """The URL of the platform our pages link back to (the LMS, or the dev host's home)."""
    return get_platform_url()


@register.simple_tag(takes_context=True)
def vn_shell(context):
    """The page shell (core.shell.Shell) for the page's request: menu, user menu, current section."""
    from openedx_vn.core import shell  # noqa: PLC0415 - the menu module loads lazily, after apps are ready

    return shell.build(context.get("request"))


@register.filter
def vn_number(value, places=None):
    """``{{ points|vn_number }}`` "0,5"; ``{{ score|vn_number:1 }}`` "1,0" (core.vietnamese.number)."""
    from openedx_vn.core.vietnamese import number  # noqa: PLC0415

    return number(value, None if places in (None, "") else int(places))


@register.filter
def vn_subject(name, grade=None):
    """``{{ name|vn_subject:grade }}``: "Ngoại ngữ 1 – lớp 6" (core.vietnamese.subject_label)."""
    from openedx_vn.core.vietnamese import subject_label  # noqa: PLC0415

    return subject_label(name, grade)
