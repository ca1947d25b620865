"""Calibration of the regional model to South Korean public support for nuclear armament.

Method: rejection approximate Bayesian computation (ABC; Pritchard et al. 1999, Beaumont et al.
2002) over ONE vectorised ensemble. Draws from the prior (the declared parameter ranges, Latin
hypercube) run through the historical simulation (2006 → latest survey year, levers and shocks
from the evidence base); the distance of a draw is the RMSE between its simulated
`public_nuclear_support` of KOR and the yearly poll means of the years used in the fit; the draws
with the smallest distances (a fixed number, i.e. a quantile tolerance) form the posterior.

Honesty: years held out of the fit (`--holdout last:N` — the last N survey years, the default — or
`every:K` — every K-th survey year — or `none`) never enter the distance; their error is reported
separately, next to the prior-predictive error and the between-pollster noise.

Polls: several polls in a year (different pollsters, months, wordings) are combined into the
unweighted mean per year; their spread is kept as that year's pollster noise.

`load_posterior(path)` reads a calibration file (the committed one is bundled with the package:
`umbrella.resources.posterior_file()`) and returns its accepted draws, which ensembles resample by
default (`run_ensemble(posterior=...)`).
"""
from __future__ import annotations

import json
import pathlib
import re
from dataclasses import dataclass
from typing import Any, Callable, Optional

import numpy as np

from umbrella.errors import InputError, Problem, request_problem
from umbrella.progress import Counter, Progress

MODEL = "northeast-asia"
COUNTRY = "KOR"
ITEM = "own_nukes"
VARIABLE = "public_nuclear_support"
DEFAULT_HOLDOUT = "last:2"
DEFAULT_SAMPLES = 50000
DEFAULT_SEED = 1
ACCEPT_SHARE = 0.01
CHUNK = 5000
DIGITS = 8          # significant digits written to the posterior file (the file is what scenarios use)


# ---- observations ---------------------------------------------------------------------------------

NOT_COMPARABLE = ("single_choice", "conditional")


@dataclass(frozen=True)
class YearPoint:
    """The polls of one year, combined: unweighted mean of the polls' shares."""
    year: int
    value: float                 # share in [0, 1]
    n_polls: int
    spread: Optional[float]      # standard deviation across that year's polls (None for one poll)
    polls: tuple[str, ...]       # survey record ids


def combine_polls(surveys, country: str = COUNTRY, item: str = ITEM) -> list[YearPoint]:
    """One point per year from the survey records of `country`/`item` (values in percent)."""
    by_year: dict[int, list] = {}
    for s in surveys:
        # single-choice shares and conditional items do not measure the same thing as support for
        # a stand-alone proposition, so they stay out of the series
        if s.country == country and s.item == item and s.question_format not in NOT_COMPARABLE:
            by_year.setdefault(s.year, []).append(s)
    points = []
    for year in sorted(by_year):
        polls = sorted(by_year[year], key=lambda s: s.id)
        values = np.array([s.value / 100.0 for s in polls])
        points.append(YearPoint(year, float(values.mean()), len(polls),
                                float(values.std(ddof=1)) if len(polls) > 1 else None,
                                tuple(s.id for s in polls)))
    return points


def pollster_noise(points: list[YearPoint]) -> Optional[float]:
    """Pooled within-year standard deviation of the polls (the noise floor of any fit)."""
    num = sum((p.n_polls - 1) * p.spread ** 2 for p in points if p.spread is not None)
    dof = sum(p.n_polls - 1 for p in points if p.spread is not None)
    return float(np.sqrt(num / dof)) if dof else None


HOLDOUT = re.compile(r"^(?:(last|every):([0-9]+)|none)$")


def holdout_mask(n_points: int, spec: str) -> np.ndarray:
    """True for the points held out of the fit. `last:N`, `every:K` (points K, 2K, ... counted from
    1 in year order), or `none`."""
    m = HOLDOUT.match(spec.strip())
    if not m:
        raise request_problem("holdout", f"{spec!r}: expected last:N, every:K or none")
    held = np.zeros(n_points, dtype=bool)
    if m[1] == "last":
        k = int(m[2])
        if k:
            held[-k:] = True
    elif m[1] == "every":
        k = int(m[2])
        if k < 2:
            raise request_problem("holdout", f"{spec!r}: every:K needs K >= 2")
        held[k - 1::k] = True
    if n_points - held.sum() < 2:
        raise request_problem("holdout", f"{spec!r} leaves {n_points - int(held.sum())} of {n_points} survey "
                                         "years for the fit; at least 2 are needed")
    return held


