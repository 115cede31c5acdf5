"""Hostile endpoints and providers: every outbound call ends within its total deadline, however
slowly the other end answers, and one hanging webhook never holds anyone else's alert.

The slow ends are real servers on loopback (tests/alerts/servers.py) that send their answer one
byte at a time: a per-read timeout restarts with every byte and never fires against them.
"""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs

import httpx
import pytest
from django.core import mail
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone

from deputized.alerts import sms, webhook
from deputized.alerts.dispatch import queue_deliveries
from deputized.alerts.models import Delivery, Subscriber
from deputized.alerts.worker import process_outbox
from deputized.env import _EMAIL_BACKENDS
from tests.alerts.servers import (
    ENDLESS_HEADERS,
    MailSink,
    SMTPServer,
    TrickleServer,
    database_url,
    start_worker,
    worker_env,
)
from tests.alerts.test_alerts import _alert_settings, notice, subscriber  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

DEADLINE = 1.5
# What the deadline may overrun by: the time to notice it and close (generous, on a busy machine).
SLACK = 1.5
# A complete, successful answer, but one byte every quarter second: about ten seconds in all.
SLOW_OK = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


@pytest.fixture
def deadline(settings) -> float:
    settings.ALERTS = {**settings.ALERTS, "DEADLINE_SECONDS": DEADLINE}
    return DEADLINE


def timed(call) -> tuple[float, Exception | None]:
    started = time.monotonic()
    try:
        call()
    except Exception as exc:  # the test looks at which
        return time.monotonic() - started, exc
    return time.monotonic() - started, None


def test_a_webhook_that_answers_a_byte_at_a_time_fails_within_the_deadline(deadline):
    with TrickleServer(SLOW_OK) as slow:
        took, error = timed(
            lambda: webhook.post(
                slow.url, {"type": "t"}, secret="s", delivery_id="1", allow_loopback=True
            )
        )
    assert isinstance(error, webhook.WebhookError), error
    assert str(error) == f"timed out: no answer within {deadline:g} s"
    assert took < deadline + SLACK, took


def test_the_sms_provider_answering_a_byte_at_a_time_fails_within_the_deadline(settings, deadline):
    settings.ALERTS = {
        **settings.ALERTS,
        "TWILIO_ACCOUNT_SID": "AC123",
        "TWILIO_AUTH_TOKEN": "secret",
        "TWILIO_FROM": "+19195550100",
    }
    answer = b'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n\r\n{"sid": "SM1"}'
    with TrickleServer(answer) as slow:
        backend = sms.TwilioBackend()
        backend.api = f"http://127.0.0.1:{slow.port}/2010-04-01"  # in place of Twilio's host
        took, error = timed(lambda: backend.send(sms.SMS("+19195550123", "hello")))
    assert isinstance(error, sms.SMSError), error
    assert "timed out" in str(error)
    assert took < deadline + SLACK, took


def test_a_mail_server_greeting_a_byte_at_a_time_fails_within_the_deadline(settings, deadline):
    # What EMAIL_BACKEND=smtp means in production.
    settings.EMAIL_BACKEND = _EMAIL_BACKENDS["smtp"]
    settings.EMAIL_HOST, settings.EMAIL_TIMEOUT = "127.0.0.1", 30
    greeting = b"220 slow.example ESMTP at your service, eventually\r\n"
    with TrickleServer(greeting, http=False) as slow:
        settings.EMAIL_PORT = slow.port
        message = EmailMessage("s", "b", "alerts@example.org", ["a@example.org"])
        took, error = timed(lambda: get_connection(fail_silently=False).send_messages([message]))
    assert isinstance(error, TimeoutError), error
    assert took < deadline + SLACK, took


