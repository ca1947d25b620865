"""Scenario discovery: PRIM (Friedman & Fisher 1999) over numpy arrays.

Given the parameter draws of an ensemble and a yes/no outcome per draw (e.g. "ROK proliferation
probability by 2035 exceeds 20%"), PRIM finds an axis-aligned box in parameter space where the
outcome is concentrated. The algorithm follows the scenario-discovery practice of Bryant &
Lempert (2010) as implemented in ema_workbench's `prim` (the `lenient1` objective, the sdtoolkit
quantile, peeling then pasting), so the two give the same trajectory on the same data:

* peeling: at each step, for every parameter, try removing the `peel_alpha` share of the points in
  the box below the lower or above the upper quantile; keep the candidate with the largest gain in
  density per point removed (ties: the candidate restricting the fewest parameters, then the
  earliest); stop when the gain is not positive or the box mass would fall below `mass_min`;
* pasting: from the last peeled box, try widening each restricted limit to take in the
  `paste_alpha` share of the points just outside it; accept while density and mass both grow.

`find_box` returns the whole peeling-and-pasting trajectory and selects, by default, the box with
the highest coverage among those whose density reaches `threshold` (the densest box if none does).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from umbrella.errors import InputError, Problem, request_problem
from umbrella.progress import Progress


@dataclass(frozen=True)
class TrajectoryPoint:
    """One box on the peeling-and-pasting trajectory."""
    step: int
    phase: str                      # "init" | "peel" | "paste"
    coverage: float                 # cases of interest inside ÷ all cases of interest
    density: float                  # cases of interest inside ÷ points inside
    mass: float                     # points inside ÷ all points
    n: int                          # points inside
    restricted: tuple[str, ...]     # parameters whose limits are tighter than the data range
    limits: dict[str, tuple[float, float]]   # every parameter's (low, high)

    def to_dict(self) -> dict:
        return {"step": self.step, "phase": self.phase, "coverage": self.coverage, "density": self.density,
                "mass": self.mass, "n": self.n, "restricted": list(self.restricted),
                "limits": {k: list(self.limits[k]) for k in self.restricted}}


@dataclass(frozen=True)
class Box:
    """The selected PRIM box, with the trajectory it was chosen from."""
    limits: dict[str, tuple[float, float]]   # restricted parameters only
    coverage: float
    density: float
    mass: float
    n: int
    n_points: int
    n_cases: int                # cases of interest in the whole data set
    threshold: float
    selected: int               # index into `trajectory`
    trajectory: list[TrajectoryPoint] = field(repr=False)
    quasi_p: dict[str, dict[str, Optional[float]]] = field(default_factory=dict)   # per limit, Bryant & Lempert
    dropped: tuple[str, ...] = ()   # limits removed by pruning ("name.low" / "name.high")

    def contains(self, X: dict[str, np.ndarray]) -> np.ndarray:
        """Boolean mask of the points of X inside the box."""
        n = len(next(iter(X.values())))
        mask = np.ones(n, dtype=bool)
        for name, (low, high) in self.limits.items():
            x = np.asarray(X[name], dtype=float)
            mask &= (x >= low) & (x <= high)
        return mask

    def to_dict(self) -> dict:
        return {"coverage": self.coverage, "density": self.density, "mass": self.mass, "n": self.n,
                "n_points": self.n_points, "n_cases": self.n_cases, "base_rate": self.n_cases / self.n_points,
                "threshold": self.threshold, "meets_threshold": self.density >= self.threshold,
                "selected": self.selected,
                "limits": {k: {"low": lo, "high": hi} for k, (lo, hi) in self.limits.items()},
                "quasi_p": self.quasi_p, "dropped": list(self.dropped),
                "trajectory": [p.to_dict() for p in self.trajectory]}


def sdtoolkit_quantile(values: np.ndarray, q: float) -> float:
    """The quantile of sdtoolkit/ema_workbench: the midpoint between the order statistic at
    (n-1)·q and the next distinct value (moving outwards through ties), so a peel never cuts
    through tied values."""
    data = np.sort(values)
    pos = (len(data) - 1) * q
    lo, hi = int(math.floor(pos)), int(math.ceil(pos))
    if q > 0.5:
        while data[lo] == data[hi] and lo > 0:
            lo -= 1
    else:
        while data[lo] == data[hi] and hi < len(data) - 1:
            hi += 1
    return float((data[lo] + data[hi]) / 2)


def _gain(k_old: int, n_old: int, k_new: int, n_new: int) -> float:
    """ema_workbench's `lenient1` objective: change of density per point added or removed, from a box's
    cases `k` among its `n` points before and after."""
    mean_old = k_old / n_old
    mean_new = k_new / n_new if n_new else 0.0
    if mean_new == mean_old or n_new == n_old:
        return 0.0
    return (mean_new - mean_old) / abs(n_old - n_new)


class _Prim:
    def __init__(self, X: np.ndarray, y: np.ndarray, names: list[str], peel_alpha: float,
                 paste_alpha: float, mass_min: float):
        self.X, self.y, self.names = X, y, names
        self.cases = y > 0.5
        self.n, self.d = X.shape
        self.peel_alpha, self.paste_alpha, self.mass_min = peel_alpha, paste_alpha, mass_min
        self.init_low, self.init_high = X.min(axis=0), X.max(axis=0)
        self.n_cases = int(y.sum())
        self.trajectory: list[TrajectoryPoint] = []

    def _n_restricted(self, low: np.ndarray, high: np.ndarray) -> int:
        return int(np.sum((low != self.init_low) | (high != self.init_high)))

    def _record(self, phase: str, mask: np.ndarray, low: np.ndarray, high: np.ndarray) -> None:
        inside = int(mask.sum())
        cases = int(self.y[mask].sum())
        restricted = tuple(self.names[j] for j in range(self.d)
                           if low[j] != self.init_low[j] or high[j] != self.init_high[j])
        self.trajectory.append(TrajectoryPoint(
            step=len(self.trajectory), phase=phase,
            coverage=cases / self.n_cases if self.n_cases else 0.0,
            density=cases / inside if inside else 0.0, mass=inside / self.n, n=inside,
            restricted=restricted,
            limits={self.names[j]: (float(low[j]), float(high[j])) for j in range(self.d)}))

    def _best(self, candidates, k_old: int, n_old: int):
        """The candidate with the largest gain; ties go to the fewest restrictions, then the earliest.
        A candidate is (its cases, its points, low, high, what to return for it)."""
        best, best_key = None, None
        for k, n, low, high, payload in candidates:
            key = (_gain(k_old, n_old, k, n), self.d - self._n_restricted(low, high))
            if best_key is None or key > best_key:
                best, best_key = (payload, low, high), key
        return best, (best_key[0] if best_key else 0.0)

    def _counted(self, mask: np.ndarray) -> tuple[int, int]:
        return int(np.count_nonzero(mask & self.cases)), int(np.count_nonzero(mask))

    def peel(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        mask = np.ones(self.n, dtype=bool)
        low, high = self.init_low.copy(), self.init_high.copy()
        self._record("init", mask, low, high)
        while True:
            idx = np.flatnonzero(mask)
            inside, cases = self.X[idx], self.cases[idx]

            def candidates():
                # each dimension peeled at the top, then at the bottom: (cases, points, low, high, kept rows)
                for j in range(self.d):
                    xj = inside[:, j]
                    upper = sdtoolkit_quantile(xj, 1 - self.peel_alpha)
                    new_high = high.copy()
                    new_high[j] = upper
                    keep = xj <= upper
                    yield int(np.count_nonzero(keep & cases)), int(np.count_nonzero(keep)), low, new_high, keep
                    lower = sdtoolkit_quantile(xj, self.peel_alpha)
                    new_low = low.copy()
                    new_low[j] = lower
                    keep = xj >= lower
                    yield int(np.count_nonzero(keep & cases)), int(np.count_nonzero(keep)), new_low, high, keep
            (keep, new_low, new_high), gain = self._best(candidates(), int(np.count_nonzero(cases)), len(idx))
            cand_mask = np.zeros(self.n, dtype=bool)
            cand_mask[idx[keep]] = True
            mass_new, mass_old = cand_mask.sum() / self.n, mask.sum() / self.n
            if not (mass_new >= self.mass_min and mass_new < mass_old and gain > 0):
                return mask, low, high
            mask, low, high = cand_mask, new_low, new_high
            self._record("peel", mask, low, high)

    def _inside(self, low: np.ndarray, high: np.ndarray, dims: list[int]) -> np.ndarray:
        mask = np.ones(self.n, dtype=bool)
        for j in dims:
            mask &= (self.X[:, j] >= low[j]) & (self.X[:, j] <= high[j])
        return mask

    def paste(self, mask: np.ndarray, low: np.ndarray, high: np.ndarray) -> None:
        while True:
            dims = [j for j in range(self.d) if low[j] != self.init_low[j] or high[j] != self.init_high[j]]
            candidates = []
            for j in dims:
                for side in ("lower", "upper"):
                    region_low, region_high = low.copy(), high.copy()
                    if side == "lower":
                        region_low[j], region_high[j] = self.init_low[j], low[j]
                    else:
                        region_low[j], region_high[j] = high[j], self.init_high[j]
                    data = self.X[self._inside(region_low, region_high, dims), j]
                    new_low, new_high = low.copy(), high.copy()
                    if side == "lower":
                        new_low[j] = sdtoolkit_quantile(data, 1 - self.paste_alpha) if data.size else self.init_low[j]
                    else:
                        new_high[j] = sdtoolkit_quantile(data, self.paste_alpha) if data.size else self.init_high[j]
                    cand = self._inside(new_low, new_high, dims)
                    candidates.append((*self._counted(cand), new_low, new_high, cand))
            if not candidates:
                return
            (cand_mask, new_low, new_high), gain = self._best(candidates, *self._counted(mask))
            grows = cand_mask.sum() > mask.sum() and cand_mask.sum() / self.n >= self.mass_min
            if not (grows and gain > 0 and self.y[cand_mask].mean() > self.y[mask].mean()):
                return
            mask, low, high = cand_mask, new_low, new_high
            self._record("paste", mask, low, high)


def _validate(X: dict[str, np.ndarray], y: np.ndarray, threshold: float, peel_alpha: float,
              paste_alpha: float, mass_min: float) -> tuple[np.ndarray, np.ndarray, list[str]]:
    problems = []

    def bad(field_name: str, message: str) -> None:
        problems.append(Problem("<find_box>", 0, field_name, message))

    names = list(X)
    if not names:
        bad("X", "no parameters given")
    y = np.asarray(y)
    if y.ndim != 1:
        bad("y", f"must be one-dimensional, got shape {y.shape}")
    columns = []
    for name in names:
        col = np.asarray(X[name], dtype=float)
        if col.shape != y.shape:
            bad(f"X.{name}", f"has shape {col.shape}, y has {y.shape}")
        elif not np.all(np.isfinite(col)):
            bad(f"X.{name}", "contains NaN or infinite values")
        columns.append(col)
    if y.ndim == 1 and y.size and not np.all(np.isin(y, (0, 1))):
        bad("y", "must be boolean (or 0/1)")
    if y.size < 2:
        bad("y", "needs at least two points")
    for field_name, value in (("peel_alpha", peel_alpha), ("paste_alpha", paste_alpha), ("mass_min", mass_min)):
        if not 0 < value < 1:
            bad(field_name, f"must be in (0, 1), got {value}")
    if not 0 <= threshold <= 1:
        bad("threshold", f"must be in [0, 1], got {threshold}")
    if problems:
        raise InputError(problems)
    return np.column_stack(columns), y.astype(float), names


def _quasi_p(X: np.ndarray, y: np.ndarray, low: np.ndarray, high: np.ndarray, init_low: np.ndarray,
             init_high: np.ndarray) -> dict[tuple[int, str], float]:
    """Bryant & Lempert's (2010) quasi-p value of each limit: the one-sided binomial probability of
    at least the box's cases among its points at the density of the box without that limit."""
    from scipy.stats import binom
    inside = np.all((X >= low) & (X <= high), axis=1)
    n_box, k_box = int(inside.sum()), int(y[inside].sum())
    out = {}
    for j in range(X.shape[1]):
        for side, relaxed in (("low", init_low[j]), ("high", init_high[j])):
            if (low[j] if side == "low" else high[j]) == relaxed:
                continue
            lo, hi = low.copy(), high.copy()
            (lo if side == "low" else hi)[j] = relaxed
            wider = np.all((X >= lo) & (X <= hi), axis=1)
            p0 = float(y[wider].mean())
            out[(j, side)] = float(binom.sf(k_box - 1, n_box, p0)) if n_box else 1.0
    return out


