"""Calibration of the regional model: ABC recovers a known parameter vector from data the model
itself generated; the posterior file is what a lab's runs use by default and `prior` bypasses."""
from __future__ import annotations

import json

import numpy as np
import pytest

from umbrella.dynamics.inputs import Setting
from umbrella.dynamics.parameters import PARAMETER_BY_NAME, defaults
from umbrella.experiments import calibration as cal

# a plausible history: DPRK tests and burden-sharing pressure 2017-2020 (synthetic, not the evidence base)
HISTORY = ([Setting("shock", "prk_nuclear_test", 1.0, y, y) for y in (2006, 2009, 2013, 2016, 2017)]
           + [Setting("lever", "burden_sharing_pressure", 0.8, 2017, 2020)])
YEARS = list(range(2008, 2025, 2))


def synthetic_points(truth: dict[str, float]) -> list[cal.YearPoint]:
    simulate = cal.support_simulator(cal.historical_inputs(HISTORY, YEARS[-1]), YEARS)
    values = simulate({k: np.array([v]) for k, v in truth.items()})[0]
    return [cal.YearPoint(y, float(v), 1, None, ()) for y, v in zip(YEARS, values)]


@pytest.mark.parametrize("true_intercept", [0.2, -0.8])
def test_abc_recovers_the_support_intercept_from_model_generated_data(true_intercept):
    truth = defaults()
    truth["support_intercept_kor"] = true_intercept
    result = cal.calibrate_to(synthetic_points(truth), HISTORY,
                              cal.Settings(samples=20000, accepted=200, seed=3, holdout="last:2"))
    post = result["posterior"]["support_intercept_kor"]
    p = PARAMETER_BY_NAME["support_intercept_kor"]
    prior_mid = (p.low + p.high) / 2
    assert post["q05"] <= true_intercept <= post["q95"]
    # the posterior moves most of the way from the prior's centre to the truth, and narrows
    assert abs(post["mean"] - true_intercept) < 0.5 * abs(prior_mid - true_intercept)
    assert post["shrinkage"] > 0.3
    fit = result["fit"]
    assert fit["n_in_sample"] == len(YEARS) - 2 and fit["n_held_out"] == 2
    assert fit["rmse_in_sample"] < fit["rmse_prior_in_sample"] / 10
    assert fit["rmse_held_out"] < 0.01           # the held-out years are predicted, not fitted
    assert len(result["draws"]["support_intercept_kor"]) == 200


def test_same_seed_same_posterior_and_short_series_refused():
    points = synthetic_points(defaults())
    settings = cal.Settings(samples=500, accepted=20, seed=4)
    a = cal.calibrate_to(points, HISTORY, settings)
    b = cal.calibrate_to(points, HISTORY, settings)
    assert all(np.array_equal(a["draws"][k], b["draws"][k]) for k in a["draws"])
    with pytest.raises(cal.InputError):
        cal.calibrate_to(points[:2], HISTORY, settings)


def test_posterior_file_drives_runs_and_prior_bypasses_it(tmp_path):
    from umbrella.lab import Lab, RunRequest
    result = cal.calibrate_to(synthetic_points(defaults()), HISTORY, cal.Settings(samples=500, accepted=20, seed=2))
    result["draws"]["support_intercept_kor"] = np.full(20, 0.123)     # a value the prior almost surely never draws
    path = tmp_path / "posterior.json"
    cal.write_posterior(result, path)
    json.loads(path.read_text())                                      # valid JSON
    lab = Lab(posterior=path)
    calibrated = lab.run(RunRequest(scenario="baseline", samples=50, seed=1)).dataset
    assert calibrated.attrs["parameters_from"] == "posterior"
    assert np.all(calibrated["param_support_intercept_kor"].values == 0.123)
    written = cal.load_posterior(path)["hazard_ceiling"]
    assert set(np.round(calibrated["param_hazard_ceiling"].values, 12)) <= set(np.round(written, 12))
    prior = lab.run(RunRequest(scenario="baseline", samples=50, seed=1, prior=True)).dataset
    assert prior.attrs["parameters_from"] == "prior"
    assert np.unique(prior["param_support_intercept_kor"].values).size == 50


def test_simulated_support_does_not_depend_on_chunking():
    from umbrella.dynamics.parameters import PARAMETERS
    from umbrella.experiments.sampling import sample
    draws = sample(PARAMETERS, 300, 9, "lhs")
    inputs = cal.historical_inputs(HISTORY, YEARS[-1])
    whole = cal.support_simulator(inputs, YEARS, chunk=5000)(draws)
    pieces = cal.support_simulator(inputs, YEARS, chunk=7)(draws)
    assert whole.shape == (300, len(YEARS))
    np.testing.assert_array_equal(whole, pieces)


def test_committed_posterior_matches_the_declared_parameters():
    """The committed calibration covers exactly the declared parameters, inside their ranges
    (rerun `umbrella calibrate` after changing the model's parameters)."""
    from umbrella.resources import posterior_file
    path = posterior_file()
    if not path.exists():
        pytest.skip("no committed calibration")
    draws = cal.load_posterior(path)
    assert draws is not None
    assert set(draws) == set(PARAMETER_BY_NAME)
    for name, values in draws.items():
        p = PARAMETER_BY_NAME[name]
        assert np.all((values >= p.low - 1e-9 * abs(p.low)) & (values <= p.high + 1e-9 * abs(p.high))), name
    summary = json.loads(path.read_text())
    assert summary["accepted"] == len(next(iter(draws.values())))
    assert summary["fit"]["n_held_out"] >= 1
