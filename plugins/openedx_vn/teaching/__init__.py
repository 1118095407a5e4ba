"""Online-teaching share: plans, online sessions, shares against the targets. Public: ``api`` and ``data``."""
