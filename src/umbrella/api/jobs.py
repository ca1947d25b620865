"""The server's computations in one bounded queue (ensembles and claims ledgers, whether a client
polls them as background jobs or waits for them in its request).

At most `workers` run at once and `queued` wait; past that a request is refused with `Busy`
(HTTP 429 with Retry-After). A background job reports `done` of `total` through the one progress
protocol; the client polls `GET /api/jobs/{job}` and may cancel it (`DELETE`): a queued job leaves
the queue at once, a running one stops at its next progress tick (the callback raises
`umbrella.progress.Cancelled`). Finished jobs are kept, the newest `keep_jobs`, for `job_ttl_s`.
The result of a job is the same document the synchronous endpoint returns."""
from __future__ import annotations

import dataclasses
import itertools
import threading
from collections import OrderedDict, deque
from time import monotonic
from typing import Any, Callable, ClassVar, Literal, Optional, Union

from pydantic import Field

from umbrella.limits import ServerLimits
from umbrella.errors import InputError, Problem, UnknownName
from umbrella.lab import ClaimsResult, ComparisonSeries, Discovery, Document, RunSummary, Sensitivity
from umbrella.progress import Cancelled, Progress

Work = Callable[[Progress], Any]  # work(progress(done, total)) -> result
State = Literal["queued", "running", "cancelling", "done", "error", "cancelled"]
FINISHED = ("done", "error", "cancelled")


class JobRecord(Document):
    """A job: its state and progress; `result` when done, `errors` (one line each) when it failed.
    States: queued -> running -> done | error; a cancelled job is `cancelled` (from `running` through
    `cancelling`, until its work reaches its next progress tick)."""
    _omit: ClassVar[tuple[str, ...]] = ("result", "errors")
    id: str
    kind: Literal["run", "claims", "compare", "sensitivity", "discover"]
    state: State
    done: int
    total: int
    result: Optional[Union[RunSummary, ClaimsResult, ComparisonSeries, Sensitivity, Discovery]] = Field(
        None, description="when state is done")
    errors: Optional[list[str]] = Field(None, description="when state is error")


class Busy(Exception):
    """The queue is full: the request is refused (429) and the client told when to retry."""

    def __init__(self, problem: Problem, retry_after_s: int):
        self.problem, self.retry_after_s = problem, retry_after_s
        super().__init__(str(problem))


@dataclasses.dataclass(eq=False)
class _Task:
    work: Work
    record: Optional[JobRecord] = None    # a background job's; a synchronous task has none
    cancel: threading.Event = dataclasses.field(default_factory=threading.Event)
    finished: threading.Event = dataclasses.field(default_factory=threading.Event)
    value: Any = None
    failure: Optional[BaseException] = None
    ended_at: float = 0.0


class Jobs:
    """The queue and the jobs of one app."""

    def __init__(self, limits: ServerLimits = ServerLimits(), describe: Callable[[Problem], Problem] = lambda p: p):
        self.limits = limits
        self._describe = describe
        self._cond = threading.Condition()
        self._pending: deque[_Task] = deque()
        self._running = 0
        self._threads = 0
        self._jobs: OrderedDict[str, _Task] = OrderedDict()
        self._ids = itertools.count(1)

    @property
    def waiting(self) -> int:
        """Computations waiting for a worker."""
        return len(self._pending)

    # ---- the queue -------------------------------------------------------------------------

    def _submit(self, task: _Task) -> None:
        with self._cond:
            if len(self._pending) + self._running >= self.limits.workers + self.limits.queued:
                raise Busy(Problem("<server>", 0, "jobs",
                                   f"busy: {self._running} computations running and {len(self._pending)} waiting, "
                                   f"the most this server takes; retry in {self.limits.retry_after_s} s"),
                           self.limits.retry_after_s)
            self._pending.append(task)
            if self._threads < self.limits.workers:
                self._threads += 1
                threading.Thread(target=self._worker, daemon=True, name="umbrella-worker").start()

    def _worker(self) -> None:
        while True:
            with self._cond:
                if not self._pending:      # nothing to do: the thread ends (a new job starts another)
                    self._threads -= 1
                    return
                task = self._pending.popleft()
                if task.record:
                    task.record.state = "running"
                self._running += 1
            try:
                task.value = task.work(self._progress(task))
            except BaseException as exc:  # noqa: BLE001 - reported as the task's failure, never a traceback
                task.failure = exc
            with self._cond:
                self._running -= 1
                self._finish(task)

    def _progress(self, task: _Task) -> Progress:
        def progress(done: int, total: int) -> None:
            if task.cancel.is_set():
                raise Cancelled()
            if task.record:
                with self._cond:
                    task.record.done, task.record.total = done, total
        return progress

    def _finish(self, task: _Task) -> None:
        """Record how a task ended (under the lock)."""
        task.ended_at = monotonic()
        task.finished.set()
        job = task.record
        if job is None:
            return
        if task.cancel.is_set():
            job.state = "cancelled"
        elif task.failure is None:
            job.state, job.done, job.result = "done", job.total, task.value
        else:
            job.state = "error"
            problems = (task.failure.problems if isinstance(task.failure, InputError) else
                        [Problem("<server>", 0, "-", f"internal error: {type(task.failure).__name__}: {task.failure}")])
            job.errors = [str(self._describe(p)) for p in problems]

    def run(self, work: Callable[[], Any]) -> Any:
        """`work()` through the queue, waiting for it (a synchronous request): its result, or its exception."""
        task = _Task(lambda progress: work())
        self._submit(task)
        task.finished.wait()
        if task.failure is not None:
            raise task.failure
        return task.value

    # ---- background jobs -------------------------------------------------------------------

    def start(self, kind: str, total: int, work: Work) -> JobRecord:
        """A background job: queued now (or `Busy`), its record answered at once."""
        with self._cond:
            self._expire()
            task = _Task(work, JobRecord(id=f"{kind}-{next(self._ids)}", kind=kind, state="queued", done=0,
                                         total=total))
            self._submit(task)
            self._jobs[task.record.id] = task
            return task.record.model_copy()

    def _task(self, job_id: str) -> _Task:
        self._expire()
        if job_id not in self._jobs:
            raise UnknownName([Problem("<url>", 0, "job", f"no job {job_id!r} (finished jobs are kept for "
                                       f"{self.limits.job_ttl_s:g} s, the newest {self.limits.keep_jobs}; none "
                                       "across restarts)")])
        return self._jobs[job_id]

    def get(self, job_id: str) -> JobRecord:
        with self._cond:
            return self._task(job_id).record.model_copy()

    def cancel(self, job_id: str) -> JobRecord:
        """Cancel a queued or running job; forget a finished one. Its record as it is now."""
        with self._cond:
            task = self._task(job_id)
            job = task.record
            if job.state in FINISHED:
                del self._jobs[job_id]
            elif job.state == "queued":
                self._pending.remove(task)
                task.cancel.set()
                self._finish(task)
            elif job.state == "running":
                task.cancel.set()
                job.state = "cancelling"
            return job.model_copy()

    def _expire(self) -> None:
        """Forget finished jobs past their time, and all but the newest `keep_jobs` (under the lock)."""
        now = monotonic()
        finished = [jid for jid, t in self._jobs.items() if t.record.state in FINISHED]
        for i, jid in enumerate(finished):
            if i < len(finished) - self.limits.keep_jobs or now - self._jobs[jid].ended_at > self.limits.job_ttl_s:
                del self._jobs[jid]
