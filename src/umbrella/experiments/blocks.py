"""Ensembles in fixed blocks: the unit of work of every executor (in process, or a Dask cluster).

Block i holds samples i·BLOCK … (i+1)·BLOCK − 1 (sampling.BLOCK, the SeedSequence blocks): its
parameter draws are drawn by whoever runs it (`sampling.sample_block`, child i of the seed) or cut
from given draws, and it is simulated by the kernel in fixed-size kernel blocks (the last padded).
So a block's numbers are the same bits whichever process, machine or order runs it, and a run's
results are the same for any number of workers and any assignment of blocks to workers. A block is
a pure function of its `Work`: a worker lost mid-run has its blocks rerun by Dask, with the same bits.

What travels back is chosen by the caller (`pick`): everything (for an in-memory Dataset, today's
`run`), one output per sample (compare, sensitivity, calibration), or nothing but a receipt when the
block writes its trajectories into a results store (experiments/store.py).
"""
from __future__ import annotations

import contextlib
import hashlib
import contextvars
import logging
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterator, Mapping, Optional, Sequence

import numpy as np

from umbrella.dynamics.inputs import Inputs
from umbrella.dynamics.model import output_arrays, simulate
from umbrella.dynamics.parameters import NAMES, PARAMETERS, defaults
from umbrella.experiments.sampling import BLOCK, n_blocks, posterior_rows, sample_block
from umbrella.progress import Counter, Progress



@dataclass(frozen=True)
class Design:
    """Sampled draws: `sample(PARAMETERS, samples, seed, method, overrides, posterior)`, block by block."""
    samples: int
    seed: int
    method: str = "lhs"
    overrides: Mapping[str, Any] = field(default_factory=dict)
    posterior: Optional[Mapping[str, np.ndarray]] = None
    cut_at: Optional[int] = None           # the block whose posterior rows `posterior` alone holds (a task's share)

    def block(self, i: int) -> dict[str, np.ndarray]:
        rows = None if self.cut_at is None else np.arange(len(next(iter(self.posterior.values()))))
        # when no value comes from the unit draws, they are drawn the cheapest way (mc): a Latin
        # hypercube or Sobol' block imports scipy.stats, a second of a cold `umbrella run`; same values
        method = "mc" if self.units_unused else self.method
        return sample_block(PARAMETERS, self.samples, self.seed, method, i, self.overrides, self.posterior, rows)

    @property
    def units_unused(self) -> bool:
        """No sampled value comes from the unit draws (`sampling._scale`): the posterior holds every
        parameter that no override sets, and every override fixes a number (a narrowed range is drawn)."""
        if not self.posterior:
            return False
        return all(isinstance(self.overrides.get(p.name), (int, float))
                   or (p.name in self.posterior and p.name not in self.overrides) for p in PARAMETERS)

    def cut(self, i: int) -> "Design":
        """What block i's task carries: only its rows of the posterior (3.8 MB, not the whole posterior)."""
        if not self.posterior:
            return self
        rows = posterior_rows(len(next(iter(self.posterior.values()))), self.samples, self.seed)[i * BLOCK:(i + 1) * BLOCK]
        return replace(self, posterior={k: np.asarray(v)[rows] for k, v in self.posterior.items()}, cut_at=i)


@dataclass(frozen=True)
class Given:
    """Given draws (`{name: array}`; parameters absent take their declared defaults), rows `start` on."""
    draws: Mapping[str, np.ndarray]
    start: int = 0

    @property
    def samples(self) -> int:
        return len(next(iter(self.draws.values())))

    def cut(self, i: int) -> "Given":
        """Only block i's rows (what a task carries)."""
        lo, hi = i * BLOCK, min((i + 1) * BLOCK, self.samples)
        return Given({k: np.asarray(v)[lo:hi] for k, v in self.draws.items()}, lo)

    def block(self, i: int) -> dict[str, np.ndarray]:
        lo = i * BLOCK - self.start
        rows = {k: np.asarray(v, dtype=np.float64)[lo:lo + BLOCK] for k, v in self.draws.items()}
        m = len(next(iter(rows.values())))
        base = defaults()
        return {name: np.broadcast_to(rows.get(name, base[name]), (m,)).copy() for name in NAMES}


def given(draws: Mapping[str, Any]) -> Given:
    """Given draws as float64 arrays of one length."""
    arrays = {k: np.atleast_1d(np.asarray(v, dtype=np.float64)) for k, v in draws.items()}
    n = max(len(v) for v in arrays.values())
    return Given({k: np.broadcast_to(v, (n,)) for k, v in arrays.items()})


# ---- what a block sends back --------------------------------------------------------------------

@dataclass(frozen=True)
class Everything:
    """The block's draws and every variable of the requested years (an in-memory Dataset's share)."""

    def __call__(self, params: dict, out: dict, lo: int, work: "Work") -> tuple[dict, dict]:
        return params, out


@dataclass(frozen=True)
class Point:
    """One output per sample: `variable` of actor column `column` in year row `row`; with `keys`, also
    a 16-byte digest of each sample's parameter vector (`row_keys`), to count distinct draws."""
    variable: str
    column: int
    row: int
    keys: bool = False

    def __call__(self, params: dict, out: dict, lo: int, work: "Work") -> Any:
        values = np.ascontiguousarray(out[self.variable][:, self.row, self.column])
        return (values, row_keys(params)) if self.keys else values


def row_keys(params: Mapping[str, np.ndarray]) -> np.ndarray:
    """A 16-byte BLAKE2b digest of each sample's parameter vector (the bytes `sampling.distinct_draws`
    compares): distinct draws are counted by the client without the draws travelling back."""
    matrix = np.ascontiguousarray(np.stack([np.asarray(v, dtype=np.float64) for v in params.values()], axis=1))
    return np.array([hashlib.blake2b(row.tobytes(), digest_size=16).digest() for row in matrix], dtype="S16")


