"""Every document of every North Carolina place, written to a folder: for an archive of the texts
as of a data version, and for the benchmark (`bench/documents.py`). The site itself builds a
document on demand and its page cache keeps it (views.py)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from django.db import connections

from deputized.documents import formats
from deputized.documents.compose import compose
from deputized.documents.facts import county_facts, town_facts
from deputized.documents.selectors import kinds_for
from deputized.places.models import County, Municipality

Place = tuple[str, str]  # ("county", fips) or ("town", geoid)


def nc_places() -> list[Place]:
    counties = County.objects.filter(state_id="NC").order_by("fips").values_list("fips", flat=True)
    towns = Municipality.objects.filter(state_id="NC").order_by("geoid")
    return [("county", f) for f in counties] + [
        ("town", g) for g in towns.values_list("geoid", flat=True)
    ]


def write_documents(places: Iterable[Place], folder: Path, languages: tuple[str, ...]) -> int:
    """Each place's documents as PDF and DOCX under folder/<county|town>-<code>/; the count."""
    written = 0
    for kind_of_place, code in places:
        if kind_of_place == "county":
            place = County.objects.get(fips=code)
            facts = county_facts(place)
        else:
            place = Municipality.objects.select_related("primary_county").get(geoid=code)
            facts = town_facts(place)
        target = folder / f"{kind_of_place}-{place.slug}"
        for kind in kinds_for(facts):
            for language in languages:
                document = compose(kind, facts, language)
                target.mkdir(parents=True, exist_ok=True)
                stem = target / f"{kind.slug}.{language}"
                stem.with_suffix(f".{language}.pdf").write_bytes(formats.to_pdf(document, ""))
                stem.with_suffix(f".{language}.docx").write_bytes(formats.to_docx(document, ""))
                written += 1
    return written


def _worker(places: list[Place], folder: str, languages: tuple[str, ...]) -> int:
    return write_documents(places, Path(folder), languages)


def write_all(folder: Path, *, workers: int = 1, languages: tuple[str, ...] = ("en", "es")) -> int:
    """All NC places' documents, split over `workers` processes (WeasyPrint holds one core per
    document); returns how many documents were written."""
    places = nc_places()
    if workers <= 1:
        return write_documents(places, folder, languages)
    # Forked workers must open their own database connections.
    connections.close_all()
    shares = [places[i::workers] for i in range(workers)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        counts = pool.map(_worker, shares, [str(folder)] * workers, [languages] * workers)
        return sum(counts)
