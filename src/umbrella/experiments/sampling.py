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
    (calibrated draws, `{name: array (m,)}`) replaces the prior of the parameters it holds: each
    sample takes row floor(u * m) of the posterior, u being one more column of unit draws.
    """
    overrides = dict(overrides or {})
    u = unit_draws(len(parameters) + 1, n, seed, method).T    # (dim, n), contiguous: one row per parameter
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
