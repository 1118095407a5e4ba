"""Who is looking at the lesson, from the runtime's ``user`` service.

The LMS and Studio put the platform user id and the course-staff flag in ``opt_attrs`` ("edx-platform.*").
The SDK workbench knows only the ``?student=`` string: a number is taken as a platform user id, any other
string as the username of a Django user of the host (the dev host's demo users), so that the workbench
records attendance and sessions against real users as the LMS does (docs/decisions/0003).
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model


@dataclass(frozen=True)
class Person:
    user_id: int | None  # None: anonymous, or a workbench student unknown to the host
    is_staff: bool


NOBODY = Person(None, False)


def current_person(block):
    service = block.runtime.service(block, "user")
    user = service.get_current_user() if service else None
    if user is None:
        return NOBODY
    attrs = user.opt_attrs
    if "edx-platform.user_id" in attrs:
        if not attrs.get("edx-platform.is_authenticated", True) or attrs["edx-platform.user_id"] is None:
            return NOBODY
        return Person(int(attrs["edx-platform.user_id"]), bool(attrs.get("edx-platform.user_is_staff")))
    return _workbench_person(attrs.get("xblock-workbench.user_id"))


def _workbench_person(name):
    if not name:
        return NOBODY
    users = get_user_model().objects
    found = users.filter(pk=int(name)) if str(name).isdigit() else users.filter(username=name)
    row = found.values("pk", "is_staff").first()
    return Person(row["pk"], row["is_staff"]) if row else NOBODY


def person_of_user(user):
    """A Django user (Studio's ``editor_saved`` hook passes one)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return NOBODY
    return Person(user.pk, bool(user.is_staff))


def django_user(person):
    """The Django user behind ``person`` (the LMS and Studio share the user table), or None."""
    if person.user_id is None:
        return None
    return get_user_model().objects.filter(pk=person.user_id).first()
