"""`make bench`, hardening: the site and the alerts under hostile webhook endpoints.

Run alone with `python -m bench.hardening [FOLDER]` (it builds a full database in FOLDER, or
reuses the one there, as `python -m bench.pages` does). On a copy of that database, with places
loaded, everything on loopback:
16. gunicorn (2 workers, as in step 8) serves the site. First the county page alone: two clients
    request it back to back for a few seconds (p50, p95, max). Then, for WINDOW seconds, 10 other
    clients hold webhook sign-ups whose endpoint answers a byte at a time (each from its own
    address, X-Forwarded-For behind one proxy, and each for a new URL, so no rate limit stops
    them), while the same two clients time the county page again. Target: p95 <= 100 ms.
17. meanwhile `deputized deliver` sends one alert to SUBSCRIBERS subscribers of the county: email
    to a local SMTP server and webhooks to a local receiver, and one webhook whose endpoint never
    finishes its answer. Target: every other subscriber's alert delivered, the hanging one failed
    within ALERTS_DEADLINE_SECONDS, and the command returns.
"""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench.pages import (
    COUNTY,
    PROJECT_ROOT,
    SITE_DATABASE,
    copy_database,
    gunicorn,
    load_places,
    percentile,
)

DUPLIN = "county:37061"
SLOW_SIGNUPS = 10
PAGE_CLIENTS = 2
ALONE_SECONDS = 5
WINDOW = 20
P95_TARGET_MS = 100.0
EMAIL_SUBSCRIBERS, WEBHOOK_SUBSCRIBERS = 40, 10
DEADLINE_SECONDS = 10  # ALERTS_DEADLINE_SECONDS, its default


def time_page(url: str, seconds: float, clients: int = PAGE_CLIENTS) -> tuple[list[float], int]:
    """Each client requests `url` back to back for `seconds`; every answer's time, and how many
    requests failed (an error status or no answer within 30 s)."""
    times: list[float] = []
    failed = 0
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def client() -> None:
        nonlocal failed
        while time.monotonic() < end:
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    response.read()
                    ok = response.status == 200
            except (urllib.error.URLError, OSError):
                ok = False
            with lock:
                times.append(time.perf_counter() - started)
                failed += not ok

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, failed


class PlainHTTPCookies(http.cookiejar.DefaultCookiePolicy):
    """With DEBUG off the CSRF cookie is `Secure`; the bench speaks plain HTTP on loopback (the
    TLS proxy's side of a deployment), so the cookie goes back anyway."""

    def return_ok_secure(self, cookie: http.cookiejar.Cookie, request: object) -> bool:
        return True


class SlowSignups:
    """SLOW_SIGNUPS clients, each posting webhook sign-ups for the trickling endpoint, one after
    the other, until stopped: the attack of the review (2026-12-04)."""

    def __init__(self, base: str, endpoint: str) -> None:
        self.base, self.endpoint = base, endpoint
        self.stop = threading.Event()
        self.answers: list[tuple[int, float]] = []  # (status, seconds)
        self.lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self._client, args=(n,), daemon=True)
            for n in range(SLOW_SIGNUPS)
        ]

    def __enter__(self) -> SlowSignups:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def _client(self, n: int) -> None:
        jar = http.cookiejar.CookieJar(policy=PlainHTTPCookies())
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.addheaders = [("X-Forwarded-For", f"198.51.100.{n + 1}")]
        signup = f"{self.base}/en/alerts/"
        attempt = 0
        while not self.stop.is_set():
            attempt += 1
            started = time.perf_counter()
            try:
                with opener.open(signup, timeout=60) as page:
                    page.read()
                token = next(c.value for c in jar if c.name == "csrftoken")
                form = {
                    "csrfmiddlewaretoken": token,
                    "topic": DUPLIN,
                    "channel": "webhook",
                    "webhook_url": f"{self.endpoint}/{n}/{attempt}",
                    "email": f"dev{n}@example.org",
                    "kinds": ["activated", "new_active"],
                    "language": "en",
                    "mode": "immediate",
                    "website": "",
                }
                data = urllib.parse.urlencode(form, doseq=True).encode()
                request = urllib.request.Request(signup, data=data, headers={"Referer": signup})
                with opener.open(request, timeout=60) as answer:
                    answer.read()
                    status = answer.status
            except urllib.error.HTTPError as error:
                status = error.code
            except (urllib.error.URLError, OSError, StopIteration):
                status = 0
            with self.lock:
                self.answers.append((status, time.perf_counter() - started))


