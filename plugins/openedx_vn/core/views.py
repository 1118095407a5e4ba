"""The pages core serves itself: downloads of exports."""

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from openedx_vn.core import exports


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
    url = exports.presigned_url(export, content_disposition_header(True, export.filename))
    if url:
        return HttpResponseRedirect(url)  # the object store answers 404 itself for a purged file
    storage = exports.export_storage()
    if not storage.exists(export.name):
        return _refused(
            request, _("This file has been removed. Export it again from the page you came from.")
        )
    response = FileResponse(storage.open(export.name, "rb"), as_attachment=True, filename=export.filename)
    response["Content-Type"] = export.content_type
    return response


def _refused(request, message, status=410):
    return render(request, "openedx_vn/exports/refused.html", {"message": message}, status=status)
