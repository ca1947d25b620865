"""Fixtures every test folder may use (helpers are imported from `tests.support`)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def lab():
    """The laboratory over the bundled resources, loaded once for the session."""
    from umbrella.lab import Lab
    return Lab()


def pytest_terminal_summary(terminalreporter):
    """Say loudly when the browser tests could not run (no Chromium or no Playwright here)."""
    from tests.browser.support import HOW, browser_missing
    why = browser_missing()
    if why:
        terminalreporter.write_sep("!", "the browser tests (tests/browser) did NOT run", yellow=True)
        terminalreporter.write_line(f"{why}; to run them, {HOW}.")
