"""The vectorised model against an independent scalar implementation, and two steps computed by hand."""
from __future__ import annotations

import math

import numpy as np
import pytest

from tests.dynamics import dynamics_reference as ref
from umbrella.dynamics.inputs import Setting, build_inputs
from umbrella.dynamics.model import simulate
from umbrella.dynamics.parameters import PARAMETERS, defaults
from umbrella.experiments.sampling import sample

# every lever and shock moves at least once, including withdrawals and redeployments (reputation)
SETTINGS = [
    Setting("lever", "consultation", "ncg", 2008, None, "KOR"),
    Setting("lever", "consultation", "nuclear_sharing", 2012, None, "JPN"),
    Setting("lever", "forward_deployment", "fixed", 2009, 2011, "KOR"),
    Setting("lever", "forward_deployment", "non_fixed", 2010, None, "AUS"),
    Setting("lever", "troop_presence", 0.4, 2011, None, "JPN"),
    Setting("lever", "strategic_asset_hosting", 0.5, 2008, None, "KOR"),
    Setting("lever", "strategic_asset_hosting", 1.0, 2010, None, "AUS"),
    Setting("lever", "trilateral_cooperation", "conventional", 2008, 2010, None),
    Setting("lever", "trilateral_cooperation", "nuclear_planning", 2011, None, None),
    Setting("lever", "declaratory_restraint", "sole_purpose", 2010, None, None),
    Setting("lever", "multilateral_mechanism", 0.4, 2007, None, None),
    Setting("lever", "peace_mechanism", 0.7, 2009, None, None),
    Setting("lever", "nuclear_salience", 0.8, 2012, None, None),
    Setting("lever", "burden_sharing_pressure", 0.9, 2010, 2011, None),
    Setting("shock", "prk_nuclear_test", 1.0, 2009, 2009, None),
    Setting("shock", "adversary_alignment", 0.5, 2010, None, None),
    Setting("shock", "second_theater_war", 1.0, 2011, 2012, None),
    Setting("shock", "us_retrenchment", 1.0, 2013, 2013, None),
]
YEARS = list(range(2006, 2016))


def _series(inputs):
    lev = {k: [tuple(r) for r in v.tolist()] if v.ndim == 2 else v.tolist() for k, v in inputs.levers.items()}
    return lev, {k: v.tolist() for k, v in inputs.shocks.items()}


@pytest.mark.parametrize("seed", [3, 4])
def test_vectorised_model_equals_scalar_reference(seed):
    inputs = build_inputs(YEARS[0], YEARS[-1], SETTINGS, report_from=2008)
    params = sample(PARAMETERS, 16, seed=seed, method="mc")
    got = simulate(params, inputs, years=YEARS)
    lev, shk = _series(inputs)
    for i in range(16):
        p = {k: float(v[i]) for k, v in params.items()}
        want = ref.run(p, YEARS, lev, shk, report_from=2008)
        assert set(want) == set(got)
        for name, rows in want.items():
            np.testing.assert_allclose(got[name][i], np.array(rows), rtol=1e-12, atol=1e-14, err_msg=name)


