"""The dashboard: one self-contained HTML page, assembled from the files of this folder.

`page.html` holds the layout; `/*@include NAME*/` lines in it are replaced by the named CSS or
JavaScript file, so the page that is served is a single document (inline CSS and JS, no CDN, no
external fonts, nothing else to fetch: it needs no token of its own and works saved to disk). The
scripts are plain functions in one scope, in the order they are included; none computes science:
they render the API's documents.
"""
from __future__ import annotations

import functools
import importlib.resources
import re

INCLUDE = re.compile(r"/\*@include ([\w.-]+)\*/")


@functools.lru_cache(maxsize=1)
def page() -> str:
    folder = importlib.resources.files("umbrella.api.dashboard")
    html = folder.joinpath("page.html").read_text(encoding="utf-8")
    return INCLUDE.sub(lambda m: folder.joinpath(m.group(1)).read_text(encoding="utf-8"), html)
