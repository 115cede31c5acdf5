"""Results: public counts per campaign and target on the page; the organizers' CSV export holds
counts only, never a participant's name, address, town or words."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client

from deputized.campaigns import services
from deputized.campaigns.models import Letter
from tests.campaigns.factories import alamance_campaign, organizers_group

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
    organizer.groups.add(organizers_group())
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


def test_the_letter_is_offered_as_a_printable_pdf_in_each_language():
    from pypdf import PdfReader

    campaign = alamance_campaign()
    for language, words in (("en", "Signature:"), ("es", "Firma:")):
        response = Client().get(f"/{language}/campaigns/{campaign.slug}/letter.pdf")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
        assert words in text and "Alamance" in text


def test_a_form_limit_holds_across_processes(settings):
    """Another process (another gunicorn worker) used this client's story limit: this one
    refuses it too, since both count in the shared cache."""
    import subprocess
    import sys

    from deputized import ratelimit
    from tests.alerts.servers import ROOT

    location = str(settings.CACHES["shared"]["LOCATION"])
    key = f"campaigns:story:{ratelimit.digest('203.0.113.9')}"
    script = (
        "import sys; from django.conf import settings\n"
        "settings.configure(CACHES={'default': {'BACKEND': "
        "'django.core.cache.backends.locmem.LocMemCache'}, 'shared': {'BACKEND': "
        "'deputized.caches.SharedFileCache', 'LOCATION': sys.argv[1]}})\n"
        "from deputized import ratelimit\n"
        f"for _ in range({services.FORM_LIMITS['story']}): ratelimit.hit(sys.argv[2], 99)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, location, key], cwd=ROOT, timeout=60)
    assert done.returncode == 0
    response = Client(REMOTE_ADDR="203.0.113.9").post(
        "/es/stories/new/",
        {
            "place": "county:37001",
            "what_happened": "x",
            "where": "Graham",
            "when": "2026",
            "impact": "y",
            "share": "anonymous",
        },
    )
    assert response.status_code == 429
    assert "Llegaron demasiados formularios" in response.content.decode()