@dataclass(frozen=True)
class Series:
    """Actor columns of variables over the requested years: {variable: (m, len(years))} per block."""
    columns: tuple[tuple[str, int], ...]         # (variable, actor column)

    def __call__(self, params: dict, out: dict, lo: int, work: "Work") -> dict[str, np.ndarray]:
        return {v: np.ascontiguousarray(out[v][:, :, c]) for v, c in self.columns}


# ---- the unit of work -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Work:
    """Everything block `index` needs: inputs, requested years, where draws come from, what to return."""
    inputs: Inputs
    years: tuple[int, ...]
    draws: Any                     # Design | Given
    index: int
    pick: Callable
    variables: Optional[tuple[str, ...]] = None    # None: all (what the kernel computes anyway)


def run_block(work: Work) -> Any:
    """Simulate one block and return what `work.pick` keeps (a pure function of `work`)."""
    params = work.draws.block(work.index)
    m = len(params[NAMES[0]])
    out = output_arrays(m, len(work.years))
    simulate(params, work.inputs, list(work.years), out=out)
    return work.pick(params, out, work.index * BLOCK, work)


def works(inputs: Inputs, years: Sequence[int], draws: Any, pick: Callable) -> list[Work]:
    """One `Work` per block of the design (draws are cut so that each carries only its rows)."""
    n = draws.samples
    return [Work(inputs, tuple(int(y) for y in years), draws.cut(i), i, pick) for i in range(n_blocks(n))]


# ---- executors ----------------------------------------------------------------------------------

class InProcess:
    """Blocks run here, one after another (the default: nothing else needed)."""

    def map(self, fn: Callable, items: Sequence, progress: Optional[Callable[[Any, Any], None]] = None) -> Iterator:
        for item in items:
            result = fn(item)
            if progress is not None:
                progress(item, result)
            yield result


class DaskExecutor:
    """Blocks run on a dask.distributed cluster: an existing one (`scheduler` address) or a
    `LocalCluster` of `workers` processes with one thread each. Results are yielded in block order;
    a task whose worker is lost is rerun by the scheduler (`retries` covers a task that fails)."""

    RETRIES = 3

    def __init__(self, scheduler: Optional[str] = None, workers: Optional[int] = None):
        from umbrella.errors import request_problem
        field = "scheduler" if scheduler else "workers"
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise request_problem(field, "needs dask.distributed: pip install 'umbrella[dask]'") from None
        self._cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="20s")
            else:
                # one process per worker, one thread each; the kernel's own threads too (the samples of
                # a block are split over the cores only in process)
                self._cluster = LocalCluster(n_workers=int(workers or 1), threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=logging.ERROR,
                                             env={"NUMBA_NUM_THREADS": "1"})
                self.client = Client(self._cluster)
        except (OSError, TimeoutError) as exc:
            if self._cluster is not None:
                self._cluster.close()
            raise request_problem(field, f"cannot reach the Dask cluster ({exc})") from None

    def map(self, fn: Callable, items: Sequence, progress: Optional[Callable[[Any, Any], None]] = None) -> Iterator:
        from distributed import as_completed
        futures = self.client.map(fn, list(items), pure=False, retries=self.RETRIES)
        position = {f.key: i for i, f in enumerate(futures)}
        done: dict[int, Any] = {}
        following = 0
        for future in as_completed(futures):
            i = position[future.key]
            done[i] = future.result()
            future.release()
            if progress is not None:
                progress(items[i], done[i])
            while following in done:            # hand results on in block order, as soon as they can be
                yield done.pop(following)
                following += 1

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


@contextlib.contextmanager
def executor(scheduler: Optional[str] = None, workers: Optional[int] = None) -> Iterator[Any]:
    """In process by default; a Dask cluster for `scheduler` (an address) or `workers` > 1. While the
    block is open it is also the current executor (`current`), so that code several layers down
    (claims, calibration) runs its ensembles there without an argument threaded through."""
    ex = InProcess() if not scheduler and (workers or 1) <= 1 else DaskExecutor(scheduler, workers)
    token = _CURRENT.set(ex)
    try:
        yield ex
    finally:
        _CURRENT.reset(token)
        if isinstance(ex, DaskExecutor):
            ex.close()


_CURRENT: contextvars.ContextVar = contextvars.ContextVar("umbrella_executor", default=None)


def current() -> Any:
    """The executor of the innermost open `executor(...)` block; in process outside any."""
    return _CURRENT.get() or InProcess()


def map_blocks(inputs: Inputs, years: Sequence[int], draws: Any, pick: Callable, ex: Any = None,
               progress: Optional[Progress] = None) -> Iterator:
    """Run every block of `draws` through `run_block`; yield what `pick` returns, in block order.
    `progress(done, total)` counts samples as blocks complete."""
    ex = ex if ex is not None else current()
    items = works(inputs, years, draws, pick)
    counter = Counter(progress, draws.samples)
    return ex.map(run_block, items, lambda w, _r: counter.add(min(BLOCK, draws.samples - w.index * BLOCK)))


def points(inputs: Inputs, years: Sequence[int], draws: Any, variable: str, column: int, row: int,
           ex: Any = None, progress: Optional[Progress] = None) -> np.ndarray:
    """One output (variable, actor column, year row) per sample, for all samples, in sample order."""
    parts = list(map_blocks(inputs, years, draws, Point(variable, column, row), ex, progress))
    return np.concatenate(parts) if parts else np.empty(0)
