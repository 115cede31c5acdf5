"""Sign-up and people's data (issue 11): opaque single-use confirmation links, webhook
confirmations sent by the worker, SMS limited to the operator's countries, the retention purge,
the organizer's consent record, and no address or number in the logs."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import logging
import re
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_tasks import task_backends

from deputized import env
from deputized.alerts import sms, tokens
from deputized.alerts.models import Delivery, PendingSignup, Subscriber, Topic
from deputized.alerts.worker import process_outbox
from tests.alerts.servers import free_port

pytestmark = pytest.mark.django_db

WAKE = "county:37183"


@pytest.fixture(autouse=True)
def _alert_settings(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.ALERTS = {
        **settings.ALERTS,
        "SMS_BACKEND": "deputized.alerts.sms.LocMemBackend",
        "SMS_COUNTRIES": ["US"],
        "WEBHOOK_ALLOW_LOOPBACK": True,  # the tests' endpoints run on this machine
    }
    sms.outbox.clear()
    cache.clear()


def form(**extra: str) -> dict:
    return {
        "topic": WAKE,
        "channel": "email",
        "email": "resident@example.org",
        "kinds": ["activated", "new_active"],
        "language": "en",
        "mode": "immediate",
        "website": "",
        **extra,
    }


def confirm_link(text: str) -> str:
    return re.search(r"https?://[^/\s]+(/\S+/alerts/confirm/\S+/)", text).group(1)


def revealed(text: str) -> str:
    """All anyone can read from `text`: itself, and each base64 piece decoded (and inflated, as
    django.core.signing compresses). A signed link carrying an address gives it away here."""
    found = [text]
    for piece in re.findall(r"[A-Za-z0-9_\-]{16,}", text):
        try:
            raw = base64.urlsafe_b64decode(piece + "=" * (-len(piece) % 4))
        except ValueError:
            continue
        found.append(raw.decode("latin-1"))
        with contextlib.suppress(zlib.error):
            found.append(zlib.decompress(raw).decode("latin-1"))
    return "\n".join(found)


class SlowEndpoint:
    """A subscriber's webhook endpoint that holds every call until released (at most 20 s)."""

    def __init__(self) -> None:
        self.calls: list[bytes] = []
        self.release = threading.Event()
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                endpoint.calls.append(self.rfile.read(int(self.headers["Content-Length"])))
                endpoint.release.wait(20)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def __enter__(self) -> SlowEndpoint:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


# -- 1. links carry an opaque token, never an address ------------------------------------------


def test_a_confirmation_link_carries_a_random_token_never_the_address(places):
    browser = Client()
    browser.post("/en/alerts/", form())
    browser.post("/es/alerts/", form(channel="sms", phone="(919) 555-0123", language="es"))
    links = [confirm_link(mail.outbox[0].body), confirm_link(sms.outbox[0].body)]
    for link, secrets in zip(links, [("resident", "example.org"), ("9195550123",)], strict=True):
        for secret in secrets:
            assert secret not in revealed(link), link
        token = link.rstrip("/").rsplit("/", 1)[1]
        assert re.fullmatch(r"[A-Za-z0-9_\-]{43}", token)  # 256 random bits
        # Only the token's digest is stored: the table cannot be read back into working links.
        assert not PendingSignup.objects.filter(token_hash=token).exists()
        assert PendingSignup.objects.filter(token_hash=tokens.confirm_token_hash(token)).exists()
    assert not Subscriber.objects.exists()  # nothing subscribed before the owner confirms
    assert browser.post(links[0]).status_code == 200
    assert Subscriber.objects.get().address == "resident@example.org"


# -- 2. single use, sensible expiry, a clear page ------------------------------------------------


def test_a_confirmation_link_works_once_then_says_to_sign_up_again(places):
    browser = Client()
    browser.post("/es/alerts/", form(language="es"))
    browser.post("/es/alerts/", form(language="es"))  # asked twice: two links
    browser.post("/es/alerts/", form(language="es", topic="state:NC"))  # and another place
    first, second, other = (confirm_link(m.body) for m in mail.outbox)
    assert browser.get(first).status_code == 200  # the button page
    assert browser.post(first).status_code == 200
    for used in (browser.get(first), browser.post(first), browser.post(second)):
        assert used.status_code == 410
        html = used.content.decode()
        assert "Este enlace de confirmación ya no funciona" in html
        assert "Regístrese de nuevo" in html and 'href="/es/alerts/"' in html
    assert browser.post(other).status_code == 200  # another place's link still works
    assert sorted(Subscriber.objects.get().topics.values_list("key", flat=True)) == [
        WAKE,
        "state:NC",
    ]
    assert not PendingSignup.objects.exists()  # used up: nothing kept


