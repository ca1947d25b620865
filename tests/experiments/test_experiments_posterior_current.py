"""The committed posterior (bundled: src/umbrella/resources/calibration/northeast-asia.{json,npz}) was fitted to today's inputs, holds
enough distinct draws, and is what ensembles use.

If the model's version, an observed series, the evidence's historical lever/shock settings, the declared
parameter ranges or the observation models change, the posterior that every ensemble uses is stale:
run `make posterior` and commit both files.
"""
import json

import numpy as np

from umbrella.dynamics.parameters import PARAMETER_BY_NAME
from umbrella.evidence import load
from umbrella.experiments import calibration as cal


def committed() -> dict:
    return json.loads(cal.posterior_path().read_text(encoding="utf-8"))


def test_committed_posterior_matches_current_inputs():
    head = committed()
    settings = cal.Settings.checked(particles=head["particles"], seed=head["seed"], holdout=head["holdout"])
    assert head["fingerprint"] == cal.current_fingerprint(load(), settings), (
        "calibration/northeast-asia.json is stale: run `make posterior` and commit both files")


def test_fingerprint_moves_with_an_observed_series():
    ev = load()
    before = cal.current_fingerprint(ev)
    sid = "prk-warheads-fas-stockpile"
    series = ev.series[sid]
    points = list(series.points)
    points[0] = points[0].model_copy(update={"value": points[0].value + 1.0})
    ev.series[sid] = series.model_copy(update={"points": points})
    assert cal.current_fingerprint(ev) != before


def test_committed_posterior_holds_enough_distinct_draws_inside_the_ranges():
    head = committed()
    draws = cal.load_posterior()
    assert set(draws) == set(PARAMETER_BY_NAME)
    matrix = np.stack([draws[k] for k in sorted(draws)], axis=1)
    assert np.unique(matrix, axis=0).shape[0] >= 10_000 and head["distinct_draws"] >= 10_000
    for name, values in draws.items():
        p = PARAMETER_BY_NAME[name]
        assert np.all((values >= p.low - 1e-6 * max(1, abs(p.low))) & (values <= p.high + 1e-6 * max(1, abs(p.high)))), name
    assert cal.draws_path(cal.posterior_path()).stat().st_size < 10 * 2 ** 20


def test_committed_posterior_reports_every_series():
    head = committed()
    ids = {s["id"] for s in head["series"]}
    assert ids == set(load().series)
    fitted = [s for s in head["series"] if s["role"] == "fitted"]
    assert fitted and all(s["rmse_in_sample"] is not None and s["n_in_sample"] >= 1 for s in fitted)
    assert any(s["n_held_out"] for s in fitted)
    assert all("rmse_leave_one_out" in s for s in fitted)
    assert head["rivals"]["rivalries"]
