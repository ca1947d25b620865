"""Year-by-year lever and shock series, the exogenous input of `model.simulate`.

A `Setting` is one piecewise-constant entry (a scenario's `levers:`/`shocks:` item or an event's
`model_inputs`); `build_inputs` lays settings over the documented defaults, later settings
overriding earlier ones for the years they cover. With `hold_from`, the levels in force in the year
before it (the evidence's status quo) are carried forward before the scenario's own settings are laid.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from umbrella.dynamics.vocabulary import ALLIES, LEVER_BY_NAME, LEVERS, SHOCKS


@dataclass(frozen=True)
class Setting:
    kind: str                 # "lever" | "shock"
    name: str
    value: object             # lever: number or option; shock: number (1.0 for an event)
    start: int                # first year covered
    end: Optional[int] = None  # last year covered (inclusive); None = to the end of the run
    ally: Optional[str] = None  # per-ally levers: None = every ally


@dataclass
class Inputs:
    """Numeric levels per year: global levers (T,), per-ally levers (T, n_allies), shocks (T,)."""
    years: np.ndarray
    levers: dict[str, np.ndarray]
    shocks: dict[str, np.ndarray]
    report_from: int           # first reported year: cumulative probabilities count from here
    allies: tuple[str, ...] = ALLIES
    settings: list[Setting] = field(default_factory=list)


def build_inputs(first_year: int, last_year: int, settings: list[Setting], report_from: Optional[int] = None,
                 history: list[Setting] = (), hold_from: Optional[int] = None) -> Inputs:
    """Defaults; then `history`, each setting over the years it covers; from `hold_from` on, every lever
    and every continuous shock keeps its level of the year before `hold_from`; then `settings` in order
    (later wins). 0/1 event shocks are never carried forward."""
    years = np.arange(first_year, last_year + 1)
    n_years = len(years)
    levers: dict[str, np.ndarray] = {}
    for lever in LEVERS:
        shape = (n_years, len(ALLIES)) if lever.per_ally else (n_years,)
        levers[lever.name] = np.full(shape, lever.level(lever.default), dtype=np.float64)
    shocks = {s.name: np.zeros(n_years, dtype=np.float64) for s in SHOCKS}
    _lay(list(history), levers, shocks, first_year, last_year)
    if hold_from is not None and first_year < hold_from <= last_year:
        k = hold_from - first_year
        for series in levers.values():
            series[k:] = series[k - 1]
        for shock in SHOCKS:
            if shock.continuous:
                shocks[shock.name][k:] = shocks[shock.name][k - 1]
    _lay(list(settings), levers, shocks, first_year, last_year)
    return Inputs(years, levers, shocks, first_year if report_from is None else report_from, ALLIES,
                  list(history) + list(settings))


def _lay(settings: list[Setting], levers: dict, shocks: dict, first_year: int, last_year: int) -> None:
    for s in settings:
        lo = max(s.start, first_year) - first_year
        hi = (last_year if s.end is None else min(s.end, last_year)) - first_year + 1
        if hi <= lo:
            continue
        if s.kind == "shock":
            shocks[s.name][lo:hi] = float(s.value)
            continue
        lever = LEVER_BY_NAME[s.name]
        level = lever.level(s.value)
        if lever.per_ally:
            cols = [ALLIES.index(s.ally)] if s.ally is not None else list(range(len(ALLIES)))
            levers[s.name][lo:hi, cols] = level
        else:
            levers[s.name][lo:hi] = level