def test_an_expired_confirmation_link_says_so_in_english(places, settings):
    browser = Client()
    browser.post("/en/alerts/", form())
    pending = PendingSignup.objects.get()
    lifetime = pending.expires_at - pending.created_at
    assert abs(lifetime - dt.timedelta(hours=48)) < dt.timedelta(seconds=1)
    settings.ALERTS = {**settings.ALERTS, "CONFIRM_HOURS": 0}  # a link that expires at once
    browser.post("/en/alerts/", form(email="late@example.org"))
    expired = browser.post(confirm_link(mail.outbox[1].body))
    assert expired.status_code == 410
    html = expired.content.decode()
    assert "This confirmation link no longer works" in html and "Sign up again" in html
    assert not Subscriber.objects.exists()


# -- 3. the web request never waits on a subscriber's endpoint ----------------------------------


def test_a_webhook_sign_up_answers_at_once_and_the_worker_sends_the_confirmation(
    places, django_capture_on_commit_callbacks
):
    with SlowEndpoint() as endpoint:
        with django_capture_on_commit_callbacks(execute=True):
            page = Client().post(
                "/en/alerts/",
                form(channel="webhook", webhook_url=endpoint.url, email="dev@example.org"),
            )
        assert page.status_code == 200
        assert "The confirmation is on its way" in page.content.decode()
        assert endpoint.calls == []  # the request did not even call it
        # A worker is woken (the outbox's task); the worker makes the call.
        assert [r.task.name for r in task_backends["default"].results] == ["deliver_outbox"]
        endpoint.release.set()
        process_outbox()
        [call] = endpoint.calls
    body = json.loads(call)
    assert body["type"] == "deputized.confirm"
    link = urlsplit(body["confirm_url"]).path
    assert Client().post(link).status_code == 200
    hook = Subscriber.objects.get(channel="webhook")
    assert (hook.address, hook.contact_email) == (endpoint.url, "dev@example.org")
    assert PendingSignup.objects.count() == 0


def test_an_endpoint_that_does_not_answer_is_retried_by_the_worker_then_given_up(places, settings):
    dead = f"http://127.0.0.1:{free_port()}/hook"
    page = Client().post("/en/alerts/", form(channel="webhook", webhook_url=dead))
    assert page.status_code == 200
    for attempt in range(1, settings.ALERTS["CONFIRM_ATTEMPTS"] + 1):
        before = timezone.now()
        process_outbox()
        pending = PendingSignup.objects.get()
        assert pending.send_attempts == attempt
        if attempt < settings.ALERTS["CONFIRM_ATTEMPTS"]:
            assert pending.send_due_at > before  # backoff
            PendingSignup.objects.update(send_due_at=timezone.now())  # time passes
    assert PendingSignup.objects.get().send_due_at is None  # given up; purged at expiry
    process_outbox()
    assert PendingSignup.objects.get().send_attempts == settings.ALERTS["CONFIRM_ATTEMPTS"]
    assert not Subscriber.objects.exists()


def test_many_sign_ups_for_one_unanswering_server_cost_the_worker_one_call(places, settings):
    # The review's attack: sign-ups for a server that never answers, each of which would hold
    # the worker for the whole deadline. One call per server and pass; the rest wait.
    settings.ALERTS = {**settings.ALERTS, "DEADLINE_SECONDS": 1}
    with SlowEndpoint() as endpoint:
        for n in range(5):
            url = endpoint.url + str(n)
            page = Client().post("/en/alerts/", form(channel="webhook", webhook_url=url))
            assert page.status_code == 200
        before = timezone.now()
        process_outbox()
        assert len(endpoint.calls) == 1
    pending = PendingSignup.objects.order_by("id")
    assert [p.send_attempts for p in pending] == [1, 0, 0, 0, 0]
    assert all(p.send_due_at > before for p in pending)  # tried again later, none given up


# -- 4. SMS: valid mobile numbers of the operator's countries -----------------------------------


