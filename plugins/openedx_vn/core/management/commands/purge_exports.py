"""Delete the exported files whose download links have all expired (what the daily beat entry does), for hosts
that run it from cron instead: ``tutor local do vn-purge-exports`` or a Kubernetes CronJob."""

from django.core.management.base import BaseCommand

from openedx_vn.core.exports import purge_exports


class Command(BaseCommand):
    help = "Delete exported files (CSV, XLSX, PDF) whose download links have all expired."

    def handle(self, *args, **options):
        deleted = purge_exports()
        self.stdout.write(f"{deleted} exported files deleted")
