"""The NumPy path of `umbrella run` (experiments/arrays.py) against the xarray path it stands in for
(`ensemble.run_ensemble` and `ensemble.summarise`), to the bit; and the unit draws a posterior block
skips (`blocks.Design.units_unused`) against the draws it would have made."""
from __future__ import annotations

import numpy as np
import pytest
import xarray as xr

from umbrella.dynamics.parameters import NAMES, PARAMETERS
from umbrella.errors import InputError
from umbrella.experiments import arrays, blocks, ensemble
from umbrella.experiments.sampling import BLOCK, sample_block


@pytest.fixture(scope="module")
def setting(lab):
    return lab.scenarios, lab.history, lab.posterior


CASES = [("baseline", 300, 3, None, "posterior"), ("baseline", 300, 3, "lhs", "prior"),
         ("baseline", BLOCK + 7, 1, "sobol", "prior"), ("baseline", 200, 2, "mc", "posterior")]


@pytest.mark.parametrize("sid,samples,seed,method,origin", CASES)
def test_arrays_label_as_the_ensemble_dataset_and_summarise_alike(setting, sid, samples, seed, method, origin):
    scenarios, history, posterior = setting
    post = posterior if origin == "posterior" else None
    ens = arrays.run_arrays(scenarios[sid], samples, seed, method, history=history, posterior=post)
    ds = ensemble.run_ensemble(scenarios[sid], samples, seed, method, history=history, posterior=post)
    mine = arrays.to_dataset(ens)
    xr.testing.assert_identical(mine, ds)          # values (NaN where equal), coords, attrs, variable attrs
    assert mine.attrs == ds.attrs
    assert arrays.summarise_arrays(ens) == ensemble.summarise(ds)


def test_the_few_draws_note_is_the_same(setting):
    scenarios, history, _ = setting
    draws = {"prk_arsenal_initial": np.full(30, 5.0)}        # one distinct draw: no band, a note
    ens = arrays.run_arrays(scenarios["baseline"], history=history, draws=draws)
    ds = ensemble.run_ensemble(scenarios["baseline"], history=history, draws=draws)
    summary = arrays.summarise_arrays(ens)
    assert "note" in summary and "q05" not in summary["variables"]["threat"]["KOR"]
    assert summary == ensemble.summarise(ds)


@pytest.mark.parametrize("samples,seed,method", [(0, 1, None), (5, -1, "lhs"), (5, 1, "halton"), (True, 1, None)])
def test_bad_settings_are_refused_as_by_the_ensemble(setting, samples, seed, method):
    scenarios, _, _ = setting
    with pytest.raises(InputError) as mine:
        arrays.run_design(scenarios["baseline"], samples, seed, method)
    with pytest.raises(InputError) as theirs:
        ensemble.run_design(scenarios["baseline"], samples, seed, method)
    assert mine.value.problems == theirs.value.problems


def test_more_samples_than_the_posterior_holds_is_refused(setting):
    scenarios, _, posterior = setting
    n = len(next(iter(posterior.values())))
    with pytest.raises(InputError, match="distinct draws"):
        arrays.run_design(scenarios["baseline"], n + 1, 1, None, posterior)


def _posterior(n: int = 5000) -> dict:
    rng = np.random.default_rng(5)
    return {p.name: rng.uniform(p.low, p.high, n) for p in PARAMETERS}


@pytest.mark.parametrize("method", ["lhs", "sobol"])
@pytest.mark.parametrize("overrides", [{}, {NAMES[0]: PARAMETERS[0].low}])
def test_a_block_wholly_from_the_posterior_skips_the_unit_draws_with_the_same_values(method, overrides):
    posterior = _posterior()
    design = blocks.Design(BLOCK + 10, 4, method, overrides, posterior)
    assert design.units_unused
    for i in (0, 1):
        skipped = design.block(i)
        drawn = sample_block(PARAMETERS, BLOCK + 10, 4, method, i, overrides, posterior)   # the draws it skips
        assert skipped.keys() == drawn.keys()
        for name in drawn:
            np.testing.assert_array_equal(skipped[name], drawn[name])


@pytest.mark.parametrize("overrides,held", [({NAMES[0]: (PARAMETERS[0].low, PARAMETERS[0].default)}, NAMES),
                                            ({}, NAMES[1:])])
def test_a_drawn_value_keeps_its_method(overrides, held):
    """A narrowed range, or a parameter the posterior lacks, is drawn from the unit draws: lhs stays lhs."""
    posterior = {k: v for k, v in _posterior().items() if k in held}
    design = blocks.Design(300, 4, "lhs", overrides, posterior)
    assert not design.units_unused
    lhs, mc = (sample_block(PARAMETERS, 300, 4, m, 0, overrides, posterior) for m in ("lhs", "mc"))
    assert not np.array_equal(lhs[NAMES[0]], mc[NAMES[0]])
    np.testing.assert_array_equal(design.block(0)[NAMES[0]], lhs[NAMES[0]])
    assert not blocks.Design(300, 4, "lhs", {}, None).units_unused
