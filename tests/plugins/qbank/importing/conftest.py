"""Pictures stored by imports go to temporary folders, never to the repository's var/ (ADR 0011: private)."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VN_PRIVATE_STORAGE_ROOT = tmp_path / "private"
