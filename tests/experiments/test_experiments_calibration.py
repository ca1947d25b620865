"""Joint calibration recovers planted parameters from series the model itself generated: a warhead
series with a published range and an "up to" bound, a count series and two poll series with a pollster
offset, each simulated from known parameters and noise, then fitted by the tempering SMC."""
from __future__ import annotations

import numpy as np
import pytest

from umbrella.dynamics.inputs import Setting
from umbrella.dynamics.parameters import PARAMETER_BY_NAME, defaults
from umbrella.experiments import calibration as cal
from umbrella.experiments import observations as obs

# a plausible history: DPRK tests and burden-sharing pressure (synthetic, not the evidence base)
HISTORY = ([Setting("shock", "prk_nuclear_test", 1.0, y, y) for y in (2006, 2008, 2010, 2012, 2014)]
           + [Setting("lever", "burden_sharing_pressure", 0.8, 2011, 2013)])
YEARS = list(range(2007, 2016))
FREE = {"prk_arsenal_growth": 0.16, "provocation_test": 0.5, "support_intercept_kor": 0.2}
INERT = ("crisis_deterrence", "escalation_arsenal")     # left free: the fit must find that the data cannot see them
NOISE = {"warheads:noise": 0.1, "launches:scale": 200.0, "launches:dispersion": 0.01, "polls-a:noise": 0.05,
         "polls-b:noise": 0.05, "pollster:a": 0.0, "pollster:b": 0.3}


def model(sid, link, timing, points, pollster="", item=""):
    return obs.SeriesModel(sid, {"en": sid, "zh": sid}, "x", timing, link, tuple(points), pollster, item)


def planted_series(seed: int = 7) -> tuple[list[obs.SeriesModel], dict]:
    """Observations drawn from the observation models at the planted parameters."""
    rng = np.random.default_rng(seed)
    truth = {**defaults(), **FREE}
    blank = lambda y: obs.Point(y, None, 0.0, None, None, str(y))         # noqa: E731
    skeleton = [model("warheads", obs.WARHEADS, "calendar_year", [blank(y) for y in YEARS[:-1]]),
                model("launches", obs.COUNT, "calendar_year", [blank(y) for y in YEARS]),
                model("polls-a", obs.POLL, "fieldwork", [blank(y) for y in YEARS[::2]], "a", "own_nukes"),
                model("polls-b", obs.POLL, "fieldwork", [blank(y) for y in YEARS[1::2]], "b", "own_nukes")]
    target = cal.Target(skeleton, HISTORY, None, fixed={**truth, **NOISE})
    sim = target.simulate({k: np.array([v]) for k, v in truth.items() if k in PARAMETER_BY_NAME})
    nuisance = {k: np.array([v]) for k, v in NOISE.items()}
    out = []
    for m in skeleton:
        draws = obs.replicate(m, obs.expected(m, sim, target.years, nuisance), nuisance, rng)[0]
        points = [obs.Point(p.year, None, float(v), None, None, p.label) for p, v in zip(m.points, draws)]
        if m.id == "warheads":   # a published range and an "up to" bound, as the producers publish them
            points[3] = obs.Point(points[3].year, None, None, 0.8 * draws[3], 1.25 * draws[3], "range")
            points[5] = obs.Point(points[5].year, None, None, None, 1.3 * draws[5], "up to")
        out.append(model(m.id, m.link, m.timing, points, m.pollster, m.item))
    fixed = {k: v for k, v in truth.items() if k not in FREE and k not in INERT}
    fixed.update({k: v for k, v in NOISE.items() if k in ("pollster:a", "launches:dispersion")})
    return out, fixed


@pytest.fixture(scope="module")
def fitted():
    series, fixed = planted_series()
    return cal.calibrate_to(series, HISTORY, cal.Settings(particles=400, seed=3, holdout="since:2014"), fixed=fixed)


def test_planted_model_parameters_are_recovered(fitted):
    params = {p["name"]: p for p in fitted["parameters"]}
    for name, truth in FREE.items():
        p = params[name]
        assert p["q05"] <= truth <= p["q95"], (name, p["q05"], truth, p["q95"])
        assert p["shrinkage"] > 0.3, (name, p["shrinkage"])      # the data narrow every planted parameter
    # the pollster offset is identified against the fixed reference pollster
    assert params["pollster:b"]["q05"] <= NOISE["pollster:b"] <= params["pollster:b"]["q95"]
    assert params["launches:scale"]["q05"] <= NOISE["launches:scale"] <= params["launches:scale"]["q95"]