def test_a_hanging_webhook_fails_counts_toward_disabling_and_holds_nobody_else(settings, deadline):
    settings.ALERTS = {**settings.ALERTS, "DISABLE_AFTER_FAILURES": 2}
    with TrickleServer(ENDLESS_HEADERS) as hanging:
        hook = subscriber("webhook", hanging.url, contact_email="dev@example.org")
        mailed = subscriber(address="b@example.org")  # queued after the webhook
        queue_deliveries(notice())
        took, _ = timed(process_outbox)
        assert took < deadline + SLACK, took
        assert Delivery.objects.get(subscriber=mailed).status == "sent"
        failed = Delivery.objects.get(subscriber=hook)
        assert failed.status == "queued"
        assert failed.last_error == f"webhook: timed out: no answer within {deadline:g} s"
        hook.refresh_from_db()
        assert hook.consecutive_failures == 1
        Delivery.objects.filter(subscriber=hook).update(due_at=timezone.now())
        process_outbox()
    hook.refresh_from_db()
    assert hook.status == Subscriber.Status.DISABLED
    assert hanging.connections == 2
    assert [m.to for m in mail.outbox] == [["b@example.org"], ["dev@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_the_deliver_command_returns_and_mails_the_others_while_a_webhook_hangs():
    """`deputized deliver` as cron runs it, against a real SMTP server and an endpoint that
    never finishes its answer."""
    sink = MailSink()
    with TrickleServer(ENDLESS_HEADERS) as hanging, SMTPServer(sink) as smtp:
        hook = subscriber("webhook", hanging.url, contact_email="dev@example.org")
        mailed = [subscriber(address=f"r{i}@example.org") for i in range(3)]
        queue_deliveries(notice())
        env = worker_env(smtp.port, database_url(), ALERTS_DEADLINE_SECONDS="2")
        worker = start_worker(env)
        try:
            _out, err = worker.communicate(timeout=60)
        finally:
            worker.kill()
        assert worker.returncode == 0, err[-3000:]
    assert sorted(m["To"] for m in sink.alerts()) == sorted(s.address for s in mailed)
    assert set(Delivery.objects.filter(subscriber__in=mailed).values_list("status", flat=True)) == {
        "sent"
    }
    failed = Delivery.objects.get(subscriber=hook)
    assert failed.status == "queued"
    assert failed.last_error == "webhook: timed out: no answer within 2 s"
    hook.refresh_from_db()
    assert hook.consecutive_failures == 1


def twilio_refusing_long_bodies(settings, sent: list[str]) -> None:
    """Twilio's REST API at the network edge, with its rule: a body over 1,600 characters is
    refused with error 21617."""
    settings.ALERTS = {
        **settings.ALERTS,
        "SMS_BACKEND": f"{__name__}.EdgeTwilio",
        "TWILIO_ACCOUNT_SID": "AC123",
        "TWILIO_AUTH_TOKEN": "secret",
        "TWILIO_FROM": "+19195550100",
    }

    def answer(request: httpx.Request) -> httpx.Response:
        body = parse_qs(request.content.decode())["Body"][0]
        if len(body) > 1600:
            return httpx.Response(400, json={"code": 21617, "message": "body too long"})
        sent.append(body)
        return httpx.Response(201, json={"sid": f"SM{len(sent)}"})

    EdgeTwilio.transport_for_tests = httpx.MockTransport(answer)


class EdgeTwilio(sms.TwilioBackend):
    transport_for_tests: httpx.BaseTransport | None = None

    def __init__(self) -> None:
        super().__init__(transport=self.transport_for_tests)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_long_sms_digest_fits_in_one_message_with_a_link_to_the_rest(settings, language):
    sent: list[str] = []
    twilio_refusing_long_bodies(settings, sent)
    settings.ALERTS = {**settings.ALERTS, "DISABLE_AFTER_FAILURES": 1}
    texted = subscriber("sms", "+19195550123", mode="digest", language=language)
    for i in range(40):
        queue_deliveries(notice(key=f"n{i}"))
    stats = process_outbox(force_digests=True)
    assert (stats.sent, stats.failed, stats.messages) == (40, 0, 1)
    texted.refresh_from_db()
    assert texted.status == "active"
    [body] = sent
    assert len(body) <= 1600
    more = re.search(r"(?:And|Y) (\d+) (?:more changes|cambios más): (\S+)", body)
    assert more, body
    shown = len(body.splitlines()) - 2  # one line per change, then the "more" line and STOP
    assert shown >= 5 and shown + int(more[1]) == 40
    assert more[2] == f"{settings.SITE_URL}/{language}/changes/"
