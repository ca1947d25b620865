"""Strategic-choice estimation: a game's free payoffs fitted to coded cases by logit agent-QRE
maximum likelihood (Signorino 1999, 2003; Kenkel & Signorino 2014's R package `games`).

Each case fixes the game's covariates (for `deployment-bargaining`: `alt`, `multilateral`) and
records what was observed — an outcome category that may cover several terminals (seed 004's coding
calls a case `concede` whether the patron conceded at once or after persuasion or pressure failed).
Its likelihood is the agent QRE's probability of reaching one of those terminals (`qre.agent_qre`),
with the precision λ and the free payoffs as parameters and every other payoff fixed at its declared
default. The fit maximises the summed log-likelihood within bounds (scipy L-BFGS-B from several
deterministic starts); standard errors come from the inverse of a central-difference Hessian of the
negative log-likelihood at the optimum, for estimates off their bounds (null, with the reason, where
an estimate sits on a bound — `note: on_bound`, the likelihood still rises towards the edge of the
declared range — or the Hessian is not positive definite — `note: not_identified`).
Leave-one-case-out: each case's log-probability under the fit to all the others, summed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional

import numpy as np
from scipy.optimize import minimize

from umbrella.errors import REQUEST, InputError, Problem
from umbrella.games.core import Game
from umbrella.games.qre import agent_qre

PRECISION = "precision"
FLOOR = 1e-300  # probabilities below this are treated as this (log-likelihood stays finite)


@dataclass(frozen=True)
class Free:
    """A parameter the fit estimates, with its bounds and starting values (λ is `precision`)."""
    name: str
    low: float
    high: float
    starts: tuple[float, ...]


@dataclass(frozen=True)
class Observation:
    case: str
    covariates: Mapping[str, float]
    observed: str                 # the coded category (e.g. "concede")
    outcomes: frozenset[str]      # the game's terminals that category covers


@dataclass(frozen=True)
class Spec:
    """What is estimated for a game and how its cases are read."""
    free: tuple[Free, ...]
    categories: Mapping[str, frozenset[str]]   # observed category -> terminal outcome labels
    precision: Optional[float] = None          # fixed λ (None: λ is estimated, listed in `free`)


@dataclass
class Fit:
    names: list[str]
    values: np.ndarray
    std_errors: list[Optional[float]]
    notes: dict[str, str]
    loglik: float
    converged: bool
    hessian_eigenvalues: list[float] = field(default_factory=list)


def _point(game: Game, spec: Spec, theta: np.ndarray, covariates: Mapping[str, float]) -> tuple[dict, float]:
    params = dict(game.defaults())
    params.update(covariates)
    precision = spec.precision
    for f, v in zip(spec.free, theta):
        if f.name == PRECISION:
            precision = float(v)
        else:
            params[f.name] = float(v)
    return params, precision


def category_probabilities(game: Game, spec: Spec, theta, covariates: Mapping[str, float]) -> dict[str, float]:
    """The agent QRE's probability of each observed category at these parameters and covariates."""
    params, precision = _point(game, spec, np.asarray(theta, dtype=float), covariates)
    reached = agent_qre(game.build(params), [p.name for p in game.players], precision).outcomes
    return {cat: sum(reached.get(o, 0.0) for o in outcomes) for cat, outcomes in spec.categories.items()}


def log_likelihood(game: Game, spec: Spec, theta, observations: Iterable[Observation]) -> float:
    total = 0.0
    cache: dict[tuple, dict[str, float]] = {}
    for obs in observations:
        key = tuple(sorted(obs.covariates.items()))
        if key not in cache:
            cache[key] = category_probabilities(game, spec, theta, obs.covariates)
        total += math.log(max(cache[key][obs.observed], FLOOR))
    return total


def _hessian(f, x: np.ndarray, steps: np.ndarray) -> np.ndarray:
    n = len(x)
    h = np.empty((n, n))
    for i in range(n):
        for j in range(i, n):
            ei, ej = np.zeros(n), np.zeros(n)
            ei[i], ej[j] = steps[i], steps[j]
            h[i, j] = h[j, i] = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (
                4 * steps[i] * steps[j])
    return h


def fit(game: Game, spec: Spec, observations: list[Observation], start: Optional[np.ndarray] = None) -> Fit:
    """Maximum likelihood within the bounds: the best of the spec's deterministic starts, or, given
    `start`, a climb from there (leave-one-out refits start from the full-sample optimum)."""
    names = [f.name for f in spec.free]
    bounds = [(f.low, f.high) for f in spec.free]

    def negative(theta):
        return -log_likelihood(game, spec, theta, observations)
    starts = ([np.asarray(start, dtype=float)] if start is not None
              else [np.array(s, dtype=float) for s in zip(*(f.starts for f in spec.free))])
    best = None
    for s in starts:
        res = minimize(negative, s, method="L-BFGS-B", bounds=bounds, options={"ftol": 1e-14, "gtol": 1e-10,
                                                                              "maxiter": 2000})
        if best is None or res.fun < best.fun - 1e-12:
            best = res
    theta = np.array(best.x)
    lows, highs = np.array([b[0] for b in bounds]), np.array([b[1] for b in bounds])
    span = highs - lows
    on_bound = (theta - lows < 1e-6 * span) | (highs - theta < 1e-6 * span)
    notes = {n: "on_bound" for n, b in zip(names, on_bound) if b}
    errors: list[Optional[float]] = [None] * len(names)
    interior = np.flatnonzero(~on_bound)
    eigenvalues: list[float] = []
    if len(interior):
        def sub(x):
            full = theta.copy()
            full[interior] = x
            return negative(full)
        steps = np.maximum(1e-4 * np.abs(theta[interior]), 1e-5)
        hess = _hessian(sub, theta[interior], steps)
        eigenvalues = [float(e) for e in np.linalg.eigvalsh(hess)]
        if min(eigenvalues) > 1e-8 * max(1.0, max(eigenvalues)):
            cov = np.linalg.inv(hess)
            for k, i in enumerate(interior):
                errors[i] = float(math.sqrt(cov[k, k]))
        else:
            for i in interior:
                notes[names[i]] = "not_identified"
    return Fit(names=names, values=theta, std_errors=errors, notes=notes, loglik=-float(best.fun),
               converged=bool(best.success), hessian_eigenvalues=eigenvalues)


