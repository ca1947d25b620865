"""Observation models: how each observed series of the evidence base (`data/series.yaml`) relates to
the regional model's variables, with its own noise (docs/model/calibration.md §1).

Every series is declared once in `LINKS` by id, with the family of its observation equation:

* `warheads` — a producer's warhead estimate ↔ `prk_arsenal` (PRK), on the log scale:
  log y* = log A(τ) + log r·[fissile] + ε, ε ~ N(0, σ_s²). A(τ) is the arsenal interpolated (log-linearly)
  to the point's date τ; `fissile` series estimate the warheads the fissile material would allow, an
  upper envelope of the assembled stock, through the shared ratio r ≥ 1 (`fissile-ratio`). A published
  value is a point observation of y*; a published range low–high is the interval observation
  P(low ≤ y* ≤ high); "up to N" is P(y* ≤ N) and "at least N" is P(y* ≥ N).
* `count` — a producer's yearly count of missile launches (events or missiles) ↔ `prk_provocation`:
  N ~ NegBin(mean κ_s·P_t, Var = m + α_s·m²), κ_s the producer's scale (producers count different
  things), α_s its over-dispersion; "at least N" is P(N ≥ N).
* `poll` — a poll's share supporting the item ↔ `public_nuclear_support` (KOR):
  logit(y/100) ~ N(logit S_t + δ_pollster + δ_item, σ_s²), one offset per pollster (house effect: mode,
  sample, wording) and one per item other than own nuclear weapons (question format), σ_s the series' noise.

Series that are model inputs (`input`: the DPRK's nuclear tests are the `prk_nuclear_test` shock of
the historical run) or describe a lever (`lever`: strategic-asset shows) are not fitted: fitting an
output to its own input would count the same events twice. A series without a declared link is
reported as `not linked`.

All functions are vectorised over draws: `sim[variable]` is an (n, years) array of the historical run,
`nuisance[name]` an (n,) array, and every result has one row per draw.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Mapping, Optional

import numpy as np

# scipy is imported inside the functions that use it: `umbrella run` imports this module (through
# calibration.load_posterior) and must not pay scipy's import (issue 18, cold start)

FITTED, INPUT, LEVER, NOT_LINKED = "fitted", "input", "lever", "not linked"
REFERENCE_ITEM = "own_nukes"


@dataclass(frozen=True)
class Nuisance:
    """A parameter of an observation model (not of the regional model): uniform on [low, high], or
    log-uniform where `log` (the calibration's `Dim` maps the sampler's unit draws onto it)."""
    name: str
    low: float
    high: float
    log: bool
    unit: str
    description: str


@dataclass(frozen=True)
class Link:
    family: str                  # warheads | count | poll | input | lever
    fissile: bool = False        # warheads: the material would allow (upper envelope), not assembled
    reason: str = ""             # why a series is not fitted


WARHEADS = Link("warheads")
FISSILE = Link("warheads", fissile=True)
COUNT = Link("count")
POLL = Link("poll")

#: the observation equation of every series of data/series.yaml, by id (docs/model/calibration.md §1)
LINKS: dict[str, Link] = {
    "prk-warheads-sipri-fissile": FISSILE,
    "prk-warheads-notebook-fissile": FISSILE,
    "prk-warheads-sipri-assembled": WARHEADS,
    "prk-warheads-notebook-assembled": WARHEADS,
    "prk-warheads-fas-stockpile": WARHEADS,
    "prk-missile-events-beyond-parallel": COUNT,
    "prk-ballistic-launch-events-japan-mod": COUNT,
    "prk-ballistic-missiles-japan-mod": COUNT,
    "prk-missiles-csis-mdp": COUNT,
    "prk-missile-tests-cns-nti": COUNT,
    "kor-own-nukes-gallup-korea": POLL,
    "kor-own-nukes-asan": POLL,
    "kor-own-nukes-kinu": POLL,
    "kor-own-nukes-chey-gallup": POLL,
    "kor-redeploy-asan": POLL,
    "kor-redeploy-kinu": POLL,
    "prk-nuclear-tests": Link("input", reason="an input of the historical run (the `prk_nuclear_test` shock of every "
                                              "test year), which raises provocation; fitting provocation to it "
                                              "would fit an output to its own input"),
    "usa-strategic-assets-kor-mnd": Link("lever", reason="describes a lever (`strategic_asset_visibility`), not an "
                                                         "output; one incomplete year (a lower bound)"),
}

#: the model variable (and its actor) each family observes
VARIABLES = {"warheads": ("prk_arsenal", "PRK"), "count": ("prk_provocation", "PRK"),
             "poll": ("public_nuclear_support", "KOR")}
SCALES = {"warheads": "warheads", "count": "count per year", "poll": "percent"}


@dataclass(frozen=True)
class Point:
    """One observation: a value, or a published range (low and/or high), at a date."""
    year: int
    month: Optional[int]
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    label: str                   # the survey record, or the year


@dataclass(frozen=True)
class SeriesModel:
    id: str
    title: dict
    unit: str
    timing: str
    link: Link
    points: tuple[Point, ...]
    pollster: str = ""            # poll series: the house-effect offset's key
    item: str = ""                # poll series: the item (question) offset's key

    @property
    def role(self) -> str:
        """`fitted`, `input`, `lever` or `not linked`."""
        return FITTED if self.link.family in VARIABLES else self.link.family

    @property
    def variable(self) -> Optional[str]:
        if self.link.family in VARIABLES:
            return VARIABLES[self.link.family][0]
        return {"input": "prk_nuclear_test", "lever": "strategic_asset_visibility"}.get(self.link.family)

    @property
    def scale(self) -> str:
        return SCALES.get(self.link.family, self.unit)

    def time(self, p: Point) -> float:
        """When the point applies, in years (2014.0 = 1 January 2014)."""
        if self.timing == "start_of_year":
            return float(p.year)
        if p.month is not None:
            return p.year + (p.month - 0.5) / 12.0
        return p.year + 0.5


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def series_models(evidence: Any) -> list[SeriesModel]:
    """The observation model of every series of the evidence base (resolved points), in id order."""
    out = []
    for sid in sorted(evidence.series):
        s = evidence.series[sid]
        link = LINKS.get(sid, Link("not linked", reason="no observation equation is declared for this series "
                                                          "(umbrella.experiments.observations.LINKS)"))
        points = tuple(Point(int(p.year), p.month, p.value, p.low, p.high, p.survey or str(p.year))
                       for p in s.points)
        out.append(SeriesModel(sid, dict(s.title), s.unit, s.timing, link, points,
                               pollster=_slug(s.producer) if link.family == "poll" else "",
                               item=(s.item or "") if link.family == "poll" else ""))
    return out


# ---- the observation models' own parameters ---------------------------------------------------------

def nuisance_parameters(models: list[SeriesModel]) -> list[Nuisance]:
    """Noise, scale and offset parameters of the fitted series, each declared once."""
    out: list[Nuisance] = []
    fitted = [m for m in models if m.role == FITTED]
    if any(m.link.fissile for m in fitted):
        out.append(Nuisance("fissile-ratio", 1.0, 4.0, False, "ratio",
                            "warheads the fissile material would allow per assembled warhead"))
    for pollster in sorted({m.pollster for m in fitted if m.link.family == "poll"}):
        out.append(Nuisance(f"pollster:{pollster}", -0.5, 0.5, False, "logit",
                            "house effect of the pollster (mode, sample, wording) on the logit of the share"))
    for item in sorted({m.item for m in fitted if m.link.family == "poll"} - {REFERENCE_ITEM}):
        out.append(Nuisance(f"item:{item}", -1.0, 1.0, False, "logit",
                            f"support for {item} against own nuclear weapons (the question's offset)"))
    for m in fitted:
        if m.link.family == "warheads":
            out.append(Nuisance(f"{m.id}:noise", 0.05, 1.0, True, "log warheads", "sd of the log estimate"))
        elif m.link.family == "count":
            out.append(Nuisance(f"{m.id}:scale", 1.0, 300.0, True, "count per unit of provocation",
                                "expected count at provocation 1 (what the producer counts)"))
            out.append(Nuisance(f"{m.id}:dispersion", 0.01, 3.0, True, "1",
                                "over-dispersion α of the negative binomial (Var = m + α m²)"))
        else:
            out.append(Nuisance(f"{m.id}:noise", 0.03, 1.0, True, "logit", "sd of the logit share"))
    return out


# ---- expected values and log-likelihoods ------------------------------------------------------------

def _column(years: np.ndarray, year: int) -> int:
    i = int(year - years[0])
    if not 0 <= i < len(years) or years[i] != year:
        raise ValueError(f"year {year} is outside the simulated years {years[0]}-{years[-1]}")
    return i


def model_value(m: SeriesModel, p: Point, sim: Mapping[str, np.ndarray], years: np.ndarray) -> np.ndarray:
    """The linked variable at the point's date, (n,). The arsenal is a stock at the end of each year:
    it is interpolated log-linearly to the point's date (1 January of year t = the end of year t − 1).
    Provocation and public support are yearly levels: the point's calendar year."""
    variable = VARIABLES[m.link.family][0]
    x = sim[variable]
    if m.link.family != "warheads":
        return x[:, _column(years, p.year)]
    tau = m.time(p) - 1.0                      # in model years: the end of year y sits at y + 1
    y0 = int(math.floor(tau))
    frac = tau - y0
    a = np.log(np.maximum(x[:, _column(years, y0)], 1e-9))
    if frac == 0.0:
        return np.exp(a)
    b = np.log(np.maximum(x[:, _column(years, y0 + 1)], 1e-9))
    return np.exp(a + frac * (b - a))


