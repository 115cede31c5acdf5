"""Production-safe settings: DEBUG off unless asked for, `.env` read as a shell reads it, SITE_URL
checked at start, and `manage.py check --deploy` silent with the production values that
`.env.example` gives. Each case starts the project's own settings in a fresh process, with only
the environment it names (never the developer's `.env`)."""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PRINT_SETTINGS = (
    "import django; django.setup()\n"
    "from django.conf import settings as s\n"
    "from deputized.env import _EMAIL_BACKENDS as b\n"
    "mail = {v: k for k, v in b.items()}.get(s.EMAIL_BACKEND, s.EMAIL_BACKEND)\n"
    "print(s.DEBUG, mail, s.ALERTS['WEBHOOK_ALLOW_LOOPBACK'],"
    " ','.join(s.ALLOWED_HOSTS), repr(s.SECRET_KEY))\n"
)


def start(tmp_path: Path, script: str, **env: str) -> subprocess.CompletedProcess:
    base = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "deputized.settings",
        "VAR_DIR": str(tmp_path / "var"),
        "ENV_FILE": str(tmp_path / "no.env"),  # never the developer's .env
    }
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {"SECRET_KEY": "k" + secrets.token_urlsafe(50), "SITE_URL": "https://example.org"}


def test_an_unset_or_empty_debug_is_off(tmp_path):
    """Off: messages are sent (SMTP), webhooks never reach this machine, no debug pages."""
    unset = start(tmp_path, PRINT_SETTINGS, **PRODUCTION)
    empty = start(tmp_path, PRINT_SETTINGS, DEBUG="", **PRODUCTION)
    for done in (unset, empty):
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.split()[:3] == ["False", "smtp", "False"]


def test_without_debug_the_site_refuses_to_start_without_a_secret_key(tmp_path):
    done = start(tmp_path, PRINT_SETTINGS, SITE_URL="https://example.org")
    assert done.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is false" in done.stderr


def test_debug_on_only_when_asked(tmp_path):
    done = start(tmp_path, PRINT_SETTINGS, DEBUG="true")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[:3] == ["True", "console", "True"]


def test_the_env_file_is_read_as_a_shell_reads_it(tmp_path):
    """`export NAME=…`, quotes and inline comments, as operators write them."""
    env_file = tmp_path / "production.env"
    env_file.write_text(
        "# production\n"
        "export DEBUG=false\n"
        "ALLOWED_HOSTS=example.org # production\n"
        "SITE_URL='https://example.org'  # public address\n"
        f'SECRET_KEY="{PRODUCTION["SECRET_KEY"]} #1"\n'
    )
    done = start(tmp_path, PRINT_SETTINGS, ENV_FILE=str(env_file))
    assert done.returncode == 0, done.stderr[-2000:]
    debug, email, loopback, hosts, key = done.stdout.split(maxsplit=4)
    assert (debug, email, loopback, hosts) == ("False", "smtp", "False", "example.org")
    assert key.strip() == repr(PRODUCTION["SECRET_KEY"] + " #1")


def test_the_environment_wins_over_the_env_file(tmp_path):
    env_file = tmp_path / "dev.env"
    env_file.write_text("DEBUG=true\nALLOWED_HOSTS=from-the-file.example\n")
    done = start(tmp_path, PRINT_SETTINGS, ENV_FILE=str(env_file), ALLOWED_HOSTS="a.example")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[:4] == ["True", "console", "True", "a.example"]


def test_site_url_is_checked_at_start(tmp_path):
    cases = {
        # DEBUG off: the public address must be https.
        "http://example.org": "SITE_URL must be an https URL (https://example.org), not "
        "'http://example.org'",
        "example.org": "SITE_URL must be an https URL",
        "https://": "SITE_URL must be an https URL",
    }
    for value, message in cases.items():
        done = start(tmp_path, PRINT_SETTINGS, **{**PRODUCTION, "SITE_URL": value})
        assert done.returncode != 0, value
        assert message in done.stderr, done.stderr[-1000:]
    unset = start(tmp_path, PRINT_SETTINGS, SECRET_KEY=PRODUCTION["SECRET_KEY"])
    assert "SITE_URL must be set when DEBUG is false" in unset.stderr
    done = start(tmp_path, PRINT_SETTINGS, DEBUG="true", SITE_URL="127.0.0.1:8000")
    assert "SITE_URL must be an absolute http or https URL" in done.stderr
    done = start(tmp_path, PRINT_SETTINGS, DEBUG="true", SITE_URL="http://127.0.0.1:8000/")
    assert done.returncode == 0, done.stderr[-1000:]


