"""Scenarios (SYSTEM.md §3.7): YAML files of lever settings, shocks, parameter overrides and ensemble defaults.

A scenario file is validated by the pydantic model `ScenarioFile` (vocabulary from
`umbrella.dynamics.vocabulary`, parameters from `umbrella.dynamics.parameters`, so new levers,
shocks, allies and parameters need no change here); every problem becomes one
`PATH:LINE: FIELD: message` line. Each field and entry is checked on its own first; relations
between them (a setting after `end`, two settings that overlap) once every entry is valid.
`read_library(folder)` reads a scenario library, `read_scenario(path)` one file; `scenario_inputs`
lays a scenario over the history recorded in the evidence base (see `history.py`).
"""
from __future__ import annotations

import dataclasses
import pathlib
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, Optional, Union

from pydantic import BeforeValidator, Field, ValidationError, ValidationInfo, field_validator, model_validator
from typing_extensions import Annotated

from umbrella.dynamics.inputs import Inputs, Setting, build_inputs
from umbrella.dynamics.parameters import PARAMETER_BY_NAME
from umbrella.dynamics.vocabulary import ABBREVIATIONS, ALLIES, LEVER_BY_NAME, SHOCK_BY_NAME
from umbrella.errors import InputError, Problem, UnknownName, request_problem, unknown
from umbrella.limits import number_problem
from umbrella.resources import scenarios_dir
from umbrella.validation import Issues, Strict, validate
from umbrella.yamlio import line_of, load_yaml

#: first simulated year: the DPRK's first nuclear test (October 2006); state variables carry history from here
SIMULATION_START = 2006
LATEST_YEAR = 2100
METHODS = ("lhs", "mc", "sobol")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

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


# ---- the file format ---------------------------------------------------------------------------

def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _year(value: Any) -> int:
    if not _is_int(value) or not value <= LATEST_YEAR:
        raise ValueError(f"{value!r} is not a year (an integer up to {LATEST_YEAR})")
    if value < SIMULATION_START:
        # the model's initial state is that of 2006 (first DPRK test); earlier years would be invented
        raise ValueError(f"{value} is before the first simulated year {SIMULATION_START}")
    return value


def _number(value: Any) -> bool:
    return number_problem(value) is None       # finite, within the input limits, not a bool


Year = Annotated[int, BeforeValidator(_year)]


class _Entry(Strict):
    """One item of `levers:` or `shocks:`: a piecewise-constant setting from `from` to `to` (inclusive)."""
    ally: Optional[str] = None
    value: Any = None
    from_: Optional[Year] = Field(None, alias="from")
    to: Optional[Year] = None
    kind: ClassVar[str] = "lever"

    def declaration(self) -> Any:
        raise NotImplementedError

    @model_validator(mode="wrap")
    @classmethod
    def _every_problem(cls, data: Any, handler: Any) -> "_Entry":
        """The entry's names are checked against the vocabulary on their own, so that an unknown
        lever does not hide an unknown ally or a year out of range (and the other way round)."""
        issues = Issues()
        if isinstance(data, dict):
            cls._vocabulary(data, issues)
        try:
            entry = handler(data)
        except ValidationError as exc:
            issues.extend(exc)
            issues.raise_if_any()
            raise
        issues.raise_if_any()
        return entry

    @classmethod
    def _vocabulary(cls, raw: dict, issues: Issues) -> None:
        """Problems of the raw entry's lever/shock, ally and value against the vocabulary."""
        name, ally, table = raw.get(cls.kind), raw.get("ally"), LEVER_BY_NAME if cls.kind == "lever" else SHOCK_BY_NAME
        decl = table.get(name) if isinstance(name, str) else None
        if isinstance(name, str) and decl is None:
            issues.add((cls.kind,), unknown(cls.kind, name, table))
        if isinstance(ally, str) and ally not in ALLIES:
            issues.add(("ally",), unknown("ally", ally, ALLIES, aliases=ABBREVIATIONS))
        elif ally is not None and decl is not None and (cls.kind == "shock" or not decl.per_ally):
            issues.add(("ally",), f"{cls.kind} {name!r} is not set per ally")
        if decl is None:
            return
        needs_value = cls.kind == "lever" or decl.continuous or "value" in raw
        if needs_value and "value" not in raw:
            issues.add((), "`value` is required")
        elif needs_value and decl.check(raw["value"]):
            issues.add(("value",), decl.check(raw["value"]), raw["value"])

    @model_validator(mode="after")
    def _years(self) -> "_Entry":
        issues = Issues()
        if self.from_ is not None and self.to is not None and self.from_ > self.to:
            issues.add(("from",), f"`from` {self.from_} is after `to` {self.to}")
        issues.raise_if_any()
        return self

    def needs_value(self, decl: Any) -> bool:
        return self.kind == "lever" or decl.continuous or "value" in self.model_fields_set


