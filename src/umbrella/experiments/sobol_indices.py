"""First-order and total Sobol' indices with bootstrap confidence intervals: SALib's estimators
(`SALib.analyze.sobol.analyze` without second order), the same numbers, computed without its repeats.

SALib's loop over the D parameters gathers A[r] and B[r] (N × resamples each) and recomputes the
variance of their concatenation four times per parameter, although none of it depends on the
parameter: at D = 116, N = 1024 and 200 resamples that is about a second, as long as the model runs
of the whole study. Here they are computed once; per parameter only AB_j[r] is gathered. Every
array reduced is the array SALib reduces, in the same shape and order, so the indices are the same
bits (tests/experiments/test_experiments_sobol_indices.py compares with SALib itself).
"""
from __future__ import annotations

import warnings

import numpy as np


def analyze(Y: np.ndarray, D: int, conf_level: float, num_resamples: int, seed) -> dict[str, np.ndarray]:
    """{"S1", "S1_conf", "ST", "ST_conf"} (each (D,)) of the outputs `Y` of a Saltelli design without
    second order (rows A, AB_1 … AB_D, B per base point), as `SALib.analyze.sobol.analyze(problem, Y,
    calc_second_order=False, conf_level=conf_level, num_resamples=num_resamples, seed=seed)`."""
    from scipy.stats import norm
    Y = np.asarray(Y, dtype=np.float64)
    if Y.size % (D + 2):
        raise ValueError(f"{Y.size} outputs are not a whole number of Saltelli rows of {D + 2}")
    if not 0 < conf_level < 1:
        raise ValueError("the confidence level must be between 0 and 1")
    N = Y.size // (D + 2)
    rng = np.random.default_rng(seed).integers if seed else np.random.randint
    Y = (Y - Y.mean()) / Y.std()
    step = D + 2
    A, B = Y[0:Y.size:step], Y[step - 1:Y.size:step]
    AB = np.zeros((N, D))
    for j in range(D):
        AB[:, j] = Y[j + 1:Y.size:step]
    r = rng(N, size=(N, num_resamples))
    Z = norm.ppf(0.5 + conf_level / 2)
    Ar, Br = A[r], B[r]
    var, var_r = _variance(np.r_[A, B]), _variance(np.r_[Ar, Br])
    spread = np.ptp(np.r_[Ar, Br])
    S = {k: np.zeros(D) for k in ("S1", "S1_conf", "ST", "ST_conf")}
    columns = np.ascontiguousarray(AB.T)         # gathers from a contiguous column are the fast ones
    for j in range(D):
        ABr = columns[j][r]
        S["S1"][j] = _ratio(np.mean(B * (AB[:, j] - A), axis=0), var)
        S["ST"][j] = _ratio(0.5 * np.mean((A - AB[:, j]) ** 2, axis=0), var)
        if spread != 0.0:
            S["S1_conf"][j] = Z * _ratio(np.mean(Br * (ABr - Ar), axis=0), var_r).std(ddof=1)
            S["ST_conf"][j] = Z * _ratio(0.5 * np.mean((Ar - ABr) ** 2, axis=0), var_r).std(ddof=1)
    return S


def _variance(y: np.ndarray):
    """The estimators' denominator, or None where the outputs are constant (SALib: indices 0, a warning)."""
    if np.ptp(y) <= np.finfo(float).eps:
        warnings.warn("Constant values encountered, indicating model evaluations (or subset of evaluations) "
                      "produced identical values.", stacklevel=3)
        return None
    return np.var(y, axis=0)


def _ratio(numerator, variance):
    if variance is None:
        return np.zeros(np.shape(numerator), dtype=np.float64)
    return np.divide(numerator, variance, out=np.zeros_like(variance, dtype=np.float64),
                     where=variance > np.finfo(float).eps)
