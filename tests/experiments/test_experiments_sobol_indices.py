"""`sobol_indices.analyze` against SALib's own `sobol.analyze` (the reference implementation): the
same indices and confidence intervals, bit for bit, on Saltelli outputs of known functions and on
constant outputs."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
from SALib.analyze import sobol as salib_sobol
from SALib.sample import sobol as salib_sample
from SALib.test_functions import Ishigami

from umbrella.experiments import sobol_indices


def _both(problem, Y, resamples=100, seed=7):
    ref = salib_sobol.analyze(problem, Y, calc_second_order=False, conf_level=0.95, num_resamples=resamples,
                              seed=np.random.default_rng(seed))
    ours = sobol_indices.analyze(Y, problem["num_vars"], 0.95, resamples, np.random.default_rng(seed))
    return ref, ours


def test_ishigami_indices_equal_salib_bit_for_bit():
    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3}
    X = salib_sample.sample(problem, 512, calc_second_order=False, seed=3)
    Y = Ishigami.evaluate(X)
    ref, ours = _both(problem, Y)
    for key in ("S1", "S1_conf", "ST", "ST_conf"):
        np.testing.assert_array_equal(ours[key], ref[key], err_msg=key)
    # and they are Ishigami's known indices (S1 = 0.314, 0.442, 0; ST = 0.558, 0.442, 0.244) to sampling error
    np.testing.assert_allclose(ours["S1"], [0.314, 0.442, 0.0], atol=0.06)
    np.testing.assert_allclose(ours["ST"], [0.558, 0.442, 0.244], atol=0.06)


@pytest.mark.parametrize("D,N", [(7, 64), (30, 128)])
def test_random_outputs_equal_salib_bit_for_bit(D, N):
    problem = {"num_vars": D, "names": [f"p{i}" for i in range(D)], "bounds": [[0.0, 1.0]] * D}
    rng = np.random.default_rng(D)
    X = rng.random((N * (D + 2), D))
    Y = np.sin(X @ rng.normal(size=D)) + 0.1 * rng.normal(size=X.shape[0])
    ref, ours = _both(problem, Y, resamples=60, seed=D)
    for key in ("S1", "S1_conf", "ST", "ST_conf"):
        np.testing.assert_array_equal(ours[key], ref[key], err_msg=key)


def test_constant_outputs_give_zero_indices_with_a_warning_as_salib_does():
    problem = {"num_vars": 2, "names": ["a", "b"], "bounds": [[0.0, 1.0]] * 2}
    Y = np.r_[np.full(4 * 16, 1.0)]
    Y[0] += 1e-300            # keeps Y.std() > 0 so the normalisation is defined, as in SALib
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref, ours = _both(problem, Y, resamples=20)
    for key in ("S1", "S1_conf", "ST", "ST_conf"):
        np.testing.assert_array_equal(ours[key], ref[key], err_msg=key)


def test_a_wrong_number_of_outputs_is_refused():
    with pytest.raises(ValueError):
        sobol_indices.analyze(np.arange(11.0), 3, 0.95, 10, 1)
