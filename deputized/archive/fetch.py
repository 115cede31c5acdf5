"""The network half of "live fetch": find ICE's current workbooks and download them.

ICE publishes the 287(g) lists as two .xlsx links on https://www.ice.gov/identify-and-arrest/287g
and renames the files every time (``participatingAgencies05182026am.xlsx``,
``287gParticipatingAgencies091526pm.xlsx``, ``ParticipatingAgency091826am.xlsx``, ...). So we
never guess a URL: we read the page, take whatever .xlsx links it has, and download them.

Everything here is plain Python over an ``httpx.Client`` and touches no database, so it can be
tested against a loopback server and reused by any command. Every failure the caller should
report to a person comes out as one ``FetchError`` with a one-line message naming the URL.

What comes from the network is not trusted: each call (redirects and body included) ends within
the client's timeout in all (`archive/http.py`); a redirect is followed only to ICE's hosts over
HTTPS or within the origin asked for; the validators, the file name and every message kept from a
response are bounded and cleaned before anyone stores them.

Which list a file really holds is *not* decided here: ICE has served the pending list behind the
participating link (2025-09-22 pm), so the reader decides from the headers. The link kind is only
a hint for which link to follow.
"""

from __future__ import annotations

import email.message
import email.utils
import ssl
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http import HTTPStatus
from pathlib import PurePosixPath
from typing import Literal
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from deputized.archive import http
from deputized.sheets.filenames import clean_file_name
from deputized.sheets.links import ICE_HOSTS, is_ice_https

USER_AGENT = "Deputized/0.1 (+https://github.com/deputized; 287(g) transparency)"

#: The largest workbook we will read. Real ones are ~200 kB; anything near this is not a list.
MAX_WORKBOOK_BYTES = 50 * 1024 * 1024

#: The largest HTML page we will read. The real 287(g) page is well under 1 MB.
MAX_PAGE_BYTES = 10 * 1024 * 1024

#: Every .xlsx file is a zip archive, and every zip archive starts with a local file header.
XLSX_MAGIC = b"PK\x03\x04"

#: Old binary .xls (and other OLE2 compound documents) start with this.
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0"

#: Redirects followed at most; ICE's CDN uses one.
MAX_REDIRECTS = 5

#: The longest URL followed or stored (RemoteFile.url holds 1,000 characters).
MAX_URL_CHARS = 1000

#: The longest ETag / Last-Modified kept (real ones are under 50 characters).
MAX_VALIDATOR_CHARS = 200

#: The longest problem kept from a response (a reason phrase, a content type) in a message.
MAX_PROBLEM_CHARS = 300

LinkKind = Literal["participating", "pending"]
DownloadStatus = Literal["fetched", "not_modified"]


class FetchError(Exception):
    """A fetch failed in a way worth telling a person about, in one line naming the URL.

    ``offline`` is set when we could not reach the server at all (DNS failure, connection
    refused or unreachable), so callers can say "offline" rather than blame ICE.
    """

    def __init__(self, url: str, problem: str, *, offline: bool = False) -> None:
        self.url = url
        self.problem = _one_line(problem)
        self.offline = offline
        super().__init__(f"{url}: {self.problem}")


def is_offline_error(exc: FetchError) -> bool:
    """True when the fetch failed because the server could not be reached (DNS or connection).

    Lets a command print "offline, nothing fetched" instead of a stack of transport details.
    Timeouts, HTTP errors and bad bodies are not "offline": the server answered, or may have.
    """
    return exc.offline


def same_origin(url: str, other: str) -> bool:
    """Same scheme, host and port (the web's unit of trust)."""
    try:
        a, b = urlsplit(url), urlsplit(other)
        return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port)
    except ValueError:
        return False


def on_ice_site(url: str) -> str:
    """ICE's plain-http links upgraded to https (ICE serves nothing over http); others unchanged."""
    parts = urlsplit(url)
    if parts.scheme == "http" and (parts.hostname or "") in ICE_HOSTS and parts.port is None:
        return parts._replace(scheme="https").geturl()
    return url


def refuse_untrusted(url: str, *, page_url: str) -> None:
    """A workbook link on ICE's page is downloaded only from ICE's hosts over HTTPS (or from the
    origin of the page the operator configured): an altered page cannot make us store a file
    from anywhere else."""
    if len(url) > MAX_URL_CHARS:
        raise FetchError(url[:200] + "…", f"a link longer than {MAX_URL_CHARS:,} characters")
    if not (is_ice_https(url) or same_origin(url, page_url)):
        raise FetchError(url, "not on ICE's site over HTTPS: refused")


# --------------------------------------------------------------------------------------------
# Finding the workbook links on ICE's page
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkbookLinks:
    """The absolute URLs of the current workbooks on the page; None when a link is missing."""

    participating: str | None = None
    pending: str | None = None


