from pathlib import Path

import pytest

from openedx_vn.curriculum import api

DATA = Path(__file__).parent / "data"


@pytest.fixture
def program(db):
    """The shipped program, loaded (cheap: equal figures are not written twice)."""
    version, _ = api.load_program()
    return version


@pytest.fixture
def toan6(program):
    """A small Toán 6 tree: 2 strands, 3 topics, 4 outcomes."""
    return api.load_topics((DATA / "toan6_small.csv").read_bytes(), "toan6_small.csv")
