"""What the import wizard's preview shows of each question, and what the teacher sets before confirming.

The preview lists every question (up to ``SHOWN``) as the student will see it, with its key and explanation,
under a key that names its place in the file ("table:line:number"), stable when the file is read again at
confirm time. The teacher's choices are ``{"all": {...}, "questions": {key: {...}}}`` with ``subject``,
``grade``, ``level`` and ``outcomes``: a question's own entry wins; a value given for all fills every
question without its own entry (an empty value leaves the file's). They are applied to the drafts just
before they are stored.
"""

from django.utils.translation import gettext as _
from rest_framework import serializers

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank.data import COGNITIVE_LEVELS

SHOWN = 500  # questions shown in a preview; the rest get the values set for all
FIELDS = {
    "subject": "subject_code",
    "grade": "grade",
    "level": "cognitive_level",
    "outcomes": "outcome_codes",
}


def key_of(place):
    return f"{place.table or ''}:{place.line or ''}:{place.number or ''}"


def sample(drafts):
    """The preview's questions: everything the question block and the bank page show, key included (the
    preview is a teacher's page; students never reach it)."""
    return [
        {
            "key": key_of(draft.place),
            "place": str(draft.place),
            "type": draft.type,
            "title": draft.title,
            "stem": draft.stem,
            "body": draft.body,
            "explanation": draft.explanation,
            "points": str(draft.points),
            "subject": draft.subject_code,
            "grade": draft.grade,
            "level": draft.cognitive_level,
            "outcomes": list(draft.outcome_codes),
            "notes": [str(note) for note in draft.notes],
        }
        for draft in drafts[:SHOWN]
    ]


def apply(drafts, choices):
    """Set subject, grade, level and outcomes on ``drafts`` from the teacher's ``choices`` (validated)."""
    everyone = {
        name: value for name, value in (choices.get("all") or {}).items() if value not in ("", None, [])
    }
    own = choices.get("questions") or {}
    for draft in drafts:
        values = own.get(key_of(draft.place), everyone)
        for name, attribute in FIELDS.items():
            if name in values:
                setattr(draft, attribute, _stored(name, values[name]))


def _stored(name, value):
    if name == "outcomes":
        return list(value or [])
    if name == "grade":
        return value or None
    return value or ""


class MetadataSerializer(serializers.Serializer):
    """Subject, grade, level and outcomes of one question (or of all): each may be left empty."""

    subject = serializers.CharField(required=False, allow_blank=True, max_length=20)
    grade = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=12)
    level = serializers.CharField(required=False, allow_blank=True)
    outcomes = serializers.ListField(
        child=serializers.CharField(max_length=64), required=False, allow_empty=True, max_length=50
    )

    def validate_level(self, value):
        if value and value not in COGNITIVE_LEVELS:
            known = ", ".join(str(label) for label in COGNITIVE_LEVELS.values())
            raise serializers.ValidationError(
                _("Unknown level %(level)s: choose one of %(known)s.")
                % {"level": repr(value), "known": known}
            )
        return value

    def validate_subject(self, value):
        return value.strip().upper()


class ChoicesSerializer(serializers.Serializer):
    """The body of a confirm: values for all questions, and for some by their preview key."""

    all = MetadataSerializer(required=False)
    questions = serializers.DictField(child=MetadataSerializer(), required=False, allow_empty=True)

    def validate(self, attrs):
        entries = [attrs.get("all") or {}, *(attrs.get("questions") or {}).values()]
        codes = {code for entry in entries for code in entry.get("outcomes", [])}
        known = curriculum_api.existing_codes(codes) if codes else set()
        unknown = sorted(codes - set(known))
        if unknown:
            message = _("These learning outcome codes are not in the curriculum: %(codes)s.")
            raise serializers.ValidationError({"outcomes": [message % {"codes": ", ".join(unknown)}]})
        return attrs
