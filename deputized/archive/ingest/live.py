"""Live fetch: read ICE's 287(g) page, download the workbooks it links, ingest what is new."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx
from django.utils import timezone

from deputized.archive import fetch
from deputized.archive.ingest.read import candidate_from_bytes
from deputized.archive.ingest.run import FileOutcome, IngestResult, Progress, run
from deputized.archive.models import RemoteFile


@dataclass(slots=True)
class FetchReport:
    page_url: str
    offline: bool = False
    problem: str = ""  # why the page itself could not be read
    links: dict[str, str] = field(default_factory=dict)
    not_modified: list[str] = field(default_factory=list)
    result: IngestResult | None = None


def _remember(
    url: str, *, status: str, download: fetch.Download | None = None, sha: str = ""
) -> None:
    values: dict[str, object] = {"checked_at": timezone.now(), "last_status": status[:200]}
    if download is not None:
        values["etag"] = download.etag or ""
        values["last_modified"] = download.last_modified or ""
    if sha:
        values["sha256"] = sha
    RemoteFile.objects.update_or_create(url=url, defaults=values)


def _remember_stored(
    downloaded: list[tuple[str, fetch.Download, str]], result: IngestResult
) -> None:
    """The validators of each download whose bytes the archive now holds; a refused file keeps
    the old ones, so the next fetch downloads it again."""
    held = {o.sha256 for o in result.outcomes if o.verdict != "refused" and o.sha256}
    refused = {o.sha256: o.message for o in result.outcomes if o.verdict == "refused"}
    for url, download, sha in downloaded:
        if sha in held:
            _remember(url, status="fetched", download=download, sha=sha)
        else:
            _remember(url, status=f"refused: {refused.get(sha, 'not stored')}")


def run_fetch(
    *,
    page_url: str,
    timeout: float,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
) -> FetchReport:
    """Fetch ICE's page and its workbooks once.

    Steps: read the page (a failure there is reported, and `offline` set when the network is
    unreachable, without raising); find the participating and pending links whatever their names;
    refuse any link that is not on ICE's site over HTTPS (or the configured page's own origin);
    download each with the ETag / Last-Modified of the previous fetch, so an unchanged file costs
    one 304; ingest the downloaded bytes (dated by their names, checked against their content and
    the day they were fetched); record download failures (404, timeout, an HTML page in place of a
    workbook) as refused files in the same ingest run; only then remember each stored file's
    validators. A validator is kept only once its file is in the archive: a fetch killed before,
    or a store that failed, leaves the next fetch to download the file again, never a 304 for a
    list that was never stored.
    """
    say = progress or (lambda _m: None)
    report = FetchReport(page_url=page_url)
    owns_client = client is None
    http = client or fetch.make_client(timeout)
    try:
        try:
            page = fetch.fetch_page(page_url, client=http)
        except fetch.FetchError as exc:
            report.offline = fetch.is_offline_error(exc)
            report.problem = str(exc)
            return report
        links = fetch.find_workbook_links(page, page_url)
        report.links = {
            k: v
            for k, v in (("participating", links.participating), ("pending", links.pending))
            if v
        }
        if not report.links:
            report.problem = f"{page_url}: no workbook links found on the page"
            return report
        today = timezone.localdate()
        candidates = []
        downloaded: list[tuple[str, fetch.Download, str]] = []  # (link, download, sha256)
        failures: list[FileOutcome] = []
        for kind, link in report.links.items():
            url = fetch.on_ice_site(link)
            known = RemoteFile.objects.filter(url=url).first()
            try:
                fetch.refuse_untrusted(url, page_url=page_url)
                download = fetch.download(
                    url,
                    client=http,
                    etag=(known.etag or None) if known else None,
                    last_modified=(known.last_modified or None) if known else None,
                )
            except fetch.FetchError as exc:
                failures.append(FileOutcome(exc.url, "refused", exc.problem))
                if len(url) <= fetch.MAX_URL_CHARS:
                    _remember(url, status=f"failed: {exc.problem}")
                say(f"{kind}: {exc}")
                continue
            if download.status == "not_modified":
                report.not_modified.append(url)
                _remember(url, status="not modified", download=download)
                say(f"{kind}: not modified since the last fetch")
                continue
            candidate = candidate_from_bytes(
                content=download.content or b"",
                file_name=download.file_name,
                source=download.final_url,
                seen_on=today,
            )
            candidates.append(candidate)
            downloaded.append((url, download, candidate.sha256))
            say(f"{kind}: downloaded {download.file_name}")
        report.result = run(
            fetched=candidates, command="fetch", workers=1, progress=progress, failures=failures
        )
        _remember_stored(downloaded, report.result)
        return report
    finally:
        if owns_client:
            http.close()
