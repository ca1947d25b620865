"""Analyses over solved games: critical values found from the solver, and parameter maps."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Optional

import numpy as np

from umbrella.errors import InputError, Problem
from umbrella.games.core import COMMAND_LINE, Game
from umbrella.games.solver import solve_tree


def critical_value(game: Game, params: Mapping[str, float], name: str, lo: float, hi: float,
                   flips: Callable[[object], bool], iterations: int = 60) -> Optional[float]:
    """The value of parameter `name` in [lo, hi] where `flips(solution)` changes, found by bisection
    on the solver's own answers (None if it has the same value at both ends). Assumes one switch."""
    players = [p.name for p in game.players]

    def at(x: float) -> bool:
        return flips(solve_tree(game.build({**params, name: x}), players))
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


def parse_axis(game: Game, text: str, option: str) -> Axis:
    """`NAME:LO:HI:N` -> an axis of N evenly spaced values of a declared parameter."""
    parts = text.split(":")
    if len(parts) != 4:
        raise InputError([Problem(COMMAND_LINE, 0, option, f"{text!r}: expected NAME:LO:HI:N")])
    name, lo, hi, n = parts
    game.parameter(name)  # unknown name -> InputError
    try:
        lo_f, hi_f, n_i = float(lo), float(hi), int(n)
    except ValueError:
        raise InputError([Problem(COMMAND_LINE, 0, option, f"{text!r}: LO and HI must be numbers, N an integer")])
    if not (np.isfinite(lo_f) and np.isfinite(hi_f)) or n_i < 1 or n_i > 1000:
        raise InputError([Problem(COMMAND_LINE, 0, option, f"{text!r}: LO, HI finite and 1 <= N <= 1000")])
    return Axis(name, tuple(float(v) for v in np.linspace(lo_f, hi_f, n_i)))


def outcome_map(game: Game, x: Axis, y: Axis, base: Optional[Mapping[str, float]] = None,
                progress: Optional[Callable[[int], None]] = None, show: str = "outcome") -> dict:
    """The equilibrium outcome (or, with `show` = an information set such as `ally:challenged`, the
    equilibrium action there) at every grid point of x × y, other parameters from `base` and the
    defaults; where the game declares a theory's prediction of the outcome, whether it holds."""
    if x.name == y.name:
        raise InputError([Problem(COMMAND_LINE, 0, "--y", "x and y must be different parameters")])
    params, warnings = game.resolve(base)
    players = [p.name for p in game.players]
    if show != "outcome":
        known = list(solve_tree(game.build(params), players).strategy)
        if show not in known:
            raise InputError([Problem(COMMAND_LINE, 0, "--show", f"{show!r}: expected 'outcome' or an "
                                      f"information set of {game.id!r} ({', '.join(sorted(known))})")])
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
            solution = solve_tree(game.build(point), players)
            row.append(solution.outcome if show == "outcome" else solution.strategy[show])
            predicted = game.prediction(point) if game.prediction else None
            row_holds.append(None if predicted is None else solution.outcome == predicted)
        grid.append(row)
        holds.append(row_holds)
        if progress:
            progress(j + 1)
    result = {"game": game.id, "params": params, "show": show,
              "x": {"name": x.name, "values": list(x.values)},
              "y": {"name": y.name, "values": list(y.values)},
              "outcomes": grid, "warnings": warnings}
    if game.prediction:
        result["prediction_holds"] = holds
        flat = [h for row in holds for h in row if h is not None]
        result["share_holds"] = (sum(flat) / len(flat)) if flat else None
    return result
