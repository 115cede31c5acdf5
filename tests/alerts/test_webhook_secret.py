"""A webhook's signing secret: only its owner sees it, and the owner can replace it."""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from django.test import Client

from deputized.alerts import tokens, webhook
from deputized.alerts.dispatch import queue_deliveries
from deputized.alerts.models import Delivery, Subscriber
from deputized.alerts.worker import process_outbox
from tests.alerts.servers import WebhookReceiver
from tests.alerts.test_alerts import _alert_settings, notice, subscriber  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_the_failure_report_to_an_unconfirmed_contact_leads_to_no_secret(settings):
    settings.ALERTS = {**settings.ALERTS, "DISABLE_AFTER_FAILURES": 1}
    with WebhookReceiver(status=500) as hooks:
        # The contact email was typed at sign-up and never confirmed: it may be anyone's.
        hook = subscriber("webhook", hooks.url, contact_email="someone@example.org")
        queue_deliveries(notice())
        process_outbox()
    hook.refresh_from_db()
    assert hook.status == Subscriber.Status.DISABLED
    [report] = mail.outbox
    assert report.to == ["someone@example.org"]
    assert hook.secret not in report.body
    for url in re.findall(r"https?://[^/\s]+(/\S*)", report.body):
        assert hook.secret not in Client().get(url).content.decode(), url
    assert "/alerts/manage/" not in report.body


def test_an_email_subscriber_paused_after_failures_gets_the_link_to_their_alerts(settings):
    settings.ALERTS = {**settings.ALERTS, "DISABLE_AFTER_FAILURES": 1}
    mailed = subscriber(address="a@example.org")
    from deputized.alerts.worker import disable

    disable(mailed, "email: SMTPRecipientsRefused")
    [report] = mail.outbox
    assert f"/en/alerts/manage/{tokens.subscriber_token(mailed)}/" in report.body


def manage_page(browser: Client, hook: Subscriber, language: str = "en") -> tuple[str, str]:
    url = f"/{language}/alerts/manage/{tokens.subscriber_token(hook)}/"
    return url, browser.get(url).content.decode()


def csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def test_the_owner_rotates_the_secret_and_the_old_one_stops_signing():
    with WebhookReceiver() as hooks:
        hook = subscriber("webhook", hooks.url)
        old = hook.secret
        browser = Client(enforce_csrf_checks=True)
        url, page = manage_page(browser, hook, "es")
        assert old in page and "Crear un secreto nuevo" in page
        # Without the page's CSRF token (a form on another site), nothing changes.
        assert browser.post(url, {"rotate_secret": "1"}).status_code == 403
        hook.refresh_from_db()
        assert hook.secret == old
        answer = browser.post(url, {"rotate_secret": "1", "csrfmiddlewaretoken": csrf(page)})
        assert answer.status_code == 302
        hook.refresh_from_db()
        new = hook.secret
        assert new != old
        assert answer["Location"].startswith(f"/es/alerts/manage/{tokens.subscriber_token(hook)}/")
        shown = browser.get(answer["Location"]).content.decode()
        assert new in shown and old not in shown and 'role="status"' in shown
        assert browser.get(url).status_code == 404  # the link that went with the old secret
        queue_deliveries(notice())
        assert process_outbox().sent == 1
    [call] = hooks.calls
    stamp = call.headers[webhook.TIMESTAMP_HEADER]
    given = call.headers[webhook.SIGNATURE_HEADER]
    assert webhook.verify(new, stamp, call.body, given)
    assert not webhook.verify(old, stamp, call.body, given)
    assert json.loads(call.body)["type"] == "deputized.alert"
    assert Delivery.objects.get().status == "sent"


def test_only_a_webhook_has_a_secret_to_rotate():
    mailed = subscriber(address="a@example.org")
    old = mailed.secret
    browser = Client()
    url, page = manage_page(browser, mailed)
    assert "rotate_secret" not in page
    browser.post(
        url, {"rotate_secret": "1", "kinds": ["activated"], "language": "en", "mode": "immediate"}
    )
    mailed.refresh_from_db()
    assert mailed.secret == old
