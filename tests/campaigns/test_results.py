"""Results: public counts per campaign and target on the page; the organizers' CSV export holds
counts only, never a participant's name, address, town or words."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from deputized.campaigns import services
from deputized.campaigns.models import Letter
from tests.campaigns.factories import alamance_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def _db(places):
    yield


def test_counts_are_public_and_the_csv_has_no_private_data():
    campaign = alamance_campaign()
    letter = Letter.objects.create(
        campaign=campaign,
        body="Private words of Carmen about 287(g) in Alamance County, written by herself.",
        name="Carmen Secreta",
        email="carmen@example.org",
        town="Swepsonville",
        nonce="n",
    )
    services.letter_confirm(letter=letter)
    services.letters_deliver()
    services.call_record(
        campaign=campaign, target=campaign.targets.get(key="nc-sheriff-37001"), outcome="message"
    )
    page = Client().get(f"/en/campaigns/{campaign.slug}/").content.decode()
    assert "1 letter sent" in page
    assert "Carmen" not in page and "carmen@" not in page

    assert Client().get(f"/en/campaigns/{campaign.slug}/results.csv").status_code == 302
    organizer = User.objects.create_user("org", password="pw", is_staff=True)
    organizer.groups.add(Group.objects.get(name="organizers"))
    client = Client()
    client.force_login(organizer)
    response = client.get(f"/en/campaigns/{campaign.slug}/results.csv")
    assert response.status_code == 200
    text = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["office_key"] for row in rows} == {
        "nc-sheriff-37001",
        "nc-county-37001-commissioners",
    }
    sheriff = next(r for r in rows if r["office_key"] == "nc-sheriff-37001")
    assert sheriff["letters_sent"] == "1" and sheriff["message"] == "1"
    for private in ("Carmen", "carmen@", "Swepsonville", "Private words"):
        assert private not in text


def test_the_retention_rule_erases_participants_data():
    import datetime as dt

    from django.utils import timezone

    campaign = alamance_campaign(ends_on=dt.date(2026, 1, 1))
    old = Letter.objects.create(
        campaign=campaign, body="b" * 90, name="N", email="n@example.org", town="T", nonce="1"
    )
    Letter.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    sent = Letter.objects.create(
        campaign=campaign, body="c" * 90, name="M", email="m@example.org", town="T", nonce="2"
    )
    services.letter_confirm(letter=sent)
    services.letters_deliver()
    done = services.campaigns_purge()
    assert done["expired_letters"] == 1 and done["erased_letters"] == 1
    sent.refresh_from_db()
    assert (sent.name, sent.email, sent.body) == ("", "", "") and sent.erased_at