def needed_years(models: list[SeriesModel]) -> tuple[int, int]:
    """The first and last model year the fitted series need."""
    years = []
    for m in models:
        if m.role != FITTED:
            continue
        for p in m.points:
            if m.link.family == "warheads":
                tau = m.time(p) - 1.0
                years += [int(math.floor(tau)), int(math.ceil(tau))]
            else:
                years.append(p.year)
    return min(years), max(years)


def expected(m: SeriesModel, sim: Mapping[str, np.ndarray], years: np.ndarray,
             nuisance: Mapping[str, np.ndarray]) -> np.ndarray:
    """The expected observation of every point on the series' own scale (noise-free), (n, k):
    warheads (the median estimate), counts per year, percent."""
    from scipy.special import expit
    cols = []
    for p in m.points:
        x = model_value(m, p, sim, years)
        if m.link.family == "warheads":
            cols.append(x * (nuisance["fissile-ratio"] if m.link.fissile else 1.0))
        elif m.link.family == "count":
            cols.append(nuisance[f"{m.id}:scale"] * x)
        else:
            cols.append(100.0 * expit(_logit(x) + _offset(m, nuisance)))
    return np.stack(cols, axis=1)


def _logit(x: np.ndarray) -> np.ndarray:
    from scipy.special import logit
    return logit(np.clip(x, 1e-9, 1 - 1e-9))


