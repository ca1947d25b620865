"""Ensembles over a posterior never repeat a draw: n samples are n different rows, more samples than the
posterior holds are refused with the number it holds, and every result states its distinct draws."""
from __future__ import annotations

import numpy as np
import pytest

from umbrella.dynamics.parameters import PARAMETERS
from umbrella.errors import InputError
from umbrella.experiments import calibration as cal
from umbrella.experiments.ensemble import run_ensemble, summarise
from umbrella.experiments.sampling import sample

M = 30


@pytest.fixture
def small_posterior(tmp_path):
    draws = sample(PARAMETERS, M, 11, "mc")
    draws["support_intercept_kor"] = np.linspace(-0.9, 0.4, M)       # one marker value per row
    manifest = tmp_path / "northeast-asia.json"
    cal.write_posterior({"model": cal.MODEL, "draws": draws}, manifest)
    return manifest, cal.load_posterior(manifest)


@pytest.fixture
def baseline(lab):
    return lab.scenario("baseline")


def test_samples_are_distinct_rows_and_a_prefix_of_larger_runs(small_posterior, baseline):
    manifest, posterior = small_posterior
    full = run_ensemble(baseline, samples=M, seed=3, history=[], posterior=posterior)
    rows = full["param_support_intercept_kor"].values
    np.testing.assert_array_equal(np.sort(rows), np.sort(np.linspace(-0.9, 0.4, M).astype(np.float32)))
    assert full.attrs["distinct_draws"] == M and full.attrs["parameters_from"] == "posterior"
    part = run_ensemble(baseline, samples=12, seed=3, history=[], posterior=posterior)
    np.testing.assert_array_equal(part["param_support_intercept_kor"].values, rows[:12])
    other = run_ensemble(baseline, samples=12, seed=4, history=[], posterior=posterior)
    assert not np.array_equal(other["param_support_intercept_kor"].values, rows[:12])


def test_more_samples_than_the_posterior_holds_is_an_error_that_says_how_many(small_posterior, baseline):
    with pytest.raises(InputError) as exc:
        run_ensemble(baseline, samples=M + 1, seed=3, history=[], posterior=small_posterior[1])
    assert f"holds {M} distinct draws" in str(exc.value.problems[0])
    prior = run_ensemble(baseline, samples=M + 1, seed=3, history=[])
    assert prior.attrs["distinct_draws"] == M + 1 and prior.attrs["parameters_from"] == "prior"


def test_bands_need_twenty_distinct_draws(small_posterior, baseline):
    few = summarise(run_ensemble(baseline, samples=5, seed=1, history=[], posterior=small_posterior[1]))
    assert few["distinct_draws"] == 5 and "note" in few
    assert set(few["variables"]["threat"]["KOR"]) == {"mean"}
    enough = summarise(run_ensemble(baseline, samples=25, seed=1, history=[], posterior=small_posterior[1]))
    assert {"q05", "q50", "q95"} <= set(enough["variables"]["threat"]["KOR"]) and "note" not in enough


def test_a_draws_file_that_does_not_match_its_manifest_is_refused(small_posterior):
    manifest = small_posterior[0]
    path = cal.draws_path(manifest)
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(InputError):
        cal.load_posterior(manifest)
    with pytest.raises(InputError):
        cal.load_posterior(manifest.with_name("missing.json"))


def test_distinct_draws_counts_byte_equal_rows_as_sorting_them_does():
    """The hashed count against the plain reference: sort the rows' bytes and count the different ones."""
    from umbrella.experiments.sampling import distinct_draws
    rng = np.random.default_rng(5)
    for n, d, pool in [(5000, 116, 900), (3000, 4, 3000), (200, 2, 1), (1, 3, 1)]:
        rows = rng.normal(size=(pool, d))[rng.integers(0, pool, n)]
        rows[: n // 3, 0] = np.where(rng.random(n // 3) < 0.5, 0.0, -0.0)   # 0.0 and -0.0 differ in bytes
        rows[n // 2:, 1 % d] = np.nan                                        # NaN equals itself bytewise
        params = {f"p{j}": rows[:, j].copy() for j in range(d)}
        want = np.unique(np.ascontiguousarray(rows).view(np.dtype((np.void, 8 * d))).ravel()).size
        assert distinct_draws(params) == want
    assert distinct_draws({"a": np.array([])}) == 0
