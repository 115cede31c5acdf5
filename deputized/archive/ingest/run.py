"""Ingest orchestration: from paths (or fetched bytes) to stored publications, with a run record."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError

from deputized.archive import services
from deputized.archive.dating import Dated
from deputized.archive.ingest.date import date_candidate
from deputized.archive.ingest.discover import discover
from deputized.archive.ingest.lock import ingest_lock
from deputized.archive.ingest.read import MAX_BYTES, Candidate, candidate_from_bytes, parse_all
from deputized.archive.models import IngestRun, Publication
from deputized.archive.signals import publications_stored
from deputized.bulk import collector_paused

Progress = Callable[[str], None]

# How long a run waits for another to end. The whole archive ingests in about two minutes; a fetch
# takes seconds.
LOCK_WAIT_SECONDS = 15 * 60


@dataclass(slots=True)
class FileOutcome:
    source: str
    verdict: str  # "new", "republished", "unchanged" or "refused"
    message: str = ""
    sha256: str = ""
    publication_id: int | None = None


@dataclass(slots=True)
class IngestResult:
    run: IngestRun
    outcomes: list[FileOutcome] = field(default_factory=list)

    def refused(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.verdict == "refused"]


def _load(path: Path) -> Candidate | FileOutcome:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return FileOutcome(str(path), "refused", f"{size} bytes is larger than any ICE list")
        content = path.read_bytes()
    except OSError as exc:
        return FileOutcome(str(path), "refused", f"cannot read the file: {exc.strerror or exc}")
    return candidate_from_bytes(content=content, file_name=path.name, source=str(path))


def _known_publication(sha256: str) -> Publication | None:
    return Publication.objects.filter(sha256=sha256).first()


def _handle_known(
    candidate: Candidate, publication: Publication, run: IngestRun, override: Dated | None
) -> FileOutcome:
    """The same bytes again: unchanged under a known name, a republication under a new one."""
    names = {publication.file_name, *publication.republications.values_list("file_name", flat=True)}
    if candidate.name.name in names and override is None:
        return FileOutcome(
            candidate.source, "unchanged", sha256=candidate.sha256, publication_id=publication.id
        )
    dated = override or date_candidate(
        candidate,
        list_kind=publication.list_kind,
        signing_dates=tuple(publication.rows.exclude(signed=None).values_list("signed", flat=True)),
        today=services.today(),
    )
    if dated is None:
        dated = Dated(publication.published_on, publication.slot, "undated name: same bytes")
    already = publication.republications.filter(
        file_name=candidate.name.name, published_on=dated.published_on, slot=dated.slot
    ).exists() or (
        candidate.name.name == publication.file_name
        and (dated.published_on, dated.slot) == (publication.published_on, publication.slot)
    )
    if already:
        return FileOutcome(
            candidate.source, "unchanged", sha256=candidate.sha256, publication_id=publication.id
        )
    services.republication_create(
        publication=publication, candidate=candidate, dated=dated, run=run
    )
    return FileOutcome(
        candidate.source,
        "republished",
        f"same bytes as {publication.file_name} ({publication.published_on}{publication.slot})",
        candidate.sha256,
        publication.id,
    )


def _handle_new(candidate: Candidate, run: IngestRun, override: Dated | None) -> FileOutcome:
    sheet = candidate.parsed
    if sheet is None:
        return FileOutcome(candidate.source, "refused", candidate.error, candidate.sha256)
    dated = override or date_candidate(
        candidate,
        list_kind=sheet.list_kind,
        signing_dates=sheet.signing_dates,
        today=services.today(),
    )
    if dated is None:
        return FileOutcome(
            candidate.source,
            "refused",
            "cannot tell when this list was published: the file name has no usable date "
            "(give one with --date YYYY-MM-DD)",
            candidate.sha256,
        )
    try:
        publication = services.publication_create(candidate=candidate, dated=dated, run=run)
    except DatabaseError as exc:
        return FileOutcome(
            candidate.source, "refused", f"could not store it: {exc}", candidate.sha256
        )
    note = f"{sheet.list_kind} {dated.published_on}{dated.slot}, {len(sheet.rows)} rows"
    if dated.rule:
        note += f"; {dated.rule}"
    return FileOutcome(candidate.source, "new", note, candidate.sha256, publication.id)


def _ordered(candidates: list[Candidate]) -> list[Candidate]:
    """Participating lists before pending ones of the same batch, so that a pending list can take
    the date of the participating list published with it; otherwise the order given."""
    return sorted(
        candidates,
        key=lambda c: 0 if (c.name.claimed_kind or "participating") == "participating" else 1,
    )


def run(
    *,
    paths: list[Path] | None = None,
    fetched: list[Candidate] | None = None,
    command: str = "ingest",
    published: Dated | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    failures: list[FileOutcome] | None = None,
    lock_wait_seconds: float = LOCK_WAIT_SECONDS,
) -> IngestResult:
    """Ingest files into the archive and record the run.

    Steps:
    0. lock: one run at a time per database (`ingest/lock.py`; waits up to `lock_wait_seconds`,
       then raises `IngestBusy`); any other run still marked running is then marked interrupted;
    1. discover: expand the given paths (files as given, folders searched for .xlsx), sorted;
    2. load: read each file's bytes and sha256 (fetched files arrive as bytes already);
    3. read: parse every file whose bytes the archive does not hold yet (in worker processes);
    4. date: publication date and slot from ICE's name, checked against the content (`dating`);
    5. store: each new file in its own transaction (bytes, metadata, every row); bytes already held
       are `unchanged`, or a `republication` when they come under a new name or date;
    6. follow up: when some stored publication has not been taken in by the layers after the
       archive (this run's new ones, or an earlier run's that crashed or was killed during this
       step), `publications_stored` is sent and, once its receivers return, every run is marked
       followed up;
    7. record: counts, per-stage timings and the outcome on the `IngestRun`; an error at any step
       is recorded first (failed, or interrupted for Ctrl-C), then raised again.
    A file that cannot be read or dated is refused with a message; nothing already stored changes.
    `published` forces the date and slot for every file (for files whose names carry none);
    `failures` are files the caller could not even obtain (a download that failed), recorded as
    refused in the same run.
    """
    with ingest_lock(wait_seconds=lock_wait_seconds):
        return _run_locked(
            paths=list(paths or []),
            fetched=list(fetched or []),
            command=command,
            published=published,
            workers=workers,
            say=progress or (lambda _message: None),
            failures=list(failures or []),
        )


def _run_locked(
    *,
    paths: list[Path],
    fetched: list[Candidate],
    command: str,
    published: Dated | None,
    workers: int | None,
    say: Progress,
    failures: list[FileOutcome],
) -> IngestResult:
    timings: dict[str, float] = {}
    sources = [str(p) for p in paths] + [c.source for c in fetched]
    ingest_run = services.ingest_run_start(command=command, sources=sources)
    interrupted = services.ingest_runs_interrupt(found_by=ingest_run)
    if interrupted:
        say(f"{interrupted} earlier run(s) found still running: marked interrupted")
    result = IngestResult(run=ingest_run, outcomes=failures)
    # Whatever stops the run, it records why before the error goes on (a kill -9 cannot be
    # caught: the next run marks such a run interrupted).
    stage = "the store"
    try:
        _load_read_store(paths, fetched, published, workers, say, result, timings)
        _count(result)
        stage = "the step after the store (history, places, alerts, downloads)"
        started = time.perf_counter()
        _follow_up(ingest_run, say)
        timings["follow_up"] = time.perf_counter() - started
    except BaseException as exc:
        ingest_run.timings = {k: round(v, 3) for k, v in timings.items()}
        problem = f"{type(exc).__name__}: {exc}"[:1000]
        services.ingest_run_stopped(
            run=ingest_run,
            interrupted=not isinstance(exc, Exception),  # Ctrl-C, SystemExit
            message=_refusals(result)
            + f"stopped during {stage}: {problem}; the files stored are kept and the next run "
            "repeats the step after the store",
        )
        raise
    ingest_run.timings = {k: round(v, 3) for k, v in timings.items()}
    services.ingest_run_finish(run=ingest_run, message=_refusals(result).rstrip("\n"))
    return result


def _load_read_store(
    paths: list[Path],
    fetched: list[Candidate],
    published: Dated | None,
    workers: int | None,
    say: Progress,
    result: IngestResult,
    timings: dict[str, float],
) -> None:
    """Steps 1 to 5: each file's outcome goes into `result`, the seconds into `timings`."""
    ingest_run = result.run
    started = time.perf_counter()
    discovered = discover(paths)
    for path in discovered.missing:
        result.outcomes.append(FileOutcome(str(path), "refused", "no such file or folder"))
    candidates: list[Candidate] = fetched
    for path in discovered.files:
        loaded = _load(path)
        if isinstance(loaded, FileOutcome):
            result.outcomes.append(loaded)
        else:
            candidates.append(loaded)
    candidates = _ordered(candidates)
    timings["load"] = time.perf_counter() - started

    started = time.perf_counter()
    held = set(
        Publication.objects.filter(sha256__in=[c.sha256 for c in candidates]).values_list(
            "sha256", flat=True
        )
    )
    first_of_each: dict[str, Candidate] = {}
    for candidate in candidates:
        if candidate.sha256 not in held:
            first_of_each.setdefault(candidate.sha256, candidate)
    say(f"{len(candidates)} files, {len(first_of_each)} not yet in the archive")
    parsed: Iterator[Candidate] = parse_all(
        first_of_each.values(), workers=workers if workers is not None else _default_workers()
    )
    parsed_ids = {id(c) for c in first_of_each.values()}

    # Each file's rows are freed once stored and hold no cycles: the collector would only walk
    # them (and all of Django) again and again.
    with collector_paused():
        for index, candidate in enumerate(candidates, start=1):
            if id(candidate) in parsed_ids:
                next(parsed)  # fills candidate.parsed / candidate.error, in the same order
                outcome = _handle_new(candidate, ingest_run, published)
                candidate.parsed = None  # free the rows once stored
            else:
                publication = _known_publication(candidate.sha256)
                if publication is None:  # the first copy in this batch was refused
                    message = "same bytes as a file refused above"
                    outcome = FileOutcome(candidate.source, "refused", message, candidate.sha256)
                else:
                    outcome = _handle_known(candidate, publication, ingest_run, published)
            result.outcomes.append(outcome)
            if outcome.verdict != "unchanged":
                say(
                    f"[{index}/{len(candidates)}] {outcome.verdict}: {Path(candidate.source).name}"
                    + (f" ({outcome.message})" if outcome.message else "")
                )
    timings["read_date_store"] = time.perf_counter() - started


def _count(result: IngestResult) -> None:
    ingest_run = result.run
    verdicts = [o.verdict for o in result.outcomes]
    ingest_run.files_seen = len(verdicts)
    ingest_run.files_new = verdicts.count("new")
    ingest_run.files_republished = verdicts.count("republished")
    ingest_run.files_unchanged = verdicts.count("unchanged")
    ingest_run.files_refused = verdicts.count("refused")
    ingest_run.rows_stored = sum(
        Publication.objects.filter(first_run=ingest_run).values_list("row_count", flat=True)
    )


def _refusals(result: IngestResult) -> str:
    """One line per refused file, each ending in a newline ("" when none)."""
    return "".join(f"{o.source}: {o.message}\n" for o in result.refused())


def _follow_up(ingest_run: IngestRun, say: Progress) -> None:
    """Let the layers after the archive take in every publication they have not taken in yet:
    this run's new ones, and those of an earlier run that crashed or was killed before they had
    (its history step failed, say). Marked done only once every receiver has returned."""
    if not services.publications_awaiting_follow_up():
        return
    publications_stored.send(sender=run, run=ingest_run, progress=say)
    services.ingest_runs_followed_up()


def _default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))
