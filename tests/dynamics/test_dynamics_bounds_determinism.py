"""Bounds of every variable over the whole parameter box and extreme policies; reproducibility across chunkings."""
from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from umbrella.dynamics.inputs import Setting, build_inputs
from umbrella.dynamics.model import simulate
from umbrella.dynamics.parameters import PARAMETERS
from umbrella.dynamics.vocabulary import LEVERS, SHOCKS
from umbrella.dynamics.scenario import load_scenario
from umbrella.experiments.ensemble import run_ensemble, summarise
from umbrella.experiments.sampling import sample, unit_draws


def _extreme_settings(high: bool) -> list[Setting]:
    out = []
    for lv in LEVERS:
        value = (list(lv.options)[-1 if high else 0]) if lv.categorical else (lv.high if high else lv.low)
        out.append(Setting("lever", lv.name, value, 2010, None, None))
    for sh in SHOCKS:
        out.append(Setting("shock", sh.name, 1.0 if high else 0.0, 2012, 2020, None))
    return out


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), high=st.booleans(), corner=st.booleans())
def test_every_variable_in_bounds(seed, high, corner):
    params = sample(PARAMETERS, 64, seed=seed, method="mc")
    if corner:  # push every parameter to one end of its range
        params = {p.name: np.where(v > (p.low + p.high) / 2, p.high, p.low) for p, v in zip(PARAMETERS, params.values())}
    out = simulate(params, build_inputs(2006, 2060, _extreme_settings(high), report_from=2015))
    for name, arr in out.items():
        assert np.all(np.isfinite(arr)), name
        if name == "prk_arsenal":
            assert np.all(arr > 0) and np.all(arr <= params["prk_arsenal_ceiling"][:, None, None] + 1e-9)
        else:
            assert np.all(arr >= 0) and np.all(arr <= 1), name


def test_sampling_ranges_and_overrides():
    params = sample(PARAMETERS, 500, seed=2, method="lhs", overrides={"entrapment_sensitivity": (0.2, 0.6),
                                                                       "feedback_strength": 0.25})
    for p in PARAMETERS:
        v = params[p.name]
        if p.name == "entrapment_sensitivity":
            assert v.min() >= 0.2 and v.max() <= 0.6
        elif p.name == "feedback_strength":
            assert np.all(v == 0.25)
        else:
            assert v.min() >= p.low and v.max() <= p.high
    # Latin hypercube: each of 500 strata of each column holds exactly one point (within the first block)
    u = unit_draws(5, 500, seed=2, method="lhs")
    for j in range(5):
        assert sorted(np.floor(u[:, j] * 500).astype(int).tolist()) == list(range(500))


class _Shuffled:
    """An executor that runs the blocks in a scrambled order on two threads (as a cluster might)."""

    def map(self, fn, items, progress=None):
        from concurrent.futures import ThreadPoolExecutor
        order = list(range(len(items)))[::-1]
        order = order[1::2] + order[::2]
        with ThreadPoolExecutor(2) as pool:
            done = dict(zip(order, pool.map(fn, [items[i] for i in order])))
        return [done[i] for i in range(len(items))]


@pytest.mark.parametrize("method", ["lhs", "mc", "sobol"])
def test_identical_for_any_order_and_threads(method):
    n = 5000  # two sampling blocks, the second one short
    one = run_ensemble(load_scenario("baseline"), samples=n, seed=5, method=method, history=[])
    many = run_ensemble(load_scenario("baseline"), samples=n, seed=5, method=method, history=[], executor=_Shuffled())
    for name in one.data_vars:
        assert np.array_equal(one[name].values, many[name].values, equal_nan=True), name
    assert json.dumps(summarise(one)) == json.dumps(summarise(many))


def test_seed_changes_numbers_and_prefix_is_stable_for_mc():
    a = run_ensemble(load_scenario("baseline"), samples=300, seed=1, method="mc", history=[])
    b = run_ensemble(load_scenario("baseline"), samples=300, seed=2, method="mc", history=[])
    assert not np.array_equal(a["threat"].values, b["threat"].values)
    longer = run_ensemble(load_scenario("baseline"), samples=600, seed=1, method="mc", history=[])
    assert np.array_equal(a["threat"].values, longer["threat"].values[:300], equal_nan=True)


def test_dataset_shape_and_nan_where_not_applicable():
    ds = run_ensemble(load_scenario("washington-declaration"), samples=50, seed=1, history=[])
    assert ds.sizes == {"sample": 50, "year": 18, "actor": 6}
    assert list(ds["actor"].values) == ["KOR", "JPN", "AUS", "PRK", "CHN", "region"]
    assert np.isnan(ds["threat"].sel(actor="PRK")).all() and not np.isnan(ds["threat"].sel(actor="AUS")).any()
    assert np.isnan(ds["crisis_probability"].sel(actor="KOR")).all()
    assert not np.isnan(ds["chn_cooperation"].sel(actor="CHN")).any()
    assert np.isnan(ds["chn_cooperation"].sel(actor="region")).all()
    assert "param_feedback_strength" in ds and ds.attrs["seed"] == 1