@pytest.mark.parametrize(
    ("lang", "phone", "error"),
    [
        ("en", "+44 7400 123456", "We can only send text messages to numbers from: US."),
        ("es", "+44 7400 123456", "Solo podemos enviar mensajes de texto a números de: US."),
        ("en", "+1 900 555 0123", "Enter a mobile phone number that can receive text messages."),
        ("en", "+1 123 456 7890", "Enter a mobile phone number that can receive text messages."),
        ("es", "555-0123", "Escriba un número de teléfono móvil que pueda recibir mensajes"),
    ],
)
def test_sms_sign_up_takes_only_mobile_numbers_of_the_allowed_countries(places, lang, phone, error):
    page = Client().post(f"/{lang}/alerts/", form(channel="sms", phone=phone, language=lang))
    assert page.status_code == 400
    html = page.content.decode()
    assert error in html and 'href="#id_phone"' in html
    assert sms.outbox == [] and not PendingSignup.objects.exists()


def test_the_operator_chooses_the_countries(places, settings, monkeypatch):
    assert "Números móviles de: US." in Client().get("/es/alerts/").content.decode()
    settings.ALERTS = {**settings.ALERTS, "SMS_COUNTRIES": ["US", "GB"]}
    assert "Mobile numbers from: US, GB." in Client().get("/en/alerts/").content.decode()
    for phone in ("+44 7400 123456", "919 555 0123"):
        assert Client().post("/en/alerts/", form(channel="sms", phone=phone)).status_code == 200
    assert [t.to for t in sms.outbox] == ["+447400123456", "+19195550123"]
    monkeypatch.setenv("ALERTS_SMS_COUNTRIES", " us, pr ")
    assert env.read_env().alerts.sms_countries == ["US", "PR"]
    monkeypatch.setenv("ALERTS_SMS_COUNTRIES", "US,XX")
    with pytest.raises(env.ConfigurationError, match="ALERTS_SMS_COUNTRIES"):
        env.read_env()
    monkeypatch.delenv("ALERTS_SMS_COUNTRIES")
    assert env.read_env().alerts.sms_countries == ["US"]


# -- 5. the retention purge ---------------------------------------------------------------------


def subscriber(channel: str = "email", address: str = "a@example.org", **extra) -> Subscriber:
    made = Subscriber.objects.create(
        channel=channel,
        address=address,
        kinds=",activated,",
        confirmed_at=timezone.now() - dt.timedelta(days=90),
        **extra,
    )
    Topic.objects.create(subscriber=made, key=WAKE, label="Wake County, NC")
    return made


def test_the_retention_period_is_a_setting(monkeypatch):
    monkeypatch.delenv("ALERTS_RETENTION_DAYS", raising=False)
    assert env.read_env().alerts.retention_days == 30
    monkeypatch.setenv("ALERTS_RETENTION_DAYS", "7")
    assert env.read_env().alerts.retention_days == 7
    monkeypatch.setenv("ALERTS_RETENTION_DAYS", "-1")
    with pytest.raises(env.ConfigurationError, match="ALERTS_RETENTION_DAYS"):
        env.read_env()


def test_the_purge_erases_who_left_after_the_retention_period_and_keeps_the_counts(
    places, settings, capsys
):
    from tests.alerts.test_alerts import notice

    settings.ALERTS = {**settings.ALERTS, "RETENTION_DAYS": 30}
    now = timezone.now()
    long_ago, lately = now - dt.timedelta(days=31), now - dt.timedelta(days=29)
    leavers = {
        "left@example.org": subscriber(
            address="left@example.org",
            status="unsubscribed",
            status_changed_at=long_ago,
            source="csv",
            consent="2026-11-02 meeting in Raleigh",
            consent_by="Siembra NC",
        ),
        "gone@example.org": subscriber(
            address="gone@example.org", status="bounced", status_changed_at=long_ago
        ),
        "+19195550123": subscriber(
            "sms", "+19195550123", status="unsubscribed", status_changed_at=long_ago
        ),
        "dev@example.org": subscriber(
            "webhook",
            "https://hooks.example.org/in",
            contact_email="dev@example.org",
            status="unsubscribed",
            status_changed_at=long_ago,
        ),
    }
    kept = {
        "thinking@example.org": subscriber(
            address="thinking@example.org", status="unsubscribed", status_changed_at=lately
        ),
        "active@example.org": subscriber(address="active@example.org"),
    }
    Delivery.objects.create(
        subscriber=leavers["left@example.org"],
        notice=notice(),
        mode="immediate",
        status="sent",
        due_at=long_ago,
        created_at=long_ago,
    )
    browser = Client()
    old_link = f"/en/alerts/manage/{tokens.subscriber_token(leavers['left@example.org'])}/"
    assert browser.get(old_link).status_code == 200
    settings.ALERTS = {**settings.ALERTS, "CONFIRM_HOURS": 0}
    browser.post("/en/alerts/", form(email="never@example.org"))  # never confirmed, expired
    settings.ALERTS = {**settings.ALERTS, "CONFIRM_HOURS": 48}
    browser.post("/en/alerts/", form(email="soon@example.org"))  # may still confirm
    by_status = sorted(Subscriber.objects.values_list("status", flat=True))

    call_command("alerts_purge")
    out = capsys.readouterr().out
    assert out.strip() == "erased 4 former subscribers, deleted 1 expired sign-ups"

    stored = repr(list(Subscriber.objects.values())) + repr(list(PendingSignup.objects.values()))
    for address in [*leavers, "never@example.org", "hooks.example.org", "Siembra", "Raleigh"]:
        assert address not in stored and address not in out, address
    for address in [*kept, "soon@example.org"]:
        assert address in stored
    # The counts stay: rows by status, places followed, deliveries made.
    assert sorted(Subscriber.objects.values_list("status", flat=True)) == by_status
    assert Topic.objects.count() == 6 and Delivery.objects.count() == 1
    assert browser.get(old_link).status_code == 404  # links sent to them no longer open anything
    call_command("alerts_purge")
    assert (
        capsys.readouterr().out.strip() == "erased 0 former subscribers, deleted 0 expired sign-ups"
    )
    # Someone erased can sign up again like anyone new.
    mail.outbox.clear()
    browser.post("/en/alerts/", form(email="left@example.org"))
    assert browser.post(confirm_link(mail.outbox[0].body)).status_code == 200
    assert Subscriber.objects.get(address="left@example.org").status == "active"


