"""Sign-on letters (one PDF with the consenting signers, delivered once and recorded) and call
campaigns (tap to call, outcomes build public tallies, a wrong number is flagged)."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader

from deputized.campaigns import services
from deputized.campaigns.models import CallOutcome, ContactFlag, SignOnDelivery
from tests.campaigns.factories import alamance_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def _db(places):
    yield


def sign(campaign, **data) -> str:
    response = Client().post(f"/en/campaigns/{campaign.slug}/sign/", data)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content.decode()


def test_three_signers_are_delivered_as_one_pdf_with_the_consenting_names_and_towns():
    campaign = alamance_campaign(kind="signon", slug="alamance-sign-on", deliver_at_count=3)
    sign(campaign, name="Marta Ruiz", town="Graham", organization="Iglesia San Juan", listed="on")
    sign(campaign, name="Hidden Person", town="Mebane")  # no consent to be listed
    html = sign(campaign, name="Luis Gómez", town="Burlington", listed="on")
    assert "Marta Ruiz, Graham" in html and "Luis Gómez, Burlington" in html
    assert "Hidden Person" not in html
    assert "3 signatures" in html
    call_command("campaigns_deliver")
    delivery = SignOnDelivery.objects.get(campaign=campaign)
    assert (delivery.signatures, delivery.listed) == (3, 2) and delivery.sent_at
    messages = [m for m in mail.outbox if "X-Deputized-Signon" in m.extra_headers]
    assert len(messages) == 2  # the sheriff and the board, one PDF each
    [(_name, pdf, kind)] = messages[0].attachments
    assert kind == "application/pdf" and pdf == bytes(delivery.pdf)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "Marta Ruiz (Graham, Iglesia San Juan)" in text
    assert "Luis Gómez (Burlington)" in text
    assert "Hidden Person" not in text and "Mebane" not in text
    assert "3 signatures" in text
    call_command("campaigns_deliver")  # delivered once
    assert len([m for m in mail.outbox if "X-Deputized-Signon" in m.extra_headers]) == 2


def test_a_signature_without_a_name_says_so_in_both_languages():
    campaign = alamance_campaign(kind="signon", slug="alamance-sign-on")
    for language, words in (("en", "Give your name to sign"), ("es", "Escriba su nombre")):
        response = Client().post(f"/{language}/campaigns/{campaign.slug}/sign/", {"town": "X"})
        assert response.status_code == 400 and words in response.content.decode()


def test_a_call_outcome_changes_the_public_tally_and_a_wrong_number_is_flagged():
    campaign = alamance_campaign(kind="call", slug="alamance-calls")
    page = Client().get(f"/en/campaigns/{campaign.slug}/").content.decode()
    assert 'href="tel:+13365706311"' in page
    assert "0 calls" in page
    url = f"/en/campaigns/{campaign.slug}/call/nc-sheriff-37001/"
    assert Client().post(url, {"outcome": "talked"}).status_code == 200
    response = Client().post(url, {"outcome": "wrong"})
    assert "2 calls" in response.content.decode()
    assert CallOutcome.objects.filter(campaign=campaign).count() == 2
    flag = ContactFlag.objects.get()
    assert flag.contact.office.key == "nc-sheriff-37001" and flag.reports == 1
    results = services.counts_by_outcome(campaign)
    assert sum(results[flag.contact.office_id].values()) == 2
    assert Client().post(url, {"outcome": "bogus"}).status_code == 400
    assert Client().get(url).status_code == 405
