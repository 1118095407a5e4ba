"""The pages core serves itself: downloads of exports, pictures of stored HTML."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseForbidden, HttpResponseNotFound
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from openedx_vn.core import exports, pictures, shell, storage


def home(request, extra_links=()):
    """The home page of the user's role: one card per app they may open (teacher: banks, tests, their
    classes' share; leader: the school; officer: the area; student: tests, practice, progress)."""
    context = {"shell": shell.build(request), "extra_links": extra_links}
    return render(request, "openedx_vn/core/home.html", context)


@never_cache
@require_GET
def export_download(request, token):
    """Hand over an export if the link is intact, not expired, and made for the signed-in user."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        export = exports.open_link(token, request.user)
    except exports.LinkExpired:
        return _refused(
            request, _("This download link has expired. Export the file again from the page you came from.")
        )
    except exports.LinkRefused:
        return _refused(request, _("This download link is not valid for your account."), status=403)
    response = storage.serve(
        export.name, filename=export.filename, content_type=export.content_type, as_attachment=True
    )
    if response is None:
        return _refused(
            request, _("This file has been removed. Export it again from the page you came from.")
        )
    return response


@require_GET
def picture(request, name):
    """A picture of question HTML, to a signed-in user (ADR 0011: its name, a SHA-256, is the secret)."""
    if not request.user.is_authenticated:
        return HttpResponseForbidden(_("Sign in to see this picture."))
    response = pictures.serve_picture(name) if pictures.NAME.fullmatch(name) else None
    if response is None:
        return HttpResponseNotFound(_("There is no such picture."))
    if response.status_code == 302:
        patch_cache_control(response, private=True, no_store=True)  # the presigned URL dies in minutes
    else:
        # Content-addressed: the bytes behind a name never change. Private: shared caches keep nothing.
        patch_cache_control(response, private=True, max_age=86400, immutable=True)
    return response


def _refused(request, message, status=410):
    return render(request, "openedx_vn/exports/refused.html", {"message": message}, status=status)
