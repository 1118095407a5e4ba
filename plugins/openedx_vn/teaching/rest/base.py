"""What every share endpoint shares: signed-in users only, and domain errors turned into HTTP answers.

A 400 names the field; an object out of the user's scope is a 404 (as one that does not exist); an action the
user may not take on an object they see is a 403. Never a 500 for bad input.
"""

from datetime import date

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from openedx_vn.core.rest import APIView, query_int
from openedx_vn.teaching import api


class ShareView(APIView):
    permission_classes = [IsAuthenticated]

    def handle_exception(self, exc):
        if isinstance(exc, api.SessionImportError):  # rows stay numbers (a ValidationError makes them text)
            problems = [
                {"file": p.file, "row": p.row, "column": p.column, "message": p.message} for p in exc.problems
            ]
            return Response({"detail": str(exc.problems[0]), "problems": problems}, status=400)
        return super().handle_exception(translate(exc))


def translate(exc):
    """The DRF exception for a domain exception (others pass through)."""
    if isinstance(exc, api.ScopeError):
        return NotFound(str(exc))
    if isinstance(exc, api.ActionError):
        return PermissionDenied(str(exc))
    if isinstance(exc, api.PolicyError):
        return ValidationError({exc.field or "policy": [str(exc)]})
    if isinstance(exc, api.UnknownYear):
        return ValidationError({"year": [str(exc)]})
    if isinstance(exc, api.TeachingError):
        return ValidationError(
            {name: [message] for name, message in exc.errors.items()} or {"detail": str(exc)}
        )
    return exc


def day_param(request):
    """The ``on`` query parameter (YYYY-MM-DD): the day the figures are read on; None = today."""
    text = request.query_params.get("on")
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        message = _("%(value)s is not a date (YYYY-MM-DD)") % {"value": repr(text[:40])}
        raise ValidationError({"on": [message]}) from exc


def int_param(request, name):
    """The whole-number query parameter ``name`` (an id: 1 … 2⁶³−1); None when absent. A 400 names it."""
    return query_int(request, name)
