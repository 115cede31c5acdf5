"""`load_officials` on the real shared directory (loaded once into the session's places DB)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from deputized.officials.loader import load_officials
from deputized.officials.models import Contact, Office, Role, Term

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("places")]


def test_every_nc_county_has_its_sheriff_with_a_source() -> None:
    sheriffs = Office.objects.filter(role=Role.SHERIFF)
    assert sheriffs.values("county").distinct().count() == 100
    current = Term.objects.filter(office__role=Role.SHERIFF, ends_on__isnull=True)
    assert current.values("office").distinct().count() == 100
    assert all(term.source and term.verified_on for term in current)


def test_alamance_sheriff_and_office_phone_come_from_the_files() -> None:
    office = Office.objects.get(key="nc-sheriff-37001")
    assert office.terms.get().person.name == "Terry S. Johnson"
    phone = office.contacts.get(kind=Contact.Kind.PHONE)
    assert phone.value == "(336) 570-6311"
    assert "287g-watch" in phone.source


def test_gaps_stay_gaps() -> None:
    # Nash has no office phone in any source found: no empty contact row is made up for it.
    assert not Contact.objects.filter(office__key="nc-sheriff-37127", kind="phone").exists()
    assert not Term.objects.filter(office__role=Role.COUNTY_ATTORNEY).exists()
    assert Office.objects.filter(role=Role.COUNTY_ATTORNEY).count() == 100


def test_legislators_and_their_counties() -> None:
    assert Office.objects.filter(role__in=[Role.STATE_HOUSE, Role.STATE_SENATE]).count() == 170
    alamance = Office.objects.filter(represented_counties="37001")
    assert set(alamance.values_list("key", flat=True)) == {
        "nc-house-63",
        "nc-house-64",
        "nc-senate-25",
    }


def test_second_run_changes_nothing() -> None:
    result = load_officials()
    assert not result.changed
    assert result.lines()[-1] == "terms ended: 0"


def test_a_curators_newer_edit_survives_a_reload(capsys: pytest.CaptureFixture[str]) -> None:
    phone = Contact.objects.get(office__key="nc-sheriff-37001", kind="phone")
    phone.value = "(336) 555-0100"
    phone.curated_at = timezone.now()
    phone.save()
    call_command("load_officials")
    phone.refresh_from_db()
    assert phone.value == "(336) 555-0100"
    assert "1 kept as curators edited them" in capsys.readouterr().out


def test_an_older_curated_edit_is_replaced_by_the_files() -> None:
    phone = Contact.objects.get(office__key="nc-sheriff-37001", kind="phone")
    phone.value = "(336) 555-0100"
    phone.curated_at = timezone.make_aware(dt.datetime(2026, 1, 1))  # before the snapshot
    phone.save()
    result = load_officials()
    phone.refresh_from_db()
    assert phone.value == "(336) 570-6311"
    assert result.updated["contacts"] == 1
    assert phone.history.first().history_change_reason.startswith("load_officials")


def test_a_new_sheriff_in_the_files_ends_the_old_term() -> None:
    term = Term.objects.get(office__key="nc-sheriff-37001")
    term.person.key = "nc-sheriff-37001:Someone Earlier"
    term.person.save()
    result = load_officials()
    assert result.ended == 1
    terms = Term.objects.filter(office__key="nc-sheriff-37001")
    assert {(t.person.name, t.ends_on is None) for t in terms} == {
        ("Terry S. Johnson", True),
        ("Terry S. Johnson", False),
    }
