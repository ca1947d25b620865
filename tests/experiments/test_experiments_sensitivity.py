"""The SALib wrapper: Sobol' indices of the Ishigami function match the analytic values."""
from __future__ import annotations

import math

import numpy as np
import pytest
from SALib.test_functions import Ishigami

from umbrella.errors import InputError
from umbrella.experiments.sensitivity import Factor, analyse

PI = math.pi
FACTORS = [Factor(f"x{i}", -PI, PI) for i in (1, 2, 3)]


def ishigami(draws):
    return Ishigami.evaluate(np.column_stack([draws["x1"], draws["x2"], draws["x3"]]))


def analytic(a=7.0, b=0.1):
    """Closed-form Sobol' indices of the Ishigami function (Ishigami & Homma 1990): partial variances."""
    v1 = 0.5 * (1 + b * PI**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * PI**8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return {"x1": (v1 / v, (v1 + v13) / v), "x2": (v2 / v, v2 / v), "x3": (0.0, v13 / v)}


def test_ishigami_sobol_matches_analytic():
    out = analyse(FACTORS, ishigami, method="sobol", samples=4096, seed=3)
    assert out["runs"] == 4096 * 5
    for name, (s1, st) in analytic().items():
        got = out["indices"][name]
        assert got["S1"] == pytest.approx(s1, abs=0.03), name
        assert got["ST"] == pytest.approx(st, abs=0.03), name
        assert 0 < got["S1_conf"] < 0.1 and 0 < got["ST_conf"] < 0.1


def test_analytic_reference_values():
    # the values usually tabulated for a = 7, b = 0.1: S1 = .3139, .4424, 0; ST = .5576, .4424, .2437
    ref = analytic()
    assert [round(ref[k][0], 4) for k in ("x1", "x2", "x3")] == [0.3139, 0.4424, 0.0]
    assert [round(ref[k][1], 4) for k in ("x1", "x2", "x3")] == [0.5576, 0.4424, 0.2437]


def test_same_seed_same_indices_other_seed_differs():
    a = analyse(FACTORS, ishigami, samples=256, seed=5)
    b = analyse(FACTORS, ishigami, samples=256, seed=5)
    c = analyse(FACTORS, ishigami, samples=256, seed=6)
    assert a == b
    assert a["indices"]["x1"]["S1"] != c["indices"]["x1"]["S1"]


def test_morris_ranks_a_linear_model():
    # y = 3 a + 1 b + 0 c: mu_star equals |coefficient| × range for a linear model
    factors = [Factor("a", 0, 1), Factor("b", 0, 1), Factor("c", 0, 1)]
    out = analyse(factors, lambda d: 3 * d["a"] + d["b"], method="morris", samples=50, seed=1)
    idx = out["indices"]
    assert idx["a"]["mu_star"] == pytest.approx(3.0)
    assert idx["b"]["mu_star"] == pytest.approx(1.0)
    assert idx["c"]["mu_star"] == pytest.approx(0.0)
    assert idx["a"]["sigma"] == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("kwargs,field", [
    ({"method": "sobol", "samples": 100}, "samples"),
    ({"method": "fast", "samples": 128}, "method"),
    ({"method": "morris", "samples": 1}, "samples"),
])
def test_bad_settings(kwargs, field):
    """Problems name the argument (a request field), never a command-line flag."""
    with pytest.raises(InputError) as exc:
        analyse(FACTORS, ishigami, **kwargs)
    assert exc.value.problems[0].field == field


def test_scenario_factors_follow_the_scenario_overrides(tmp_path):
    from umbrella.dynamics.parameters import PARAMETERS
    from umbrella.dynamics.scenario import load_scenario
    from umbrella.experiments.sensitivity import resolve_output, scenario_factors
    path = tmp_path / "s.yaml"
    path.write_text("id: s\ntitle: {en: s, zh: s}\nstart: 2025\nend: 2030\n"
                    "parameters: {hazard_ceiling: 0.05, support_threat: [1.0, 1.5]}\n")
    sc = load_scenario(path)
    factors, fixed = scenario_factors(sc)
    by_name = {f.name: f for f in factors}
    assert fixed == {"hazard_ceiling": 0.05}
    assert (by_name["support_threat"].low, by_name["support_threat"].high) == (1.0, 1.5)
    assert len(factors) == len(PARAMETERS) - 1
    only, _ = scenario_factors(sc, ["support_threat", "hazard_support"])
    assert {f.name for f in only} == {"hazard_support", "support_threat"}
    assert resolve_output(sc, "crisis_probability", None, None) == ("crisis_probability", "region", 2030)
    assert resolve_output(sc, "threat", None, 2027) == ("threat", "KOR", 2027)
    with pytest.raises(InputError):
        scenario_factors(sc, ["hazard_ceiling"])          # fixed by the scenario: cannot vary


def test_rbd_fast_on_given_correlated_draws_gives_the_analytic_first_order_indices():
    """Y = X1 + X2 with corr(X1, X2) = 0.5 (standard normals): Var(E[Y | X1]) / Var(Y) = (1 + ρ)/2 = 0.75
    for each, 0 for an independent X3; the indices of dependent inputs need not add up to 1."""
    from umbrella.experiments.sensitivity import analyse_given
    rng = np.random.default_rng(4)
    z = rng.standard_normal((8192, 3))
    x1, x2 = z[:, 0], 0.5 * z[:, 0] + np.sqrt(0.75) * z[:, 1]
    res = analyse_given({"x1": x1, "x2": x2, "x3": z[:, 2]}, x1 + x2, seed=2)
    idx = res["indices"]
    assert abs(idx["x1"]["S1"] - 0.75) < 0.05 and abs(idx["x2"]["S1"] - 0.75) < 0.05
    assert idx["x3"]["S1"] < 0.03
    assert res["method"] == "rbd_fast" and res["samples"] == 8192


# ---- the Saltelli design built block by block (on the workers) ---------------------------------------

def _salib_matrix(factors, n, seed):
    """SALib's own Saltelli sampler on the sampler stream `analyse` uses (child 0 of SeedSequence(seed))."""
    from SALib.sample import sobol as salib_sobol
    problem = {"num_vars": len(factors), "names": [f.name for f in factors], "bounds": [[f.low, f.high] for f in factors]}
    stream = np.random.default_rng(np.random.SeedSequence(seed).spawn(2)[0])
    return salib_sobol.sample(problem, n, calc_second_order=False, seed=stream)


@pytest.mark.parametrize("d", [3, 116])
def test_saltelli_rows_of_any_range_are_salibs_matrix(d):
    from umbrella.experiments.saltelli import SaltelliDesign
    factors = [Factor(f"p{i}", -1.0 - i, 2.0 + 0.5 * i) for i in range(d)]
    design = SaltelliDesign(tuple(f.name for f in factors), tuple((f.low, f.high) for f in factors), 64, 9)
    reference = _salib_matrix(factors, 64, 9)
    assert design.runs == len(reference) == 64 * (d + 2)
    k = d + 2
    for lo, hi in [(0, design.runs), (0, 1), (k - 1, k + 1), (5 * k + 3, 9 * k + 1), (design.runs - 1, design.runs)]:
        assert np.array_equal(design.rows(lo, hi), reference[lo:hi]), (lo, hi)
    assert np.array_equal(design["p1"], reference[:, 1]) and list(design) == [f.name for f in factors]
    with pytest.raises(ValueError):
        design.rows(0, design.runs + 1)


def test_blocked_sobol_study_equals_the_client_built_design():
    """`sensitivity --method sobol`, each block building its own rows (two blocks; one base point split
    between them), gives the very indices of the design built whole on the client (SALib's sampler),
    run as given draws and analysed with the same bootstrap stream; a task carries a few kB."""
    import pickle

    from SALib.analyze import sobol as sobol_analyze

    from umbrella.dynamics.scenario import load_scenario, scenario_inputs
    from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME
    from umbrella.experiments import blocks
    from umbrella.experiments.ensemble import output_points
    from umbrella.experiments.saltelli import DesignBlocks, SaltelliDesign
    from umbrella.experiments.sensitivity import (BOOTSTRAP_RESAMPLES, CONF_LEVEL,
                                                  scenario_factors, scenario_sensitivity)
    sc, n, seed = load_scenario("baseline"), 64, 4
    factors, fixed = scenario_factors(sc)
    assert blocks.BLOCK % (len(factors) + 2) and n * (len(factors) + 2) > blocks.BLOCK
    got = scenario_sensitivity(sc, "public_nuclear_support", actor="JPN", method="sobol", samples=n, seed=seed, history=[])

    x = _salib_matrix(factors, n, seed)
    draws = {**{f.name: x[:, i] for i, f in enumerate(factors)}, **{k: np.full(len(x), v) for k, v in fixed.items()}}
    column = VARIABLE_BY_NAME["public_nuclear_support"].actors.index("JPN")
    y = output_points(sc, "public_nuclear_support", column, sc.end, history=[], draws=draws)
    problem = {"num_vars": len(factors), "names": [f.name for f in factors], "bounds": [[f.low, f.high] for f in factors]}
    want = sobol_analyze.analyze(problem, y, calc_second_order=False, conf_level=CONF_LEVEL,
                                 num_resamples=BOOTSTRAP_RESAMPLES,
                                 seed=np.random.default_rng(np.random.SeedSequence(seed).spawn(2)[1]))
    assert got["runs"] == len(y)
    for i, f in enumerate(factors):
        assert [got["indices"][f.name][k] for k in ("S1", "S1_conf", "ST", "ST_conf")] == \
               [float(want[k][i]) for k in ("S1", "S1_conf", "ST", "ST_conf")], f.name

    design = DesignBlocks(SaltelliDesign(tuple(f.name for f in factors), tuple((f.low, f.high) for f in factors), n, seed), fixed)
    task = blocks.works(scenario_inputs(sc, []), [sc.end], design, blocks.Point("threat", 0, 0))[1]
    assert len(pickle.dumps(task)) < 20_000          # its rows alone would be 4096 × 116 × 8 B = 3.8 MB
