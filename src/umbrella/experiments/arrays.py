"""An ensemble as NumPy arrays: the `umbrella run` path without xarray (issue 18, cold start).

`run_arrays` runs the same blocks as `ensemble.run_ensemble` and keeps their results as plain arrays;
`summarise_arrays` gives the `umbrella run` JSON from them, and `to_dataset` labels them as the very
`xarray.Dataset` that `run_ensemble` returns, only when a caller wants it (`--out`, `--plot`, the
report's paired differences). Importing xarray (and, through its duck-array probe, dask and pandas)
costs about a second of CPU, more than the whole 1000-sample run, so it is kept off the `run` path.
Nothing here imports xarray at module level. `tests/experiments/test_experiments_arrays.py` holds
these equal to `run_ensemble` and `summarise`, to the bit.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional

import numpy as np

from umbrella.dynamics.inputs import Setting
from umbrella.dynamics.parameters import NAMES
from umbrella.dynamics.scenario import Scenario, scenario_inputs
from umbrella.dynamics.vocabulary import ACTORS, VARIABLES
from umbrella.errors import InputError, Problem, request_problem
from umbrella.experiments import blocks
from umbrella.experiments.sampling import METHODS, distinct_draws, posterior_rows
from umbrella.progress import Progress
from umbrella.yamlio import line_of

DEFAULT_SAMPLES = 1000
DEFAULT_SEED = 0
MIN_BAND_DRAWS = 20    # quantile bands need at least this many distinct parameter draws
QUANTILES = {"q05": 0.05, "q50": 0.5, "q95": 0.95}

Draws = Mapping[str, np.ndarray]
#: the `method` of an ensemble drawn from the posterior: its rows (`sampling.posterior_rows`), not lhs/mc/sobol
POSTERIOR_ROWS = "posterior-rows"


@dataclass(frozen=True)
class EnsembleArrays:
    """An ensemble: `outputs[variable]` (sample, year, actor) with NaN for actors a variable lacks,
    `params[name]` (sample,), the `years`, and the attributes of `run_ensemble`'s Dataset."""
    outputs: dict[str, np.ndarray]
    params: dict[str, np.ndarray]
    years: np.ndarray
    attrs: dict[str, Any]


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


def run_design(scenario: Scenario, samples: Optional[int], seed: Optional[int], method: Optional[str],
               posterior: Optional[Draws] = None, draws: Optional[Draws] = None):
    """(samples, seed, method, draws design, parameters_from) of an ensemble: what every block needs
    to draw its own parameters (experiments/blocks.py)."""
    from_file = samples is None and "samples" in scenario.ensemble
    samples, seed, method = ensemble_settings(scenario, samples, seed, method)
    if draws is not None:
        return samples, seed, "draws", blocks.given(draws), "draws"
    if posterior:        # more samples than the posterior holds: refused here, before anything runs or is written
        try:
            posterior_rows(len(next(iter(posterior.values()))), samples, seed)
        except InputError as exc:
            if not (from_file and scenario.path):
                raise
            # the size came from the scenario file's ensemble block: blame that line, not --samples
            line = line_of(scenario.lines, ("ensemble", "samples"))
            raise InputError([Problem(scenario.path, line, "ensemble.samples", p.message)
                              for p in exc.problems]) from None
    design = blocks.Design(samples, seed, method, dict(scenario.parameters), posterior)
    # over the posterior the rows are picked whatever the sampling method: say so, not the method asked
    return samples, seed, POSTERIOR_ROWS if posterior else method, design, "posterior" if posterior else "prior"


def run_arrays(scenario: Scenario, samples: Optional[int] = None, seed: Optional[int] = None,
               method: Optional[str] = None, *, history: list[Setting], posterior: Optional[Draws] = None,
               draws: Optional[Draws] = None, executor: Any = None,
               progress: Optional[Progress] = None) -> EnsembleArrays:
    """Simulate an ensemble (the arguments of `ensemble.run_ensemble`); its arrays, unlabelled."""
    sc = scenario
    samples, seed, method, design, origin = run_design(sc, samples, seed, method, posterior, draws)
    samples = design.samples
    inputs = scenario_inputs(sc, history)
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
    for i, (block_params, out) in enumerate(blocks.map_blocks(inputs, years, design, blocks.Everything(), executor,
                                                              progress)):
        lo = i * blocks.BLOCK
        hi = lo + len(block_params[NAMES[0]])
        for name, value in out.items():
            full[name][lo:hi, :, views[name]] = value
        for name in NAMES:
            params[name][lo:hi] = block_params[name]
    attrs = {"scenario": sc.id, "seed": seed, "samples": samples, "method": method, "parameters_from": origin,
             "distinct_draws": distinct_draws(params), "start": sc.start, "end": sc.end}
    return EnsembleArrays(full, params, years, attrs)


def to_dataset(ens: EnsembleArrays) -> Any:
    """The ensemble as `run_ensemble` labels it: an `xarray.Dataset` with dims (sample, year, actor),
    one variable per model variable and `param_<name>` draws (imports xarray)."""
    import xarray as xr
    data_vars = {var.name: (("sample", "year", "actor"), ens.outputs[var.name],
                            {"unit": var.unit, "label_en": var.label["en"], "label_zh": var.label["zh"]})
                 for var in VARIABLES}
    for name in NAMES:
        data_vars[f"param_{name}"] = (("sample",), ens.params[name])
    samples = ens.attrs["samples"]
    return xr.Dataset(data_vars, coords={"sample": np.arange(samples), "year": ens.years, "actor": list(ACTORS)},
                      attrs=dict(ens.attrs))


def bands(values: np.ndarray, with_quantiles: bool = True) -> dict[str, list]:
    """Mean and (with enough distinct draws) quantiles over samples (axis 0) for each year."""
    out = {"mean": values.mean(axis=0).tolist()}
    if with_quantiles:
        q = np.quantile(values, list(QUANTILES.values()), axis=0)
        out.update({key: q[i].tolist() for i, key in enumerate(QUANTILES)})
    return out


def summarise_arrays(ens: EnsembleArrays) -> dict:
    """The `umbrella run` JSON of SYSTEM.md §3.7 (what `ensemble.summarise` gives for its Dataset)."""
    attrs = ens.attrs
    distinct = int(attrs["distinct_draws"])
    variables = {var.name: {a: bands(ens.outputs[var.name][:, :, ACTORS.index(a)], distinct >= MIN_BAND_DRAWS)
                            for a in var.actors} for var in VARIABLES}
    out = {"scenario": attrs["scenario"], "samples": int(attrs["samples"]), "distinct_draws": distinct,
           "seed": int(attrs["seed"]), "method": attrs["method"], "parameters_from": attrs["parameters_from"],
           "years": [int(y) for y in ens.years], "variables": variables}
    if distinct < MIN_BAND_DRAWS:
        out["note"] = (f"{distinct} distinct parameter draws: no 5-95 % band (at least {MIN_BAND_DRAWS} are needed)")
    return out
