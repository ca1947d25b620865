"""Evaluators of the check language: one small function per kind, each returning an `Outcome`.

An `Outcome` says, for every point of the uncertain parameter space it looked at, whether the
claim holds there (`holds`, one bool per point) and where those points are (`X`, the parameter
draws; None for a deterministic check, which looks at one point). Statuses, shares and failure
boxes are derived from outcomes in `status.py`, the same way for every kind; what a holding
claim is worth (its basis) in `basis.py`, from the leaves' `basis` and `records` set here and
from the same check evaluated with the claim's own seed's mechanisms off (`Context.overrides`
for the games, an ablated `Context.dynamics` for the regional model).

Directions and responses on an index or probability in [0, 1] use a minimum effect
(`MIN_EFFECT`, 0.01) unless the check states its own `tolerance`; the reason line of a model
check shows the effect's median and 5-95% band.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional

import numpy as np

TOLERANCE = 1e-9
MIN_EFFECT = 0.01   # the smallest change of a [0, 1] index or probability that counts as an effect
SIGNIFICANCE = 0.05  # a paired theory comparison (`versus`) counts as better below this McNemar p
MODEL_KINDS = ("game", "game_statics", "scenario_compare", "scenario_value", "lever_sweep")


@dataclass
class Outcome:
    holds: np.ndarray                          # bool, one per point
    X: Optional[dict[str, np.ndarray]] = None  # parameter values of the points (None: deterministic)
    space: str = "deterministic"               # points of equal `space` are the same draws
    detail: str = ""
    kind: str = ""                             # the check kind that produced it
    parts: tuple["Outcome", ...] = ()          # the sub-outcomes of an all/any
    basis: Optional[str] = None                # recorded | corroborated | definition (evidence, theory, vocabulary)
    records: tuple[str, ...] = ()              # the records that carry an evidence or theory check

    @property
    def share(self) -> float:
        return float(np.mean(self.holds)) if self.holds.size else 0.0


def deterministic(ok: bool, detail: str, kind: str = "", basis: Optional[str] = None,
                  records: tuple[str, ...] = ()) -> Outcome:
    return Outcome(np.array([bool(ok)]), None, "deterministic", detail, kind, (), basis, tuple(records))


def independently_sourced(record: Any) -> bool:
    """Does a record's own `sources:` list hold a bibliographic entry (not only seed quotes)?"""
    return any(getattr(s, "bib", None) for s in getattr(record, "sources", None) or ())


def evidence_basis(records: list) -> str:
    """`corroborated` if at least one record has an independent (bib) source, else `recorded`."""
    return "corroborated" if any(independently_sourced(r) for r in records) else "recorded"


