"""Global sensitivity analysis with SALib over vectorised models.

`analyse(factors, func, method, samples, seed)` builds the sample design, hands every row to `func`
in ONE call (a mapping name → array, the shape `run_ensemble(..., draws=...)` takes), and analyses
the outputs:

* `sobol` — Saltelli's design (Saltelli 2002; Saltelli et al. 2010: matrices A and B from one
  scrambled Sobol' sequence of dimension 2D, `scipy.stats.qmc.Sobol`, and the D matrices A_B^(i);
  N·(D+2) runs for N base samples, N a power of two; the row order of `SALib.sample.sobol`, built
  vectorised, and by any block of rows alone: `SaltelliDesign`) and Jansen/Saltelli estimators
  (`SALib.analyze.sobol`'s, the same bits without its per-parameter repeats: `sobol_indices.py`):
  first-order `S1` and total
  `ST` indices with bootstrap confidence intervals `S1_conf`, `ST_conf`;
* `morris` — elementary effects (`SALib.sample.morris`, N trajectories, (D+1)·N runs, 4 levels):
  `mu_star` (mean absolute effect) with its bootstrap `mu_star_conf`, and `sigma` (interactions or
  non-linearity).

Both designs need independent inputs on a box: they describe the declared (prior) ranges. Over the
calibrated posterior, whose parameters are dependent, `analyse_given` estimates first-order indices
S1_i = Var(E[Y | X_i]) / Var(Y) from given draws (`rbd_fast`: SALib's RBD-FAST on given data, Plischke
2010; Tarantola et al. 2006), which stay well defined with dependent inputs (they then include what
X_i carries of the inputs it is correlated with); total indices are not estimated there.

`scenario_sensitivity` applies it to one output (variable, actor, year) of a library scenario.
Seeds: one `SeedSequence(seed)` gives the sampler's and the bootstrap's streams, so the same seed
gives the same indices.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np
from SALib.analyze import morris as morris_analyze
from SALib.analyze import rbd_fast as rbd_fast_analyze
from SALib.sample import morris as morris_sample

from umbrella.errors import InputError, request_problem, unknown
from umbrella.experiments import blocks, sobol_indices
from umbrella.experiments.saltelli import DesignBlocks, SaltelliDesign
from umbrella.progress import Progress

METHODS = ("rbd_fast", "sobol", "morris")
DESIGNS = ("sobol", "morris")       # their own sample designs over the prior box
CONF_LEVEL = 0.95
BOOTSTRAP_RESAMPLES = 200
GIVEN_RESAMPLES = 20                # bootstrap of RBD-FAST on given data (its cost grows with them)
RBD_HARMONICS = 10
MORRIS_LEVELS = 4


@dataclass(frozen=True)
class Factor:
    """An uncertain input varied by the analysis, uniform on [low, high]."""
    name: str
    low: float
    high: float


def _bad(field: str, message: str) -> InputError:
    return request_problem(field, message)


def _check(factors: list[Factor], method: str, samples: int) -> None:
    if method not in METHODS:
        raise _bad("method", f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if len(factors) < 2:
        raise _bad("parameters", "at least two uncertain parameters are needed (the others are fixed)")
    if method == "sobol" and (samples < 2 or samples & (samples - 1)):
        raise _bad("samples", f"{samples}: Sobol' sampling needs a power of two (e.g. 256, 512, 1024)")
    if method == "morris" and samples < 2:
        raise _bad("samples", f"{samples}: Morris needs at least 2 trajectories")
    for f in factors:
        if not f.low < f.high:
            raise _bad(f.name, f"range [{f.low}, {f.high}] is empty")


def analyse(factors: list[Factor], func: Callable[[Mapping[str, np.ndarray]], np.ndarray], *,
            method: str = "sobol", samples: int = 256, seed: int = 1) -> dict:
    """Sensitivity indices of the scalar output `func(draws)` (one value per row of draws). For
    `sobol`, `draws` is the `SaltelliDesign` itself: a mapping of columns, which a blocked model can
    instead build block by block (`DesignBlocks`).

    Returns `{"method", "samples", "runs", "seed", "conf_level", "indices": {name: {...}}}` with
    S1, S1_conf, ST, ST_conf (sobol) or mu_star, mu_star_conf, sigma, mu (morris) per factor.
    """
    _check(factors, method, samples)
    problem = {"num_vars": len(factors), "names": [f.name for f in factors],
               "bounds": [[f.low, f.high] for f in factors]}
    sample_seq, bootstrap_seq = np.random.SeedSequence(seed).spawn(2)
    bootstrap_stream = np.random.default_rng(bootstrap_seq)
    if method == "sobol":
        X = None
        draws: Mapping[str, np.ndarray] = SaltelliDesign(tuple(problem["names"]), tuple(map(tuple, problem["bounds"])),
                                                         samples, seed)
        runs = draws.runs
    else:
        X = morris_sample.sample(problem, samples, num_levels=MORRIS_LEVELS, seed=np.random.default_rng(sample_seq))
        draws, runs = {f.name: X[:, i] for i, f in enumerate(factors)}, X.shape[0]
    Y = np.asarray(func(draws), dtype=float).reshape(-1)
    if Y.shape[0] != runs:
        raise ValueError(f"the model returned {Y.shape[0]} outputs for {runs} samples")
    if not np.all(np.isfinite(Y)):
        raise _bad("variable", "the output is not defined (NaN) for some samples")
    if method == "sobol":
        # SALib's estimators without its per-parameter repeats (the same bits; sobol_indices.py)
        res = sobol_indices.analyze(Y, len(factors), CONF_LEVEL, BOOTSTRAP_RESAMPLES, bootstrap_stream)
        keys = ("S1", "S1_conf", "ST", "ST_conf")
    else:
        res = morris_analyze.analyze(problem, X, Y, conf_level=CONF_LEVEL, num_resamples=BOOTSTRAP_RESAMPLES,
                                     num_levels=MORRIS_LEVELS, seed=bootstrap_stream)
        keys = ("mu_star", "mu_star_conf", "sigma", "mu")
    indices = {f.name: {k: float(res[k][i]) for k in keys} for i, f in enumerate(factors)}
    return {"method": method, "samples": samples, "runs": int(runs), "seed": seed,
            "conf_level": CONF_LEVEL, "output_mean": float(Y.mean()), "output_std": float(Y.std()),
            "indices": indices}


def analyse_given(draws: dict[str, np.ndarray], y: np.ndarray, *, seed: int = 1) -> dict:
    """First-order indices of `y` (one value per draw) from the given draws (name → (n,) arrays, any
    joint distribution), by RBD-FAST on given data; parameters that do not vary are left out."""
    names = [k for k, v in draws.items() if np.ptp(v) > 0]
    if len(names) < 2:
        raise _bad("parameters", "at least two parameters must vary in the draws")
    y = np.asarray(y, dtype=float)
    if not np.all(np.isfinite(y)):
        raise _bad("--variable", "the output is not defined (NaN) for some samples")
    X = np.column_stack([draws[k] for k in names])
    problem = {"num_vars": len(names), "names": names, "bounds": [[float(c.min()), float(c.max())] for c in X.T]}
    state = int(np.random.SeedSequence(seed).generate_state(1)[0])
    res = rbd_fast_analyze.analyze(problem, X, y, M=RBD_HARMONICS, num_resamples=GIVEN_RESAMPLES,
                                   conf_level=CONF_LEVEL, seed=state)
    indices = {k: {"S1": float(res["S1"][i]), "S1_conf": float(res["S1_conf"][i])} for i, k in enumerate(names)}
    return {"method": "rbd_fast", "samples": len(y), "runs": len(y), "seed": seed, "conf_level": CONF_LEVEL,
            "output_mean": float(y.mean()), "output_std": float(y.std()), "indices": indices}


# ---- one output of a scenario ---------------------------------------------------------------------

DEFAULT_SAMPLES = {"rbd_fast": 4096, "sobol": 512, "morris": 50}


def resolve_output(scenario, variable: str, actor: Optional[str], year: Optional[int]) -> tuple[str, str, int]:
    """Check (variable, actor, year) against the vocabulary and the scenario's years; fill defaults:
    actor KOR for ally variables (else PRK / region), year the scenario's last."""
    from umbrella.dynamics.vocabulary import ABBREVIATIONS, VARIABLE_BY_NAME
    var = VARIABLE_BY_NAME.get(variable)
    if var is None:
        raise _bad("variable", unknown("variable", variable, VARIABLE_BY_NAME))
    actor = ("KOR" if "KOR" in var.actors else var.actors[0]) if actor is None else actor
    if actor not in var.actors:
        raise _bad("actor", unknown("actor", actor, var.actors, of=f"for {variable}", aliases=ABBREVIATIONS))
    year = scenario.end if year is None else year
    if not scenario.start <= year <= scenario.end:
        raise _bad("year", f"{year} is outside the years of scenario {scenario.id} ({scenario.start}-{scenario.end})")
    return variable, actor, int(year)


