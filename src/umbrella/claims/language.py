"""The check language: a claim's `check:` is data, one of a handful of kinds.

Each kind declares its fields once (`KINDS`): which are required, which are optional, and what
they must hold. `validate(check, loc, refs)` returns one `(loc, field, message)` per problem, so
the ledger loader can report `PATH:LINE: FIELD: message`. The evaluators are in `evaluate.py`;
the language is documented in docs/model/claims.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from umbrella.limits import number_problem

#: comparison operators usable wherever a value is expected (`{min: 3}`, `{contains: "NCG"}`)
OPERATORS = ("eq", "ne", "in", "contains", "min", "max", "lt", "gt", "le", "ge")
#: per-sample directions of a paired comparison
DIRECTIONS = ("increase", "decrease", "nondecrease", "nonincrease", "unchanged")
#: shapes of a response over a lever grid
RESPONSES = ("increasing", "decreasing", "nondecreasing", "nonincreasing", "non_monotone", "peaked",
             "valley", "flat")
#: how a theory's accuracy is scored: conceded or not (every theory), or its own outcome
SCORINGS = ("binary", "native")
#: fields that hold a name (looked up in the models' tables)
NAME_FIELDS = ("records", "id", "theory", "case", "game", "quantity", "variable", "actor", "direction", "lever",
               "shock", "ally", "response", "versus", "scoring")
RECORD_KINDS = ("actors", "alliances", "mechanisms", "deployments", "events", "surveys", "disputes")
TERM_KINDS = ("variable", "lever", "shock", "parameter", "game", "game_parameter", "game_outcome",
              "theory", "record", "record_kind")


@dataclass(frozen=True)
class Kind:
    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    summary: str = ""
    one_of: tuple[tuple[str, ...], ...] = ()   # groups where exactly one field must be present


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("evidence", ("records",), ("id", "where", "count", "note"),
         "records of a kind exist with the given fields/values; `count` bounds how many"),
    Kind("vocabulary", ("terms",), ("note",),
         "each term is a declared model name and its declaration carries the stated meaning"),
    Kind("theory", ("theory",), ("case", "cell", "predicted", "observed", "match", "accuracy", "scoring",
                                 "versus", "better", "note"),
         "a theory's prediction for a case or a condition cell, a case's observed value, its accuracy "
         "(binary or its own outcome), or a paired comparison with another theory"),
    Kind("game", ("game", "expect"), ("set", "over", "note"),
         "quantities of the solved game at given parameters (over the declared box or at the defaults)"),
    Kind("game_statics", ("game", "vary", "quantity", "direction"), ("set", "over", "tolerance", "note"),
         "an equilibrium quantity moves in a direction as one parameter moves, other parameters fixed"),
    Kind("scenario_compare", ("a", "b", "variable", "actor", "direction"), ("year", "tolerance", "note"),
         "scenario B vs A (same parameter draws), per sample: does the variable move in the direction"),
    Kind("scenario_value", ("scenario", "variable", "actor", "value"), ("year", "note"),
         "per sample, a variable of one scenario satisfies a condition ({min: 0.01}, {max: 0.5})"),
    Kind("lever_sweep", ("variable", "actor", "values", "response"),
         ("base", "lever", "shock", "ally", "from", "to", "year", "tolerance", "note"),
         "response of a variable to a lever or shock set to each value of a grid, per sample",
         one_of=(("lever", "shock"),)),
    Kind("all", ("checks",), ("note",), "every sub-check holds"),
    Kind("any", ("checks",), ("note",), "at least one sub-check holds"),
)}


@dataclass
class Refs:
    """The names a ledger may refer to, gathered from the models (or given by tests)."""
    variables: dict[str, tuple[str, ...]] = field(default_factory=dict)   # variable -> actors
    levers: dict[str, Any] = field(default_factory=dict)                   # name -> Lever declaration
    shocks: dict[str, Any] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)               # dynamics parameters
    scenarios: set[str] = field(default_factory=set)
    games: dict[str, Any] = field(default_factory=dict)                    # id -> Game
    theories: set[str] = field(default_factory=set)
    records: dict[str, set[str]] = field(default_factory=dict)             # kind -> ids
    record_fields: dict[str, set[str]] = field(default_factory=dict)       # kind -> field/attribute names
    dynamics: bool = False     # the regional model is importable
    theory_available: bool = False
    # (game id, fixed parameters) -> the solved result at the defaults otherwise, for checking result
    # paths when the ledger is loaded; None: paths are checked against their root only
    game_result: Optional[Callable[[str, dict], dict]] = None


Issue = tuple[tuple, str]   # (location inside the ledger, message)


def validate(check: Any, loc: tuple, refs: Refs) -> list[Issue]:
    """Every problem of one check (recursing into `all`/`any`)."""
    if not isinstance(check, dict):
        return [(loc, "a check must be a mapping with a `kind`")]
    kind_name = check.get("kind")
    if not isinstance(kind_name, str) or kind_name not in KINDS:
        return [(loc + ("kind",), f"unknown check kind {kind_name!r} (known: {', '.join(KINDS)})")]
    names = [(loc + (key,), f"{check[key]!r} is not a name") for key in NAME_FIELDS
             if key in check and not isinstance(check[key], str)]
    if names:
        return names   # the checks below look names up in tables
    kind = KINDS[kind_name]
    issues: list[Issue] = []
    allowed = set(kind.required) | set(kind.optional) | {"kind"}
    for key in check:
        if key not in allowed:
            issues.append((loc + (key,), f"unknown field for a {kind_name} check (allowed: "
                                         f"{', '.join(sorted(allowed))})"))
    for key in kind.required:
        if key not in check:
            issues.append((loc + (key,), f"missing (a {kind_name} check needs {', '.join(kind.required)})"))
    for group in kind.one_of:
        present = [g for g in group if g in check]
        if len(present) != 1:
            issues.append((loc, f"a {kind_name} check needs exactly one of {', '.join(group)}"))
    for key in ("year", "from", "to"):
        if key in check and (isinstance(check[key], bool) or not isinstance(check[key], int)):
            issues.append((loc + (key,), f"{check[key]!r} is not a year"))
    if "tolerance" in check:
        tolerance = check["tolerance"]
        message = number_problem(tolerance) or (f"{tolerance!r} is not a non-negative number" if tolerance < 0 else None)
        if message:
            issues.append((loc + ("tolerance",), message))
    if issues:
        return issues
    return issues + _VALIDATORS[kind_name](check, loc, refs)


# ---- per-kind validation -----------------------------------------------------------------------

def _condition_issues(spec: Any, loc: tuple) -> list[Issue]:
    """A value condition: a scalar/list (equality) or a mapping of operators."""
    if isinstance(spec, dict):
        bad = [k for k in spec if k not in OPERATORS]
        if bad:
            return [(loc + (bad[0],), f"unknown operator {bad[0]!r} (known: {', '.join(OPERATORS)})")]
    return []


def _evidence(check: dict, loc: tuple, refs: Refs) -> list[Issue]:
    kind = check["records"]
    if kind not in RECORD_KINDS:
        return [(loc + ("records",), f"unknown record kind {kind!r} (known: {', '.join(RECORD_KINDS)})")]
    issues: list[Issue] = []
    if "id" in check and refs.records and check["id"] not in refs.records.get(kind, set()):
        issues.append((loc + ("id",), f"unknown record {check['id']!r} among {kind}"))
    where = check.get("where", {})
    if not isinstance(where, dict):
        return issues + [(loc + ("where",), "must be a mapping field -> value or {operator: value}")]
    known = refs.record_fields.get(kind)
    for name, spec in where.items():
        if known is not None and str(name).split(".")[0] not in known:
            issues.append((loc + ("where", name), f"unknown field of {kind} (known: {', '.join(sorted(known))})"))
        issues += _condition_issues(spec, loc + ("where", name))
    count = check.get("count", {"min": 1})
    if not isinstance(count, dict) or any(k not in ("min", "max") or not isinstance(v, int) for k, v in count.items()):
        issues.append((loc + ("count",), "must be {min: N} and/or {max: N} with integers"))
    return issues


def _vocabulary(check: dict, loc: tuple, refs: Refs) -> list[Issue]:
    terms = check["terms"]
    if not isinstance(terms, list) or not terms:
        return [(loc + ("terms",), "must be a non-empty list of {TERM_KIND: NAME, meaning: [...]}")]
    issues: list[Issue] = []
    for i, term in enumerate(terms):
        where = loc + ("terms", i)
        if not isinstance(term, dict):
            issues.append((where, "a term must be a mapping"))
            continue
        kinds = [k for k in term if k in TERM_KINDS]
        extra = [k for k in term if k not in TERM_KINDS and k != "meaning"]
        if len(kinds) != 1 or extra:
            issues.append((where, f"a term names exactly one of {', '.join(TERM_KINDS)} (plus optional meaning)"))
            continue
        meaning = term.get("meaning", [])
        if not isinstance(meaning, list) or not all(isinstance(m, str) for m in meaning):
            issues.append((where + ("meaning",), "must be a list of words or phrases"))
        message = _unknown_term(kinds[0], term[kinds[0]], refs)
        if message:
            issues.append((where + (kinds[0],), message))
    return issues


def _unknown_term(kind: str, name: Any, refs: Refs) -> Optional[str]:
    """Names of the dynamic model and the games are validated (a typo is an input error); whether a
    record or theory exists is what a vocabulary check evaluates, so those are not."""
    if not isinstance(name, str):
        return f"{name!r} is not a name"
    table = {"variable": refs.variables, "lever": refs.levers, "shock": refs.shocks,
             "parameter": refs.parameters}.get(kind)
    if table is not None and refs.dynamics and name not in table:
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


def _theory(check: dict, loc: tuple, refs: Refs) -> list[Issue]:
    issues: list[Issue] = []
    if refs.theory_available and check["theory"] not in refs.theories:
        issues.append((loc + ("theory",), f"unknown theory {check['theory']!r} (known: {', '.join(sorted(refs.theories))})"))
    modes = [k for k in ("case", "cell", "accuracy", "versus") if k in check]
    if len(modes) != 1:
        issues.append((loc, "a theory check needs exactly one of case, cell, accuracy, versus"))
        return issues
    if "scoring" in check and (modes[0] != "accuracy" or check["scoring"] not in SCORINGS):
        issues.append((loc + ("scoring",), f"scoring goes with accuracy and is one of {', '.join(SCORINGS)}"))
    if ("better" in check) != (modes[0] == "versus") or ("better" in check and not isinstance(check["better"], bool)):
        issues.append((loc + ("better",), "a versus check needs `better: true|false` (and only it has one)"))
    if modes[0] == "versus" and refs.theory_available and check["versus"] not in refs.theories:
        issues.append((loc + ("versus",), f"unknown theory {check['versus']!r} (known: {', '.join(sorted(refs.theories))})"))
    if "case" in check and refs.records and check["case"] not in refs.records.get("disputes", set()):
        issues.append((loc + ("case",), f"unknown record {check['case']!r} among disputes"))
    if "cell" in check and not isinstance(check["cell"], dict):
        issues.append((loc + ("cell",), "must map condition names to values"))
    if modes[0] in ("case", "cell") and not any(k in check for k in ("predicted", "observed", "match")):
        issues.append((loc, "say what to expect: predicted, observed and/or match"))
    if "accuracy" in check:
        issues += _condition_issues(check["accuracy"], loc + ("accuracy",))
    return issues


def _game_common(check: dict, loc: tuple, refs: Refs) -> tuple[list[Issue], Any]:
    game = refs.games.get(check["game"])
    if game is None:
        return [(loc + ("game",), f"unknown game {check['game']!r} (known: {', '.join(refs.games)})")], None
    issues: list[Issue] = []
    names = {p.name for p in game.parameters}
    sets = check.get("set", {})
    if not isinstance(sets, dict):
        issues.append((loc + ("set",), "must map parameter names to numbers"))
        sets = {}
    for name, value in sets.items():
        if name not in names:
            issues.append((loc + ("set", name), f"unknown parameter of game {game.id!r}"))
        elif number_problem(value):
            issues.append((loc + ("set", name), number_problem(value)))
    if check.get("over", "box") not in ("box", "defaults"):
        issues.append((loc + ("over",), "must be box or defaults"))
    return issues, game


RESULT_ROOTS = ("outcome", "path", "payoffs", "outcome_probabilities", "strategy", "beliefs", "analysis",
                "params", "equilibrium")


def _result_path_issues(check: dict, path: Any, loc: tuple, refs: Refs, numeric: bool = False) -> list[Issue]:
    """A result path must resolve in the solved game (at the defaults and the check's `set`)."""
    root = str(path).split(".")[0]
    if root not in RESULT_ROOTS:
        return [(loc, f"unknown result path {path!r} (it starts with one of {', '.join(RESULT_ROOTS)})")]
    if refs.game_result is None:
        return []
    from umbrella.claims.evaluate import resolve
    from umbrella.errors import InputError
    try:
        result = refs.game_result(check["game"], dict(check.get("set", {})))
    except InputError as exc:
        return [(loc[:-2] + ("set",), "; ".join(p.message for p in exc.problems))]
    try:
        value = resolve(result, str(path))
    except KeyError:
        return [(loc, f"result path {path!r} does not resolve in a solved {check['game']!r}")]
    if numeric and (isinstance(value, (dict, list, str)) or value is None):
        return [(loc, f"result path {path!r} is not a number in a solved {check['game']!r}")]
    return []


def _game(check: dict, loc: tuple, refs: Refs) -> list[Issue]:
    issues, game = _game_common(check, loc, refs)
    expect = check["expect"]
    if not isinstance(expect, dict) or not expect:
        return issues + [(loc + ("expect",), "must map result paths (outcome, analysis.X, payoffs.P) to values")]
    for path, spec in expect.items():
        issues += _condition_issues(spec, loc + ("expect", path))
        if game is not None and not issues:
            issues += _result_path_issues(check, path, loc + ("expect", path), refs)
            for op, arg in (spec.items() if isinstance(spec, dict) else ()):
                if op in ("lt", "gt", "le", "ge") and isinstance(arg, str):
                    issues += _result_path_issues(check, arg, loc + ("expect", path, op), refs, numeric=True)
    if game is not None and "outcome" in expect and isinstance(expect["outcome"], str) \
            and expect["outcome"] not in game.outcomes:
        issues.append((loc + ("expect", "outcome"), f"unknown outcome of game {game.id!r} "
                                                     f"(known: {', '.join(game.outcomes)})"))
    return issues


def _game_statics(check: dict, loc: tuple, refs: Refs) -> list[Issue]:
    issues, game = _game_common(check, loc, refs)
    vary = check["vary"]
    if not (isinstance(vary, dict) and len(vary) == 1):
        return issues + [(loc + ("vary",), "must be {PARAMETER: [FROM, TO]}")]
    (name, span), = vary.items()
    if game is not None and name not in {p.name for p in game.parameters}:
        issues.append((loc + ("vary", name), f"unknown parameter of game {game.id!r}"))
    if not (isinstance(span, list) and len(span) == 2):
        issues.append((loc + ("vary", name), "must be [FROM, TO] numbers"))
    else:
        issues += [(loc + ("vary", name, i), number_problem(v)) for i, v in enumerate(span) if number_problem(v)]
    if check["direction"] not in DIRECTIONS:
        issues.append((loc + ("direction",), f"bad direction {check['direction']!r} (known: {', '.join(DIRECTIONS)})"))
    if game is not None and not issues:
        issues += _result_path_issues(check, check["quantity"], loc + ("quantity",), refs, numeric=True)
    return issues


def _scenario_ref_issues(spec: Any, loc: tuple, refs: Refs) -> list[Issue]:
    """A scenario: a library id, or {base: ID, levers: [...], shocks: [...]} (same item shape as a
    scenario file's `levers:`/`shocks:`)."""
    if isinstance(spec, str):
        if refs.dynamics and spec not in refs.scenarios:
            return [(loc, f"unknown scenario {spec!r} (known: {', '.join(sorted(refs.scenarios))})")]
        return []
    if not isinstance(spec, dict) or set(spec) - {"base", "levers", "shocks"}:
        return [(loc, "a scenario is a library id or {base: ID, levers: [...], shocks: [...]}")]
    issues = _scenario_ref_issues(spec.get("base", "baseline"), loc + ("base",), refs)
    for i, item in enumerate(spec.get("levers", []) or []):
        issues += _setting_issues(item, "lever", loc + ("levers", i), refs)
    for i, item in enumerate(spec.get("shocks", []) or []):
        issues += _setting_issues(item, "shock", loc + ("shocks", i), refs)
    return issues


def _setting_issues(item: Any, kind: str, loc: tuple, refs: Refs) -> list[Issue]:
    if not isinstance(item, dict) or not isinstance(item.get(kind), str):
        return [(loc, f"must be a mapping with `{kind}: NAME`")]
    if not refs.dynamics:
        return []
    table = refs.levers if kind == "lever" else refs.shocks
    decl = table.get(item[kind])
    if decl is None:
        return [(loc + (kind,), f"unknown {kind} {item[kind]!r} (known: {', '.join(table)})")]
    value = item.get("value", 1.0 if kind == "shock" else None)
    message = decl.check(value)
    if message:
        return [(loc + ("value",), message)]
    if "ally" in item and item["ally"] not in refs.variables.get("threat", ("KOR", "JPN")):
        return [(loc + ("ally",), f"unknown ally {item['ally']!r}")]
    return []


def _variable_issues(check: dict, loc: tuple, refs: Refs) -> list[Issue]:
    if not refs.dynamics:
        return []
    actors = refs.variables.get(check["variable"])
    if actors is None:
        return [(loc + ("variable",), f"unknown variable {check['variable']!r} (known: {', '.join(refs.variables)})")]
    if check["actor"] not in actors:
        return [(loc + ("actor",), f"variable {check['variable']!r} is keyed by {', '.join(actors)}, "
                                   f"not {check['actor']!r}")]
    return []


def _scenario_compare(check: dict, loc: tuple, refs: Refs) -> list[Issue]:
    issues = _scenario_ref_issues(check["a"], loc + ("a",), refs)
    issues += _scenario_ref_issues(check["b"], loc + ("b",), refs)
    issues += _variable_issues(check, loc, refs)
    if check["direction"] not in DIRECTIONS:
        issues.append((loc + ("direction",), f"bad direction {check['direction']!r} (known: {', '.join(DIRECTIONS)})"))
    return issues


def _scenario_value(check: dict, loc: tuple, refs: Refs) -> list[Issue]:
    issues = _scenario_ref_issues(check["scenario"], loc + ("scenario",), refs)
    issues += _variable_issues(check, loc, refs)
    value = check["value"]
    if not isinstance(value, dict) or not value or any(k not in ("min", "max", "lt", "gt", "le", "ge") for k in value):
        issues.append((loc + ("value",), "must be a mapping of min/max/lt/gt/le/ge to numbers"))
    return issues


def _lever_sweep(check: dict, loc: tuple, refs: Refs) -> list[Issue]:
    issues = _scenario_ref_issues(check.get("base", "baseline"), loc + ("base",), refs)
    issues += _variable_issues(check, loc, refs)
    kind = "lever" if "lever" in check else "shock"
    values = check["values"]
    if not isinstance(values, list) or len(values) < 2:
        issues.append((loc + ("values",), "must be a list of at least two values"))
    else:
        for i, value in enumerate(values):
            item = {kind: check[kind], "value": value}
            if "ally" in check:
                item["ally"] = check["ally"]
            for where, message in _setting_issues(item, kind, loc, refs):
                field_loc = loc + ("values", i) if where[-1] == "value" else loc + where[len(loc):]
                issues.append((field_loc, message))
    if check["response"] not in RESPONSES:
        issues.append((loc + ("response",), f"bad response {check['response']!r} (known: {', '.join(RESPONSES)})"))
    return list(dict.fromkeys(issues))


def _combinator(check: dict, loc: tuple, refs: Refs) -> list[Issue]:
    checks = check["checks"]
    if not isinstance(checks, list) or not checks:
        return [(loc + ("checks",), "must be a non-empty list of checks")]
    issues: list[Issue] = []
    for i, sub in enumerate(checks):
        issues += validate(sub, loc + ("checks", i), refs)
    return issues


_VALIDATORS: dict[str, Callable[[dict, tuple, Refs], list[Issue]]] = {
    "evidence": _evidence, "vocabulary": _vocabulary, "theory": _theory, "game": _game,
    "game_statics": _game_statics, "scenario_compare": _scenario_compare, "scenario_value": _scenario_value,
    "lever_sweep": _lever_sweep,
    "all": _combinator, "any": _combinator,
}
