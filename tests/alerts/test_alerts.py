"""The alerts' parts one by one, on small data: sign-up safety, channels, failures, bounces,
STOP/START, digests, the organizer's list and the "Get alerts" link."""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import parse_qs

import httpx
import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from deputized.alerts import sms, webhook
from deputized.alerts.dispatch import queue_deliveries
from deputized.alerts.models import Delivery, Notice, Subscriber, Topic
from deputized.alerts.worker import process_outbox
from tests.alerts.servers import WebhookReceiver

pytestmark = pytest.mark.django_db

WAKE = "county:37183"


@pytest.fixture(autouse=True)
def _alert_settings(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.ALERTS = {
        **settings.ALERTS,
        "SMS_BACKEND": "deputized.alerts.sms.LocMemBackend",
        "WEBHOOK_ALLOW_LOOPBACK": True,  # the tests' receivers run on this machine
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


def subscriber(channel: str = "email", address: str = "a@example.org", **extra) -> Subscriber:
    made = Subscriber.objects.create(
        channel=channel,
        address=address,
        kinds=",activated,removed,",
        confirmed_at=timezone.now() - dt.timedelta(days=1),
        **extra,
    )
    Topic.objects.create(subscriber=made, key=WAKE, label="Wake County, NC")
    return made


def notice(kind: str = "activated", key: str = "n1") -> Notice:
    return Notice.objects.create(
        key=key,
        kind=kind,
        stage="confirmed" if kind != "maybe_ended" else "suspected",
        event_kind="removed" if kind in {"removed", "maybe_ended"} else kind,
        event_seq=1,
        agency_id="nc-wake-county-sheriffs-office",
        agreement_id="nc-wake-county-sheriffs-office-jem-2025-01-01",
        model="JEM",
        observed_on=dt.date(2025, 10, 17),
        publication_id=1,
        topics=[WAKE, "state:NC"],
    )


def test_sign_up_says_and_sends_the_same_whether_or_not_the_address_is_subscribed(places):
    browser = Client()
    first = browser.post("/en/alerts/", form())
    assert first.status_code == 200 and len(mail.outbox) == 1
    assert browser.post(confirm_link(mail.outbox[0].body)).status_code == 200
    assert Subscriber.objects.get().status == "active"
    again = browser.post("/en/alerts/", form())
    assert len(mail.outbox) == 2
    assert again.content == first.content
    strip = lambda body: re.sub(r"/confirm/\S+/", "", body)  # noqa: E731
    assert strip(mail.outbox[0].body) == strip(mail.outbox[1].body)
    assert mail.outbox[0].subject == mail.outbox[1].subject


def test_the_honeypot_and_the_rate_limits_stop_robots(places, settings):
    browser = Client()
    robot = browser.post("/en/alerts/", form(website="http://spam.example"))
    assert robot.status_code == 200 and "Check your messages" in robot.content.decode()
    assert mail.outbox == []
    for _ in range(4):  # the same address: three per hour, then silently nothing
        assert browser.post("/en/alerts/", form()).status_code == 200
    assert len(mail.outbox) == settings.ALERTS["SIGNUP_LIMIT_PER_ADDRESS"]
    statuses = [
        browser.post("/en/alerts/", form(email=f"n{i}@example.org")).status_code for i in range(10)
    ]
    # Ten sign-ups per client and hour: four already made, six more, then refused.
    assert statuses == [200] * 6 + [429] * 4


def test_errors_are_announced_next_to_their_fields(places):
    page = Client().post("/es/alerts/", form(email="not-an-address"))
    html = page.content.decode()
    assert page.status_code == 400
    assert 'role="alert"' in html and 'href="#id_email"' in html
    assert 'id="id_email_errors"' in html


def test_a_suspected_removal_goes_only_to_those_who_asked_and_never_as_a_removal():
    plain = subscriber(address="plain@example.org")
    early = subscriber(address="early@example.org", unconfirmed=True)
    queued = queue_deliveries(notice("maybe_ended"))
    assert queued == 1
    assert Delivery.objects.get().subscriber == early
    assert not Delivery.objects.filter(subscriber=plain).exists()


def test_events_from_before_a_subscription_are_not_sent():
    seen = notice()
    late = subscriber(address="late@example.org")
    late.confirmed_at = timezone.now() + dt.timedelta(seconds=1)
    late.save()
    assert queue_deliveries(seen) == 0


def test_a_delivery_is_unique_per_subscriber_and_notice():
    subscriber()
    item = notice()
    assert queue_deliveries(item) == 1
    assert queue_deliveries(item) == 0
    assert Delivery.objects.count() == 1


def test_a_failing_webhook_is_retried_then_disabled_and_its_owner_told(settings):
    settings.ALERTS = {**settings.ALERTS, "DISABLE_AFTER_FAILURES": 2}
    with WebhookReceiver(status=500) as hooks:
        hook = subscriber("webhook", hooks.url, contact_email="dev@example.org")
        queue_deliveries(notice())
        process_outbox()
        delivery = Delivery.objects.get()
        assert delivery.status == "queued" and delivery.attempts == 1
        assert delivery.due_at > timezone.now() + dt.timedelta(seconds=50)  # backoff
        assert "answered 500" in delivery.last_error
        Delivery.objects.update(due_at=timezone.now())
        process_outbox()
    assert len(hooks.calls) == 2
    hook.refresh_from_db()
    assert hook.status == "disabled"
    assert [m.to for m in mail.outbox] == [["dev@example.org"]]
    assert "paused" in mail.outbox[0].subject


def test_email_has_text_html_and_one_click_unsubscribe():
    subscriber()
    queue_deliveries(notice())
    assert process_outbox().sent == 1
    [message] = mail.outbox
    assert message.alternatives[0][1] == "text/html"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.search(r"<https?://[^/]+(/[^>]+)>", message.extra_headers["List-Unsubscribe"])[1]
    assert (
        Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"}).status_code
        == 200
    )
    assert Subscriber.objects.get().status == "unsubscribed"
    assert Client().post(url.replace("/unsubscribe/", "/unsubscribe/x")).status_code == 404


def test_a_daily_digest_sends_one_message_for_several_changes():
    subscriber(mode="digest")
    queue_deliveries(notice(key="a"))
    queue_deliveries(notice("removed", key="b"))
    assert process_outbox().sent == 0  # not yet the digest hour
    stats = process_outbox(force_digests=True)
    assert (stats.sent, stats.messages) == (2, 1)
    assert "2 changes" in mail.outbox[0].subject


def test_twilio_backend_posts_to_the_rest_api(settings):
    settings.ALERTS = {
        **settings.ALERTS,
        "TWILIO_ACCOUNT_SID": "AC123",
        "TWILIO_AUTH_TOKEN": "secret",
        "TWILIO_FROM": "+19195550100",
    }
    seen = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"sid": "SM1"})

    backend = sms.TwilioBackend(transport=httpx.MockTransport(answer))
    assert backend.send(sms.SMS("+19195550123", "hello")) == "SM1"
    [request] = seen
    assert str(request.url) == "https://api.twilio.com/2010-04-01/Accounts/AC123/Messages.json"
    assert request.headers["Authorization"].startswith("Basic ")
    assert parse_qs(request.content.decode()) == {
        "To": ["+19195550123"],
        "From": ["+19195550100"],
        "Body": ["hello"],
    }
    failing = sms.TwilioBackend(
        transport=httpx.MockTransport(lambda r: httpx.Response(400, json={"code": 21211}))
    )
    with pytest.raises(sms.SMSError, match="400 21211"):
        failing.send(sms.SMS("+1", "x"))


