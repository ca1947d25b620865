"""PRIM: a planted box is found; the trajectory equals ema_workbench's on the same data."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from umbrella.errors import InputError
from umbrella.experiments.discovery import find_box, sdtoolkit_quantile


def planted(n=2000, dims=5, seed=11, noise=0.0):
    rng = np.random.default_rng(seed)
    X = {f"p{i}": rng.uniform(0, 1, n) for i in range(dims)}
    y = (X["p0"] > 0.6) & (X["p2"] < 0.3)
    if noise:
        y ^= rng.uniform(size=n) < noise
    return X, y


def test_finds_planted_box():
    X, y = planted()
    box = find_box(X, y, threshold=0.95)
    assert set(box.limits) == {"p0", "p2"}
    low0, high0 = box.limits["p0"]
    low2, high2 = box.limits["p2"]
    assert abs(low0 - 0.6) < 0.03 and high0 > 0.97
    assert low2 < 0.03 and abs(high2 - 0.3) < 0.03
    assert box.density >= 0.95 and box.coverage >= 0.9
    inside = box.contains(X)
    assert inside.sum() == box.n
    assert y[inside].mean() == pytest.approx(box.density)


def test_trajectory_shrinks_and_starts_with_whole_space():
    X, y = planted(noise=0.05)
    box = find_box(X, y)
    first = box.trajectory[0]
    assert first.phase == "init" and first.mass == 1.0 and first.coverage == 1.0
    assert first.density == pytest.approx(y.mean())
    peels = [p for p in box.trajectory if p.phase in ("init", "peel")]
    assert all(a.mass > b.mass for a, b in zip(peels, peels[1:]))
    assert all(p.mass >= 0.05 for p in box.trajectory)


def test_sdtoolkit_quantile_by_hand():
    # (n-1)*q = 0.45 -> order statistics 0 and 1 -> midpoint of 1 and 2
    assert sdtoolkit_quantile(np.array([4.0, 1.0, 2.0, 3.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]), 0.05) == 1.5
    # ties move outwards to the next distinct value
    assert sdtoolkit_quantile(np.array([1.0, 1.0, 1.0, 2.0]), 0.1) == 1.5
    assert sdtoolkit_quantile(np.array([1.0, 2.0, 2.0, 2.0]), 0.9) == 1.5


def test_one_peel_by_hand():
    # 20 points, one parameter x = 0..19; cases where x >= 10. A 5% peel removes one point.
    x = np.arange(20, dtype=float)
    y = x >= 10
    box = find_box({"x": x}, y, threshold=1.0, mass_min=0.4)
    # the lower peels run until only cases remain (x in [10, 19]); density 1, coverage 1
    assert box.limits["x"][0] == pytest.approx(9.5)
    assert box.density == 1.0 and box.coverage == 1.0 and box.n == 10


def test_no_cases_gives_whole_space():
    X, _ = planted(n=100)
    box = find_box(X, np.zeros(100, dtype=bool))
    assert box.limits == {} and box.mass == 1.0 and box.density == 0.0


@pytest.mark.parametrize("X,y,field", [
    ({"a": np.arange(5.0)}, np.array([0, 1, 2, 0, 1]), "y"),
    ({"a": np.arange(4.0)}, np.array([True, False, True, False, True]), "X.a"),
    ({"a": np.array([0.0, np.nan, 1.0])}, np.array([True, False, True]), "X.a"),
    ({}, np.array([True, False]), "X"),
])
def test_bad_input(X, y, field):
    with pytest.raises(InputError) as exc:
        find_box(X, y)
    assert any(p.field == field for p in exc.value.problems)


def pasting_data():
    """Noisy data on which the pasting phase widens the box several times."""
    rng = np.random.default_rng(7)
    X = {f"p{i}": rng.uniform(0, 1, 400) for i in range(3)}
    return X, ((X["p0"] > 0.5) & (X["p1"] < 0.6)) ^ (rng.uniform(size=400) < 0.15)


@pytest.mark.filterwarnings("ignore:The inplace keyword")
@pytest.mark.parametrize("case", ["peeling", "pasting"])
def test_same_trajectory_as_ema_workbench(case):
    import pandas as pd
    from ema_workbench.analysis import prim  # a test dependency: the reference implementation of PRIM
    X, y = planted(n=1500, dims=4, seed=5, noise=0.08) if case == "peeling" else pasting_data()
    ours = find_box(X, y, threshold=0.8)
    if case == "pasting":
        assert sum(p.phase == "paste" for p in ours.trajectory) >= 2
    theirs = prim.Prim(pd.DataFrame(X), y.astype(int), threshold=0.8).find_box()
    traj = theirs.peeling_trajectory
    assert len(traj) == len(ours.trajectory)
    for col in ("coverage", "density", "mass"):
        np.testing.assert_allclose(traj[col].to_numpy(), [getattr(p, col) for p in ours.trajectory])
    last = theirs.box_lims[-1]
    for name, (low, high) in ours.trajectory[-1].limits.items():
        assert last[name].iloc[0] == pytest.approx(low) and last[name].iloc[1] == pytest.approx(high)


@pytest.mark.parametrize("seed", [0, 1])
def test_pruning_keeps_only_the_planted_restrictions(seed):
    # twelve parameters, two matter: spurious restrictions PRIM picks up from noise are not significant
    rng = np.random.default_rng(seed)
    X = {f"p{i}": rng.uniform(0, 1, 1000) for i in range(12)}
    y = (X["p0"] > 0.6) & (X["p2"] < 0.3)
    y ^= rng.uniform(size=1000) < 0.03
    box = find_box(X, y, prune=0.05)
    assert set(box.limits) == {"p0", "p2"}
    assert box.quasi_p["p0"]["low"] < 1e-6 and box.quasi_p["p0"]["high"] is None
    assert box.quasi_p["p2"]["high"] < 1e-6 and box.quasi_p["p2"]["low"] is None
    assert y[box.contains(X)].mean() == pytest.approx(box.density)


def test_quasi_p_by_hand():
    # x in 0..9, cases at x >= 5; the selected box [4.5, 9] holds 5 points, all cases.
    # Without its lower limit the density is 5/10, so quasi-p = P(Bin(5, 0.5) >= 5) = 1/32.
    x = np.arange(10, dtype=float)
    box = find_box({"x": x}, x >= 5, threshold=1.0, mass_min=0.3)
    assert box.limits["x"][0] == pytest.approx(4.5)
    assert box.quasi_p["x"]["low"] == pytest.approx(1 / 32)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(30, 300), dims=st.integers(1, 4), rate=st.floats(0.05, 0.95))
def test_box_statistics_are_consistent(seed, n, dims, rate):
    rng = np.random.default_rng(seed)
    X = {f"p{i}": rng.integers(0, 10, n).astype(float) if i % 2 else rng.uniform(0, 1, n) for i in range(dims)}
    y = rng.uniform(size=n) < rate
    box = find_box(X, y, prune=0.05)
    inside = box.contains(X)
    assert inside.sum() == box.n and box.mass == pytest.approx(box.n / n)
    if y.any():
        assert box.coverage == pytest.approx(y[inside].sum() / y.sum())
    if box.n:
        assert box.density == pytest.approx(y[inside].mean())
    peels = [p for p in box.trajectory if p.phase != "paste"]
    assert all(a.mass > b.mass for a, b in zip(peels, peels[1:]))
    assert all(0 <= p.coverage <= 1 and 0 <= p.density <= 1 for p in box.trajectory)
