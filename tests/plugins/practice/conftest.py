import pytest
from django.core.cache import cache

from tests.plugins.practice.banks import make_bank


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test reads the questions of its own bank (practice keeps an outcome's questions cached)."""
    cache.clear()


@pytest.fixture
def bank(db):
    return make_bank()