def test_the_historical_run_does_not_depend_on_blocks():
    """The calibration's historical run goes block by block through the current executor (two blocks,
    the second short): the same bits as one simulation of all draws."""
    from umbrella.dynamics.model import simulate
    from umbrella.dynamics.parameters import PARAMETERS
    from umbrella.experiments import blocks
    from umbrella.experiments.sampling import sample
    draws = sample(PARAMETERS, 5000, 9, "lhs")
    inputs = cal.historical_inputs(HISTORY, YEARS[-1])
    columns = (("public_nuclear_support", 0), ("prk_arsenal", 0))
    parts = list(blocks.map_blocks(inputs, YEARS, blocks.given(draws), blocks.Series(columns)))
    whole = simulate(draws, inputs, YEARS)
    assert len(parts) == 2
    for name, column in columns:
        pieces = np.concatenate([p[name] for p in parts])
        assert pieces.shape == (5000, len(YEARS))
        np.testing.assert_array_equal(whole[name][:, :, column], pieces)


def test_errors_beat_the_prior_and_held_out_points_are_predicted(fitted):
    rows = {s["id"]: s for s in fitted["series"]}
    assert {s["n_held_out"] for s in rows.values()} >= {1, 2}
    for s in rows.values():
        assert s["n_in_sample"] + s["n_held_out"] == len(s["points"])
        assert s["rmse_in_sample"] < s["rmse_prior_in_sample"], s["id"]
        assert s["fits"] and s["coverage_in_sample"] >= 0.6
    # warheads and polls: the fit comes far below the prior's error (counts are dominated by their own noise)
    for sid in ("warheads", "polls-a", "polls-b"):
        assert rows[sid]["rmse_in_sample"] < 0.3 * rows[sid]["rmse_prior_in_sample"], sid
    assert rows["warheads"]["rmse_held_out"] < rows["warheads"]["rmse_prior_held_out"]
    assert fitted["distinct_draws"] == 400
    assert fitted["diagnostics"]["schedule"][-1]["beta"] == 1.0
    # the control coordinate the likelihood ignores keeps most of its prior width
    assert fitted["diagnostics"]["control_shrinkage"] < 0.3


def test_inert_parameters_keep_their_prior(fitted):
    """Crisis and escalation feed no state: the likelihood cannot see them, so they are drawn from
    their prior, not sampled."""
    assert "crisis_deterrence" in fitted["inert"] and "escalation_arsenal" in fitted["inert"]
    values = fitted["draws"]["crisis_deterrence"]
    p = PARAMETER_BY_NAME["crisis_deterrence"]
    assert values.min() >= p.low and values.max() <= p.high
    assert abs(values.mean() - (p.low + p.high) / 2) < 0.1 * (p.high - p.low)
    assert np.unique(values).size == len(values)


def test_point_errors_respect_published_ranges():
    inside = obs.Point(2020, None, None, 10.0, 20.0, "")
    upto = obs.Point(2020, None, None, None, 90.0, "")
    np.testing.assert_array_equal(obs.point_error(inside, np.array([5.0, 15.0, 26.0])), [-5.0, 0.0, 6.0])
    np.testing.assert_array_equal(obs.point_error(upto, np.array([50.0, 100.0])), [0.0, 10.0])


def test_interval_likelihood_is_the_normal_probability_of_the_range():
    from scipy.stats import norm
    m = model("w", obs.WARHEADS, "calendar_year", [obs.Point(2011, None, None, 10.0, 20.0, "r"),
                                                    obs.Point(2012, None, None, None, 90.0, "u"),
                                                    obs.Point(2013, None, None, 59.0, None, "l")])
    years = np.arange(2010, 2014)
    sim = {"prk_arsenal": np.array([[8.0, 9.0, 60.0, 70.0], [30.0, 95.0, 40.0, 70.0]])}
    ll = obs.log_likelihood(m, sim, years, {"w:noise": np.array([0.2, 0.5])})
    # calendar-year points sit mid-year: the arsenal interpolated log-linearly between the ends of t-1 and t
    centre = np.log([[np.sqrt(8 * 9), np.sqrt(9 * 60), np.sqrt(60 * 70)],
                     [np.sqrt(30 * 95), np.sqrt(95 * 40), np.sqrt(40 * 70)]])
    sd = np.array([[0.2], [0.5]])
    expect = np.log(np.stack([norm.cdf((np.log(20) - centre[:, 0]) / sd[:, 0]) - norm.cdf((np.log(10) - centre[:, 0]) / sd[:, 0]),
                              norm.cdf((np.log(90) - centre[:, 1]) / sd[:, 0]),
                              norm.sf((np.log(59) - centre[:, 2]) / sd[:, 0])], axis=1))
    np.testing.assert_allclose(ll, expect, rtol=1e-9, atol=1e-15)


def test_negative_binomial_matches_scipy():
    from scipy.stats import nbinom
    m = model("c", obs.COUNT, "calendar_year", [obs.Point(2010, None, 7.0, None, None, "v"),
                                                obs.Point(2011, None, None, 59.0, None, "at least")])
    sim = {"prk_provocation": np.array([[0.2, 0.5]])}
    ll = obs.log_likelihood(m, sim, np.arange(2010, 2012), {"c:scale": np.array([30.0]),
                                                               "c:dispersion": np.array([0.4])})
    r = 1 / 0.4
    np.testing.assert_allclose(ll[0], [nbinom.logpmf(7, r, r / (r + 6.0)), nbinom.logsf(58, r, r / (r + 15.0))])
