"""The share tests' organisation (four schools of two Quảng Ninh communes, every role) for the reports; the
API's messages are asserted in English (the pages, in Vietnamese)."""

from tests.plugins.teaching.conftest import _english, org  # noqa: F401 - fixtures, used by name
