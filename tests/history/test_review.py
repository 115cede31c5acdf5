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
        # The same MOA file stays linked while the holder's name changes.
        (
            "MT",
            "Flathead County Sheriff's Department",
            "same_moa",
            "Flathead County Sheriff's Office",
        ),
        # Listed under New York for a week, then under Florida, where Lake Placid is.
        ("NY", "Lake Placid Police Department", "state_corrected", "Lake Placid Police Department"),
        # "DPS" spelled out on the next list, same state, model and signing date.
        (
            "FL",
            "Indian River Shores DPS",
            "respelled",
            "Indian River Shores Department of Public Safety",
        ),
    ],
)
def test_a_removal_that_goes_on_under_another_name_shows_it(
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
