"""The browser tests' fixtures: the real server (uvicorn on 127.0.0.1 and a free port, an empty claims
cache of its own) and a Chromium page that records every console error and uncaught exception."""
from __future__ import annotations

import contextlib
import pathlib
import socket
import threading
import time

import pytest

from tests.browser.support import CHROMIUM, HOW, REQUIRED, browser_missing
from tests.support import ROOT

SCREENSHOTS = ROOT / "out" / "screenshots"


@contextlib.contextmanager
def serving(app):
    """`app` served by uvicorn on 127.0.0.1 and a free port, in a thread, until the block ends."""
    import uvicorn
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from umbrella.api import create_app
    with serving(create_app(claims_cache=tmp_path_factory.mktemp("claims-cache"))) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    why = browser_missing()
    if why:
        if REQUIRED:
            pytest.fail(f"browser tests required (UMBRELLA_BROWSER_TESTS=required) but {why}", pytrace=False)
        pytest.skip(f"browser tests did not run: {why}; to run them, {HOW}")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


class Page:
    """A page of the dashboard and the console errors it produced."""

    def __init__(self, page, base: str):
        self.page, self.base, self.errors = page, base, []
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.set_default_timeout(60_000)

    def open(self, tab: str, lang: str) -> None:
        self.page.goto(f"{self.base}/?lang={lang}#{tab}")

    def shot(self, name: str) -> pathlib.Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
        return path


@contextlib.contextmanager
def dashboard_on(browser, base: str):
    """A page of the dashboard served at `base`; at the end, no console error may be left."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = Page(context.new_page(), base)
    yield page
    context.close()
    assert page.errors == [], page.errors


@pytest.fixture
def dashboard(browser, server):
    with dashboard_on(browser, server) as page:
        yield page
