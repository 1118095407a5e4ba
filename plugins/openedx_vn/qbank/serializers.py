"""REST shapes of the question bank. Keys (right options, đúng/sai, answers) are in them: only teachers with a
role on the bank reach these endpoints (``permissions``)."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from rest_framework import serializers

from openedx_vn.qbank.data import COGNITIVE_LEVELS, QuestionType
from openedx_vn.qbank.importing.pipeline import FORMATS
from openedx_vn.qbank.importing.sanitize import clean_html
from openedx_vn.qbank.models import BankShare, ImportJob

MAX_CHOICES = 10


class QuestionTypeSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class BankSerializer(serializers.Serializer):
    uuid = serializers.CharField(read_only=True)
    name = serializers.CharField(max_length=255)
    scope = serializers.CharField(read_only=True)
    question_count = serializers.IntegerField(read_only=True)
    role = serializers.CharField(read_only=True, required=False, help_text="owner, editor or viewer")


# ------------------------------------------------------------------ questions
class VersionSummarySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    created_by = serializers.IntegerField(allow_null=True)


class QuestionSerializer(serializers.Serializer):
    """A question as its version ``version`` (the current one unless asked) shows it, key included."""

    uuid = serializers.UUIDField(source="question.uuid")
    bank = serializers.UUIDField(source="question.bank.uuid")
    version = serializers.IntegerField(source="number")
    is_current = serializers.SerializerMethodField()
    type = serializers.CharField()
    title = serializers.CharField()
    stem = serializers.SerializerMethodField(help_text="sanitised HTML; math between $…$ or \\(…\\)")
    body = serializers.JSONField(help_text="choices / statements / answer key / rubric (see ADR 0006)")
    explanation = serializers.SerializerMethodField()
    points = serializers.DecimalField(max_digits=5, decimal_places=2)
    subject_code = serializers.CharField()
    grade = serializers.IntegerField(allow_null=True)
    cognitive_level = serializers.CharField()
    outcome_codes = serializers.ListField(child=serializers.CharField())
    category = serializers.CharField()
    source = serializers.CharField()
    created_at = serializers.DateTimeField()
    created_by = serializers.IntegerField(allow_null=True)

    def get_is_current(self, version) -> bool:
        return version.question.current_id == version.id

    def get_stem(self, version) -> str:
        return clean_html(version.stem)  # stored clean; cleaned again on the way out, in case

    def get_explanation(self, version) -> str:
        return clean_html(version.explanation)


class QuestionDetailSerializer(QuestionSerializer):
    versions = serializers.SerializerMethodField()
    can_edit = serializers.SerializerMethodField()

    def get_versions(self, version) -> list[dict]:
        rows = version.question.versions.order_by("-number").values("number", "created_at", "created_by")
        return VersionSummarySerializer(rows, many=True).data

    def get_can_edit(self, version) -> bool:
        return bool(self.context.get("can_edit"))


class QuestionPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="matching questions; at most 1000 when count_exact is false")
    count_exact = serializers.BooleanField()
    next = serializers.CharField(allow_null=True, help_text="cursor of the next page")
    previous = serializers.CharField(allow_null=True, help_text="cursor of the previous page")
    results = QuestionSerializer(many=True)


def _text(value, where):
    if not isinstance(value, str):
        raise serializers.ValidationError(_("{where}: text expected").format(where=where))
    return value


def _number(value, where):
    try:
        return str(Decimal(str(value).strip().replace(",", ".")))
    except (InvalidOperation, ValueError) as exc:
        raise serializers.ValidationError(
            _("{where}: {value!r} is not a number").format(where=where, value=value)
        ) from exc


def _entries(body, key, minimum, maximum):
    entries = body.get(key)
    if not isinstance(entries, list) or not minimum <= len(entries) <= maximum:
        raise serializers.ValidationError(
            _("{where}: a list of {minimum} to {maximum} entries expected").format(
                where=key, minimum=minimum, maximum=maximum
            )
        )
    if not all(isinstance(entry, dict) for entry in entries):
        raise serializers.ValidationError(_("{where}: each entry must be an object").format(where=key))
    return entries


def clean_body(question_type, body):
    """The body in the bank's shape for its type; raise ``ValidationError`` naming the faulty part."""
    if not isinstance(body, dict):
        raise serializers.ValidationError(_("an object expected"))
    if question_type == QuestionType.MULTIPLE_CHOICE:
        choices = []
        for n, entry in enumerate(_entries(body, "choices", 2, MAX_CHOICES), start=1):
            if not isinstance(entry.get("correct"), bool):
                raise serializers.ValidationError(
                    _("{where}: true or false expected").format(where=f"choices[{n}].correct")
                )
            choice = {"text": _text(entry.get("text"), f"choices[{n}].text"), "correct": entry["correct"]}
            if entry.get("feedback"):
                choice["feedback"] = _text(entry["feedback"], f"choices[{n}].feedback")
            choices.append(choice)
        return {"choices": choices}
    if question_type == QuestionType.TRUE_FALSE_CLUSTER:
        statements = []
        for n, entry in enumerate(_entries(body, "statements", 1, 6), start=1):
            if not isinstance(entry.get("is_true"), bool):
                raise serializers.ValidationError(
                    _("{where}: true or false expected").format(where=f"statements[{n}].is_true")
                )
            statements.append(
                {"text": _text(entry.get("text"), f"statements[{n}].text"), "is_true": entry["is_true"]}
            )
        return {"statements": statements}
    if question_type == QuestionType.SHORT_ANSWER:
        if body.get("kind") == "numeric":
            value = _number(body.get("value", ""), "value")
            return {
                "kind": "numeric",
                "value": value,
                "tolerance": _number(body.get("tolerance") or "0", "tolerance"),
            }
        if body.get("kind") == "text":
            answers = body.get("answers")
            if not isinstance(answers, list) or not all(isinstance(a, str) for a in answers):
                raise serializers.ValidationError(
                    _("{where}: a list of accepted answers expected").format(where="answers")
                )
            return {"kind": "text", "answers": [a.strip() for a in answers if a.strip()]}
        raise serializers.ValidationError(_('{where}: "numeric" or "text" expected').format(where="kind"))
    rubric = body.get("rubric") or []
    if not isinstance(rubric, list) or not all(isinstance(entry, dict) for entry in rubric):
        raise serializers.ValidationError(
            _("{where}: a list of {{text, points}} expected").format(where="rubric")
        )
    return {
        "rubric": [
            {
                "text": _text(entry.get("text", ""), f"rubric[{n}].text"),
                "points": _number(entry.get("points") or 0, f"rubric[{n}].points"),
            }
            for n, entry in enumerate(rubric, start=1)
        ]
    }