def seed_alert() -> tuple[list[int], int]:
    """SUBSCRIBERS of Duplin County and one alert queued for each; returns the ids of the
    subscribers expected to receive it and the hanging webhook's."""
    from django.utils import timezone

    from deputized.alerts.dispatch import queue_deliveries
    from deputized.alerts.models import Notice, Subscriber, Topic

    yesterday = timezone.now() - dt.timedelta(days=1)

    def subscriber(channel: str, address: str) -> Subscriber:
        made = Subscriber.objects.create(
            channel=channel,
            address=address,
            contact_email="dev@example.org" if channel == "webhook" else "",
            kinds=",activated,new_active,removed,",
            confirmed_at=yesterday,
        )
        Topic.objects.create(subscriber=made, key=DUPLIN, label="Duplin County, NC")
        return made

    hanging = subscriber("webhook", f"{ENDPOINTS['hanging']}/hook")
    others = [subscriber("email", f"resident{i}@example.org") for i in range(EMAIL_SUBSCRIBERS)]
    others += [
        subscriber("webhook", f"{ENDPOINTS['receiver']}/hook/{i}")
        for i in range(WEBHOOK_SUBSCRIBERS)
    ]
    notice = Notice.objects.create(
        key="bench|hardening",
        kind="activated",
        stage="confirmed",
        event_kind="activated",
        event_seq=1,
        agency_id="nc-duplin-county-sheriffs-office",
        agreement_id="nc-duplin-county-sheriffs-office-bench",
        model="JEM",
        observed_on=dt.date.today(),
        publication_id=1,
        topics=[DUPLIN, "state:NC"],
    )
    queued = queue_deliveries(notice)
    assert queued == len(others) + 1, queued
    return [s.pk for s in others], hanging.pk


ENDPOINTS: dict[str, str] = {}


