"""What the bank records in the audit trail (ADR 0013): shares given, changed and removed, questions moved.
Called inside the transaction of the change."""

from openedx_vn.audit import api as audit_api


def _place(bank):
    if bank.school_code:
        return {"school_code": bank.school_code}
    if bank.province_code:
        return {"province_code": bank.province_code}
    return {}


def share_changed(bank, by_user, user_id, before_role, after_role):
    """A share of ``bank`` for ``user_id`` went from ``before_role`` to ``after_role`` (None: no share)."""
    if before_role == after_role:
        return
    action = (
        "bank.shared"
        if before_role is None
        else "bank.unshared"
        if after_role is None
        else "bank.share_changed"
    )
    audit_api.record(
        by_user,
        action,
        "question_bank",
        bank.uuid,
        before=None if before_role is None else {"user_id": user_id, "role": before_role},
        after=None if after_role is None else {"user_id": user_id, "role": after_role},
        **_place(bank),
    )


def questions_moved(source, target, question_uuids, by_user):
    """Questions went from ``source`` to ``target`` (recorded on both banks' places)."""
    uuids = sorted(str(u) for u in question_uuids)
    for bank in (source, target):
        audit_api.record(
            by_user,
            "questions.moved",
            "question_bank",
            bank.uuid,
            before={"bank": str(source.uuid), "questions": uuids},
            after={"bank": str(target.uuid), "questions": uuids},
            **_place(bank),
        )
