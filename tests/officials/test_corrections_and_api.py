"""The public corrections form, a curator's one-click apply, and the officials API, on the real
directory: a correction changes the page and the API, with history, and survives a reload."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from deputized.officials.models import Contact, Correction, Office, Term

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("places")]

CHIEF = "nc-place-3710620-police-chief"  # Carrboro's police department: head not in any source
FORM = f"/en/officials/{CHIEF}/correct/"
GOOD = {
    "what_is_wrong": "The chief is not listed.",
    "source_url": "https://www.carrboronc.gov/police",
    "person_name": "Jane Example",
    "phone": "(919) 555-0142",
    "submitter_contact": "neighbor@example.org",
}


def api(client: Client, query: str) -> dict:
    response = client.get(f"/api/v1/officials?{query}", HTTP_ACCEPT_ENCODING="identity")
    assert response.status_code == 200, response.content
    return response.json()


def test_alamance_in_the_api_has_its_sheriff_and_legislators_with_sources(client: Client) -> None:
    items = {item["key"]: item for item in api(client, "county=37001")["items"]}
    sheriff = items["nc-sheriff-37001"]
    assert sheriff["holder"]["name"] == "Terry S. Johnson"
    assert sheriff["holder"]["source"].startswith("ncsheriffs.org/find-a-sheriff")
    phone = next(c for c in sheriff["contacts"] if c["kind"] == "phone")
    assert phone["value"] == "(336) 570-6311" and "287g-watch" in phone["source"]
    legislators = {k for k, v in items.items() if v["role"] in {"state_house", "state_senate"}}
    assert legislators == {"nc-house-63", "nc-house-64", "nc-senate-25"}
    assert all(items[k]["holder"]["source"].startswith("github:openstates") for k in legislators)
    assert items["nc-county-37001-commissioners"]["holder"] is None


def test_every_nc_county_returns_its_sheriff(client: Client) -> None:
    sheriffs = api(client, "role=sheriff&page_size=1000")["items"]
    assert len({s["county_fips"] for s in sheriffs if s["holder"]}) == 100


def test_bad_filters_are_clear_errors(client: Client) -> None:
    response = client.get("/api/v1/officials?county=99999", HTTP_ACCEPT_ENCODING="identity")
    assert response.status_code == 404
    response = client.get("/api/v1/officials?role=king", HTTP_ACCEPT_ENCODING="identity")
    assert response.status_code == 400


def test_a_correction_applied_in_the_admin_shows_everywhere_and_survives_a_reload(
    client: Client, admin_client: Client
) -> None:
    page = "/en/states/nc/places/carrboro/"
    assert "Jane Example" not in client.get(page).content.decode()  # cached from here on
    response = client.post(FORM, GOOD)
    assert response.status_code == 200
    correction = Correction.objects.get(office__key=CHIEF)
    assert correction.status == Correction.Status.NEW
    # Nothing shows before a curator checks it.
    assert "Jane Example" not in client.get(page).content.decode()

    response = admin_client.post(
        "/admin/officials/correction/", {"action": "apply", "_selected_action": [correction.pk]}
    )
    assert response.status_code == 302
    correction.refresh_from_db()
    assert correction.status == Correction.Status.APPLIED and correction.reviewed_by == "admin"

    html = client.get(page).content.decode()
    chief = re.search(rf'<div class="official" id="office-{CHIEF}">.*?</div>', html, re.S)
    assert "Jane Example" in chief.group(0)
    assert 'href="tel:+19195550142"' in chief.group(0)
    [item] = api(client, "town=3710620&role=police_chief")["items"]
    assert item["holder"]["name"] == "Jane Example"
    assert item["holder"]["source"] == GOOD["source_url"]
    assert item["holder"]["verified_on"] == timezone.localdate().isoformat()
    term = Term.objects.get(office__key=CHIEF)
    assert (
        term.history.first().history_change_reason == f"correction {correction.pk} applied by admin"
    )
    assert term.history.first().history_user.username == "admin"

    call_command("load_officials")
    assert Term.objects.get(office__key=CHIEF, ends_on__isnull=True).person.name == "Jane Example"
    # The submitter's contact is never public.
    assert "neighbor@example.org" not in client.get(page).content.decode()
    assert "neighbor@example.org" not in str(api(client, "town=3710620"))


def test_a_corrected_sheriff_is_kept_by_the_next_load(admin_client: Client) -> None:
    office = Office.objects.get(key="nc-sheriff-37001")
    correction = Correction.objects.create(
        office=office,
        what_is_wrong="New sheriff sworn in",
        source_url="https://www.alamance-nc.com/sheriff/",
        person_name="New Sheriff",
    )
    admin_client.post(
        "/admin/officials/correction/", {"action": "apply", "_selected_action": [correction.pk]}
    )
    call_command("load_officials")
    current = Term.objects.get(office=office, ends_on__isnull=True)
    assert current.person.name == "New Sheriff"
    # The phone the files give stays, with its own source.
    assert Contact.objects.get(office=office, kind="phone").value == "(336) 570-6311"


def test_the_form_refuses_bad_input_and_stores_nothing(client: Client) -> None:
    response = client.post(FORM, {**GOOD, "source_url": "not a link", "phone": "12"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid URL." in html and "Enter a phone number with its area code." in html
    assert not Correction.objects.exists()


def test_the_form_needs_its_csrf_token() -> None:
    response = Client(enforce_csrf_checks=True).post(FORM, GOOD)
    assert response.status_code == 403
    assert not Correction.objects.exists()


@override_settings(OFFICIALS={"CORRECTION_LIMIT_PER_CLIENT": 2, "CONTACT_RETENTION_DAYS": 90})
def test_the_form_is_rate_limited_per_client(client: Client) -> None:
    statuses = [client.post(FORM, GOOD).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert Correction.objects.count() == 2


def test_submitters_contacts_are_purged_after_the_retention_period() -> None:
    office = Office.objects.get(key=CHIEF)
    old = Correction.objects.create(
        office=office,
        what_is_wrong="x",
        source_url="https://a.gov",
        submitter_contact="a@example.org",
    )
    new = Correction.objects.create(
        office=office,
        what_is_wrong="y",
        source_url="https://a.gov",
        submitter_contact="b@example.org",
    )
    Correction.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=91))
    call_command("officials_purge")
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.submitter_contact, new.submitter_contact) == ("", "b@example.org")


def test_the_due_a_check_list_shows_offices_missing_a_person(admin_client: Client) -> None:
    response = admin_client.get("/admin/officials/dueacheck/?county__fips__exact=37001")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Alamance County Attorney" in html
    # The sheriff's name was taken in April 2026: more than six months ago, so due a check …
    assert "Alamance County Sheriff" in html
    # … until a curator confirms it.
    Term.objects.filter(office__key="nc-sheriff-37001").update(verified_on=timezone.localdate())
    html = admin_client.get("/admin/officials/dueacheck/?county__fips__exact=37001").content
    assert b"Alamance County Sheriff" not in html and b"Alamance County Attorney" in html


def test_a_curators_edit_in_the_admin_is_kept_by_the_next_load(admin_client: Client) -> None:
    office = Office.objects.get(key="nc-sheriff-37001")
    assert admin_client.get(f"/admin/officials/office/{office.pk}/change/").status_code == 200
    assert admin_client.get("/admin/officials/office/add/").status_code == 200
    person = office.terms.get().person
    response = admin_client.post(
        f"/admin/officials/person/{person.pk}/change/",
        {"key": person.key, "name": "Terry Johnson", "party": "", "source": "x"},
    )
    assert response.status_code == 302
    call_command("load_officials")
    person = office.terms.get().person
    person.refresh_from_db()
    assert person.name == "Terry Johnson"  # the curator's spelling, not the file's
    assert person.history.first().history_user.username == "admin"
    history = admin_client.get(f"/admin/officials/person/{person.pk}/history/")
    assert history.status_code == 200 and b"admin" in history.content
