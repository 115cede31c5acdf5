"""The one place that reads the process environment.

Every setting the project takes from outside is read here, typed and defaulted, and documented in
`.env.example`. Nothing else in the code base touches `os.environ` (except `cli.py`, which only
picks the settings module).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import phonenumbers
from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# A local .env (or ENV_FILE), read as shells read it (`export NAME=…`, quotes, `# comments`);
# variables already set in the environment win.
load_dotenv(os.environ.get("ENV_FILE") or PROJECT_ROOT / ".env", override=False)


class ConfigurationError(RuntimeError):
    """A required setting is missing or malformed."""


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {value!r}")


def _float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a number, not {value!r}") from exc


def _paths(name: str, default: list[Path]) -> list[Path]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [Path(part).expanduser() for part in value.split(os.pathsep) if part.strip()]


def _default_reference_dir() -> Path:
    return (PROJECT_ROOT.parent / "shared" / "data").resolve()


def _var_dir() -> Path:
    return Path(os.environ.get("VAR_DIR") or PROJECT_ROOT / "var").expanduser()


def _development_secret_key(var_dir: Path) -> str:
    """A local key kept under var/: no secret in the repository, and it survives restarts."""
    key_file = var_dir / "dev-secret-key"
    if key_file.exists():
        return key_file.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = "dev-" + os.urandom(32).hex()
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def _int(name: str, default: int) -> int:
    return int(_float(name, default))


def _list(name: str, default: str = "") -> list[str]:
    """A comma-separated list."""
    value = os.environ.get(name)
    return [
        part.strip() for part in (default if value is None else value).split(",") if part.strip()
    ]


def _origin(name: str, value: str, *, https: bool) -> str:
    """`scheme://host[:port]` of an absolute http(s) URL, or a ConfigurationError naming `name`."""
    parts = urlsplit(value)
    schemes = {"https"} if https else {"http", "https"}
    if parts.scheme not in schemes or not parts.hostname or parts.username or parts.password:
        wanted = "an https URL" if https else "an absolute http or https URL"
        raise ConfigurationError(f"{name} must be {wanted} (https://example.org), not {value!r}")
    return f"{parts.scheme}://{parts.netloc}"


def _site_url(debug: bool) -> str:
    """The public address of the site: absolute, and https in production (links in messages,
    and the origin the forms are posted from)."""
    value = os.environ.get("SITE_URL") or ""
    if not value:
        if not debug:
            raise ConfigurationError(
                "SITE_URL must be set when DEBUG is false: the site's public https address"
            )
        value = "http://127.0.0.1:8000"
    _origin("SITE_URL", value, https=not debug)
    if urlsplit(value).query or urlsplit(value).fragment:
        raise ConfigurationError(f"SITE_URL must have no query or fragment, not {value!r}")
    return value.rstrip("/")


def _positive(name: str, default: float) -> float:
    value = _float(name, default)
    if value <= 0:
        raise ConfigurationError(f"{name} must be a number of seconds above 0, not {value}")
    return value


def _hour(name: str, default: int) -> int:
    hour = _int(name, default)
    if not 0 <= hour <= 23:
        raise ConfigurationError(f"{name} must be an hour from 0 to 23, not {hour}")
    return hour


# Short names for the backends the alerts app can use; a dotted path is taken as it is.
_EMAIL_BACKENDS = {
    "smtp": "deputized.alerts.mail.EmailBackend",  # Django's, with a total deadline
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
_SMS_BACKENDS = {
    "console": "deputized.alerts.sms.ConsoleBackend",
    "locmem": "deputized.alerts.sms.LocMemBackend",
    "twilio": "deputized.alerts.sms.TwilioBackend",
}
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}


def _default_task_backend() -> str:
    """The database backend when its package is installed, else tasks run where they are queued."""
    import importlib.util

    return "database" if importlib.util.find_spec("django_tasks_db") else "immediate"


@dataclass(frozen=True)
class AlertsEnv:
    """Mail, SMS, background tasks and the alerts' limits (see docs/alerts.md)."""

    site_url: str
    email_backend: str
    email_host: str
    email_port: int
    email_host_user: str
    email_host_password: str
    email_use_tls: bool
    default_from_email: str
    sms_backend: str
    twilio_account_sid: str
    twilio_auth_token: str
    twilio_from: str
    tasks_backend: str
    redis_url: str
    anymail_webhook_secret: list[str]
    lease_seconds: int
    digest_hour: int
    webhook_allow_loopback: bool
    sms_countries: list[str]
    retention_days: int
    deadline_seconds: float


