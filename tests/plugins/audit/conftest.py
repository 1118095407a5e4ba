"""The share tests' organisation (four schools of two Quảng Ninh communes, every role) for the audit tests."""

from tests.plugins.teaching.conftest import org  # noqa: F401 - a fixture, used by name
