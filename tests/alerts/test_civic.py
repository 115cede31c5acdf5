"""The place's own news: a meeting of its board coming within a week, and a vote of its body on an
oversight measure, told to the subscribers who asked for them (never by default), once, by a real
SMTP server, in the subscriber's language. On the places database with the real officials
directory (Alamance County's board of commissioners)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from deputized.alerts import kinds
from deputized.alerts.civic import dispatch_civic
from deputized.alerts.models import Delivery, Notice, Subscriber, Topic
from deputized.alerts.worker import process_outbox
from deputized.officials.models import Meeting, Office, Role
from deputized.oversight.models import Adoption
from deputized.places.models import County, Municipality
from tests.alerts.servers import MailSink, SMTPServer
from tests.conftest import require_shared

pytestmark = pytest.mark.django_db

ALAMANCE = "37001"
DUPLIN = "37061"
REPORTS = "county-activity-cost-reports"


def follow(key: str, address: str, chosen: list[str], language: str = "en") -> Subscriber:
    yesterday = timezone.now() - dt.timedelta(days=1)
    subscriber = Subscriber.objects.create(
        channel="email",
        address=address,
        language=language,
        kinds=kinds.encode(chosen),
        confirmed_at=yesterday,
    )
    Topic.objects.create(subscriber=subscriber, key=key, label=key)
    Topic.objects.filter(subscriber=subscriber).update(created_at=yesterday)
    return subscriber


@pytest.fixture
def audience(places, settings):
    require_shared()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    burlington = Municipality.objects.get(state_id="NC", slug="burlington")
    civic = [*kinds.DEFAULT_KINDS, kinds.MEETING, kinds.BODY_VOTE]
    return {
        "vecina": follow(f"county:{ALAMANCE}", "vecina@example.org", civic, "es"),
        "default": follow(f"county:{ALAMANCE}", "default@example.org", kinds.DEFAULT_KINDS),
        "town": follow(f"town:{burlington.geoid}", "town@example.org", [kinds.MEETING]),
        "elsewhere": follow(f"county:{DUPLIN}", "duplin@example.org", civic),
    }


def board(fips: str) -> Office:
    return Office.objects.get(county_id=fips, role=Role.COMMISSIONERS)


def receivers(notice: Notice) -> set[str]:
    return set(Delivery.objects.filter(notice=notice).values_list("subscriber__address", flat=True))


def add_meeting(days_ahead: float, **extra) -> Meeting:
    return Meeting.objects.create(
        office=board(ALAMANCE),
        starts_at=timezone.now() + dt.timedelta(days=days_ahead),
        title="Regular meeting",
        location="Historic Court House, Graham",
        agenda_url="https://www.alamance-nc.com/agendas/",
        source="Alamance County's meetings page",
        verified_on=timezone.localdate(),
        **extra,
    )


def test_a_meeting_within_a_week_reaches_those_who_asked_once_in_their_language(
    audience, settings, django_capture_on_commit_callbacks
):
    deadline = timezone.now() + dt.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):  # the curator's save, as committed
        meeting = add_meeting(3, comment_deadline=deadline)
    [notice] = Notice.objects.filter(kind=kinds.MEETING)
    # The county's subscribers who chose meetings, and the towns' in it; not the default
    # choice, not another county.
    assert receivers(notice) == {"vecina@example.org", "town@example.org"}
    assert dispatch_civic().notices == 0  # told once
    assert Delivery.objects.filter(notice=notice).count() == 2

    sink = MailSink()
    with SMTPServer(sink) as smtp:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
        process_outbox()
        process_outbox()  # a second pass sends nothing again
    alerts = sink.alerts()
    assert sorted(m["To"] for m in alerts) == ["town@example.org", "vecina@example.org"]
    spanish = next(m for m in alerts if m["To"] == "vecina@example.org")
    assert spanish["Content-Language"] == "es"
    text = spanish.get_body(("plain",)).get_content()
    html = spanish.get_body(("html",)).get_content()
    assert board(ALAMANCE).name in text and board(ALAMANCE).name in html
    assert "Historic Court House, Graham" in text
    assert "https://www.alamance-nc.com/agendas/" in text
    local = timezone.localtime(meeting.starts_at)
    assert f"{local.day} de " in text  # the date, in Spanish
    assert "/es/states/nc/counties/alamance/#officials" in text
    assert "Agency:" not in text and "Agencia:" not in text  # no ICE fields on a meeting


def test_a_meeting_further_than_a_week_waits_until_it_is_within_one(audience):
    meeting = add_meeting(10)
    assert dispatch_civic().notices == 0
    later = dispatch_civic(now=meeting.starts_at - dt.timedelta(days=5))
    assert later.notices == 1 and later.deliveries == 2
    # Moved to another day: news again.
    meeting.starts_at += dt.timedelta(days=1)
    meeting.save()
    assert dispatch_civic(now=meeting.starts_at - dt.timedelta(days=5)).notices == 1


def test_a_vote_on_a_measure_reaches_the_place_and_old_votes_do_not(
    audience, django_capture_on_commit_callbacks
):
    alamance = County.objects.get(pk=ALAMANCE)
    today = timezone.localdate()
    Adoption.objects.create(
        county=alamance, measure=REPORTS, outcome="adopted", decided_on=today - dt.timedelta(90)
    )
    assert dispatch_civic().notices == 0  # a vote of three months ago is not news
    with django_capture_on_commit_callbacks(execute=True):
        adoption = Adoption.objects.create(
            county=alamance,
            measure=REPORTS,
            outcome="tabled",
            decided_on=today,
            vote="3-2",
            minutes_url="https://www.alamance-nc.com/minutes/",
        )
    [tabled] = Notice.objects.filter(kind=kinds.BODY_VOTE)
    # Only who chose votes: the town subscriber chose meetings alone.
    assert receivers(tabled) == {"vecina@example.org"}
    adoption.outcome = "adopted"
    adoption.save()
    assert dispatch_civic().notices == 1  # tabled, then adopted: news again


def test_the_sign_up_form_offers_the_civic_kinds_unchecked():
    def box(page: str, kind: str) -> str:
        [tag] = re.findall(rf'<input[^>]*value="{kind}"[^>]*>', page)
        return tag

    for language, label in (("en", "A meeting where 287(g) can be raised"), ("es", "reunión")):
        page = Client().get(f"/{language}/alerts/").content.decode()
        assert label in page
        assert "checked" in box(page, kinds.ACTIVATED)  # the defaults are ticked
        for kind in kinds.CIVIC:
            assert "checked" not in box(page, kind)
