"""The 2018 General Education Program (GDPT 2018) as data. Public surface: ``api`` and ``data``."""
