"""umbrella.claims: the claims ledger — every model-able claim of the seeds as an executable check.

    from umbrella.lab import ClaimsRequest, Lab
    result = Lab().claims(ClaimsRequest())     # the project's ledger, bundled with the package
    result.claims[0].status                    # holds | fails | conditional | not_modelled
    result.claims[0].basis                     # corroborated | recorded | derived | assumed | definition

A check is data in a small language (language.py), evaluated by one small function per kind
(evaluate.py), classified by one rule (status.py); its basis (basis.py) comes from the records it
matched or, for a model check, from the same check with the claim's own seed's mechanisms off
(ablation.py). See docs/model/claims.md.
"""
from __future__ import annotations

import pathlib
from typing import Any, Callable, Optional

from umbrella.claims.ablation import Ablator
from umbrella.claims.basis import basis_of, is_model, ledger_table, record_ref, records_of
from umbrella.claims.evaluate import (Context, Outcome, evidence_check, game_check, game_statics_check,
                                      lever_sweep_check, scenario_compare_check, scenario_value_check, theory_check,
                                      vocabulary_check)
from umbrella.claims.language import KINDS, Refs
from umbrella.claims.ledger import Entry, check_kind, default_ledger, load_ledger
from umbrella.claims.status import classify, combine
from umbrella.errors import InputError
from umbrella.progress import Progress

EVALUATION_ERRORS = (InputError, LookupError, KeyError, ValueError)

DEFAULT_SAMPLES = 1000
DEFAULT_SEED = 1
GAME_POINTS = 100   # draws over a game's parameter box (a solve of extended-deterrence with its analysis takes 20-90 ms)


#: one evaluator per kind of the check language (`language.KIND_MODELS`); `all`/`any` combine them
EVALUATORS: dict[str, Callable[[dict, Context, Callable[[str, str], Optional[str]]], Outcome]] = {
    "evidence": lambda check, ctx, _: evidence_check(check, ctx),
    "vocabulary": vocabulary_check,
    "theory": lambda check, ctx, _: theory_check(check, ctx),
    "game": lambda check, ctx, _: game_check(check, ctx),
    "game_statics": lambda check, ctx, _: game_statics_check(check, ctx),
    "scenario_compare": lambda check, ctx, _: scenario_compare_check(check, ctx),
    "scenario_value": lambda check, ctx, _: scenario_value_check(check, ctx),
    "lever_sweep": lambda check, ctx, _: lever_sweep_check(check, ctx),
}


def evaluate(check: dict, ctx: Context, describe: Callable[[str, str], Optional[str]]) -> Outcome:
    """Evaluate one (validated) check, recursively for `all`/`any`; a kind without an evaluator is a
    LookupError, never another kind's evaluator."""
    kind = check["kind"]
    if kind in ("all", "any"):
        return combine(kind, [evaluate(c, ctx, describe) for c in check["checks"]])
    if kind not in EVALUATORS:
        raise LookupError(f"no evaluator for check kind {kind!r}")
    return EVALUATORS[kind](check, ctx, describe)


def _row(entry: Entry) -> dict[str, Any]:
    return {"id": entry.id, "status": "not_modelled", "share_holds": None, "fails_when": None, "reason": None,
            "basis": None, "share_holds_without_own_seed": None, "carried_by": None,
            "seed": entry.seed, "type": entry.type, "check": check_kind(entry.check), "claim_en": entry.claim_en}


def _evaluated(entry: Entry, ctx: Context, describe: Callable[[str, str], Optional[str]], box: bool = True
               ) -> tuple[dict[str, Any], Optional[Outcome]]:
    row = _row(entry)
    if entry.check is None:
        row["reason"] = entry.not_modelled
        return row, None
    try:
        outcome = evaluate(entry.check, ctx, describe)
    except EVALUATION_ERRORS as exc:
        # a valid check the models cannot evaluate (a model missing, a game constraint broken):
        # reported, flagged, never silently dropped
        row["reason"] = f"check could not be evaluated: {type(exc).__name__}: {exc}"
        row["error"] = True
        return row, None
    row.update(classify(outcome, box))
    row["reason"] = outcome.detail
    row["basis"] = basis_of(outcome, None)
    row["carried_by"] = {"records": _record_refs(records_of(outcome), ctx), "parameters": []}
    return row, outcome


def _record_refs(ids: list[str], ctx: Context) -> list[dict[str, Any]]:
    evidence = ctx.evidence()
    out = []
    for rid in ids:
        try:
            kind, record = evidence.get(rid)
        except (AttributeError, KeyError):
            out.append({"id": rid})
            continue
        out.append(record_ref(rid, kind, record))
    return out


def evaluate_entry(entry: Entry, ctx: Context, describe: Callable[[str, str], Optional[str]],
                   box: bool = True) -> dict[str, Any]:
    """One entry's row without ablation (model checks get no basis); without `box`, a conditional
    claim's `fails_when` is not searched for (None)."""
    return _evaluated(entry, ctx, describe, box)[0]


def _judge(row: dict, entry: Entry, outcome: Outcome, ablator: Ablator) -> None:
    """Basis of a model check: the same check with its own seed's mechanisms off."""
    try:
        without = ablator.without(entry.check, entry.seed)
        row["share_holds_without_own_seed"] = round(without.share, 6)
        row["basis"] = basis_of(outcome, without)
    except EVALUATION_ERRORS as exc:
        row["basis"] = None
        row["ablation_error"] = f"{type(exc).__name__}: {exc}"


