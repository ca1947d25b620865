"""Analyses over solved games: critical values found from the solver, and parameter maps."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Optional

import numpy as np

from umbrella.errors import REQUEST, InputError, Problem, unknown
from umbrella.games.core import Game
from umbrella.games.solver import solve_tree
from umbrella.progress import Progress


def critical_value(game: Game, params: Mapping[str, float], name: str, lo: float, hi: float,
                   flips: Callable[[object], bool], iterations: int = 42) -> Optional[float]:
    """The value of parameter `name` in [lo, hi] where `flips(solution)` changes, found by bisection
    on the solver's own answers (None if it has the same value at both ends). Assumes one switch."""
    players = [p.name for p in game.players]

    def at(x: float) -> bool:
        return flips(solve_tree(game.tree({**params, name: x}), players))
    a, b = lo, hi
    fa = at(a)
    if at(b) == fa:
        return None
    for _ in range(iterations):
        mid = 0.5 * (a + b)
        if at(mid) == fa:
            a = mid
        else:
            b = mid
    return 0.5 * (a + b)


@dataclass(frozen=True)
class Axis:
    name: str
    values: tuple[float, ...]


def parse_axis(game: Game, text: str, field: str) -> Axis:
    """`NAME:LO:HI:N` -> an axis of N evenly spaced values of a declared parameter."""
    parts = text.split(":")
    if len(parts) != 4:
        raise InputError([Problem(REQUEST, 0, field, f"{text!r}: expected NAME:LO:HI:N")])
    name, lo, hi, n = parts
    if name not in {p.name for p in game.parameters}:
        raise InputError([Problem(REQUEST, 0, field, f"{text!r}: " + unknown("parameter", name, [p.name for p in game.parameters],
                                                                            of=f"of game {game.id!r}"))])
    try:
        lo_f, hi_f, n_i = float(lo), float(hi), int(n)
    except ValueError:
        raise InputError([Problem(REQUEST, 0, field, f"{text!r}: LO and HI must be numbers, N an integer")])
    if not (np.isfinite(lo_f) and np.isfinite(hi_f)) or n_i < 1 or n_i > 1000:
        raise InputError([Problem(REQUEST, 0, field, f"{text!r}: LO, HI finite and 1 <= N <= 1000")])
    return Axis(name, tuple(float(v) for v in np.linspace(lo_f, hi_f, n_i)))


REGIONS = "regions"


def region_label(game: Game, cell: str) -> dict[str, str]:
    """The bilingual label of a `--show regions` cell: the regions that hold there, or none."""
    names = [r for r in game.regions if r.name in cell.split("+")]
    if not names:
        return {"en": "none of the regions", "zh": "不属于任何区域"}
    return {lang: " + ".join(r.label[lang] for r in names) for lang in ("en", "zh")}


def regions_at(game: Game, params: Mapping[str, float]) -> dict[str, bool]:
    """Whether each of the game's declared regions holds at this (resolved) point."""
    analysis = game.solve(params).analysis
    return {r.name: bool(analysis[r.name]) for r in game.regions}


def _cell(game: Game, point: Mapping[str, float], players: list[str], show: str):
    if show in (r.name for r in game.regions):
        return regions_at(game, point)[show]
    if show == REGIONS:
        return "+".join(name for name, holds in regions_at(game, point).items() if holds) or "none"
    solution = solve_tree(game.tree(point), players)
    return solution.outcome if show == "outcome" else solution.strategy[show]


def outcome_map(game: Game, x: Axis, y: Axis, base: Optional[Mapping[str, float]] = None,
                progress: Optional[Progress] = None, show: str = "outcome") -> dict:
    """The equilibrium outcome (or, with `show` = an information set such as `ally:challenged`, the
    equilibrium action there; a region the game declares, true where it holds; or `regions`, the
    regions that hold) at every grid point of x × y, other parameters from `base` and the defaults;
    where the game declares a theory's prediction of the outcome, whether it holds."""
    if x.name == y.name:
        raise InputError([Problem(REQUEST, 0, "y", "x and y must be different parameters")])
    params, warnings = game.resolve(base)
    players = [p.name for p in game.players]
    regions = [r.name for r in game.regions] + ([REGIONS] if game.regions else [])
    if show != "outcome" and show not in regions:
        known = list(solve_tree(game.tree(params), players).strategy) + regions
        if show not in known:
            raise InputError([Problem(REQUEST, 0, "show", f"{show!r}: expected 'outcome', an "
                                      f"information set or a region of {game.id!r} ({', '.join(sorted(known))})")])
    for axis in (x, y):
        p = game.parameter(axis.name)
        if min(axis.values) < p.low or max(axis.values) > p.high:
            warnings.append(f"{game.id}: {axis.name} axis [{min(axis.values):g}, {max(axis.values):g}] "
                            f"leaves its declared range [{p.low:g}, {p.high:g}]; used as given")
    grid, holds = [], []
    for j, yv in enumerate(y.values):
        row, row_holds = [], []
        for xv in x.values:
            point, _ = game.resolve({**(base or {}), x.name: xv, y.name: yv})
            row.append(_cell(game, point, players, show))
            predicted = game.prediction(point) if game.prediction else None
            row_holds.append(None if predicted is None else
                             solve_tree(game.tree(point), players).outcome == predicted)
        grid.append(row)
        holds.append(row_holds)
        if progress:
            progress(j + 1, len(y.values))
    result = {"game": game.id, "params": params, "show": show,
              "x": {"name": x.name, "values": list(x.values)},
              "y": {"name": y.name, "values": list(y.values)},
              "outcomes": grid, "warnings": warnings}
    if game.prediction:
        result["prediction_holds"] = holds
        flat = [h for row in holds for h in row if h is not None]
        result["share_holds"] = (sum(flat) / len(flat)) if flat else None
    return result


