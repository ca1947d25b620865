"""Ensembles of the regional model: sample, simulate in chunks, label as xarray, summarise, compare.

Results are the same bits on any executor and any number of workers: samples are drawn and
simulated in fixed blocks (experiments/blocks.py), and the model is elementwise over samples.
"""
from __future__ import annotations

from typing import Any, Callable, Mapping, Optional, Union

import numpy as np
import xarray as xr

from umbrella.dynamics.history import inputs_from_evidence
from umbrella.dynamics.parameters import NAMES
from umbrella.dynamics.scenario import Scenario, load_scenario, scenario_inputs
from umbrella.dynamics.vocabulary import ACTORS, VARIABLE_BY_NAME, VARIABLES
from umbrella.errors import InputError, Problem
from umbrella.experiments import blocks
from umbrella.experiments.sampling import METHODS

DEFAULT_SAMPLES = 1000
DEFAULT_SEED = 0
QUANTILES = {"q05": 0.05, "q50": 0.5, "q95": 0.95}

ScenarioRef = Union[Scenario, str]


def _posterior() -> Optional[Mapping[str, np.ndarray]]:
    try:
        from umbrella.experiments.calibration import load_posterior
    except ImportError:  # pragma: no cover - calibration module absent
        return None
    return load_posterior()


def resolve_run(scenario: ScenarioRef, samples: Optional[int], seed: Optional[int], method: Optional[str]):
    """The scenario and the ensemble settings: explicit values, else the scenario's `ensemble:` block."""
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    samples = sc.ensemble.get("samples", DEFAULT_SAMPLES) if samples is None else samples
    seed = sc.ensemble.get("seed", DEFAULT_SEED) if seed is None else seed
    method = sc.ensemble.get("method", "lhs") if method is None else method
    problems = []
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        problems.append(Problem("<command line>", 0, "--samples", f"{samples!r} is not a positive integer"))
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        problems.append(Problem("<command line>", 0, "--seed", f"{seed!r} is not a non-negative integer"))
    if method not in METHODS:
        problems.append(Problem("<command line>", 0, "--method", f"{method!r} is not one of {', '.join(METHODS)}"))
    if problems:
        raise InputError(problems)
    return sc, samples, seed, method


def run_ensemble(scenario: ScenarioRef, samples: Optional[int] = None, seed: Optional[int] = None,
                 method: Optional[str] = None, prior: bool = False, draws: Optional[Mapping[str, Any]] = None,
                 evidence: Any = None, history: Optional[list] = None, executor: Any = None,
                 progress: Optional[Callable[[int], None]] = None) -> xr.Dataset:
    """Simulate an ensemble; `xarray.Dataset` with dims (sample, year, actor) and `param_<name>` draws.

    `draws` ({name: array}) replaces sampling (parameters it lacks take their defaults). `history`
    (settings) replaces `inputs_from_evidence(evidence)`. `executor` (experiments/blocks.py) runs
    the blocks, in process by default; the numbers are the same bits on any executor. `progress(k)`
    is called after each block of k samples.
    """
    sc, inputs, design, origin, seed, method = prepare_run(scenario, samples, seed, method, prior, draws, evidence, history)
    samples = design.samples
    years = np.arange(sc.start, sc.end + 1)

    full, views = {}, {}
    for var in VARIABLES:
        # actor-major memory (each actor's block contiguous), seen as (sample, year, actor)
        arr = np.empty((len(ACTORS), len(years), samples))
        cols = [ACTORS.index(a) for a in var.actors]
        for i in range(len(ACTORS)):
            if i not in cols:
                arr[i] = np.nan
        full[var.name], views[var.name] = arr.transpose(2, 1, 0), slice(cols[0], cols[-1] + 1)
    params = {name: np.empty(samples) for name in NAMES}
    for i, (block_params, out) in enumerate(blocks.map_blocks(inputs, years, design, blocks.Everything(), executor, progress)):
        lo = i * blocks.BLOCK
        hi = lo + len(block_params[NAMES[0]])
        for name, value in out.items():
            full[name][lo:hi, :, views[name]] = value
        for name in NAMES:
            params[name][lo:hi] = block_params[name]
    data_vars = {var.name: (("sample", "year", "actor"), full[var.name],
                            {"unit": var.unit, "label_en": var.label["en"], "label_zh": var.label["zh"]})
                 for var in VARIABLES}
    for name in NAMES:
        data_vars[f"param_{name}"] = (("sample",), params[name])
    return xr.Dataset(
        data_vars,
        coords={"sample": np.arange(samples), "year": years, "actor": list(ACTORS)},
        attrs={"scenario": sc.id, "seed": seed, "samples": samples, "method": method,
               "parameters_from": origin, "start": sc.start, "end": sc.end},
    )


def prepare_run(scenario: ScenarioRef, samples: Optional[int], seed: Optional[int], method: Optional[str],
                prior: bool = False, draws: Optional[Mapping[str, Any]] = None, evidence: Any = None,
                history: Optional[list] = None):
    """(scenario, inputs, draws design, parameters_from, seed, method) of an ensemble run: what every block needs."""
    sc, samples, seed, method = resolve_run(scenario, samples, seed, method)
    if draws is not None:
        design, origin, method = blocks.given(draws), "draws", "draws"
    else:
        posterior = None if prior else _posterior()
        design = blocks.Design(samples, seed, method, dict(sc.parameters), posterior)
        origin = "posterior" if posterior else "prior"
    if history is None:
        history = inputs_from_evidence(evidence)
    return sc, scenario_inputs(sc, history), design, origin, seed, method


