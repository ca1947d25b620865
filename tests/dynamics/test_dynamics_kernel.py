"""The compiled kernel (dynamics/kernel.py: `step` generated as scalar code, compiled by Numba) against
the NumPy path (the same `step` on arrays) and the independent plain-Python reference, to 1e-12
relative, over the whole declared box and every library scenario; and a sample's bits whatever
runs beside it."""
from __future__ import annotations

import numpy as np
import pytest

from tests.dynamics import dynamics_reference as ref
from umbrella.dynamics import kernel
from umbrella.dynamics.history import inputs_from_evidence
from umbrella.dynamics.model import simulate
from umbrella.dynamics.parameters import PARAMETERS
from umbrella.dynamics.scenario import library, load_scenario, scenario_inputs
from umbrella.evidence import load
from umbrella.experiments.sampling import sample

RTOL, ATOL = 1e-12, 1e-14

pytestmark = pytest.mark.skipif(not kernel.available(), reason="the kernel needs numba: pip install -e '.[fast]'")


def _box(n: int, seed: int) -> dict[str, np.ndarray]:
    """Random points of the whole declared box, plus its two extreme corners (every parameter at its
    low, every parameter at its high end)."""
    draws = sample(PARAMETERS, n, seed, "mc")
    for name, p in zip(draws, PARAMETERS):
        draws[name][0], draws[name][1] = p.low, p.high
    return draws


def _assert_close(got: dict, want: dict) -> None:
    assert set(got) == set(want)
    for name in want:
        np.testing.assert_allclose(got[name], want[name], rtol=RTOL, atol=ATOL, err_msg=name)


@pytest.fixture(scope="module")
def history():
    return inputs_from_evidence(load())


@pytest.mark.parametrize("scenario", library())
def test_kernel_equals_numpy_path_and_reference(scenario, history):
    inputs = scenario_inputs(load_scenario(scenario), history)
    years = [int(y) for y in inputs.years]
    draws = _box(200, seed=len(scenario))
    compiled = simulate(draws, inputs, years, kernel=True)
    _assert_close(compiled, simulate(draws, inputs, years, kernel=False))
    lev = {k: [tuple(r) for r in v.tolist()] if v.ndim == 2 else v.tolist() for k, v in inputs.levers.items()}
    shk = {k: v.tolist() for k, v in inputs.shocks.items()}
    for i in (0, 1, 2, 3):          # both corners and two random points, one sample at a time in plain Python
        want = ref.run({k: float(v[i]) for k, v in draws.items()}, years, lev, shk, inputs.report_from)
        for name, rows in want.items():
            np.testing.assert_allclose(compiled[name][i], np.array(rows), rtol=RTOL, atol=ATOL, err_msg=name)


def test_a_sample_has_the_same_bits_alone_and_among_others(history):
    inputs = scenario_inputs(load_scenario("baseline"), history)
    draws = _box(1500, seed=7)
    together = simulate(draws, inputs, kernel=True)
    for i in (0, 777, 1499):
        alone = simulate({k: v[i:i + 1] for k, v in draws.items()}, inputs, kernel=True)
        for name in together:
            assert np.array_equal(alone[name][0], together[name][i]), name
    shifted = simulate({k: v[5:] for k, v in draws.items()}, inputs, kernel=True)
    for name in together:
        assert np.array_equal(shifted[name], together[name][5:]), name


def test_generated_kernel_lives_in_the_user_cache_and_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("UMBRELLA_CACHE", str(tmp_path))
    assert kernel.cache_dir() == tmp_path / "kernel"
    monkeypatch.delenv("UMBRELLA_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert kernel.cache_dir() == tmp_path / "xdg" / "umbrella" / "kernel"
    monkeypatch.setenv("UMBRELLA_KERNEL", "numpy")
    kernel.available.cache_clear()
    try:
        assert not kernel.available()
    finally:
        monkeypatch.delenv("UMBRELLA_KERNEL")
        kernel.available.cache_clear()
