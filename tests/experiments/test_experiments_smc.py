"""The tempering SMC sampler against closed forms: a linear-Gaussian problem whose posterior and
evidence are known analytically, and an irrelevant coordinate that must keep its uniform prior."""
from __future__ import annotations

import math

import numpy as np
from scipy.stats import kstest

from umbrella.experiments.smc import temper

RNG = np.random.default_rng(12)
D, K, SIGMA = 4, 12, 0.05
A = RNG.normal(size=(K, D))
TRUTH = np.array([0.35, 0.6, 0.45, 0.55])
Y = A @ TRUTH + SIGMA * RNG.normal(size=K)


def loglik(u: np.ndarray) -> np.ndarray:
    r = Y - u[:, :D] @ A.T
    return -0.5 * (r * r).sum(axis=1) / SIGMA ** 2 - K * math.log(SIGMA * math.sqrt(2 * math.pi))


def closed_form():
    precision = A.T @ A / SIGMA ** 2
    cov = np.linalg.inv(precision)
    mean = cov @ A.T @ Y / SIGMA ** 2
    r = Y - A @ mean
    log_z = (-0.5 * r @ r / SIGMA ** 2 - K * math.log(SIGMA * math.sqrt(2 * math.pi))
             + 0.5 * D * math.log(2 * math.pi) + 0.5 * np.linalg.slogdet(cov)[1])
    return mean, cov, log_z


def test_tempering_recovers_the_gaussian_posterior_and_evidence():
    mean, cov, log_z = closed_form()     # the posterior lies well inside the unit cube: truncation is negligible
    res = temper(loglik, D + 1, 4000, seed=5)
    draws = res.particles
    sd = np.sqrt(np.diag(cov))
    # posterior mean within a few Monte Carlo errors, sd within 15 %, correlations within 0.1
    assert np.all(np.abs(draws[:, :D].mean(axis=0) - mean) < 0.15 * sd + 4 * sd / math.sqrt(4000))
    np.testing.assert_allclose(draws[:, :D].std(axis=0), sd, rtol=0.15)
    np.testing.assert_allclose(np.corrcoef(draws[:, :D], rowvar=False), cov / np.outer(sd, sd), atol=0.1)
    assert abs(res.log_evidence - log_z) < 0.3
    # the planted truth is inside the central 99 % of every coordinate
    lo, hi = np.quantile(draws[:, :D], [0.005, 0.995], axis=0)
    assert np.all((lo < TRUTH) & (TRUTH < hi))
    # the irrelevant last coordinate keeps its uniform prior
    assert kstest(draws[:, D], "uniform").pvalue > 1e-3
    d = res.diagnostics()
    assert d["stages"] >= 3 and d["schedule"][-1]["beta"] == 1.0
    assert d["distinct"] > 0.95 * 4000


def test_same_seed_same_particles():
    a = temper(loglik, D + 1, 300, seed=2)
    b = temper(loglik, D + 1, 300, seed=2)
    np.testing.assert_array_equal(a.particles, b.particles)
    c = temper(loglik, D + 1, 300, seed=3)
    assert not np.array_equal(a.particles, c.particles)
