"""Sequential Monte Carlo with adaptive likelihood tempering, vectorised over particles.

Target: π(u) ∝ L(u) on the unit cube [0, 1]^D with a uniform prior (every parameter is a transform of
one coordinate). The sampler moves N particles from the prior (β = 0) to the posterior (β = 1) through
π_β ∝ L^β (Del Moral, Doucet & Jasra 2006; Chopin 2002):

1. Draw N particles from the prior; evaluate log L for all of them in ONE call.
2. Choose the next β by bisection so that the effective sample size of the incremental weights
   L^(β'−β) is `ess_target`·N (Jasra et al. 2011); accumulate log Z (the evidence) on the way.
3. Resample (systematic) and move every particle by random-walk Metropolis on z = logit(u) with the
   particles' covariance scaled by c (Roberts & Rosenthal 2001: 2.38/√D, then adapted towards an
   acceptance rate of about 0.25), for as many steps as make 99 % of the particles move at least once
   at the observed acceptance rate (Drovandi & Pettitt 2011), between `min_moves` and `max_moves`.
   Every step evaluates log L for all N proposals in one call.
4. Repeat until β = 1; the last stage's moves are at β = 1 (the final MCMC move), so the equally
   weighted particles are draws of the posterior.

Diagnostics per stage: β, the ESS before resampling, acceptance rate, number of moves, proposal
scale; and overall the log evidence, the number of likelihood evaluations and of distinct particles.
Every random number comes from one `numpy.random.Generator(SeedSequence(seed))` drawn whole-array,
so the result does not depend on how the likelihood chunks its work.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Optional

import numpy as np
from scipy.special import expit, logsumexp

EPS = 1e-12


@dataclass
class Stage:
    beta: float
    ess: float                  # effective sample size of the incremental weights, before resampling
    acceptance: float           # Metropolis acceptance rate of this stage's moves
    moves: int
    scale: float


@dataclass
class SMCResult:
    particles: np.ndarray       # (N, D) in the unit cube, equally weighted draws of the posterior
    log_likelihood: np.ndarray  # (N,)
    log_evidence: float
    evaluations: int
    stages: list[Stage] = field(default_factory=list)

    @property
    def distinct(self) -> int:
        return int(np.unique(self.particles, axis=0).shape[0])

    def diagnostics(self) -> dict:
        return {"particles": int(self.particles.shape[0]), "distinct": self.distinct,
                "log_evidence": self.log_evidence, "evaluations": self.evaluations, "stages": len(self.stages),
                "schedule": [{"beta": s.beta, "ess": s.ess, "acceptance": s.acceptance, "moves": s.moves,
                              "scale": s.scale} for s in self.stages]}


def _ess(log_w: np.ndarray) -> float:
    w = np.exp(log_w - log_w.max())
    return float(w.sum() ** 2 / (w * w).sum())


def _next_beta(beta: float, ll: np.ndarray, target: float) -> float:
    """The largest β' ≤ 1 whose incremental weights keep ESS ≥ target (bisection)."""
    if _ess((1.0 - beta) * ll) >= target:
        return 1.0
    lo, hi = beta, 1.0
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if _ess((mid - beta) * ll) >= target:
            lo = mid
        else:
            hi = mid
    return max(lo, beta + 1e-9)


def _systematic(rng: np.random.Generator, log_w: np.ndarray) -> np.ndarray:
    w = np.exp(log_w - logsumexp(log_w))
    positions = (rng.random() + np.arange(len(w))) / len(w)
    return np.minimum(np.searchsorted(np.cumsum(w), positions), len(w) - 1)


def _log_prior_z(z: np.ndarray) -> np.ndarray:
    """Log density of z = logit(u) for u uniform: log u + log(1 − u), summed over coordinates."""
    return -(np.logaddexp(0.0, z) + np.logaddexp(0.0, -z)).sum(axis=1)


def _to_z(u: np.ndarray) -> np.ndarray:
    u = np.clip(u, EPS, 1.0 - EPS)
    return np.log(u) - np.log1p(-u)


def temper(log_likelihood: Callable[[np.ndarray], np.ndarray], dim: int, n: int, seed: int, *,
           ess_target: float = 0.5, min_moves: int = 2, max_moves: int = 30, start: Optional[np.ndarray] = None,
           progress: Optional[Callable[[float, int], None]] = None) -> SMCResult:
    """Adaptive-tempering SMC. `log_likelihood(u)` takes (m, dim) points of the unit cube and returns
    (m,) log-likelihoods (−inf allowed). `start` replaces the prior draws (tests). `progress(beta,
    evaluations)` is called after each stage."""
    if n < 2 or dim < 1:
        raise ValueError("temper needs at least 2 particles and 1 dimension")
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    u = rng.random((n, dim)) if start is None else np.array(start, dtype=np.float64)

    def evaluate(points: np.ndarray) -> np.ndarray:
        ll = np.asarray(log_likelihood(points), dtype=np.float64)
        return np.where(np.isfinite(ll), ll, -np.inf)

    ll = evaluate(u)
    evaluations = n
    beta, log_z, stages = 0.0, 0.0, []
    scale = 2.38 / math.sqrt(dim)
    while beta < 1.0:
        finite = np.isfinite(ll)
        if not finite.any():
            raise ValueError("the likelihood is zero for every particle")
        safe = np.where(finite, ll, -np.inf)
        new_beta = _next_beta(beta, np.where(finite, ll, -1e300), ess_target * n)
        log_w = (new_beta - beta) * safe
        log_z += float(logsumexp(log_w) - math.log(n))
        ess = _ess(log_w)
        index = _systematic(rng, log_w)
        u, ll = u[index].copy(), ll[index].copy()
        beta = new_beta

        # Metropolis moves on z = logit(u), target beta·log L + log prior(z)
        z = _to_z(u)
        cov = np.cov(z, rowvar=False).reshape(dim, dim) + 1e-9 * np.eye(dim)
        chol = np.linalg.cholesky(cov)
        log_target = beta * ll + _log_prior_z(z)
        moves, accepted, tried = 0, 0, 0
        wanted = min_moves
        while moves < wanted:
            proposal = z + scale * rng.standard_normal((n, dim)) @ chol.T
            proposal_u = expit(proposal)
            proposal_ll = evaluate(proposal_u)
            evaluations += n
            proposal_target = beta * np.where(np.isfinite(proposal_ll), proposal_ll, -np.inf) + _log_prior_z(proposal)
            accept = np.log(rng.random(n)) < proposal_target - log_target
            z[accept], u[accept] = proposal[accept], proposal_u[accept]
            ll[accept], log_target[accept] = proposal_ll[accept], proposal_target[accept]
            moves += 1
            accepted += int(accept.sum())
            tried += n
            rate = accepted / tried
            wanted = min(max_moves, max(min_moves, math.ceil(math.log(0.01) / math.log(max(1.0 - rate, 1e-3)))))
        stages.append(Stage(beta, ess, accepted / tried, moves, scale))
        # adapt the proposal scale towards an acceptance rate of about 0.25 for the next stage
        scale *= math.exp(accepted / tried - 0.25) if 0.15 < accepted / tried < 0.4 else (
            0.6 if accepted / tried <= 0.15 else 1.5)
        if progress is not None:
            progress(beta, evaluations)
    order = rng.permutation(n)            # resampling keeps copies together: any prefix is a random subset
    return SMCResult(u[order], ll[order], log_z, evaluations, stages)
