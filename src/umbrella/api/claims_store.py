"""Finished claims ledgers, so that the dashboard's Claims tab opens at once.

A ledger takes minutes; the server keeps finished ones by `(samples, seed, prior, ablate)`, least
recently used out first once their size passes a cap (`ServerLimits.cache_bytes`), and the newest
posterior one (`latest`) also on disk in the user cache folder (`$UMBRELLA_CACHE`, else
`$XDG_CACHE_HOME/umbrella`, else `~/.cache/umbrella`; never the repository), under a fingerprint of
everything a ledger reads: the package's code and bundled resources, and the lab's own data,
theory, scenario, posterior and ledger files. A server started on the same files opens with it;
any change to them is another fingerprint, so a stale ledger is never shown.
"""
from __future__ import annotations

import hashlib
import pathlib
import threading
from typing import Callable, Optional

from pydantic import ValidationError

from umbrella.api.cache import SizedLRU
from umbrella.lab import ClaimsRequest, ClaimsResult, Lab
from umbrella.limits import ServerLimits
from umbrella.progress import Progress

SUFFIXES = {".py", ".yaml", ".yml", ".json", ".bib", ".csv", ".txt"}


def cache_folder() -> pathlib.Path:
    """The user cache folder for finished ledgers."""
    from umbrella.outputs import user_cache
    return user_cache("claims")


def fingerprint(lab: Lab) -> str:
    """A hash of every file a ledger run of `lab` reads (code, resources, the lab's own inputs)."""
    import umbrella
    roots = [pathlib.Path(umbrella.__file__).parent, *lab.data_dirs, *lab.theory_dirs, lab.evidence_base,
             lab.scenarios_dir, lab.posterior_path, lab.ledger_path]
    files: set[pathlib.Path] = set()
    for root in roots:
        root = pathlib.Path(root).resolve()
        if root.is_file():
            files.add(root)
        elif root.is_dir():
            files.update(p for p in root.rglob("*") if p.is_file() and p.suffix in SUFFIXES
                         and "__pycache__" not in p.parts)
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path).encode("utf-8", "replace") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


class ClaimsStore:
    """Finished ledgers by (samples, seed, prior, ablate), bounded by size (least recently used out
    first), the newest posterior one also on disk (`folder`; None: memory only)."""

    def __init__(self, lab: Lab, folder: Optional[pathlib.Path] = None, max_bytes: int = ServerLimits().cache_bytes):
        self._lab = lab
        self._folder = folder
        self._done: SizedLRU[ClaimsResult] = SizedLRU(max_bytes)
        self._latest: Optional[ClaimsResult] = None
        self._lock = threading.Lock()        # guards `_latest` and the first read of the disk
        self._file: Optional[pathlib.Path] = None
        self._loaded = folder is None

    def _disk(self) -> Optional[pathlib.Path]:
        if self._folder is not None and self._file is None:
            self._file = self._folder / f"ledger-{fingerprint(self._lab)}.json"
        return self._file

    def latest(self) -> Optional[ClaimsResult]:
        """The newest finished ledger: of this server, else the one on disk for the same files."""
        with self._lock:
            if not self._loaded:
                self._loaded = True
                path = self._disk()
                try:
                    found = ClaimsResult.model_validate_json(path.read_bytes()) if path and path.is_file() else None
                except (OSError, ValidationError):
                    found = None              # unreadable or from another version: run again
                if found is not None and self._latest is None:
                    self._latest = found
                    self._done.put((found.samples, found.seed, False, found.summary.table.ablated), found)
            return self._latest

    @property
    def results(self) -> SizedLRU[ClaimsResult]:
        """The finished ledgers kept (size-bounded)."""
        return self._done

    @staticmethod
    def key(request: ClaimsRequest) -> tuple:
        return request.samples, request.seed, request.prior, request.ablate

    def cached(self, request: ClaimsRequest) -> Optional[ClaimsResult]:
        """The finished ledger for the request, if there is one (no computation)."""
        self.latest()
        return self._done.get(self.key(request))

    def get(self, request: ClaimsRequest, progress: Optional[Progress] = None,
            run: Optional[Callable[[ClaimsRequest, Optional[Progress]], ClaimsResult]] = None) -> ClaimsResult:
        """The ledger for (samples, seed, prior, ablate): finished before, or run now (`run`, default the
        lab's; one computation per key at a time, a second request waits and reuses it)."""
        self.latest()

        def compute() -> ClaimsResult:
            result = (run or (lambda r, p: self._lab.claims(r, progress=p)))(request, progress)
            if not request.prior:
                with self._lock:
                    self._latest = result
                self._save(result)
            return result
        return self._done.get_or_compute(self.key(request), compute)

    def _save(self, result: ClaimsResult) -> None:
        path = self._disk()
        if path is None:
            return
        from umbrella.errors import InputError
        from umbrella.outputs import atomic_write
        try:
            atomic_write(path, result.model_dump_json(), "cache")
        except (OSError, InputError):      # a cache that cannot be written costs a rerun, never the result
            pass
