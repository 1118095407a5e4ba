"""The student's side of an online test, for the ``vn_timed_test`` block's browser code.

Session-authenticated (the signed-in student; DRF enforces CSRF), thin: each view checks the shape of its
input, calls ``assessment.api`` and turns its exceptions into JSON errors. The answers endpoint is the
autosave path (one request per change): it does nothing beyond ``api.save_answer``.

Errors: 400 ``{"<field>": ["…"]}`` names the field; 403 signed out or no CSRF token; 404 ``{"detail"}`` for an
unknown test or an attempt not started; 409 ``{"detail"}`` when the attempt is over (``AttemptClosed``).
"""

from dataclasses import asdict
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from openedx_vn.assessment import api
from openedx_vn.assessment.grading import AnswerError
from openedx_vn.core.rest import APIView
from openedx_vn.qbank import api as qbank_api

NOT_STARTED = "not_started"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def _plain(value):
    """Decimals as exact text ("5.8"), everything else as it is."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def attempt_json(view, user):
    """An ``AttemptView`` as the block's code reads it, with whose attempt it is; the review date also as
    the page prints it (dd/mm/yyyy HH:MM, Vietnam time)."""
    review_at = view.review_at.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M") if view.review_at else ""
    return {
        **_plain(asdict(view)),
        "review_at_text": review_at,
        "user_id": user.id,
        "username": user.get_username(),
    }


def _render(text):
    # The bank sanitises texts at import; clean again so that nothing else ever reaches the page unchecked.
    return qbank_api.clean_html(text)


class StudentAttemptView(APIView):
    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAuthenticated]

    def handle_exception(self, exc):
        if isinstance(exc, api.AttemptClosed):
            return Response({"detail": str(exc)}, status=409)
        # api raises LookupError for an unknown test or attempt; a KeyError or IndexError is a bug, not a 404.
        if isinstance(exc, LookupError) and not isinstance(exc, KeyError | IndexError):
            return Response({"detail": self.not_found_message()}, status=404)
        return super().handle_exception(exc)

    def not_found_message(self):
        return _("There is no such test.")


_VIEW = inline_serializer(
    "StudentAttempt",
    {
        "exam": serializers.CharField(),
        # Before the start only exam, status, title, minutes and the user: the rest comes with the attempt.
        "title": serializers.CharField(required=False),
        "minutes": serializers.IntegerField(required=False),
        "version_code": serializers.CharField(required=False, help_text="mã đề, e.g. 102"),
        "status": serializers.ChoiceField(["not_started", "open", "submitted", "timed_out"]),
        "seconds_left": serializers.IntegerField(required=False, help_text="by the server's deadline"),
        "parts": serializers.JSONField(
            required=False, help_text="[{part, questions: [{uuid, number, type, stem, …}]}]"
        ),
        "answers": serializers.JSONField(required=False, help_text="question uuid → {value, seq}"),
        "score": serializers.CharField(required=False, allow_null=True, help_text="out of 10, e.g. 5.8"),
        "points": serializers.CharField(required=False, allow_null=True),
        "essays_pending": serializers.IntegerField(required=False),
        "review": serializers.JSONField(
            required=False, help_text="keys and explanations, only once the review is open"
        ),
        "user_id": serializers.IntegerField(),
        "username": serializers.CharField(),
    },
)


class StateView(StudentAttemptView):
    @extend_schema(
        summary="Your attempt at a test: questions of your version (no keys), saved answers, time left",
        description='Before you start: {"status": "not_started"} with the test\'s title and minutes.',
        responses=_VIEW,
    )
    def get(self, request, exam_uuid):
        try:
            view = api.attempt_view(exam_uuid, request.user.id, render=_render)
        except (KeyError, IndexError):
            raise
        except LookupError:
            summary = api.exam_summary(exam_uuid)  # LookupError here: no such test (404)
            return Response(
                {
                    "exam": summary.uuid,
                    "status": NOT_STARTED,
                    "title": summary.title,
                    "minutes": summary.minutes,
                    "user_id": request.user.id,
                    "username": request.user.get_username(),
                }
            )
        return Response(attempt_json(view, request.user))


class StartView(StudentAttemptView):
    @extend_schema(
        summary="Start the test (or resume it): the deadline is set once, on the server",
        description=(
            "ticket: the signed ticket the timed-test block gave this student's page (a test is started "
            "from its course, not by knowing its id)."
        ),
        request=inline_serializer("AttemptStart", {"ticket": serializers.CharField()}),
        responses=_VIEW,
    )
    def post(self, request, exam_uuid):
        ticket = request.data.get("ticket") if isinstance(request.data, dict) else None
        try:
            place = api.check_ticket(ticket, exam_uuid, request.user.id)
        except api.NotAllowed as exc:
            if not api.has_attempt(exam_uuid, request.user.id):  # resuming needs no ticket
                return Response({"ticket": [str(exc)]}, status=403)
            place = {}
        api.start_attempt(exam_uuid, request.user.id)
        if place.get("usage"):  # where the score goes in the LMS gradebook (the block signed it)
            api.link_gradebook(exam_uuid, request.user, place["course"], place["usage"], place.get("weight"))
        view = api.attempt_view(exam_uuid, request.user.id, render=_render)
        return Response(attempt_json(view, request.user))


class AnswersView(StudentAttemptView):
    def not_found_message(self):
        return _("You have not started this test.")

    @extend_schema(
        summary="Save one answer as it is given; seq (increasing per attempt) orders the saves",
        description=(
            "A save whose seq is not above the stored one (a retry, a late duplicate) changes nothing: "
            '"saved" is false and "seq" is the one stored. value: the printed option index (multiple '
            "choice), [true|false|null, …] (true/false statements), text (short answer with a decimal "
            "comma, essay), null to clear."
        ),
        request=inline_serializer(
            "AnswerSave",
            {
                "question": serializers.CharField(),
                "value": serializers.JSONField(allow_null=True),
                "seq": serializers.IntegerField(min_value=1, max_value=2**31 - 1),
            },
        ),
        responses=inline_serializer(
            "AnswerSaved",
            {
                "saved": serializers.BooleanField(),
                "seq": serializers.IntegerField(),
                "seconds_left": serializers.IntegerField(),
            },
        ),
    )
    def post(self, request, exam_uuid):
        data = request.data
        if not isinstance(data, dict):
            return Response({"detail": _("Send an object with question, value and seq.")}, status=400)
        question, seq = data.get("question"), data.get("seq")
        if not isinstance(question, str) or not question:
            return Response({"question": [_("Which question: its id is missing.")]}, status=400)
        if isinstance(seq, bool) or not isinstance(seq, int) or not 1 <= seq <= api.MAX_SEQ:
            return Response({"seq": [_("seq must be a positive whole number.")]}, status=400)
        if "value" not in data:
            return Response({"value": [_("The answer is missing (null clears it).")]}, status=400)
        try:
            result = api.save_answer(exam_uuid, request.user.id, question, data["value"], seq)
        except AnswerError as exc:
            return Response({"value": [str(exc)]}, status=400)
        except ValueError as exc:  # a question that is not in this attempt
            return Response({"question": [str(exc)]}, status=400)
        return Response({"saved": result.saved, "seq": result.seq, "seconds_left": result.seconds_left})


class SubmitView(StudentAttemptView):
    def not_found_message(self):
        return _("You have not started this test.")

    @extend_schema(
        summary="Submit the test: graded at once (essays later, by the teacher); again changes nothing",
        request=None,
        responses=_VIEW,
    )
    def post(self, request, exam_uuid):
        api.submit_attempt(exam_uuid, request.user.id)
        view = api.attempt_view(exam_uuid, request.user.id, render=_render)
        return Response(attempt_json(view, request.user))


class EventsView(StudentAttemptView):
    """The integrity log's reports (ADR 0019): small, bounded, for the signed-in student's open attempt."""

    MAX_BODY = 512  # bytes: {"kind", "phase", "seconds"} needs far less

    def not_found_message(self):
        return _("You have not started this test.")

    @extend_schema(
        summary="Report leaving full screen, switching tab or window, or a long disconnection",
        description=(
            'kind: fullscreen | hidden | offline; phase: "start" when it begins, "end" when it is over '
            '(a disconnection is reported once, on return: phase "end" with its seconds). Times are the '
            "server's; at most 200 entries per attempt (429 after); 409 once the attempt is over."
        ),
        request=inline_serializer(
            "IntegrityReport",
            {
                "kind": serializers.ChoiceField(["fullscreen", "hidden", "offline"]),
                "phase": serializers.ChoiceField(["start", "end"]),
                "seconds": serializers.IntegerField(required=False, min_value=0, max_value=86400),
            },
        ),
        responses=inline_serializer("IntegrityRecorded", {"recorded": serializers.BooleanField()}),
    )
    def post(self, request, exam_uuid):
        try:  # the declared length: reading the body may no longer be possible after the CSRF check
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = self.MAX_BODY + 1
        if size > self.MAX_BODY:
            return Response({"detail": _("This report is too large.")}, status=400)
        data = request.data if isinstance(request.data, dict) else {}
        kind, phase, seconds = data.get("kind"), data.get("phase"), data.get("seconds")
        if kind not in ("fullscreen", "hidden", "offline"):
            return Response({"kind": [_("kind must be fullscreen, hidden or offline.")]}, status=400)
        if phase not in ("start", "end"):
            return Response({"phase": [_("phase must be start or end.")]}, status=400)
        if seconds is not None and (
            isinstance(seconds, bool) or not isinstance(seconds, int) or not 0 <= seconds <= 86400
        ):
            return Response({"seconds": [_("seconds must be a whole number from 0 to 86400.")]}, status=400)
        try:
            recorded = api.record_integrity(exam_uuid, request.user.id, kind, phase, seconds)
        except api.IntegrityLimit as exc:
            return Response({"detail": str(exc)}, status=429)
        return Response({"recorded": recorded})
