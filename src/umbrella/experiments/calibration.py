"""Joint calibration of the regional model to the observed series of the evidence base.

The historical run (2006 → the last year a series needs, levers and shocks from the evidence base's
events) links to every fitted series through its observation model (`observations.py`: warhead
estimates ↔ `prk_arsenal`, launch counts ↔ `prk_provocation`, polls ↔ `public_nuclear_support`, each
with its own noise). The likelihood is the product over series and points; the posterior over the
116 model parameters and the observation models' own parameters is sampled by adaptive-tempering
SMC (`smc.py`), vectorised: every step evaluates all particles in one historical ensemble.

Honesty (docs/model/calibration.md §3): points dated in or after the hold-out year (`since:YEAR`,
default 2023) never enter the likelihood; each series reports its error in sample and held out,
next to the prior's error on the same points, optionally its error when the model is fitted to the
other series only (leave one series out), the coverage of its points by the 90 % posterior
predictive band, and whether the model fits it.

The posterior is written as a JSON manifest (everything but the draws) and a compressed `.npz` of the
draws (float32) beside it; the manifest holds a fingerprint of every input and the npz's SHA-256.
"""
from __future__ import annotations

import hashlib
import io
import json
import math
import pathlib
import re
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

import numpy as np

from umbrella.errors import InputError, Problem, request_problem
from umbrella.experiments import observations as obs
from umbrella.progress import Progress

MODEL = "northeast-asia"
METHOD = "smc-tempering"
METHOD_VERSION = 2                  # bumped when the sampler or the observation models change
DEFAULT_PARTICLES = 10240
DEFAULT_SEED = 1
DEFAULT_HOLDOUT = "since:2023"
DEFAULT_LOSO_PARTICLES = 512
PRIOR_DRAWS = 4096                  # prior draws for the prior's errors and for "which series inform it"
RIVAL_DRAWS = 2000                  # draws of the prior and of the posterior for the rival study
CHUNK = 4096
INFORMS = 0.05                      # first-order index above which a series informs a parameter
INFORM_BINS = 20
FITS_COVERAGE = 0.5                 # share of in-sample points inside the 90 % predictive band to "fit"
FITS_GAIN = 1.0                     # ... and an in-sample error no larger than the prior's
LINKED = ("prk_arsenal", "prk_provocation", "public_nuclear_support")


def posterior_path() -> pathlib.Path:
    """The committed calibration manifest, bundled with the package."""
    from umbrella import resources
    return resources.posterior_file()


def draws_path(manifest: pathlib.Path) -> pathlib.Path:
    return pathlib.Path(manifest).with_suffix(".npz")


def _bad(field: str, message: str) -> InputError:
    return request_problem(field, message)


# ---- settings ---------------------------------------------------------------------------------------

HOLDOUT = re.compile(r"^(?:since:([0-9]{4})|none)$")


def holdout_year(spec: str) -> Optional[int]:
    """`since:YEAR` → YEAR (points dated YEAR or later are held out); `none` → None."""
    m = HOLDOUT.match(spec.strip())
    if not m:
        raise _bad("holdout", f"{spec!r}: expected since:YEAR (e.g. since:2023) or none")
    return int(m[1]) if m[1] else None


@dataclass(frozen=True)
class Settings:
    """What a calibration run does."""
    particles: int = DEFAULT_PARTICLES
    seed: int = DEFAULT_SEED
    holdout: str = DEFAULT_HOLDOUT
    leave_one_out: bool = False
    loso_particles: int = DEFAULT_LOSO_PARTICLES

    @classmethod
    def checked(cls, particles: Optional[int] = None, seed: Optional[int] = None, holdout: Optional[str] = None,
                leave_one_out: bool = False, loso_particles: Optional[int] = None) -> "Settings":
        """Settings from a request (None: the default); every problem at once."""
        problems = []
        if particles is not None and particles < 200:
            problems += _bad("particles", f"{particles}: at least 200 particles are needed").problems
        if loso_particles is not None and loso_particles < 200:
            problems += _bad("loso_particles", f"{loso_particles}: at least 200 particles are needed").problems
        if seed is not None and seed < 0:
            problems += _bad("seed", f"{seed} is not a non-negative integer").problems
        try:
            holdout_year(DEFAULT_HOLDOUT if holdout is None else holdout)
        except InputError as exc:
            problems += exc.problems
        if problems:
            raise InputError(problems)
        return cls(particles=DEFAULT_PARTICLES if particles is None else particles,
                   seed=DEFAULT_SEED if seed is None else seed,
                   holdout=DEFAULT_HOLDOUT if holdout is None else holdout, leave_one_out=leave_one_out,
                   loso_particles=DEFAULT_LOSO_PARTICLES if loso_particles is None else loso_particles)


