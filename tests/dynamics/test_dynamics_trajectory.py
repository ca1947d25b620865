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

SETTINGS = [
    Setting("lever", "consultation", "ncg", 2008, None, "KOR"),
    Setting("lever", "forward_deployment", "fixed", 2009, None, "KOR"),
    Setting("lever", "declaratory_restraint", "sole_purpose", 2010, None, None),
    Setting("shock", "prk_nuclear_test", 1.0, 2009, 2009, None),
    Setting("shock", "adversary_alignment", 0.5, 2010, None, None),
    Setting("shock", "second_theater_war", 1.0, 2011, 2012, None),
]


def _series(inputs):
    lev = {k: [tuple(r) if np.ndim(r) else float(r) for r in v.tolist()] if v.ndim == 2 else v.tolist()
           for k, v in inputs.levers.items()}
    return lev, {k: v.tolist() for k, v in inputs.shocks.items()}


@pytest.mark.parametrize("phi", [-1.2, 0.0, 1.2])
def test_vectorised_model_equals_scalar_reference(phi):
    inputs = build_inputs(2006, 2014, SETTINGS, report_from=2008)
    params = sample(PARAMETERS, 16, seed=3, method="mc")
    params["forward_deployment_effect"][:] = phi
    got = simulate(params, inputs, years=list(range(2006, 2015)))
    lev, shk = _series(inputs)
    for i in range(16):
        p = {k: float(v[i]) for k, v in params.items()}
        want = ref.run(p, list(range(2006, 2015)), lev, shk, report_from=2008)
        for name, rows in want.items():
            np.testing.assert_allclose(got[name][i], np.array(rows), rtol=1e-12, atol=1e-14, err_msg=name)


def test_two_steps_by_hand():
    """Defaults, no settings: year 0 sets states to targets; year 1 grows the arsenal and closes 60% of gaps."""
    p = defaults()
    inputs = build_inputs(2006, 2007, [], report_from=2006)
    got = simulate({k: np.array([v]) for k, v in p.items()}, inputs)
    s = lambda z: 1 / (1 + math.exp(-z))
    # documented defaults: ns .5, vis .5, fd none, consultation dialogue (1/3), ci .5, bsp .3, troops 1,
    # restraint none, multilateral 0, sanctions .7, nonproliferation .6; no shocks
    cons = 1 / 3
    # year 0: no US response yet (threat of the previous year is 0)
    ns_eff0 = 0.5
    E0 = (0.5 + 0.5 + 0 + cons) / 4                      # = 0.3333
    a0 = 5 / (5 + 50)                                    # arsenal weight
    conv = (0.5 + 1.0) / 2
    prov0 = (1 - 0.8 * (1 - 0.3 * a0) * (1 - 0.2 * E0)) * (1 - 0.3 * conv)
    threat0 = 1 - (1 - 0.6 * a0) * (1 - 0.4 * prov0)
    af0 = s(-1.0 + 1.0 * 0.3 + 1.0 * threat0 - 0.7 * (1 + cons + 0.5) - 0.1 * ns_eff0)
    ef0 = s(-1.5 + 1.0 * ns_eff0 + 0.5 * 0.5)
    assert got["prk_provocation"][0, 0, 0] == pytest.approx(prov0, rel=1e-12)
    assert got["threat"][0, 0, 0] == pytest.approx(threat0, rel=1e-12)
    assert got["threat"][0, 0, 1] == pytest.approx(0.8 * threat0, rel=1e-12)
    assert got["abandonment_fear"][0, 0, 0] == pytest.approx(af0, rel=1e-12)
    assert got["entrapment_fear"][0, 0, 0] == pytest.approx(ef0, rel=1e-12)
    hed0_kor = s(-1.0 + af0 + 0.5 * ef0 + threat0 - 0.8 * 0.6)
    hed0_jpn_threat = 0.8 * threat0
    af0_jpn = s(-1.0 + 0.3 + 0.8 * threat0 - 0.7 * (1 + cons + 0.5) - 0.05)
    hed0_jpn = s(-1.0 + af0_jpn + 0.5 * ef0 + hed0_jpn_threat - 0.48)
    # year 1: the US answers last year's mean threat; the arsenal grows logistically
    threat_mean0 = (threat0 + 0.8 * threat0) / 2
    ns_eff1 = 1 - 0.5 * (1 - 0.5 * 0.5 * threat_mean0)
    E1 = (ns_eff1 + 0.5 + cons) / 4
    g = 0.12 * (1 + 0.5 * (1.0 * E1 + 1.0 * (hed0_kor + hed0_jpn) / 2)) * (1 - 0.2 * 0.7)
    arsenal1 = 5 + g * 5 * (1 - 5 / 250)
    assert got["prk_arsenal"][0, 1, 0] == pytest.approx(arsenal1, rel=1e-12)
    ef1_target = s(-1.5 + ns_eff1 + 0.25)
    assert got["entrapment_fear"][0, 1, 0] == pytest.approx(ef0 + 0.6 * (ef1_target - ef0), rel=1e-12)
    # cumulative probability after two years is 1 - (1 - h0)(1 - h1)
    h = got["proliferation_hazard"][0, :, 0]
    assert got["proliferation_probability"][0, 1, 0] == pytest.approx(1 - (1 - h[0]) * (1 - h[1]), rel=1e-12)
