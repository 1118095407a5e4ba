"""Refusal and error pages in the user's language (Vietnamese first): 403, 404 and 500 as a page with a way
out, or as JSON ``{"detail": …}`` for our APIs.

``ErrorPagesMiddleware`` (appended to MIDDLEWARE by ``core.settings.common``) answers for our own views
(URL namespaces ``vn_*``) in any host, the LMS included; the platform's own pages keep the theme's
templates. The dev host also uses the three handlers for every URL (``handler403`` … in ``devhost.urls``).
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import render, resolve_url
from django.template import loader
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)


def wants_json(request):
    """True for an API call: a URL under ``/api/``, or a client asking for JSON rather than HTML."""
    if "/api/" in request.path:
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def _message(exception):
    """The refusal's own text when it carries one (our views raise translated sentences)."""
    text = str(exception.args[0]) if exception is not None and exception.args else ""
    return text.strip()


def permission_denied(request, exception=None):
    """403: what was refused, what the user can do, and a link home (``handler403``)."""
    message = _message(exception)
    if wants_json(request):
        detail = message or _("You do not have permission to perform this action.")
        return JsonResponse({"detail": detail}, status=403)
    login_url = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}"
    context = {"message": message, "login_url": login_url}
    return render(request, "openedx_vn/core/403.html", context, status=403)


def page_not_found(request, exception=None):
    """404: no such page or object (``handler404``); the exception's text is for logs, not for users."""
    if wants_json(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "openedx_vn/core/404.html", {"path": request.path}, status=404)


def server_error(request):
    """500 (``handler500``): rendered without the request's context, which may be what failed."""
    if wants_json(request):
        return JsonResponse({"detail": _("A server error occurred.")}, status=500)
    return HttpResponseServerError(loader.get_template("openedx_vn/core/500.html").render({}))


def is_our_view(request):
    """True when the URL resolved to one of our apps (namespaces vn_curriculum, vn_qbank, …)."""
    match = getattr(request, "resolver_match", None)
    return bool(match and any(name.startswith("vn_") for name in match.namespaces))


class ErrorPagesMiddleware:
    """Our views' ``PermissionDenied`` and ``Http404`` answered with our pages; everything else untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_our_view(request):
            return None
        if isinstance(exception, PermissionDenied):
            return permission_denied(request, exception)
        if isinstance(exception, Http404):
            log.info("Not found: %s (%s)", request.path, exception)
            return page_not_found(request, exception)
        return None