def scenario_factors(scenario, names: Optional[list[str]] = None) -> tuple[list[Factor], dict[str, float]]:
    """The uncertain parameters of a scenario: declared ranges, narrowed by its `parameters:` ranges;
    parameters it fixes to a number are returned apart. `names` keeps only those parameters."""
    from umbrella.dynamics.parameters import PARAMETER_BY_NAME, PARAMETERS
    fixed = {k: float(v) for k, v in scenario.parameters.items() if not isinstance(v, tuple)}
    factors = []
    for p in PARAMETERS:
        if p.name in fixed:
            continue
        low, high = scenario.parameters.get(p.name, (p.low, p.high))
        if low < high:
            factors.append(Factor(p.name, float(low), float(high)))
        else:
            fixed[p.name] = float(low)
    if names is not None:
        missing = [n for n in names if n not in PARAMETER_BY_NAME]
        if missing:
            raise _bad("parameters", "; ".join(unknown("parameter", n, PARAMETER_BY_NAME, listing=False)
                                               for n in missing) + " (see `umbrella params`)")
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise _bad("parameters", f"{', '.join(twice)} given more than once")
        pinned = [n for n in names if n in fixed]
        if pinned:
            raise _bad("parameters", f"{', '.join(pinned)} fixed by scenario {scenario.id}")
        factors = [f for f in factors if f.name in set(names)]
    return factors, fixed


