"""Give a platform user a role in a scope (or take it away)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from openedx_vn.schools import api


class Command(BaseCommand):
    help = (
        "Give a user a role: `grant_role hieutruong school_leader 22000101`, `grant_role canboxa "
        "commune_officer 06688`, `grant_role canbotinh province_officer 22`, `grant_role it operator`."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=api.ROLES)
        parser.add_argument("scope", nargs="?", help="school code, commune code or province code")
        parser.add_argument("--revoke", action="store_true", help="take the role away instead")

    def handle(self, username, role, scope, revoke, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}")
        try:
            changed = (api.revoke_role if revoke else api.grant_role)(user.id, role, scope)
        except api.SchoolsError as exc:
            raise CommandError(str(exc)) from exc
        what = (
            ("revoked" if changed else "had no such role")
            if revoke
            else ("granted" if changed else "already had it")
        )
        self.stdout.write(f"{username}: {role} {scope or ''} {what}.")