# ---- the target: historical run + observation models ------------------------------------------------

@dataclass(frozen=True)
class Dim:
    """One coordinate of the sampler's unit cube: a model parameter or an observation model's."""
    name: str
    low: float
    high: float
    log: bool
    kind: str                   # "model" | "observation"

    def from_unit(self, u: np.ndarray) -> np.ndarray:
        if self.log:
            return np.exp(math.log(self.low) + u * (math.log(self.high) - math.log(self.low)))
        return self.low + u * (self.high - self.low)


def historical_inputs(history: list, last_year: int):
    """Levers and shocks of 2006 → `last_year` from the evidence base's events (defaults elsewhere)."""
    from umbrella.dynamics.inputs import build_inputs
    from umbrella.dynamics.scenario import SIMULATION_START
    return build_inputs(SIMULATION_START, last_year, history, report_from=SIMULATION_START)


class Target:
    """u (points of the unit cube) → parameters → historical run → log-likelihood of the series.

    `fixed` holds parameters (model or observation) at given values; they are not sampled.
    `held_from`: points dated in or after this year are held out of the likelihood."""

    def __init__(self, models: list[obs.SeriesModel], history: list, held_from: Optional[int],
                 fixed: Optional[Mapping[str, float]] = None):
        from umbrella.dynamics.parameters import PARAMETERS
        from umbrella.dynamics.scenario import SIMULATION_START
        self.models = [m for m in models if m.role == obs.FITTED]
        if not self.models:
            raise InputError([Problem("data/series.yaml", 0, "series", "no observed series to fit")])
        self.fixed = dict(fixed or {})
        nuisance = obs.nuisance_parameters(self.models)
        every = ([Dim(p.name, p.low, p.high, False, "model") for p in PARAMETERS]
                 + [Dim(q.name, q.low, q.high, q.log, "observation") for q in nuisance])
        unknown = sorted(set(self.fixed) - {d.name for d in every})
        if unknown:
            raise ValueError(f"unknown fixed parameters: {', '.join(unknown)}")
        self.all_dims = every
        first, last = obs.needed_years(self.models)
        self.years = np.arange(min(SIMULATION_START, first), last + 1)
        self.inputs = historical_inputs(history, last)
        self.inert = self._inert([d for d in every if d.kind == "model" and d.name not in self.fixed])
        self.dims = [d for d in every if d.name not in self.fixed and d.name not in self.inert]
        self.held = {m.id: np.array([held_from is not None and p.year >= held_from for p in m.points])
                     for m in self.models}
        if all(held.all() for held in self.held.values()):     # a fit to no point would be the prior, called a posterior
            first_point = min(p.year for m in self.models for p in m.points)
            raise _bad("holdout", f"since:{held_from} holds out every observed point (the first is from "
                                  f"{first_point}): nothing is left to fit")

    def _inert(self, dims: list[Dim], base: int = 4) -> frozenset:
        """Model parameters the historical run's linked variables do not depend on at all: moving one to
        either end of its range leaves them bit-identical in `base` random draws (terms that feed no
        state, like crisis and escalation, or that multiply a lever the history never moved, like
        nuclear sharing). The likelihood ignores them, so their posterior is their prior: they are
        drawn from it, not sampled."""
        from umbrella.dynamics.parameters import defaults
        rng = np.random.default_rng(0)
        start = {d.name: d.from_unit(rng.random(base)) for d in dims}
        values = {**{k: np.full(base, v) for k, v in defaults().items()},
                  **{k: np.full(base, float(v)) for k, v in self.fixed.items()}, **start}
        rows = {k: [v] for k, v in values.items()}
        for d in dims:
            for end in (d.low, d.high):
                for k, v in values.items():
                    rows[k].append(np.full(base, end) if k == d.name else v)
        sim = self.simulate({k: np.concatenate(v) for k, v in rows.items()})
        inert = []
        for i, d in enumerate(dims):
            lo, hi = (slice((2 * i + e + 1) * base, (2 * i + e + 2) * base) for e in (0, 1))
            if all(np.array_equal(x[lo], x[:base]) and np.array_equal(x[hi], x[:base]) for x in sim.values()):
                inert.append(d.name)
        return frozenset(inert)

    def parameters(self, u: np.ndarray, rest: Optional[np.ndarray] = None) -> tuple[dict, dict]:
        """(model parameters, observation parameters), each name → (n,) array. Inert parameters take
        their defaults, or the columns of `rest` (unit draws, one per inert parameter in declaration
        order) where given."""
        from umbrella.dynamics.parameters import PARAMETER_BY_NAME
        n = u.shape[0]
        model, nuisance = {}, {}
        j = k = 0
        for d in self.all_dims:
            if d.name in self.fixed:
                value = np.full(n, float(self.fixed[d.name]))
            elif d.name in self.inert:
                value = np.full(n, PARAMETER_BY_NAME[d.name].default) if rest is None else d.from_unit(rest[:, k])
                k += 1
            else:
                value = d.from_unit(u[:, j])
                j += 1
            (model if d.kind == "model" else nuisance)[d.name] = value
        return model, nuisance

    def simulate(self, model: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        """The linked variables of the historical run, (n, years), block by block on the current
        executor (experiments/blocks.py: in process unless a Dask cluster is open; the same bits)."""
        from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME
        from umbrella.experiments import blocks
        columns = tuple((v, VARIABLE_BY_NAME[v].actors.index(obs.VARIABLES[_family(v)][1])) for v in LINKED)
        parts = list(blocks.map_blocks(self.inputs, self.years, blocks.given(model), blocks.Series(columns)))
        return {v: np.concatenate([p[v] for p in parts]) for v in LINKED}

    def series_log_likelihood(self, u: np.ndarray) -> dict[str, np.ndarray]:
        """In-sample log-likelihood of each fitted series, (n,) per series id."""
        out = {}
        for lo in range(0, u.shape[0], CHUNK):
            model, nuisance = self.parameters(u[lo:lo + CHUNK])
            sim = self.simulate(model)
            for m in self.models:
                ll = obs.log_likelihood(m, sim, self.years, nuisance)[:, ~self.held[m.id]].sum(axis=1)
                out.setdefault(m.id, []).append(ll)
        return {k: np.concatenate(v) for k, v in out.items()}

    def log_likelihood(self, exclude: frozenset = frozenset()) -> Callable[[np.ndarray], np.ndarray]:
        def ll(u: np.ndarray) -> np.ndarray:
            per = self.series_log_likelihood(u)
            return sum(v for k, v in per.items() if k not in exclude)
        return ll

    def expected(self, u: np.ndarray) -> dict[str, np.ndarray]:
        """Expected observation of every point of every fitted series (n, k), on the series' scale."""
        out: dict[str, list] = {}
        for lo in range(0, u.shape[0], CHUNK):
            model, nuisance = self.parameters(u[lo:lo + CHUNK])
            sim = self.simulate(model)
            for m in self.models:
                out.setdefault(m.id, []).append(obs.expected(m, sim, self.years, nuisance))
        return {k: np.concatenate(v) for k, v in out.items()}

    def replicate(self, u: np.ndarray, rng: np.random.Generator) -> dict[str, np.ndarray]:
        """One simulated observation per draw and point (posterior predictive), (n, k) per series."""
        expected = self.expected(u)
        _, nuisance = self.parameters(u)
        return {m.id: obs.replicate(m, expected[m.id], nuisance, rng) for m in self.models}


def _family(variable: str) -> str:
    return next(f for f, (v, _) in obs.VARIABLES.items() if v == variable)


# ---- reports ----------------------------------------------------------------------------------------

def _rmse(errors: list[np.ndarray]) -> Optional[float]:
    return float(np.sqrt(np.mean(np.square(errors)))) if len(errors) else None


def series_report(target: Target, models: list[obs.SeriesModel], post: dict[str, np.ndarray],
                  prior: dict[str, np.ndarray], predictive: dict[str, np.ndarray], nuisance: dict[str, np.ndarray],
                  loso: Optional[dict[str, np.ndarray]] = None) -> list[dict]:
    """One object per observed series: errors in sample and held out, the prior's, the band."""
    noise = {m.id: {k: v for k, v in nuisance.items() if k.startswith(f"{m.id}:")} for m in target.models}
    out = []
    for m in models:
        variable, actor = obs.VARIABLES.get(m.link.family, (m.variable, None))
        row: dict[str, Any] = {"id": m.id, "title": m.title, "variable": variable, "actor": actor, "role": m.role,
                               "family": m.link.family, "scale": m.scale, "n_in_sample": 0, "n_held_out": 0,
                               "rmse_in_sample": None, "rmse_held_out": None, "rmse_prior_in_sample": None,
                               "rmse_prior_held_out": None}
        if m.role != obs.FITTED:
            row.update({"reason": m.link.reason, "points": [_point(p) for p in m.points]})
            out.append(row)
            continue
        held = target.held[m.id]
        mean, prior_mean = post[m.id].mean(axis=0), prior[m.id].mean(axis=0)
        lo, hi = np.quantile(predictive[m.id], [0.05, 0.95], axis=0)
        errors = [float(obs.point_error(p, mean[j])) for j, p in enumerate(m.points)]
        prior_errors = [float(obs.point_error(p, prior_mean[j])) for j, p in enumerate(m.points)]
        covered = [_inside(p, lo[j], hi[j]) for j, p in enumerate(m.points)]
        fit = ~held
        coverage = float(np.mean([c for c, f in zip(covered, fit) if f])) if fit.any() else None
        row.update({
            "n_in_sample": int(fit.sum()), "n_held_out": int(held.sum()),
            "rmse_in_sample": _rmse([e for e, f in zip(errors, fit) if f]),
            "rmse_held_out": _rmse([e for e, h in zip(errors, held) if h]),
            "rmse_prior_in_sample": _rmse([e for e, f in zip(prior_errors, fit) if f]),
            "rmse_prior_held_out": _rmse([e for e, h in zip(prior_errors, held) if h]),
            "coverage_in_sample": coverage,
            "noise": {name: float(np.median(values)) for name, values in noise[m.id].items()},
        })
        # fits: the 90 % predictive band meets at least half the in-sample points, and the posterior-mean
        # prediction is no worse than the prior's in sample (a fit by noise alone shows in `noise`)
        row["fits"] = bool(coverage is not None and coverage >= FITS_COVERAGE
                           and row["rmse_in_sample"] < FITS_GAIN * row["rmse_prior_in_sample"])
        if loso is not None and m.id in loso:
            loso_mean = loso[m.id].mean(axis=0)
            row["rmse_leave_one_out"] = _rmse([float(obs.point_error(p, loso_mean[j])) for j, p in enumerate(m.points)])
        row["points"] = [dict(_point(p), time=round(m.time(p), 4), in_sample=bool(fit[j]), predicted_mean=float(mean[j]),
                              predicted_q05=float(lo[j]), predicted_q95=float(hi[j]), prior_mean=float(prior_mean[j]),
                              inside_band=bool(covered[j]))
                         for j, p in enumerate(m.points)]
        out.append(row)
    return out


def _point(p: obs.Point) -> dict:
    return {"year": p.year, "month": p.month, "value": p.value, "low": p.low, "high": p.high, "label": p.label}


def _inside(p: obs.Point, lo: float, hi: float) -> bool:
    """Does the 90 % predictive band [lo, hi] meet the published value or range?"""
    low = p.value if p.low is None and p.high is None else p.low
    high = p.value if p.low is None and p.high is None else p.high
    return (high is None or lo <= high) and (low is None or hi >= low)


def first_order(u: np.ndarray, y: np.ndarray, bins: int = INFORM_BINS) -> np.ndarray:
    """First-order index Var(E[y | u_j]) / Var(y) of every column of u (uniform draws) by the correlation
    ratio over `bins` equal bins of u_j (Pearson's η², a given-data estimator; Plischke 2010), less its
    expected value under independence, (bins − 1)/(n − 1)."""
    n = len(y)
    y = y - y.mean()
    total = float(y @ y)
    if total == 0:
        return np.zeros(u.shape[1])
    idx = np.minimum((u * bins).astype(np.int64), bins - 1)
    out = np.empty(u.shape[1])
    for j in range(u.shape[1]):
        sums = np.bincount(idx[:, j], weights=y, minlength=bins)
        counts = np.maximum(np.bincount(idx[:, j], minlength=bins), 1)
        out[j] = float((sums * sums / counts).sum()) / total - (bins - 1) / (n - 1)
    return np.maximum(out, 0.0)


def parameter_report(target: Target, post_u: np.ndarray, prior_u: np.ndarray,
                     prior_ll: dict[str, np.ndarray]) -> list[dict]:
    """Per parameter: prior and posterior 5–95 % width, shrinkage, and the series whose fit depends on
    it over the prior (first-order index of the rank of the series' log-likelihood ≥ INFORMS)."""
    from scipy.stats import rankdata
    informs = {sid: first_order(prior_u, rankdata(ll)) for sid, ll in prior_ll.items()}
    out = []
    for j, d in enumerate(target.dims):
        values = d.from_unit(post_u[:, j])
        q05, q95 = np.quantile(values, [0.05, 0.95])
        p05, p95 = d.from_unit(np.array([0.05, 0.95]))
        by = sorted(((float(s[j]), sid) for sid, s in informs.items() if s[j] >= INFORMS), reverse=True)
        out.append({"name": d.name, "kind": d.kind, "low": d.low, "high": d.high, "log": d.log,
                    "prior_q05": float(p05), "prior_q95": float(p95), "mean": float(values.mean()),
                    "q05": float(q05), "q95": float(q95), "shrinkage": float(1.0 - (q95 - q05) / (p95 - p05)),
                    "informed_by": [{"series": sid, "index": round(v, 4)} for v, sid in by], "inert": False})
    for d in target.all_dims:
        if d.name in target.inert:
            p05, p95 = d.from_unit(np.array([0.05, 0.95]))
            out.append({"name": d.name, "kind": d.kind, "low": d.low, "high": d.high, "log": d.log,
                        "prior_q05": float(p05), "prior_q95": float(p95), "mean": float(d.from_unit(np.array(0.5))),
                        "q05": float(p05), "q95": float(p95), "shrinkage": 0.0, "informed_by": [], "inert": True})
    return out


# ---- fingerprint ------------------------------------------------------------------------------------

def inputs_fingerprint(models: list[obs.SeriesModel], history: list, settings: Settings) -> str:
    """A hash of everything the posterior depends on: the model's version, the sampler's and the
    observation models' version, every series (points, link), the historical lever/shock settings, the
    declared parameter ranges and the run settings. A committed posterior whose fingerprint differs
    from the current one is stale."""
    from umbrella.dynamics.model import MODEL_VERSION
    from umbrella.dynamics.parameters import PARAMETERS
    payload = {
        "model": MODEL_VERSION, "method": [METHOD, METHOD_VERSION],
        "series": [[m.id, m.link.family, m.link.fissile, m.timing, m.pollster, m.item,
                    [[p.year, p.month, p.value, p.low, p.high] for p in m.points]] for m in models],
        "nuisance": [[q.name, q.low, q.high, q.log] for q in obs.nuisance_parameters(models)],
        "history": sorted(repr(s) for s in history),
        "parameters": [[p.name, p.low, p.high] for p in PARAMETERS],
        "settings": [settings.particles, settings.seed, settings.holdout],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def current_fingerprint(evidence: Any, settings: Settings = Settings()) -> str:
    """The fingerprint a calibration of today's evidence base with `settings` would carry."""
    from umbrella.dynamics.history import inputs_from_evidence
    return inputs_fingerprint(obs.series_models(evidence), inputs_from_evidence(evidence), settings)


# ---- the calibration --------------------------------------------------------------------------------

STEPS = 1000     # progress units per fit: the tempering exponent β in thousandths


def calibrate_to(models: list[obs.SeriesModel], history: list, settings: Settings,
                 fixed: Optional[Mapping[str, float]] = None, progress: Optional[Progress] = None) -> dict:
    """Fit the historical run to the fitted `models` by tempering SMC; the result dict of `umbrella
    calibrate` with the posterior `draws` (name → (N,) array, model and observation parameters).
    `progress(done, total)` counts thousandths of β over the fit and each leave-one-out fit."""
    from umbrella.experiments.smc import temper

    started = time.perf_counter()
    target = Target(models, history, holdout_year(settings.holdout), fixed)
    fits = 1 + (len(target.models) if settings.leave_one_out else 0)

    def report(k: int):
        return None if progress is None else (lambda beta, _: progress(k * STEPS + round(STEPS * beta), fits * STEPS))
    dim = len(target.dims)
    likelihood = target.log_likelihood()
    # one more coordinate that the likelihood ignores: its posterior should stay uniform, so its
    # shrinkage measures how much the sampler alone narrows a parameter the data do not inform
    result = temper(lambda u: likelihood(u[:, :-1]), dim + 1, settings.particles, settings.seed, progress=report(0))
    post_u, control = result.particles[:, :-1], result.particles[:, -1]
    rng = np.random.default_rng(np.random.SeedSequence(settings.seed, spawn_key=(1,)))
    prior_u = rng.random((PRIOR_DRAWS, dim))
    post, prior = target.expected(post_u), target.expected(prior_u)
    predictive = target.replicate(post_u, rng)
    loso = None
    if settings.leave_one_out:
        loso = {}
        for k, m in enumerate(target.models):
            res = temper(target.log_likelihood(frozenset({m.id})), dim, settings.loso_particles, settings.seed,
                         progress=report(k + 1))
            loso[m.id] = target.expected(res.particles)[m.id]
    prior_ll = target.series_log_likelihood(prior_u)
    # inert parameters: their posterior is their prior (independent of everything the data see)
    rest = np.random.default_rng(np.random.SeedSequence(settings.seed, spawn_key=(2,))).random(
        (len(post_u), len(target.inert)))
    model, nuisance = target.parameters(post_u, rest)
    draws = {d.name: (model if d.kind == "model" else nuisance)[d.name] for d in target.all_dims}
    diagnostics = result.diagnostics()
    diagnostics["seconds"] = round(time.perf_counter() - started, 1)
    q05, q95 = np.quantile(control, [0.05, 0.95])
    diagnostics["control_shrinkage"] = float(1.0 - (q95 - q05) / 0.9)
    return {
        "model": MODEL, "fingerprint": inputs_fingerprint(models, history, settings), "method": METHOD,
        "method_version": METHOD_VERSION, "particles": settings.particles, "seed": settings.seed,
        "holdout": settings.holdout, "leave_one_out": settings.leave_one_out,
        "simulated": [int(target.years[0]), int(target.years[-1])],
        "distinct_draws": result.distinct, "diagnostics": diagnostics,
        "series": series_report(target, models, post, prior, predictive, nuisance, loso),
        "parameters": parameter_report(target, post_u, prior_u, prior_ll),
        "inert": sorted(target.inert), "fixed": dict(target.fixed),
        "observation_parameters": [d.name for d in target.all_dims if d.kind == "observation"], "draws": draws,
    }


def calibrate(evidence: Any, history: list, settings: Settings = Settings(), rival_scenario: Any = None,
              progress: Optional[Progress] = None) -> dict:
    """Calibrate the regional model to every observed series of the evidence base (`history`: its
    lever and shock settings), and, where `rival_scenario` (a `Scenario`, e.g. the baseline) is given,
    compare the seeds' rival sides under the prior and the posterior (see the module docstring)."""
    result = calibrate_to(obs.series_models(evidence), history, settings, progress=progress)
    if rival_scenario is not None:
        from umbrella.experiments.rivals import posterior_sides
        result["rivals"] = posterior_sides(result["draws"], min(RIVAL_DRAWS, settings.particles), settings.seed,
                                           history, rival_scenario)
    return result


# ---- the posterior file -----------------------------------------------------------------------------

def write_posterior(result: dict, manifest: pathlib.Path) -> None:
    """The draws as float32 in a compressed .npz beside the manifest (JSON, everything else, with the
    npz's SHA-256), each written atomically."""
    from umbrella.outputs import atomic_write
    manifest = pathlib.Path(manifest)
    names = list(result["draws"])
    matrix = np.stack([np.asarray(result["draws"][k], dtype=np.float32) for k in names], axis=1)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, names=np.array(names), draws=matrix)
    blob = buffer.getvalue()
    head = {k: v for k, v in result.items() if k != "draws"}
    head["draws_file"] = draws_path(manifest).name
    head["draws_sha256"] = hashlib.sha256(blob).hexdigest()
    atomic_write(draws_path(manifest), blob)
    atomic_write(manifest, json.dumps(_plain(head), ensure_ascii=False, indent=1) + "\n")


def _plain(obj):
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return _plain(obj.tolist())
    if isinstance(obj, (np.floating, float)):
        return None if not np.isfinite(obj) else float(f"{float(obj):.6g}")
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.bool_):
        return bool(obj)
    return obj


