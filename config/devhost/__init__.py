"""Development host: a Django project that loads the openedx-vn plugins exactly as the LMS does."""

from devhost.celery import app as celery_app

__all__ = ["celery_app"]
