"""umbrella.claims: the claims ledger — every model-able claim of the seeds as an executable check.

    from umbrella.claims import run_ledger
    rows = run_ledger()            # the project's ledger, claims/ledger.yaml
    rows[0]["status"]              # holds | fails | conditional | not_modelled

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

DEFAULT_SAMPLES = 1000
DEFAULT_SEED = 1
GAME_POINTS = 100   # draws over a game's parameter box (a solve of extended-deterrence with its analysis takes 20-90 ms)


def evaluate(check: dict, ctx: Context, describe: Callable[[str, str], Optional[str]]) -> Outcome:
    """Evaluate one check (recursively for `all`/`any`)."""
    kind = check["kind"]
    if kind in ("all", "any"):
        return combine(kind, [evaluate(c, ctx, describe) for c in check["checks"]])
    if kind == "evidence":
        return evidence_check(check, ctx)
    if kind == "vocabulary":
        return vocabulary_check(check, ctx, describe)
    if kind == "theory":
        if ctx.theory is None:
            raise LookupError("the theory engine is not available")
        return theory_check(check, ctx)
    if kind == "game":
        return game_check(check, ctx)
    if kind == "game_statics":
        return game_statics_check(check, ctx)
    if ctx.dynamics is None:
        raise LookupError("the regional model is not available")
    if kind == "scenario_compare":
        return scenario_compare_check(check, ctx)
    if kind == "scenario_value":
        return scenario_value_check(check, ctx)
    return lever_sweep_check(check, ctx)


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


def run_ledger(path: Optional[pathlib.Path] = None, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
               data_dirs: tuple = (), progress: Optional[Callable[[int, int], None]] = None,
               prior: bool = False) -> list[dict]:
    """Load, validate and evaluate a ledger (default: the project's); one dict per entry, in order.

    Checks on the regional model run over distinct draws of the calibrated posterior (`share_holds`,
    `status`) and once more over the prior box (`share_holds_prior`, `status_prior`); with `prior`,
    over the prior only (both fields then agree). Other checks do not depend on the draws."""
    from umbrella.claims.models import Models

    def context(models: Models) -> Context:
        return Context(samples=samples, seed=seed, game_points=min(samples, GAME_POINTS), evidence=models.evidence,
                       games=models.games, theory=models.theory, dynamics=models.dynamics)

    models = Models(samples=samples, seed=seed, data_dirs=data_dirs, prior=prior)
    entries = load_ledger(pathlib.Path(path) if path else default_ledger(), models.refs())
    ctx = context(models)
    prior_models = None if prior else Models(samples=samples, seed=seed, data_dirs=data_dirs, prior=True)
    prior_ctx = None if prior_models is None else context(prior_models)
    rows = []
    for i, entry in enumerate(entries):
        row = evaluate_entry(entry, ctx, models.describe)
        if prior_ctx is not None and _uses_dynamics(entry.check) and not row.get("error"):
            under_prior = evaluate_entry(entry, prior_ctx, prior_models.describe)
            row["share_holds_prior"], row["status_prior"] = under_prior["share_holds"], under_prior["status"]
        else:
            row["share_holds_prior"], row["status_prior"] = row["share_holds"], row["status"]
        row["parameters_from"] = ("prior" if prior else "posterior") if _uses_dynamics(entry.check) else None
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
