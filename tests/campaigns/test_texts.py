"""Text campaigns: only the place's subscribers who chose "actions" (never a default) receive
it, through the alerts' SMS channel; a STOP reply removes the number; above 100 recipients a
second organizer must approve; a second send sends nothing twice."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from deputized.alerts import kinds, sms
from deputized.alerts import services as alerts_services
from deputized.alerts.models import Subscriber, Topic
from deputized.campaigns import services
from deputized.campaigns.models import TextBlast
from tests.campaigns.factories import alamance_campaign, organizers_group

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def _db(places):
    yield


@pytest.fixture(autouse=True)
def _sms(settings):
    settings.ALERTS = {**settings.ALERTS, "SMS_BACKEND": "deputized.alerts.sms.LocMemBackend"}
    sms.outbox.clear()


def subscriber(phone: str, topic: str, chosen: list[str], language: str = "en") -> Subscriber:
    person = Subscriber.objects.create(
        channel="sms",
        address=phone,
        kinds=kinds.encode(chosen),
        language=language,
        confirmed_at=timezone.now(),
    )
    Topic.objects.create(subscriber=person, key=topic, label=topic)
    return person


def organizer(name: str) -> User:
    user = User.objects.create_user(name, password="pw", is_staff=True)
    user.groups.add(organizers_group())
    return user


def test_actions_is_a_kind_never_on_by_default():
    assert kinds.ACTIONS in kinds.CHOOSABLE
    assert kinds.ACTIONS not in kinds.DEFAULT_KINDS


def test_a_text_reaches_only_opted_in_subscribers_of_the_place_and_stop_removes_them():
    campaign = alamance_campaign(kind="text", slug="alamance-text")
    yes = subscriber("+13365550101", "county:37001", [kinds.ACTIONS, kinds.NEW_ACTIVE], "es")
    stops = subscriber("+13365550102", "county:37001", [kinds.ACTIONS])
    subscriber("+13365550103", "county:37001", kinds.DEFAULT_KINDS)  # no "actions"
    subscriber("+19195550104", "county:37183", [kinds.ACTIONS])  # another county
    alerts_services.sms_inbound(phone=stops.address, body="STOP")
    author = organizer("ana")
    blast = TextBlast.objects.create(
        campaign=campaign,
        body_en="Commissioners meet Monday 6pm: come speak.",
        body_es="Los comisionados se reúnen el lunes a las 6: venga a hablar.",
        created_by=author,
    )
    with pytest.raises(services.NeedsSecondOrganizer):
        services.text_send(blast=blast)  # a draft is not sent
    services.text_approve(blast=blast, by=author)  # few recipients: one organizer is enough
    assert services.text_send(blast=blast) == 1
    assert [m.to for m in sms.outbox] == [yes.address]
    assert "Los comisionados" in sms.outbox[0].body and "STOP" in sms.outbox[0].body
    assert services.text_send(blast=blast) == 0  # nothing twice
    assert len(sms.outbox) == 1


def test_above_100_recipients_a_second_organizer_approves():
    campaign = alamance_campaign(kind="text", slug="alamance-text")
    now = timezone.now()
    people = Subscriber.objects.bulk_create(
        Subscriber(channel="sms", address=f"+1336555{i:04d}", kinds=",actions,", confirmed_at=now)
        for i in range(101)
    )
    Topic.objects.bulk_create(Topic(subscriber=p, key="county:37001", label="x") for p in people)
    author, second = organizer("ana"), organizer("ben")
    blast = TextBlast.objects.create(
        campaign=campaign, body_en="Call the board.", body_es="Llame a la junta.", created_by=author
    )
    with pytest.raises(services.NeedsSecondOrganizer):
        services.text_approve(blast=blast, by=author)
    services.text_approve(blast=blast, by=second)
    assert blast.recipients == 101
    assert services.text_send(blast=blast) == 101