def _countries(name: str, value: str) -> list[str]:
    """ISO 3166 region codes, comma-separated, as the phonenumbers library names them."""
    codes = [c.strip().upper() for c in value.split(",") if c.strip()]
    unknown = [c for c in codes if c not in phonenumbers.SUPPORTED_REGIONS]
    if unknown or not codes:
        raise ConfigurationError(f"{name} must list country codes such as US,PR, not {unknown}")
    return codes


def _days(name: str, days: int) -> int:
    if days < 0:
        raise ConfigurationError(f"{name} must be a number of days, 0 or more, not {days}")
    return days


def _read_alerts_env(debug: bool) -> AlertsEnv:
    email = os.environ.get("EMAIL_BACKEND") or ("console" if debug else "smtp")
    sms = os.environ.get("SMS_BACKEND") or ("console" if debug else "twilio")
    tasks = os.environ.get("TASKS_BACKEND") or _default_task_backend()
    return AlertsEnv(
        site_url=_site_url(debug),
        email_backend=_EMAIL_BACKENDS.get(email, email),
        email_host=os.environ.get("EMAIL_HOST", "localhost"),
        email_port=_int("EMAIL_PORT", 25),
        email_host_user=os.environ.get("EMAIL_HOST_USER", ""),
        email_host_password=os.environ.get("EMAIL_HOST_PASSWORD", ""),
        email_use_tls=_bool("EMAIL_USE_TLS", False),
        default_from_email=os.environ.get("DEFAULT_FROM_EMAIL", "alerts@localhost"),
        sms_backend=_SMS_BACKENDS.get(sms, sms),
        twilio_account_sid=os.environ.get("TWILIO_ACCOUNT_SID", ""),
        twilio_auth_token=os.environ.get("TWILIO_AUTH_TOKEN", ""),
        twilio_from=os.environ.get("TWILIO_FROM", ""),
        tasks_backend=_TASK_BACKENDS.get(tasks, tasks),
        redis_url=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        anymail_webhook_secret=[
            part.strip()
            for part in os.environ.get("ANYMAIL_WEBHOOK_SECRET", "").split(",")
            if part.strip()
        ],
        lease_seconds=_int("ALERTS_LEASE_SECONDS", 300),
        digest_hour=_hour("ALERTS_DIGEST_HOUR", 7),
        webhook_allow_loopback=_bool("ALERTS_WEBHOOK_ALLOW_LOOPBACK", debug),
        deadline_seconds=_positive("ALERTS_DEADLINE_SECONDS", 10),
        sms_countries=_countries(
            "ALERTS_SMS_COUNTRIES", os.environ.get("ALERTS_SMS_COUNTRIES") or "US"
        ),
        retention_days=_days("ALERTS_RETENTION_DAYS", _int("ALERTS_RETENTION_DAYS", 30)),
    )


# Content-Security-Policy: the site's own scripts, styles and images only. Inline styles stay
# allowed: the pages' SVG maps and charts carry their own <style>, and templates use style="".
# No inline script is allowed (the pages have none; the API docs load theirs from /static/).
DEFAULT_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


@dataclass(frozen=True)
class SecurityEnv:
    """HTTPS and browser protections (docs/operations.md, "Behind a TLS proxy")."""

    hsts_seconds: int
    hsts_include_subdomains: bool
    hsts_preload: bool
    ssl_redirect: bool
    secure_cookies: bool
    proxy_ssl_header: tuple[str, str] | None
    csrf_trusted_origins: list[str]
    content_security_policy: str


