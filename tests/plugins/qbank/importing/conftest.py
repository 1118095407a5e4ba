"""Pictures stored by imports go to a temporary MEDIA_ROOT, never to the repository's var/media."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