def sample_box(game: Game, samples: int, seed: int,
               fixed: Optional[Mapping[str, float]] = None) -> list[dict[str, float]]:
    """`samples` independent uniform draws inside the declared ranges (a finite set: uniform choice),
    parameters in `fixed` held at their value. Draw i depends only on (seed, i), so any chunking of
    the samples gives the same points."""
    fixed = dict(fixed or {})
    for name in fixed:
        game.parameter(name)  # unknown name -> InputError
    points = []
    for child in np.random.SeedSequence(seed).spawn(samples):
        rng = np.random.default_rng(child)
        point = {}
        for p in game.parameters:
            draw = float(rng.choice(p.values)) if p.values is not None else float(rng.uniform(p.low, p.high))
            point[p.name] = fixed.get(p.name, draw)
        points.append(point)
    return points


def prediction_share(game: Game, samples: int, seed: int, fixed: Optional[Mapping[str, float]] = None,
                     progress: Optional[Progress] = None) -> dict:
    """How much of the declared parameter box a theory's prediction (e.g. 004's Table 1) survives:
    the share of random draws whose equilibrium outcome is the predicted one, overall and by
    prediction, and the outcomes that replace it where it fails."""
    if game.prediction is None:
        raise InputError([Problem(REQUEST, 0, "game", f"game {game.id!r} declares no theory prediction "
                                  "and no regions")])
    players = [p.name for p in game.players]
    by: dict[str, dict[str, int]] = {}
    holds = 0
    for i, point in enumerate(sample_box(game, samples, seed, fixed)):
        resolved, _ = game.resolve(point)
        outcome = solve_tree(game.tree(resolved), players).outcome
        predicted = game.prediction(resolved)
        cell = by.setdefault(predicted, {})
        cell[outcome] = cell.get(outcome, 0) + 1
        holds += outcome == predicted
        if progress and ((i + 1) % 100 == 0 or i + 1 == samples):
            progress(i + 1, samples)
    return {"game": game.id, "samples": samples, "seed": seed, "fixed": dict(fixed or {}),
            "share_holds": holds / samples if samples else None,
            "by_prediction": {pred: {"samples": sum(c.values()), "share_holds": c.get(pred, 0) / sum(c.values()),
                                     "outcomes": {o: n / sum(c.values()) for o, n in sorted(c.items())}}
                              for pred, c in sorted(by.items(), key=lambda kv: _order(game, kv[0]))}}


def region_shares(game: Game, samples: int, seed: int, fixed: Optional[Mapping[str, float]] = None,
                  progress: Optional[Progress] = None) -> dict:
    """How much of the declared parameter box each of the game's regions covers (e.g. entrapment,
    abandonment, deterred but not assured), and the share of each equilibrium outcome, over
    independent uniform draws (`sample_box`); `fixed` holds parameters at a value to compare sub-boxes
    (e.g. every taboo cost at 0 against every one at 5)."""
    if not game.regions:
        raise InputError([Problem(REQUEST, 0, "game", f"game {game.id!r} declares no regions")])
    counts = {r.name: 0 for r in game.regions}
    outcomes: dict[str, int] = {}
    for i, point in enumerate(sample_box(game, samples, seed, fixed)):
        resolved, _ = game.resolve(point)
        result = game.solve(resolved)
        for r in game.regions:
            counts[r.name] += bool(result.analysis[r.name])
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
        if progress and ((i + 1) % 100 == 0 or i + 1 == samples):
            progress(i + 1, samples)
    return {"game": game.id, "samples": samples, "seed": seed, "fixed": dict(fixed or {}),
            "regions": {name: n / samples for name, n in counts.items()},
            "outcomes": {o: outcomes[o] / samples for o in sorted(outcomes, key=lambda o: _order(game, o))}}


def robustness(game: Game, samples: int, seed: int, fixed: Optional[Mapping[str, float]] = None,
               progress: Optional[Progress] = None) -> dict:
    """`game robustness`: where the game's theory prediction holds (`prediction_share`), or, for a
    game that declares regions instead, how much of the box each region covers (`region_shares`)."""
    if game.prediction is None and game.regions:
        return region_shares(game, samples, seed, fixed, progress)
    return prediction_share(game, samples, seed, fixed, progress)


def _order(game: Game, outcome: str) -> int:
    names = list(game.outcomes)
    return names.index(outcome) if outcome in names else len(names)