def scenario_sensitivity(scenario, variable: str, *, history: list, actor: Optional[str] = None,
                         year: Optional[int] = None, method: str = "rbd_fast", samples: Optional[int] = None,
                         seed: int = 1, parameters: Optional[list[str]] = None,
                         posterior: Optional[dict[str, np.ndarray]] = None,
                         progress: Optional[Progress] = None, executor=None) -> dict:
    """Sensitivity of `variable` (actor, year) of a scenario to its uncertain parameters.

    `scenario` is a `Scenario`, `history` the evidence's lever and shock settings. `rbd_fast`
    (default): first-order indices over the scenario's ensemble draws, those of `posterior` (the
    calibrated draws) where given, else the prior. `sobol`/`morris`: their own designs over the
    declared (or scenario-narrowed) ranges, which need independent inputs, hence no `posterior`;
    parameters not varied keep their declared defaults (or the scenario's fixed value). The model runs
    block by block (experiments/blocks.py, on `executor`: the current one, in process unless a Dask
    cluster is open), each block of a design sending back only the output; `progress(done, total)` is
    called as runs complete.
    """
    from umbrella.dynamics.scenario import scenario_inputs
    from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME
    from umbrella.experiments.ensemble import output_points, run_ensemble

    sc = scenario
    variable, actor, year = resolve_output(sc, variable, actor, year)
    if method not in METHODS:
        raise _bad("method", f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if method in DESIGNS and posterior is not None:
        raise _bad("method", f"{method} needs independent inputs on a box, i.e. the prior: ask for the prior, "
                             "or use rbd_fast for the calibrated posterior")
    samples = DEFAULT_SAMPLES[method] if samples is None else samples
    factors, fixed = scenario_factors(sc, parameters)
    column = VARIABLE_BY_NAME[variable].actors.index(actor)
    if method == "rbd_fast":
        if samples < 64:
            raise _bad("samples", f"{samples}: RBD-FAST on given data needs at least 64 draws")
        ds = run_ensemble(sc, samples, seed, history=history, posterior=posterior,
                          executor=executor, progress=progress)
        names = [f.name for f in factors]            # in declaration order: the same numbers in every process
        draws = {k: ds[f"param_{k}"].values for k in names}
        result = analyse_given(draws, ds[variable].sel(actor=actor, year=year).values, seed=seed)
        return {"scenario": sc.id, "variable": variable, "actor": actor, "year": year, **result,
                "parameters_from": ds.attrs["parameters_from"], "distinct_draws": int(ds.attrs["distinct_draws"]),
                "fixed": fixed}

    def output(draws: Mapping[str, np.ndarray]) -> np.ndarray:
        if isinstance(draws, SaltelliDesign):      # each block builds its own rows of the design
            return blocks.points(scenario_inputs(sc, history), [year], DesignBlocks(draws, fixed), variable, column, 0,
                                 executor, progress)
        n = len(next(iter(draws.values())))
        given = {**draws, **{k: np.full(n, v) for k, v in fixed.items()}}
        return output_points(sc, variable, column, year, history=history, draws=given, executor=executor,
                             progress=progress)

    result = analyse(factors, output, method=method, samples=samples, seed=seed)
    return {"scenario": sc.id, "variable": variable, "actor": actor, "year": year, **result,
            "parameters_from": "prior", "distinct_draws": result["runs"], "fixed": fixed}
