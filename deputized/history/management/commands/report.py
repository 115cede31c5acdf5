"""`deputized report growth`: counts by model at the first publication of each month.
`deputized report removals`: every confirmed removal beside what may continue it, for review."""

from __future__ import annotations

import csv
import json

from django.core.management.base import BaseCommand, CommandParser

from deputized.history.review import Candidate, RemovalReview, removals_review
from deputized.history.selectors import growth

MODELS = ("JEM", "WSO", "TFM")


class Command(BaseCommand):
    help = (
        "Reports over the history. `growth`: agreements by model, month by month. `removals`: "
        "every confirmed removal with what may continue it on the next lists (same MOA file, "
        "a respelling, a corrected state, a re-signing), for a curator to review."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("report", choices=["growth", "removals"])
        parser.add_argument("--state", help="two-letter code, e.g. NC")
        parser.add_argument("--format", choices=["jsonl", "table", "csv"], default="table")
        parser.add_argument(
            "--lists", type=int, default=2, help="removals: how many later lists to look at"
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["report"] == "removals":
            reviews = removals_review(lists_after=options["lists"])  # type: ignore[arg-type]
            if options["state"]:
                reviews = [r for r in reviews if r.state == str(options["state"]).upper()]
            self._removals(reviews, str(options["format"]))
            return
        self._growth(options)

    def _removals(self, reviews: list[RemovalReview], output: str) -> None:
        if output == "jsonl":
            for review in reviews:
                self.stdout.write(json.dumps(_review_dict(review), default=str))
        elif output == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(REMOVAL_COLUMNS)
            for review in reviews:
                for candidate in review.candidates or (None,):
                    writer.writerow(_removal_row(review, candidate))
        else:
            for review in reviews:
                self.stdout.write(
                    f"{review.seq:>5} {review.observed_on} {review.state} {review.agency} "
                    f"{review.model} signed {review.signed}: {review.reason}"
                )
                for c in review.candidates:
                    self.stdout.write(
                        f"        {c.reason:<15} {c.published_on} {c.file_name} row {c.row}: "
                        f"{c.state} {c.agency} signed {c.signed} ({c.similarity:.2f})"
                    )
        counts: dict[str, int] = {}
        for review in reviews:
            counts[review.reason] = counts.get(review.reason, 0) + 1
        summary = ", ".join(f"{reason} {n}" for reason, n in sorted(counts.items()))
        self.stderr.write(f"{len(reviews)} confirmed removals: {summary or 'none'}")

    def _growth(self, options: dict) -> None:
        if options["format"] == "table":
            self.stdout.write(f"{'published':<13} {'JEM':>5} {'WSO':>5} {'TFM':>5} {'total':>6}")
        for publication, counts in growth(state=options["state"]):  # type: ignore[arg-type]
            row = {
                "date": publication.published_on.isoformat(),
                "slot": publication.slot or None,
                **{model: counts.get(model, 0) for model in MODELS},
                "total": sum(counts.values()),
                "file_name": publication.file_name,
            }
            if options["format"] == "jsonl":
                self.stdout.write(json.dumps(row))
            else:
                self.stdout.write(
                    f"{row['date']}{publication.slot:<3} {row['JEM']:>5} {row['WSO']:>5} "
                    f"{row['TFM']:>5} {row['total']:>6}"
                )


_REVIEW_FIELDS = (
    "seq",
    "observed_on",
    "confirmed_on",
    "state",
    "agency",
    "model",
    "signed",
    "agreement_id",
    "last_file",
    "last_row",
    "moa_file",
    "reason",
)
_CANDIDATE_FIELDS = tuple(f for f in Candidate.__slots__ if f != "model")  # the removal's own
REMOVAL_COLUMNS = _REVIEW_FIELDS + tuple(f"candidate_{f}" for f in _CANDIDATE_FIELDS)


def _review_dict(review: RemovalReview) -> dict[str, object]:
    fields: dict[str, object] = {name: getattr(review, name) for name in _REVIEW_FIELDS}
    fields["candidates"] = [
        {name: getattr(c, name) for name in _CANDIDATE_FIELDS} for c in review.candidates
    ]
    return fields


def _removal_row(review: RemovalReview, candidate: Candidate | None) -> list[object]:
    """One line per candidate; a removal without any has one line, its candidate cells empty."""
    own = [getattr(review, name) for name in _REVIEW_FIELDS]
    if candidate is None:
        return own + [""] * len(_CANDIDATE_FIELDS)
    return own + [getattr(candidate, name) for name in _CANDIDATE_FIELDS]
