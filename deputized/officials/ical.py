"""Meetings as an iCalendar feed (RFC 5545), for a person's calendar app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings

from deputized.officials.models import Meeting


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a space (RFC 5545 §3.1)."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(meetings: Iterable[Meeting], *, name: str, now: dt.datetime) -> str:
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "deputized"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Deputized//officials meetings//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for meeting in meetings:
        office = meeting.office
        summary = f"{office.name}: {meeting.title}" if meeting.title else office.name
        description = [f"Source: {meeting.source} (verified {meeting.verified_on.isoformat()})"]
        if meeting.comment_deadline:
            description.insert(
                0, f"Sign up to speak or send comments by {_utc(meeting.comment_deadline)} UTC."
            )
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.pk}@{host}",
            f"DTSTAMP:{_utc(now)}",
            f"DTSTART:{_utc(meeting.starts_at)}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(chr(10).join(description))}",
        ]
        if meeting.location:
            lines.append(f"LOCATION:{_escape(meeting.location)}")
        if meeting.agenda_url:
            lines.append(f"URL:{meeting.agenda_url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
