"""One direction test per mechanism of MODELS.md §4: raise one input, everything else equal, for every sample."""
from __future__ import annotations

import numpy as np
import pytest

from umbrella.dynamics.inputs import Setting, build_inputs
from umbrella.dynamics.model import simulate
from umbrella.dynamics.parameters import PARAMETERS
from umbrella.experiments.sampling import sample

N = 256
START, REPORT, END = 2006, 2024, 2032


@pytest.fixture(scope="module")
def params():
    return sample(PARAMETERS, N, seed=11, method="lhs")


def run(params, *settings, **fixed):
    p = {k: v.copy() for k, v in params.items()}
    for name, value in fixed.items():
        p[name][:] = value
    return simulate(p, build_inputs(START, END, list(settings), report_from=REPORT))


def lever(name, value, ally=None):
    return Setting("lever", name, value, REPORT, None, ally)


def shock(name, value=1.0):
    return Setting("shock", name, value, REPORT, None, None)


def rises(low, high, variable, actor=slice(None), lag=0):
    """True where `high` exceeds `low` at every reported year (after `lag` years), for every sample."""
    a, b = low[variable][:, lag:, actor], high[variable][:, lag:, actor]
    return bool(np.all(b > a))


def test_1_threat_rises_with_alignment_and_arsenal(params):
    assert rises(run(params), run(params, shock("adversary_alignment", 0.8)), "threat")
    assert rises(run(params, prk_arsenal_initial=3.0), run(params, prk_arsenal_initial=9.0), "threat")
    assert rises(run(params), run(params, shock("prk_nuclear_test")), "prk_provocation")


def test_2_structural_dilemma_loop(params):
    # US strengthening speeds DPRK arsenal growth, and more so the stronger the loop
    base = run(params, feedback_strength=0.5)
    stronger_us = run(params, lever("nuclear_salience", 1.0), feedback_strength=0.5)
    assert rises(base, stronger_us, "prk_arsenal")
    assert rises(run(params, feedback_strength=0.1), run(params, feedback_strength=0.9), "prk_arsenal")
    # with the loop switched off, allied threat does not feed back on US salience: arsenal paths are shorter
    no_loop = run(params, feedback_strength=0.0)
    assert rises(no_loop, base, "prk_arsenal")
    # allied hedging feeds the loop: burden-sharing pressure raises hedging, hence the DPRK arsenal
    assert rises(base, run(params, lever("burden_sharing_pressure", 1.0), feedback_strength=0.5), "prk_arsenal",
                 lag=1)  # hedging acts on the next year's growth


def test_3_abandonment_fear(params):
    base = run(params)
    assert rises(run(params, lever("conventional_integration", 1.0)), base, "abandonment_fear")
    assert rises(run(params, lever("troop_presence", 1.0)), run(params, lever("troop_presence", 0.3)), "abandonment_fear")
    assert rises(base, run(params, lever("burden_sharing_pressure", 1.0)), "abandonment_fear")
    assert rises(base, run(params, shock("us_retrenchment")), "abandonment_fear")
    assert rises(base, run(params, shock("second_theater_war")), "abandonment_fear")


def test_4_entrapment_fear(params):
    base = run(params)
    assert rises(base, run(params, lever("nuclear_salience", 1.0)), "entrapment_fear")
    assert rises(base, run(params, lever("strategic_asset_visibility", 1.0)), "entrapment_fear")
    # forward deployment raises entrapment fear in the 002 reading (effect > 0) ...
    kor = 0
    assert rises(run(params, forward_deployment_effect=1.0),
                 run(params, lever("forward_deployment", "fixed", "KOR"), forward_deployment_effect=1.0),
                 "entrapment_fear", kor)
    # ... and lowers abandonment fear in the 004 / Reiter reading (effect < 0)
    assert rises(run(params, lever("forward_deployment", "fixed", "KOR"), forward_deployment_effect=-1.0),
                 run(params, forward_deployment_effect=-1.0), "abandonment_fear", kor)


def test_5_public_support(params):
    base = run(params)
    assert rises(base, run(params, lever("burden_sharing_pressure", 1.0)), "public_nuclear_support")
    assert rises(base, run(params, shock("adversary_alignment", 0.8)), "public_nuclear_support")
    # the ROK public supports own weapons more than the Japanese public (003 §4)
    assert np.all(base["public_nuclear_support"][:, :, 0] > base["public_nuclear_support"][:, :, 1])


def test_6_proliferation_hazard(params):
    base = run(params)
    assert rises(run(params, lever("nonproliferation_pressure", 1.0)), base, "proliferation_hazard")
    assert rises(base, run(params, shock("us_retrenchment")), "proliferation_hazard")
    assert rises(base, run(params, lever("consultation", "nuclear_sharing", "KOR"), sharing_pretext=0.8),
                 "proliferation_hazard", 0)
    # cumulative probability never falls
    assert np.all(np.diff(base["proliferation_probability"], axis=1) >= 0)


def test_7_crisis_probability(params):
    base = run(params)
    assert rises(run(params, lever("multilateral_mechanism", 1.0)), base, "crisis_probability")
    assert rises(run(params, lever("declaratory_restraint", "no_first_use")), base, "crisis_probability")
    assert rises(run(params, lever("conventional_integration", 1.0)), base, "crisis_probability")
    assert rises(base, run(params, shock("second_theater_war")), "crisis_probability")


def test_8_deterrence_credibility(params):
    base = run(params)
    assert rises(run(params, lever("troop_presence", 0.3)), base, "deterrence_credibility")
    assert rises(run(params, shock("us_retrenchment")), base, "deterrence_credibility")
    assert rises(run(params, shock("second_theater_war")), base, "deterrence_credibility")
