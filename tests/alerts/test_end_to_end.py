"""Alerts end to end, on real ICE files: sign up on the site, confirm by email, ingest the next
list, run the workers, and check what a real SMTP server and a real webhook receiver got.

Workers: `deputized deliver` subprocesses, which see the committed test data (on SQLite too: the
test database is a file, tests/settings.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
from django.test import Client

from deputized.alerts import webhook
from deputized.alerts.models import Delivery, Notice, Subscriber
from deputized.alerts.worker import process_outbox
from deputized.archive.ingest.run import run
from deputized.history.services import history_replay
from deputized.places.reference import load_reference
from tests.alerts.servers import (
    MailSink,
    SMTPServer,
    WebhookReceiver,
    database_url,
    start_worker,
    worker_env,
)
from tests.conftest import SNAPSHOTS, require_shared

DUPLIN = "county:37061"
LAST_BEFORE = "2025-10-17am"  # then 2025-10-17mid promotes Beulaville PD (Duplin) to TFM


def run_workers(smtp_port: int) -> None:
    env = worker_env(smtp_port, database_url())
    workers = [start_worker(env) for _ in range(2)]
    for worker in workers:
        _out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err[-3000:]


def derived(source: str, name: str, folder: Path, change) -> Path:
    """A small fixture derived from a real file: the same list with one edit, under a later
    name (built at test time; nothing binary is committed)."""
    book = openpyxl.load_workbook(SNAPSHOTS / source)
    sheet = book.active
    change(sheet)
    path = folder / name
    book.save(path)
    return path


def beulaville_cell(sheet):
    for row in sheet.iter_rows():
        for cell in row:
            if "Beulaville Police" in str(cell.value or ""):
                return cell
    raise AssertionError("Beulaville Police Department is not in the file")


def respell(sheet) -> None:
    cell = beulaville_cell(sheet)
    cell.value = str(cell.value).replace("Beulaville", "Beulavile")


def drop(sheet) -> None:
    sheet.delete_rows(beulaville_cell(sheet).row)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_subscriber_hears_once_of_a_new_agreement_and_never_of_a_respelling_or_a_flicker(
    settings, tmp_path
):
    require_shared()
    sink = MailSink()
    with SMTPServer(sink) as smtp, WebhookReceiver() as hooks:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
        # The receiver runs on this machine, which production refuses.
        settings.ALERTS = {**settings.ALERTS, "WEBHOOK_ALLOW_LOOPBACK": True}
        settings.OPENDATA_AUTO_BUILD = False  # another app's work after each ingest
        load_reference()
        before = sorted(p for p in SNAPSHOTS.glob("*.xlsx") if p.name[:12] <= LAST_BEFORE)
        run(paths=before)
        assert Notice.objects.filter(baseline=True).exists()  # the past is told to nobody

        # Sign up on the site, in Spanish, for Duplin County; and a webhook, in English.
        browser = Client(enforce_csrf_checks=False)
        page = browser.get(f"/es/alerts/?topic={DUPLIN}")
        assert page.status_code == 200 and "Condado de Duplin" in page.content.decode()
        form = {
            "topic": DUPLIN,
            "kinds": ["pending_listed", "activated", "new_active", "removed", "relisted"],
            "language": "es",
            "mode": "immediate",
            "website": "",
        }
        sent = browser.post(
            "/es/alerts/", {**form, "channel": "email", "email": "Vecina@Example.org"}
        )
        assert sent.status_code == 200
        browser.post(
            "/en/alerts/",
            {
                **form,
                "language": "en",
                "channel": "webhook",
                "webhook_url": hooks.url,
                "email": "dev@example.org",
                "unconfirmed": "on",
            },
        )
        assert not Subscriber.objects.exists()  # nothing stored before the owner confirms
        # The person confirms from their mailbox, in their language; the webhook from a call to
        # the endpoint itself (so that nobody can subscribe a URL they do not receive).
        [confirmation] = sink.confirmations()
        assert confirmation["To"] == "vecina@example.org"
        assert confirmation["Subject"] == "Confirme sus alertas 287(g) sobre Condado de Duplin, NC"
        text = confirmation.get_body(("plain",)).get_content()
        assert "/es/alerts/confirm/" in text
        # The web request never waits on a subscriber's server: the worker calls the webhook.
        assert hooks.calls == []
        process_outbox()
        [knock] = hooks.calls
        assert json.loads(knock.body)["type"] == "deputized.confirm"
        links = [
            re.search(r"https?://\S+/alerts/confirm/\S+/", text).group(0),
            json.loads(knock.body)["confirm_url"],
        ]
        for link in links:
            assert browser.get(path_of(link)).status_code == 200  # a page with a button
            assert browser.post(path_of(link)).status_code == 200
            assert browser.post(path_of(link)).status_code == 410  # a link works once
        hooks.calls.clear()
        assert Subscriber.objects.filter(status="active").count() == 2
        hook_subscriber = Subscriber.objects.get(channel="webhook")

        # ICE's next list promotes Beulaville PD (Duplin County) from pending to TFM.
        run(paths=sorted(SNAPSHOTS.glob("2025-10-17mid_*.xlsx")))
        assert Delivery.objects.filter(status="queued").count() == 2
        run_workers(smtp.port)
        alerts = sink.alerts()
        assert len(alerts) == 1, [m["Subject"] for m in alerts]
        alert = alerts[0]
        assert alert["To"] == "vecina@example.org"
        assert alert["Content-Language"] == "es"
        text = alert.get_body(("plain",)).get_content()
        html = alert.get_body(("html",)).get_content()
        assert "Beulaville Police Department" in text and "Beulaville Police Department" in html
        assert "Modelo de Fuerza de Tarea (TFM)" in text  # the model, in Spanish
        assert "archivo participatingAgencies10172025mid.xlsx" in text  # ICE's own file name
        assert "17 de octubre de 2025" in text  # the date of ICE's list
        assert "/es/states/nc/places/beulaville/#officials" in text
        assert "336-543-0353" in text  # the hotlines
        assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert len(hooks.calls) == 1
        call = hooks.calls[0]
        assert webhook.verify(
            hook_subscriber.secret,
            call.headers[webhook.TIMESTAMP_HEADER],
            call.body,
            call.headers[webhook.SIGNATURE_HEADER],
        )
        assert not webhook.verify(
            "wrong",
            call.headers[webhook.TIMESTAMP_HEADER],
            call.body,
            call.headers[webhook.SIGNATURE_HEADER],
        )
        payload = json.loads(call.body)
        assert payload["language"] == "en"
        [item] = payload["alerts"]
        assert item["kind"] == "activated" and item["agency"] == "Beulaville Police Department"
        assert "now in force" in item["headline"]

        # A list that only respells the agency: nothing.
        folder = tmp_path / "derived"
        folder.mkdir()
        source = "2025-10-17mid_participatingAgencies10172025mid.xlsx"
        run(
            paths=[
                derived(
                    source, "2025-10-20am_participatingAgencies10202025am.xlsx", folder, respell
                )
            ]
        )
        # A one-list absence, then back: nothing, even to the webhook that wants early word.
        run(
            paths=[
                derived(source, "2025-10-21am_participatingAgencies10212025am.xlsx", folder, drop)
            ]
        )
        assert Delivery.objects.filter(notice__kind="maybe_ended", status="queued").count() == 1
        back = derived(
            source, "2025-10-22am_participatingAgencies10222025am.xlsx", folder, lambda s: None
        )
        run(paths=[back])
        assert Delivery.objects.filter(notice__kind="maybe_ended", status="skipped").count() == 1
        run_workers(smtp.port)
        assert len(sink.alerts()) == 1 and len(hooks.calls) == 1

        # A replay of the whole archive sends nothing twice.
        history_replay()
        assert Delivery.objects.filter(status="queued").count() == 0

        # Unsubscribe in one request, as a mail client does (RFC 8058): no cookie, no token.
        url = path_of(re.search(r"<([^>]+)>", str(alert["List-Unsubscribe"])).group(1))
        response = Client(enforce_csrf_checks=True).post(
            url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 200
        assert Subscriber.objects.get(channel="email").status == "unsubscribed"
