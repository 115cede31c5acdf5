"""The one place that reads the process environment.

Every setting the project takes from outside is read here, typed and defaulted, and documented in
`.env.example`. Nothing else in the code base touches `os.environ` (except `cli.py`, which only
picks the settings module).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _load_dotenv(path: Path) -> None:
    """Read KEY=VALUE lines from a local .env; variables already set in the environment win."""
    if not path.is_file():
        return
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip("'\""))


_load_dotenv(PROJECT_ROOT / ".env")


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
    deadline_seconds: float


def _read_alerts_env(debug: bool) -> AlertsEnv:
    email = os.environ.get("EMAIL_BACKEND") or ("console" if debug else "smtp")
    sms = os.environ.get("SMS_BACKEND") or ("console" if debug else "twilio")
    tasks = os.environ.get("TASKS_BACKEND") or _default_task_backend()
    return AlertsEnv(
        site_url=os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/"),
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
    num_proxies: int
    alerts: AlertsEnv


def read_env() -> Env:
    debug = _bool("DEBUG", True)
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
        num_proxies=_int("NUM_PROXIES", 0),
        alerts=_read_alerts_env(debug),
    )
