"""The committed posterior (bundled: src/umbrella/resources/calibration/northeast-asia.json) was fitted to today's evidence base.

If the survey series, the evidence's historical lever/shock settings or the declared parameter
ranges change, the posterior that `umbrella run` uses by default is stale: re-run
`umbrella calibrate` and commit the posterior file.
"""
import json

from umbrella.evidence import load
from umbrella.experiments import calibration as cal
from umbrella.resources import posterior_file


def test_committed_posterior_matches_current_inputs():
    committed = json.loads(posterior_file().read_text(encoding="utf-8"))
    settings = cal.Settings.checked(samples=committed["samples"], seed=committed["seed"],
                                    holdout=committed["holdout"], accepted=committed["accepted"])
    assert committed["fingerprint"] == cal.current_fingerprint(load(), settings), (
        "calibration/northeast-asia.json is stale: run `umbrella calibrate` and commit it")


def test_fingerprint_moves_with_the_survey_series():
    ev = load()
    before = cal.current_fingerprint(ev)
    first = next(s for s in ev.surveys.values() if s.country == "KOR" and s.item == "own_nukes")
    ev.surveys[first.id] = first.model_copy(update={"value": first.value + 1.0})
    assert cal.current_fingerprint(ev) != before