def band(values: np.ndarray, signed: bool = True) -> str:
    """`median +0.012 [5–95%: +0.003, +0.020]` over the finite values."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if not v.size:
        return "no finite values"
    fmt = "{:+.3g}" if signed else "{:.3g}"
    q05, q50, q95 = np.quantile(v, [0.05, 0.5, 0.95])
    return f"median {fmt.format(q50)} [5–95%: {fmt.format(q05)}, {fmt.format(q95)}]"


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
    # game parameters pinned at every point (the neutral values of an ablation): game -> {name: value}
    overrides: Callable[[Any], Mapping[str, float]] = lambda game: {}
    point_limit: Optional[int] = None     # look only at the first N points of each game's box (attribution)
    solves: dict = field(default_factory=dict)   # solved games by (game, params); may be shared by contexts
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
    """`a.b.c` through attributes and mapping keys, computing a deferred game analysis entry where
    it reaches one (`result_dict`); KeyError if any step is missing."""
    from umbrella.games.core import Deferred
    for part in str(path).split("."):
        if isinstance(obj, Mapping):
            if part not in obj:
                raise KeyError(path)
            obj = obj[part]
        elif hasattr(obj, part):
            obj = getattr(obj, part)
        else:
            raise KeyError(path)
        if isinstance(obj, Deferred):
            obj = obj.value()
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
    return deterministic(ok, f"{len(found)} {check['records']} record(s) match" + (f": {shown}" if found else ""),
                         "evidence", evidence_basis([records[r] for r in found]), tuple(found))


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
    return deterministic(ok, detail, "vocabulary", "definition")


# ---- theory ------------------------------------------------------------------------------------

def _theory_result(ctx: Context, theory_id: str) -> dict:
    return ctx.cached(("theory", theory_id), lambda: ctx.theory.test(theory_id))


def _case_basis(ctx: Context, ids: list[str]) -> str:
    disputes = ctx.evidence().kind("disputes")
    return evidence_basis([disputes[i] for i in ids if i in disputes])


def _accuracy_line(result: dict, scoring: str) -> str:
    """`binary 14/15 = 0.93 (Wilson 95% 0.70–0.99); four-way 10/15 = ...`: the scoring asked for,
    and for a theory of strategies (the typology) the other one beside it."""
    from umbrella.theory.scoring import wilson_interval
    strategies = result.get("outcome") == "strategy"
    names = [scoring] + ([{"binary": "native", "native": "binary"}[scoring]] if strategies else [])
    parts = []
    for name in names:
        s = result["summary"]["binary"] if name == "binary" else result["summary"]
        label = "binary" if name == "binary" else ("four-way" if strategies else "native")
        if s.get("accuracy") is None:
            parts.append(f"{label}: no scored case")
            continue
        lo, hi = wilson_interval(s["n_match"], s["n_scored"])
        parts.append(f"{label} {s['n_match']}/{s['n_scored']} = {s['accuracy']:.2f} (Wilson 95% {lo:.2f}–{hi:.2f})")
    return "; ".join(parts)


def theory_check(check: dict, ctx: Context) -> Outcome:
    """A theory against the coded cases. `accuracy` is scored on `scoring` (default `binary`:
    conceded or not, the outcome every theory predicts; `native`: the theory's own outcome, the
    typology's four strategies); `versus` pairs two theories on the cases both score (binary) and
    `better: true` holds when the theory is right on significantly more of them (exact McNemar,
    p < 0.05). Basis: the case records the check reads (`cell` reads only the declaration)."""
    theory_id = check["theory"]
    if "versus" in check:
        from umbrella.theory.scoring import paired
        pair = paired(_theory_result(ctx, theory_id), _theory_result(ctx, check["versus"]))
        better = pair["hits"] > pair["versus_hits"] and pair["p_value"] < SIGNIFICANCE
        ok = better == bool(check["better"])
        return deterministic(ok, f"{theory_id} vs {check['versus']} on {pair['n_paired']} paired cases: "
                                 f"{pair['hits']} vs {pair['versus_hits']} right (discordant {pair['only_theory']}:"
                                 f"{pair['only_versus']}), exact McNemar p={pair['p_value']:.3g}",
                             "theory", _case_basis(ctx, pair["cases"]), tuple(pair["cases"]))
    if "accuracy" in check:
        scoring = check.get("scoring", "binary")
        result = _theory_result(ctx, theory_id)
        summary = result["summary"]["binary"] if scoring == "binary" else result["summary"]
        accuracy = summary.get("accuracy")
        ok = accuracy is not None and matches(accuracy, check["accuracy"])
        ids = [c["id"] for c in result["cases"]
               if (c.get("binary", {}).get("match") if scoring == "binary" else c.get("match")) is not None]
        return deterministic(ok, f"{theory_id}: {_accuracy_line(result, scoring)}", "theory",
                             _case_basis(ctx, ids), tuple(ids))
    if "cell" in check:
        got = {"predicted": ctx.theory.predict(theory_id, check["cell"])}
        label, basis, ids = f"cell {check['cell']}", "definition", ()
    else:
        rows = {row["id"]: row for row in _theory_result(ctx, theory_id)["cases"]}
        if check["case"] not in rows:
            return deterministic(False, f"{theory_id} has no case {check['case']!r}", "theory", "recorded")
        got = rows[check["case"]]
        label, ids = f"case {check['case']}", (check["case"],)
        basis = _case_basis(ctx, list(ids))
    wrong = [f"{k}={got.get(k)!r} (expected {check[k]!r})" for k in ("predicted", "observed", "match")
             if k in check and not matches(got.get(k), check[k])]
    shown = ", ".join(f"{k}={got.get(k)!r}" for k in ("predicted", "observed", "match") if k in got)
    return deterministic(not wrong, f"{theory_id} {label}: " + ("; ".join(wrong) if wrong else shown),
                         "theory", basis, ids)


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
    if ctx.point_limit is not None:
        n = min(n, ctx.point_limit)          # the first points of the same stream
        X = {name: values[:n] for name, values in X.items()}
    points = [{**fixed, **{name: float(X[name][i]) for name in X}} for i in range(n)]
    return points, X


def result_dict(game: Any, params: Mapping[str, float]) -> dict:
    """A solved game as the checks see it: the `game solve --format json` document, whose
    `equilibrium.*` fields are also reachable without the prefix; every outcome of the game has a
    probability (0 off the equilibrium path). `ties` lists the decisions where the solver broke a
    tie (other equilibria exist there). Costly analysis entries (thresholds) are computed only where a
    check reads them (`resolve`)."""
    r = game.solve(dict(params), defer=True)
    probabilities = {name: 0.0 for name in game.outcomes}
    probabilities.update(r.outcomes)
    equilibrium = {"path": r.path, "outcome": r.outcome, "payoffs": r.payoffs,
                   "outcome_probabilities": probabilities, "strategy": r.strategy, "beliefs": r.beliefs}
    return {**equilibrium, "equilibrium": equilibrium, "analysis": r.analysis, "params": r.params,
            "ties": list(r.ties)}


def _solved(game: Any, params: Mapping[str, float], ctx: Context) -> dict:
    """The solved game at `params` with the context's overrides (an ablation's neutral values) laid over them."""
    params = {**params, **ctx.overrides(game)}
    key = (game.id, tuple(sorted(params.items())))
    if key not in ctx.solves:
        ctx.solves[key] = result_dict(game, params)
    return ctx.solves[key]


def game_check(check: dict, ctx: Context) -> Outcome:
    """Expectations on the solved game at each point. A point where the equilibrium rests on a
    broken tie (another equilibrium exists) does not count as holding: the claim is not implied
    there — which is what a game with its mechanisms switched off to zero mostly looks like."""
    game = ctx.games[check["game"]]
    points, X = game_points(game, check.get("set", {}), check.get("over", "box"), ctx)
    holds = np.empty(len(points), dtype=bool)
    tied = 0
    for i, params in enumerate(points):
        result = _solved(game, params, ctx)
        lookup = lambda path, r=result: resolve(r, path)  # noqa: E731
        tied += bool(result["ties"])
        holds[i] = not result["ties"] and all(_expect(result, path, spec, lookup) for path, spec in check["expect"].items())
    detail = (f"{game.id}: expectation met at {holds.sum()} of {len(points)} parameter point(s)"
              + (f"; {tied} with a tie (not counted)" if tied else ""))
    return Outcome(holds, X, _space(game, check) if X is not None else "deterministic", detail, "game")


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
    """The change of an equilibrium quantity as one parameter moves, at each point; the minimum
    effect is the check's `tolerance`, else MIN_EFFECT (the quantities checked are probabilities,
    shares and yes/no answers in [0, 1], or utilities on scales of units where 0.01 is negligible).
    A point where either solution rests on a broken tie does not count."""
    game = ctx.games[check["game"]]
    (name, (lo, hi)), = check["vary"].items()
    fixed = {k: v for k, v in check.get("set", {}).items() if k != name}
    points, X = game_points(game, {**fixed, name: lo}, check.get("over", "box"), ctx)
    delta = np.empty(len(points))
    for i, params in enumerate(points):
        before_r, after_r = _solved(game, {**params, name: lo}, ctx), _solved(game, {**params, name: hi}, ctx)
        before = _number(resolve(before_r, check["quantity"]))
        after = _number(resolve(after_r, check["quantity"]))
        tied = before_r["ties"] or after_r["ties"]
        delta[i] = np.nan if before is None or after is None or tied else after - before
    tol = check.get("tolerance", MIN_EFFECT)
    holds = directed(np.nan_to_num(delta, nan=0.0), check["direction"], tol) & np.isfinite(delta)
    detail = (f"{game.id}: {check['quantity']} as {name} {lo:g}→{hi:g}: {check['direction']} (min effect {tol:g}) "
              f"at {holds.sum()} of {len(points)} point(s); change {band(delta)}")
    return Outcome(holds, X, _space(game, check) if X is not None else "deterministic", detail, "game_statics")


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


def min_effect(check: dict, ctx: Context) -> float:
    """The check's `tolerance`, else MIN_EFFECT on a [0, 1] index, share or probability and
    TOLERANCE on anything else (DPRK warheads: a check states its own minimum there)."""
    if "tolerance" in check:
        return float(check["tolerance"])
    is_index = getattr(ctx.dynamics, "is_index", lambda variable: True)
    return MIN_EFFECT if is_index(check["variable"]) else TOLERANCE


def scenario_compare_check(check: dict, ctx: Context) -> Outcome:
    a, b = scenario_spec(check["a"]), scenario_spec(check["b"])
    year = check.get("year") or min(ctx.dynamics.last_year(a), ctx.dynamics.last_year(b))
    ya = _series(ctx, a, check["variable"], check["actor"], year)
    yb = _series(ctx, b, check["variable"], check["actor"], year)
    delta = yb - ya
    tol = min_effect(check, ctx)
    holds = directed(delta, check["direction"], tol)
    detail = (f"{check['variable']}[{check['actor']}] {year} B−A: {band(delta)}; {check['direction']} "
              f"(min effect {tol:g}) in {holds.mean():.0%} of draws")
    return Outcome(holds, ctx.dynamics.draws(), "dynamics", detail, "scenario_compare")


def scenario_value_check(check: dict, ctx: Context) -> Outcome:
    spec = scenario_spec(check["scenario"])
    y = _series(ctx, spec, check["variable"], check["actor"], check.get("year"))
    holds = np.array([matches(float(v), check["value"]) for v in y], dtype=bool)
    detail = f"{check['variable']}[{check['actor']}] in {spec[0]}: {band(y, signed=False)}"
    return Outcome(holds, ctx.dynamics.draws(), "dynamics", detail, "scenario_value")


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
    tol = min_effect(check, ctx)
    holds = response_holds(Y, check["response"], tol)
    means = ", ".join(f"{v}: {m:.3g}" for v, m in zip(check["values"], Y.mean(axis=0)))
    detail = (f"{check['variable']}[{check['actor']}] over {check[kind]}: last − first {band(Y[:, -1] - Y[:, 0])}; "
              f"{check['response']} (min effect {tol:g}) in {holds.mean():.0%} of draws; means {means}")
    return Outcome(holds, ctx.dynamics.draws(), "dynamics", detail, "lever_sweep")


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
