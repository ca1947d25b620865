"""Scoring declared theories against coded dispute cases (pure functions of theories and cases).

Per case: the coded conditions with the evidence behind each, the prediction, the observed outcome
derived from the case (SYSTEM.md §3.3), and whether they match. The typology is scored four-way on
strategies; every theory is also scored binary (conceded or not) so that theories can be compared.
Open cases get forecasts: the conditions that drive the prediction and the codings that would flip it.
"""
from __future__ import annotations

from typing import Any, Iterable, Optional

from umbrella.evidence.schema import STRATEGIES, Dispute
from umbrella.theory.declaration import Coding, TheoryDecl

# 004's criterion: the US conceded when the final intensity is below the one it wanted; the two
# conceding strategies of Table 1 are the ones that predict that (004 §4).
CONCEDING = {"concede": True, "concede_punish": True, "persuade": False, "pressure": False}


def _sources(items: Iterable) -> list[dict]:
    return [s.model_dump(mode="json", exclude_none=True) for s in items]


def code(coding: Coding, case: Dispute) -> tuple[Optional[bool | float], list]:
    """(value, evidence) of one coding rule on one case; value None where the case lacks it."""
    if coding.rule == "alt":
        available = [a for a in case.alternatives if a.available]
        shown = available or case.alternatives
        # with no sourced alternative, the coding rests on the case record itself (its empty list)
        return case.alt, [s for a in shown for s in _sources(a.sources)] or [case.id]
    if coding.rule == "multilateral":
        return case.multilateral, [case.alliance]
    if coding.condition is not None:
        c = case.conditions.get(coding.condition)
        if c is None or c.value is None:
            return None, []
        return c.value, _sources(c.sources)
    return str(getattr(case, coding.field)) == coding.equals, [case.id]


def truth(value: Optional[bool | float]) -> Optional[bool]:
    """A numeric (fuzzy) coding counts as true above 0.5 and false below; 0.5 or missing: unknown."""
    if value is None or isinstance(value, bool):
        return value
    return True if value > 0.5 else False if value < 0.5 else None


def predict(theory: TheoryDecl, values: dict[str, Optional[bool | float]]) -> tuple[Any, Optional[int]]:
    """The first declared rule whose `when` holds: (prediction, rule index), or (None, None)."""
    for i, rule in enumerate(theory.predictions):
        if all(truth(values.get(k)) is v for k, v in rule.when.items()):
            return rule.predict, i
    return None, None


def flips(theory: TheoryDecl, values: dict, predicted: Any) -> list[dict]:
    """Each coded condition whose opposite coding would change the prediction."""
    out = []
    for name, value in values.items():
        b = truth(value)
        if b is None:
            continue
        other, _ = predict(theory, {**values, name: not b})
        if other != predicted:
            out.append({"condition": name, "from": b, "to": not b, "predicted": other})
    return out


def if_coded(theory: TheoryDecl, values: dict) -> list[dict]:
    """For conditions the case lacks: what each possible coding would predict."""
    out = []
    for name, value in values.items():
        if truth(value) is None:
            out.append({"condition": name,
                        "if_true": predict(theory, {**values, name: True})[0],
                        "if_false": predict(theory, {**values, name: False})[0]})
    return out


def _binary(theory: TheoryDecl, predicted: Any) -> Optional[bool]:
    if predicted is None:
        return None
    return CONCEDING[predicted] if theory.outcome == "strategy" else bool(predicted)


def score_case(theory: TheoryDecl, case: Dispute) -> dict:
    coded = {c.name: code(c.coding, case) for c in theory.conditions}
    values = {k: v for k, (v, _) in coded.items()}
    predicted, rule = predict(theory, values)
    observed = case.derived_strategy if theory.outcome == "strategy" else case.conceded
    reason, code_, missing = None, None, [k for k, v in values.items() if truth(v) is None]
    for s in theory.scope:
        v = truth(code(s.coding, case)[0])
        if v is s.outside_when:
            reason, code_ = f"outside the theory's premise: {s.name} is {str(v).lower()}", "outside_scope"
    if reason is None:
        if case.is_open:
            reason, code_ = "open case (no final_intensity): forecast, not scored", "open"
        elif missing:
            if any(values[k] is None for k in missing):
                reason, code_ = "no coding for " + ", ".join(missing), "not_coded"
            else:
                reason, code_ = "coded at the 0.5 crossover: " + ", ".join(missing), "crossover"
        elif predicted is None:
            reason, code_ = "no declared rule matches the coded conditions", "no_rule"
    scored = reason is None
    if scored and observed == "undetermined":
        # a closed case is scored (§3.4: only open cases have match null); no prediction equals
        # `undetermined`, so it counts as a miss, and the reason says why
        reason, code_ = "observed strategy undetermined (conceded: false, and no pressure or persuade action)", "undetermined"
    binary_observed = case.conceded
    binary_predicted = _binary(theory, predicted)
    binary_scored = (predicted is not None and binary_observed is not None
                     and code_ in (None, "undetermined"))
    return {
        "id": case.id,
        "title": case.title.model_dump(),
        "conditions": values,
        "evidence": {k: e for k, (_, e) in coded.items()},
        "predicted": predicted,
        "observed": observed,
        "match": (predicted == observed) if scored else None,
        "scored": scored,
        "reason": reason,
        "reason_code": code_,
        "rule": rule,
        "drivers": sorted(theory.predictions[rule].when) if rule is not None else [],
        "flips": flips(theory, values, predicted),
        "if_coded": if_coded(theory, values),
        "binary": {"predicted": binary_predicted, "observed": binary_observed,
                   "match": (binary_predicted == binary_observed) if binary_scored else None},
    }


