"""Settings of the development host.

Loads our apps the way edx-platform's lms/envs do: plugin apps from the ``lms.djangoapp`` entry
points, then each plugin's ``plugin_settings``. SQLite by default; MySQL/MariaDB and Redis from the
environment (see docs/decisions/0003-development-host.md for every variable).
"""

import os
import warnings
from importlib.util import find_spec
from pathlib import Path

from edx_django_utils.plugins import add_plugins, get_plugin_apps

# pyfilesystem2 (needed by XBlock) still imports pkg_resources; the warning is upstream's to fix.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)

REPO_ROOT = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("VN_VAR_DIR", REPO_ROOT / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

# Which platform we imitate: "lms.djangoapp" (default) or "cms.djangoapp" for Studio-side plugin config.
PROJECT_TYPE = os.environ.get("VN_PROJECT_TYPE", "lms.djangoapp")
SETTINGS_TYPE = os.environ.get("VN_SETTINGS_TYPE", "common")

SECRET_KEY = os.environ.get("VN_SECRET_KEY", "dev-only-not-secret")  # noqa: S105 - dev host only
DEBUG = os.environ.get("VN_DEBUG", "true").lower() == "true"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "djpyfs",
    "workbench",
    # Installed in the LMS and Studio already: the tagging app Studio's tag picker reads taxonomies from.
    "rules.apps.AutodiscoverRulesConfig",
    "openedx_tagging",
    "devhost",
]
# Installed in the LMS already: the scores the timed test gives the gradebook (edx-submissions, ADR 0019).
if find_spec("submissions"):
    INSTALLED_APPS.insert(INSTALLED_APPS.index("devhost"), "submissions")
INSTALLED_APPS.extend(app for app in get_plugin_apps(PROJECT_TYPE) if app not in INSTALLED_APPS)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "devhost.urls"
WSGI_APPLICATION = "devhost.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The workbench's container blocks (vertical_demo, ...) render templates kept here.
        "DIRS": [Path(find_spec("sample_xblocks").origin).parent / "basic" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.static",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


# ---------------------------------------------------------------- database
def _database():
    engine = os.environ.get("VN_DB_ENGINE", "sqlite").lower()
    if engine == "sqlite":
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("VN_DB_NAME", VAR_DIR / "dev.db"),
        }
    if engine in ("mysql", "mariadb"):
        return {
            "ENGINE": "django.db.backends.mysql",
            "NAME": os.environ.get("VN_DB_NAME", "openedx_vn"),
            "USER": os.environ.get("VN_DB_USER", "root"),
            "PASSWORD": os.environ.get("VN_DB_PASSWORD", ""),
            "HOST": os.environ.get("VN_DB_HOST", "127.0.0.1"),
            "PORT": os.environ.get("VN_DB_PORT", "3306"),
            # As Open edX: utf8mb4, strict mode.
            "OPTIONS": {"charset": "utf8mb4", "init_command": "SET sql_mode='STRICT_TRANS_TABLES'"},
            # Persistent connections: a new MariaDB connection per request cost more than the request's own
            # queries once the two cores were shared (docs/scaling.md says how to set it in the LMS).
            "CONN_MAX_AGE": int(os.environ.get("VN_DB_CONN_MAX_AGE", "60")),
            "CONN_HEALTH_CHECKS": True,
            "TEST": {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"},
        }
    raise ValueError(f"VN_DB_ENGINE={engine!r}: use 'sqlite' (default) or 'mysql'")


DATABASES = {"default": _database()}
# Third-party apps without their own default (the workbench) keep the AutoField their migrations use;
# our apps set BigAutoField in their AppConfig.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# ---------------------------------------------------------------- Vietnamese first
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Files under MEDIA_ROOT, served at MEDIA_URL by devhost/urls.py while DEBUG (what other apps upload).
# The LMS configures its own default storage (S3 through django-storages on Tutor deployments).
# Exports and question pictures are private (ADR 0011): STORAGES["openedx_vn"] when defined (a private
# S3 bucket on Tutor), else this folder outside MEDIA_ROOT, served only through our checked views.
VN_PRIVATE_STORAGE_ROOT = Path(os.environ.get("VN_PRIVATE_STORAGE_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# ---------------------------------------------------------------- Cache and sessions
# Per-process memory and database sessions unless a cache server is named (VN_CACHE_URL, a Redis URL): then
# the cache is shared by every process, and sessions live in it, as the LMS keeps them (Open edX's settings:
# the cache session engine; Redis under Tutor). The autosave benchmark serves its students this way.
CACHE_URL = os.environ.get("VN_CACHE_URL", "")
if CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

# ---------------------------------------------------------------- Celery
# Eager (in-process) unless a Redis broker is configured, as the LMS runs tasks on its workers.
REDIS_URL = os.environ.get("VN_REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("VN_CELERY_QUEUE", "openedx-vn.default")
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

# ---------------------------------------------------------------- REST
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "openedx-vn API",
    "VERSION": "v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Document our APIs only, not those of other installed plugins (lti-consumer-xblock).
    "PREPROCESSING_HOOKS": ["devhost.schema.only_openedx_vn"],
}

# ---------------------------------------------------------------- XBlock workbench
WORKBENCH = {
    "reset_state_on_restart": False,
    "services": {
        "fs": "xblock.reference.plugins.FSService",
        "settings": "workbench.services.SettingsService",
        # Like the LMS: each block's own translations/<lang>/LC_MESSAGES/text.mo first.
        "i18n": "devhost.xblock_i18n.XBlockI18nService",
    },
}
DJFS = {"type": "osfs", "directory_root": str(VAR_DIR / "djpyfs"), "url_root": "/static/djpyfs"}
# Hide the SDK's sample blocks from the index (their scenarios stay reachable) and lti_consumer, whose
# scenario needs edx-platform's opaque usage keys and answers 500 in any workbench.
EXCLUDED_XBLOCKS = {
    "allscopes_demo",
    "attempts_scoreboard_demo",
    "equality_demo",
    "filethumbs",
    "helloworld_demo",
    "html_demo",
    "lti_consumer",
    "problem_demo",
    "sidebar_demo",
    "slider_demo",
    "textinput_demo",
    "thumbs",
    "view_counter_demo",
}

# Settings edx-platform defines and installed plugins (lti-consumer-xblock) read.
SERVICE_VARIANT = "lms"
PLATFORM_NAME = "openedx-vn (dev)"
LMS_ROOT_URL = os.environ.get("VN_LMS_ROOT_URL", "http://127.0.0.1:8000")
LTI_BASE = LMS_ROOT_URL
LTI_API_BASE = LMS_ROOT_URL
USAGE_ID_PATTERN = r"(?P<usage_id>(?:i4x://?[^/]+/[^/]+/[^/]+/[^@]+(?:@[^/]+)?)|(?:[^/]+))"

OPENEDX_VN = {"PLATFORM_URL": "/"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        # XBlock events (grades, completion) the workbench runtime "publishes" by logging them.
        "workbench.runtime": {"handlers": ["console"], "level": "INFO"},
        "openedx_vn": {"handlers": ["console"], "level": "INFO"},
    },
}

# Last, as edx-platform does: each plugin's plugin_settings() may extend what is above.
add_plugins(__name__, PROJECT_TYPE, SETTINGS_TYPE)
