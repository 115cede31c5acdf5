"""Hotlines and know-your-rights content: seeded by migration, read in one language, and every
curator's edit kept with who made it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from deputized.community.models import Hotline, RightsSection
from deputized.community.selectors import hotline_list, paragraphs, rights_sections

pytestmark = pytest.mark.django_db

SEEDED = {"704-740-7737": "Charlotte", "336-543-0353": "Statewide", "1-800-559-8714": "Wake County"}


def test_the_three_nc_hotlines_are_seeded_and_not_yet_reconfirmed():
    hotlines = {h.phone: h for h in Hotline.objects.all()}
    assert {phone: h.area_en for phone, h in hotlines.items()} == SEEDED
    for hotline in hotlines.values():
        assert hotline.active and hotline.verified_on is None
        assert "re-confirm" in hotline.source and "ACLU" in hotline.source


def test_hotlines_in_english_and_in_spanish():
    english = hotline_list(language="en")
    assert [h.area for h in english] == ["Statewide", "Charlotte", "Wake County"]
    assert english[0].tel == "tel:+13365430353" and english[2].tel == "tel:+18005598714"
    spanish = hotline_list(language="es")
    assert [h.area for h in spanish] == ["Todo el estado", "Charlotte", "Condado de Wake"]
    assert spanish[0].name == "Línea estatal de defensa comunitaria"
    # The seeded "not yet re-confirmed" note is cleared: pages say it calmly from `verified_on`.
    assert spanish[0].note == "" and spanish[0].verified_on is None
    assert spanish[0].operator == ""  # who runs it is not in the sources: left to a curator
    assert [h.phone for h in hotline_list(language="es-mx")] == [h.phone for h in spanish]


def test_an_inactive_hotline_is_not_shown_and_missing_spanish_falls_back_to_english():
    Hotline.objects.filter(phone="704-740-7737").update(active=False)
    Hotline.objects.create(
        name_en="Test line", phone="919-555-0100", area_en="Durham", source="test", order=99
    )
    spanish = hotline_list(language="es")
    assert "704-740-7737" not in [h.phone for h in spanish]
    assert (spanish[-1].name, spanish[-1].area) == ("Test line", "Durham")


def test_know_your_rights_sections_in_both_languages():
    english = rights_sections(language="en")
    spanish = rights_sections(language="es")
    assert 5 <= len(english) <= 7 and [s.slug for s in english] == [s.slug for s in spanish]
    by_slug = {s.slug: s for s in english}
    warrant = by_slug["judicial-warrant"]
    assert "signed by a judge" in warrant.title and "I-200" in " ".join(warrant.paragraphs)
    three = " ".join(by_slug["three-different-things"].paragraphs)
    assert "voluntary" in three and "HB 10" in three and "Secure Communities" in three
    es = {s.slug: s for s in spanish}
    assert es["remain-silent"].title == "Usted tiene derecho a guardar silencio"
    assert "firmada por un juez" in es["judicial-warrant"].title
    for section in spanish:
        assert section.title != by_slug[section.slug].title
        assert len(section.paragraphs) == len(by_slug[section.slug].paragraphs) >= 3


def test_paragraphs_split_on_blank_lines_and_unwrap_lines():
    assert paragraphs("One\nline.\n\n  Two.\r\n\r\nThree. ") == ("One line.", "Two.", "Three.")


def test_editing_a_hotline_in_the_admin_records_who_changed_it(admin_client, admin_user):
    hotline = Hotline.objects.get(phone="704-740-7737")
    form = {k: ("" if v is None else v) for k, v in model_to_dict(hotline).items()}
    form.update(verified_on="2026-07-01", note_en="Confirmed by phone.")
    url = f"/admin/community/hotline/{hotline.pk}/change/"
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    hotline.refresh_from_db()
    assert hotline.verified_on == dt.date(2026, 7, 1)
    record = hotline.history.latest()
    assert record.history_user == admin_user and record.history_type == "~"
    assert record.note_en == "Confirmed by phone."
    history_page = admin_client.get(f"/admin/community/hotline/{hotline.pk}/history/")
    assert history_page.status_code == 200 and admin_user.username in history_page.content.decode()


def test_editing_a_rights_section_is_recorded_too(admin_user):
    section = RightsSection.objects.get(slug="do-not-sign")
    section.title_es = "No firme nada que no entienda bien"
    section._history_user = admin_user  # outside a request, the editor is given explicitly
    section.save()
    assert section.history.latest().history_user == admin_user


def test_a_hotline_needs_a_us_number():
    hotline = Hotline(name_en="x", phone="12345", area_en="x", source="x")
    with pytest.raises(ValidationError):
        hotline.full_clean()