# ---- ABC ------------------------------------------------------------------------------------------

def rmse(predictions: np.ndarray, observed: np.ndarray) -> np.ndarray:
    """Root-mean-square error of each row of `predictions` (n, k) against `observed` (k,)."""
    if predictions.shape[-1] == 0:
        return np.full(predictions.shape[:-1], np.nan)
    return np.sqrt(np.mean((predictions - observed) ** 2, axis=-1))


def abc_reject(predictions: np.ndarray, observed: np.ndarray, fit: np.ndarray, accepted: int) -> np.ndarray:
    """Indices of the `accepted` draws whose predictions (n, k) are closest (RMSE over the points
    where `fit` is True) to `observed`; ties broken by draw order, so the choice is deterministic."""
    distance = rmse(predictions[:, fit], observed[fit])
    distance = np.where(np.isfinite(distance), distance, np.inf)
    return np.argsort(distance, kind="stable")[:accepted]


def posterior_summary(draws: dict[str, np.ndarray], index: np.ndarray, bounds: dict[str, tuple[float, float]]) -> dict:
    """Mean and 5–95 % quantiles of each parameter's accepted draws, with its prior range."""
    out = {}
    for name, values in draws.items():
        acc = np.asarray(values, dtype=float)[index]
        low, high = bounds[name]
        out[name] = {"mean": float(acc.mean()), "q05": float(np.quantile(acc, 0.05)),
                     "q95": float(np.quantile(acc, 0.95)), "prior_low": float(low), "prior_high": float(high),
                     "shrinkage": float(1 - (np.quantile(acc, 0.95) - np.quantile(acc, 0.05)) / (0.9 * (high - low)))
                     if high > low else 0.0}
    return out


def fit_report(predictions: np.ndarray, index: np.ndarray, observed: np.ndarray, held: np.ndarray,
               years: list[int], extra: Optional[list[dict]] = None) -> dict:
    """Errors of the posterior-mean prediction in and out of the fit, and per-point bands."""
    post = predictions[index]
    mean = post.mean(axis=0)
    fit = ~held

    def err(mask: np.ndarray) -> Optional[float]:
        return float(np.sqrt(np.mean((mean[mask] - observed[mask]) ** 2))) if mask.any() else None

    prior_mean = predictions.mean(axis=0)
    points = []
    for j, year in enumerate(years):
        point = {"year": year, "observed": float(observed[j]), "in_sample": bool(fit[j]),
                 "predicted_mean": float(mean[j]), "predicted_q05": float(np.quantile(post[:, j], 0.05)),
                 "predicted_q95": float(np.quantile(post[:, j], 0.95)), "prior_mean": float(prior_mean[j])}
        point.update((extra or [{}] * len(years))[j])
        points.append(point)
    return {"rmse_in_sample": err(fit), "rmse_held_out": err(held),
            "rmse_prior_in_sample": float(np.sqrt(np.mean((prior_mean[fit] - observed[fit]) ** 2))),
            "rmse_prior_held_out": float(np.sqrt(np.mean((prior_mean[held] - observed[held]) ** 2))) if held.any() else None,
            "n_in_sample": int(fit.sum()), "n_held_out": int(held.sum()), "points": points}


def run_abc(draws: dict[str, np.ndarray], simulate: Callable[[dict[str, np.ndarray]], np.ndarray],
            observed: np.ndarray, held: np.ndarray, accepted: int) -> tuple[np.ndarray, np.ndarray]:
    """Rejection ABC for any vectorised simulator: `simulate(draws)` → predictions (n, k) at the
    observed points. Returns (accepted indices, all predictions)."""
    predictions = np.asarray(simulate(draws), dtype=float)
    n = predictions.shape[0]
    if not 0 < accepted <= n:
        raise request_problem("accepted", f"{accepted} is not in 1..{n}")
    return abc_reject(predictions, observed, ~held, accepted), predictions


# ---- the posterior file ---------------------------------------------------------------------------

