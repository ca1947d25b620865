"""Saltelli's design as a spec that any block of its rows is built from, on whichever worker runs the
block (experiments/blocks.py): a task carries a few kB instead of its rows (3.8 MB for 116 parameters).
Kept apart from `sensitivity` so that a worker imports only NumPy and `scipy.stats.qmc`, not SALib."""
from __future__ import annotations

import functools
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Iterator

import numpy as np
from scipy.stats import qmc

from umbrella.experiments import blocks


@dataclass(frozen=True, eq=False)
class SaltelliDesign(Mapping):
    """Saltelli's design without second-order terms, as a small spec from which any range of its rows
    is built (Saltelli 2002; Saltelli et al. 2010): A and B are the two halves of N points of one
    scrambled Sobol' sequence of dimension 2D (`scipy.stats.qmc.Sobol` seeded by child 0 of
    `SeedSequence(seed)`); base point i gives the rows A_i, A_B^(1)_i … A_B^(D)_i (A_i with column j
    taken from B_i), B_i — N·(D+2) rows in the row order of `SALib.sample.sobol`, scaled to the bounds.

    `rows(lo, hi)` builds rows lo … hi − 1 alone: the Sobol' points of their base points only
    (`fast_forward`), so every block of an ensemble builds its own rows on its worker and a task
    carries this spec instead of its rows; the numbers are the same bits as the whole matrix's. As a
    mapping (name → column of all rows) it is the matrix, built once on first use, for models that
    take every row in one call."""
    names: tuple[str, ...]
    bounds: tuple[tuple[float, float], ...]
    n: int
    seed: int

    @property
    def runs(self) -> int:
        return self.n * (len(self.names) + 2)

    def rows(self, lo: int, hi: int) -> np.ndarray:
        if not 0 <= lo < hi <= self.runs:
            raise ValueError(f"rows {lo}…{hi} are outside the design's {self.runs}")
        d, k = len(self.names), len(self.names) + 2
        first, last = lo // k, (hi - 1) // k + 1              # the base points of rows lo … hi − 1
        engine = self._engine
        engine.reset()
        if first:
            engine.fast_forward(first)
        with warnings.catch_warnings():       # a part of the sequence is not a power of two long: its points are exact
            warnings.simplefilter("ignore", UserWarning)
            base = engine.random(last - first)
        a, b = base[:, :d], base[:, d:]
        x = np.repeat(a[:, None, :], k, axis=1)               # (points, D+2, D)
        cols = np.arange(d)
        x[:, 1 + cols, cols] = b
        x[:, d + 1, :] = b
        x = x.reshape(-1, d)[lo - first * k:hi - first * k]
        bounds = np.asarray(self.bounds, dtype=np.float64)
        x *= bounds[:, 1] - bounds[:, 0]
        x += bounds[:, 0]
        return x

    @functools.cached_property
    def _engine(self) -> qmc.Sobol:
        """The scrambled engine, built once per process (≈6 ms for 232 dimensions) and reset for each
        range of rows; seeded by a fresh child 0, since the engine spawns from the sequence it is given."""
        stream = np.random.SeedSequence(self.seed).spawn(1)[0]
        return qmc.Sobol(d=2 * len(self.names), scramble=True, seed=np.random.default_rng(stream))

    @functools.cached_property
    def _matrix(self) -> np.ndarray:
        return self.rows(0, self.runs)

    def __getitem__(self, name: str) -> np.ndarray:
        return self._matrix[:, self.names.index(name)]

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_matrix", "_engine")}   # a task carries the spec

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


@dataclass(frozen=True)
class DesignBlocks:
    """A Saltelli design as the draws of an ensemble's blocks (experiments/blocks.py): block i builds its
    own rows from the spec (a task carries a few kB, not its 3.8 MB of rows); parameters not in the
    design take `fixed` values, else their declared defaults."""
    design: SaltelliDesign
    fixed: Mapping[str, float]

    @property
    def samples(self) -> int:
        return self.design.runs

    def cut(self, i: int) -> "DesignBlocks":
        return self

    def block(self, i: int) -> dict[str, np.ndarray]:
        lo = i * blocks.BLOCK
        x = self.design.rows(lo, min(lo + blocks.BLOCK, self.samples))
        draws = {**{name: x[:, j] for j, name in enumerate(self.design.names)},
                 **{name: np.full(len(x), v) for name, v in self.fixed.items()}}
        return blocks.Given(draws, lo).block(i)