def _read_security_env(debug: bool, site_url: str) -> SecurityEnv:
    header = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip()
    if header and not all(c.isalnum() or c == "-" for c in header):
        raise ConfigurationError(
            f"SECURE_PROXY_SSL_HEADER must be a header name (X-Forwarded-Proto), not {header!r}"
        )
    # The site's own public origin is always trusted, so forms work behind a proxy even when
    # the operator lists nothing.
    origins = [
        _origin("CSRF_TRUSTED_ORIGINS", o, https=False) for o in _list("CSRF_TRUSTED_ORIGINS")
    ]
    own = _origin("SITE_URL", site_url, https=False)
    return SecurityEnv(
        hsts_seconds=_int("SECURE_HSTS_SECONDS", 0),
        hsts_include_subdomains=_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False),
        hsts_preload=_bool("SECURE_HSTS_PRELOAD", False),
        ssl_redirect=_bool("SECURE_SSL_REDIRECT", False),
        secure_cookies=_bool("SECURE_COOKIES", not debug),
        # The proxy sets this header to "https" on requests that reached it over TLS.
        proxy_ssl_header=("HTTP_" + header.upper().replace("-", "_"), "https") if header else None,
        csrf_trusted_origins=[own, *(o for o in origins if o != own)],
        content_security_policy=(
            os.environ.get("CONTENT_SECURITY_POLICY", "").strip() or DEFAULT_CONTENT_SECURITY_POLICY
        ),
    )


@dataclass(frozen=True)
class Env:
    debug: bool
    secret_key: str
    allowed_hosts: list[str]
    database_url: str | None
    var_dir: Path
    reference_data_dir: Path
    ice_archive_dirs: list[Path]
    ice_page_url: str
    fetch_timeout_seconds: float
    log_level: str
    guard_min_absent_publications: int
    guard_min_absent_days: int
    guard_quarantine_share: float
    guard_signed_correction_max_days: int
    cache_url: str
    cache_max_megabytes: int
    num_proxies: int
    alerts: AlertsEnv
    security: SecurityEnv


def read_env() -> Env:
    # Off unless asked for: a forgotten DEBUG must never turn the debug pages on in production.
    debug = _bool("DEBUG", False)
    secret_key = os.environ.get("SECRET_KEY", "")
    if not secret_key:
        if not debug:
            raise ConfigurationError("SECRET_KEY must be set when DEBUG is false")
        secret_key = _development_secret_key(_var_dir())
    reference_dir = Path(
        os.environ.get("REFERENCE_DATA_DIR") or _default_reference_dir()
    ).expanduser()
    # ICE's own workbooks, then the converted pre-2025 rosters (the older history), when present.
    default_archive = [
        folder
        for folder in (
            reference_dir / "ice" / "snapshots",
            reference_dir / "ice" / "wayback_converted",
        )
        if folder.is_dir()
    ]
    alerts = _read_alerts_env(debug)
    return Env(
        debug=debug,
        secret_key=secret_key,
        allowed_hosts=[
            h.strip()
            for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
            if h.strip()
        ],
        database_url=os.environ.get("DATABASE_URL") or None,
        var_dir=_var_dir(),
        reference_data_dir=reference_dir,
        ice_archive_dirs=_paths("ICE_ARCHIVE_DIRS", default_archive),
        ice_page_url=os.environ.get(
            "ICE_287G_PAGE_URL", "https://www.ice.gov/identify-and-arrest/287g"
        ),
        fetch_timeout_seconds=_float("FETCH_TIMEOUT_SECONDS", 30.0),
        log_level=os.environ.get("LOG_LEVEL", "INFO"),
        guard_min_absent_publications=int(_float("GUARD_MIN_ABSENT_PUBLICATIONS", 2)),
        guard_min_absent_days=int(_float("GUARD_MIN_ABSENT_DAYS", 3)),
        guard_quarantine_share=_float("GUARD_QUARANTINE_SHARE", 0.10),
        guard_signed_correction_max_days=int(_float("GUARD_SIGNED_CORRECTION_MAX_DAYS", 60)),
        cache_url=os.environ.get("CACHE_URL", ""),
        cache_max_megabytes=_int("CACHE_MAX_MEGABYTES", 256),
        num_proxies=_int("NUM_PROXIES", 0),
        alerts=alerts,
        security=_read_security_env(debug, alerts.site_url),
    )