def production_values() -> dict[str, str]:
    """The `# NAME=value` lines of .env.example's "Production" section."""
    text = (ROOT / ".env.example").read_text()
    section = text.split("# --- Production", 1)[1]
    values = dict(re.findall(r"^# ([A-Z0-9_]+)=(.*)$", section, re.M))
    assert {"DEBUG", "SITE_URL", "SECURE_PROXY_SSL_HEADER", "SECURE_HSTS_SECONDS"} <= set(values)
    return values


def test_check_deploy_is_silent_with_the_production_values_of_env_example(tmp_path):
    values = production_values()
    assert values.pop("SECRET_KEY") == ""  # the operator generates one
    values["CACHE_URL"] = "redis://127.0.0.1:6379/12"  # this suite's Redis database
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "VAR_DIR": str(tmp_path / "var"),
            "ENV_FILE": str(tmp_path / "no.env"),
            "SECRET_KEY": secrets.token_urlsafe(50),
            **values,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "System check identified no issues" in done.stdout


BEHIND_A_PROXY = """
import django; django.setup()
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
client = Client(enforce_csrf_checks=True, raise_request_exception=False)
proxy = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "deputized.example.org"}
plain = client.get("/admin/login/", HTTP_HOST="deputized.example.org")
print(plain.status_code, plain.get("Location", ""))
page = client.get("/admin/login/", **proxy)
secure = bool(page.cookies["csrftoken"]["secure"])
print(page.status_code, page.get("Strict-Transport-Security"), secure)
print(page.get("Content-Security-Policy", "")[:18])
token = page.cookies["csrftoken"].value
posted = client.post(
    "/admin/login/",
    {"username": "nobody", "password": "wrong", "csrfmiddlewaretoken": token},
    HTTP_ORIGIN="https://deputized.example.org",
    **proxy,
)
print(posted.status_code)
missing = client.get("/en/no-such-page/", **proxy)
print(missing.status_code, b"URLconf" in missing.content, b"Traceback" in missing.content)
"""


def test_forms_work_behind_a_tls_proxy_with_the_settings_from_the_environment(tmp_path):
    """The proxy receives https and passes http with X-Forwarded-Proto: Django must know the
    request was secure, or every form's Origin check fails (403)."""
    done = start(
        tmp_path,
        BEHIND_A_PROXY,
        SECRET_KEY=PRODUCTION["SECRET_KEY"],
        SITE_URL="https://deputized.example.org",
        ALLOWED_HOSTS="deputized.example.org",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        SECURE_SSL_REDIRECT="true",
        SECURE_HSTS_SECONDS="3600",
    )
    assert done.returncode == 0, done.stderr[-3000:]
    redirect, page, policy, posted, missing = done.stdout.splitlines()
    assert redirect == "301 https://deputized.example.org/admin/login/"
    assert page == "200 max-age=3600 True"
    assert policy == "default-src 'self'"
    assert posted == "200"  # the form answered (wrong password), not 403
    assert missing == "404 False False"  # DEBUG unset: no debug page


def test_proxy_header_and_trusted_origins_come_from_the_environment(tmp_path):
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings as s\n"
        "print(s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS, s.SECURE_HSTS_SECONDS,"
        " s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)\n"
    )
    done = start(
        tmp_path,
        script,
        **PRODUCTION,
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        CSRF_TRUSTED_ORIGINS="https://www.example.org, https://*.example.net",
        SECURE_HSTS_SECONDS="600",
        SECURE_SSL_REDIRECT="true",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == (
        "('HTTP_X_FORWARDED_PROTO', 'https') ['https://example.org', 'https://www.example.org', "
        "'https://*.example.net'] 600 True True True"
    )
    for name, value, message in (
        ("CSRF_TRUSTED_ORIGINS", "www.example.org", "CSRF_TRUSTED_ORIGINS must be an absolute"),
        ("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto: https", "must be a header name"),
        ("SECURE_HSTS_SECONDS", "a year", "SECURE_HSTS_SECONDS must be a number"),
    ):
        bad = start(tmp_path, script, **PRODUCTION, **{name: value})
        assert bad.returncode != 0 and message in bad.stderr, (name, bad.stderr[-500:])