class LeverEntry(_Entry):
    lever: str

    def declaration(self) -> tuple[str, Any]:
        return self.lever, LEVER_BY_NAME.get(self.lever)


class ShockEntry(_Entry):
    shock: str
    kind: ClassVar[str] = "shock"

    def declaration(self) -> tuple[str, Any]:
        return self.shock, SHOCK_BY_NAME.get(self.shock)


class EnsembleBlock(Strict):
    """Ensemble defaults of a scenario (explicit `samples`/`seed`/`method` of a request win)."""
    samples: Optional[int] = None
    seed: Optional[int] = None
    method: Optional[str] = None

    @field_validator("samples", "seed", "method", mode="before")
    @classmethod
    def _valid(cls, value: Any, info: ValidationInfo) -> Any:
        wrong = {"samples": lambda v: not _is_int(v) or v < 1, "seed": lambda v: not _is_int(v) or v < 0,
                 "method": lambda v: v not in METHODS}[info.field_name]
        if value is not None and wrong(value):
            raise ValueError(f"{value!r} is not " + {"samples": "a positive integer", "seed": "a non-negative integer",
                                                     "method": f"one of {', '.join(METHODS)}"}[info.field_name])
        return value


class ScenarioFile(Strict):
    """The YAML format of a scenario (SYSTEM.md §3.7)."""
    id: str
    title: dict
    description: Optional[dict] = None
    start: Year
    end: Year
    levers: Optional[list[LeverEntry]] = None
    shocks: Optional[list[ShockEntry]] = None
    parameters: Optional[dict[str, Any]] = None
    ensemble: Optional[EnsembleBlock] = None
    sources: Optional[list] = None
    notes: Any = None

    @field_validator("id", mode="before")
    @classmethod
    def _id(cls, value: Any) -> Any:
        if not isinstance(value, str) or not _ID.match(value):
            raise ValueError(f"{value!r} is not a lower-kebab-case id")
        return value

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: Any) -> Any:
        if not (isinstance(value, dict) and all(isinstance(value.get(k), str) and value.get(k) for k in ("en", "zh"))):
            raise ValueError("needs `en` and `zh` strings")
        return value

    @field_validator("sources", mode="before")
    @classmethod
    def _sources(cls, value: Any) -> Any:
        if value is not None and not isinstance(value, list):
            raise ValueError("must be a list of sources")
        return value

    @field_validator("parameters", mode="before")
    @classmethod
    def _overrides(cls, items: Any) -> Any:
        """A declared parameter fixed to a number or narrowed to [low, high], inside its declared range."""
        if items is None:
            return None
        if not isinstance(items, dict):
            raise ValueError("must be a mapping of parameter name to a number or [low, high]")
        issues = Issues()
        out: dict[str, Override] = {}
        for name, value in items.items():
            decl = PARAMETER_BY_NAME.get(name)
            bounds = f"[{decl.low:g}, {decl.high:g}]" if decl else ""
            if decl is None:
                issues.add((name,), unknown("parameter", name, PARAMETER_BY_NAME, listing=False)
                           + " (see `umbrella params`)")
            elif _number(value):
                if decl.low <= value <= decl.high:
                    out[name] = float(value)
                else:
                    issues.add((name,), f"{value!r} is outside the declared range {bounds}")
            elif isinstance(value, list) and len(value) == 2 and all(_number(v) for v in value):
                low, high = float(value[0]), float(value[1])
                if low > high:
                    issues.add((name,), f"range [{low:g}, {high:g}]: low is above high")
                elif low < decl.low or high > decl.high:
                    issues.add((name,), f"range [{low:g}, {high:g}] is outside the declared range {bounds}")
                else:
                    out[name] = (low, high)
            else:
                issues.add((name,), f"{value!r} is neither a number nor a range [low, high]")
        issues.raise_if_any()
        return out

    @model_validator(mode="after")
    def _relations(self, info: ValidationInfo) -> "ScenarioFile":
        issues = Issues()
        if self.start > self.end:
            issues.add(("start",), f"`start` {self.start} is after `end` {self.end}")
        else:
            lines = (info.context or {}).get("lines", {})
            for key in ("levers", "shocks"):
                for loc, message in _overlaps(self.settings(key), key, lines):
                    issues.add(loc, message)
                for i, item in enumerate(getattr(self, key) or []):
                    if item.from_ is not None and item.from_ > self.end:
                        issues.add((key, i, "from"), f"`from` {item.from_} is after `end` {self.end}")
        issues.raise_if_any()
        return self

    def settings(self, key: str) -> list[tuple[Setting, int, bool]]:
        """(setting, index, explicit `to`) of each entry of `levers`/`shocks`."""
        out = []
        for i, item in enumerate(getattr(self, key) or []):
            name, decl = item.declaration()
            first = self.start if item.from_ is None else item.from_
            last = self.end if item.to is None else item.to
            if item.kind == "shock" and not decl.continuous and item.from_ is not None and item.to is None:
                last = first          # a one-off event covers its year only
            value = item.value if item.needs_value(decl) else 1.0
            out.append((Setting(item.kind, name, float(value) if item.kind == "shock" else value, first, last,
                                item.ally), i, item.to is not None))
        return out

    def scenario(self, path: Optional[str] = None) -> Scenario:
        return Scenario(self.id, self.title, self.start, self.end,
                        [s for s, _ in _piecewise(self.settings("levers"))],
                        [s for s, _ in _piecewise(self.settings("shocks"))],
                        dict(self.parameters or {}),
                        self.ensemble.model_dump(exclude_none=True) if self.ensemble else {},
                        list(self.sources or []), self.description, path)


