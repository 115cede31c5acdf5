"""`deputized report removals` over the whole real archive: every confirmed removal is listed with
what may continue it, so a curator can tell true removals from the engine's misses (issue 12).
The cases below are ICE's own files, checked by opening them."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command

from deputized.archive.models import SheetRow
from deputized.history.models import Agreement, ChangeEvent
from deputized.history.review import RemovalReview, _reason, removals_review

pytestmark = [pytest.mark.slow, pytest.mark.django_db, pytest.mark.usefixtures("archive")]


@pytest.fixture(scope="module")
def reviews(archive) -> list[RemovalReview]:
    return removals_review()


def test_every_confirmed_removal_is_reviewed_once(reviews):
    confirmed = ChangeEvent.objects.filter(kind="removed", status="confirmed")
    assert [r.seq for r in reviews] == sorted(e.seq for e in confirmed)


def test_no_confirmed_removal_goes_on_under_another_name_holder_or_state(reviews):
    # The acceptance of the identity rules: what is left are true removals (re-signings are
    # `renewed` events of their own); 97 on 2026-12-05, 123 before the rules.
    assert {r.reason for r in reviews} <= {"no_candidate", "re_signed"}
    assert len(reviews) == ChangeEvent.objects.filter(kind="removed", status="confirmed").count()


@pytest.mark.parametrize(
    ("agreement_id", "file_name", "agency", "reason"),
    [
        # The board's TFM, listed under its sheriff from this list on.
        (
            "fl-pasco-county-board-of-county-commissioners-tfm-2025-02-26",
            "participatingAgencies04282025am.xlsx",
            "Pasco County Sheriff's Office",
            "respelled",
        ),
        # Another county in ICE's COUNTY cell, a close name: a curator decided.
        (
            "ok-haskell-police-department-tfm-2026-03-28",
            "participatingAgencies04152026pm.xlsx",
            "Haskell County Sheriff's Office",
            "respelled",
        ),
    ],
)
def test_what_may_continue_a_removal_is_named_for_the_curator(
    archive, agreement_id, file_name, agency, reason
):
    agreement = Agreement.objects.select_related("agency").get(id=agreement_id)
    first_holder = {
        "fl": "Pasco County BOCC",
        "ok": "Haskell Police Department",
    }[agreement_id[:2]]
    # The row that took its place (the history has since moved the agreement to it).
    [row] = SheetRow.objects.filter(
        publication__file_name=file_name, agency=agency, model=agreement.model
    )
    assert row.signed == agreement.signed
    assert _reason(row, agreement, first_holder, "", appeared=True) == reason


def test_a_re_signing_is_told_apart(reviews):
    # Bradley County's sheriff: the 2025-06-03 JEM left the list, then one signed 2025-12-09.
    bradley = [r for r in reviews if r.agency == "Bradley County Sheriff's Office"]
    assert [(r.model, r.reason) for r in bradley] == [("JEM", "re_signed")]
    assert [str(c.signed) for c in bradley[0].candidates] == ["2025-12-09"]


def test_the_csv_has_a_line_per_candidate_and_one_for_a_removal_without():
    out = io.StringIO()
    call_command("report", "removals", "--format", "csv", stdout=out, stderr=io.StringIO())
    lines = list(csv.DictReader(io.StringIO(out.getvalue())))
    expected = sum(max(1, len(r.candidates)) for r in removals_review())
    assert len(lines) == expected
    person = [line for line in lines if line["agency"] == "Person County Sheriff's Office"]
    assert [(p["state"], p["reason"], p["candidate_agency"]) for p in person] == [
        ("NC", "no_candidate", "")
    ]
