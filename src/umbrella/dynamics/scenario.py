"""Scenarios (SYSTEM.md §3.7): YAML files of lever settings, shocks, parameter overrides and ensemble defaults.

`load_scenario("baseline")` or `load_scenario(path)` validates a file and reports every problem as
`PATH:LINE: FIELD: message`; `library()` lists the bundled scenario ids; `scenario_inputs` lays the
scenario over the history recorded in the evidence base (see `history.py`).
"""
from __future__ import annotations

import dataclasses
import pathlib
import re
from dataclasses import dataclass, field
from typing import Any, Optional, Union

from umbrella.dynamics.inputs import Inputs, Setting, build_inputs
from umbrella.dynamics.parameters import PARAMETER_BY_NAME
from umbrella.dynamics.vocabulary import ALLIES, LEVER_BY_NAME, SHOCK_BY_NAME
from umbrella.errors import InputError, Problem
from umbrella.limits import number_problem
from umbrella.yamlio import dotted, line_of, load_yaml

#: first simulated year: the DPRK's first nuclear test (October 2006); state variables carry history from here
SIMULATION_START = 2006
LATEST_YEAR = 2100
METHODS = ("lhs", "mc", "sobol")
SCENARIO_DIR = pathlib.Path(__file__).resolve().parents[3] / "scenarios"
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TOP = {"id", "title", "description", "start", "end", "levers", "shocks", "parameters", "ensemble", "sources", "notes"}

Override = Union[float, tuple[float, float]]


@dataclass
class Scenario:
    id: str
    title: dict
    start: int
    end: int
    levers: list[Setting] = field(default_factory=list)
    shocks: list[Setting] = field(default_factory=list)
    parameters: dict[str, Override] = field(default_factory=dict)
    ensemble: dict[str, Any] = field(default_factory=dict)
    sources: list = field(default_factory=list)
    description: Optional[dict] = None
    path: Optional[str] = None

    @property
    def years(self) -> list[int]:
        return list(range(self.start, self.end + 1))


def library() -> list[str]:
    """Ids of the bundled scenarios (file stems of scenarios/*.yaml)."""
    return sorted(p.stem for p in SCENARIO_DIR.glob("*.yaml"))


def load_scenario(ref: Union[str, pathlib.Path]) -> Scenario:
    """A bundled scenario id or the path of a scenario YAML file."""
    path = pathlib.Path(ref)
    if not path.is_file():
        if str(ref) in library():
            path = SCENARIO_DIR / f"{ref}.yaml"
        else:
            raise InputError([Problem("<command line>", 0, "scenario",
                                      f"{str(ref)!r} is neither a file nor a scenario id ({', '.join(library())})")])
    data, lines = load_yaml(path)
    return parse_scenario(data, lines, str(path))


class _Checker:
    def __init__(self, path: str, lines: dict):
        self.path, self.lines, self.problems = path, lines, []

    def add(self, loc: tuple, message: str) -> None:
        self.problems.append(Problem(self.path, line_of(self.lines, loc), dotted(loc), message))

    def year(self, data: dict, key: str, loc: tuple) -> Optional[int]:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not value <= LATEST_YEAR:
            self.add(loc + (key,), f"{value!r} is not a year (an integer up to {LATEST_YEAR})")
            return None
        if value < SIMULATION_START:
            # the model's initial state is that of 2006 (first DPRK test); earlier years would be invented
            self.add(loc + (key,), f"{value} is before the first simulated year {SIMULATION_START}")
            return None
        return value

    def unknown_keys(self, data: dict, allowed: set, loc: tuple) -> None:
        for key in data:
            if key not in allowed:
                self.add(loc + (key,), f"unknown field (allowed: {', '.join(sorted(allowed))})")


