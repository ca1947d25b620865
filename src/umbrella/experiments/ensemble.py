"""Ensembles of the regional model: sample, simulate in chunks, label as xarray, summarise, compare.

Results are identical for any `chunk_size` and any number of `workers`: the samples are drawn by
fixed blocks (see sampling.py) and the model is elementwise over samples. Nothing here reads a
file: the scenario, the evidence's history and the posterior are arguments.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Mapping, Optional

import numpy as np
import xarray as xr

from umbrella.dynamics.inputs import Setting
from umbrella.dynamics.model import simulate
from umbrella.dynamics.parameters import NAMES, PARAMETERS, defaults
from umbrella.dynamics.scenario import Scenario, scenario_inputs
from umbrella.dynamics.vocabulary import ACTORS, VARIABLE_BY_NAME, VARIABLES
from umbrella.errors import InputError, request_problem
from umbrella.experiments.sampling import METHODS, distinct_draws, sample
from umbrella.progress import Counter, Progress

DEFAULT_SAMPLES = 1000
DEFAULT_SEED = 0
MIN_BAND_DRAWS = 20    # quantile bands need at least this many distinct parameter draws
CHUNK = 4096   # samples per simulation chunk: (3, 4096) arrays stay in the 2 MB L2 cache
QUANTILES = {"q05": 0.05, "q50": 0.5, "q95": 0.95}

Draws = Mapping[str, np.ndarray]


def ensemble_settings(scenario: Scenario, samples: Optional[int], seed: Optional[int],
                      method: Optional[str]) -> tuple[int, int, str]:
    """(samples, seed, method): explicit values, else the scenario's `ensemble:` block, else the defaults."""
    samples = scenario.ensemble.get("samples", DEFAULT_SAMPLES) if samples is None else samples
    seed = scenario.ensemble.get("seed", DEFAULT_SEED) if seed is None else seed
    method = scenario.ensemble.get("method", "lhs") if method is None else method
    problems = []
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        problems += request_problem("samples", f"{samples!r} is not a positive integer").problems
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        problems += request_problem("seed", f"{seed!r} is not a non-negative integer").problems
    if method not in METHODS:
        problems += request_problem("method", f"{method!r} is not one of {', '.join(METHODS)}").problems
    if problems:
        raise InputError(problems)
    return samples, seed, method


def run_ensemble(scenario: Scenario, samples: Optional[int] = None, seed: Optional[int] = None,
                 method: Optional[str] = None, *, history: list[Setting], posterior: Optional[Draws] = None,
                 draws: Optional[Draws] = None, chunk_size: int = CHUNK, workers: int = 1,
                 progress: Optional[Progress] = None) -> xr.Dataset:
    """Simulate an ensemble; `xarray.Dataset` with dims (sample, year, actor) and `param_<name>` draws.

    `history`: the lever and shock settings recorded in the evidence base
    (`umbrella.dynamics.history.inputs_from_evidence`). Parameters are sampled from their declared
    ranges (the prior), or from `posterior` (calibrated draws, `{name: array}`) where given;
    `draws` ({name: array}) replaces sampling (parameters it lacks take their defaults).
    `progress(done, total)` is called after each chunk of samples.
    """
    samples, seed, method = ensemble_settings(scenario, samples, seed, method)
    sc = scenario
    if draws is not None:
        n = len(next(iter(draws.values())))
        base = defaults()
        params = {name: np.broadcast_to(np.asarray(draws.get(name, base[name]), dtype=np.float64), (n,)).copy()
                  for name in NAMES}
        samples = n
        origin = "draws"
    else:
        params = sample(PARAMETERS, samples, seed, method, overrides=sc.parameters, posterior=posterior)
        origin = "posterior" if posterior else "prior"
    inputs = scenario_inputs(sc, history)
    years = np.arange(sc.start, sc.end + 1)
    size = max(1, int(chunk_size))
    bounds = [(lo, min(lo + size, samples)) for lo in range(0, samples, size)]
    counter = Counter(progress, samples)

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
        counter.add(hi - lo)

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
               "parameters_from": origin, "distinct_draws": distinct_draws(params), "start": sc.start, "end": sc.end},
    )


def _bands(values: np.ndarray, with_quantiles: bool = True) -> dict[str, list]:
    """Mean and (with enough distinct draws) quantiles over samples (axis 0) for each year."""
    out = {"mean": values.mean(axis=0).tolist()}
    if with_quantiles:
        q = np.quantile(values, list(QUANTILES.values()), axis=0)
        out.update({key: q[i].tolist() for i, key in enumerate(QUANTILES)})
    return out


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
        raise request_problem("variable", f"unknown variable {variable!r} (known: {', '.join(VARIABLE_BY_NAME)})")
    actor = var.actors[0] if actor is None else actor
    if actor not in var.actors:
        raise request_problem("actor", f"{variable} is not reported for {actor!r} (reported for: {', '.join(var.actors)})")
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
            method: Optional[str] = None, *, history: list[Setting], posterior: Optional[Draws] = None) -> dict:
    """Paired comparison B − A with common random numbers (the same parameter draws in both runs);
    A's ensemble settings (explicit, else A's `ensemble:` block) apply to both."""
    samples, seed, method = ensemble_settings(a, samples, seed, method)
    variable, actor, year = comparison_target(a, b, variable, actor, year)
    runs = [run_ensemble(s, samples, seed, method, history=history, posterior=posterior) for s in (a, b)]
    return paired_difference(*runs, variable, actor, year)
