"""Background jobs for the dashboard's progress bars: long work (an ensemble, the claims ledger) runs
in a thread and reports `done` of `total` through the one progress protocol; the client polls
`GET /api/jobs/{job}`. The result is the same document the synchronous endpoint returns."""
from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from typing import Any, Callable, ClassVar, Literal, Optional, Union

from pydantic import Field

from umbrella.errors import InputError, Problem, UnknownName
from umbrella.lab import ClaimsResult, ComparisonSeries, Discovery, Document, RunSummary, Sensitivity
from umbrella.progress import Progress

Work = Callable[[Progress], Any]  # work(progress(done, total)) -> result


class JobRecord(Document):
    """A job: its state and progress; `result` when done, `errors` (one line each) when it failed."""
    _omit: ClassVar[tuple[str, ...]] = ("result", "errors")
    id: str
    kind: Literal["run", "claims", "compare", "sensitivity", "discover"]
    state: Literal["running", "done", "error"]
    done: int
    total: int
    result: Optional[Union[RunSummary, ClaimsResult, ComparisonSeries, Sensitivity, Discovery]] = Field(
        None, description="when state is done")
    errors: Optional[list[str]] = Field(None, description="when state is error")


class Jobs:
    """The jobs of one app, newest `keep` kept in memory."""

    def __init__(self, keep: int = 32, describe: Callable[[Problem], Problem] = lambda p: p):
        self._jobs: OrderedDict[str, JobRecord] = OrderedDict()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._keep = keep
        self._describe = describe

    def start(self, kind: str, total: int, work: Work) -> JobRecord:
        with self._lock:
            job = JobRecord(id=f"{kind}-{next(self._ids)}", kind=kind, state="running", done=0, total=total)
            self._jobs[job.id] = job
            while len(self._jobs) > self._keep:
                self._jobs.popitem(last=False)
            started = job.model_copy()
        threading.Thread(target=self._run, args=(job, work), daemon=True, name=f"umbrella-{job.id}").start()
        return started

    def _run(self, job: JobRecord, work: Work) -> None:
        def progress(done: int, total: int) -> None:
            with self._lock:
                job.done, job.total = done, total

        try:
            result = work(progress)
            update = {"state": "done", "done": job.total, "result": result}
        except InputError as exc:
            update = {"state": "error", "errors": [str(self._describe(p)) for p in exc.problems]}
        except Exception as exc:  # one line, never a traceback
            update = {"state": "error", "errors": [f"<server>:0: -: internal error: {type(exc).__name__}: {exc}"]}
        with self._lock:
            for key, value in update.items():
                setattr(job, key, value)

    def get(self, job_id: str) -> JobRecord:
        with self._lock:
            if job_id not in self._jobs:
                raise UnknownName([Problem("<url>", 0, "job", f"no job {job_id!r} (jobs are kept in memory: "
                                           "the newest only, and not across restarts)")])
            return self._jobs[job_id].model_copy()