def parse_scenario(data: Any, lines: dict, path: str) -> Scenario:
    check = _Checker(path, lines)
    if not isinstance(data, dict):
        raise InputError([Problem(path, 1, "-", "a scenario must be a mapping")])
    check.unknown_keys(data, _TOP, ())
    sid = data.get("id")
    if not isinstance(sid, str) or not _ID.match(sid):
        check.add(("id",), f"{sid!r} is not a lower-kebab-case id")
    title = data.get("title")
    if not (isinstance(title, dict) and all(isinstance(title.get(k), str) and title.get(k) for k in ("en", "zh"))):
        check.add(("title",), "needs `en` and `zh` strings")
    start = check.year(data, "start", ())
    end = check.year(data, "end", ())
    if start is not None and end is not None and start > end:
        check.add(("start",), f"`start` {start} is after `end` {end}")
        end = None
    levers = _settings(check, data.get("levers"), "levers", start, end)
    shocks = _settings(check, data.get("shocks"), "shocks", start, end)
    parameters = _overrides(check, data.get("parameters"))
    ensemble = _ensemble(check, data.get("ensemble"))
    sources = data.get("sources") or []
    if not isinstance(sources, list):
        check.add(("sources",), "must be a list of sources")
    if check.problems:
        raise InputError(check.problems)
    return Scenario(sid, title, start, end, levers, shocks, parameters, ensemble, sources,
                    data.get("description"), path)


def _settings(check: _Checker, items: Any, key: str, start: Optional[int], end: Optional[int]) -> list[Setting]:
    if items is None:
        return []
    if not isinstance(items, list):
        check.add((key,), "must be a list")
        return []
    kind = "lever" if key == "levers" else "shock"
    out: list = []
    for i, item in enumerate(items):
        loc = (key, i)
        if not isinstance(item, dict):
            check.add(loc, "must be a mapping")
            continue
        check.unknown_keys(item, {kind, "ally", "value", "from", "to"}, loc)
        name = item.get(kind)
        decl = (LEVER_BY_NAME if kind == "lever" else SHOCK_BY_NAME).get(name) if isinstance(name, str) else None
        if decl is None:
            known = LEVER_BY_NAME if kind == "lever" else SHOCK_BY_NAME
            check.add(loc + (kind,), f"unknown {kind} {name!r} (known: {', '.join(known)})")
            continue
        ally = item.get("ally")
        if ally is not None:
            if ally not in ALLIES:
                check.add(loc + ("ally",), f"unknown ally {ally!r} (known: {', '.join(ALLIES)})")
                continue
            if kind == "shock" or not decl.per_ally:
                check.add(loc + ("ally",), f"{kind} {name!r} is not set per ally")
                continue
        if kind == "lever" or decl.continuous or "value" in item:
            if "value" not in item:
                check.add(loc, "`value` is required")
                continue
            value = item["value"]
            reason = decl.check(value)
            if reason:
                check.add(loc + ("value",), reason)
                continue
        else:
            value = 1.0
        first = start if "from" not in item else check.year(item, "from", loc)
        last = item["to"] if "to" in item else end
        if "to" in item:
            last = check.year(item, "to", loc)
        if first is None or ("to" in item and last is None):
            continue
        earliest = SIMULATION_START if start is None else min(SIMULATION_START, start)
        if first < earliest:
            check.add(loc + ("from",), f"{first} is before the first simulated year {earliest}")
            continue
        if end is not None and first > end:
            check.add(loc + ("from",), f"`from` {first} is after `end` {end}")
            continue
        if last is not None and first > last:
            check.add(loc + ("from",), f"`from` {first} is after `to` {last}")
            continue
        if kind == "shock" and not decl.continuous and "from" in item and "to" not in item:
            last = first          # a one-off event covers its year only
        setting = Setting(kind, name, float(value) if kind == "shock" else value, first, last, ally)
        out.append((setting, loc, "to" in item))
    out = _piecewise(out)
    kept: list[tuple[Setting, tuple]] = []
    for setting, loc in out:
        for other, other_loc in kept:
            if other.name == setting.name and _overlap(setting, other):
                check.add(loc, f"overlaps the setting of {setting.name!r} at line {line_of(check.lines, other_loc)}")
                break
        else:
            kept.append((setting, loc))
    return [s for s, _ in kept]


