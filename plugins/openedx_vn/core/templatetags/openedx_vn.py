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