def read_manifest(manifest: Optional[pathlib.Path] = None) -> dict:
    manifest = pathlib.Path(manifest) if manifest else posterior_path()
    try:
        return json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError([Problem(str(manifest), 0, "-", f"cannot read the calibration: {exc}")]) from None


def _inflated(blob: bytes, sha: str) -> tuple[list[str], np.ndarray]:
    """The names and the stored matrix of a draws file (`blob`, whose SHA-256 is `sha`). Inflating the
    compressed npz takes about 0.1 s of every cold `umbrella run`, so the same arrays are kept
    uncompressed in the user cache under that hash (never the repository); a missing or unreadable
    entry is made again from the blob."""
    from umbrella.outputs import cache_entry, user_cache
    entry = user_cache("posterior") / f"{sha}.npz"
    try:
        return _npz_arrays(entry)
    except Exception:        # no entry yet, or a corrupt one: inflate the blob, keep the result
        pass
    names, matrix = _npz_arrays(io.BytesIO(blob))
    buffer = io.BytesIO()
    np.savez(buffer, names=np.array(names), draws=matrix)
    cache_entry(entry, buffer.getvalue(), 4)
    return names, matrix


def _npz_arrays(source: Any) -> tuple[list[str], np.ndarray]:
    with np.load(source, allow_pickle=False) as data:
        return [str(x) for x in data["names"]], np.asarray(data["draws"])


