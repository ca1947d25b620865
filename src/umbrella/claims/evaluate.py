"""Evaluators of the check language: one small function per kind, each returning an `Outcome`.

An `Outcome` says, for every point of the uncertain parameter space it looked at, whether the
claim holds there (`holds`, one bool per point) and where those points are (`X`, the parameter
draws; None for a deterministic check, which looks at one point). Statuses, shares and failure
boxes are derived from outcomes in `status.py`, the same way for every kind.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional

import numpy as np

TOLERANCE = 1e-9


@dataclass
class Outcome:
    holds: np.ndarray                          # bool, one per point
    X: Optional[dict[str, np.ndarray]] = None  # parameter values of the points (None: deterministic)
    space: str = "deterministic"               # points of equal `space` are the same draws
    detail: str = ""

    @property
    def share(self) -> float:
        return float(np.mean(self.holds)) if self.holds.size else 0.0


def deterministic(ok: bool, detail: str) -> Outcome:
    return Outcome(np.array([bool(ok)]), None, "deterministic", detail)


@dataclass
class Context:
    """What evaluators read: the evidence base, the games, the theory engine, the regional model.
    Each is supplied lazily by a provider so a ledger that does not use a model never loads it;
    tests supply fakes."""
    samples: int = 1000
    seed: int = 1
    game_points: int = 200
    evidence: Callable[[], Any] = lambda: None
    games: Mapping[str, Any] = field(default_factory=dict)
    theory: Optional[Any] = None          # object with .test(theory_id) -> dict and .predict(theory_id, conditions)
    dynamics: Optional[Any] = None        # object with .draws(), .last_year(spec), .series(spec, variable, actor, year)
    _cache: dict = field(default_factory=dict)

    def cached(self, key: Any, compute: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]


# ---- values and conditions ---------------------------------------------------------------------

def plain(value: Any) -> Any:
    """Records hold pydantic objects; conditions compare plain values. A bilingual text becomes
    'en | zh' so `contains` finds a word in either language."""
    if hasattr(value, "en") and hasattr(value, "zh"):
        return f"{value.en} | {value.zh}"
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def resolve(obj: Any, path: str) -> Any:
    """`a.b.c` through attributes and mapping keys; KeyError if any step is missing."""
    for part in str(path).split("."):
        if isinstance(obj, Mapping):
            if part not in obj:
                raise KeyError(path)
            obj = obj[part]
        elif hasattr(obj, part):
            obj = getattr(obj, part)
        else:
            raise KeyError(path)
    return obj


def _number(value: Any) -> Optional[float]:
    if isinstance(value, (bool, np.bool_)):
        return float(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    return None


def matches(value: Any, spec: Any, lookup: Optional[Callable[[str], Any]] = None) -> bool:
    """Does `value` satisfy `spec`? A mapping of operators must all hold; a bare value means
    equality, or membership where the value is a list (a list spec: every element present)."""
    value = plain(value)
    if isinstance(spec, dict):
        return all(_operator(value, op, arg, lookup) for op, arg in spec.items())
    if isinstance(value, list):
        wanted = spec if isinstance(spec, list) else [spec]
        return all(w in value for w in wanted)
    return _equal(value, spec)


def _equal(a: Any, b: Any) -> bool:
    na, nb = _number(a), _number(b)
    if na is not None and nb is not None and not isinstance(a, bool) and not isinstance(b, bool):
        return abs(na - nb) <= TOLERANCE * max(1.0, abs(nb))
    return a == b


def _operator(value: Any, op: str, arg: Any, lookup: Optional[Callable[[str], Any]]) -> bool:
    if lookup is not None and isinstance(arg, str) and op in ("lt", "gt", "le", "ge", "eq", "ne"):
        try:
            arg = plain(lookup(arg))      # compare with another quantity of the same result
        except KeyError:
            pass
    if op == "eq":
        return _equal(value, arg)
    if op == "ne":
        return not _equal(value, arg)
    if op == "in":
        return any(_equal(value, a) for a in arg)
    if op == "contains":
        if isinstance(value, list):
            return any(matches(v, arg) if not isinstance(arg, str) else _contains_text(v, arg) for v in value)
        return _contains_text(value, arg)
    number, bound = _number(value), _number(arg)
    if number is None or bound is None:
        return False
    return {"min": number >= bound, "ge": number >= bound, "max": number <= bound, "le": number <= bound,
            "lt": number < bound, "gt": number > bound}[op]


def _contains_text(value: Any, arg: Any) -> bool:
    if isinstance(value, dict) and isinstance(arg, str):   # a sub-record (an alternative, an action): its texts
        return any(_contains_text(v, arg) for v in value.values() if isinstance(v, (str, dict)))
    if isinstance(value, str) and isinstance(arg, str):
        return arg.lower() in value.lower()
    return _equal(value, arg)


# ---- evidence ----------------------------------------------------------------------------------

class RecordView:
    """A record as `data list --format json` shows it: its derived fields (a dispute's `alt`,
    `conceded`, `observed_strategy`, SYSTEM.md §3.3) in place of the typed ones, the rest as is.
    A check that names `observed_strategy` sees the derived strategy, not the typed field that most
    cases leave empty."""

    def __init__(self, record: Any):
        self._record = record
        self._derived = record.derived() if hasattr(record, "derived") else {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._derived[name] if name in self._derived else getattr(self._record, name)


def evidence_check(check: dict, ctx: Context) -> Outcome:
    ev = ctx.evidence()
    records = ev.kind(check["records"])
    if "id" in check:
        records = {check["id"]: records[check["id"]]} if check["id"] in records else {}
    where = check.get("where", {})
    found = []
    for rid, record in records.items():
        ok = True
        for path, spec in where.items():
            try:
                value = resolve(RecordView(record), path)
            except KeyError:
                ok = False
                break
            if not matches(value, spec):
                ok = False
                break
        if ok:
            found.append(rid)
    count = check.get("count", {"min": 1})
    ok = count.get("min", 0) <= len(found) <= count.get("max", len(found))
    shown = ", ".join(found[:6]) + (" ..." if len(found) > 6 else "")
    return deterministic(ok, f"{len(found)} {check['records']} record(s) match" + (f": {shown}" if found else ""))


# ---- vocabulary --------------------------------------------------------------------------------

def vocabulary_check(check: dict, ctx: Context, describe: Callable[[str, str], Optional[str]]) -> Outcome:
    """`describe(kind, name)` returns the declaration's text (labels and description, both
    languages) or None if the name is not declared."""
    missing, unmeant = [], []
    for term in check["terms"]:
        kind = next(k for k in term if k != "meaning")
        text = describe(kind, str(term[kind]))
        if text is None:
            missing.append(f"{kind} {term[kind]}")
            continue
        lost = [m for m in term.get("meaning", []) if m.lower() not in text.lower()]
        if lost:
            unmeant.append(f"{kind} {term[kind]} lacks {', '.join(repr(m) for m in lost)}")
    ok = not missing and not unmeant
    detail = "all terms declared with the stated meaning" if ok else "; ".join(
        ([f"not declared: {', '.join(missing)}"] if missing else []) + unmeant)
    return deterministic(ok, detail)


# ---- theory ------------------------------------------------------------------------------------

def theory_check(check: dict, ctx: Context) -> Outcome:
    theory_id = check["theory"]
    if "accuracy" in check:
        result = ctx.cached(("theory", theory_id), lambda: ctx.theory.test(theory_id))
        accuracy = result["summary"].get("accuracy")
        ok = accuracy is not None and matches(accuracy, check["accuracy"])
        return deterministic(ok, f"{theory_id}: accuracy {accuracy} over {result['summary'].get('n_scored')} scored cases")
    if "cell" in check:
        got = {"predicted": ctx.theory.predict(theory_id, check["cell"])}
        label = f"cell {check['cell']}"
    else:
        result = ctx.cached(("theory", theory_id), lambda: ctx.theory.test(theory_id))
        rows = {row["id"]: row for row in result["cases"]}
        if check["case"] not in rows:
            return deterministic(False, f"{theory_id} has no case {check['case']!r}")
        got = rows[check["case"]]
        label = f"case {check['case']}"
    wrong = [f"{k}={got.get(k)!r} (expected {check[k]!r})" for k in ("predicted", "observed", "match")
             if k in check and not matches(got.get(k), check[k])]
    shown = ", ".join(f"{k}={got.get(k)!r}" for k in ("predicted", "observed", "match") if k in got)
    return deterministic(not wrong, f"{theory_id} {label}: " + ("; ".join(wrong) if wrong else shown))


# ---- games -------------------------------------------------------------------------------------

def _stream(ctx: Context, *key: str) -> np.random.Generator:
    """A random stream that depends only on the run seed and the key (not on evaluation order)."""
    words = [zlib.crc32(k.encode("utf-8")) for k in key]
    return np.random.default_rng(np.random.SeedSequence([ctx.seed, *words]))


def game_points(game: Any, fixed: Mapping[str, float], over: str, ctx: Context
                ) -> tuple[list[dict[str, float]], Optional[dict[str, np.ndarray]]]:
    """The parameter points a game check looks at: the defaults, or `ctx.game_points` uniform draws
    from the declared box (finite-valued parameters drawn from their values) for every parameter
    the check does not fix."""
    free = [p for p in game.parameters if p.name not in fixed]
    if over == "defaults" or not free:
        return [dict(fixed)], None
    # the stream depends on the game and what is fixed, not on the claim: checks that look at the
    # same part of the box see the same points (and share cached solutions)
    rng = _stream(ctx, "game", game.id, repr(sorted(fixed.items())))
    n = ctx.game_points
    X = {}
    for p in free:
        if p.values is not None:
            X[p.name] = rng.choice(np.asarray(p.values, dtype=float), size=n)
        else:
            X[p.name] = rng.uniform(p.low, p.high, size=n)
    points = [{**fixed, **{name: float(X[name][i]) for name in X}} for i in range(n)]
    return points, X


def result_dict(game: Any, params: Mapping[str, float]) -> dict:
    """A solved game as the checks see it: the `game solve --format json` document, whose
    `equilibrium.*` fields are also reachable without the prefix; every outcome of the game has a
    probability (0 off the equilibrium path)."""
    r = game.solve(dict(params))
    probabilities = {name: 0.0 for name in game.outcomes}
    probabilities.update(r.outcomes)
    equilibrium = {"path": r.path, "outcome": r.outcome, "payoffs": r.payoffs,
                   "outcome_probabilities": probabilities, "strategy": r.strategy, "beliefs": r.beliefs}
    return {**equilibrium, "equilibrium": equilibrium, "analysis": r.analysis, "params": r.params}


def _solved(game: Any, params: Mapping[str, float], ctx: Context) -> dict:
    key = ("solve", game.id, tuple(sorted(params.items())))
    return ctx.cached(key, lambda: result_dict(game, params))


def game_check(check: dict, ctx: Context) -> Outcome:
    game = ctx.games[check["game"]]
    points, X = game_points(game, check.get("set", {}), check.get("over", "box"), ctx)
    holds = np.empty(len(points), dtype=bool)
    for i, params in enumerate(points):
        result = _solved(game, params, ctx)
        lookup = lambda path, r=result: resolve(r, path)  # noqa: E731
        holds[i] = all(_expect(result, path, spec, lookup) for path, spec in check["expect"].items())
    detail = f"{game.id}: expectation met at {holds.sum()} of {len(points)} parameter point(s)"
    return Outcome(holds, X, _space(game, check) if X is not None else "deterministic", detail)


def _expect(result: dict, path: str, spec: Any, lookup: Callable[[str], Any]) -> bool:
    try:
        value = resolve(result, path)
    except KeyError:
        return False
    return matches(value, spec, lookup)


def _space(game: Any, check: dict) -> str:
    fixed = dict(check.get("set", {}))
    if "vary" in check:
        (name, (lo, _)), = check["vary"].items()
        fixed[name] = lo
    return f"game:{game.id}:{sorted(fixed.items())}"


def directed(delta: np.ndarray, direction: str, tol: np.ndarray | float) -> np.ndarray:
    return {"increase": delta > tol, "decrease": delta < -tol, "nondecrease": delta >= -tol,
            "nonincrease": delta <= tol, "unchanged": np.abs(delta) <= tol}[direction]


def game_statics_check(check: dict, ctx: Context) -> Outcome:
    game = ctx.games[check["game"]]
    (name, (lo, hi)), = check["vary"].items()
    fixed = {k: v for k, v in check.get("set", {}).items() if k != name}
    points, X = game_points(game, {**fixed, name: lo}, check.get("over", "box"), ctx)
    delta = np.empty(len(points))
    for i, params in enumerate(points):
        before = _number(resolve(_solved(game, {**params, name: lo}, ctx), check["quantity"]))
        after = _number(resolve(_solved(game, {**params, name: hi}, ctx), check["quantity"]))
        delta[i] = np.nan if before is None or after is None else after - before
    holds = directed(np.nan_to_num(delta, nan=0.0), check["direction"], TOLERANCE) & np.isfinite(delta)
    detail = (f"{game.id}: {check['quantity']} as {name} {lo:g}→{hi:g}: {check['direction']} at "
              f"{holds.sum()} of {len(points)} point(s); mean change {np.nanmean(delta):+.4g}")
    return Outcome(holds, X, _space(game, check) if X is not None else "deterministic", detail)


# ---- dynamics ----------------------------------------------------------------------------------

def scenario_spec(spec: Any) -> tuple:
    """A hashable scenario reference: (base id, settings) with settings sorted as given."""
    if isinstance(spec, str):
        return (spec, ())
    settings = []
    for kind in ("levers", "shocks"):
        for item in spec.get(kind, []) or []:
            settings.append(_setting(kind[:-1], item))
    return (spec.get("base", "baseline"), tuple(settings))


def _setting(kind: str, item: Mapping[str, Any]) -> tuple:
    value = item.get("value", 1.0 if kind == "shock" else None)
    return (kind, item[kind], value, item.get("ally"), item.get("from"), item.get("to"))


def _series(ctx: Context, spec: tuple, variable: str, actor: str, year: Optional[int]) -> np.ndarray:
    return ctx.cached(("series", spec, variable, actor, year),
                      lambda: np.asarray(ctx.dynamics.series(spec, variable, actor, year), dtype=float))


def scenario_compare_check(check: dict, ctx: Context) -> Outcome:
    a, b = scenario_spec(check["a"]), scenario_spec(check["b"])
    year = check.get("year") or min(ctx.dynamics.last_year(a), ctx.dynamics.last_year(b))
    ya = _series(ctx, a, check["variable"], check["actor"], year)
    yb = _series(ctx, b, check["variable"], check["actor"], year)
    delta = yb - ya
    holds = directed(delta, check["direction"], check.get("tolerance", TOLERANCE))
    detail = (f"{check['variable']}[{check['actor']}] {year} B−A: mean {delta.mean():+.4g}, "
              f"q05 {np.quantile(delta, 0.05):+.4g}, q95 {np.quantile(delta, 0.95):+.4g}")
    return Outcome(holds, ctx.dynamics.draws(), "dynamics", detail)


def scenario_value_check(check: dict, ctx: Context) -> Outcome:
    spec = scenario_spec(check["scenario"])
    y = _series(ctx, spec, check["variable"], check["actor"], check.get("year"))
    holds = np.array([matches(float(v), check["value"]) for v in y], dtype=bool)
    detail = (f"{check['variable']}[{check['actor']}] in {spec[0]}: mean {y.mean():.4g}, "
              f"q05 {np.quantile(y, 0.05):.4g}, q95 {np.quantile(y, 0.95):.4g}")
    return Outcome(holds, ctx.dynamics.draws(), "dynamics", detail)


def lever_sweep_check(check: dict, ctx: Context) -> Outcome:
    base = scenario_spec(check.get("base", "baseline"))
    kind = "lever" if "lever" in check else "shock"
    columns = []
    for value in check["values"]:
        item = {kind: check[kind], "value": value, "ally": check.get("ally"),
                "from": check.get("from"), "to": check.get("to")}
        spec = (base[0], base[1] + (_setting(kind, item),))
        columns.append(_series(ctx, spec, check["variable"], check["actor"], check.get("year")))
    Y = np.stack(columns, axis=1)                     # (samples, grid)
    holds = response_holds(Y, check["response"], check.get("tolerance", TOLERANCE))
    means = ", ".join(f"{v}: {m:.4g}" for v, m in zip(check["values"], Y.mean(axis=0)))
    detail = f"{check['variable']}[{check['actor']}] over {check[kind]} = {means} (ensemble means)"
    return Outcome(holds, ctx.dynamics.draws(), "dynamics", detail)


def response_holds(Y: np.ndarray, response: str, tol: float = TOLERANCE) -> np.ndarray:
    """Per row of Y (one sample's response over the grid), does it have the stated shape?
    `increasing`: never falls and ends higher; `non_monotone`: rises somewhere and falls
    somewhere; `peaked`: the maximum is interior and above both ends (`valley`: the minimum, below
    both ends); `flat`: never moves by more than the tolerance."""
    d = np.diff(Y, axis=1)
    rises, falls = (d > tol).any(axis=1), (d < -tol).any(axis=1)
    total = Y[:, -1] - Y[:, 0]
    if response == "increasing":
        return ~falls & (total > tol)
    if response == "decreasing":
        return ~rises & (total < -tol)
    if response == "nondecreasing":
        return ~falls
    if response == "nonincreasing":
        return ~rises
    if response == "non_monotone":
        return rises & falls
    if response == "flat":
        return ~rises & ~falls
    if response == "valley":
        return response_holds(-Y, "peaked", tol)
    top = Y.argmax(axis=1)
    peak = Y.max(axis=1)
    return (top > 0) & (top < Y.shape[1] - 1) & (peak > Y[:, 0] + tol) & (peak > Y[:, -1] + tol)
