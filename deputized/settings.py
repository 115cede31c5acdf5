"""Django settings. All values that come from outside are read by `deputized.env`."""

from __future__ import annotations

import dj_database_url

from deputized.env import PROJECT_ROOT, read_env

ENV = read_env()

BASE_DIR = PROJECT_ROOT
DEBUG = ENV.debug
SECRET_KEY = ENV.secret_key
ALLOWED_HOSTS = ENV.allowed_hosts

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "deputized.archive",
    "deputized.history",
    "deputized.places",
    "deputized.web",
    "simple_history",
    "deputized.oversight",
    "deputized.community",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages served once rendered, until their data changes (deputized/web/cache.py).
    "deputized.web.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "deputized.urls"
WSGI_APPLICATION = "deputized.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "deputized.web.context.site",
            ],
        },
    },
]

ENV.var_dir.mkdir(parents=True, exist_ok=True)
if ENV.database_url:
    DATABASES = {"default": dj_database_url.parse(ENV.database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": ENV.var_dir / "deputized.sqlite3",
            # Keep each worker's connection: opening one (and its PRAGMAs) per request cost more
            # than serving a cached page.
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                # WAL lets the site read while an ingest writes; IMMEDIATE avoids lock upgrades
                # failing half-way through a write transaction.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [PROJECT_ROOT / "deputized" / "locale"]
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = ENV.var_dir / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns at start-up when it is missing
# The app's own assets, served by whitenoise (no CDN); its finders serve them without a
# collectstatic step in development and tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_MAX_AGE = 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": ENV.log_level},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Where the project reads data it does not own (never committed to the repository).
REFERENCE_DATA_DIR = ENV.reference_data_dir
ICE_ARCHIVE_DIRS = ENV.ice_archive_dirs
ICE_287G_PAGE_URL = ENV.ice_page_url
FETCH_TIMEOUT_SECONDS = ENV.fetch_timeout_seconds

# Bring the history up to date after every ingest that stored something new.
HISTORY_AUTO_UPDATE = True

# The guard against false alarms (history): thresholds, with the defaults the project promises.
HISTORY_GUARD = {
    "min_absent_publications": ENV.guard_min_absent_publications,
    "min_absent_days": ENV.guard_min_absent_days,
    "quarantine_share": ENV.guard_quarantine_share,
    "signed_correction_max_days": ENV.guard_signed_correction_max_days,
}

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