@dataclass
class _Anchor:
    """One ``<a href>`` as written on the page, with its visible text and title."""

    href: str
    title: str = ""
    text_parts: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """Visible text plus title, whitespace collapsed: what a reader would call the link."""
        return " ".join(" ".join([*self.text_parts, self.title]).split())


class _AnchorCollector(HTMLParser):
    """Collects anchors and the ``<base href>``, using the real HTML tokenizer.

    A tokenizer (not a regex) means links inside comments and ``<script>`` strings are ignored
    and entities such as ``&amp;`` in hrefs are decoded, the way a browser sees the page.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[_Anchor] = []
        self.base_href: str | None = None
        self._open: _Anchor | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "base" and self.base_href is None and values.get("href"):
            self.base_href = values["href"]
        elif tag == "a":
            self._close_anchor()  # <a> cannot nest in HTML: a new one ends the previous one
            if values.get("href", "").strip():
                self._open = _Anchor(href=values["href"].strip(), title=values.get("title", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._close_anchor()

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.text_parts.append(data)

    def close(self) -> None:
        super().close()
        self._close_anchor()

    def _close_anchor(self) -> None:
        if self._open is not None:
            self.anchors.append(self._open)
            self._open = None


def find_workbook_links(html: str, base_url: str) -> WorkbookLinks:
    """Find the participating and pending workbook links on ICE's 287(g) page.

    A link counts if its URL path ends in ``.xlsx`` (any case; query strings allowed). Its kind
    comes from the file name ("particip" or "pending"), or failing that from the link text, so
    renamed files are still found. Relative hrefs are resolved against ``base_url`` (or the
    page's ``<base href>``). When several links match a kind, the first on the page wins.
    """
    collector = _AnchorCollector()
    collector.feed(html)
    collector.close()
    page_base = urljoin(base_url, collector.base_href) if collector.base_href else base_url

    found: dict[LinkKind, str] = {}
    for anchor in collector.anchors:
        url = urljoin(page_base, anchor.href)
        if not _is_workbook_url(url):
            continue
        kind = _link_kind(url, anchor.label)
        if kind is not None and kind not in found:
            found[kind] = url
    return WorkbookLinks(participating=found.get("participating"), pending=found.get("pending"))


def _is_workbook_url(url: str) -> bool:
    """An http(s) URL whose path (ignoring query and fragment) names an .xlsx file."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.path.lower().endswith(".xlsx")


def _link_kind(url: str, label: str) -> LinkKind | None:
    """Kind from the file name, falling back to the link text when the name says neither."""
    return _kind_from_words(_last_path_segment(url)) or _kind_from_words(label)


def _kind_from_words(words: str) -> LinkKind | None:
    """Match loosely ("particip" covers Participating, ParticipatingAgency, participants)."""
    lowered = words.lower()
    if "particip" in lowered:
        return "participating"
    if "pending" in lowered:
        return "pending"
    return None


def _last_path_segment(url: str) -> str:
    """The URL-unquoted file name at the end of the URL's path ("" for a directory URL)."""
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1])


