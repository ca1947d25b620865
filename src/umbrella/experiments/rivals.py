"""Which parameters decide each disagreement between the seeds (`dynamics.rivals.RIVALRIES`).

For each rivalry, every draw of the declared parameter box (the prior: uniform LHS over the declared
ranges, so shares are shares of the uncertain space) runs A and B with the same draw; the side whose
direction the outcome B − A takes wins that draw. PRIM (`discovery.find_box`, quasi-p pruned) finds
the box of parameter space where each side wins. The tipping point of 002 §04 is measured the same
way: the share of draws where assurance is `peaked` over a sweep of nuclear salience (the claims
language's definition of `peaked`, `increasing`, `decreasing`; a test keeps the two equal).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Optional

import numpy as np

from umbrella.dynamics.rivals import RIVALRIES, Rivalry, Side
from umbrella.experiments.discovery import Box, find_box

SALIENCE_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)
TOLERANCE = 1e-9


@dataclass(frozen=True)
class SideResult:
    side: Side
    share: float                 # share of draws where B − A moves in this side's direction
    box: Optional[Box]           # where this side wins (None if it never does)

    def to_dict(self) -> dict:
        box = None if self.box is None else {k: v for k, v in self.box.to_dict().items() if k != "trajectory"}
        return {"seeds": list(self.side.seeds), "direction": self.side.direction, "argument": self.side.argument,
                "parameters": list(self.side.parameters), "share": self.share, "box": box}


@dataclass(frozen=True)
class RivalryResult:
    rivalry: Rivalry
    year: int
    mean_change: float
    sides: tuple[SideResult, SideResult]

    def to_dict(self) -> dict:
        r = self.rivalry
        return {"id": r.id, "title": r.title, "variable": r.variable, "actor": r.actor, "year": self.year,
                "mean_change": self.mean_change, "sides": [s.to_dict() for s in self.sides]}


@dataclass(frozen=True)
class TippingPoint:
    """Shape of KOR assurance over a sweep of nuclear salience, per draw."""
    grid: tuple[float, ...]
    year: int
    share_peaked: float
    share_increasing: float
    share_decreasing: float
    box: Optional[Box]           # where it is peaked

    def to_dict(self) -> dict:
        box = None if self.box is None else {k: v for k, v in self.box.to_dict().items() if k != "trajectory"}
        return {"variable": "assurance", "actor": "KOR", "lever": "nuclear_salience", "grid": list(self.grid),
                "year": self.year, "share_peaked": self.share_peaked, "share_increasing": self.share_increasing,
                "share_decreasing": self.share_decreasing, "box": box}


@dataclass(frozen=True)
class RivalStudy:
    samples: int
    seed: int
    scenario: str
    rivalries: tuple[RivalryResult, ...]
    tipping_point: TippingPoint
    parameters_from: str = "prior"

    def to_dict(self) -> dict:
        return {"samples": self.samples, "seed": self.seed, "scenario": self.scenario,
                "parameters_from": self.parameters_from,
                "rivalries": [r.to_dict() for r in self.rivalries], "tipping_point": self.tipping_point.to_dict()}


def shapes(Y: np.ndarray, tol: float = TOLERANCE) -> dict[str, np.ndarray]:
    """Per row of Y (one draw's response over a grid): `peaked` — the maximum is interior and above
    both ends; `increasing` / `decreasing` — never falls (rises) and ends higher (lower)."""
    d = np.diff(Y, axis=1)
    rises, falls = (d > tol).any(axis=1), (d < -tol).any(axis=1)
    total = Y[:, -1] - Y[:, 0]
    top, peak = Y.argmax(axis=1), Y.max(axis=1)
    return {"peaked": (top > 0) & (top < Y.shape[1] - 1) & (peak > Y[:, 0] + tol) & (peak > Y[:, -1] + tol),
            "increasing": ~falls & (total > tol), "decreasing": ~rises & (total < -tol)}


def _box(draws: dict[str, np.ndarray], wins: np.ndarray, boxes: bool = True) -> Optional[Box]:
    if not boxes or not wins.any():
        return None
    return find_box(draws, wins, threshold=0.8, prune=0.05)


def rival_study(scenario: Any, *, history: list, samples: int = 2000, seed: int = 1,
                posterior: Optional[dict[str, np.ndarray]] = None, boxes: bool = True) -> RivalStudy:
    """Shares and PRIM boxes (unless `boxes=False`) of each side of every rivalry, and the tipping-point
    share, over `samples` draws (`seed`) of the declared box (LHS), or of `posterior` (calibrated draws,
    taken without repetition) where given; each intervention laid on `scenario` (a `Scenario`) from its
    start; `history` is the evidence's lever and shock settings."""
    from umbrella.dynamics.parameters import PARAMETERS
    from umbrella.experiments.ensemble import run_ensemble
    from umbrella.experiments.sampling import sample

    base = scenario
    draws = sample(PARAMETERS, samples, seed, "lhs", posterior=posterior)
    year = base.end

    def outcome(settings, variable: str, actor: str) -> np.ndarray:
        levers = [dataclasses.replace(s, start=base.start) for s in settings]
        sc = dataclasses.replace(base, levers=list(base.levers) + levers)
        return run_ensemble(sc, draws=draws, history=history)[variable].sel(actor=actor, year=year).values

    results = []
    for rivalry in RIVALRIES:
        a = outcome(rivalry.base, rivalry.variable, rivalry.actor)
        b = outcome(rivalry.base + rivalry.change, rivalry.variable, rivalry.actor)
        delta = b - a
        sides = []
        for side in rivalry.sides:
            wins = delta > TOLERANCE if side.direction == "increase" else delta < -TOLERANCE
            sides.append(SideResult(side, float(wins.mean()), _box(draws, wins, boxes)))
        results.append(RivalryResult(rivalry, year, float(delta.mean()), tuple(sides)))

    from umbrella.dynamics.inputs import Setting
    Y = np.stack([outcome((Setting("lever", "nuclear_salience", v, base.start),), "assurance", "KOR")
                  for v in SALIENCE_GRID], axis=1)
    shape = shapes(Y)
    tipping = TippingPoint(SALIENCE_GRID, year, float(shape["peaked"].mean()), float(shape["increasing"].mean()),
                           float(shape["decreasing"].mean()), _box(draws, shape["peaked"], boxes))
    return RivalStudy(samples, seed, base.id, tuple(results), tipping, "posterior" if posterior else "prior")


def posterior_sides(posterior: dict[str, np.ndarray], samples: int, seed: int, history: list, scenario: Any) -> dict:
    """What the data say about each disagreement: the share of draws where each side wins (its
    posterior probability) under the posterior, next to its share of the prior box, with the same
    definition of "which side wins" and the same number of draws. `scenario` is a `Scenario`."""
    from umbrella.dynamics.parameters import PARAMETER_BY_NAME
    model = {k: v for k, v in posterior.items() if k in PARAMETER_BY_NAME}
    prior = rival_study(scenario, history=history, samples=samples, seed=seed, boxes=False)
    post = rival_study(scenario, history=history, samples=samples, seed=seed, posterior=model, boxes=False)
    rivalries = []
    for a, b in zip(prior.rivalries, post.rivalries):
        r = a.rivalry
        rivalries.append({
            "id": r.id, "title": r.title, "variable": r.variable, "actor": r.actor, "year": a.year,
            "mean_change_prior": a.mean_change, "mean_change_posterior": b.mean_change,
            "sides": [{"seeds": list(sa.side.seeds), "direction": sa.side.direction, "argument": sa.side.argument,
                       "parameters": list(sa.side.parameters), "share_prior": sa.share, "share_posterior": sb.share}
                      for sa, sb in zip(a.sides, b.sides)]})
    tp, tq = prior.tipping_point, post.tipping_point
    tipping = {"variable": "assurance", "actor": "KOR", "lever": "nuclear_salience", "grid": list(tp.grid),
               "year": tp.year, **{f"share_{k}_{w}": getattr(t, f"share_{k}")
                                   for k in ("peaked", "increasing", "decreasing")
                                   for w, t in (("prior", tp), ("posterior", tq))}}
    return {"samples": samples, "seed": seed, "scenario": scenario.id, "rivalries": rivalries,
            "tipping_point": tipping}
