"""openedx-vn: Open edX plugins for Vietnamese general education."""

__version__ = "0.1.0"