# -- 6. the organizer's consent record ----------------------------------------------------------


def test_an_organizers_list_keeps_who_consented_when_and_how(places, tmp_path, capsys):
    listing = tmp_path / "list.csv"
    note = "2026-11-02 sign-up sheet, community meeting in Raleigh"
    listing.write_text(
        "email,phone,consent\n"
        f'a@example.org,,"{note}"\n'
        f',919-555-0199,"{note}"\n'
        f"long@example.org,,{'x' * 301}\n"
        f"comma@example.org,,{note}\n"  # unquoted: one field too many, refused
    )
    with pytest.raises(CommandError, match="--by"):
        call_command("subscribe", str(listing), "--county", "wake")
    assert not Subscriber.objects.exists()
    call_command("subscribe", str(listing), "--county", "wake", "--by", "Siembra NC")
    assert "added 2, already subscribed 0, refused 2" in capsys.readouterr().out
    for person in Subscriber.objects.all():
        assert (person.source, person.consent, person.consent_by) == ("csv", note, "Siembra NC")
        assert person.confirmed_at is not None  # when it was recorded here
    # The site's own sign-up records its double opt-in.
    browser = Client()
    browser.post("/en/alerts/", form())
    browser.post(confirm_link(mail.outbox[0].body))
    resident = Subscriber.objects.get(address="resident@example.org")
    assert resident.consent.startswith("confirmed by link (double opt-in) on ")
    assert (resident.source, resident.consent_by) == ("form", "")


# -- no address or number in the logs ----------------------------------------------------------


class RefusingSMS(sms.BaseBackend):
    def send(self, message: sms.SMS) -> str:
        raise sms.SMSError("Twilio answered 400 21211")


def test_no_address_or_number_reaches_the_logs(places, settings, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    people = ["resident@example.org", "9195550123", "9195550177", "dev@example.org"]
    browser = Client()
    browser.post("/en/alerts/", form())
    link = confirm_link(mail.outbox[0].body)
    browser.post(link[:-6] + "AAAAA/")  # a link mangled by a mail client: refused, and logged
    browser.post(link)
    browser.post(link)  # used twice
    browser.post("/en/alerts/", form(channel="sms", phone="919-555-0123"))
    settings.ALERTS = {**settings.ALERTS, "SMS_BACKEND": f"{__name__}.RefusingSMS"}
    browser.post("/en/alerts/", form(channel="sms", phone="919-555-0177"))  # provider refuses
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    browser.post("/en/alerts/", form(email="dev@example.org"))  # the mail server is down
    dead = f"http://127.0.0.1:{free_port()}/hook"
    browser.post("/en/alerts/", form(channel="webhook", webhook_url=dead, email="dev@example.org"))
    process_outbox()  # the worker fails to reach it
    listing = tmp_path / "list.csv"
    listing.write_text("phone,consent\n919-555-0177,yes\n")
    call_command("subscribe", str(listing), "--county", "wake", "--by", "organizer")
    call_command("alerts_purge")
    assert "alerts" in caplog.text  # the paths above did log
    for person in [*people, dead]:
        assert person not in revealed(caplog.text), person
