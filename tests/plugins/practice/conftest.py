import pytest

from tests.plugins.practice.banks import make_bank


@pytest.fixture
def bank(db):
    return make_bank()