def _piecewise(items: list[tuple[Setting, tuple, bool]]) -> list[tuple[Setting, tuple]]:
    """Levers are piecewise constant (SYSTEM.md §3.7): a setting without `to` runs until the next
    setting of the same lever (and ally) begins, so `{value: a, from: 2025}, {value: b, from: 2030}`
    is a series, not an overlap. Explicit `[from, to]` ranges that intersect remain errors."""
    out = []
    for setting, loc, explicit_end in items:
        if not explicit_end:
            later = [o.start for o, _, _ in items if o is not setting and o.name == setting.name
                     and o.ally == setting.ally and o.start > setting.start]
            if later and (setting.end is None or min(later) - 1 < setting.end):
                setting = dataclasses.replace(setting, end=min(later) - 1)
        out.append((setting, loc))
    return out


def _overlap(a: Setting, b: Setting) -> bool:
    if a.ally is not None and b.ally is not None and a.ally != b.ally:
        return False
    a_end = LATEST_YEAR if a.end is None else a.end
    b_end = LATEST_YEAR if b.end is None else b.end
    return a.start <= b_end and b.start <= a_end


def _overrides(check: _Checker, items: Any) -> dict[str, Override]:
    if items is None:
        return {}
    if not isinstance(items, dict):
        check.add(("parameters",), "must be a mapping of parameter name to a number or [low, high]")
        return {}
    out: dict[str, Override] = {}
    for name, value in items.items():
        loc = ("parameters", name)
        decl = PARAMETER_BY_NAME.get(name)
        if decl is None:
            check.add(loc, f"unknown parameter {name!r} (see `umbrella params`)")
            continue
        bounds = f"[{decl.low:g}, {decl.high:g}]"
        if number_problem(value) is None:
            if not decl.low <= value <= decl.high:
                check.add(loc, f"{value!r} is outside the declared range {bounds}")
                continue
            out[name] = float(value)
        elif isinstance(value, list) and len(value) == 2 and all(number_problem(v) is None for v in value):
            low, high = float(value[0]), float(value[1])
            if low > high:
                check.add(loc, f"range [{low:g}, {high:g}]: low is above high")
            elif low < decl.low or high > decl.high:
                check.add(loc, f"range [{low:g}, {high:g}] is outside the declared range {bounds}")
            else:
                out[name] = (low, high)
        else:
            check.add(loc, f"{value!r} is neither a number nor a range [low, high]")
    return out


def _ensemble(check: _Checker, block: Any) -> dict[str, Any]:
    if block is None:
        return {}
    if not isinstance(block, dict):
        check.add(("ensemble",), "must be a mapping {samples, seed, method}")
        return {}
    check.unknown_keys(block, {"samples", "seed", "method"}, ("ensemble",))
    out: dict[str, Any] = {}
    samples, seed, method = block.get("samples"), block.get("seed"), block.get("method")
    if samples is not None:
        if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
            check.add(("ensemble", "samples"), f"{samples!r} is not a positive integer")
        else:
            out["samples"] = samples
    if seed is not None:
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            check.add(("ensemble", "seed"), f"{seed!r} is not a non-negative integer")
        else:
            out["seed"] = seed
    if method is not None:
        if method not in METHODS:
            check.add(("ensemble", "method"), f"{method!r} is not one of {', '.join(METHODS)}")
        else:
            out["method"] = method
    return out


def scenario_inputs(scenario: Scenario, history: list[Setting]) -> Inputs:
    """History (evidence) before the start year, carried forward; the scenario's settings on top.

    The run is simulated from SIMULATION_START so that arsenal, fears, hedging, reputation and
    China's posture carry their history into the scenario; results are reported from `scenario.start`.
    From `start` on, every lever and every continuous shock (adversary alignment) keeps the level the
    evidence recorded for the year before `start`, unless the scenario sets it (docs/decisions/dynamics.md);
    a lever the evidence never sets keeps its documented default.
    """
    first = min(SIMULATION_START, scenario.start)
    past = []
    for s in history:
        if s.start >= scenario.start:
            continue
        last = scenario.start - 1 if s.end is None else min(s.end, scenario.start - 1)
        past.append(Setting(s.kind, s.name, s.value, s.start, last, s.ally))
    return build_inputs(first, scenario.end, scenario.levers + scenario.shocks, report_from=scenario.start,
                        history=past, hold_from=scenario.start)
