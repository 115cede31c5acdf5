"""A curated meeting: on the county page (next meeting, agenda, comment deadline), in the
iCalendar feed and in /api/v1/meetings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from deputized.officials.models import Meeting, Office

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("places")]


@pytest.fixture
def meeting() -> Meeting:
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=10)
    return Meeting.objects.create(
        office=Office.objects.get(key="nc-county-37001-commissioners"),
        starts_at=starts,
        title="Regular meeting; budget, 287(g) reports",
        location="124 W. Elm St., Graham",
        agenda_url="https://www.alamance-nc.com/agenda.pdf",
        comment_deadline=starts - dt.timedelta(days=1),
        source="https://www.alamance-nc.com/commissioners/",
        verified_on=timezone.localdate(),
    )


def test_the_county_page_shows_the_next_meeting(client: Client, meeting: Meeting) -> None:
    html = client.get("/en/states/nc/counties/alamance/").content.decode()
    assert "Next meeting:" in html and 'href="https://www.alamance-nc.com/agenda.pdf"' in html
    assert "Sign up to speak or send comments by" in html
    assert 'href="/en/officials/county/37001/meetings.ics"' in html


def test_the_calendar_feed(client: Client, meeting: Meeting) -> None:
    response = client.get("/en/officials/county/37001/meetings.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert f"UID:meeting-{meeting.pk}@" in text
    assert f"DTSTART:{meeting.starts_at.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}" in text
    assert "Regular meeting\\; budget\\, 287(g) reports" in text.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert client.get("/en/officials/county/99999/meetings.ics").status_code == 404
    town = client.get("/en/officials/town/3710620/meetings.ics").content.decode()
    assert "BEGIN:VEVENT" not in town  # Carrboro's council: no meeting recorded


def test_the_meetings_api(client: Client, meeting: Meeting) -> None:
    response = client.get("/api/v1/meetings?county=37001", HTTP_ACCEPT_ENCODING="identity")
    [item] = response.json()["items"]
    assert item["office_key"] == "nc-county-37001-commissioners"
    assert item["agenda_url"] == meeting.agenda_url
    assert (
        item["source"] == meeting.source and item["verified_on"] == meeting.verified_on.isoformat()
    )
