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
POSTERIOR_STREAM = 2 ** 31 - 1     # spawn key of the stream that picks posterior rows (no block uses it)
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
    (calibrated draws, `{name: array (m,)}`) replaces the prior of the parameters it holds: the n
    samples are n different rows of the posterior (`posterior_rows`), never one row twice.
    """
    rows = None if not posterior else posterior_rows(len(next(iter(posterior.values()))), n, seed)
    return _scale(parameters, unit_draws(len(parameters), n, seed, method).T, overrides, posterior, rows)


def sample_block(parameters: Sequence[Parameter], n: int, seed: int, method: str, i: int,
                 overrides: Optional[Mapping[str, Override]] = None,
                 posterior: Optional[Mapping[str, np.ndarray]] = None,
                 rows: Optional[np.ndarray] = None) -> dict[str, np.ndarray]:
    """Rows i·BLOCK … of `sample(parameters, n, seed, method, overrides, posterior)`, drawn alone
    (the same numbers: what a worker draws for its block). `rows`: the posterior rows of this block
    (default: its share of `posterior_rows`); a task that carries only its block's rows passes them."""
    if posterior and rows is None:
        rows = posterior_rows(len(next(iter(posterior.values()))), n, seed)[i * BLOCK:(i + 1) * BLOCK]
    return _scale(parameters, unit_block(len(parameters), n, seed, method, i), overrides, posterior, rows)


def _scale(parameters: Sequence[Parameter], u: np.ndarray, overrides: Optional[Mapping[str, Override]],
           posterior: Optional[Mapping[str, np.ndarray]], rows: Optional[np.ndarray]) -> dict[str, np.ndarray]:
    """Unit draws u (dim, n), one row per parameter, to parameter values; the parameters `posterior`
    holds take its `rows` instead."""
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
    """How many different parameter vectors `params` (name → (n,) arrays) holds (byte-equal rows are
    one draw).

    Each row's bytes are hashed (FNV-1a over its 64-bit words, vectorised over the rows); rows that
    share a hash are then compared word by word, and a true collision (odds about n²/2⁶⁴) falls back to
    sorting the rows themselves."""
    columns = [np.ascontiguousarray(v, dtype=np.float64).view(np.uint64) for v in params.values()]
    n = len(columns[0]) if columns else 0
    if n == 0:
        return 0
    h = np.full(n, 0xCBF29CE484222325, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for words in columns:
            h ^= words
            h *= np.uint64(0x100000001B3)
    order = np.argsort(h, kind="stable")
    ranked = h[order]
    same = ranked[1:] == ranked[:-1]
    left, right = order[:-1][same], order[1:][same]
    if all(np.array_equal(words[left], words[right]) for words in columns):
        return int(n - same.sum())
    matrix = np.ascontiguousarray(np.stack(columns, axis=1))
    return int(np.unique(matrix.view(np.dtype((np.void, 8 * len(columns)))).ravel()).size)
