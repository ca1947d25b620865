"""Ensembles of the regional model: sample, simulate in chunks, label as xarray, summarise, compare.

Results are identical for any `chunk_size` and any number of `workers`: the samples are drawn by
fixed blocks (see sampling.py) and the model is elementwise over samples.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Mapping, Optional, Union

import numpy as np
import xarray as xr

from umbrella.dynamics.history import inputs_from_evidence
from umbrella.dynamics.model import simulate
from umbrella.dynamics.parameters import NAMES, PARAMETERS, defaults
from umbrella.dynamics.scenario import Scenario, load_scenario, scenario_inputs
from umbrella.dynamics.vocabulary import ACTORS, VARIABLE_BY_NAME, VARIABLES
from umbrella.errors import InputError, Problem
from umbrella.experiments.sampling import METHODS, sample

DEFAULT_SAMPLES = 1000
DEFAULT_SEED = 0
CHUNK = 4096   # samples per simulation chunk: (3, 4096) arrays stay in the 2 MB L2 cache
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
                 evidence: Any = None, history: Optional[list] = None, chunk_size: int = CHUNK, workers: int = 1,
                 progress: Optional[Callable[[int], None]] = None) -> xr.Dataset:
    """Simulate an ensemble; `xarray.Dataset` with dims (sample, year, actor) and `param_<name>` draws.

    `draws` ({name: array}) replaces sampling (parameters it lacks take their defaults). `history`
    (settings) replaces `inputs_from_evidence(evidence)`. `progress(k)` is called after each chunk of k samples.
    """
    sc, samples, seed, method = resolve_run(scenario, samples, seed, method)
    if draws is not None:
        n = len(next(iter(draws.values())))
        base = defaults()
        params = {name: np.broadcast_to(np.asarray(draws.get(name, base[name]), dtype=np.float64), (n,)).copy()
                  for name in NAMES}
        samples = n
        origin = "draws"
    else:
        posterior = None if prior else _posterior()
        params = sample(PARAMETERS, samples, seed, method, overrides=sc.parameters, posterior=posterior)
        origin = "posterior" if posterior else "prior"
    if history is None:
        history = inputs_from_evidence(evidence)
    inputs = scenario_inputs(sc, history)
    years = np.arange(sc.start, sc.end + 1)
    size = max(1, int(chunk_size))
    bounds = [(lo, min(lo + size, samples)) for lo in range(0, samples, size)]

    full, views = {}, {}
    for var in VARIABLES:
        # actor-major memory (each actor's block contiguous), seen as (sample, year, actor)
        arr = np.empty((len(ACTORS), len(years), samples))
        cols = [ACTORS.index(a) for a in var.actors]
        for i in range(len(ACTORS)):
            if i not in cols:
                arr[i] = np.nan
        full[var.name], views[var.name] = arr.transpose(2, 1, 0), slice(cols[0], cols[-1] + 1)

    def one(bound):
        lo, hi = bound
        simulate({k: v[lo:hi] for k, v in params.items()}, inputs, years,
                 out={name: full[name][lo:hi, :, views[name]] for name in full})
        if progress is not None:
            progress(hi - lo)

    if workers > 1 and len(bounds) > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(one, bounds))
    else:
        for b in bounds:
            one(b)
    data_vars = {var.name: (("sample", "year", "actor"), full[var.name],
                            {"unit": var.unit, "label_en": var.label["en"], "label_zh": var.label["zh"]})
                 for var in VARIABLES}
    for name in NAMES:
        data_vars[f"param_{name}"] = (("sample",), params[name])
    return xr.Dataset(
        data_vars,
        coords={"sample": np.arange(samples), "year": years, "actor": list(ACTORS)},
        attrs={"scenario": sc.id, "seed": seed, "samples": samples, "method": method if draws is None else "draws",
               "parameters_from": origin, "start": sc.start, "end": sc.end},
    )


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
            history: Optional[list] = None) -> dict:
    """Paired comparison B − A with common random numbers (the same parameter draws in both runs)."""
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
    runs = [run_ensemble(s, samples, seed, method, prior=prior, history=history) for s in (sa, sb)]
    va, vb = (r[variable].sel(actor=actor, year=year).values for r in runs)
    diff = vb - va
    q = np.quantile(diff, list(QUANTILES.values()))
    return {"a": sa.id, "b": sb.id, "variable": variable, "actor": actor, "year": int(year), "samples": int(samples),
            "seed": int(seed), "diff": {"mean": float(diff.mean()), **{k: float(q[i]) for i, k in enumerate(QUANTILES)}},
            "p_b_greater": float(np.mean(vb > va))}
