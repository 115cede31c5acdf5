"""Django settings. All values that come from outside are read by `deputized.env`."""

from __future__ import annotations

import secrets

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
    "django.contrib.sitemaps",
    "deputized.archive",
    "deputized.history",
    "deputized.places",
    "deputized.earlier",
    "deputized.web",
    "simple_history",
    "deputized.oversight",
    "deputized.officials",
    "deputized.community",
    "ninja",  # the API docs page's own assets (no CDN)
    "deputized.opendata",
    "django_tasks",
    "anymail",  # the mail provider's bounce and complaint webhooks (deputized/alerts/bounces.py)
    # After places: its history_updated receiver places new agencies before alerts route them.
    "deputized.alerts",
    "deputized.feeds",
    "deputized.documents",
    "deputized.records",
    "deputized.campaigns",
    "deputized.stops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Compresses what every layer below returns, cached pages included (deputized/compression.py,
    # which says why this is safe from BREACH).
    "deputized.compression.TextGZipMiddleware",
    "deputized.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache: answers a feed reader's conditional request with 304, cached or not.
    "deputized.feeds.caching.FeedConditionalGetMiddleware",
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
                # failing half-way through a write transaction. A page cache of up to 64 MB
                # (SQLite's default: 2 MB) holds the indexes an ingest writes into at random (a
                # replay's 233,738 listings by agreement): with 2 MB, writing them cost
                # three times as much, pages going to and from the file.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches (docs/operations.md, "Caches and rate limits"). `default`: rendered pages and API
# answers, in memory per server process, bounded in entries and bytes. `shared`: what must hold
# across processes (rate-limit counters, when a data version was first seen), in files under
# VAR_DIR shared by every process of this machine. CACHE_URL=redis://… puts both in Redis,
# shared between processes and servers.
if ENV.cache_url.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": ENV.cache_url}
        for alias in ("default", "shared")
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "deputized.caches.BoundedLocMemCache",
            "OPTIONS": {
                "MAX_ENTRIES": 20_000,  # every county, town and agency page, twice
                "MAX_BYTES": ENV.cache_max_megabytes * 1024 * 1024,
                "MAX_ENTRY_BYTES": 2 * 1024 * 1024,  # the largest API page (1,000 rows) is 0.6 MB
            },
        },
        "shared": {
            "BACKEND": "deputized.caches.SharedFileCache",
            "LOCATION": ENV.var_dir / "cache",
            "TIMEOUT": 24 * 3600,
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
    }
# Proxies in front of the site (0: none): the client's address is then read from the right of
# X-Forwarded-For, past that many hops, for the rate limits. Never trust the header without one.
NUM_PROXIES = ENV.num_proxies
NINJA_NUM_PROXIES = NUM_PROXIES

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
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # httpx logs every request's URL at INFO: a webhook's URL is a subscriber's address.
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
        # WeasyPrint (the documents' PDFs) logs each rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}

# Where the project reads data it does not own (never committed to the repository).
REFERENCE_DATA_DIR = ENV.reference_data_dir
ICE_ARCHIVE_DIRS = ENV.ice_archive_dirs
# The sourced agreements before 2021 (deputized/earlier, its README): a layer of their own.
EARLIER_AGREEMENTS_DIR = REFERENCE_DATA_DIR / "ice" / "historical"
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

# Open data (deputized/api, deputized/opendata): where the downloads are written (served at
# /downloads/), whether they are rebuilt after each history update once first built
# (`deputized build_downloads`), and the API's rate limit per client address ("N/s", "N/min",
# "N/hour"; None turns it off).
OPENDATA_DIR = ENV.var_dir / "downloads"
STOPS_DIR = ENV.var_dir / "stops"  # Parquet of the traffic-stop extract (deputized/stops/)
# DuckDB's memory while `load_stops` builds them: past it, it spills to disk beside STOPS_DIR.
STOPS_LOAD_MEMORY = "2GB"
# Copies of adopted texts curators upload (oversight.models.Adoption.copy), checked on upload.
ADOPTION_COPIES_DIR = ENV.var_dir / "adoptions"
OPENDATA_AUTO_BUILD = True
API_RATE_LIMIT: str | None = "1200/min"

# The officials' public corrections form (deputized/officials/corrections.py).
OFFICIALS = {
    "CORRECTION_LIMIT_PER_CLIENT": 5,  # per hour, counted across processes (deputized/ratelimit.py)
    # A submitter's optional contact is erased this many days after the correction was reviewed
    # (or submitted, if never reviewed): `deputized officials_purge`, run daily.
    "CONTACT_RETENTION_DAYS": 90,
}