def _key(v: Any) -> str:
    return str(v).lower() if isinstance(v, bool) or v is None else str(v)


def summarize(theory: TheoryDecl, cases: list[dict]) -> dict:
    scored = [c for c in cases if c["scored"]]
    labels = [_key(o) for o in theory.outcomes]
    if theory.outcome == "strategy":
        labels.append("undetermined")
    confusion = {o: {p: 0 for p in labels if p != "undetermined"} for o in labels}
    for c in scored:
        confusion[_key(c["observed"])][_key(c["predicted"])] += 1
    confusion = {o: row for o, row in confusion.items() if o != "undetermined" or any(row.values())}
    binary = [c for c in cases if c["binary"]["match"] is not None]
    hits = sum(c["match"] for c in scored)
    return {
        "n_cases": len(cases),
        "n_scored": len(scored),
        "n_match": hits,
        "accuracy": hits / len(scored) if scored else None,
        "confusion": confusion,
        "confusion_axes": {"rows": "observed", "columns": "predicted"},
        "not_scored": [{"id": c["id"], "reason": c["reason"], "reason_code": c["reason_code"]}
                       for c in cases if not c["scored"]],
        "binary": {"n_scored": len(binary), "n_match": sum(c["binary"]["match"] for c in binary),
                   "accuracy": sum(c["binary"]["match"] for c in binary) / len(binary) if binary else None},
        "forecasts": [{"id": c["id"], "predicted": c["predicted"], "drivers": c["drivers"],
                       "conditions": c["conditions"], "flips": c["flips"], "if_coded": c["if_coded"]}
                      for c in cases if c["observed"] is None],
    }


def test_theory(theory: TheoryDecl, disputes: dict[str, Dispute]) -> dict:
    """The contract JSON of `umbrella theory test` for one theory over all the cases."""
    cases = [score_case(theory, d) for d in sorted(disputes.values(), key=lambda d: (d.period.start, d.id))]
    return {"theory": theory.id, "name": theory.name.model_dump(), "outcome": theory.outcome,
            "cases": cases, "summary": summarize(theory, cases)}


test_theory.__test__ = False  # not a pytest test despite its name


def wilson_interval(hits: int, n: int, z: float = 1.96) -> Optional[tuple[float, float]]:
    """Wilson score 95% interval of an accuracy (hits of n); None for n = 0. Unlike the normal
    approximation it stays inside [0, 1] and is honest for small n: 2 of 2 gives (0.34, 1.0)."""
    if n == 0:
        return None
    p = hits / n
    centre = p + z * z / (2 * n)
    spread = z * ((p * (1 - p) + z * z / (4 * n)) / n) ** 0.5
    return ((centre - spread) / (1 + z * z / n), (centre + spread) / (1 + z * z / n))


def mcnemar_exact(only_a: int, only_b: int) -> float:
    """Exact two-sided McNemar p-value: the discordant pairs (a right and b wrong: `only_a`; the
    reverse: `only_b`) as a binomial test of `only_a` out of their sum at 1/2. 1.0 without
    discordant pairs (nothing tells the two apart)."""
    n = only_a + only_b
    if n == 0:
        return 1.0
    from scipy.stats import binomtest
    return float(binomtest(only_a, n, 0.5).pvalue)


def paired(a: dict, b: dict) -> dict:
    """Two `test_theory` results on the cases both score binary (conceded or not): hits of each,
    the discordant pairs and the exact McNemar p-value."""
    ma = {c["id"]: c["binary"]["match"] for c in a["cases"] if c["binary"]["match"] is not None}
    mb = {c["id"]: c["binary"]["match"] for c in b["cases"] if c["binary"]["match"] is not None}
    common = sorted(set(ma) & set(mb))
    only_a = sum(ma[i] and not mb[i] for i in common)
    only_b = sum(mb[i] and not ma[i] for i in common)
    return {"theory": a["theory"], "versus": b["theory"], "cases": common, "n_paired": len(common),
            "hits": sum(ma[i] for i in common), "versus_hits": sum(mb[i] for i in common),
            "only_theory": only_a, "only_versus": only_b, "p_value": mcnemar_exact(only_a, only_b)}


