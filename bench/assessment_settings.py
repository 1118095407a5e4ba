"""The dev host's settings with persistent database connections, for comparing the autosave benchmark:
``VN_BENCH_ASSESS_SETTINGS=assessment_settings`` (bench/ must be on the server's path: bench_assessment.py
adds it). By default Django opens a connection to MariaDB for every request (CONN_MAX_AGE = 0)."""

from devhost.settings import *  # noqa: F403

DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