def test_two_steps_by_hand():
    """Defaults, no settings: year 0 sets states to targets; year 1 grows the arsenal and closes the gaps."""
    p = defaults()
    got = simulate({k: np.array([v]) for k, v in p.items()}, build_inputs(2006, 2007, [], report_from=2006))
    s = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    # documented defaults: ns .5, vis .5, fd none, consultation dialogue (1/3), ci .5, bsp .3, troops 1,
    # restraint none, multilateral 0, peace mechanism 0, trilateral none, hosting 0, sanctions .7,
    # non-proliferation .6; no shocks
    voice, conv, commit = 0.5, 0.75, 1 + 0.5 + 0.5
    ns0 = 0.5                                             # no US response in the first year (no threat before)
    E0 = (0.5 + 0.5 + 0 + 1 / 3 + 0 + 0) / 6
    coop0 = s(0.5 - 1.0 * 0.5)                            # = 0.5
    a0 = 5 / (5 + 50)
    rep0 = s(0.25)
    res0 = s(0.0 + 0.7 * (1 + voice) + 0.5 * ns0 - 0.5 * 0.3 - 0.8 * a0)
    cap0 = 1 - (1 - 0.65) * (1 - 0.3 * conv) * (1 - 0.15 * 0.5)
    cred0 = cap0 * (0.4 * rep0 + 0.6 * res0)
    prov0 = (1 - 0.8 * (1 - 0.3 * a0) * (1 - 0.2 * E0)) * (1 - 0.3 * conv) * (1 - 0.3 * cred0)
    threat_kor = 1 - (1 - 0.6 * a0) * (1 - 0.4 * prov0)
    threat_jpn = 1 - (1 - 0.8 * 0.6 * a0) * (1 - 0.8 * 0.4 * prov0)
    threat_aus = 1 - (1 - 0.15 * 0.6 * a0) * (1 - 0.15 * 0.4 * prov0)
    af0 = s(-1.0 + 1.0 * 0.3 - 0.7 * commit + 1.0 * threat_kor + 0.8 * (1 - rep0) - 0.1 * ns0)
    ef0 = s(-1.5 + 0.5 * 0.5 + 1.0 * ns0)
    assert got["chn_cooperation"][0, 0, 0] == pytest.approx(coop0, rel=1e-12)
    assert got["deterrence_credibility"][0, 0, 0] == pytest.approx(cred0, rel=1e-12)
    assert got["prk_provocation"][0, 0, 0] == pytest.approx(prov0, rel=1e-12)
    np.testing.assert_allclose(got["threat"][0, 0], [threat_kor, threat_jpn, threat_aus], rtol=1e-12)
    assert got["abandonment_fear"][0, 0, 0] == pytest.approx(af0, rel=1e-12)
    assert got["entrapment_fear"][0, 0, 0] == pytest.approx(ef0, rel=1e-12)
    assert got["chn_counter_pressure"][0, 0].tolist() == [0.0, 0.0, 0.0]
    support0 = 0.5 * s(-0.3 + threat_kor + 1.0 * af0 - 1.2 * cred0) + 0.5 * s(-0.3 + threat_kor + 0.8 * ef0)
    assert got["public_nuclear_support"][0, 0, 0] == pytest.approx(support0, rel=1e-12)
    hed_kor = s(-1.0 - 0.8 * 0.6 + af0 + 0.5 * ef0 + threat_kor)
    af_jpn = s(-1.0 + 0.3 - 0.7 * commit + threat_jpn + 0.8 * (1 - rep0) - 0.1 * ns0)
    hed_jpn = s(-1.0 - 0.48 + af_jpn + 0.5 * ef0 + threat_jpn)
    base = 0.0 + 1.0 * cred0 + 0.5 * voice
    assurance0 = 0.5 * s(base + 1.2 * cred0 - 2.0 * af0) + 0.5 * s(base - 0.8 * ef0)
    assert got["assurance"][0, 0, 0] == pytest.approx(assurance0, rel=1e-12)
    hazard0 = 0.05 * s(-3.0 - 0.6 + 2.0 * support0 + threat_kor + af0 + hed_kor - assurance0
                       - 1.5 * 0.6 * conv * (1 - hed_kor))
    assert got["proliferation_hazard"][0, 0, 0] == pytest.approx(hazard0, rel=1e-12)
    # year 1: the US answers last year's peninsula threat; China adjusts; the arsenal grows logistically
    ns1 = 1 - 0.5 * (1 - 0.5 * 0.5 * (threat_kor + threat_jpn) / 2)
    E1 = (ns1 + 0.5 + 1 / 3) / 6
    coop1 = coop0 + 0.6 * (s(0.5 - ns1) - coop0)
    g = (0.12 * (1 + 0.5 * (1.0 * E1 + 1.0 * (hed_kor + hed_jpn) / 2)) * (1 - 0.2 * 0.7 * (1 - 0.5 * (1 - coop1))))
    arsenal1 = 5 + g * 5 * (1 - 5 / 250)
    assert got["chn_cooperation"][0, 1, 0] == pytest.approx(coop1, rel=1e-12)
    assert got["prk_arsenal"][0, 1, 0] == pytest.approx(arsenal1, rel=1e-12)
    ef1 = ef0 + 0.6 * (s(-1.5 + 0.25 + ns1) - ef0)
    assert got["entrapment_fear"][0, 1, 0] == pytest.approx(ef1, rel=1e-12)
    # cumulative probability after two years is 1 - (1 - h0)(1 - h1)
    h = got["proliferation_hazard"][0, :, 0]
    assert got["proliferation_probability"][0, 1, 0] == pytest.approx(1 - (1 - h[0]) * (1 - h[1]), rel=1e-12)