def test_sms_opt_in_then_stop_and_start_by_text(places, settings):
    settings.ALERTS = {**settings.ALERTS, "TWILIO_AUTH_TOKEN": "secret"}
    browser = Client()
    browser.post("/en/alerts/", form(channel="sms", phone="(919) 555-0123"))
    [text] = sms.outbox
    assert text.to == "+19195550123"
    browser.post(confirm_link(text.body))
    assert Subscriber.objects.get(channel="sms").status == "active"

    def inbound(body: str, signed: bool = True) -> int:
        data = {"From": "+19195550123", "Body": body}
        url = settings.SITE_URL + "/en/alerts/sms/inbound/"  # the URL Twilio was given
        signature = sms.twilio_signature(url, data, "secret" if signed else "wrong")
        return browser.post(
            "/en/alerts/sms/inbound/", data, HTTP_X_TWILIO_SIGNATURE=signature
        ).status_code

    assert inbound("STOP", signed=False) == 403
    forged = browser.post(
        "/en/alerts/sms/inbound/",
        {"From": "+19195550123", "Body": "STOP"},
        HTTP_X_TWILIO_SIGNATURE="é",
    )
    assert forged.status_code == 403
    assert Subscriber.objects.get(channel="sms").status == "active"
    assert inbound(" stop ") == 200
    assert Subscriber.objects.get(channel="sms").status == "unsubscribed"
    assert inbound("START") == 200
    assert Subscriber.objects.get(channel="sms").status == "active"


