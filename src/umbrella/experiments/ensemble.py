"""Ensembles of the regional model: sample, simulate block by block, label as xarray, summarise, compare.

Results are the same bits on any executor and any number of workers: samples are drawn and
simulated in fixed blocks (experiments/blocks.py), and the model is elementwise over samples.
Nothing here reads a file: the scenario, the evidence's history and the posterior are arguments.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Sequence

import numpy as np

from umbrella.dynamics.inputs import Setting
from umbrella.dynamics.scenario import Scenario, scenario_inputs
from umbrella.dynamics.vocabulary import ABBREVIATIONS, VARIABLE_BY_NAME, VARIABLES
from umbrella.errors import request_problem, unknown
from umbrella.experiments import blocks
from umbrella.experiments.arrays import (DEFAULT_SAMPLES, DEFAULT_SEED, MIN_BAND_DRAWS, POSTERIOR_ROWS,  # noqa: F401
                                         QUANTILES, Draws, bands as _bands, ensemble_settings, run_arrays, run_design,
                                         to_dataset)
from umbrella.progress import Progress

if TYPE_CHECKING:
    import xarray as xr


def run_ensemble(scenario: Scenario, samples: Optional[int] = None, seed: Optional[int] = None,
                 method: Optional[str] = None, *, history: list[Setting], posterior: Optional[Draws] = None,
                 draws: Optional[Draws] = None, executor: Any = None, progress: Optional[Progress] = None) -> xr.Dataset:
    """Simulate an ensemble; `xarray.Dataset` with dims (sample, year, actor) and `param_<name>` draws.

    `history`: the lever and shock settings recorded in the evidence base
    (`umbrella.dynamics.history.inputs_from_evidence`). Parameters are sampled from their declared
    ranges (the prior), or from `posterior` (calibrated draws, `{name: array}`) where given;
    `draws` ({name: array}) replaces sampling (parameters it lacks take their defaults).
    `executor` (experiments/blocks.py) runs the blocks: the current one (in process unless a Dask
    cluster is open) by default; the numbers are the same bits on any executor.
    `progress(done, total)` is called after each block.
    """
    return to_dataset(run_arrays(scenario, samples, seed, method, history=history, posterior=posterior, draws=draws,
                                 executor=executor, progress=progress))


def output_points(scenario: Scenario, variable: str, column: int, year: int, samples: Optional[int] = None,
                  seed: Optional[int] = None, method: Optional[str] = None, *, history: list[Setting],
                  posterior: Optional[Draws] = None, draws: Optional[Draws] = None, executor: Any = None,
                  progress: Optional[Progress] = None) -> np.ndarray:
    """One output (variable, actor column, year) of every sample of an ensemble, in sample order: the
    same numbers as `run_ensemble(...)[variable]` at that actor and year; each block sends back only those."""
    _, _, _, design, _ = run_design(scenario, samples, seed, method, posterior, draws)
    return blocks.points(scenario_inputs(scenario, history), [year], design, variable, column, 0, executor, progress)


def run_to_store(scenario: Scenario, store: Any, samples: Optional[int] = None, seed: Optional[int] = None,
                 method: Optional[str] = None, *, history: list[Setting], posterior: Optional[Draws] = None,
                 executor: Any = None, variables: Optional[Sequence[str]] = None,
                 progress: Optional[Progress] = None) -> dict:
    """Run an ensemble into a results store (experiments/store.py) block by block, skipping blocks
    already there; memory is bounded by the block size. Returns the store's receipt
    {"scenario", "blocks", "skipped", "written"}."""
    from umbrella.experiments import store as results_store
    unknown = [v for v in variables or [] if v not in VARIABLE_BY_NAME]
    if unknown:
        raise request_problem("variables", f"unknown variable(s) {', '.join(unknown)}")
    samples, seed, method, design, origin = run_design(scenario, samples, seed, method, posterior)
    receipt = results_store.write_run(store, scenario, scenario_inputs(scenario, history), design, origin, method,
                                      executor, variables, progress)
    return {"scenario": scenario.id, **receipt}


def summarise(ds: xr.Dataset) -> dict:
    """The `umbrella run` JSON of SYSTEM.md §3.7."""
    variables: dict[str, dict] = {}
    distinct = int(ds.attrs["distinct_draws"])
    for var in VARIABLES:
        arr = ds[var.name]
        variables[var.name] = {a: _bands(arr.sel(actor=a).values, distinct >= MIN_BAND_DRAWS) for a in var.actors}
    out = {"scenario": ds.attrs["scenario"], "samples": int(ds.attrs["samples"]), "distinct_draws": distinct,
           "seed": int(ds.attrs["seed"]), "method": ds.attrs["method"],
           "parameters_from": ds.attrs.get("parameters_from", "prior"),
           "years": [int(y) for y in ds["year"].values], "variables": variables}
    if distinct < MIN_BAND_DRAWS:
        out["note"] = (f"{distinct} distinct parameter draws: no 5-95 % band (at least {MIN_BAND_DRAWS} are needed)")
    return out


def comparison_target(a: Scenario, b: Scenario, variable: str = "proliferation_probability",
                      actor: Optional[str] = None, year: Optional[int] = None) -> tuple[str, str, int]:
    """(variable, actor, year) of a paired comparison, checked before any work: a declared variable,
    an actor it is reported for (default: its first), a year both scenarios report (default: the last)."""
    var = VARIABLE_BY_NAME.get(variable)
    if var is None:
        raise request_problem("variable", unknown("variable", variable, VARIABLE_BY_NAME))
    actor = var.actors[0] if actor is None else actor
    if actor not in var.actors:
        raise request_problem("actor", unknown("actor", actor, var.actors, of=f"for {variable}", aliases=ABBREVIATIONS))
    first, last = max(a.start, b.start), min(a.end, b.end)
    if first > last:
        raise request_problem("b", f"{a.id} ({a.start}-{a.end}) and {b.id} ({b.start}-{b.end}) share no year")
    year = last if year is None else year
    if not first <= year <= last:
        raise request_problem("year", f"{year} is outside the common years {first}-{last}")
    return variable, actor, int(year)


def paired_difference(run_a: xr.Dataset, run_b: xr.Dataset, variable: str, actor: str, year: int) -> dict:
    """B − A over paired samples (the two runs share their parameter draws: same seed, method, size)."""
    va, vb = (r[variable].sel(actor=actor, year=year).values for r in (run_a, run_b))
    diff = vb - va
    q = np.quantile(diff, list(QUANTILES.values()))
    return {"a": run_a.attrs["scenario"], "b": run_b.attrs["scenario"], "variable": variable, "actor": actor,
            "year": int(year), "samples": int(run_a.attrs["samples"]),
            "distinct_draws": int(run_a.attrs["distinct_draws"]), "parameters_from": run_a.attrs["parameters_from"],
            "seed": int(run_a.attrs["seed"]),
            "diff": {"mean": float(diff.mean()), **{k: float(q[i]) for i, k in enumerate(QUANTILES)}},
            "p_b_greater": float(np.mean(vb > va))}


def compare(a: Scenario, b: Scenario, variable: str = "proliferation_probability", actor: Optional[str] = None,
            year: Optional[int] = None, samples: Optional[int] = None, seed: Optional[int] = None,
            method: Optional[str] = None, *, history: list[Setting], posterior: Optional[Draws] = None,
            executor: Any = None) -> dict:
    """Paired comparison B − A with common random numbers (the same parameter draws in both runs);
    A's ensemble settings (explicit, else A's `ensemble:` block) apply to both. Each block sends back
    only the compared output of its samples."""
    _, _, _, design, origin = run_design(a, samples, seed, method, posterior)
    samples, seed, method = ensemble_settings(a, samples, seed, method)
    variable, actor, year = comparison_target(a, b, variable, actor, year)
    column = VARIABLE_BY_NAME[variable].actors.index(actor)
    parts = list(blocks.map_blocks(scenario_inputs(a, history), [year], design,
                                   blocks.Point(variable, column, 0, keys=True), executor))
    va = np.concatenate([values for values, _ in parts])
    distinct = int(np.unique(np.concatenate([keys for _, keys in parts])).size)
    vb = output_points(b, variable, column, year, samples, seed, method, history=history, posterior=posterior,
                       executor=executor)
    diff = vb - va
    q = np.quantile(diff, list(QUANTILES.values()))
    return {"a": a.id, "b": b.id, "variable": variable, "actor": actor, "year": int(year), "samples": int(samples),
            "distinct_draws": distinct, "parameters_from": origin, "seed": int(seed),
            "diff": {"mean": float(diff.mean()), **{k: float(q[i]) for i, k in enumerate(QUANTILES)}},
            "p_b_greater": float(np.mean(vb > va))}


def paired_bands(run_a: xr.Dataset, run_b: xr.Dataset) -> dict:
    """B − A over paired samples for every variable, actor and year both runs report: the mean and
    quantile bands of the difference, and P(B > A), year by year (`paired_difference` at each year)."""
    years = [int(y) for y in run_a["year"].values if y in set(run_b["year"].values.tolist())]
    diff: dict[str, dict] = {}
    greater: dict[str, dict] = {}
    for var in VARIABLES:
        for actor in var.actors:
            va, vb = (r[var.name].sel(actor=actor, year=years).values for r in (run_a, run_b))
            diff.setdefault(var.name, {})[actor] = _bands(vb - va)
            greater.setdefault(var.name, {})[actor] = np.mean(vb > va, axis=0).tolist()
    return {"years": years, "diff": diff, "p_b_greater": greater}