def run(workdir: Path) -> bool:
    """Steps 16 and 17 on the database the default connection holds; True when targets are met."""
    from django.db import connections

    from deputized.alerts.models import Delivery
    from tests.alerts.servers import (
        ENDLESS_HEADERS,
        MailSink,
        SMTPServer,
        TrickleServer,
        WebhookReceiver,
    )

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's line per connection
    connection = connections["default"]
    loaded = load_places()
    site = workdir / "hardening"
    connection.close()
    copy_database(Path(connection.settings_dict["NAME"]), site)
    connection.settings_dict["NAME"] = site / SITE_DATABASE
    (site / "static").mkdir(exist_ok=True)
    static_root = Path(tempfile.mkdtemp(prefix="static-", dir=workdir))

    sink = MailSink()
    with (
        TrickleServer(ENDLESS_HEADERS, every=2.0) as slow,  # the sign-ups' endpoint
        TrickleServer(ENDLESS_HEADERS, every=2.0) as hanging,  # a subscriber's endpoint
        WebhookReceiver() as receiver,
        SMTPServer(sink) as smtp,
    ):
        ENDPOINTS.update(hanging=hanging.url, receiver=receiver.url.rsplit("/", 1)[0])
        expected, hanging_id = seed_alert()
        connection.close()
        env = {
            "ALERTS_WEBHOOK_ALLOW_LOOPBACK": "true",  # the endpoints run on this machine
            "NUM_PROXIES": "1",  # each attacker from an address of its own
            "TASKS_BACKEND": "dummy",  # nothing runs beside the web request
            "EMAIL_BACKEND": "locmem",
            "ALERTS_DEADLINE_SECONDS": str(DEADLINE_SECONDS),
        }
        with gunicorn(site, static_root, extra_env=env) as base:
            county = f"{base}{COUNTY}"
            alone, _ = time_page(county, ALONE_SECONDS)
            with SlowSignups(base, slow.url.rsplit("/", 1)[0]) as attack:
                time.sleep(1)  # the sign-ups are in flight
                worker_env = {
                    **env,
                    "DEBUG": "false",
                    "SECRET_KEY": "bench-" + "x" * 50,
                    "SITE_URL": "https://deputized.example",  # as the bench's gunicorn has it
                    "VAR_DIR": str(site),
                    "EMAIL_BACKEND": "smtp",
                    "EMAIL_HOST": "127.0.0.1",
                    "EMAIL_PORT": str(smtp.port),
                    "LOG_LEVEL": "WARNING",
                    "DJANGO_SETTINGS_MODULE": "deputized.settings",
                }
                worker_env = {**os.environ, **worker_env}
                worker_env.pop("DATABASE_URL", None)
                started = time.perf_counter()
                deliver = subprocess.Popen(
                    [sys.executable, "manage.py", "deliver", "--no-dispatch"],
                    cwd=PROJECT_ROOT,
                    env=worker_env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                under_attack, failed = time_page(county, WINDOW)
                try:
                    _out, err = deliver.communicate(timeout=300)
                    delivered_in = time.perf_counter() - started
                except subprocess.TimeoutExpired:
                    deliver.kill()
                    _out, err = deliver.communicate()
                    delivered_in = float("inf")
            answers = list(attack.answers)

    statuses = dict(Delivery.objects.filter(subscriber_id__in=expected).values_list("id", "status"))
    sent = sum(status == "sent" for status in statuses.values())
    stuck = Delivery.objects.get(subscriber_id=hanging_id)
    mailed, called = len(sink.alerts()), len(receiver.calls)

    def line(label: str, times: list[float], target: str = "") -> float:
        p50, p95, top = (1000 * percentile(times, s) for s in (0.5, 0.95, 1.0))
        print(
            f"   {label:<44} {len(times):5d} requests  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
            f"max {top:8.1f} ms  {target}".rstrip()
        )
        return p95

    print(f"16. county page under slow webhook sign-ups (gunicorn -w 2; places: {loaded})")
    line(f"{COUNTY}, alone ({PAGE_CLIENTS} clients)", alone)
    p95 = line(
        f"the same, {SLOW_SIGNUPS} slow sign-ups held ({WINDOW} s)",
        under_attack,
        f"target p95 <= {P95_TARGET_MS:.0f} ms",
    )
    if failed:
        print(f"   {failed} county page requests failed (error or no answer in 30 s)")
    if answers:
        codes = statistics.multimode(code for code, _ in answers)
        print(
            f"   sign-ups answered: {len(answers)} (most often HTTP {codes[0]}), "
            f"longest {max(seconds for _, seconds in answers):.1f} s"
        )
    print(
        f"17. `deputized deliver` meanwhile: {sent} of {len(expected)} other subscribers' alerts "
        f"sent ({mailed} to the SMTP server, {called} to the webhook receiver) in "
        f"{delivered_in:.1f} s; the hanging webhook's: {stuck.status} "
        f"({stuck.last_error or 'no error'})  target: all sent, the hanging one failed"
    )
    if deliver.returncode != 0:
        print(f"   deliver exited {deliver.returncode}: {err[-1000:]}")
    delivered = sent == len(expected) and stuck.status != "sent" and deliver.returncode == 0
    return p95 <= P95_TARGET_MS and not failed and delivered


def main() -> None:
    """`python -m bench.hardening [FOLDER]`."""
    from bench.pages import standalone

    standalone(run, "a hardening target was missed (see above)")


if __name__ == "__main__":
    main()
