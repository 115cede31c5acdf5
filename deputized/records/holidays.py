"""North Carolina state holidays, computed by rule, and business days for the follow-up dates.

The State Human Resources Commission sets at most 12 paid holidays (G.S. 126-4(5), (5a); OSHR
Holidays Policy, https://oshr.nc.gov/policies/holidays-policy), including Martin Luther King Jr.'s
Birthday, Veterans Day and three days for Christmas. Its schedule, by rule:

- New Year's Day (January 1), Martin Luther King Jr.'s Birthday (3rd Monday of January), Good
  Friday, Memorial Day (last Monday of May), Independence Day (July 4), Labor Day (1st Monday of
  September), Veterans Day (November 11), Thanksgiving (4th Thursday of November) and the Friday
  after, and three Christmas days (December 24, 25 and 26).
- A holiday on a Saturday is observed the Friday before, on a Sunday the Monday after; a
  Christmas day that falls on a weekend (or on a day already taken) moves to the next free
  weekday, so there are always three weekdays off for Christmas (2026: Thursday 24, Friday 25
  and Monday 28 December).

The Commission publishes each year's schedule; a year that departs from these rules would need an
entry here (none so far).
"""

from __future__ import annotations

import datetime as dt
import functools

SATURDAY, SUNDAY = 5, 6


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def _observed(day: dt.date) -> dt.date:
    if day.weekday() == SATURDAY:
        return day - dt.timedelta(days=1)
    if day.weekday() == SUNDAY:
        return day + dt.timedelta(days=1)
    return day


@functools.cache
def nc_state_holidays(year: int) -> frozenset[dt.date]:
    """The days state offices are closed in `year` (observed dates)."""
    days = {
        _observed(dt.date(year, 1, 1)),
        _nth_weekday(year, 1, 0, 3),  # Martin Luther King Jr.'s Birthday
        _easter(year) - dt.timedelta(days=2),  # Good Friday
        _last_weekday(year, 5, 0),  # Memorial Day
        _observed(dt.date(year, 7, 4)),
        _nth_weekday(year, 9, 0, 1),  # Labor Day
        _observed(dt.date(year, 11, 11)),
    }
    thanksgiving = _nth_weekday(year, 11, 3, 4)
    days |= {thanksgiving, thanksgiving + dt.timedelta(days=1)}
    christmas: list[dt.date] = []
    for date in (dt.date(year, 12, 24), dt.date(year, 12, 25), dt.date(year, 12, 26)):
        while date.weekday() >= SATURDAY or date in christmas:
            date += dt.timedelta(days=1)
        christmas.append(date)
    return frozenset(days | set(christmas))


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < SATURDAY and day not in nc_state_holidays(day.year)


def add_business_days(start: dt.date, n: int) -> dt.date:
    """The `n`th business day after `start` (weekends and NC state holidays skipped)."""
    day = start
    while n > 0:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            n -= 1
    return day
