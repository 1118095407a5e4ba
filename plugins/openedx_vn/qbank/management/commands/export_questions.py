"""Export a bank as an Open edX content-library archive (.tar.gz) for Studio's library import."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from openedx_vn.qbank import api


class Command(BaseCommand):
    help = "Export a question bank as an OLX content-library archive."

    def add_arguments(self, parser):
        parser.add_argument("--bank", required=True, help="bank uuid")
        parser.add_argument("--org", required=True, help="organisation of the library, e.g. QuangNinh")
        parser.add_argument("--code", required=True, help="library code, e.g. TOAN6")
        parser.add_argument("-o", "--output", type=Path, help="default: <code>.tar.gz")

    def handle(self, bank, org, code, output, **options):
        try:
            archive, notes = api.export_library(bank, org, code)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        output = output or Path(f"{code}.tar.gz")
        output.write_bytes(archive)
        self.stdout.write(f"Wrote {output}: library-v1:{org}+{code}")
        for note in notes:
            self.stdout.write(f"  - {note}")
