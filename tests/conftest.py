"""Fixtures every test folder may use (helpers are imported from `tests.support`)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def lab():
    """The laboratory over the bundled resources, loaded once for the session."""
    from umbrella.lab import Lab
    return Lab()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (tests/browser/support.py says where it is looked for)."""
    from tests.browser.support import CHROMIUM, HOW, REQUIRED, browser_missing
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


def pytest_terminal_summary(terminalreporter):
    """Say loudly when the browser tests could not run (no Chromium or no Playwright here)."""
    from tests.browser.support import HOW, browser_missing
    why = browser_missing()
    if why:
        terminalreporter.write_sep("!", "the browser tests (tests/browser; the report's height in tests/lab) did NOT run", yellow=True)
        terminalreporter.write_line(f"{why}; to run them, {HOW}.")
