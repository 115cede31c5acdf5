"""Live fetch against a loopback stand-in for ice.gov, serving ICE's real workbooks.

No database and no internet: pytest-socket only lets us reach 127.0.0.1, so every HTTP exchange
here is with a real threaded server started by the ``ice`` fixture.
"""

from __future__ import annotations

import contextlib
import hashlib
import socket
import ssl
import subprocess
import threading
import time
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

import httpx
import pytest

from deputized.archive import fetch
from deputized.archive.fetch import (
    USER_AGENT,
    FetchError,
    WorkbookLinks,
    download,
    fetch_page,
    find_workbook_links,
    is_offline_error,
    make_client,
)

SNAPSHOTS = Path(__file__).parents[2].parent / "shared" / "data" / "ice" / "snapshots"
PAGE_TEMPLATE = Path(__file__).parents[1] / "fixtures" / "ice_287g_page.html"
PARTICIPATING_FILE = SNAPSHOTS / "2026-04-30am_participatingAgencies04302026am.xlsx"
OLDER_PARTICIPATING_FILE = SNAPSHOTS / "2026-02-27am_participatingAgencies02272026am.xlsx"
PENDING_FILE = SNAPSHOTS / "2026-02-27am_pendingAgencies02272026am.xlsx"

ICE_PAGE = "https://www.ice.gov/identify-and-arrest/287g"
PAGE_PATH = "/identify-and-arrest/287g"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LAST_MODIFIED = "Thu, 30 Apr 2026 13:05:00 GMT"


@pytest.fixture(autouse=True)
def _real_workbooks() -> None:
    """The real files these tests serve: missing ones fail every test, never skip it."""
    missing = [
        p for p in (PARTICIPATING_FILE, OLDER_PARTICIPATING_FILE, PENDING_FILE) if not p.exists()
    ]
    if missing:
        pytest.fail(f"real ICE workbooks not found: {', '.join(map(str, missing))}")


def render_page(participating_href: str, pending_href: str) -> str:
    """The saved ICE-like page with the two workbook links pointing wherever the test wants."""
    template = Template(PAGE_TEMPLATE.read_text(encoding="utf-8"))
    return template.substitute(participating_href=participating_href, pending_href=pending_href)


# --------------------------------------------------------------------------------------------
# A stand-in for ice.gov on 127.0.0.1
# --------------------------------------------------------------------------------------------


@dataclass
class Route:
    """What the server answers for one path."""

    body: bytes = b""
    content_type: str = XLSX_TYPE
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True
    drip: float = 0.0  # seconds between the body's bytes: a server that never quite stalls


@dataclass
class SeenRequest:
    path: str
    headers: Message


