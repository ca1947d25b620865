"""Robustness of 004's typology over the declared box: reproducible draws, counted independently."""
from __future__ import annotations

import pytest

from umbrella import games
from umbrella.games.analysis import prediction_share, sample_box
from umbrella.games.deployment import TABLE_1

GAME = games.get("deployment-bargaining")


def test_draws_do_not_depend_on_how_many_are_taken():
    assert sample_box(GAME, 12, seed=5)[:5] == sample_box(GAME, 5, seed=5)
    assert sample_box(GAME, 5, seed=5) != sample_box(GAME, 5, seed=6)


def test_draws_stay_in_the_box_and_respect_fixed_values():
    for point in sample_box(GAME, 50, seed=2, fixed={"alt": 0}):
        assert point["alt"] == 0
        for p in GAME.parameters:
            assert p.low <= point[p.name] <= p.high


def test_share_matches_an_independent_count():
    result = prediction_share(GAME, 300, seed=9)
    points = sample_box(GAME, 300, seed=9)
    holds = sum(GAME.solve(p, analyse=False).outcome == TABLE_1[(int(p["alt"]), int(p["multilateral"]))]
                for p in points)
    assert result["share_holds"] == pytest.approx(holds / 300)
    assert sum(row["samples"] for row in result["by_prediction"].values()) == 300


def test_share_is_one_at_the_documented_defaults_of_each_cell():
    defaults = GAME.defaults()
    for (alt, multilateral), strategy in TABLE_1.items():
        result = prediction_share(GAME, 5, seed=1, fixed={**defaults, "alt": alt, "multilateral": multilateral})
        assert result["share_holds"] == 1.0 and list(result["by_prediction"]) == [strategy]
