"""What every REST view of ours shares: bad input answered with a 400 naming the field, unknown objects with
a 404, both in the user's language (Vietnamese first), never a 500.

Use ``APIView`` / ``ListAPIView`` from here instead of DRF's: they answer with ``exception_handler`` whatever
the host's ``REST_FRAMEWORK`` settings (the LMS keeps its own). Integer ids go through ``IdField`` or
``query_int`` so a number too large for its column is refused before the ORM sees it (MariaDB raises on
out-of-range values, SQLite overflows); list endpoints read ``limit``/``offset`` through ``page_params``.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from rest_framework import generics, serializers, views
from rest_framework.exceptions import NotFound, ParseError, ValidationError

# Column ranges: ids are BigAutoField (signed 64-bit on MariaDB and SQLite); counts and small numbers are
# PositiveIntegerField (Django's portable bound: signed 32-bit).
ID_MAX = 2**63 - 1
INT_MAX = 2**31 - 1
OFFSET_MAX = INT_MAX
_JSON_ERROR = "JSON parse error - "


class IdField(serializers.IntegerField):
    """A row id (1 … 2⁶³−1): out of range is a 400 naming the field, not a database error."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(**kwargs)


class BoundedIntegerField(serializers.IntegerField):
    """An integer that fits a ``PositiveIntegerField`` (0 … 2³¹−1) unless told narrower bounds."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", INT_MAX)
        super().__init__(**kwargs)


def query_int(request, name, *, min_value=1, max_value=ID_MAX, default=None):
    """The query parameter ``name`` as an int in [min_value, max_value]; ``default`` when absent or empty.

    Raises ``ValidationError({name: [message]})``: a 400 that names the parameter.
    """
    text = request.query_params.get(name)
    if text in (None, ""):
        return default
    field = serializers.IntegerField(min_value=min_value, max_value=max_value)
    try:
        return field.run_validation(text)
    except ValidationError as exc:
        raise ValidationError({name: exc.detail}) from exc


def page_params(request, *, max_limit=500, default_limit=None):
    """``(limit, offset)`` from the query: limit 1…max_limit (default: max_limit), offset 0…2³¹−1."""
    limit = query_int(request, "limit", max_value=max_limit, default=default_limit or max_limit)
    offset = query_int(request, "offset", min_value=0, max_value=OFFSET_MAX, default=0)
    return limit, offset


def is_not_found(exc):
    """A lookup that found nothing: an app's ``…NotFound(LookupError)``, Django's ``DoesNotExist``.

    ``KeyError`` and ``IndexError`` are programming slips, not missing objects: they stay 500s.
    """
    if isinstance(exc, (KeyError, IndexError)):
        return False
    return isinstance(exc, (LookupError, ObjectDoesNotExist))


def as_api_exception(exc):
    """The DRF exception an app's domain exception stands for (others pass through unchanged)."""
    if is_not_found(exc):
        return NotFound(str(exc) if exc.args else None)
    if isinstance(exc, ParseError) and str(exc.detail).startswith(_JSON_ERROR):
        # DRF writes this one without gettext.
        return ParseError(_("JSON parse error - {detail}").format(detail=str(exc.detail)[len(_JSON_ERROR) :]))
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return ValidationError(detail)
    return exc


def exception_handler(exc, context):
    """DRF's handler after ``as_api_exception``; the JSON always has a translated ``detail`` or fields."""
    return views.exception_handler(as_api_exception(exc), context)


class ErrorsMixin:
    """Answer with ``exception_handler`` whatever the host project configures; an ``<int:…>`` path id too
    large for any column is an unknown object (404) before the view asks the database."""

    def get_exception_handler(self):
        return exception_handler

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for value in kwargs.values():
            if isinstance(value, int) and not 0 <= value <= ID_MAX:
                raise NotFound()


class DetailAndProblemsMixin:
    """For endpoints whose documented 400 is ``{"detail", "problems"}`` (a file or a blueprint refused): a
    body DRF cannot parse, or a field refused before the view reads it (an upload too large), answers in that
    shape too, its first message as ``detail`` and no problems listed."""

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        data = getattr(response, "data", None)
        if (
            response is not None
            and response.status_code == 400
            and not (isinstance(data, dict) and "problems" in data)
        ):
            response.data = {"detail": _first_message(data), "problems": []}
        return response


def _first_message(data, where=""):
    """The first message of a DRF error body, with the field it belongs to ("file: …")."""
    if isinstance(data, dict):
        for key, value in data.items():
            return _first_message(value, where if key in ("detail", "non_field_errors") else str(key))
        return ""
    if isinstance(data, list | tuple):
        return _first_message(data[0], where) if data else ""
    return f"{where}: {data}" if where else str(data)


class APIView(ErrorsMixin, views.APIView):
    """DRF's ``APIView`` answering errors our way."""


class ListAPIView(ErrorsMixin, generics.ListAPIView):
    """DRF's ``ListAPIView`` answering errors our way."""


# DRF's own messages our APIs answer with. DRF's Vietnamese catalog holds only 20 strings; these are
# translated in core's catalog, which Django merges with DRF's (our text wins where DRF has none).
DRF_MESSAGES = (
    gettext_noop("A server error occurred."),
    gettext_noop("Malformed request."),
    gettext_noop("Incorrect authentication credentials."),
    gettext_noop("Authentication credentials were not provided."),
    gettext_noop("Not found."),
    gettext_noop('Method "{method}" not allowed.'),
    gettext_noop("Could not satisfy the request Accept header."),
    gettext_noop('Unsupported media type "{media_type}" in request.'),
    gettext_noop("Request was throttled."),
    gettext_noop("Invalid input."),
    gettext_noop("JSON parse error - {detail}"),
    gettext_noop("Multipart form parse error - {detail}"),
    gettext_noop("This field is required."),
    gettext_noop("This field may not be null."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Not a valid string."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Must be a valid UUID."),
    gettext_noop("A valid integer is required."),
    gettext_noop("Ensure this value is less than or equal to {max_value}."),
    gettext_noop("Ensure this value is greater than or equal to {min_value}."),
    gettext_noop("String value too large."),
    gettext_noop("A valid number is required."),
    gettext_noop("Ensure that there are no more than {max_digits} digits in total."),
    gettext_noop("Ensure this field has no more than {max_length} characters."),
    gettext_noop("Ensure this field has at least {min_length} characters."),
    gettext_noop("Datetime has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Expected a datetime but got a date."),
    gettext_noop("Date has wrong format. Use one of these formats instead: {format}."),
    gettext_noop('"{input}" is not a valid choice.'),
    gettext_noop('Expected a list of items but got type "{input_type}".'),
    gettext_noop("This list may not be empty."),
    gettext_noop('Expected a dictionary of items but got type "{input_type}".'),
    gettext_noop("Invalid data. Expected a dictionary, but got {datatype}."),
    gettext_noop("No file was submitted. Check the encoding type on the form."),
    gettext_noop("No file was submitted."),
    gettext_noop("The submitted file is empty."),
    gettext_noop("This field may not be blank."),
    gettext_noop("Value must be valid JSON."),
    gettext_noop("Invalid page."),
    gettext_noop("You do not have permission to perform this action."),
)