def _offset(m: SeriesModel, nuisance: Mapping[str, np.ndarray]) -> np.ndarray:
    offset = nuisance[f"pollster:{m.pollster}"]
    if m.item != REFERENCE_ITEM:
        offset = offset + nuisance[f"item:{m.item}"]
    return offset


def _log_interval(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """log(Φ(b) − Φ(a)) for a < b, accurate in both tails."""
    from scipy.special import log_ndtr
    flip = a > 0
    lo, hi = np.where(flip, -b, a), np.where(flip, -a, b)
    top, bottom = log_ndtr(hi), log_ndtr(lo)
    return top + np.log1p(-np.exp(np.minimum(bottom - top, -1e-300)))


def log_likelihood(m: SeriesModel, sim: Mapping[str, np.ndarray], years: np.ndarray,
                   nuisance: Mapping[str, np.ndarray]) -> np.ndarray:
    """Log-likelihood of every point of a fitted series, (n, k) (densities on the log or logit scale
    for values, probabilities for ranges and bounds)."""
    from scipy.special import log_ndtr, logit
    mean = expected(m, sim, years, nuisance)
    cols = []
    for j, p in enumerate(m.points):
        mu = mean[:, j]
        if m.link.family == "count":
            cols.append(_negbin(p, mu, nuisance[f"{m.id}:dispersion"]))
            continue
        sigma = nuisance[f"{m.id}:noise"]
        if m.link.family == "warheads":
            centre, scale = np.log(np.maximum(mu, 1e-9)), lambda v: math.log(max(v, 1e-9))
        else:
            centre, scale = _logit(mu / 100.0), lambda v: float(logit(min(max(v / 100.0, 1e-6), 1 - 1e-6)))
        if p.low is None and p.high is None:
            z = (scale(p.value) - centre) / sigma
            cols.append(-0.5 * z * z - np.log(sigma) - 0.5 * math.log(2 * math.pi))
        elif p.low is None:
            cols.append(log_ndtr((scale(p.high) - centre) / sigma))
        elif p.high is None:
            cols.append(log_ndtr((centre - scale(p.low)) / sigma))
        else:
            cols.append(_log_interval((scale(p.low) - centre) / sigma, (scale(p.high) - centre) / sigma))
    return np.stack(cols, axis=1)


def _negbin(p: Point, mu: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """Negative binomial (mean mu, Var = mu + alpha mu²): the log probability of the count, of
    "at least low" or of "low to high"."""
    from scipy.special import gammaln
    from scipy.stats import nbinom
    mu = np.maximum(mu, 1e-12)
    r = 1.0 / alpha
    prob = r / (r + mu)
    if p.low is None and p.high is None:
        y = p.value
        return (gammaln(y + r) - gammaln(r) - gammaln(y + 1.0) + r * np.log(prob) + y * np.log1p(-prob))
    low = 0.0 if p.low is None else p.low
    if p.high is None:
        return nbinom.logsf(math.ceil(low) - 1, r, prob)
    return np.log(np.maximum(nbinom.cdf(math.floor(p.high), r, prob) - nbinom.cdf(math.ceil(low) - 1, r, prob),
                             1e-300))


def point_error(p: Point, prediction: np.ndarray) -> np.ndarray:
    """Prediction minus the published value; for a range, the distance to the range (0 inside it)."""
    if p.low is None and p.high is None:
        return prediction - p.value
    error = np.zeros_like(prediction)
    if p.low is not None:
        error += np.minimum(prediction - p.low, 0.0)
    if p.high is not None:
        error += np.maximum(prediction - p.high, 0.0)
    return error


def replicate(m: SeriesModel, mean: np.ndarray, nuisance: Mapping[str, np.ndarray],
              rng: np.random.Generator) -> np.ndarray:
    """One simulated observation per draw and point from the expected values `mean` (n, k): the
    posterior predictive draws (the producer's estimate with its noise, a count, a poll share)."""
    from scipy.special import expit
    n, k = mean.shape
    if m.link.family == "count":
        alpha = nuisance[f"{m.id}:dispersion"][:, None]
        r = 1.0 / alpha
        return rng.negative_binomial(np.broadcast_to(r, (n, k)), r / (r + np.maximum(mean, 1e-12)))
    sigma = nuisance[f"{m.id}:noise"][:, None]
    noise = sigma * rng.standard_normal((n, k))
    if m.link.family == "warheads":
        return np.exp(np.log(np.maximum(mean, 1e-9)) + noise)
    return 100.0 * expit(_logit(mean / 100.0) + noise)
