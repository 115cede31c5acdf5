"""The sources page's note on how a list was dated, in the reader's language.

`archive.dating` stores each rule as one English sentence (`Publication.dating_rule`: the
archive's record, also in the API and the downloads). Its sentences come from a handful of
patterns, matched here and said again in the reader's language; a sentence no pattern knows is
shown as stored, never dropped.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

DAY = r"(\d{4}-\d{2}-\d{2})"

_REASONS = (
    (re.compile(r"^the digits (\d+) are not a date$"), "digits"),
    (
        re.compile(rf"^(\d+) rows of the file were signed after {DAY} \(the latest on {DAY}\)$"),
        "signed_after",
    ),
    (re.compile(rf"^{DAY} is after the file was fetched \({DAY}\)$"), "after_fetch"),
    (re.compile(rf"^{DAY} is in the future$"), "future"),
    (re.compile(rf"^{DAY} is not plausible$"), "implausible"),
)
_REPAIRED = re.compile(
    rf"^ICE's name says (\d+), but (.+); read as {DAY}, the date (\d+) digit edits? away that "
    r"best fits the content$"
)
_PARTNER = re.compile(
    rf"^ICE's name says (\d+); published with (\S+), whose content dates both to {DAY}$"
)


def _day(text: str) -> str:
    return date_format(dt.date.fromisoformat(text), "DATE_FORMAT")


def _reason(text: str) -> str | None:
    for pattern, kind in _REASONS:
        found = pattern.match(text)
        if not found:
            continue
        groups = found.groups()
        if kind == "digits":
            return _("the digits %(digits)s are not a date") % {"digits": groups[0]}
        if kind == "signed_after":
            return ngettext(
                "%(n)s row of the file was signed after %(day)s (the latest on %(latest)s)",
                "%(n)s rows of the file were signed after %(day)s (the latest on %(latest)s)",
                int(groups[0]),
            ) % {"n": groups[0], "day": _day(groups[1]), "latest": _day(groups[2])}
        if kind == "after_fetch":
            return _("%(day)s is after the file was fetched (%(fetched)s)") % {
                "day": _day(groups[0]),
                "fetched": _day(groups[1]),
            }
        if kind == "future":
            return _("%(day)s is in the future") % {"day": _day(groups[0])}
        return _("%(day)s is not plausible") % {"day": _day(groups[0])}
    return None


def dating_note(rule: str) -> str:
    """`Publication.dating_rule` in the reader's language (as stored when no pattern fits)."""
    if rule == "dated by its web-archive capture":
        return _("dated by its web-archive capture")
    if rule == "no date in ICE's name: the day it was fetched":
        return _("no date in ICE's name: the day it was fetched")
    found = _PARTNER.match(rule)
    if found:
        digits, partner, day = found.groups()
        return _(
            "ICE's name says %(digits)s; published with %(partner)s, whose content dates both "
            "to %(day)s"
        ) % {"digits": digits, "partner": partner, "day": _day(day)}
    found = _REPAIRED.match(rule)
    if found:
        digits, why, day, edits = found.groups()
        reason = _reason(why)
        if reason is not None:
            return ngettext(
                "ICE's name says %(digits)s, but %(reason)s; read as %(day)s, the date "
                "%(edits)s digit edit away that best fits the content",
                "ICE's name says %(digits)s, but %(reason)s; read as %(day)s, the date "
                "%(edits)s digit edits away that best fits the content",
                int(edits),
            ) % {"digits": digits, "reason": reason, "day": _day(day), "edits": edits}
    return rule
