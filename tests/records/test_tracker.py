"""The tracker: NC state holidays by rule, follow-up dates, the signed-link confirmation, public
or private pages, and reminders sent once by the task worker through a real SMTP server."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from deputized.history.models import Agency
from deputized.records import tracker
from deputized.records.holidays import add_business_days, nc_state_holidays
from deputized.records.models import TrackedRequest
from deputized.records.tasks import send_reminders
from tests.alerts.servers import MailSink, SMTPServer

D = dt.date


def test_a_year_of_nc_state_holidays() -> None:
    assert sorted(nc_state_holidays(2026)) == [
        D(2026, 1, 1),  # New Year's Day
        D(2026, 1, 19),  # Martin Luther King Jr.'s Birthday, 3rd Monday
        D(2026, 4, 3),  # Good Friday
        D(2026, 5, 25),  # Memorial Day
        D(2026, 7, 3),  # Independence Day (a Saturday): the Friday before
        D(2026, 9, 7),  # Labor Day
        D(2026, 11, 11),  # Veterans Day
        D(2026, 11, 26),  # Thanksgiving
        D(2026, 11, 27),  # and the day after
        D(2026, 12, 24),  # Christmas: three weekdays (the 26th is a Saturday)
        D(2026, 12, 25),
        D(2026, 12, 28),
    ]
    assert len(nc_state_holidays(2027)) == 12
    assert D(2027, 7, 5) in nc_state_holidays(2027)  # July 4 on a Sunday: the Monday after
    assert D(2025, 4, 18) in nc_state_holidays(2025)  # Good Friday 2025


def test_follow_up_after_ten_business_days_skipping_weekends_and_holidays() -> None:
    # Sent Monday 2026-12-21: 22, 23, (24, 25 holidays, 26–27 weekend, 28 holiday), 29, 30, 31,
    # (1 January holiday, 2–3 weekend), 4, 5, 6, 7, 8 → Friday 2027-01-08.
    assert add_business_days(D(2026, 12, 21), 10) == D(2027, 1, 8)
    assert add_business_days(D(2026, 3, 2), 10) == D(2026, 3, 16)  # no holiday
    assert add_business_days(D(2026, 11, 20), 10) == D(2026, 12, 8)  # Thanksgiving Thu+Fri
    follow_up, mediation = tracker.due_dates(D(2026, 12, 21))
    assert (follow_up, mediation) == (D(2027, 1, 8), D(2027, 1, 25))  # MLK Day 2027-01-18


@pytest.fixture
def agency(db) -> Agency:
    return Agency.objects.create(
        id="nc-test-county-sheriffs-office",
        state="NC",
        name="Test County Sheriff's Office",
        first_seen_on=D(2025, 1, 1),
    )


def track(client: Client, agency: Agency, **extra: str):
    data = {"email": "requester@example.org", "sent_on": "2026-12-21", **extra}
    return client.post(f"/en/agencies/{agency.id}/records-request/track/", data)


def test_confirm_by_link_then_public_page_without_the_email(
    client: Client, agency: Agency, settings
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert track(client, agency, is_public="on").status_code == 200
    tracked = TrackedRequest.objects.get()
    assert tracked.confirmed_at is None
    assert tracked.follow_up_due == D(2027, 1, 8)
    [message] = mail.outbox
    link = re.search(r"https?://\S+/en/records/manage/\S+/", message.body).group(0)
    assert "requester" not in link
    public = f"/en/records/requests/{tracked.public_id}/"
    assert client.get(public).status_code == 404  # not confirmed yet
    manage = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + manage)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    tracked.refresh_from_db()
    assert tracked.confirmed_at is not None
    response = client.post(
        "/" + manage, {"status": "acknowledged", "on": "2026-12-23", "is_public": "on"}
    )
    assert response.status_code == 302
    html = client.get(public).content.decode()
    assert "acknowledged" in html and "requester@example.org" not in html
    client.post("/" + manage, {"status": "acknowledged", "on": "2026-12-23"})  # private now
    assert client.get(public).status_code == 404
    assert client.get("/en/records/manage/forged/").status_code == 404


def test_the_form_says_what_is_wrong_and_limits_each_client(
    client: Client, agency: Agency, settings
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    bad = track(client, agency, email="not-an-email", sent_on="yesterday")
    assert bad.status_code == 400 and 'role="alert"' in bad.content.decode()
    for _ in range(tracker.TRACK_LIMIT_PER_CLIENT):
        assert track(client, agency).status_code == 200
    assert track(client, agency).status_code == 429
    # CSRF: a form post without the token is refused.
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(f"/en/agencies/{agency.id}/records-request/track/", {}).status_code == 403


def test_reminders_are_sent_once_by_the_worker_through_smtp(
    agency: Agency, settings, monkeypatch
) -> None:
    follow_up, mediation = tracker.due_dates(D(2026, 12, 21))
    common = {"agency_id": agency.id, "sent_on": D(2026, 12, 21), "status_on": D(2026, 12, 21)}
    due = TrackedRequest.objects.create(
        public_id="due",
        email="due@example.org",
        confirmed_at=dt.datetime(2026, 12, 21, tzinfo=dt.UTC),
        follow_up_due=follow_up,
        mediation_due=mediation,
        **common,
    )
    TrackedRequest.objects.create(  # never confirmed: never reminded
        public_id="unconfirmed",
        email="unconfirmed@example.org",
        follow_up_due=follow_up,
        mediation_due=mediation,
        **common,
    )
    # The worker closes "old" connections between tasks; inside the test's transaction that
    # would close the test's own connection (as the API tests disconnect the request signals).
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    sink = MailSink()
    with SMTPServer(sink) as smtp:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: D(2027, 1, 8))
        send_reminders.enqueue()
        send_reminders.enqueue()
        call_command("db_worker", "--batch", "--no-reload")
        assert [m["To"] for m in sink.messages] == ["due@example.org"]
        assert "follow-up" in sink.messages[0]["Subject"]
        body = sink.messages[0].get_body().get_content()
        assert "as promptly as" in body and "G.S. 132-6(a)" in body
        # Denied: the mediation notice, once.
        TrackedRequest.objects.filter(pk=due.pk).update(status="denied")
        send_reminders.enqueue()
        send_reminders.enqueue()
        call_command("db_worker", "--batch", "--no-reload")
    assert len(sink.messages) == 2
    assert "mediation" in sink.messages[1]["Subject"]
    assert "7A-38.3E" in sink.messages[1].get_body().get_content()
