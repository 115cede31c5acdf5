"""The dating rules, on the shapes of mistake ICE has made and on names they have never seen."""

import datetime as dt

import pytest

from deputized.archive.dating import Dated, Evidence, date_publication, repair_candidates
from deputized.sheets.filenames import parse_file_name

TODAY = dt.date(2026, 11, 24)


def signed(*days: str) -> tuple[dt.date, ...]:
    return tuple(dt.date.fromisoformat(d) for d in days)


def date(name: str, kind: str = "participating", **evidence) -> Dated | None:
    return date_publication(parse_file_name(name), Evidence(kind, TODAY, **evidence))


def test_a_plain_name_gives_its_own_date_and_slot():
    dated = date("participatingAgencies04302026am.xlsx", signing_dates=signed("2026-04-29"))
    assert dated == Dated(dt.date(2026, 4, 30), "am", "")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("287gParticipatingAgencies091526pm.xlsx", (dt.date(2026, 9, 15), "pm")),
        ("ParticipatingAgency091826am.xlsx", (dt.date(2026, 9, 18), "am")),
        ("pendingAgencies11122025.xlsx", (dt.date(2025, 11, 12), "")),
        ("participatingAgencies10232025mid.xlsx", (dt.date(2025, 10, 23), "mid")),
        ("participatingAgencies05122025amB.xlsx", (dt.date(2025, 5, 12), "am")),
        ("pendingAgencies07112025am_b.xlsx", (dt.date(2025, 7, 11), "am")),
        ("participatingAgencies12042025pm2.xlsx", (dt.date(2025, 12, 4), "pm")),
    ],
)
def test_every_naming_style_ice_has_used(name, expected):
    dated = date(name)
    assert (dated.published_on, dated.slot) == expected


def test_a_year_ice_forgot_to_change_is_corrected_by_the_signing_dates():
    # A January list that still says last year, while listing agreements signed last December.
    dated = date(
        "participatingAgencies01062025pm.xlsx",
        signing_dates=signed("2025-03-01", "2025-12-18", "2025-12-18"),
    )
    assert dated.published_on == dt.date(2026, 1, 6)
    assert "2025-01-06" in dated.rule and "signed after" in dated.rule


def test_a_wrong_month_is_corrected_to_the_nearest_date_the_content_allows():
    dated = date(
        "participatingAgencies08022025pm.xlsx",
        signing_dates=signed("2025-08-04", "2025-08-28", "2025-08-28"),
    )
    assert dated.published_on == dt.date(2025, 9, 2)


def test_one_mistyped_signing_date_does_not_move_a_publication():
    dated = date(
        "participatingAgencies07082025pm.xlsx", signing_dates=signed("2025-07-07", "2026-07-07")
    )
    assert dated == Dated(dt.date(2025, 7, 8), "pm", "")


def test_a_stray_digit_is_dropped():
    dated = date("participatingAgencies090022025am.xlsx", signing_dates=signed("2025-08-28"))
    assert dated.published_on == dt.date(2025, 9, 2)
    assert dated.slot == "am"


def test_garbled_digits_take_the_smallest_repair_the_signing_dates_allow():
    dated = date(
        "participatingAgencies11114025am.xlsx",
        signing_dates=signed(*["2025-11-14"] * 9, "2025-11-10"),
    )
    assert dated.published_on == dt.date(2025, 11, 14)


def test_a_repair_avoids_a_slot_another_file_of_the_same_list_holds():
    name = "pendingAgencies10223025am.xlsx"
    assert date(name, "pending").published_on == dt.date(2025, 10, 22)
    taken = frozenset({(dt.date(2025, 10, 22), "am")})
    assert date(name, "pending", occupied=taken).published_on == dt.date(2025, 10, 23)


def test_a_pending_list_takes_the_corrected_date_of_the_list_published_with_it():
    partner = Dated(dt.date(2026, 1, 6), "pm", "corrected")
    dated = date(
        "pendingAgencies01062025pm.xlsx",
        "pending",
        partner=partner,
        partner_name="participatingAgencies01062025pm.xlsx",
    )
    assert dated.published_on == dt.date(2026, 1, 6)
    assert "participatingAgencies01062025pm.xlsx" in dated.rule


def test_a_date_after_the_day_it_was_fetched_is_impossible():
    dated = date("participatingAgencies12252026am.xlsx", seen_on=dt.date(2026, 11, 24))
    # One digit off, and the nearest such date to the day it was fetched.
    assert dated.published_on == dt.date(2026, 10, 25)
    assert "in the future" not in dated.rule and "fetched" in dated.rule


def test_a_name_without_a_date_takes_the_fetch_day_or_cannot_be_dated():
    assert date("287g.xlsx", seen_on=dt.date(2026, 11, 24)).published_on == dt.date(2026, 11, 24)
    assert date("287g.xlsx") is None


def test_a_web_archive_capture_is_dated_by_its_timestamp():
    dated = date("ParticipatingEntities-20250219163339.xlsx")
    assert dated.published_on == dt.date(2025, 2, 19)


def test_the_archive_prefix_of_a_local_copy_is_never_read_as_a_date():
    # The local label says 2020; ICE's own name says 2025-04-28.
    dated = date("2020-01-01am_participatingAgencies04282025am.xlsx")
    assert dated.published_on == dt.date(2025, 4, 28)


def test_repair_candidates_are_real_dates_by_edit_distance():
    candidates = dict((day, edits) for edits, day in repair_candidates("10223025"))
    assert candidates[dt.date(2025, 10, 22)] == 1  # one digit changed
    assert candidates[dt.date(2025, 10, 23)] == 1  # two neighbours swapped
    assert all(isinstance(day, dt.date) for day in candidates)
