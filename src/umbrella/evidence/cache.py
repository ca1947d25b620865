"""The validated evidence base kept between processes (issue 18, cold start).

Parsing and validating the YAML of the evidence base costs every command about 75 ms of CPU; a
later process with the same inputs unpickles the `Evidence` it gave (about 6 ms) instead. The entry
is keyed by the SHA-256 of everything the result depends on: the content and names of every file
of the evidence folders and of the seeds (their quotes are checked), the working directory (paths
are shown relative to it), the umbrella code, and the Python and pydantic versions. So a changed
file, a new file or new code is a new key, never a stale result. Only a base that loads without
problems is kept (problems are raised, as before, on every run). Entries live in the user cache
folder (`umbrella.outputs.user_cache`), never the repository; the newest `KEEP` are kept. A missing,
unreadable or corrupt entry is loaded afresh. The entries are pickles, trusted as the user's own
files, as Numba's cache of the compiled kernel beside them is.
"""
from __future__ import annotations

import hashlib
import os
import pathlib
import pickle
import sys
from typing import Callable, Iterable, Optional

from umbrella.outputs import cache_entry, user_cache

KEEP = 8


def _files(folder: pathlib.Path) -> Iterable[pathlib.Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def key(dirs: Iterable[pathlib.Path], seeds: Optional[pathlib.Path]) -> str:
    """The hash of every input of `loader.load` over `dirs` with the seeds at `seeds`."""
    import pydantic
    digest = hashlib.sha256()

    def add(*parts: object) -> None:
        for part in parts:
            digest.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogateescape"))
            digest.update(b"\0")
    code = pathlib.Path(__file__).resolve().parents[1]          # the umbrella package
    add("python", sys.version, "pydantic", pydantic.VERSION, "cwd", os.getcwd())
    for label, root in [("code", code)] + [("dir", d) for d in dirs] + [("seeds", seeds)]:
        add(label, root)
        if root is None or not pathlib.Path(root).is_dir():
            continue
        for path in _files(pathlib.Path(root)):
            if label != "code" or path.suffix == ".py":
                add(path.relative_to(root), path.read_bytes())
    return digest.hexdigest()


def folder() -> pathlib.Path:
    return user_cache("evidence")


def load_cached(load: Callable[[], object], dirs: Iterable[pathlib.Path], seeds: Optional[pathlib.Path]) -> object:
    """`load()`'s result, from the cache when an entry has this key, else loaded and kept."""
    dirs = [pathlib.Path(d) for d in dirs]
    path = folder() / f"{key(dirs, seeds)}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except Exception:        # missing, unreadable or corrupt: load afresh (the entry is rewritten)
        pass
    evidence = load()
    cache_entry(path, pickle.dumps(evidence, protocol=pickle.HIGHEST_PROTOCOL), KEEP)
    return evidence
