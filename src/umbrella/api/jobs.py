"""Background jobs for the dashboard's progress bars: long work (an ensemble, the claims ledger) runs
in a thread and reports `done` of `total`; the client polls `GET /api/jobs/{id}`. The result is the
same document the synchronous endpoint returns."""
from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from typing import Any, Callable

from umbrella.errors import InputError, Problem

Work = Callable[[Callable[[int, int], None]], Any]  # work(progress(done, total)) -> document


class Jobs:
    """The jobs of one app, newest `keep` kept in memory."""

    def __init__(self, keep: int = 32, describe: Callable[[Problem], Problem] = lambda p: p):
        self._jobs: OrderedDict[str, dict] = OrderedDict()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._keep = keep
        self._describe = describe

    def start(self, kind: str, total: int, work: Work) -> dict:
        with self._lock:
            job_id = f"{kind}-{next(self._ids)}"
            job = {"id": job_id, "kind": kind, "state": "running", "done": 0, "total": total}
            self._jobs[job_id] = job
            while len(self._jobs) > self._keep:
                self._jobs.popitem(last=False)
        threading.Thread(target=self._run, args=(job, work), daemon=True, name=f"umbrella-{job_id}").start()
        return dict(job)

    def _run(self, job: dict, work: Work) -> None:
        def progress(done: int, total: int) -> None:
            with self._lock:
                job["done"], job["total"] = done, total

        try:
            result = work(progress)
            update = {"state": "done", "done": job["total"], "result": result}
        except InputError as exc:
            update = {"state": "error", "errors": [str(self._describe(p)) for p in exc.problems]}
        except Exception as exc:  # one line, never a traceback
            update = {"state": "error", "errors": [f"<server>:0: -: internal error: {type(exc).__name__}: {exc}"]}
        with self._lock:
            job.update(update)

    def get(self, job_id: str) -> dict:
        with self._lock:
            if job_id not in self._jobs:
                raise InputError([Problem("<url>", 0, "job", f"no job {job_id!r} (jobs are kept in memory: "
                                          "the newest only, and not across restarts)")])
            return dict(self._jobs[job_id])
