"""Rival paths (MODELS.md §4): over the declared box each side of every disagreement wins in some draws,
and switching one side's coefficients to their neutral values leaves only the other side's direction."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from umbrella.dynamics.history import inputs_from_evidence
from umbrella.dynamics.inputs import Setting
from umbrella.dynamics.model import simulate
from umbrella.dynamics.parameters import PARAMETER_BY_NAME, PARAMETERS
from umbrella.dynamics.rivals import RIVALRIES
from umbrella.dynamics.scenario import load_scenario, scenario_inputs
from umbrella.evidence import load
from umbrella.experiments.sampling import sample

N = 1500


@pytest.fixture(scope="module")
def world():
    return sample(PARAMETERS, N, seed=21, method="lhs"), inputs_from_evidence(load()), load_scenario("baseline")


def outcome(world, settings, variable, actor_index, neutral=()):
    draws, history, base = world
    params = {k: v.copy() for k, v in draws.items()}
    for name in neutral:
        params[name][:] = PARAMETER_BY_NAME[name].neutral
    levers = [dataclasses.replace(s, start=base.start) for s in settings]
    sc = dataclasses.replace(base, levers=list(base.levers) + levers)
    return simulate(params, scenario_inputs(sc, history))[variable][:, -1, actor_index]


def change(world, rivalry, neutral=()):
    from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME
    column = VARIABLE_BY_NAME[rivalry.variable].actors.index(rivalry.actor)
    a = outcome(world, rivalry.base, rivalry.variable, column, neutral)
    b = outcome(world, rivalry.base + rivalry.change, rivalry.variable, column, neutral)
    return b - a


def test_the_declaration_names_effects_of_the_seeds_it_cites():
    for rivalry in RIVALRIES:
        raising, lowering = rivalry.sides
        assert (raising.direction, lowering.direction) == ("increase", "decrease")
        assert not set(raising.parameters) & set(lowering.parameters), rivalry.id
        for side in rivalry.sides:
            for name in side.parameters:
                p = PARAMETER_BY_NAME[name]
                assert p.role == "effect" and p.neutral == 0.0 and p.low > p.neutral, name
                assert p.source["seed"][:3] in side.seeds, (rivalry.id, name)


@pytest.mark.parametrize("rivalry", RIVALRIES, ids=lambda r: r.id)
def test_each_side_wins_somewhere_in_the_box(world, rivalry):
    delta = change(world, rivalry)
    assert 0.01 < np.mean(delta > 0) < 0.99, rivalry.id
    assert 0.01 < np.mean(delta < 0) < 0.99, rivalry.id


@pytest.mark.parametrize("rivalry", RIVALRIES, ids=lambda r: r.id)
def test_a_neutral_side_leaves_only_the_other_direction(world, rivalry):
    raising, lowering = rivalry.sides
    assert np.all(change(world, rivalry, neutral=raising.parameters) < 0), rivalry.id
    assert np.all(change(world, rivalry, neutral=lowering.parameters) > 0), rivalry.id


def test_the_tipping_point_is_a_possible_output(world):
    """002 §04's 'best tipping point': assurance is peaked in nuclear salience in some draws, not in all."""
    grid = (0.0, 0.25, 0.5, 0.75, 1.0)
    Y = np.stack([outcome(world, (Setting("lever", "nuclear_salience", v, 2023),), "assurance", 0) for v in grid], axis=1)
    top = Y.argmax(axis=1)
    peaked = (top > 0) & (top < len(grid) - 1) & (Y.max(axis=1) > Y[:, 0]) & (Y.max(axis=1) > Y[:, -1])
    assert 0.0 < peaked.mean() < 0.5
    # the abandonment-driven public alone has no interior optimum: its assurance only rises with emphasis
    draws, history, base = world
    alone = ({**draws, "entrapment_public_share": np.zeros(N)}, history, base)
    Y = np.stack([outcome(alone, (Setting("lever", "nuclear_salience", v, 2023),), "assurance", 0) for v in grid], axis=1)
    assert np.all(np.diff(Y, axis=1) > 0)
