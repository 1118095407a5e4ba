from django import template

from openedx_vn.core.compat import get_platform_url

register = template.Library()


@register.simple_tag
def vn_platform_url():
    """The URL of the platform our pages link back to (the LMS, or the dev host's home)."""
    return get_platform_url()
