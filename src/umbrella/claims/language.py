"""The check language: a claim's `check:` is data, one of a handful of kinds.

Each kind is a pydantic model (`EvidenceCheck`, `GameCheck`, ...) and `Check` is their union,
discriminated by `kind`; an unknown kind is an error. A model declares its fields once: to give a
kind a new optional field, add one line to its class (and read it in `evaluate.py`). Names that
only the project's models can confirm (variables, levers, games, result paths, records) are
checked against the `Refs` given as validation context:

    CheckModel.validate_python(check, context={"refs": refs})

Problems become `PATH:LINE: FIELD: message` lines through the ledger loader. The evaluators are in
`evaluate.py`; the language is documented in docs/model/claims.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Literal, Optional, Union

from pydantic import BeforeValidator, Field, StrictBool, TypeAdapter, ValidationInfo, model_validator
from typing_extensions import Annotated

from umbrella.limits import number_problem
from umbrella.validation import Issues, Strict

#: comparison operators usable wherever a value is expected (`{min: 3}`, `{contains: "NCG"}`)
OPERATORS = ("eq", "ne", "in", "contains", "min", "max", "lt", "gt", "le", "ge")
#: per-sample directions of a paired comparison
DIRECTIONS = ("increase", "decrease", "nondecrease", "nonincrease", "unchanged")
#: shapes of a response over a lever grid
RESPONSES = ("increasing", "decreasing", "nondecreasing", "nonincreasing", "non_monotone", "peaked",
             "valley", "flat")
#: how a theory's accuracy is scored: conceded or not (every theory), or its own outcome
SCORINGS = ("binary", "native")
RECORD_KINDS = ("actors", "alliances", "mechanisms", "deployments", "events", "surveys", "disputes")
TERM_KINDS = ("variable", "lever", "shock", "parameter", "game", "game_parameter", "game_outcome",
              "theory", "record", "record_kind")
RESULT_ROOTS = ("outcome", "path", "payoffs", "outcome_probabilities", "strategy", "beliefs", "analysis",
                "params", "equilibrium")


@dataclass
class Refs:
    """The names a ledger may refer to, gathered from the models (or given by tests)."""
    variables: dict[str, tuple[str, ...]] = field(default_factory=dict)   # variable -> actors
    levers: dict[str, Any] = field(default_factory=dict)                   # name -> Lever declaration
    shocks: dict[str, Any] = field(default_factory=dict)
    allies: tuple[str, ...] = ()
    parameters: dict[str, Any] = field(default_factory=dict)               # dynamics parameters
    scenarios: set[str] = field(default_factory=set)
    games: dict[str, Any] = field(default_factory=dict)                    # id -> Game
    theories: set[str] = field(default_factory=set)
    records: dict[str, set[str]] = field(default_factory=dict)             # kind -> ids
    record_fields: dict[str, set[str]] = field(default_factory=dict)       # kind -> field/attribute names
    # (game id, fixed parameters) -> the solved result at the defaults otherwise, for checking result
    # paths when the ledger is loaded; None: paths are checked against their root only
    game_result: Optional[Callable[[str, dict], dict]] = None


def _refs(info: ValidationInfo) -> Refs:
    return (info.context or {}).get("refs") or Refs()


# ---- field types with the language's own messages ------------------------------------------------

def _year(value: Any) -> Any:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError(f"{value!r} is not a year")
    return value


def _tolerance(value: Any) -> Any:
    if value is not None:
        message = number_problem(value) or (f"{value!r} is not a non-negative number" if value < 0 else None)
        if message:
            raise ValueError(message)
    return value


Year = Annotated[Optional[int], BeforeValidator(_year)]
Tolerance = Annotated[Optional[float], BeforeValidator(_tolerance)]
ScenarioRef = Union[str, dict]


def one_of(value: Any, allowed: tuple[str, ...], name: str, issues: Issues) -> None:
    if value not in allowed:
        issues.add((name,), f"bad {name} {value!r} (known: {', '.join(allowed)})")


def condition_issues(spec: Any, loc: tuple, issues: Issues) -> None:
    """A value condition: a scalar/list (equality) or a mapping of operators."""
    if isinstance(spec, dict):
        bad = [k for k in spec if k not in OPERATORS]
        if bad:
            issues.add(loc + (bad[0],), f"unknown operator {bad[0]!r} (known: {', '.join(OPERATORS)})")


class CheckBase(Strict):
    """What every kind has: its `kind` and an optional `note` for readers of the ledger."""
    kind: str
    note: Optional[str] = None

    def refs_issues(self, refs: Refs, issues: Issues) -> None:
        """Add the problems only the models can find (unknown names)."""

    @model_validator(mode="after")
    def _names(self, info: ValidationInfo) -> "CheckBase":
        issues = Issues()
        self.refs_issues(_refs(info), issues)
        issues.raise_if_any()
        return self


# ---- the kinds ---------------------------------------------------------------------------------

class EvidenceCheck(CheckBase):
    """Records of a kind exist with the given fields/values; `count` bounds how many."""
    kind: Literal["evidence"]
    records: str
    id: Optional[str] = None
    where: Any = None
    count: Any = None

    def refs_issues(self, refs: Refs, issues: Issues) -> None:
        if self.records not in RECORD_KINDS:
            issues.add(("records",), f"unknown record kind {self.records!r} (known: {', '.join(RECORD_KINDS)})")
            return
        if self.id is not None and refs.records and self.id not in refs.records.get(self.records, set()):
            issues.add(("id",), f"unknown record {self.id!r} among {self.records}")
        if self.where is not None and not isinstance(self.where, dict):
            issues.add(("where",), "must be a mapping field -> value or {operator: value}")
        known = refs.record_fields.get(self.records)
        for name, spec in (self.where or {}).items() if isinstance(self.where, dict) else ():
            if known is not None and str(name).split(".")[0] not in known:
                issues.add(("where", name), f"unknown field of {self.records} (known: {', '.join(sorted(known))})")
            condition_issues(spec, ("where", name), issues)
        count = {"min": 1} if self.count is None else self.count
        if not isinstance(count, dict) or any(k not in ("min", "max") or isinstance(v, bool) or not isinstance(v, int)
                                              for k, v in count.items()):
            issues.add(("count",), "must be {min: N} and/or {max: N} with integers")


class VocabularyCheck(CheckBase):
    """Each term is a declared model name and its declaration carries the stated meaning."""
    kind: Literal["vocabulary"]
    terms: Any

    def refs_issues(self, refs: Refs, issues: Issues) -> None:
        if not isinstance(self.terms, list) or not self.terms:
            issues.add(("terms",), "must be a non-empty list of {TERM_KIND: NAME, meaning: [...]}")
            return
        for i, term in enumerate(self.terms):
            where = ("terms", i)
            if not isinstance(term, dict):
                issues.add(where, "a term must be a mapping")
                continue
            kinds = [k for k in term if k in TERM_KINDS]
            if len(kinds) != 1 or any(k not in TERM_KINDS and k != "meaning" for k in term):
                issues.add(where, f"a term names exactly one of {', '.join(TERM_KINDS)} (plus optional meaning)")
                continue
            meaning = term.get("meaning", [])
            if not isinstance(meaning, list) or not all(isinstance(m, str) for m in meaning):
                issues.add(where + ("meaning",), "must be a list of words or phrases")
            message = _unknown_term(kinds[0], term[kinds[0]], refs)
            if message:
                issues.add(where + (kinds[0],), message)


def _unknown_term(kind: str, name: Any, refs: Refs) -> Optional[str]:
    """Names of the dynamic model and the games are validated (a typo is an input error); whether a
    record or theory exists is what a vocabulary check evaluates, so those are not."""
    if not isinstance(name, str):
        return f"{name!r} is not a name"
    table = {"variable": refs.variables, "lever": refs.levers, "shock": refs.shocks,
             "parameter": refs.parameters}.get(kind)
    if table and name not in table:
        return f"unknown {kind} {name!r}"
    if kind == "game" and name not in refs.games:
        return f"unknown game {name!r} (known: {', '.join(refs.games)})"
    if kind in ("game_parameter", "game_outcome"):
        game_id, _, sub = str(name).partition(".")
        if game_id not in refs.games or not sub:
            return f"expected GAME.NAME with a known game (got {name!r})"
    if kind == "record_kind" and name not in RECORD_KINDS:
        return f"unknown record kind {name!r}"
    return None


class TheoryCheck(CheckBase):
    """A theory's prediction for a case or a condition cell, a case's observed value, its accuracy
    (`scoring`: binary, conceded or not, or its own outcome), or a paired comparison with another
    theory (`versus` ... `better: true|false`)."""
    kind: Literal["theory"]
    theory: str
    case: Optional[str] = None
    cell: Any = None
    accuracy: Any = None
    scoring: Optional[str] = None
    versus: Optional[str] = None
    better: Optional[StrictBool] = None
    predicted: Any = None
    observed: Any = None
    match: Any = None

    def refs_issues(self, refs: Refs, issues: Issues) -> None:
        given = self.model_fields_set
        for name in ("theory", "versus"):
            value = getattr(self, name)
            if refs.theories and value is not None and value not in refs.theories:
                issues.add((name,), f"unknown theory {value!r} (known: {', '.join(sorted(refs.theories))})")
        modes = [k for k in ("case", "cell", "accuracy", "versus") if k in given]
        if len(modes) != 1:
            issues.add((), "a theory check needs exactly one of case, cell, accuracy, versus")
            return
        if "scoring" in given and (modes[0] != "accuracy" or self.scoring not in SCORINGS):
            issues.add(("scoring",), f"scoring goes with accuracy and is one of {', '.join(SCORINGS)}")
        if ("better" in given) != (modes[0] == "versus"):
            issues.add(("better",), "a versus check needs `better: true|false` (and only it has one)")
        if self.case is not None and refs.records and self.case not in refs.records.get("disputes", set()):
            issues.add(("case",), f"unknown record {self.case!r} among disputes")
        if "cell" in given and not isinstance(self.cell, dict):
            issues.add(("cell",), "must map condition names to values")
        if modes[0] in ("case", "cell") and not given & {"predicted", "observed", "match"}:
            issues.add((), "say what to expect: predicted, observed and/or match")
        if "accuracy" in given:
            condition_issues(self.accuracy, ("accuracy",), issues)


class _GameBase(CheckBase):
    game: str
    set: Any = None
    over: Any = None

    def game_issues(self, refs: Refs, issues: Issues) -> Any:
        """The declared game (None if unknown), with the problems of `set` and `over`."""
        game = refs.games.get(self.game)
        if game is None:
            issues.add(("game",), f"unknown game {self.game!r} (known: {', '.join(refs.games)})")
            return None
        names = {p.name for p in game.parameters}
        if self.set is not None and not isinstance(self.set, dict):
            issues.add(("set",), "must map parameter names to numbers")
        for name, value in self.fixed().items():
            if name not in names:
                issues.add(("set", name), f"unknown parameter of game {game.id!r}")
            elif number_problem(value):
                issues.add(("set", name), number_problem(value))
        if self.over not in (None, "box", "defaults"):
            issues.add(("over",), "must be box or defaults")
        return game

    def fixed(self) -> dict:
        return dict(self.set) if isinstance(self.set, dict) else {}

    def path_issues(self, path: Any, loc: tuple, refs: Refs, issues: Issues, numeric: bool = False) -> None:
        """A result path must resolve in the solved game (at the defaults and the check's `set`)."""
        if str(path).split(".")[0] not in RESULT_ROOTS:
            issues.add(loc, f"unknown result path {path!r} (it starts with one of {', '.join(RESULT_ROOTS)})")
            return
        if refs.game_result is None:
            return
        from umbrella.claims.evaluate import resolve
        from umbrella.errors import InputError
        try:
            result = refs.game_result(self.game, self.fixed())
        except InputError as exc:
            issues.add(("set",), "; ".join(p.message for p in exc.problems))
            return
        try:
            value = resolve(result, str(path))
        except KeyError:
            issues.add(loc, f"result path {path!r} does not resolve in a solved {self.game!r}")
            return
        if numeric and (isinstance(value, (dict, list, str)) or value is None):
            issues.add(loc, f"result path {path!r} is not a number in a solved {self.game!r}")


class GameCheck(_GameBase):
    """Quantities of the solved game at given parameters (over the declared box or at the defaults)."""
    kind: Literal["game"]
    expect: Any

    def refs_issues(self, refs: Refs, issues: Issues) -> None:
        game = self.game_issues(refs, issues)
        if not isinstance(self.expect, dict) or not self.expect:
            issues.add(("expect",), "must map result paths (outcome, analysis.X, payoffs.P) to values")
            return
        for path, spec in self.expect.items():
            condition_issues(spec, ("expect", path), issues)
            if game is not None and not issues:
                self.path_issues(path, ("expect", path), refs, issues)
                for op, arg in (spec.items() if isinstance(spec, dict) else ()):
                    if op in ("lt", "gt", "le", "ge") and isinstance(arg, str):
                        self.path_issues(arg, ("expect", path, op), refs, issues, numeric=True)
        outcome = self.expect.get("outcome")
        if game is not None and isinstance(outcome, str) and outcome not in game.outcomes:
            issues.add(("expect", "outcome"), f"unknown outcome of game {game.id!r} (known: {', '.join(game.outcomes)})")


class GameStaticsCheck(_GameBase):
    """An equilibrium quantity moves in a direction as one parameter moves, other parameters fixed."""
    kind: Literal["game_statics"]
    vary: Any
    quantity: str
    direction: str
    tolerance: Tolerance = None

    def refs_issues(self, refs: Refs, issues: Issues) -> None:
        game = self.game_issues(refs, issues)
        one_of(self.direction, DIRECTIONS, "direction", issues)
        if not (isinstance(self.vary, dict) and len(self.vary) == 1):
            issues.add(("vary",), "must be {PARAMETER: [FROM, TO]}")
            return
        (name, span), = self.vary.items()
        if game is not None and name not in {p.name for p in game.parameters}:
            issues.add(("vary", name), f"unknown parameter of game {game.id!r}")
        if not (isinstance(span, list) and len(span) == 2):
            issues.add(("vary", name), "must be [FROM, TO] numbers")
        else:
            for i, v in enumerate(span):
                if number_problem(v):
                    issues.add(("vary", name, i), number_problem(v))
        if game is not None and not issues:
            self.path_issues(self.quantity, ("quantity",), refs, issues, numeric=True)


def scenario_issues(spec: Any, loc: tuple, refs: Refs, issues: Issues) -> None:
    """A scenario: a library id, or {base: ID, levers: [...], shocks: [...]} (same item shape as a
    scenario file's `levers:`/`shocks:`)."""
    if isinstance(spec, str):
        if refs.scenarios and spec not in refs.scenarios:
            issues.add(loc, f"unknown scenario {spec!r} (known: {', '.join(sorted(refs.scenarios))})")
        return
    if not isinstance(spec, dict) or set(spec) - {"base", "levers", "shocks"}:
        issues.add(loc, "a scenario is a library id or {base: ID, levers: [...], shocks: [...]}")
        return
    scenario_issues(spec.get("base", "baseline"), loc + ("base",), refs, issues)
    for kind in ("lever", "shock"):
        for i, item in enumerate(spec.get(kind + "s", []) or []):
            setting_issues(item, kind, loc + (kind + "s", i), refs, issues)


def setting_issues(item: Any, kind: str, loc: tuple, refs: Refs, issues: Issues,
                   value_loc: Optional[tuple] = None) -> None:
    """A lever or shock setting in the regional model's vocabulary."""
    if not isinstance(item, dict) or not isinstance(item.get(kind), str):
        issues.add(loc, f"must be a mapping with `{kind}: NAME`")
        return
    table = refs.levers if kind == "lever" else refs.shocks
    if not table:
        return
    decl = table.get(item[kind])
    if decl is None:
        issues.add(loc + (kind,), f"unknown {kind} {item[kind]!r} (known: {', '.join(table)})")
        return
    value = item.get("value", 1.0 if kind == "shock" else None)
    message = decl.check(value)
    if message:
        issues.add(value_loc or loc + ("value",), message)
    elif "ally" in item and refs.allies and item["ally"] not in refs.allies:
        issues.add(loc + ("ally",), f"unknown ally {item['ally']!r}")


class _VariableCheck(CheckBase):
    variable: str
    actor: str
    year: Year = None

    def variable_issues(self, refs: Refs, issues: Issues) -> None:
        if not refs.variables:
            return
        actors = refs.variables.get(self.variable)
        if actors is None:
            issues.add(("variable",), f"unknown variable {self.variable!r} (known: {', '.join(refs.variables)})")
        elif self.actor not in actors:
            issues.add(("actor",), f"variable {self.variable!r} is keyed by {', '.join(actors)}, not {self.actor!r}")


class ScenarioCompareCheck(_VariableCheck):
    """Scenario B vs A (same parameter draws), per sample: does the variable move in the direction."""
    kind: Literal["scenario_compare"]
    a: ScenarioRef
    b: ScenarioRef
    direction: str
    tolerance: Tolerance = None

    def refs_issues(self, refs: Refs, issues: Issues) -> None:
        scenario_issues(self.a, ("a",), refs, issues)
        scenario_issues(self.b, ("b",), refs, issues)
        self.variable_issues(refs, issues)
        one_of(self.direction, DIRECTIONS, "direction", issues)


class ScenarioValueCheck(_VariableCheck):
    """Per sample, a variable of one scenario satisfies a condition ({min: 0.01}, {max: 0.5})."""
    kind: Literal["scenario_value"]
    scenario: ScenarioRef
    value: Any

    def refs_issues(self, refs: Refs, issues: Issues) -> None:
        scenario_issues(self.scenario, ("scenario",), refs, issues)
        self.variable_issues(refs, issues)
        if not isinstance(self.value, dict) or not self.value or any(
                k not in ("min", "max", "lt", "gt", "le", "ge") for k in self.value):
            issues.add(("value",), "must be a mapping of min/max/lt/gt/le/ge to numbers")


class LeverSweepCheck(_VariableCheck):
    """Response of a variable to a lever or shock set to each value of a grid, per sample."""
    kind: Literal["lever_sweep"]
    values: Any
    response: str
    base: ScenarioRef = "baseline"
    lever: Optional[str] = None
    shock: Optional[str] = None
    ally: Optional[str] = None
    from_: Year = Field(None, alias="from")
    to: Year = None
    tolerance: Tolerance = None

    def refs_issues(self, refs: Refs, issues: Issues) -> None:
        if (self.lever is None) == (self.shock is None):
            issues.add((), "a lever_sweep check needs exactly one of lever, shock")
            return
        scenario_issues(self.base, ("base",), refs, issues)
        self.variable_issues(refs, issues)
        one_of(self.response, RESPONSES, "response", issues)
        kind = "lever" if self.lever is not None else "shock"
        if not isinstance(self.values, list) or len(self.values) < 2:
            issues.add(("values",), "must be a list of at least two values")
            return
        seen: set = set()
        for i, value in enumerate(self.values):
            item = {kind: getattr(self, kind), "value": value, **({"ally": self.ally} if self.ally else {})}
            found = Issues()
            setting_issues(item, kind, (), refs, found, value_loc=("values", i))
            for d in found.details:
                key = (d["loc"], str(d["type"]))
                if key not in seen:     # an unknown lever once, not once per grid value
                    seen.add(key)
                    issues.details.append(d)


class AllCheck(CheckBase):
    """Every sub-check holds."""
    kind: Literal["all"]
    checks: list["Check"] = Field(min_length=1)


class AnyCheck(CheckBase):
    """At least one sub-check holds."""
    kind: Literal["any"]
    checks: list["Check"] = Field(min_length=1)


KIND_MODELS: dict[str, type[CheckBase]] = {
    m.model_fields["kind"].annotation.__args__[0]: m for m in (    # type: ignore[union-attr]
        EvidenceCheck, VocabularyCheck, TheoryCheck, GameCheck, GameStaticsCheck, ScenarioCompareCheck,
        ScenarioValueCheck, LeverSweepCheck, AllCheck, AnyCheck)}
KINDS = tuple(KIND_MODELS)


def _known_kind(value: Any) -> Any:
    if not isinstance(value, dict):
        raise ValueError("a check must be a mapping with a `kind`")
    if not isinstance(value.get("kind"), str) or value["kind"] not in KIND_MODELS:
        issues = Issues()
        issues.add(("kind",), f"unknown check kind {value.get('kind')!r} (known: {', '.join(KIND_MODELS)})",
                   value.get("kind"))
        issues.raise_if_any("check")
    return value


Check = Annotated[Union[EvidenceCheck, VocabularyCheck, TheoryCheck, GameCheck, GameStaticsCheck,
                        ScenarioCompareCheck, ScenarioValueCheck, LeverSweepCheck, AllCheck, AnyCheck],
                  Field(discriminator="kind"), BeforeValidator(_known_kind)]
AllCheck.model_rebuild()
AnyCheck.model_rebuild()

#: validates one check: `CheckModel.validate_python(data, context={"refs": refs})`
CheckModel: TypeAdapter = TypeAdapter(Check)


def is_kind_tag(loc: tuple) -> bool:
    """Whether the last part of a validation location is the `kind` tag pydantic adds after a check
    (`check.<kind>`, `checks[i].<kind>`)."""
    return len(loc) >= 2 and loc[-1] in KIND_MODELS and (loc[-2] == "check" or (
        isinstance(loc[-2], int) and len(loc) >= 3 and loc[-3] == "checks"))
