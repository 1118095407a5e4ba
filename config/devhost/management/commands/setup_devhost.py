"""Prepare the development host in one process: migrations, the curriculum, the demo data."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Apply migrations, load the curriculum and the demo data (what `make dev` runs before serving)."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_curriculum", stdout=self.stdout)
        call_command("export_curriculum_taxonomy", stdout=self.stdout)
        call_command("load_demo_data", stdout=self.stdout)