def test_stored_bounce_notifications_are_read_by_a_command(tmp_path):
    """Live notifications arrive through anymail (test_bounces.py); kept ones, by a command."""
    bounced = subscriber(address="gone@example.org")
    complained = subscriber(address="angry@example.org")
    ses = {
        "notificationType": "Bounce",
        "bounce": {
            "bounceType": "Permanent",
            "bouncedRecipients": [{"emailAddress": "GONE@example.org"}],
        },
    }
    notifications = tmp_path / "notifications.jsonl"
    notifications.write_text(
        json.dumps({"Type": "Notification", "Message": json.dumps(ses)})
        + "\n"
        + json.dumps({"type": "complaint", "email": "angry@example.org"})
        + "\n"
    )
    call_command("alerts_bounces", str(notifications))
    bounced.refresh_from_db()
    complained.refresh_from_db()
    assert (bounced.status, complained.status) == ("bounced", "unsubscribed")


def test_an_organizer_adds_a_consented_list(places, tmp_path, capsys):
    listing = tmp_path / "list.csv"
    listing.write_text(
        "email,phone,language,consent\n"
        "a@example.org,,es,2026-11-02 meeting in Raleigh\n"
        ",919-555-0199,,2026-11-02 meeting in Raleigh\n"
        "b@example.org,,,\n"
        "not-an-address,,,yes\n"
    )
    call_command("subscribe", str(listing), "--county", "wake", "--by", "Siembra NC")
    assert "added 2, already subscribed 0, refused 2" in capsys.readouterr().out
    spanish = Subscriber.objects.get(address="a@example.org")
    assert (spanish.language, spanish.status, spanish.source) == ("es", "active", "csv")
    assert spanish.topics.get().key == WAKE
    assert Subscriber.objects.filter(channel="sms", address="+19195550199").exists()
    call_command("subscribe", str(listing), "--county", "wake", "--by", "Siembra NC")
    assert "added 0, already subscribed 2" in capsys.readouterr().out
    for where in (["--county", "atlantis"], ["--agency", "nc-no-such-police-department"]):
        with pytest.raises(CommandError, match="no "):
            call_command("subscribe", str(listing), *where, "--by", "Siembra NC")
    assert Subscriber.objects.count() == 2  # a refused list adds nobody


def test_webhook_signature_is_hmac_sha256_over_timestamp_and_body():
    body = b'{"a":1}'
    stamp = str(int(timezone.now().timestamp()))
    signed = webhook.signature("s3cret", stamp, body)
    assert webhook.verify("s3cret", stamp, body, signed)
    assert not webhook.verify("s3cret", stamp, body + b" ", signed)
    assert not webhook.verify("s3cret", str(int(stamp) - 3600), body, signed)


def test_county_and_town_pages_link_to_alerts_for_their_place(places):
    browser = Client()
    county = browser.get("/es/states/nc/counties/wake/").content.decode()
    assert 'href="/es/alerts/?topic=county%3A37183"' in county
    town = browser.get("/en/states/nc/places/teachey/").content.decode()
    link = re.search(r'href="(/en/alerts/\?topic=town%3A\d+)"', town)[1]
    signup = browser.get(link.replace("%3A", ":"))
    assert "Teachey, NC" in signup.content.decode()


def test_a_webhook_never_reaches_a_private_address(settings, places):
    settings.ALERTS = {**settings.ALERTS, "WEBHOOK_ALLOW_LOOPBACK": False}
    for url in ("http://127.0.0.1:8080/hook", "https://10.1.2.3/hook", "https://localhost/x"):
        page = Client().post("/en/alerts/", form(channel="webhook", webhook_url=url))
        assert page.status_code == 400, url
        assert "Enter a public address." in page.content.decode()
    assert mail.outbox == []
    # A name that resolves to this machine, given before the rule or by a name's new address, is
    # refused when the worker calls it: the delivery fails and is retried, nothing is sent.
    with WebhookReceiver() as hooks:
        hook = subscriber("webhook", hooks.url.replace("127.0.0.1", "localhost"))
        queue_deliveries(notice())
        assert process_outbox().failed == 1
        assert hooks.calls == []
        delivery = Delivery.objects.get(subscriber=hook)
        assert delivery.status == "queued"
        assert delivery.last_error == "webhook: refused: the host is not a public address"
        settings.ALERTS = {**settings.ALERTS, "WEBHOOK_ALLOW_LOOPBACK": True}
        Delivery.objects.update(due_at=timezone.now())
        assert process_outbox().sent == 1
    [call] = hooks.calls
    # The worker called the address it checked, with the host name the subscriber gave.
    assert call.headers["Host"] == hooks.url.split("/")[2].replace("127.0.0.1", "localhost")


def test_a_webhook_is_called_at_the_address_checked_with_its_own_host_and_tls_name():
    url, host, extensions = webhook.pinned("https://hooks.example.org:8443/in?x=1", "2001:db8::5")
    assert url == "https://[2001:db8::5]:8443/in?x=1"
    assert host == {"Host": "hooks.example.org:8443"}
    assert extensions == {"sni_hostname": "hooks.example.org"}  # the certificate is checked for it
    with pytest.raises(webhook.WebhookError, match="not a public address"):
        webhook.resolve_destination("https://127.0.0.1/x", allow_loopback=False)
    with pytest.raises(webhook.WebhookError, match="does not resolve"):
        webhook.resolve_destination("https://hooks.example.org:99999/x", allow_loopback=False)


