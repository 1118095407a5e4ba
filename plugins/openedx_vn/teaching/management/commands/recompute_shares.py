"""Recompute the online-teaching share cells of a school year from scratch (what the nightly task does)."""

from django.core.management.base import BaseCommand, CommandError

from openedx_vn.teaching import api


class Command(BaseCommand):
    help = "Recompute the online-teaching share of a school year (default: the current one) from scratch."

    def add_arguments(self, parser):
        parser.add_argument("--year", help="school year, e.g. 2025-2026 (default: the current one)")

    def handle(self, *args, year=None, **options):
        try:
            counts = api.recompute_shares(year)
        except api.UnknownYear as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{counts.year}: {counts.cells} cells from {counts.plans} plans and {counts.sessions} sessions "
            f"({counts.recounted} block sessions recounted, {counts.org_keys_refreshed} rows re-keyed) "
            f"in {counts.seconds:.2f} s"
        )
