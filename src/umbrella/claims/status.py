"""From an `Outcome` to a status: one rule for every check kind.

`holds` if the claim holds at ≥ 95% of the points looked at, `fails` if at ≤ 5%, otherwise
`conditional`, with `fails_when` the PRIM box (scenario discovery over the parameter draws) where
the failures concentrate: the box of largest coverage in which at least 90% of the points fail. A deterministic check (one point) gives share 1.0 or 0.0.
Combinators: over the same draws (`space`), `all`/`any` combine point by point; over different
spaces (say a game's box and the regional model's), the share of `all` is the smallest child
share and of `any` the largest, and the failure box is that child's.
"""
from __future__ import annotations

from typing import Any, Optional

import numpy as np

from umbrella.claims.evaluate import Outcome

HOLDS_AT = 0.95
FAILS_AT = 0.05
BOX_DENSITY = 0.9     # at least 90% of the points inside a failure box fail
DENSITY_SLACK = 0.03  # restrictions whose removal costs less than this much density are dropped


def combine(kind: str, children: list[Outcome]) -> Outcome:
    spaces = {c.space for c in children if c.space != "deterministic"}
    detail = " | ".join(c.detail for c in children)
    if len(spaces) <= 1:
        sized = [c for c in children if c.space != "deterministic"]
        n = len(sized[0].holds) if sized else 1
        stack = np.stack([np.broadcast_to(c.holds, (n,)) for c in children])
        holds = stack.all(axis=0) if kind == "all" else stack.any(axis=0)
        X = sized[0].X if sized else None
        return Outcome(holds, X, sized[0].space if sized else "deterministic", detail, kind, tuple(children))
    pick = min if kind == "all" else max
    chosen = pick(children, key=lambda c: c.share)
    return Outcome(chosen.holds, chosen.X, chosen.space, detail, kind, tuple(children))


def classify(outcome: Outcome, box: bool = True) -> dict[str, Any]:
    """Status and share of an outcome, with the failure box of a conditional one (`box`: search for
    it; a pass that keeps only the status and share skips the search)."""
    share = outcome.share
    if share >= HOLDS_AT:
        status = "holds"
    elif share <= FAILS_AT:
        status = "fails"
    else:
        status = "conditional"
    fails_when = failure_box(outcome) if box and status == "conditional" else None
    return {"status": status, "share_holds": round(share, 6), "fails_when": fails_when,
            "n_points": int(outcome.holds.size)}


def failure_box(outcome: Outcome) -> Optional[dict[str, list[float]]]:
    """The PRIM box over the parameter draws where the claim fails (restricted dimensions only)."""
    if outcome.X is None:
        return None
    from umbrella.experiments.discovery import find_box
    X = {k: np.asarray(v, dtype=float) for k, v in outcome.X.items()
         if np.ptp(np.asarray(v, dtype=float)) > 0}
    if not X:
        return None
    fails = ~outcome.holds
    box = find_box(X, fails, threshold=BOX_DENSITY)
    limits = simplify(X, fails, dict(box.limits), _density(X, fails, box.limits) - DENSITY_SLACK)
    return {name: [_round(lo), _round(hi)] for name, (lo, hi) in sorted(limits.items())}


def _density(X: dict[str, np.ndarray], y: np.ndarray, limits: dict) -> float:
    inside = np.ones(len(y), dtype=bool)
    for name, (lo, hi) in limits.items():
        inside &= (X[name] >= lo) & (X[name] <= hi)
    return float(y[inside].mean()) if inside.any() else 0.0


def simplify(X: dict[str, np.ndarray], y: np.ndarray, limits: dict, density: float) -> dict:
    """Drop restrictions that do not matter: PRIM over many parameters trims many of them a little.
    Best first, the restriction whose removal costs least density is dropped while the box keeps at
    least `density` (PRIM's density less DENSITY_SLACK) — the idea of ema_workbench's dropping of
    restrictions after peeling, which keeps boxes readable and less over-fitted."""
    while limits:
        trials = {name: _density(X, y, {k: v for k, v in limits.items() if k != name}) for name in limits}
        name = max(sorted(trials), key=lambda k: trials[k])
        if trials[name] < density:
            break
        limits = {k: v for k, v in limits.items() if k != name}
    return limits


def _round(value: float) -> float:
    return float(f"{float(value):.4g}")
