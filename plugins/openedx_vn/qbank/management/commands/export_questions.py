"""Export a bank's questions: OLX library or unit for Studio, QTI 2.1, GIFT, or a printable Word paper."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from openedx_vn.qbank import api


class Command(BaseCommand):
    help = (
        "Export a question bank: --format olx_library (Studio content library, default), olx_unit (one unit, "
        "in a course archive), qti (QTI 2.1 package), gift (Moodle) or docx (printable paper with its key)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bank", required=True, help="bank uuid")
        parser.add_argument("--format", dest="fmt", default="olx_library", choices=api.export_formats())
        parser.add_argument(
            "-o", "--output", type=Path, help="default: a name made from the bank's (or title)"
        )
        parser.add_argument("--question", action="append", help="a question uuid (repeat; default: all)")
        parser.add_argument(
            "--title", help="library, unit, package or paper title (default: the bank's name)"
        )
        parser.add_argument("--org", help="OLX: organisation, e.g. QuangNinh")
        parser.add_argument("--code", help="olx_library: library code, e.g. TOAN6")
        parser.add_argument("--number", help="olx_unit: course number of the wrapping course")
        parser.add_argument("--run", help="olx_unit: course run of the wrapping course")
        parser.add_argument("--explanations", choices=("end", "inline"), help="docx: where explanations go")

    def handle(self, bank, fmt, output, question, **options):
        wanted = ("title", "org", "code", "number", "run", "explanations")
        given = {name: options[name] for name in wanted if options.get(name)}
        try:
            content, filename, notes = api.export_questions(bank, fmt, question_uuids=question, **given)
        except (LookupError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        output = output or Path(filename)
        output.write_bytes(content)
        key = (
            f" library-v1:{given['org']}+{given['code']}"
            if fmt == "olx_library" and {"org", "code"} <= set(given)
            else ""
        )
        self.stdout.write(f"Wrote {output} ({fmt}){key}")
        for note in notes:
            self.stdout.write(f"  - {note}")