def load_posterior(path: pathlib.Path) -> dict[str, np.ndarray]:
    """The accepted draws of a calibration file (name → equal-length arrays of declared parameters);
    a file that cannot be read or is not a calibration is an `InputError`, never silently the prior."""
    from umbrella.dynamics.parameters import PARAMETER_BY_NAME
    path = pathlib.Path(path)

    def bad(message: str) -> InputError:
        return InputError([Problem(str(path), 0, "draws", message)])
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(str(path), 0, "-", f"cannot read the posterior: {exc}")]) from None
    except ValueError as exc:
        raise InputError([Problem(str(path), 0, "-", f"not JSON: {exc}")]) from None
    if not isinstance(data, dict) or not isinstance(data.get("draws"), dict) or not data["draws"]:
        raise bad("a calibration file holds `draws`: {parameter: [values]}")
    unknown = sorted(set(data["draws"]) - set(PARAMETER_BY_NAME))
    if unknown:
        raise bad(f"unknown parameter(s) {', '.join(unknown)} (see `umbrella params`)")
    try:
        draws = {name: np.asarray(values, dtype=float) for name, values in data["draws"].items()}
    except (TypeError, ValueError):
        raise bad("every parameter's draws must be a list of numbers") from None
    if len({v.shape for v in draws.values()}) != 1 or next(iter(draws.values())).ndim != 1 \
            or next(iter(draws.values())).size == 0:
        raise bad("every parameter needs the same, non-zero number of draws")
    if not all(np.all(np.isfinite(v)) for v in draws.values()):
        raise bad("draws must be finite numbers")
    return draws


# ---- the historical run -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Settings:
    """What a calibration run does: prior draws, seed, hold-out, number of accepted draws."""
    samples: int = DEFAULT_SAMPLES
    seed: int = DEFAULT_SEED
    holdout: str = DEFAULT_HOLDOUT
    accepted: Optional[int] = None
    method: str = "lhs"

    @classmethod
    def checked(cls, samples: Optional[int] = None, seed: Optional[int] = None, holdout: Optional[str] = None,
                accepted: Optional[int] = None) -> "Settings":
        """Settings from a request (None: the default), every problem at once."""
        problems = []
        if samples is not None and samples < 100:
            problems += request_problem("samples", f"{samples}: at least 100 draws are needed").problems
        if seed is not None and seed < 0:
            problems += request_problem("seed", f"{seed} is not a non-negative integer").problems
        n = DEFAULT_SAMPLES if samples is None else samples
        if accepted is not None and not 10 <= accepted <= n:
            problems += request_problem("accepted", f"{accepted} is not in 10..{n} (samples)").problems
        if problems:
            raise InputError(problems)
        return cls(samples=n, seed=DEFAULT_SEED if seed is None else seed,
                   holdout=DEFAULT_HOLDOUT if holdout is None else holdout, accepted=accepted)

    @property
    def n_accepted(self) -> int:
        return self.accepted if self.accepted is not None else max(10, int(round(self.samples * ACCEPT_SHARE)))


def historical_inputs(history: list, last_year: int):
    """Levers and shocks of 2006 → `last_year` from the evidence base's events (defaults elsewhere)."""
    from umbrella.dynamics.inputs import build_inputs
    from umbrella.dynamics.scenario import SIMULATION_START
    return build_inputs(SIMULATION_START, last_year, history, report_from=SIMULATION_START)


def support_simulator(inputs, years: list[int], chunk: int = CHUNK,
                      progress: Optional[Progress] = None) -> Callable[[dict], np.ndarray]:
    """draws → simulated KOR `public_nuclear_support` at `years`, shape (n, len(years)), in chunks."""
    from umbrella.dynamics.model import simulate
    from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME
    column = VARIABLE_BY_NAME[VARIABLE].actors.index(COUNTRY)

    def run(draws: dict) -> np.ndarray:
        n = len(next(iter(draws.values())))
        counter = Counter(progress, n)
        parts = []
        for lo in range(0, n, chunk):
            hi = min(lo + chunk, n)
            out = simulate({k: v[lo:hi] for k, v in draws.items()}, inputs, years)
            parts.append(out[VARIABLE][:, :, column])
            counter.add(hi - lo)
        return np.concatenate(parts)

    return run


def prior_bounds() -> dict[str, tuple[float, float]]:
    from umbrella.dynamics.parameters import PARAMETERS
    return {p.name: (p.low, p.high) for p in PARAMETERS}