def evaluate_ledger(entries: list[Entry], ctx: Context, describe: Callable[[str, str], Optional[str]],
                    ablate: bool = True, progress: Optional[Progress] = None) -> list[dict]:
    """One row per entry. With `ablate`, every model check is evaluated once more with its claim's
    own seed's effect parameters at their neutral values (ablation.py), which gives it a basis and
    `share_holds_without_own_seed`; for the claims that then come out `assumed`, the parameters
    that carry them (`carried_by.parameters`). Claims of one seed are judged together, and their
    attribution parameter by parameter, so that each ablated ensemble is built once."""
    evaluated = [(entry, *_evaluated(entry, ctx, describe)) for entry in entries]
    judged = [(e, r, o) for e, r, o in evaluated if ablate and o is not None and is_model(o)]
    total = len(entries) + len(judged)
    if progress is not None:
        progress(len(entries), total)
    ablator = Ablator(ctx, lambda check, c: evaluate(check, c, describe))
    done = len(entries)
    for seed in sorted({e.seed for e, _, _ in judged}):
        group = [(e, r, o) for e, r, o in judged if e.seed == seed]
        for entry, row, outcome in group:
            _judge(row, entry, outcome, ablator)
            done += 1
            if progress is not None:
                progress(done, total)
        assumed = [(e, r) for e, r, _ in group if r["basis"] == "assumed"]
        try:
            carriers = ablator.attribute_all([e.check for e, _ in assumed], seed)
        except EVALUATION_ERRORS as exc:
            carriers = [[] for _ in assumed]
            for _, row in assumed:
                row["ablation_error"] = f"attribution: {type(exc).__name__}: {exc}"
        for (_, row), found in zip(assumed, carriers):
            row["carried_by"]["parameters"] = found
    return [row for _, row, _ in evaluated]


DYNAMICS_KINDS = ("scenario_compare", "scenario_value", "lever_sweep")


def _uses_dynamics(check: Optional[dict]) -> bool:
    if not check:
        return False
    if check.get("kind") in ("all", "any"):
        return any(_uses_dynamics(c) for c in check.get("checks", []))
    return check.get("kind") in DYNAMICS_KINDS


def run_ledger(path: Optional[pathlib.Path] = None, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED, *,
               evidence: Any, theories: dict, scenarios: dict, posterior: Optional[dict] = None,
               progress: Optional[Progress] = None, ablate: bool = True) -> list[dict]:
    """Load, validate and evaluate a ledger (default: the project's) against loaded resources: the
    evidence base, the theories (id -> declaration) and the scenario library (id -> Scenario).
    One dict per entry, in order (see `evaluate_ledger`: with `ablate`, every model check gets its
    basis); `progress(done, total)` as it goes.

    Checks on the regional model run over distinct draws of `posterior` (the calibrated draws) where
    given (`share_holds`, `status`, and the ablation's `share_holds_without_own_seed` on the same
    draws), and once more over the prior box (`share_holds_prior`, `status_prior`); without
    `posterior`, over the prior only (both fields then agree). Other checks do not depend on the draws."""
    from umbrella.claims.models import Models

    def context(models: Models) -> Context:
        return Context(samples=samples, seed=seed, game_points=min(samples, GAME_POINTS), evidence=models.evidence,
                       games=models.games, theory=models.theory, dynamics=models.dynamics)

    resources = {"evidence": evidence, "theories": theories, "scenarios": scenarios}
    models = Models(samples=samples, seed=seed, posterior=posterior, **resources)
    entries = load_ledger(pathlib.Path(path) if path else default_ledger(), models.refs())
    under_prior = [i for i, entry in enumerate(entries) if posterior is not None and _uses_dynamics(entry.check)]
    first_total = [len(entries)]

    def first_pass(done: int, total: int) -> None:
        first_total[0] = total
        if progress is not None:
            progress(done, total + len(under_prior))

    rows = evaluate_ledger(entries, context(models), models.describe, ablate, first_pass)
    for entry, row in zip(entries, rows):
        row["share_holds_prior"], row["status_prior"] = row["share_holds"], row["status"]
        row["parameters_from"] = ("prior" if posterior is None else "posterior") if _uses_dynamics(entry.check) else None
    prior_models = Models(samples=samples, seed=seed, **resources)
    prior_ctx = context(prior_models)
    for done, i in enumerate(under_prior, 1):
        if not rows[i].get("error"):
            prior_row = evaluate_entry(entries[i], prior_ctx, prior_models.describe, box=False)  # status, share
            rows[i]["share_holds_prior"], rows[i]["status_prior"] = prior_row["share_holds"], prior_row["status"]
        if progress is not None:
            progress(first_total[0] + done, first_total[0] + len(under_prior))
    return rows


def summary(rows: list[dict]) -> dict[str, Any]:
    """Counts by status and by basis, and the per-seed table the report leads with."""
    counts: dict[str, int] = {}
    bases: dict[str, int] = {}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
        if row["status"] != "not_modelled" and row.get("basis"):
            bases[row["basis"]] = bases.get(row["basis"], 0) + 1
    modelled = sum(v for k, v in counts.items() if k != "not_modelled")
    ablated = all(row.get("basis") is not None for row in rows if row["status"] != "not_modelled")
    return {"n": len(rows), "counts": counts, "modelled_share": modelled / len(rows) if rows else 0.0,
            "basis_counts": bases, "table": ledger_table(rows, ablated).to_dict()}


__all__ = ["KINDS", "Context", "Entry", "Outcome", "Refs", "evaluate", "evaluate_entry", "evaluate_ledger",
           "load_ledger", "run_ledger", "summary", "DEFAULT_SAMPLES", "DEFAULT_SEED"]
