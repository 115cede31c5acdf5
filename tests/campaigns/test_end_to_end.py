"""Issue 16, first acceptance point, end to end: an organizer creates an Alamance campaign aimed
at the board of commissioners and the sheriff, a curator opens it, a participant writes a letter
in Spanish and confirms by email, and the task workers (`manage.py db_worker`, subprocesses)
send it through a real SMTP server: each target receives exactly one email, Reply-To the
participant, in the participant's own words. A replay or double click sends nothing twice; an
unconfirmed letter is never sent."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.test import Client

from deputized.campaigns.models import Campaign, LetterDelivery
from deputized.officials.loader import load_officials
from deputized.places.reference import load_reference
from tests.alerts.servers import ROOT, MailSink, SMTPServer, database_url, manage, worker_env
from tests.campaigns.factories import BOARD_EMAIL, alamance_targets, organizers_group

OWN_WORDS = (
    "Vivo en Burlington y trabajo en una clínica. Veo cada semana a familias que ya no llaman a "
    "la policía por miedo. Les pido, con todo respeto, que exijan al alguacil informes públicos "
    "sobre el acuerdo 287(g) y su costo."
)
SHERIFF_EMAIL = "terry.johnson@alamance-nc.com"


def db_worker(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def letters(sink: MailSink) -> list:
    return [m for m in sink.messages if m["X-Deputized-Letter"]]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_spanish_letter_reaches_each_target_exactly_once(settings):
    load_reference()
    load_officials()
    sheriff, board = alamance_targets()  # gives the board a public email if the data has none
    sink = MailSink()
    with SMTPServer(sink) as smtp:
        settings.EMAIL_BACKEND = "deputized.alerts.mail.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        env = {**worker_env(smtp.port, database_url()), "TASKS_BACKEND": "database"}

        # An organizer creates the campaign; a curator opens it.
        organizer = User.objects.create_user("organizer", password="pw", is_staff=True)
        organizer.groups.add(organizers_group())
        staff = Client()
        staff.force_login(organizer)
        created = staff.post(
            "/admin/campaigns/campaign/add/",
            {
                "slug": "alamance-informes",
                "kind": "letter",
                "title_en": "Alamance: ask for 287(g) reporting",
                "title_es": "Alamance: pida informes sobre el 287(g)",
                "county": "37001",
                "targets": [sheriff.pk, board.pk],
                "ask": "require-reporting",
                "goal": "200",
                "daily_limit": "20",
            },
        )
        assert created.status_code == 302
        campaign = Campaign.objects.get(slug="alamance-informes")
        curator = Client()
        curator.force_login(User.objects.create_superuser("curator", password="pw"))
        curator.post(
            "/admin/campaigns/campaign/", {"action": "approve", "_selected_action": [campaign.pk]}
        )

        # A participant reads the draft in Spanish and writes in their own words.
        browser = Client()
        page = browser.get("/es/campaigns/alamance-informes/")
        assert page.status_code == 200
        assert "Vivo en el Condado de Alamance" in page.content.decode()
        sent = browser.post(
            "/es/campaigns/alamance-informes/letter/",
            {
                "body": OWN_WORDS,
                "name": "Rosa Díaz",
                "email": "rosa@example.org",
                "town": "Burlington",
            },
        )
        assert sent.status_code == 200
        [confirmation] = sink.messages
        assert confirmation["To"] == "rosa@example.org"
        url = re.search(r"https?://\S+?(/es/campaigns/letters/\S+/)", confirmation.get_content())

        # Unconfirmed: the workers send nothing.
        manage(env, "campaigns_deliver")
        assert letters(sink) == []

        # Confirmed, with a double click and a replay.
        path = url.group(1)
        assert browser.post(path).status_code == 200
        assert "ya estaba confirmada" in browser.post(path).content.decode().lower()
        assert Client().post(path).status_code == 200

        workers = [db_worker(env) for _ in range(2)]
        for worker in workers:
            _out, err = worker.communicate(timeout=120)
            assert worker.returncode == 0, err[-3000:]
        assert len(letters(sink)) == 2  # sent by the task workers
        manage(env, "campaigns_deliver", "--bundles-now")  # a later pass: nothing left

    received = letters(sink)
    assert sorted(m["To"] for m in received) == sorted([BOARD_EMAIL, SHERIFF_EMAIL])
    for message in received:
        assert message["Reply-To"] == "rosa@example.org"
        assert OWN_WORDS in message.get_content()
        assert "Rosa Díaz, Burlington" in message.get_content()
    assert LetterDelivery.objects.filter(status="sent").count() == 2
