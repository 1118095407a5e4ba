"""Submit the timed-test attempts whose time is up (what the per-minute beat sweep does), for hosts that run
it from cron instead: ``tutor local do vn-close-expired-attempts`` or a Kubernetes CronJob."""

from django.core.management.base import BaseCommand

from openedx_vn.assessment import api


class Command(BaseCommand):
    help = "Submit, with their saved answers, the timed-test attempts whose deadline has passed."

    def handle(self, *args, **options):
        closed = api.close_expired_attempts()
        self.stdout.write(f"{closed} attempts submitted")
