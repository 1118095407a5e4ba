"""Copy provinces and their commune-level units from the `vietnam-provinces` package (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from openedx_vn.schools import api


class Command(BaseCommand):
    help = (
        "Load provinces and their communes, wards and special zones (post-2025) from the vietnam-provinces "
        "package, e.g. `load_units 22` for Quảng Ninh. Names are updated, codes kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("provinces", nargs="+", help="province codes, e.g. 22")
        parser.add_argument(
            "--districts",
            action="store_true",
            help="also the pre-2025 districts, to label older school years",
        )

    def handle(self, provinces, districts, **options):
        try:
            result = api.load_units(provinces, legacy_districts=districts)
        except api.UnknownProvince as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{result.provinces} province(s), {result.communes} commune-level unit(s), "
            f"{result.districts} pre-2025 district(s): {result.created} new, {result.updated} updated."
        )