# --------------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    """The result of one workbook download.

    ``content`` is None when the server said "not modified". ``etag`` and ``last_modified`` are
    the server's validators (falling back to the ones sent, on a 304 without them) to store and
    send next time. ``file_name`` is ICE's name for the file, which carries its date.
    """

    status: DownloadStatus
    content: bytes | None
    etag: str | None
    last_modified: str | None
    final_url: str
    file_name: str


def make_client(timeout: float, *, ssl_context: ssl.SSLContext | None = None) -> httpx.Client:
    """An HTTP client that says who we are; each call through it ends within ``timeout`` seconds.

    The User-Agent lets ICE's operators see and contact a polite, low-volume reader. ``timeout``
    bounds each call in all (connection, redirects, headers and the whole body), not each read.
    ``ssl_context`` replaces the certificate authorities trusted (certifi's by default).
    The caller owns the client and should close it (``with make_client(10) as client: ...``).
    """
    return http.deadline_client(
        timeout=timeout, headers={"User-Agent": USER_AGENT}, ssl_context=ssl_context
    )


def fetch_page(url: str, *, client: httpx.Client) -> str:
    """Return the HTML of ``url`` (ICE's 287(g) page), or raise FetchError saying why not."""
    with _get(client, url) as response:
        _raise_for_status(url, response)
        body = _read_capped(url, response, MAX_PAGE_BYTES)
        encoding = response.encoding or "utf-8"
    return body.decode(encoding, errors="replace")


def download(
    url: str,
    *,
    client: httpx.Client,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Download:
    """Download one workbook, conditionally when validators from a previous fetch are given.

    Sending If-None-Match / If-Modified-Since lets ICE answer 304 and spares both sides the
    bytes. A 200 must carry an xlsx (zip) body: ICE's error pages come back as HTML with 200,
    and storing one as a "workbook" would poison the archive, so it is refused here.
    """
    headers = _conditional_headers(etag, last_modified)
    with _get(client, url, headers) as response:
        if response.status_code == HTTPStatus.NOT_MODIFIED:
            return _not_modified(url, response, headers, etag, last_modified)
        _raise_for_status(url, response)
        content = _read_capped(url, response, MAX_WORKBOOK_BYTES)
    _check_is_workbook(url, content, response.headers.get("Content-Type"))
    return Download(
        status="fetched",
        content=content,
        etag=_validator(response.headers.get("ETag")),
        last_modified=_http_date(response.headers.get("Last-Modified")),
        final_url=str(response.url),
        file_name=_file_name(url, response),
    )


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """The validators to send, exactly as the server gave them (quotes and W/ included)."""
    headers: dict[str, str] = {}
    if _validator(etag):
        headers["If-None-Match"] = etag  # type: ignore[assignment]
    if _http_date(last_modified):
        headers["If-Modified-Since"] = last_modified  # type: ignore[assignment]
    return headers


def _validator(value: str | None) -> str | None:
    """An ETag worth keeping: short, visible ASCII only (a CR or LF in it would break the next
    request's header), else None: the file is then simply downloaded again next time."""
    if not value or len(value) > MAX_VALIDATOR_CHARS:
        return None
    return value if all(" " <= ch <= "~" for ch in value) else None


def _http_date(value: str | None) -> str | None:
    """A Last-Modified worth keeping: an HTTP date, as sent; else None."""
    if not _validator(value):
        return None
    try:
        email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return value


def _not_modified(
    url: str,
    response: httpx.Response,
    sent: dict[str, str],
    etag: str | None,
    last_modified: str | None,
) -> Download:
    """A 304 is only meaningful as the answer to a conditional request we actually made."""
    if not sent:
        raise FetchError(url, "304 Not Modified to a request that was not conditional")
    return Download(
        status="not_modified",
        content=None,
        etag=_validator(response.headers.get("ETag")) or etag,
        last_modified=_http_date(response.headers.get("Last-Modified")) or last_modified,
        final_url=str(response.url),
        file_name=_name_served(response),
    )


@contextmanager
def _get(
    client: httpx.Client, url: str, headers: dict[str, str] | None = None
) -> Iterator[httpx.Response]:
    """Stream a GET within the client's timeout in all, following redirects only to ICE's hosts
    over HTTPS or within the origin asked for; every transport failure (also mid-body) becomes
    a FetchError."""
    with http.deadline(client.timeout.read or 30.0):
        try:
            response = _follow_redirects(client, url, headers)
            try:
                yield response
            finally:
                response.close()
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise _transport_error(url, client, exc) from exc


def _follow_redirects(
    client: httpx.Client, url: str, headers: dict[str, str] | None
) -> httpx.Response:
    target = url
    for _ in range(MAX_REDIRECTS + 1):
        response = client.send(client.build_request("GET", target, headers=headers), stream=True)
        if not response.has_redirect_location:
            return response
        response.close()
        location = response.headers["Location"]
        if len(location) > MAX_URL_CHARS:
            raise FetchError(url, f"redirected to a URL longer than {MAX_URL_CHARS:,} characters")
        following = str(response.url.join(location))
        if not (is_ice_https(following) or same_origin(following, url)):
            raise FetchError(url, f"redirected to {following}, not ICE's site over HTTPS: refused")
        target = following
    raise FetchError(url, "too many redirects")


def _transport_error(url: str, client: httpx.Client, exc: Exception) -> FetchError:
    """Say what went wrong in words a person running the command understands."""
    if isinstance(exc, httpx.TimeoutException):
        if http.deadline_passed():
            limit = client.timeout.read
            return FetchError(url, f"timeout: no complete answer within {limit:g} s")
        return FetchError(url, _timeout_problem(client, exc))
    if isinstance(exc, httpx.ConnectError) and not _caused_by_tls(exc):
        return FetchError(
            url, f"cannot connect (offline, DNS failure or refused): {exc}", offline=True
        )
    if isinstance(exc, httpx.TooManyRedirects):
        return FetchError(url, "too many redirects")
    return FetchError(url, f"{type(exc).__name__}: {exc}")


def _timeout_problem(client: httpx.Client, exc: httpx.TimeoutException) -> str:
    """Name the phase that timed out and the limit, e.g. "timeout: no response within 10 s"."""
    phases: list[tuple[type[httpx.TimeoutException], str, float | None]] = [
        (httpx.ConnectTimeout, "timeout while connecting", client.timeout.connect),
        (httpx.ReadTimeout, "timeout: no data from the server", client.timeout.read),
        (httpx.WriteTimeout, "timeout while sending", client.timeout.write),
        (httpx.PoolTimeout, "timeout waiting for a free connection", client.timeout.pool),
    ]
    for exc_type, words, limit in phases:
        if isinstance(exc, exc_type):
            return f"{words} within {limit:g} s" if limit is not None else words
    return "timeout"


def _caused_by_tls(exc: BaseException) -> bool:
    """A TLS failure also surfaces as ConnectError, but it means "reached, distrusted"."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _raise_for_status(url: str, response: httpx.Response) -> None:
    """Refuse anything but 2xx, e.g. "404 Not Found", naming where a redirect ended up."""
    if response.is_success:
        return
    reason = _standard_reason(response.status_code) or response.reason_phrase[:100]
    problem = f"{response.status_code} {reason}".strip()
    if response.url != httpx.URL(url):  # compared as httpx normalizes them
        problem += f" (after redirect to {response.url})"
    raise FetchError(url, problem)


def _standard_reason(status_code: int) -> str:
    """The standard reason phrase, for servers that send a bare status code."""
    try:
        return HTTPStatus(status_code).phrase
    except ValueError:
        return ""


def _read_capped(url: str, response: httpx.Response, limit: int) -> bytes:
    """Read the body, refusing it as soon as it is known to exceed ``limit`` bytes."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(url, _too_large(limit, f"declares {int(declared):,} bytes"))
    chunks: list[bytes] = []
    received = 0
    for chunk in response.iter_bytes():
        received += len(chunk)
        if received > limit:
            raise FetchError(url, _too_large(limit, f"sent more than {limit:,} bytes"))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int, detail: str) -> str:
    return f"response too large: {detail}, the limit is {limit:,} bytes"


def _check_is_workbook(url: str, content: bytes, content_type: str | None) -> None:
    """An xlsx is a zip; anything else (often an HTML error page sent with 200) is refused."""
    if content.startswith(XLSX_MAGIC):
        return
    shown_type = f" (Content-Type: {content_type})" if content_type else ""
    if not content:
        raise FetchError(url, f"served an empty body, not a workbook{shown_type}")
    if _looks_like_html(content, content_type):
        raise FetchError(url, f"served an HTML page, not a workbook{shown_type}")
    if content.startswith(_OLE2_MAGIC):
        raise FetchError(url, f"served an old-style .xls/OLE2 file, not an xlsx{shown_type}")
    raise FetchError(
        url,
        f"served {len(content):,} bytes that are not an xlsx (zip) workbook{shown_type}, "
        f"starting {content[:16]!r}",
    )


def _looks_like_html(content: bytes, content_type: str | None) -> bool:
    """By declared type or by the first bytes, since error pages do not always declare it."""
    if content_type and "html" in content_type.lower():
        return True
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype", b"<html", b"<head", b"<body")) or b"<html" in head


def _file_name(url: str, response: httpx.Response) -> str:
    """The name of a downloaded workbook; refused when nothing usable is left of it."""
    name = _name_served(response)
    if not name:
        raise FetchError(url, "served a workbook without a usable file name")
    return name


def _name_served(response: httpx.Response) -> str:
    """ICE's name for the file: Content-Disposition's filename, else the final URL's last part,
    cleaned of what cannot be in a file name (a CR or LF would break the header that serves the
    file back); "" when nothing usable is left."""
    from_header = clean_file_name(
        _disposition_file_name(response.headers.get("Content-Disposition")) or ""
    )
    return from_header or clean_file_name(_last_path_segment(str(response.url)))


def _disposition_file_name(header: str | None) -> str | None:
    """Parse ``filename`` / ``filename*`` (RFC 6266) with the stdlib's MIME parameter parser.

    ``filename*`` (RFC 5987, may carry non-ASCII) wins over plain ``filename`` as RFC 6266 says.
    Any directory part is dropped: a file name from a server is never a path.
    """
    if not header:
        return None
    message = email.message.Message()
    message["Content-Disposition"] = header
    params = message.get_params(header="Content-Disposition") or []
    values = [value for key, value in params if key.lower() == "filename" and value]
    encoded = [value for value in values if isinstance(value, tuple)]
    chosen = (encoded or values or [None])[0]
    if chosen is None:
        return None
    name = email.utils.collapse_rfc2231_value(chosen).strip()
    return PurePosixPath(name.replace("\\", "/")).name or None


def _one_line(text: str) -> str:
    """Collapse whitespace and drop control characters so a message never spills across log
    lines; bounded, since part of it comes from the server."""
    visible = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\t\n\r")
    line = " ".join(visible.split())
    return line if len(line) <= MAX_PROBLEM_CHARS else line[: MAX_PROBLEM_CHARS - 1] + "…"
