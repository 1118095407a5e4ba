"""Create or update a school year: its first and last day, teaching weeks and the start of semester II."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from openedx_vn.schools import api


def _date(text):
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError as exc:
        raise CommandError(f"{text!r}: write dates as dd/mm/yyyy") from exc


class Command(BaseCommand):
    help = (
        "Create or update a school year, e.g. `set_school_year 2025-2026 05/09/2025 31/05/2026 "
        "--weeks 35 --semester2 19/01/2026` (MOET framework QĐ 2269/QĐ-BGDĐT for 2025-2026)."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="e.g. 2025-2026")
        parser.add_argument("first_day", help="dd/mm/yyyy")
        parser.add_argument("last_day", help="dd/mm/yyyy")
        parser.add_argument("--weeks", type=int, default=35, help="teaching weeks (default 35)")
        parser.add_argument("--semester2", required=True, help="first day of semester II, dd/mm/yyyy")

    def handle(self, name, first_day, last_day, weeks, semester2, **options):
        try:
            year = api.set_school_year(name, _date(first_day), _date(last_day), weeks, _date(semester2))
        except api.InvalidSchoolYear as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{year.name}: {year.starts_on:%d/%m/%Y} – {year.ends_on:%d/%m/%Y}, {year.weeks} weeks, "
            f"semester II from {year.semester2_starts_on:%d/%m/%Y}."
        )