def _overlaps(items: list[tuple[Setting, int, bool]], key: str, lines: dict) -> list[tuple[tuple, str]]:
    out = []
    kept: list[tuple[Setting, int]] = []
    for setting, i in _piecewise(items):
        for other, j in kept:
            if other.name == setting.name and _overlap(setting, other):
                out.append(((key, i), f"overlaps the setting of {setting.name!r} at line {line_of(lines, (key, j))}"))
                break
        else:
            kept.append((setting, i))
    return out


def _piecewise(items: list[tuple[Setting, int, bool]]) -> list[tuple[Setting, int]]:
    """Levers are piecewise constant (SYSTEM.md §3.7): a setting without `to` runs until the next
    setting of the same lever (and ally) begins, so `{value: a, from: 2025}, {value: b, from: 2030}`
    is a series, not an overlap. Explicit `[from, to]` ranges that intersect remain errors."""
    out = []
    for setting, i, explicit_end in items:
        if not explicit_end:
            later = [o.start for o, _, _ in items if o is not setting and o.name == setting.name
                     and o.ally == setting.ally and o.start > setting.start]
            if later and (setting.end is None or min(later) - 1 < setting.end):
                setting = dataclasses.replace(setting, end=min(later) - 1)
        out.append((setting, i))
    return out


def _overlap(a: Setting, b: Setting) -> bool:
    if a.ally is not None and b.ally is not None and a.ally != b.ally:
        return False
    a_end = LATEST_YEAR if a.end is None else a.end
    b_end = LATEST_YEAR if b.end is None else b.end
    return a.start <= b_end and b.start <= a_end


# ---- reading -----------------------------------------------------------------------------------

def parse_scenario(data: Any, lines: dict, path: str) -> Scenario:
    """A scenario from parsed YAML (`data`, its line map `lines`, shown as `path`)."""
    if not isinstance(data, dict):
        raise InputError([Problem(path, 1, "-", "a scenario must be a mapping")])
    return validate(ScenarioFile, data, path, lines, context={"lines": lines}).scenario(path)


def read_scenario(path: pathlib.Path, display: Optional[str] = None) -> Scenario:
    """One scenario file."""
    shown = display or str(path)
    data, lines = load_yaml(pathlib.Path(path), shown)
    return parse_scenario(data, lines, shown)


def read_library(directory: pathlib.Path) -> dict[str, Scenario]:
    """Every `*.yaml` of a scenario library, by id; every problem of every file at once."""
    scenarios: dict[str, Scenario] = {}
    problems: list[Problem] = []
    for path in sorted(pathlib.Path(directory).glob("*.yaml")):
        try:
            sc = read_scenario(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if sc.id in scenarios:
            problems.append(Problem(str(path), 1, "id", f"duplicate scenario id {sc.id!r} (also {scenarios[sc.id].path})"))
        scenarios[sc.id] = sc
    if problems:
        raise InputError(problems)
    return dict(sorted(scenarios.items()))


def library() -> list[str]:
    """Ids of the bundled scenarios (file stems of the bundled library)."""
    return sorted(p.stem for p in scenarios_dir().glob("*.yaml"))


def load_scenario(ref: Union[str, pathlib.Path]) -> Scenario:
    """A bundled scenario id or the path of a scenario YAML file (a convenience for Python users;
    `umbrella.lab.Lab` reads its library once)."""
    path = pathlib.Path(ref)
    if not path.is_file():
        if str(ref) not in library():
            raise request_problem("scenario", unknown("scenario", ref, library(), of="(nor a scenario file)"),
                                  UnknownName)
        path = scenarios_dir() / f"{ref}.yaml"
    return read_scenario(path)


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