def test_a_mail_server_that_fails_is_said_and_the_sign_up_can_be_retried(places, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    browser = Client()
    for _ in range(settings.ALERTS["SIGNUP_LIMIT_PER_ADDRESS"] + 1):
        failed = browser.post("/en/alerts/", form())
        assert failed.status_code == 503
        html = failed.content.decode()
        assert 'role="alert"' in html and "could not send the confirmation" in html
        assert 'value="resident@example.org"' in html  # what was typed is kept
    assert not Subscriber.objects.exists()
    # The server is back: the same request goes through (failed sends did not count).
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert browser.post("/en/alerts/", form()).status_code == 200
    assert [m.to for m in mail.outbox] == [["resident@example.org"]]


class ExplodingBackend(sms.BaseBackend):
    """A provider library that fails in a way nobody planned for."""

    def send(self, message: sms.SMS) -> str:
        raise RuntimeError("unexpected")


def test_a_provider_failing_in_an_unplanned_way_fails_one_delivery_not_the_worker(settings):
    settings.ALERTS = {
        **settings.ALERTS,
        "SMS_BACKEND": f"{__name__}.ExplodingBackend",
        "TWILIO_ACCOUNT_SID": "AC123",
        "TWILIO_AUTH_TOKEN": "secret",
        "TWILIO_FROM": "+19195550100",
    }
    texted = subscriber("sms", "+19195550123")
    mailed = subscriber(address="b@example.org")
    queue_deliveries(notice())
    stats = process_outbox()
    assert (stats.sent, stats.failed) == (1, 1)
    assert Delivery.objects.get(subscriber=mailed).status == "sent"
    failed = Delivery.objects.get(subscriber=texted)
    assert (failed.status, failed.last_error) == ("queued", "sms: RuntimeError")
    # Twilio behind a proxy that answers with an HTML page, or accepts with an empty body.
    html = sms.TwilioBackend(transport=httpx.MockTransport(lambda r: httpx.Response(502, text="<")))
    with pytest.raises(sms.SMSError, match=r"Twilio answered 502$"):
        html.send(sms.SMS("+19195550123", "x"))
    empty = sms.TwilioBackend(transport=httpx.MockTransport(lambda r: httpx.Response(201)))
    assert empty.send(sms.SMS("+19195550123", "x")) == ""


def test_a_worker_whose_lease_ran_out_leaves_the_delivery_to_the_one_that_took_it(settings):
    from deputized.alerts import outbox
    from deputized.alerts.worker import Sender

    subscriber()
    queue_deliveries(notice())
    [taken] = outbox.claim_immediate(worker="A", limit=10)
    # A is stuck on a slow provider past its lease: B claims the delivery again.
    expired = timezone.now() - dt.timedelta(seconds=settings.ALERTS["LEASE_SECONDS"] + 1)
    Delivery.objects.update(claimed_at=expired)
    assert outbox.claim_immediate(worker="B", limit=10) == [taken]
    delivery = Delivery.objects.select_related("subscriber", "notice").get()
    Sender(worker="A", batch=10).send(delivery.subscriber, [delivery])  # A comes back
    assert mail.outbox == []  # it sends nothing that is no longer its own
    outbox.mark_failed([taken], "late", worker="A")
    assert Delivery.objects.get().status == "claimed"  # nor marks B's delivery
    Sender(worker="B", batch=10).send(delivery.subscriber, [delivery])
    assert len(mail.outbox) == 1 and Delivery.objects.get().status == "sent"


def test_a_webhook_is_confirmed_by_its_endpoint_so_nobody_takes_over_another(places):
    with WebhookReceiver() as hooks:
        owner = subscriber("webhook", hooks.url, contact_email="dev@example.org")
        secret = owner.secret
        # Someone who knows the URL asks for it, with their own email for reports.
        page = Client().post(
            "/en/alerts/",
            form(channel="webhook", webhook_url=hooks.url, email="intruder@example.org"),
        )
        assert page.status_code == 200 and "deputized.confirm" in page.content.decode()
        process_outbox()  # the worker makes the call (tests/alerts/test_signup.py)
        assert mail.outbox == []  # no link to the intruder's mailbox
        [call] = hooks.calls  # the link went to the endpoint, which the intruder cannot read
        assert json.loads(call.body)["type"] == "deputized.confirm"
        assert webhook.SIGNATURE_HEADER not in call.headers
    owner.refresh_from_db()
    assert (owner.contact_email, owner.secret) == ("dev@example.org", secret)