def inputs_fingerprint(points: list[YearPoint], history: list, settings: Settings) -> str:
    """A hash of everything the posterior depends on: the model's version (bumped when its equations
    change), the poll series, the historical lever/shock settings, the declared parameter ranges and
    the run settings. A committed posterior whose fingerprint differs from the current one is stale."""
    import hashlib

    from umbrella.dynamics.model import MODEL_VERSION
    from umbrella.dynamics.parameters import PARAMETERS
    payload = {
        "model": MODEL_VERSION,
        "points": [[p.year, round(p.value, 9)] for p in points],
        "history": sorted(repr(s) for s in history),
        "parameters": [[p.name, p.low, p.high] for p in PARAMETERS],
        "settings": [settings.samples, settings.seed, settings.method, settings.holdout, settings.n_accepted],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def current_fingerprint(evidence: Any, settings: Settings = Settings()) -> str:
    """The fingerprint a calibration of today's evidence base with `settings` would carry."""
    from umbrella.dynamics.history import inputs_from_evidence
    return inputs_fingerprint(combine_polls(evidence.surveys.values()), inputs_from_evidence(evidence), settings)


def calibrate_to(points: list[YearPoint], history: list, settings: Settings,
                 progress: Optional[Progress] = None) -> dict:
    """Rejection ABC of the prior draws against `points` (yearly poll means); the result dict of
    `umbrella calibrate` including the accepted `draws`."""
    from umbrella.dynamics.parameters import PARAMETERS
    from umbrella.dynamics.scenario import SIMULATION_START
    from umbrella.experiments.sampling import sample

    notes = []
    fingerprint = inputs_fingerprint(points, history, settings)
    early = [p for p in points if p.year < SIMULATION_START]
    if early:
        notes.append(f"{len(early)} survey year(s) before {SIMULATION_START} (the first simulated year) not used")
    points = [p for p in points if p.year >= SIMULATION_START]
    if len(points) < 3:
        raise InputError([Problem("data/surveys.yaml", 0, "surveys",
                                  f"only {len(points)} survey year(s) of {COUNTRY} `{ITEM}` from {SIMULATION_START} on; "
                                  "calibration needs at least 3")])
    if len(points) < 8:
        notes.append(f"short series: {len(points)} survey years; the posterior stays close to the prior")
    held = holdout_mask(len(points), settings.holdout)
    years = [p.year for p in points]
    observed = np.array([p.value for p in points])
    draws = sample(PARAMETERS, settings.samples, settings.seed, settings.method)
    simulate_support = support_simulator(historical_inputs(history, years[-1]), years, progress=progress)
    index, predictions = run_abc(draws, simulate_support, observed, held, settings.n_accepted)
    distances = rmse(predictions[index][:, ~held], observed[~held])
    bounds = prior_bounds()
    extra = [{"n_polls": p.n_polls, "spread": p.spread, "polls": list(p.polls)} for p in points]
    fit = fit_report(predictions, index, observed, held, years, extra)
    fit["pollster_noise"] = pollster_noise(points)
    fit["tolerance"] = float(distances.max())
    return {
        "model": MODEL, "fingerprint": fingerprint, "method": "rejection-abc", "samples": settings.samples, "accepted": int(len(index)),
        "seed": settings.seed, "sampling": settings.method, "holdout": settings.holdout,
        "series": {"country": COUNTRY, "item": ITEM, "variable": VARIABLE, "combine": "mean of the polls per year",
                   "first_year": years[0], "last_year": years[-1], "simulated_from": SIMULATION_START},
        "fit": fit, "posterior": posterior_summary(draws, index, bounds), "notes": notes,
        "draws": {name: draws[name][index] for name in draws},
    }


def calibrate(evidence: Any, settings: Settings = Settings(), progress: Optional[Progress] = None) -> dict:
    """Calibrate the regional model to the evidence base's ROK polls (see the module docstring)."""
    from umbrella.dynamics.history import inputs_from_evidence
    return calibrate_to(combine_polls(evidence.surveys.values()), inputs_from_evidence(evidence), settings, progress)


def write_posterior(result: dict, path: pathlib.Path) -> None:
    """Write the calibration result with its accepted draws as JSON, atomically."""
    from umbrella.outputs import atomic_write

    def plain(obj):
        if isinstance(obj, dict):
            return {k: plain(v) for k, v in obj.items()}
        if isinstance(obj, (list, tuple)):
            return [plain(v) for v in obj]
        if isinstance(obj, np.ndarray):
            return [plain(v) for v in obj.tolist()]
        if isinstance(obj, (np.floating, float)):
            return None if not np.isfinite(obj) else float(f"{obj:.{DIGITS}g}")
        if isinstance(obj, np.integer):
            return int(obj)
        return obj

    data = plain(result)
    draws = data.pop("draws", {})
    head = json.dumps(data, ensure_ascii=False, indent=1)
    # one line per parameter keeps the file small and its diffs readable
    rows = ",\n".join(f"  {json.dumps(name)}: {json.dumps(values)}" for name, values in draws.items())
    atomic_write(pathlib.Path(path), head[:-2] + ',\n "draws": {\n' + rows + "\n }\n}\n")