def load_posterior(manifest: Optional[pathlib.Path] = None, model_only: bool = True) -> dict[str, np.ndarray]:
    """The posterior draws (name → (N,) float64) of a calibration (default: the committed one), the
    regional model's parameters only unless `model_only=False`. A manifest or draws file that is
    missing, altered or malformed is an `InputError`, never silently the prior."""
    from umbrella.dynamics.parameters import PARAMETER_BY_NAME
    manifest = pathlib.Path(manifest) if manifest else posterior_path()
    head = read_manifest(manifest)
    path = manifest.with_name(head.get("draws_file", draws_path(manifest).name))

    def bad(message: str) -> InputError:
        return InputError([Problem(str(path), 0, "draws", message)])
    try:
        blob = path.read_bytes()
    except OSError as exc:
        raise bad(f"cannot read the posterior draws: {exc.strerror or exc}") from None
    sha = hashlib.sha256(blob).hexdigest()
    if sha != head.get("draws_sha256"):
        raise bad(f"does not match {manifest.name} (draws_sha256): re-run `umbrella calibrate`")
    names, matrix = _inflated(blob, sha)
    matrix = np.asarray(matrix, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[1] != len(names) or matrix.shape[0] == 0 or not np.all(np.isfinite(matrix)):
        raise bad("the draws must be a finite (draws × parameters) matrix with one name per column")
    draws = {name: matrix[:, j] for j, name in enumerate(names)}
    unknown = sorted(set(draws) - set(PARAMETER_BY_NAME) - set(head.get("observation_parameters", [])))
    if unknown:
        raise bad(f"unknown parameter(s) {', '.join(unknown)} (see `umbrella params`)")
    if model_only:
        draws = {k: v for k, v in draws.items() if k in PARAMETER_BY_NAME}
    return draws
