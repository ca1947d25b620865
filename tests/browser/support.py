"""Where the browser tests find their browser: Debian's Chromium, driven by Playwright's Python package
(never `playwright install`). `.ci/run` installs Chromium and sets UMBRELLA_BROWSER_TESTS=required, so
a missing browser fails there; elsewhere the tests are skipped and `make test` says so at the end."""
from __future__ import annotations

import importlib.util
import os
import pathlib
from typing import Optional

CHROMIUM = pathlib.Path(os.environ.get("UMBRELLA_CHROMIUM", "/usr/bin/chromium"))
REQUIRED = os.environ.get("UMBRELLA_BROWSER_TESTS") == "required"
HOW = ("install Debian's Chromium (`sudo apt-get install chromium`, or set UMBRELLA_CHROMIUM to another "
       "Chromium binary) and Playwright's Python package (`pip install -e '.[test]'`); never `playwright install`")


def browser_missing() -> Optional[str]:
    """Why the browser tests cannot run here, or None."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright's Python package is not installed"
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM}"
    return None
