"""Celery app of the development host; in the LMS our tasks bind to the LMS's own Celery app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhost.settings")

app = Celery("devhost")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
