"""Reads from the archive."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from deputized.archive.models import IngestRun, Publication, Republication


def publication_list() -> QuerySet[Publication]:
    """Every stored publication in publication order, with its republications."""
    return Publication.objects.prefetch_related(
        Prefetch("republications", queryset=Republication.objects.order_by("published_on", "id"))
    ).order_by("published_on", "slot_rank", "first_seen_at", "id")


def publication_file_names(publication: Publication) -> list[str]:
    names = [publication.file_name]
    for republication in publication.republications.all():
        if republication.file_name not in names:
            names.append(republication.file_name)
    return names


def publication_as_dict(publication: Publication) -> dict[str, object]:
    return {
        "date": publication.published_on.isoformat(),
        "slot": publication.slot or None,
        "kind": publication.list_kind,
        "rows": publication.row_count,
        "sha256": publication.sha256,
        "file_names": publication_file_names(publication),
        "republished_on": [
            f"{r.published_on.isoformat()}{r.slot}" for r in publication.republications.all()
        ],
        "dating_rule": publication.dating_rule or None,
    }


def ingest_run_latest() -> IngestRun | None:
    return IngestRun.objects.order_by("-started_at", "-id").first()