def find_box(X: dict[str, np.ndarray], y: np.ndarray, *, threshold: float = 0.8, peel_alpha: float = 0.05,
             paste_alpha: float = 0.05, mass_min: float = 0.05, prune: Optional[float] = None) -> Box:
    """Find the box of parameter space where `y` (one bool per point) is concentrated.

    X maps each parameter name to its values (one per point). The box selected is the one of the
    peeling-and-pasting trajectory with the highest coverage among those whose density is at least
    `threshold`; if no box is that dense, the densest (the largest of equally dense ones).
    With `prune` (e.g. 0.05), limits whose quasi-p value exceeds it are dropped one at a time, the
    least significant first (ema_workbench's `drop_restriction` guided by its quasi-p values), so
    that the box keeps only restrictions the data support. Bad input raises `InputError`.
    """
    Xa, ya, names = _validate(X, y, threshold, peel_alpha, paste_alpha, mass_min)
    prim = _Prim(Xa, ya, names, peel_alpha, paste_alpha, mass_min)
    if prim.n_cases == 0:
        prim._record("init", np.ones(prim.n, dtype=bool), prim.init_low, prim.init_high)
    else:
        prim.paste(*prim.peel())
    trajectory = prim.trajectory
    dense = [i for i, p in enumerate(trajectory) if p.density >= threshold]
    if dense:
        selected = max(dense, key=lambda i: (trajectory[i].coverage, -i))
    else:
        selected = max(range(len(trajectory)), key=lambda i: (trajectory[i].density, trajectory[i].mass, -i))
    point = trajectory[selected]
    low = np.array([point.limits[k][0] for k in names])
    high = np.array([point.limits[k][1] for k in names])
    dropped: list[str] = []
    qp = _quasi_p(Xa, ya, low, high, prim.init_low, prim.init_high)
    while prune is not None and qp and max(qp.values()) > prune:
        (j, side), _ = max(qp.items(), key=lambda kv: kv[1])
        (low if side == "low" else high)[j] = prim.init_low[j] if side == "low" else prim.init_high[j]
        dropped.append(f"{names[j]}.{side}")
        qp = _quasi_p(Xa, ya, low, high, prim.init_low, prim.init_high)
    inside = np.all((Xa >= low) & (Xa <= high), axis=1)
    n_in, k_in = int(inside.sum()), int(ya[inside].sum())
    restricted = [j for j in range(len(names)) if low[j] != prim.init_low[j] or high[j] != prim.init_high[j]]
    quasi_p = {names[j]: {side: qp.get((j, side)) for side in ("low", "high")} for j in restricted}
    return Box(limits={names[j]: (float(low[j]), float(high[j])) for j in restricted},
               coverage=k_in / prim.n_cases if prim.n_cases else 0.0, density=k_in / n_in if n_in else 0.0,
               mass=n_in / prim.n, n=n_in, n_points=prim.n, n_cases=prim.n_cases, threshold=threshold,
               selected=selected, trajectory=trajectory, quasi_p=quasi_p, dropped=tuple(dropped))


