"""`deputized report removals` over the whole real archive: every confirmed removal is listed with
what may continue it, so a curator can tell true removals from the engine's misses (issue 12).
The cases below are ICE's own files, checked by opening them."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command

from deputized.history.models import ChangeEvent
from deputized.history.review import RemovalReview, removals_review

pytestmark = [pytest.mark.slow, pytest.mark.django_db, pytest.mark.usefixtures("archive")]


@pytest.fixture(scope="module")
def reviews(archive) -> list[RemovalReview]:
    return removals_review()


def test_every_confirmed_removal_is_reviewed_once(reviews):
    confirmed = ChangeEvent.objects.filter(kind="removed", status="confirmed")
    assert [r.seq for r in reviews] == sorted(e.seq for e in confirmed)


@pytest.mark.parametrize(
    ("state", "agency", "reason", "continued_as"),
    [
        # Moved from Texas to Kansas a week after it was listed; Kansas's Ellis County sheriff
        # had a pending listing, so the rules cannot tell a correction from two agencies.
        ("TX", "Ellis County Sheriff's Office", "state_corrected", "Ellis County Sheriff's Office"),
        # The same MOA file, linked to another name that ICE had also given another agency.
        (
            "FL",
            "Florida Department of Environmental Protection",
            "same_moa",
            "Florida Department of Environmental Protection, Division of Law Enforcement",
        ),
    ],
)
def test_a_removal_the_rules_cannot_decide_shows_what_may_continue_it(
    reviews, state, agency, reason, continued_as
):
    [review] = [r for r in reviews if (r.state, r.agency) == (state, agency)]
    assert review.reason == reason
    best = review.candidates[0]
    assert (best.reason, best.agency, best.signed) == (reason, continued_as, review.signed)


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
