"""drf-spectacular hooks of the dev host."""


def only_openedx_vn(endpoints, **kwargs):
    """Keep the endpoints of our apps (mounted under /vn/) in the OpenAPI schema."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/vn/")]
