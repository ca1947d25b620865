"""Samples of the uncertain parameters: Latin hypercube, plain Monte Carlo, scrambled Sobol.

Reproducible however the work is split: samples come in fixed-size blocks of BLOCK rows, block i
drawn from child i of `numpy.random.SeedSequence(seed)` (child i does not depend on how many
children exist), so sample k is the same for any n > k and any number of chunks or workers.
Every parameter keeps its column of unit draws whatever its range, so two scenarios with the same
seed share draws (common random numbers) even where one overrides a range.
"""
from __future__ import annotations

import warnings
from typing import Mapping, Optional, Sequence, Union

import numpy as np
from scipy.stats import qmc

from umbrella.dynamics.parameters import Parameter

BLOCK = 4096
POSTERIOR_STREAM = 2 ** 31 - 1     # spawn key of the stream that picks posterior rows (no block uses it)
METHODS = ("lhs", "mc", "sobol")
Override = Union[float, tuple[float, float]]


def unit_draws(dim: int, n: int, seed: int, method: str = "lhs") -> np.ndarray:
    """(n, dim) points in the unit cube, block by block (a transposed view of a (dim, n) array)."""
    if method not in METHODS:
        raise ValueError(f"unknown sampling method {method!r}")
    root = np.random.SeedSequence(seed)
    blocks = []
    for i, start in enumerate(range(0, n, BLOCK)):
        m = min(BLOCK, n - start)
        rng = np.random.default_rng(np.random.SeedSequence(root.entropy, spawn_key=(i,)))
        if method == "mc":
            blocks.append(rng.random((BLOCK, dim))[:m].T)
        elif method == "lhs":
            # McKay et al. (1979): each column puts one point, uniformly placed, in each of m strata
            blocks.append(qmc.LatinHypercube(d=dim, seed=rng).random(m).T)
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")     # Sobol balance needs powers of 2; a full block is one
                blocks.append(qmc.Sobol(d=dim, scramble=True, seed=rng).random(BLOCK)[:m].T)
    return (np.concatenate(blocks, axis=1) if blocks else np.empty((dim, 0))).T


def sample(parameters: Sequence[Parameter], n: int, seed: int, method: str = "lhs",
           overrides: Optional[Mapping[str, Override]] = None,
           posterior: Optional[Mapping[str, np.ndarray]] = None) -> dict[str, np.ndarray]:
    """`{name: array (n,)}` over each parameter's declared range.

    `overrides`: a number fixes a parameter, `(low, high)` narrows its range. `posterior`
    (calibrated draws, `{name: array (m,)}`) replaces the prior of the parameters it holds: the n
    samples are n different rows of the posterior (`posterior_rows`), never one row twice.
    """
    overrides = dict(overrides or {})
    u = unit_draws(len(parameters), n, seed, method).T    # (dim, n), contiguous: one row per parameter
    out: dict[str, np.ndarray] = {}
    for j, p in enumerate(parameters):
        low, high = p.low, p.high
        fixed = overrides.get(p.name)
        if isinstance(fixed, (int, float)):
            out[p.name] = np.full(n, float(fixed))
            continue
        if fixed is not None:
            low, high = fixed
        out[p.name] = low + u[j] * (high - low)
    if posterior:
        rows = posterior_rows(len(next(iter(posterior.values()))), n, seed)
        for name, values in posterior.items():
            if name in out and name not in overrides:
                out[name] = np.asarray(values, dtype=np.float64)[rows]
    return out


def posterior_rows(m: int, n: int, seed: int) -> np.ndarray:
    """n different rows of a posterior of m draws: the first n of a random permutation of the rows
    (seeded, independent of n, so sample k is the same for any n > k). More than m samples would
    repeat draws: an `InputError` that says how many the posterior holds."""
    if n > m:
        from umbrella.errors import request_problem
        raise request_problem("samples", f"{n} samples asked, but the calibrated posterior holds {m} distinct draws: "
                                         f"ask for at most {m}, ask for the prior, or refit with more particles "
                                         f"(umbrella calibrate --particles N)")
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(POSTERIOR_STREAM,)))
    return rng.permutation(m)[:n]


def distinct_draws(params: Mapping[str, np.ndarray]) -> int:
    """How many different parameter vectors `params` (name → (n,) arrays) holds."""
    matrix = np.ascontiguousarray(np.stack([np.asarray(v, dtype=np.float64) for v in params.values()], axis=1))
    if matrix.shape[0] == 0:
        return 0
    rows = matrix.view(np.dtype((np.void, matrix.dtype.itemsize * matrix.shape[1]))).ravel()
    return int(np.unique(rows).size)
