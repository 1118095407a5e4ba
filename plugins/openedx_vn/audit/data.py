"""Values the audit app hands to other apps, views and tests."""

from dataclasses import dataclass
from datetime import datetime

__all__ = ["AuditEntry"]


@dataclass(frozen=True)
class AuditEntry:
    """One entry of the trail. ``at`` is aware (UTC as stored); ``actor_*`` None for the system."""

    uuid: str
    at: datetime
    actor_user_id: int | None
    actor_username: str | None
    actor_name: str | None
    action: str
    action_label: str
    object_type: str
    object_id: str
    school_code: str
    commune_code: str
    province_code: str
    before: object
    after: object