TYPOLOGY = "deployment-typology"


def compare_theories(theories: dict[str, TheoryDecl], disputes: dict[str, Dispute]) -> dict:
    """Every theory, the typology included, scored on the same binary outcome (conceded or not)
    over the coded cases, with its Wilson 95% interval; each rival paired with the typology on the
    cases both score (exact McNemar test); the typology's four-way accuracy beside (`native_*`).
    Ranked by the Wilson lower bound, so that a theory scored on two cases does not outrank one
    scored on fourteen; also each theory's accuracy on the cases every theory with a score can score."""
    results = {tid: test_theory(t, disputes) for tid, t in theories.items()}
    scorable = {tid: {c["id"] for c in r["cases"] if c["binary"]["match"] is not None} for tid, r in results.items()}
    with_score = [s for s in scorable.values() if s]
    common = sorted(set.intersection(*with_score)) if with_score else []
    rows = []
    for tid, r in results.items():
        by_id = {c["id"]: c for c in r["cases"]}
        binary = r["summary"]["binary"]
        interval = wilson_interval(binary["n_match"], binary["n_scored"])
        on_common = [by_id[i]["binary"]["match"] for i in common] if scorable[tid] else []
        native = r["summary"]
        rows.append({
            "theory": tid, "name": r["name"], "outcome": r["outcome"],
            "n_scored": binary["n_scored"], "n_match": binary["n_match"], "accuracy": binary["accuracy"],
            "accuracy_lower95": interval[0] if interval else None,
            "accuracy_upper95": interval[1] if interval else None,
            "n_common": len(on_common), "accuracy_common": sum(on_common) / len(on_common) if on_common else None,
            "native_accuracy": native["accuracy"], "native_n_scored": native["n_scored"],
            "native_n_match": native["n_match"],
            "versus_typology": (paired(results[TYPOLOGY], r) if TYPOLOGY in results and tid != TYPOLOGY else None),
            "cases": {c["id"]: c["binary"]["match"] for c in r["cases"]},
        })
    rows.sort(key=lambda r: (-(r["accuracy_lower95"] if r["accuracy_lower95"] is not None else -1),
                             -(r["accuracy"] or 0), -r["n_scored"], r["theory"]))
    for rank, row in enumerate(rows, 1):
        row["rank"] = rank
    return {"scoring": "binary (conceded or not)", "ranking": "Wilson 95% lower bound of binary accuracy",
            "paired_test": "exact McNemar (binomial test on the discordant pairs) of each rival against "
                           f"{TYPOLOGY}, on the cases both score",
            "common_cases": common, "theories": rows}


def case_columns(case: Dispute) -> dict[str, Optional[float]]:
    """The set-membership columns a coded case offers to QCA: alt, multilateral, conceded and
    every condition of its `conditions:` map (booleans as 0/1; null where not coded)."""
    out: dict[str, Optional[float]] = {"alt": float(case.alt), "multilateral": float(case.multilateral),
                                       "conceded": None if case.conceded is None else float(case.conceded)}
    for name, c in case.conditions.items():
        out[name] = None if c.value is None else float(c.value)
    for s in STRATEGIES:
        out[s] = None if case.derived_strategy is None else float(case.derived_strategy == s)
    return out


def qca_cases(disputes: dict[str, Dispute]) -> tuple[list[dict], list[str], list[dict]]:
    """Columns of every case inside 004's premise (an ally opposed the deployment), their ids, and
    the cases left out with the reason (coded `ally_opposed_deployment: false`)."""
    rows, ids, dropped = [], [], []
    for d in sorted(disputes.values(), key=lambda d: d.id):
        premise = d.conditions.get("ally_opposed_deployment")
        if premise is not None and truth(premise.value) is False:
            dropped.append({"id": d.id, "reason": "outside 004's premise: ally_opposed_deployment is false"})
            continue
        rows.append(case_columns(d))
        ids.append(d.id)
    return rows, ids, dropped


def cases_frame(result: dict):
    """One row per case of a `test_theory` result (pandas DataFrame), conditions as columns."""
    import pandas as pd
    rows = [{"id": c["id"], **{f"condition.{k}": v for k, v in c["conditions"].items()}, "predicted": c["predicted"],
             "observed": c["observed"], "match": c["match"], "scored": c["scored"], "reason": c["reason"],
             "binary_match": c["binary"]["match"]} for c in result["cases"]]
    return pd.DataFrame(rows).set_index("id")


def forecasts(theories: dict[str, TheoryDecl], disputes: dict[str, Dispute]) -> dict:
    """Every theory's prediction for every open case, with drivers and the codings that flip it."""
    out = []
    for tid, t in theories.items():
        for f in test_theory(t, disputes)["summary"]["forecasts"]:
            out.append({"theory": tid, **f})
    out.sort(key=lambda f: (f["id"], f["predicted"] is None, f["theory"]))
    return {"open_cases": sorted({f["id"] for f in out}), "forecasts": out}
