"""The one progress protocol: `progress(done, total)`, called as work advances (done of total units).

The CLI shows it as a rich progress bar on a terminal, the API in its job records. Library
functions accept `progress: Optional[Progress]` and call it with running counts, never increments.
A progress callback may raise `Cancelled` to stop the work at that tick (the API's job
cancellation); library code lets it propagate (it is no `InputError`, `LookupError` or `ValueError`).
"""
from __future__ import annotations

import threading
from typing import Callable, Optional

Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """Raised by a progress callback to stop the work it reports on."""


class Counter:
    """Turns increments from several threads into running `(done, total)` calls."""

    def __init__(self, progress: Optional[Progress], total: int):
        self.progress, self.total, self.done = progress, total, 0
        self._lock = threading.Lock()

    def add(self, k: int) -> None:
        if self.progress is None:
            return
        with self._lock:          # calls in order, so `done` never goes backwards
            self.done += k
            self.progress(self.done, self.total)
