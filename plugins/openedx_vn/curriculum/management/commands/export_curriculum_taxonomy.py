"""Create or update the curriculum taxonomy that Studio's tag picker offers."""

from django.core.management.base import BaseCommand, CommandError

from openedx_vn.curriculum import api


class Command(BaseCommand):
    help = (
        "Export the curriculum (subjects, grades, strands, topics, outcomes) as an openedx_tagging taxonomy."
    )

    def handle(self, *args, **options):
        try:
            export_id, count, created = api.export_taxonomy()
        except api.CurriculumError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Taxonomy {export_id}: {count} tags ({'created' if created else 'updated in place'})."
        )
