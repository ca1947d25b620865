"""Rejection ABC over a vectorised simulator recovers a known parameter vector; polls and hold-outs."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from umbrella.errors import InputError
from umbrella.experiments.calibration import (combine_polls, fit_report, holdout_mask, load_posterior,
                                              pollster_noise, posterior_summary, run_abc)

YEARS = np.arange(2006, 2024)
BOUNDS = {"level": (0.0, 1.0), "trend": (-0.05, 0.05), "irrelevant": (0.0, 1.0)}


def toy(draws):
    t = YEARS - YEARS[0]
    return draws["level"][:, None] + draws["trend"][:, None] * t[None, :]


def test_abc_recovers_known_parameters():
    rng = np.random.default_rng(0)
    n = 40_000
    draws = {k: rng.uniform(lo, hi, n) for k, (lo, hi) in BOUNDS.items()}
    truth = {"level": np.array([0.4]), "trend": np.array([0.015]), "irrelevant": np.array([0.5])}
    observed = toy(truth)[0] + rng.normal(0, 0.01, len(YEARS))
    held = holdout_mask(len(YEARS), "last:3")
    index, predictions = run_abc(draws, toy, observed, held, accepted=200)
    post = posterior_summary(draws, index, BOUNDS)
    for name in ("level", "trend"):
        assert post[name]["q05"] <= truth[name][0] <= post[name]["q95"], name
        assert post[name]["shrinkage"] > 0.8, name           # the data pin it down
    assert post["irrelevant"]["shrinkage"] < 0.3              # the data say nothing about it
    assert post["level"]["mean"] == pytest.approx(0.4, abs=0.03)
    assert post["trend"]["mean"] == pytest.approx(0.015, abs=0.004)
    report = fit_report(predictions, index, observed, held, list(YEARS))
    assert report["n_in_sample"] == 15 and report["n_held_out"] == 3
    # extrapolating a correct model: out-of-sample error of the order of the noise
    assert report["rmse_held_out"] < 0.04
    assert report["rmse_in_sample"] < report["rmse_prior_in_sample"] / 5


def test_abc_keeps_the_closest_draws():
    draws = {"level": np.array([0.1, 0.5, 0.9, 0.45]), "trend": np.zeros(4), "irrelevant": np.zeros(4)}
    observed = np.full(len(YEARS), 0.47)
    index, _ = run_abc(draws, toy, observed, np.zeros(len(YEARS), dtype=bool), accepted=2)
    assert sorted(index.tolist()) == [1, 3]


def survey(id, year, value, country="KOR", item="own_nukes", question_format=None):
    return SimpleNamespace(id=id, year=year, value=value, country=country, item=item,
                           question_format=question_format)


def test_polls_combine_to_yearly_means_with_spread():
    surveys = [survey("a", 2013, 60.0), survey("b", 2013, 70.0), survey("c", 2016, 58.0),
               survey("d", 2016, 50.0, item="redeploy_tactical"), survey("e", 2016, 40.0, country="JPN"),
               survey("f", 2016, 29.3, question_format="single_choice"),
               survey("g", 2016, 74.0, question_format="conditional")]
    points = combine_polls(surveys)
    assert [(p.year, p.value, p.n_polls) for p in points] == [(2013, pytest.approx(0.65), 2), (2016, 0.58, 1)]
    assert points[0].spread == pytest.approx(np.std([0.6, 0.7], ddof=1))
    assert points[1].spread is None
    assert pollster_noise(points) == pytest.approx(np.std([0.6, 0.7], ddof=1))


@pytest.mark.parametrize("spec,expected", [
    ("last:2", [0, 0, 0, 0, 1, 1]), ("every:3", [0, 0, 1, 0, 0, 1]), ("none", [0] * 6), ("last:0", [0] * 6),
])
def test_holdout_specs(spec, expected):
    assert holdout_mask(6, spec).astype(int).tolist() == expected


@pytest.mark.parametrize("spec", ["last", "first:2", "every:1", "last:5", "every:x"])
def test_bad_holdout(spec):
    with pytest.raises(InputError) as exc:
        holdout_mask(6, spec)
    assert exc.value.problems[0].field == "holdout"


@pytest.mark.parametrize("name, text, message", [
    ("absent.json", None, "cannot read"),
    ("bad.json", "{not json", "not JSON"),
    ("empty.json", '{"draws": {}}', "draws"),
    ("unknown.json", '{"draws": {"hazard_ceiling": [1, 2], "nonsense": [3, 4]}}', "unknown parameter"),
    ("ragged.json", '{"draws": {"hazard_ceiling": [1, 2], "feedback_strength": [1]}}', "same"),
    ("text.json", '{"draws": {"hazard_ceiling": ["high"]}}', "numbers"),
])
def test_a_broken_posterior_is_an_error_not_the_prior(tmp_path, name, text, message):
    """A posterior file that cannot be used is reported, never silently replaced by the prior."""
    if text is not None:
        (tmp_path / name).write_text(text)
    with pytest.raises(InputError) as exc:
        load_posterior(tmp_path / name)
    (problem,) = exc.value.problems
    assert problem.path == str(tmp_path / name) and message in problem.message


def test_load_posterior(tmp_path):
    (tmp_path / "ok.json").write_text('{"draws": {"hazard_ceiling": [1, 2], "feedback_strength": [3, 4]}}')
    assert load_posterior(tmp_path / "ok.json")["feedback_strength"].tolist() == [3.0, 4.0]
