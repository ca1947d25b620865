"""umbrella.claims: the claims ledger — every model-able claim of the seeds as an executable check.

    from umbrella.lab import ClaimsRequest, Lab
    result = Lab().claims(ClaimsRequest())     # the project's ledger, bundled with the package
    result.claims[0].status                    # holds | fails | conditional | not_modelled

A check is data in a small language (language.py), evaluated by one small function per kind
(evaluate.py), classified by one rule (status.py). See docs/model/claims.md.
"""
from __future__ import annotations

import pathlib
from typing import Any, Callable, Optional

from umbrella.claims.evaluate import (Context, Outcome, evidence_check, game_check, game_statics_check,
                                      lever_sweep_check, scenario_compare_check, scenario_value_check, theory_check,
                                      vocabulary_check)
from umbrella.claims.language import KINDS, Refs
from umbrella.claims.ledger import Entry, check_kind, default_ledger, load_ledger
from umbrella.claims.status import classify, combine
from umbrella.errors import InputError
from umbrella.progress import Progress

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


def evaluate_entry(entry: Entry, ctx: Context, describe: Callable[[str, str], Optional[str]]) -> dict[str, Any]:
    row: dict[str, Any] = {"id": entry.id, "status": "not_modelled", "share_holds": None, "fails_when": None,
                           "reason": None, "seed": entry.seed, "type": entry.type, "check": check_kind(entry.check),
                           "claim_en": entry.claim_en}
    if entry.check is None:
        row["reason"] = entry.not_modelled
        return row
    try:
        outcome = evaluate(entry.check, ctx, describe)
    except (InputError, LookupError, KeyError, ValueError) as exc:
        # a valid check the models cannot evaluate (a model missing, a game constraint broken):
        # reported, flagged, never silently dropped
        row["reason"] = f"check could not be evaluated: {type(exc).__name__}: {exc}"
        row["error"] = True
        return row
    row.update(classify(outcome))
    row["reason"] = outcome.detail
    return row


DYNAMICS_KINDS = ("scenario_compare", "scenario_value", "lever_sweep")


def _uses_dynamics(check: Optional[dict]) -> bool:
    if not check:
        return False
    if check.get("kind") in ("all", "any"):
        return any(_uses_dynamics(c) for c in check.get("checks", []))
    return check.get("kind") in DYNAMICS_KINDS


def run_ledger(path: Optional[pathlib.Path] = None, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED, *,
               evidence: Any, theories: dict, scenarios: dict, posterior: Optional[dict] = None,
               progress: Optional[Progress] = None) -> list[dict]:
    """Load, validate and evaluate a ledger (default: the project's) against loaded resources: the
    evidence base, the theories (id -> declaration) and the scenario library (id -> Scenario).
    One dict per entry, in order; `progress(done, total)` after each entry.

    Checks on the regional model run over distinct draws of `posterior` (the calibrated draws) where
    given (`share_holds`, `status`), and once more over the prior box (`share_holds_prior`,
    `status_prior`); without `posterior`, over the prior only (both fields then agree). Other checks
    do not depend on the draws."""
    from umbrella.claims.models import Models

    def context(models: Models) -> Context:
        return Context(samples=samples, seed=seed, game_points=min(samples, GAME_POINTS), evidence=models.evidence,
                       games=models.games, theory=models.theory, dynamics=models.dynamics)

    resources = {"evidence": evidence, "theories": theories, "scenarios": scenarios}
    models = Models(samples=samples, seed=seed, posterior=posterior, **resources)
    entries = load_ledger(pathlib.Path(path) if path else default_ledger(), models.refs())
    ctx = context(models)
    prior_models = None if posterior is None else Models(samples=samples, seed=seed, **resources)
    prior_ctx = None if prior_models is None else context(prior_models)
    rows = []
    for i, entry in enumerate(entries):
        row = evaluate_entry(entry, ctx, models.describe)
        if prior_ctx is not None and _uses_dynamics(entry.check) and not row.get("error"):
            under_prior = evaluate_entry(entry, prior_ctx, prior_models.describe)
            row["share_holds_prior"], row["status_prior"] = under_prior["share_holds"], under_prior["status"]
        else:
            row["share_holds_prior"], row["status_prior"] = row["share_holds"], row["status"]
        row["parameters_from"] = ("prior" if posterior is None else "posterior") if _uses_dynamics(entry.check) else None
        rows.append(row)
        if progress is not None:
            progress(i + 1, len(entries))
    return rows


def summary(rows: list[dict]) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    modelled = sum(v for k, v in counts.items() if k != "not_modelled")
    return {"n": len(rows), "counts": counts, "modelled_share": modelled / len(rows) if rows else 0.0}


__all__ = ["KINDS", "Context", "Entry", "Outcome", "Refs", "evaluate", "evaluate_entry", "load_ledger",
           "run_ledger", "summary", "DEFAULT_SAMPLES", "DEFAULT_SEED"]
