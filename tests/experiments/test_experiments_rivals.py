"""The rival study: shares and PRIM boxes per side, the tipping-point share, its report view."""
from __future__ import annotations

import json

import numpy as np
import pytest

from umbrella.claims.evaluate import response_holds
from umbrella.dynamics.parameters import PARAMETER_BY_NAME
from umbrella.dynamics.rivals import RIVALRIES
from umbrella.dynamics.scenario import load_scenario
from umbrella.experiments.rivals import rival_study, shapes


def test_shapes_are_the_claims_language_shapes():
    rng = np.random.default_rng(3)
    Y = np.round(rng.random((2000, 5)), 1)          # ties included
    for name, mask in shapes(Y).items():
        assert np.array_equal(mask, response_holds(Y, name)), name


@pytest.fixture(scope="module")
def study():
    return rival_study(load_scenario("baseline"), samples=300, seed=2, history=[])


def test_study_covers_every_rivalry_with_both_sides(study):
    assert [r.rivalry.id for r in study.rivalries] == [r.id for r in RIVALRIES]
    for result in study.rivalries:
        up, down = result.sides
        assert 0 < up.share < 1 and 0 < down.share < 1 and up.share + down.share <= 1
        for side in result.sides:
            assert side.box is not None and side.box.n_points == 300
            assert set(side.box.limits) <= set(PARAMETER_BY_NAME)
    assert 0 < study.tipping_point.share_peaked < 1
    json.dumps(study.to_dict(), allow_nan=False)


def test_same_seed_same_study(study):
    again = rival_study(load_scenario("baseline"), samples=300, seed=2, history=[])
    assert json.dumps(again.to_dict()) == json.dumps(study.to_dict())


def test_report_view_is_bilingual(study):
    from umbrella.lab import Rivals
    from umbrella.views.rivals_views import rivals_section
    section = rivals_section(Rivals.of(study.to_dict()))
    for lang in ("en", "zh"):
        html = section.body[lang]
        assert all(r.rivalry.title[lang] in html.replace("&#x27;", "'") for r in study.rivalries)
        assert f"{study.tipping_point.share_peaked:.1%}" in html
