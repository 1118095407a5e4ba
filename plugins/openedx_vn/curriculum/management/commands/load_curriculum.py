"""Load the program (figures, as a new version when they changed) and topic/outcome trees."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from openedx_vn.curriculum import api


class Command(BaseCommand):
    help = "Load the GDPT 2018 program and topic trees: the shipped files, or the files given."

    def add_arguments(self, parser):
        parser.add_argument("--program", type=Path, help="a program YAML file instead of the shipped one")
        parser.add_argument("--topics", type=Path, nargs="*", default=None, help="topic files (.csv, .xlsx)")

    def handle(self, *args, program=None, topics=None, **options):
        try:
            if program is None and topics is None:
                version, created, loads = api.load_shipped_curriculum()
            else:
                text = program.read_text(encoding="utf-8") if program else None
                version, created = api.load_program(text, program.name if program else "program.yaml")
                loads = [api.load_topics(path.read_bytes(), path.name) for path in topics or []]
        except (api.CurriculumError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        state = "new version" if created else "unchanged"
        self.stdout.write(f"Program {version.key} ({state}), current.")
        for load in loads:
            self.stdout.write(
                f"Topics: {load.nodes} nodes; replaced {len(load.replaced)}, unchanged {len(load.unchanged)} "
                "subject × grade trees."
            )
