"""A Dask LocalCluster of 2 worker processes gives the bits of the in-process run for `run`, `compare`
and `sensitivity`, also when a worker dies in the middle of a block (Dask reruns it elsewhere).
One cluster serves every test of the module (starting one costs seconds)."""
from __future__ import annotations

import json
import os
import pathlib
from dataclasses import dataclass

import numpy as np
import pytest

pytest.importorskip("distributed", reason="the Dask tests need dask[distributed]: pip install -e '.[dask]'")

from umbrella.dynamics.scenario import load_scenario  # noqa: E402
from umbrella.experiments import blocks  # noqa: E402
from umbrella.experiments.ensemble import compare, run_ensemble, summarise  # noqa: E402
from umbrella.experiments.sensitivity import scenario_sensitivity  # noqa: E402

N = 5000          # two blocks, the second one short


@pytest.fixture(scope="module")
def cluster():
    ex = blocks.DaskExecutor(workers=2)
    yield ex
    ex.close()


def test_run_is_bit_identical_on_two_workers(cluster):
    here = run_ensemble(load_scenario("baseline"), samples=N, seed=4, history=[])
    there = run_ensemble(load_scenario("baseline"), samples=N, seed=4, history=[], executor=cluster)
    for name in here.data_vars:
        assert np.array_equal(here[name].values, there[name].values, equal_nan=True), name
    assert json.dumps(summarise(here)) == json.dumps(summarise(there))


def test_compare_is_bit_identical_on_two_workers(cluster):
    args = (load_scenario("baseline"), load_scenario("nfu-multilateral"), "crisis_probability", "region", None, N, 2)
    assert compare(*args, history=[]) == compare(*args, history=[], executor=cluster)


def test_sensitivity_is_bit_identical_on_two_workers(cluster):
    # every parameter: 64 × 118 runs, two blocks, each building its own rows of the design on its worker
    kwargs = dict(actor="KOR", method="sobol", samples=64, seed=3, history=[])
    here = scenario_sensitivity(load_scenario("baseline"), "public_nuclear_support", **kwargs)
    there = scenario_sensitivity(load_scenario("baseline"), "public_nuclear_support", executor=cluster, **kwargs)
    assert json.dumps(here, sort_keys=True) == json.dumps(there, sort_keys=True)


@dataclass(frozen=True)
class _DieOnce:
    """Kills the worker process running block 1 the first time (a marker file remembers), then
    hands on the block's draws and trajectories like `blocks.Everything`."""
    marker: str

    def __call__(self, params, out, lo, work):
        if work.index == 1 and not pathlib.Path(self.marker).exists():
            pathlib.Path(self.marker).write_text("died once\n")
            os._exit(1)
        return params, out


def test_a_lost_worker_is_replaced_and_the_result_is_the_same(cluster, tmp_path):
    from umbrella.dynamics.scenario import scenario_inputs
    sc = load_scenario("baseline")
    inputs = scenario_inputs(sc, [])
    design = blocks.Design(N, 6, "lhs")
    years = range(sc.start, sc.end + 1)
    marker = tmp_path / "died"
    there = list(blocks.map_blocks(inputs, years, design, _DieOnce(str(marker)), cluster))
    assert marker.exists()                      # the worker did die once
    here = list(blocks.map_blocks(inputs, years, design, blocks.Everything()))
    for (pa, oa), (pb, ob) in zip(here, there):
        assert all(np.array_equal(pa[k], pb[k]) for k in pa)
        assert all(np.array_equal(oa[k], ob[k]) for k in oa)


@pytest.fixture(scope="module")
def posterior():
    """A stand-in posterior of 6000 rows (more than a block, so blocks take rows from across it)."""
    from umbrella.dynamics.parameters import PARAMETERS
    from umbrella.experiments.sampling import sample
    return sample(PARAMETERS, 6000, 11, "mc")


def test_posterior_runs_take_the_rows_of_the_one_shot_sampler_on_any_executor(cluster, posterior):
    from umbrella.dynamics.parameters import NAMES, PARAMETERS
    from umbrella.experiments.sampling import sample
    want = sample(PARAMETERS, N, 4, "lhs", posterior=posterior)          # n distinct rows, drawn in one go
    here = run_ensemble(load_scenario("baseline"), samples=N, seed=4, history=[], posterior=posterior)
    there = run_ensemble(load_scenario("baseline"), samples=N, seed=4, history=[], posterior=posterior, executor=cluster)
    for name in NAMES:
        np.testing.assert_array_equal(here[f"param_{name}"].values, want[name])
    for name in here.data_vars:
        assert np.array_equal(here[name].values, there[name].values, equal_nan=True), name
    assert here.attrs["distinct_draws"] == there.attrs["distinct_draws"] == N
    assert json.dumps(summarise(here)) == json.dumps(summarise(there))


def test_posterior_compare_and_sensitivity_are_bit_identical_on_two_workers(cluster, posterior):
    from umbrella.experiments.ensemble import paired_difference
    a, b = load_scenario("baseline"), load_scenario("nfu-multilateral")
    args = (a, b, "crisis_probability", "region", None, N, 2)
    here = compare(*args, history=[], posterior=posterior)
    assert here == compare(*args, history=[], posterior=posterior, executor=cluster)
    assert here["distinct_draws"] == N and here["parameters_from"] == "posterior"
    runs = [run_ensemble(s, N, 2, history=[], posterior=posterior) for s in (a, b)]     # whole ensembles in memory
    assert here == paired_difference(*runs, "crisis_probability", "region", here["year"])
    kwargs = dict(actor="KOR", samples=N, seed=3, history=[], posterior=posterior)
    sens = scenario_sensitivity(load_scenario("baseline"), "public_nuclear_support", **kwargs)
    assert sens["method"] == "rbd_fast" and sens["distinct_draws"] == N
    there = scenario_sensitivity(load_scenario("baseline"), "public_nuclear_support", executor=cluster, **kwargs)
    assert json.dumps(sens, sort_keys=True) == json.dumps(there, sort_keys=True)


def test_a_posterior_run_into_a_store_is_the_same_on_two_workers(cluster, posterior, tmp_path):
    from umbrella.experiments import store
    from umbrella.experiments.ensemble import run_to_store
    for where, ex in (("here", None), ("there", cluster)):
        run_to_store(load_scenario("baseline"), tmp_path / where, samples=N, seed=5, history=[], posterior=posterior,
                     variables=["threat"], executor=ex)
    sql = "SELECT * FROM results ORDER BY sample, year, actor"
    assert store.query(tmp_path / "here", sql) == store.query(tmp_path / "there", sql)
    assert store.summary(tmp_path / "here", "baseline")["distinct_draws"] == N
