"""Browser tests: Playwright drives Debian's chromium (installed by `make browser`, never
downloaded) against a live server of the session's whole-archive database (tests/conftest.py)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Where the run saves a full-page screenshot of every page, language and screen, for a developer
# to look at (ignored by git). Not under var/, which belongs to the developer's own site.
SCREENSHOTS = PROJECT_ROOT / ".test-output" / "screenshots"
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"

SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 360, "height": 740},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}

_STARTED = time.time()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives chromium against the live server (deselect: -m 'not browser')"
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say where this run's screenshots are (they are saved whether the tests pass or not)."""
    shots = [p for p in SCREENSHOTS.glob("*.png") if p.stat().st_mtime >= _STARTED]
    if shots:
        terminalreporter.write_line(f"browser tests: {len(shots)} screenshots in {SCREENSHOTS}/")


@pytest.fixture(scope="module", autouse=True)
def _orm_beside_playwright() -> Iterator[None]:
    """Playwright's sync API runs an asyncio event loop in the test thread (in a greenlet), so
    Django sees a running loop and refuses every ORM call there with SynchronousOnlyOperation:
    the fixtures' wipes and the flush pytest-django does after each live-server test included.
    Those calls are ordinary blocking calls made between browser steps, never from a coroutine,
    so the check is a false alarm here; it is lifted for this folder's modules only."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module")
def site_url(placed, django_db_blocker) -> Iterator[str]:
    """The site, served from a thread on loopback, reading the committed archive database.

    Not pytest-django's `live_server`: that makes each test using it a transactional test, whose
    flush would empty the shared archive database. The server only reads, so no flush is needed;
    its thread's queries pass pytest-django's blocker like any other, hence the unblock."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost", start=False)
        server._live_server_modified_settings.enable()  # the host it serves on is allowed
        server.start()
        try:
            yield server.url
        finally:
            server.stop()
            server._live_server_modified_settings.disable()


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """One headless chromium per module (Debian's, not a Playwright download)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if not executable:
        pytest.fail("Debian's chromium is missing: run `make browser`")
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing ({AXE}): run `make setup`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=["--no-sandbox"]
        )
        try:
            yield browser
        finally:
            browser.close()