class QuestionContentSerializer(serializers.Serializer):
    """What the editor sends: a whole version (versions never change; each save makes a new one)."""

    type = serializers.ChoiceField(choices=[t.value for t in QuestionType])
    title = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    stem = serializers.CharField(allow_blank=True, trim_whitespace=False, help_text="HTML; math in $…$")
    body = serializers.JSONField()
    explanation = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    points = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal(0), default=Decimal(1)
    )
    cognitive_level = serializers.ChoiceField(choices=["", *COGNITIVE_LEVELS], required=False, default="")
    subject_code = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    grade = serializers.IntegerField(min_value=1, max_value=12, required=False, allow_null=True, default=None)
    outcome_codes = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, default=list
    )

    def validate(self, attrs):
        try:
            attrs["body"] = clean_body(attrs["type"], attrs["body"])
        except serializers.ValidationError as exc:
            raise serializers.ValidationError({"body": exc.detail}) from exc
        return attrs


class TransferSerializer(serializers.Serializer):
    questions = serializers.ListField(child=serializers.UUIDField(), min_length=1, max_length=500)
    target = serializers.UUIDField(help_text="the bank the questions go to")


class TransferResultSerializer(serializers.Serializer):
    moved = serializers.IntegerField(required=False)
    created = serializers.ListField(child=serializers.CharField(), required=False)
    skipped = serializers.ListField(child=serializers.CharField(), required=False, help_text="already there")


# ---------------------------------------------------------------------- shares
class ShareSerializer(serializers.Serializer):
    username = serializers.CharField(help_text="the user to share with")
    user_id = serializers.IntegerField(read_only=True)
    full_name = serializers.CharField(read_only=True)
    role = serializers.ChoiceField(choices=BankShare.Role.choices, default=BankShare.Role.VIEWER)


class ShareRoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=BankShare.Role.choices)


# ---------------------------------------------------------------------- import
class QuestionFileUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    format = serializers.ChoiceField(
        choices=sorted(FORMATS), required=False, allow_blank=True, help_text="guessed from the name if empty"
    )


class ImportJobSerializer(serializers.ModelSerializer):
    bank = serializers.UUIDField(source="bank.uuid")

    class Meta:
        model = ImportJob
        fields = [
            "uuid",
            "bank",
            "filename",
            "format",
            "stage",
            "status",
            "total",
            "done",
            "result",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields
