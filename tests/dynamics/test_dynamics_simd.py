"""`simd.vexp`, the exp the compiled kernel vectorises, against the C library's `math.exp` (an
independent implementation): within 2 units in the last place over the whole finite range, the IEEE
special cases exact, and the same bits in a vectorised loop as in scalar code."""
from __future__ import annotations

import math

import numpy as np
import pytest

numba = pytest.importorskip("numba", reason="the kernel needs numba: pip install -e '.[fast]'")

from umbrella.dynamics.simd import OVERFLOW, UNDERFLOW, vexp  # noqa: E402


@numba.njit
def _loop(x, out):
    for i in range(x.shape[0]):
        out[i] = vexp(x[i])


@numba.njit
def _one(x):
    return vexp(x)


def _points() -> np.ndarray:
    rng = np.random.default_rng(2026)
    return np.concatenate([rng.uniform(UNDERFLOW, OVERFLOW, 200_000), rng.uniform(-40.0, 40.0, 200_000),
                           rng.normal(0.0, 1e-3, 10_000), np.linspace(-745.0, 709.7, 10_001)])


def test_vexp_is_within_two_ulp_of_libm_exp():
    x = _points()
    got = np.empty_like(x)
    _loop(x, got)
    want = np.array([math.exp(v) for v in x])
    normal = want >= np.finfo(np.float64).tiny
    ulp = np.spacing(want[normal])
    assert np.max(np.abs(got[normal] - want[normal]) / ulp) <= 2.0
    # subnormal results: absolute error within two of the smallest subnormal step
    assert np.max(np.abs(got[~normal] - want[~normal])) <= 2 * 5e-324


def test_vexp_special_values():
    x = np.array([0.0, -0.0, 1.0, -1.0, OVERFLOW, 709.79, 1000.0, np.inf, -745.13, -745.14, -1000.0, -np.inf, np.nan])
    got = np.empty_like(x)
    _loop(x, got)
    want = np.array([math.exp(v) if v < 709.79 else math.inf for v in x[:-1]] + [math.nan])
    assert np.array_equal(got, want, equal_nan=True)
    assert got[0] == 1.0 and got[2] == math.e


def test_vexp_has_the_same_bits_in_a_vector_loop_as_alone():
    x = _points()[::37]
    got = np.empty_like(x)
    _loop(x, got)
    assert all(_one(float(v)) == g for v, g in zip(x, got))
