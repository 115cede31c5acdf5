"""Letters: the participant rewrites the draft, confirms by email (double opt-in), and each
target gets one email, within its daily limit, the rest bundled into one daily delivery."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from deputized.campaigns import services
from deputized.campaigns.models import Bundle, Letter, LetterDelivery
from tests.alerts.servers import MailSink, SMTPServer
from tests.campaigns.factories import BOARD_EMAIL, alamance_campaign

pytestmark = pytest.mark.django_db

OWN_WORDS = (
    "Soy madre de dos niños en Graham. Desde que el alguacil firmó el acuerdo, mis vecinos tienen "
    "miedo de llamar a la policía. Les pido que exijan informes públicos sobre el 287(g)."
)


@pytest.fixture(scope="module", autouse=True)
def _db(places):
    yield


def form(**extra) -> dict:
    return {"body": OWN_WORDS, "name": "Ana Pérez", "email": "Ana@Example.org", "town": "Graham"}


def link_in(message) -> str:
    return re.search(r"https?://\S+/campaigns/letters/\S+/", message.body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_an_unchanged_draft_is_refused_kindly_in_both_languages():
    campaign = alamance_campaign()
    for language, words in (("en", "still the draft"), ("es", "sigue siendo el borrador")):
        response = Client().post(
            f"/{language}/campaigns/{campaign.slug}/letter/",
            {**form(), "body": campaign.draft(language)},
        )
        assert response.status_code == 400
        assert words in response.content.decode()
    assert not Letter.objects.exists()


def test_every_field_says_what_is_wrong_in_both_languages():
    campaign = alamance_campaign()
    for language, words in (("en", "Give your name"), ("es", "Escriba su nombre")):
        response = Client().post(
            f"/{language}/campaigns/{campaign.slug}/letter/",
            {"body": "short", "name": "", "email": "nope", "town": ""},
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert words in html and 'role="alert"' in html


def test_confirming_queues_one_delivery_per_target_once():
    campaign = alamance_campaign()
    response = Client().post(f"/es/campaigns/{campaign.slug}/letter/", form())
    assert response.status_code == 200
    [confirmation] = mail.outbox
    assert confirmation.to == ["ana@example.org"]
    url = path_of(link_in(confirmation))
    assert "ana" not in url.lower() and "example" not in url  # the token carries no address
    letter = Letter.objects.get()
    assert services.letters_deliver().sent == 0  # unconfirmed: nothing is ever sent
    assert Client().get(url).status_code == 200  # a scanner's GET confirms nothing
    assert letter.deliveries.count() == 0
    for _ in range(3):  # double click, replay
        assert Client().post(url).status_code == 200
    assert letter.deliveries.count() == 2
    mail.outbox.clear()
    stats = services.letters_deliver()
    assert stats.sent == 2
    assert services.letters_deliver().sent == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [BOARD_EMAIL, "terry.johnson@alamance-nc.com"]
    )
    for message in mail.outbox:
        assert message.reply_to == ["ana@example.org"]
        assert OWN_WORDS in message.body


def test_beyond_the_daily_limit_letters_go_as_one_bundle_with_their_count():
    campaign = alamance_campaign(daily_limit=3)
    campaign.targets.set([campaign.targets.get(key="nc-sheriff-37001")])
    letters = [
        Letter.objects.create(
            campaign=campaign,
            body=f"{OWN_WORDS} {i}",
            name=f"P{i}",
            email=f"p{i}@example.org",
            town="Mebane",
            nonce=str(i),
        )
        for i in range(10)
    ]
    for letter in letters:
        services.letter_confirm(letter=letter)
    stats = services.letters_deliver()
    assert (stats.sent, stats.bundled, stats.bundles) == (3, 7, 0)
    stats = services.letters_deliver(bundles_now=True)
    assert (stats.sent, stats.bundles) == (0, 1)
    bundle = Bundle.objects.get()
    assert bundle.count == 7
    [message] = [m for m in mail.outbox if "X-Deputized-Bundle" in m.extra_headers]
    assert "7 more letters" in message.subject
    assert services.letters_deliver(bundles_now=True).bundles == 0
    assert LetterDelivery.objects.filter(status="sent").count() == 10


def test_a_failing_mail_server_keeps_what_was_typed_and_stores_nothing(settings):
    class Refusing(MailSink):
        async def handle_DATA(self, server, session, envelope) -> str:
            return "554 5.7.1 Message refused"

    campaign = alamance_campaign()
    with SMTPServer(Refusing()) as smtp:
        settings.EMAIL_BACKEND = "deputized.alerts.mail.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
        response = Client().post(f"/es/campaigns/{campaign.slug}/letter/", form())
    assert response.status_code == 503
    html = response.content.decode()
    assert "No se guardó nada" in html
    assert "Soy madre de dos niños" in html and "Ana Pérez" in html
    assert not Letter.objects.exists()


def test_the_letter_form_is_rate_limited():
    campaign = alamance_campaign()
    client = Client()
    codes = [
        client.post(f"/en/campaigns/{campaign.slug}/letter/", form()).status_code
        for _ in range(services.FORM_LIMITS["letter"] + 1)
    ]
    assert codes[-1] == 429 and codes[0] == 200


def test_a_closed_campaign_takes_no_letter():
    import datetime as dt

    campaign = alamance_campaign(ends_on=dt.date(2026, 1, 31))
    page = Client().get(f"/es/campaigns/{campaign.slug}/").content.decode()
    assert "Esta campaña está cerrada" in page and 'name="body"' not in page
    response = Client().post(f"/en/campaigns/{campaign.slug}/letter/", form())
    assert response.status_code == 410
    assert not Letter.objects.exists() and not mail.outbox


def test_a_target_whose_email_was_removed_gets_nothing_and_the_rest_go():
    from deputized.officials.models import Contact

    campaign = alamance_campaign()
    letter = Letter.objects.create(
        campaign=campaign, body=OWN_WORDS, name="A", email="a@example.org", town="G", nonce="x"
    )
    services.letter_confirm(letter=letter)
    Contact.objects.filter(office__key="nc-sheriff-37001", kind="email").delete()
    stats = services.letters_deliver()
    assert (stats.sent, stats.failed) == (1, 1)
    assert [m.to for m in mail.outbox] == [[BOARD_EMAIL]]