# ---- a yes/no question about one output of a scenario -------------------------------------------

def scenario_discovery(scenario, variable: str, *, history: list, posterior: Optional[dict] = None,
                       actor: Optional[str] = None, year: Optional[int] = None,
                       above: Optional[float] = None, below: Optional[float] = None, samples: Optional[int] = None,
                       seed: Optional[int] = None, threshold: float = 0.8,
                       peel_alpha: float = 0.05, mass_min: float = 0.05, prune: Optional[float] = 0.05,
                       progress: Optional[Progress] = None) -> dict:
    """Run the scenario's ensemble, ask "is `variable` (actor, year) above `above` (or below
    `below`)?" for every sample, and find the parameter box where the answer is yes.

    The ensemble samples `posterior` (calibrated draws) where given, else the declared ranges; the
    parameters searched are those that vary across it; `ranges` gives each one's span.
    """
    from umbrella.dynamics.parameters import NAMES
    from umbrella.experiments.ensemble import run_ensemble
    from umbrella.experiments.sensitivity import resolve_output

    if (above is None) == (below is None):
        raise request_problem("above/below", "give exactly one of `above` or `below`")
    sc = scenario
    variable, actor, year = resolve_output(sc, variable, actor, year)
    ds = run_ensemble(sc, samples=samples, seed=seed, history=history, posterior=posterior, progress=progress)
    values = ds[variable].sel(actor=actor, year=year).values
    y = values > above if above is not None else values < below
    X = {}
    for name in NAMES:
        column = ds[f"param_{name}"].values
        if column.min() < column.max():
            X[name] = column
    box = find_box(X, y, threshold=threshold, peel_alpha=peel_alpha, paste_alpha=peel_alpha, mass_min=mass_min,
                   prune=prune)
    relation = f"> {above:g}" if above is not None else f"< {below:g}"
    return {"scenario": sc.id, "variable": variable, "actor": actor, "year": year,
            "question": f"{variable}[{actor}, {year}] {relation}", "above": above, "below": below,
            "samples": int(ds.attrs["samples"]), "seed": int(ds.attrs["seed"]), "prior": posterior is None,
            "calibrated": posterior is not None, "distinct_draws": int(ds.attrs["distinct_draws"]),
            "prune": prune, "threshold": threshold,
            "share_yes": float(np.mean(y)), "box": box.to_dict(),
            "ranges": {k: [float(v.min()), float(v.max())] for k, v in X.items()}}

