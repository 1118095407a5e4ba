"""Import schools, classes and teaching assignments from CSV/XLSX files, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from openedx_vn.schools import api


class Command(BaseCommand):
    help = (
        "Import schools, classes and teaching assignments: one .xlsx workbook (sheets schools, classes, "
        "assignments) or CSV files, one per table. A file with any problem imports nothing. "
        "Templates: /vn/schools/api/v1/import/template.xlsx"
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check and report, store nothing")

    def handle(self, files, dry_run, **options):
        contents = []
        for file in files:
            try:
                contents.append((file.name, file.read_bytes()))
            except OSError as exc:
                raise CommandError(f"{file}: {exc.strerror}") from exc
        # The operator at the console acts with an operator's scope.
        try:
            report = api.import_organisation(contents, api.SYSTEM_SCOPE, dry_run=dry_run)
        except api.OrganisationImportError as exc:
            raise CommandError(str(exc)) from exc
        verb = "would import" if dry_run else "imported"
        self.stdout.write(
            f"{verb}: schools {report.schools_created} new, {report.schools_updated} updated; "
            f"classes {report.classes_created} new, {report.classes_updated} updated; "
            f"assignments {report.assignments_created} new, {report.assignments_removed} removed; "
            f"{report.teachers_added} teacher role(s) added."
        )