def _bands(values: np.ndarray) -> dict[str, list]:
    """Mean and quantiles over samples (axis 0) for each year."""
    q = np.quantile(values, list(QUANTILES.values()), axis=0)
    out = {"mean": values.mean(axis=0).tolist()}
    out.update({key: q[i].tolist() for i, key in enumerate(QUANTILES)})
    return out


def summarise(ds: xr.Dataset) -> dict:
    """The `umbrella run` JSON of SYSTEM.md §3.7."""
    variables: dict[str, dict] = {}
    for var in VARIABLES:
        arr = ds[var.name]
        variables[var.name] = {a: _bands(arr.sel(actor=a).values) for a in var.actors}
    return {"scenario": ds.attrs["scenario"], "samples": int(ds.attrs["samples"]), "seed": int(ds.attrs["seed"]),
            "method": ds.attrs["method"], "parameters_from": ds.attrs.get("parameters_from", "prior"),
            "years": [int(y) for y in ds["year"].values], "variables": variables}


def compare(a: ScenarioRef, b: ScenarioRef, variable: str = "proliferation_probability", actor: Optional[str] = None,
            year: Optional[int] = None, samples: Optional[int] = None, seed: Optional[int] = None,
            method: Optional[str] = None, prior: bool = False, evidence: Any = None,
            history: Optional[list] = None, executor: Any = None) -> dict:
    """Paired comparison B − A with common random numbers (the same parameter draws in both runs).
    Each block sends back only the compared output of its samples."""
    sa, samples, seed, method = resolve_run(a, samples, seed, method)
    sb = b if isinstance(b, Scenario) else load_scenario(b)
    var = VARIABLE_BY_NAME.get(variable)
    if var is None:
        raise InputError([Problem("<command line>", 0, "--variable",
                                  f"unknown variable {variable!r} (known: {', '.join(VARIABLE_BY_NAME)})")])
    actor = var.actors[0] if actor is None else actor
    if actor not in var.actors:
        raise InputError([Problem("<command line>", 0, "--actor",
                                  f"{variable} is not reported for {actor!r} (reported for: {', '.join(var.actors)})")])
    first, last = max(sa.start, sb.start), min(sa.end, sb.end)
    if first > last:
        raise InputError([Problem("<command line>", 0, "scenario",
                                  f"{sa.id} ({sa.start}-{sa.end}) and {sb.id} ({sb.start}-{sb.end}) share no year")])
    year = last if year is None else year
    if not first <= year <= last:
        raise InputError([Problem("<command line>", 0, "--year", f"{year} is outside the common years {first}-{last}")])
    if history is None:
        history = inputs_from_evidence(evidence)
    column = var.actors.index(actor)
    va, vb = (output_points(s, variable, column, int(year), samples, seed, method, prior, history, executor)
              for s in (sa, sb))
    diff = vb - va
    q = np.quantile(diff, list(QUANTILES.values()))
    return {"a": sa.id, "b": sb.id, "variable": variable, "actor": actor, "year": int(year), "samples": int(samples),
            "seed": int(seed), "diff": {"mean": float(diff.mean()), **{k: float(q[i]) for i, k in enumerate(QUANTILES)}},
            "p_b_greater": float(np.mean(vb > va))}


def output_points(scenario: ScenarioRef, variable: str, column: int, year: int, samples: Optional[int] = None,
                  seed: Optional[int] = None, method: Optional[str] = None, prior: bool = False,
                  history: Optional[list] = None, executor: Any = None,
                  draws: Optional[Mapping[str, Any]] = None, progress: Optional[Callable[[int], None]] = None) -> np.ndarray:
    """One output (variable, actor column, year) of every sample of an ensemble, in sample order; the
    same numbers as `run_ensemble(...)[variable]` at that actor and year."""
    sc, inputs, design, _, _, _ = prepare_run(scenario, samples, seed, method, prior, draws, None, history)
    return blocks.points(inputs, [year], design, variable, column, 0, executor, progress)


def run_to_store(scenario: ScenarioRef, store: Any, samples: Optional[int] = None, seed: Optional[int] = None,
                 method: Optional[str] = None, prior: bool = False, evidence: Any = None,
                 history: Optional[list] = None, executor: Any = None, variables: Optional[list[str]] = None,
                 progress: Optional[Callable[[int], None]] = None) -> dict:
    """Run an ensemble into a results store (experiments/store.py) block by block, skipping blocks
    already there; memory is bounded by the block size. Returns the store's receipt
    {"scenario", "blocks", "skipped", "written"}."""
    from umbrella.experiments import store as results_store
    unknown = [v for v in variables or [] if v not in VARIABLE_BY_NAME]
    if unknown:
        raise InputError([Problem("<command line>", 0, "--variables", f"unknown variable(s) {', '.join(unknown)}")])
    sc, inputs, design, origin, seed, method = prepare_run(scenario, samples, seed, method, prior, None, evidence, history)
    receipt = results_store.write_run(store, sc, inputs, design, origin, method, executor, variables, progress)
    return {"scenario": sc.id, **receipt}