def leave_one_out(game: Game, spec: Spec, observations: list[Observation], full: Fit) -> list[float]:
    """Each case's log-probability under the fit to every other case."""
    out = []
    for i, obs in enumerate(observations):
        rest = observations[:i] + observations[i + 1:]
        theta = fit(game, spec, rest, start=full.values).values
        out.append(log_likelihood(game, spec, theta, [obs]))
    return out


# ---- deployment-bargaining and the coded dispute cases ------------------------------------------

#: 004's coding (SYSTEM.md §3.3): a case is `concede` when the deployment was reduced without a coded
#: punishment — at once, or after persuasion or pressure failed; `concede_punish` when it was reduced
#: and the patron punished; `persuade` / `pressure` when the host accepted / complied.
DEPLOYMENT_CATEGORIES = {
    "concede": frozenset({"concede", "persuasion_fails", "pressure_fails"}),
    "concede_punish": frozenset({"concede_punish"}),
    "persuade": frozenset({"persuade"}),
    "pressure": frozenset({"pressure"}),
}

#: With the two coded covariates the 18 closed cases fall into four cells, so the data carry at most
#: one share per cell besides the precision. One free payoff per cell's contrast, the rest fixed at
#: the documented defaults (v = 10 normalises the utility scale; λ is the precision on that scale):
#: c_alt (concede vs persuade where an alternative exists), cohesion_premium (persuade vs pressure in
#: NATO without an alternative), demo_hub (punish or not in hub-and-spoke with an alternative).
DEPLOYMENT_SPEC = Spec(
    free=(Free(PRECISION, 0.01, 20.0, (1.0, 0.3, 3.0)),
          Free("c_alt", 0.0, 10.0, (5.0, 2.0, 8.0)),
          Free("cohesion_premium", 0.0, 15.0, (8.0, 4.0, 12.0)),
          Free("demo_hub", 0.0, 6.0, (3.0, 1.0, 5.0))),
    categories=DEPLOYMENT_CATEGORIES,
)

SPECS: dict[str, Spec] = {"deployment-bargaining": DEPLOYMENT_SPEC}


def dispute_observations(disputes: Iterable[Any]) -> list[Observation]:
    """The closed dispute cases with a determined observed strategy, as observations of
    deployment-bargaining (covariates: the derived `alt` and the coded structure)."""
    out = []
    for d in sorted(disputes, key=lambda d: d.id):
        strategy = d.derived_strategy
        if strategy not in DEPLOYMENT_CATEGORIES:  # open (None) or undetermined
            continue
        out.append(Observation(case=d.id, covariates={"alt": float(d.alt), "multilateral": float(d.multilateral)},
                               observed=strategy, outcomes=DEPLOYMENT_CATEGORIES[strategy]))
    return out


def spec_for(game: Game) -> Spec:
    """The estimation spec of a game; games without coded cases raise `InputError`."""
    if game.id not in SPECS:
        raise InputError([Problem(REQUEST, 0, "game", f"game {game.id!r} has no coded cases to estimate from "
                                  f"(estimable: {', '.join(SPECS)})")])
    return SPECS[game.id]


def estimate(game: Game, observations: list[Observation], spec: Optional[Spec] = None) -> dict:
    """The `game estimate` document: estimates with standard errors, the log-likelihood, the
    leave-one-case-out log-likelihood and, per case, the fitted probability of what was observed."""
    spec = spec or spec_for(game)
    if len(observations) < 2:
        raise InputError([Problem(REQUEST, 0, "data", f"{len(observations)} closed case(s) with an observed "
                                  "strategy: too few to estimate")])
    result = fit(game, spec, observations)
    loo = leave_one_out(game, spec, observations, result)
    cases = []
    for obs, held_out in zip(observations, loo):
        probs = category_probabilities(game, spec, result.values, obs.covariates)
        cases.append({"id": obs.case, "covariates": dict(obs.covariates), "observed": obs.observed,
                      "probability": probs[obs.observed], "probabilities": probs,
                      "loo_probability": math.exp(held_out)})
    fixed = {k: v for k, v in game.defaults().items()
             if k not in result.names and k not in {c for o in observations for c in o.covariates}}
    # reference: every category equally likely, whatever the case
    uniform = len(observations) * math.log(1 / len(spec.categories))
    return {"game": game.id, "method": "logit agent-QRE maximum likelihood",
            "estimates": [{"name": n, "value": float(v), "std_error": e, **({"note": result.notes[n]}
                                                                             if n in result.notes else {})}
                          for n, v, e in zip(result.names, result.values, result.std_errors)],
            "loglik": result.loglik, "loglik_loo": float(sum(loo)), "loglik_uniform": uniform,
            "n_cases": len(observations),
            "converged": result.converged, "hessian_eigenvalues": result.hessian_eigenvalues,
            "fixed": fixed, "cases": cases}
