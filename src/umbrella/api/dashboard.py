"""The dashboard: one self-contained HTML page (inline CSS and JS, no CDN, no external fonts)."""
from __future__ import annotations

import functools
import importlib.resources


@functools.lru_cache(maxsize=1)
def page() -> str:
    return importlib.resources.files("umbrella.api").joinpath("dashboard.html").read_text(encoding="utf-8")