class FakeIce:
    """Routes and a request log, shared between the test and the server's handler threads."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.routes: dict[str, Route] = {}
        self.requests: list[SeenRequest] = []
        self.release = threading.Event()  # wakes delayed handlers at teardown

    def url(self, path: str) -> str:
        return self.base_url + path

    def serve(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)

    def serve_workbook(self, path: str, source: Path) -> str:
        """Serve real workbook bytes with the validators a CDN would send."""
        body = source.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        return self.serve(path, Route(body=body, etag=etag, last_modified=LAST_MODIFIED))

    def serve_page(self, participating_href: str, pending_href: str) -> str:
        html = render_page(participating_href, pending_href).encode()
        return self.serve(PAGE_PATH, Route(body=html, content_type="text/html; charset=utf-8"))

    def requests_for(self, path: str) -> list[SeenRequest]:
        return [r for r in self.requests if urlsplit(r.path).path == path]


class _Server(ThreadingHTTPServer):
    ice: FakeIce


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        ice = self.server.ice
        ice.requests.append(SeenRequest(path=self.path, headers=self.headers))
        route = ice.routes.get(urlsplit(self.path).path)
        if route is None:
            route = Route(
                body=b"<html><body><h1>Page Not Found</h1></body></html>",
                content_type="text/html",
                status=404,
            )
        if route.delay:
            ice.release.wait(route.delay)
        # A client that gave up (the timeout test) has closed the socket: nothing left to say.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(route)

    def _answer(self, route: Route) -> None:
        if self._not_modified(route):
            self.send_response(304)
            self._validators(route)
            self.end_headers()
            return
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        if route.send_length:
            self.send_header("Content-Length", str(len(route.body)))
        self._validators(route)
        for name, value in route.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not route.drip:
            self.wfile.write(route.body)
            return
        for byte in route.body:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            if self.server.ice.release.wait(route.drip):
                return

    def _not_modified(self, route: Route) -> bool:
        """If-None-Match wins; If-Modified-Since counts only without it (RFC 9110 13.1.3)."""
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return route.etag is not None and if_none_match == route.etag
        since = self.headers.get("If-Modified-Since")
        return since is not None and since == route.last_modified

    def _validators(self, route: Route) -> None:
        if route.etag:
            self.send_header("ETag", route.etag)
        if route.last_modified:
            self.send_header("Last-Modified", route.last_modified)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep pytest output clean


@pytest.fixture
def ice():
    server = _Server(("127.0.0.1", 0), _Handler)
    host, port = server.server_address[:2]
    server.ice = FakeIce(f"http://{host}:{port}")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    yield server.ice
    server.ice.release.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with the openssl command."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def ice_tls(certificate):
    """The same stand-in for ice.gov, over TLS."""
    server = _Server(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    host, port = server.server_address[:2]
    server.ice = FakeIce(f"https://{host}:{port}")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    yield server.ice
    server.ice.release.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def trusting(certificate) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(certificate[0]))


@pytest.fixture
def client():
    with make_client(timeout=5.0) as c:
        yield c


# --------------------------------------------------------------------------------------------
# Finding links (pure)
# --------------------------------------------------------------------------------------------

DOCLIB = "/doclib/about/ofo/287g/"


@pytest.mark.parametrize(
    ("participating_href", "pending_href", "expected"),
    [
        pytest.param(
            DOCLIB + "participatingAgencies04302026am.xlsx",
            DOCLIB + "pendingAgencies11122025.xlsx",
            WorkbookLinks(
                participating="https://www.ice.gov"
                + DOCLIB
                + "participatingAgencies04302026am.xlsx",
                pending="https://www.ice.gov" + DOCLIB + "pendingAgencies11122025.xlsx",
            ),
            id="root-relative",
        ),
        pytest.param(
            "https://www.ice.gov/doclib/287gParticipatingAgencies091526pm.xlsx",
            "https://www.ice.gov/doclib/pendingAgencies09152026pm.xlsx",
            WorkbookLinks(
                participating="https://www.ice.gov/doclib/287gParticipatingAgencies091526pm.xlsx",
                pending="https://www.ice.gov/doclib/pendingAgencies09152026pm.xlsx",
            ),
            id="absolute-287g-prefix",
        ),
        pytest.param(
            "../../doclib/ParticipatingAgency091826am.xlsx?v=3",
            "files/PendingAgencies091826am.XLSX",
            WorkbookLinks(
                participating="https://www.ice.gov/doclib/ParticipatingAgency091826am.xlsx?v=3",
                pending="https://www.ice.gov/identify-and-arrest/files/PendingAgencies091826am.XLSX",
            ),
            id="path-relative-query-uppercase",
        ),
        pytest.param(
            "//www.ice.gov/sites/default/files/participatingAgencies05182026am.xlsx#sheet",
            DOCLIB + "pendingAgencies05182026am.xlsx?itok=Ab12&amp;download=1",
            WorkbookLinks(
                participating=(
                    "https://www.ice.gov/sites/default/files/participatingAgencies05182026am.xlsx"
                    "#sheet"
                ),
                pending="https://www.ice.gov"
                + DOCLIB
                + "pendingAgencies05182026am.xlsx?itok=Ab12&download=1",
            ),
            id="scheme-relative-fragment-entity",
        ),
    ],
)
def test_links_found_whatever_their_names(participating_href, pending_href, expected):
    html = render_page(participating_href, pending_href)

    assert find_workbook_links(html, ICE_PAGE) == expected


def test_links_in_scripts_comments_and_pdfs_are_ignored():
    # The template's <script> string and HTML comment both hold old .xlsx links; the visible
    # "Participating Agencies" link here is a PDF. None of them is a current workbook.
    html = render_page(DOCLIB + "participatingAgencies.pdf", "/identify-and-arrest/pending")

    assert find_workbook_links(html, ICE_PAGE) == WorkbookLinks(participating=None, pending=None)


def test_link_text_decides_when_the_file_name_does_not():
    html = render_page(DOCLIB + "287g-list-a.xlsx", DOCLIB + "287g-list-b.xlsx")

    assert find_workbook_links(html, ICE_PAGE) == WorkbookLinks(
        participating="https://www.ice.gov" + DOCLIB + "287g-list-a.xlsx",
        pending="https://www.ice.gov" + DOCLIB + "287g-list-b.xlsx",
    )


def test_first_link_of_each_kind_wins_and_base_href_is_honoured():
    html = """
        <html><head><base href="https://cdn.example.org/287g/"></head><body>
        <a href="pendingAgencies2.xlsx">Pending</a>
        <a href="data.xlsx"><span>Current</span> <b>participating</b> agencies</a>
        <a href="participatingAgencies1.xlsx">Participating</a>
        <a href="pendingAgencies1.xlsx">Pending</a>
        <a href="unrelated.xlsx">Budget</a>
        <a href="javascript:open('participatingAgencies.xlsx')">Participating</a>
        </body></html>
    """

    assert find_workbook_links(html, ICE_PAGE) == WorkbookLinks(
        participating="https://cdn.example.org/287g/data.xlsx",
        pending="https://cdn.example.org/287g/pendingAgencies2.xlsx",
    )


# --------------------------------------------------------------------------------------------
# Fetching from the loopback server
# --------------------------------------------------------------------------------------------


def test_page_and_both_real_workbooks_are_fetched(ice, client):
    ice.serve_workbook(DOCLIB + "participatingAgencies04302026am.xlsx", PARTICIPATING_FILE)
    ice.serve_workbook(DOCLIB + "pendingAgencies02272026am.xlsx", PENDING_FILE)
    page_url = ice.serve_page(
        DOCLIB + "participatingAgencies04302026am.xlsx",
        "../.." + DOCLIB + "pendingAgencies02272026am.xlsx",
    )

    links = find_workbook_links(fetch_page(page_url, client=client), page_url)
    participating = download(links.participating, client=client)
    pending = download(links.pending, client=client)

    assert participating.status == "fetched"
    assert participating.content == PARTICIPATING_FILE.read_bytes()
    assert participating.file_name == "participatingAgencies04302026am.xlsx"
    assert participating.final_url == ice.url(DOCLIB + "participatingAgencies04302026am.xlsx")
    assert participating.etag == ice.routes[DOCLIB + "participatingAgencies04302026am.xlsx"].etag
    assert participating.last_modified == LAST_MODIFIED
    assert pending.content == PENDING_FILE.read_bytes()
    assert pending.file_name == "pendingAgencies02272026am.xlsx"
    assert {r.headers["User-Agent"] for r in ice.requests} == {USER_AGENT}


def test_a_renamed_link_is_followed(ice, client):
    old_path = DOCLIB + "participatingAgencies04302026am.xlsx"
    new_path = DOCLIB + "287gParticipatingAgencies091526pm.xlsx"
    ice.serve_workbook(old_path, OLDER_PARTICIPATING_FILE)
    page_url = ice.serve_page(old_path, DOCLIB + "pendingAgencies02272026am.xlsx")
    first = download(
        find_workbook_links(fetch_page(page_url, client=client), page_url).participating,
        client=client,
    )

    # ICE renames the file and drops the old one; the page is the only way to find it.
    del ice.routes[old_path]
    ice.serve_workbook(new_path, PARTICIPATING_FILE)
    ice.serve_page(new_path + "?v=2", DOCLIB + "pendingAgencies02272026am.xlsx")
    second = download(
        find_workbook_links(fetch_page(page_url, client=client), page_url).participating,
        client=client,
        etag=first.etag,
    )

    assert first.content == OLDER_PARTICIPATING_FILE.read_bytes()
    assert second.status == "fetched"
    assert second.content == PARTICIPATING_FILE.read_bytes()
    assert second.file_name == "287gParticipatingAgencies091526pm.xlsx"
    assert ice.requests_for(old_path) and ice.requests_for(new_path)


def test_missing_workbook_is_a_fetch_error_naming_404(ice, client):
    url = ice.url(DOCLIB + "participatingAgencies01012099am.xlsx")

    with pytest.raises(FetchError) as caught:
        download(url, client=client)

    assert "404 Not Found" in str(caught.value)
    assert url in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not is_offline_error(caught.value)


def test_missing_page_is_a_fetch_error(ice, client):
    with pytest.raises(FetchError, match="404"):
        fetch_page(ice.url("/identify-and-arrest/287g-moved"), client=client)


def test_server_slower_than_the_timeout_is_a_fetch_error(ice):
    url = ice.serve(DOCLIB + "slow.xlsx", Route(body=PENDING_FILE.read_bytes(), delay=10))
    started = time.monotonic()

    with make_client(timeout=0.5) as slow_client, pytest.raises(FetchError) as caught:
        download(url, client=slow_client)

    assert time.monotonic() - started < 3
    assert "timeout" in str(caught.value)
    assert "0.5 s" in str(caught.value)
    assert not is_offline_error(caught.value)


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        pytest.param(
            b"<!DOCTYPE html><html><head><title>Access Denied</title></head>"
            b"<body>You don't have permission to access this resource.</body></html>",
            "text/html; charset=utf-8",
            "served an HTML page, not a workbook",
            id="html-error-page",
        ),
        pytest.param(
            b"\n\n  <HTML><BODY>Service Unavailable</BODY></HTML>",
            "application/octet-stream",
            "served an HTML page, not a workbook",
            id="html-sniffed-despite-content-type",
        ),
        pytest.param(b"", XLSX_TYPE, "served an empty body", id="empty"),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), XLSX_TYPE, "old-style .xls", id="xls"
        ),
        pytest.param(b"Agency,State\nX,NC\n", "text/csv", "not an xlsx (zip) workbook", id="csv"),
    ],
)
def test_a_body_that_is_not_a_workbook_is_refused(ice, client, body, content_type, expected):
    url = ice.serve(
        DOCLIB + "participatingAgencies04302026am.xlsx",
        Route(body=body, content_type=content_type),
    )

    with pytest.raises(FetchError) as caught:
        download(url, client=client)

    assert expected in str(caught.value)
    assert str(caught.value).startswith(url)


def test_same_bytes_twice_is_not_modified_with_the_etag(ice, client):
    url = ice.serve_workbook(DOCLIB + "participatingAgencies04302026am.xlsx", PARTICIPATING_FILE)

    first = download(url, client=client)
    second = download(url, client=client, etag=first.etag, last_modified=first.last_modified)

    assert first.status == "fetched"
    assert second.status == "not_modified"
    assert second.content is None
    assert second.etag == first.etag
    assert second.last_modified == LAST_MODIFIED
    assert second.file_name == "participatingAgencies04302026am.xlsx"
    conditional = ice.requests[-1].headers
    assert conditional["If-None-Match"] == first.etag
    assert conditional["If-Modified-Since"] == LAST_MODIFIED


def test_last_modified_alone_gives_not_modified(ice, client):
    url = ice.serve_workbook(DOCLIB + "pendingAgencies02272026am.xlsx", PENDING_FILE)

    result = download(url, client=client, last_modified=LAST_MODIFIED)

    assert result.status == "not_modified"
    assert result.etag == ice.routes[DOCLIB + "pendingAgencies02272026am.xlsx"].etag


def test_a_stale_etag_fetches_the_new_bytes(ice, client):
    url = ice.serve_workbook(DOCLIB + "participatingAgencies04302026am.xlsx", PARTICIPATING_FILE)

    result = download(url, client=client, etag='"from-an-older-file"')

    assert result.status == "fetched"
    assert result.content == PARTICIPATING_FILE.read_bytes()


def test_connection_refused_is_offline(client):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{closed_port}/identify-and-arrest/287g"

    with pytest.raises(FetchError) as caught:
        fetch_page(url, client=client)
    with pytest.raises(FetchError) as caught_download:
        download(url.replace("287g", "x.xlsx"), client=client)

    assert is_offline_error(caught.value)
    assert is_offline_error(caught_download.value)
    assert "cannot connect" in str(caught.value)
    assert url in str(caught.value)


def test_redirects_are_followed_to_the_real_file_name(ice, client):
    target = DOCLIB + "participatingAgencies04302026am.xlsx"
    ice.serve_workbook(target, PARTICIPATING_FILE)
    url = ice.serve("/287g/participating.xlsx", Route(status=302, headers={"Location": target}))

    result = download(url, client=client)

    assert result.content == PARTICIPATING_FILE.read_bytes()
    assert result.final_url == ice.url(target)
    assert result.file_name == "participatingAgencies04302026am.xlsx"


@pytest.mark.parametrize(
    ("disposition", "expected"),
    [
        ('attachment; filename="pendingAgencies02272026am.xlsx"', "pendingAgencies02272026am.xlsx"),
        ("attachment; filename=pendingAgencies02272026am.xlsx", "pendingAgencies02272026am.xlsx"),
        (
            'attachment; filename="fallback.xlsx"; '
            "filename*=UTF-8''pending%20Agencies%C3%A9.xlsx",
            "pending Agenciesé.xlsx",
        ),
        ('attachment; filename="../../etc/pendingAgencies.xlsx"', "pendingAgencies.xlsx"),
        ("inline", "download"),
    ],
)
def test_file_name_comes_from_content_disposition(ice, client, disposition, expected):
    url = ice.serve(
        "/doclib/download",
        Route(body=PENDING_FILE.read_bytes(), headers={"Content-Disposition": disposition}),
    )

    assert download(url + "?id=287", client=client).file_name == expected


def test_file_name_from_the_url_is_unquoted(ice, client):
    url = ice.serve(
        DOCLIB + "pending%20Agencies%2002272026am.xlsx", Route(body=PENDING_FILE.read_bytes())
    )

    assert download(url + "?v=1", client=client).file_name == "pending Agencies 02272026am.xlsx"


@pytest.mark.parametrize("send_length", [True, False], ids=["declared", "streamed"])
def test_body_over_the_cap_is_refused(ice, client, monkeypatch, send_length):
    monkeypatch.setattr(fetch, "MAX_WORKBOOK_BYTES", 10_000)
    url = ice.serve(
        DOCLIB + "huge.xlsx", Route(body=PARTICIPATING_FILE.read_bytes(), send_length=send_length)
    )

    with pytest.raises(FetchError, match="too large"):
        download(url, client=client)


def test_make_client_sets_user_agent_and_timeout():
    # Redirects are followed by the fetch itself, each one checked (see the tests below).
    with make_client(timeout=7.5) as c:
        assert c.headers["User-Agent"] == USER_AGENT
        assert c.timeout == httpx.Timeout(7.5)
        assert not c.follow_redirects


# --------------------------------------------------------------------------------------------
# Failures that a loopback server cannot produce, via httpx's in-memory transport
# --------------------------------------------------------------------------------------------


def _failing_client(error: Exception) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    return httpx.Client(transport=httpx.MockTransport(handler))


def _tls_connect_error() -> httpx.ConnectError:
    try:
        try:
            raise ssl.SSLCertVerificationError("certificate verify failed")
        except ssl.SSLError as tls:
            raise httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED]") from tls
    except httpx.ConnectError as exc:
        return exc


@pytest.mark.parametrize(
    ("error", "offline"),
    [
        (httpx.ConnectError("[Errno -2] Name or service not known"), True),
        (httpx.ConnectError("[Errno 101] Network is unreachable"), True),
        (_tls_connect_error(), False),
        (httpx.ReadTimeout("timed out"), False),
        (httpx.RemoteProtocolError("Server disconnected without sending a response."), False),
    ],
    ids=["dns", "unreachable", "tls", "read-timeout", "protocol"],
)
def test_only_connection_failures_count_as_offline(error, offline):
    url = "https://www.ice.gov/identify-and-arrest/287g"

    with _failing_client(error) as c, pytest.raises(FetchError) as caught:
        fetch_page(url, client=c)

    assert is_offline_error(caught.value) is offline
    assert str(caught.value).startswith(url + ": ")


def test_an_unasked_for_304_is_an_error():
    mock = httpx.MockTransport(lambda request: httpx.Response(304))

    with httpx.Client(transport=mock) as c, pytest.raises(FetchError, match="not conditional"):
        download("https://www.ice.gov/doclib/pendingAgencies.xlsx", client=c)


def test_an_error_after_a_redirect_names_where_it_ended(ice, client):
    url = ice.serve("/287g/pending.xlsx", Route(status=301, headers={"Location": "/gone.xlsx"}))

    with pytest.raises(FetchError) as caught:
        download(url, client=client)

    assert str(caught.value) == f"{url}: 404 Not Found (after redirect to {ice.url('/gone.xlsx')})"


# --------------------------------------------------------------------------------------------
# A hostile or altered server: a total deadline, checked redirects, bounded and clean records
# --------------------------------------------------------------------------------------------


def test_a_server_dripping_bytes_is_cut_off_at_the_total_deadline(ice):
    # One byte every 0.2 s never trips a 1 s limit per read: 40 bytes would take 8 s.
    url = ice.serve(
        DOCLIB + "participatingAgencies05012026am.xlsx", Route(body=b"PK" * 20, drip=0.2)
    )

    started = time.monotonic()
    with make_client(timeout=1.0) as slow, pytest.raises(FetchError) as caught:
        download(url, client=slow)
    elapsed = time.monotonic() - started

    assert elapsed < 2.0
    assert "no complete answer within 1 s" in str(caught.value)


def test_the_deadline_covers_the_page_too(ice):
    page = ice.serve(
        PAGE_PATH, Route(body=b"<html>" + b" " * 40, content_type="text/html", drip=0.2)
    )

    started = time.monotonic()
    with make_client(timeout=1.0) as slow, pytest.raises(FetchError, match="timeout"):
        fetch_page(page, client=slow)
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize(
    "location",
    [
        "https://evil.example/participatingAgencies05012026am.xlsx",
        "http://www.ice.gov/doclib/participatingAgencies05012026am.xlsx",
        "https://www.ice.gov.evil.example/participatingAgencies05012026am.xlsx",
        "https://www.ice.gov:8443/participatingAgencies05012026am.xlsx",
    ],
    ids=["another host", "plain http", "a look-alike host", "another port"],
)
def test_a_redirect_off_ice_s_site_is_refused(ice, client, location):
    url = ice.serve("/287g/participating.xlsx", Route(status=302, headers={"Location": location}))

    with pytest.raises(FetchError) as caught:
        download(url, client=client)

    assert f"redirected to {location}, not ICE's site over HTTPS: refused" in str(caught.value)
    assert len(ice.requests) == 1  # nothing asked of the other host


def test_a_redirect_between_ice_s_hosts_over_https_is_followed():
    body = PENDING_FILE.read_bytes()

    def ice_gov(request: httpx.Request) -> httpx.Response:
        if request.url.host == "www.ice.gov":
            return httpx.Response(301, headers={"Location": "https://ice.gov/doclib/p.xlsx"})
        return httpx.Response(200, content=body, headers={"Content-Type": XLSX_TYPE})

    with httpx.Client(transport=httpx.MockTransport(ice_gov)) as c:
        result = download("https://www.ice.gov/doclib/pendingAgencies.xlsx", client=c)

    assert result.content == body
    assert result.final_url == "https://ice.gov/doclib/p.xlsx"


def test_a_redirect_loop_is_refused(ice, client):
    url = ice.serve("/287g/loop.xlsx", Route(status=302, headers={"Location": "/287g/loop.xlsx"}))

    with pytest.raises(FetchError, match="too many redirects"):
        download(url, client=client)


@pytest.mark.parametrize(
    ("url", "page", "trusted"),
    [
        ("https://www.ice.gov/doclib/p.xlsx", "https://www.ice.gov/287g", True),
        ("https://ice.gov/doclib/p.xlsx", "https://www.ice.gov/287g", True),
        ("http://www.ice.gov/doclib/p.xlsx", "https://www.ice.gov/287g", False),
        ("https://evil.example/p.xlsx", "https://www.ice.gov/287g", False),
        ("https://www.ice.gov@evil.example/p.xlsx", "https://www.ice.gov/287g", False),
        ("http://127.0.0.1:8000/p.xlsx", "http://127.0.0.1:8000/287g", True),
        ("http://127.0.0.1:8001/p.xlsx", "http://127.0.0.1:8000/287g", False),
    ],
)
def test_only_ice_s_https_links_or_the_page_s_own_origin_are_trusted(url, page, trusted):
    if trusted:
        fetch.refuse_untrusted(url, page_url=page)
    else:
        with pytest.raises(FetchError, match="not on ICE's site over HTTPS"):
            fetch.refuse_untrusted(url, page_url=page)


def test_ice_s_plain_http_links_are_upgraded_to_https():
    assert fetch.on_ice_site("http://www.ice.gov/d/p.xlsx") == "https://www.ice.gov/d/p.xlsx"
    assert fetch.on_ice_site("http://evil.example/p.xlsx") == "http://evil.example/p.xlsx"


@pytest.mark.parametrize(
    ("etag", "last_modified"),
    [
        ('"' + "a" * 5000 + '"', "yesterday, probably"),
        ('"\x7fcontrol"', "Thu, 30 Apr 2026 13:05:00 GMT" + "x" * 300),
    ],
    ids=["too long / not a date", "control character / too long"],
)
def test_unusable_validators_are_not_kept(ice, client, etag, last_modified):
    url = ice.serve(
        DOCLIB + "pendingAgencies02272026am.xlsx",
        Route(body=PENDING_FILE.read_bytes(), etag=etag, last_modified=last_modified),
    )

    result = download(url, client=client)

    assert (result.etag, result.last_modified) == (None, None)
    download(url, client=client, etag=etag, last_modified=last_modified)
    sent = ice.requests[-1].headers
    assert (sent.get("If-None-Match"), sent.get("If-Modified-Since")) == (None, None)


@pytest.mark.parametrize(
    ("disposition", "expected"),
    [
        (
            "attachment; filename*=UTF-8''pendingAgencies02272026am%0D%0ASet-Cookie%3A%20x.xlsx",
            "pendingAgencies02272026am Set-Cookie_ x.xlsx",
        ),
        ("attachment; filename*=UTF-8''%E2%80%AEpending%22.xlsx", "pending_.xlsx"),
        ('attachment; filename="' + "p" * 400 + '.xlsx"', "p" * 195 + ".xlsx"),
    ],
    ids=["CR LF", "right-to-left override and a quote", "too long"],
)
def test_a_served_file_name_is_cleaned(ice, client, disposition, expected):
    url = ice.serve(
        "/doclib/download",
        Route(body=PENDING_FILE.read_bytes(), headers={"Content-Disposition": disposition}),
    )

    assert download(url, client=client).file_name == expected


def test_a_workbook_without_a_usable_name_is_refused(ice, client):
    url = ice.serve(
        "/doclib/download",
        Route(
            body=PENDING_FILE.read_bytes(),
            headers={"Content-Disposition": 'attachment; filename=".."'},
        ),
    )
    ice.routes["/doclib/"] = ice.routes["/doclib/download"]

    with pytest.raises(FetchError, match="without a usable file name"):
        download(ice.url("/doclib/"), client=client)
    assert download(url, client=client).file_name == "download"


def test_a_long_reason_phrase_makes_a_bounded_one_line_message():
    reason = "Bad\x1b[31m " + "x" * 5000
    mock = httpx.MockTransport(
        lambda request: httpx.Response(599, extensions={"reason_phrase": reason.encode()})
    )

    with httpx.Client(transport=mock) as c, pytest.raises(FetchError) as caught:
        download("https://www.ice.gov/doclib/p.xlsx", client=c)

    assert len(caught.value.problem) <= fetch.MAX_PROBLEM_CHARS
    assert "\x1b" not in str(caught.value)


# ---- over TLS, as with ice.gov: the deadline holds through the handshake and the body ---------


def test_https_certificates_are_checked(ice_tls):
    url = ice_tls.serve_workbook(DOCLIB + "pendingAgencies02272026am.xlsx", PENDING_FILE)

    with make_client(timeout=5.0) as default, pytest.raises(FetchError) as caught:
        download(url, client=default)

    assert "CERTIFICATE_VERIFY_FAILED" in str(caught.value)
    assert not is_offline_error(caught.value)


def test_https_download_from_a_trusted_server(ice_tls, trusting):
    url = ice_tls.serve_workbook(DOCLIB + "pendingAgencies02272026am.xlsx", PENDING_FILE)

    with make_client(timeout=5.0, ssl_context=trusting) as tls:
        result = download(url, client=tls)

    assert result.content == PENDING_FILE.read_bytes()
    assert result.file_name == "pendingAgencies02272026am.xlsx"


def test_a_tls_server_dripping_bytes_is_cut_off_at_the_total_deadline(ice_tls, trusting):
    url = ice_tls.serve(
        DOCLIB + "participatingAgencies05012026am.xlsx", Route(body=b"PK" * 20, drip=0.2)
    )

    started = time.monotonic()
    with make_client(timeout=1.0, ssl_context=trusting) as slow, pytest.raises(FetchError) as c:
        download(url, client=slow)

    assert time.monotonic() - started < 2.0
    assert "no complete answer within 1 s" in str(c.value)
