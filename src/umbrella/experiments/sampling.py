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

from umbrella.dynamics.parameters import Parameter

BLOCK = 4096
METHODS = ("lhs", "mc", "sobol")
Override = Union[float, tuple[float, float]]


def unit_draws(dim: int, n: int, seed: int, method: str = "lhs") -> np.ndarray:
    """(n, dim) points in the unit cube, block by block (a transposed view of a (dim, n) array)."""
    blocks = [unit_block(dim, n, seed, method, i) for i in range(n_blocks(n))]
    return (np.concatenate(blocks, axis=1) if blocks else np.empty((dim, 0))).T


def n_blocks(n: int) -> int:
    """How many blocks of BLOCK samples (the last one possibly short) n samples make."""
    return -(-n // BLOCK)


def unit_block(dim: int, n: int, seed: int, method: str, i: int) -> np.ndarray:
    """(dim, m) unit draws of block i of an n-sample design (m = BLOCK, or fewer for the last block)."""
    if method not in METHODS:
        raise ValueError(f"unknown sampling method {method!r}")
    start = i * BLOCK
    m = min(BLOCK, n - start)
    rng = np.random.default_rng(np.random.SeedSequence(np.random.SeedSequence(seed).entropy, spawn_key=(i,)))
    if method == "mc":
        return rng.random((BLOCK, dim))[:m].T
    from scipy.stats import qmc             # here, not at the top: importing scipy.stats takes a second
    if method == "lhs":
        # McKay et al. (1979): each column puts one point, uniformly placed, in each of m strata
        return qmc.LatinHypercube(d=dim, seed=rng).random(m).T
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # Sobol balance needs powers of 2; a full block is one
        return qmc.Sobol(d=dim, scramble=True, seed=rng).random(BLOCK)[:m].T


def sample(parameters: Sequence[Parameter], n: int, seed: int, method: str = "lhs",
           overrides: Optional[Mapping[str, Override]] = None,
           posterior: Optional[Mapping[str, np.ndarray]] = None) -> dict[str, np.ndarray]:
    """`{name: array (n,)}` over each parameter's declared range.

    `overrides`: a number fixes a parameter, `(low, high)` narrows its range. `posterior`
    (calibrated draws, `{name: array (m,)}`) replaces the prior of the parameters it holds: each
    sample takes row floor(u * m) of the posterior, u being one more column of unit draws.
    """
    return _scale(parameters, unit_draws(len(parameters) + 1, n, seed, method).T, overrides, posterior)


def sample_block(parameters: Sequence[Parameter], n: int, seed: int, method: str, i: int,
                 overrides: Optional[Mapping[str, Override]] = None,
                 posterior: Optional[Mapping[str, np.ndarray]] = None) -> dict[str, np.ndarray]:
    """Rows i·BLOCK … of `sample(parameters, n, seed, method, overrides, posterior)`, drawn alone
    (the same numbers: what a worker draws for its block)."""
    return _scale(parameters, unit_block(len(parameters) + 1, n, seed, method, i), overrides, posterior)


def _scale(parameters: Sequence[Parameter], u: np.ndarray, overrides: Optional[Mapping[str, Override]],
           posterior: Optional[Mapping[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Unit draws u (dim, n), one row per parameter and one for the posterior row, to parameter values."""
    overrides = dict(overrides or {})
    n = u.shape[1]
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
        rows = None
        for name, values in posterior.items():
            if name in out and name not in overrides:
                values = np.asarray(values, dtype=np.float64)
                if rows is None:
                    rows = np.minimum((u[-1] * len(values)).astype(np.int64), len(values) - 1)
                out[name] = values[rows]
    return out