# Alerts (deputized/alerts, docs/alerts.md): mail, SMS, background workers and limits.
SITE_URL = ENV.alerts.site_url
EMAIL_BACKEND = ENV.alerts.email_backend
EMAIL_HOST = ENV.alerts.email_host
EMAIL_PORT = ENV.alerts.email_port
EMAIL_HOST_USER = ENV.alerts.email_host_user
EMAIL_HOST_PASSWORD = ENV.alerts.email_host_password
EMAIL_USE_TLS = ENV.alerts.email_use_tls
# Per operation; the whole connection and each message are bounded by ALERTS["DEADLINE_SECONDS"]
# (deputized/alerts/mail.py).
EMAIL_TIMEOUT = ENV.alerts.deadline_seconds
DEFAULT_FROM_EMAIL = ENV.alerts.default_from_email
TASKS = {"default": {"BACKEND": ENV.alerts.tasks_backend, "QUEUES": ["default"]}}
if ENV.alerts.tasks_backend.startswith("django_tasks_db."):
    INSTALLED_APPS.append("django_tasks_db")  # workers: `manage.py db_worker`
# The RQ backend keeps its queue in Redis; workers: `manage.py rqworker --job-class
# django_tasks_rq.Job` (django-rq's command, there when TASKS_BACKEND=rq).
RQ_QUEUES = {"default": {"URL": ENV.alerts.redis_url, "DEFAULT_TIMEOUT": 900}}
if ENV.alerts.tasks_backend.startswith("django_tasks_rq."):
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
ALERTS = {
    "SMS_BACKEND": ENV.alerts.sms_backend,
    "TWILIO_ACCOUNT_SID": ENV.alerts.twilio_account_sid,
    "TWILIO_AUTH_TOKEN": ENV.alerts.twilio_auth_token,
    "TWILIO_FROM": ENV.alerts.twilio_from,
    "LEASE_SECONDS": ENV.alerts.lease_seconds,
    # Total seconds one outbound call may take (a webhook, the SMS provider, one mail message),
    # however slowly the other end answers (deputized/alerts/deadline.py).
    "DEADLINE_SECONDS": ENV.alerts.deadline_seconds,  # a claimed delivery is retried after this
    "DIGEST_HOUR": ENV.alerts.digest_hour,  # local hour the daily digests go out
    "MAX_ATTEMPTS": 6,  # per delivery, with backoff
    "DISABLE_AFTER_FAILURES": 8,  # consecutive failed attempts before a webhook is disabled
    "SIGNUP_LIMIT_PER_ADDRESS": 3,  # per hour
    "SIGNUP_LIMIT_PER_CLIENT": 10,  # per hour
    # Webhooks to this machine (http://127.0.0.1…): development and tests only.
    "WEBHOOK_ALLOW_LOOPBACK": ENV.alerts.webhook_allow_loopback,
    "CONFIRM_HOURS": 48,  # a confirmation link works once, this long (pages say "two days")
    "CONFIRM_ATTEMPTS": 4,  # calls to a webhook with its confirmation, with the outbox's backoff
    # Countries whose mobile numbers may sign up for texts (SMS pumping); the first is the one a
    # number written without +country code is read in.
    "SMS_COUNTRIES": ENV.alerts.sms_countries,
    # Days after which `alerts_purge` erases the address of an unsubscribed or bounced subscriber.
    "RETENTION_DAYS": ENV.alerts.retention_days,
}

# HTTPS and browser protections, all set from the environment (docs/operations.md, "Behind a TLS
# proxy"; `manage.py check --deploy` lists what is missing).
SECURE_HSTS_SECONDS = ENV.security.hsts_seconds
SECURE_HSTS_INCLUDE_SUBDOMAINS = ENV.security.hsts_include_subdomains
SECURE_HSTS_PRELOAD = ENV.security.hsts_preload
SECURE_SSL_REDIRECT = ENV.security.ssl_redirect
SECURE_PROXY_SSL_HEADER = ENV.security.proxy_ssl_header
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = ENV.security.secure_cookies
CSRF_TRUSTED_ORIGINS = ENV.security.csrf_trusted_origins
CONTENT_SECURITY_POLICY = ENV.security.content_security_policy

# django-anymail's tracking webhooks (/anymail/<provider>/tracking/) take the provider's calls only
# with HTTP basic auth "user:password" from ANYMAIL_WEBHOOK_SECRET (a list: old and new while
# rotating). Unset, anymail would accept anyone's: a credential nobody knows refuses them all.
ANYMAIL = {
    "WEBHOOK_SECRET": ENV.alerts.anymail_webhook_secret or [f"unset:{secrets.token_hex(32)}"],
}
