"""Every parameter of every model declares its role, and every effect a neutral value that really
switches its mechanism off (checked where the switch has a closed-form consequence)."""
from __future__ import annotations

import numpy as np
import pytest

from umbrella.dynamics.parameters import PARAMETERS
from umbrella.games import GAMES
from umbrella.roles import ROLES, role_problem


def test_every_regional_parameter_declares_a_valid_role():
    assert [p.name for p in PARAMETERS if role_problem(p.role, p.neutral)] == []
    assert {p.role for p in PARAMETERS} <= set(ROLES)
    assert any(p.role == "effect" for p in PARAMETERS)


@pytest.mark.parametrize("game_id", sorted(GAMES))
def test_every_game_parameter_declares_a_valid_role(game_id):
    bad = [p.name for p in GAMES[game_id].parameters if p.role is None or role_problem(p.role, p.neutral)]
    assert bad == []


def test_role_declarations_are_validated():
    assert role_problem("effect", None) and role_problem("effect", True)
    assert role_problem("intercept", 0.0) and role_problem("slope", None)
    assert role_problem("effect", 0.0) is None and role_problem("rate", None) is None
    with pytest.raises(ValueError, match="neutral"):
        type(PARAMETERS[0])("x", 0.0, 1.0, 0.5, "u", "d", {"note": "n"}, 0, "effect", None)


def test_regional_model_runs_with_every_mechanism_off(lab):
    """All effects at their neutral values: the model is still defined and every index stays in [0, 1]."""
    from umbrella.dynamics.vocabulary import VARIABLES
    from umbrella.experiments.ensemble import run_ensemble
    from umbrella.experiments.sampling import sample
    draws = sample(PARAMETERS, 16, 3, "lhs")
    draws.update({p.name: np.full(16, p.neutral) for p in PARAMETERS if p.role == "effect"})
    ds = run_ensemble(lab.scenarios["baseline"], draws=draws, history=lab.history)
    for var in VARIABLES:
        values = ds[var.name].sel(actor=list(var.actors)).values
        assert np.isfinite(values).all(), var.name
        if var.unit != "warheads":
            assert ((values >= 0) & (values <= 1)).all(), var.name


def solve(game_id, **params):
    return GAMES[game_id].solve(params).analysis


@pytest.mark.parametrize("prior", [0.2, 0.5, 0.8])
def test_extended_discount_off_makes_extended_like_primary(prior):
    """ally_stake_share at its neutral value 1: defending the ally is worth the homeland, so a
    challenge to the ally is answered exactly as one to the homeland."""
    on = {k: solve("extended-deterrence", extended=e, p_resolve_prior=prior, ally_stake_share=1.0)["credibility"]
          for k, e in (("ally", 1), ("home", 0))}
    assert on["ally"] == on["home"]


@pytest.mark.parametrize("reputation", [-2.0, 0.0, 2.0])
def test_resolve_difference_off_makes_beliefs_irrelevant(reputation):
    """irresolute_share at 1: both types value the stake alike, so the credibility of each response
    does not depend on the belief about resolve (a share of 0 or 1 of the types responds)."""
    low = solve("extended-deterrence", irresolute_share=1.0, p_resolve_prior=0.1, reputation=reputation)["credibility"]
    high = solve("extended-deterrence", irresolute_share=1.0, p_resolve_prior=0.9, reputation=reputation)["credibility"]
    assert low == high and set(low.values()) <= {0.0, 1.0}


def test_taboo_costs_off_leave_only_the_military_cost():
    """With the three taboo costs at 0 the nuclear response costs the defender nuclear_cost only: with
    nuclear_cost below conventional_cost, nuclear is the more credible response."""
    cred = solve("extended-deterrence", taboo_destruction=0.0, taboo_condemnation=0.0, taboo_radiation=0.0,
                 nuclear_cost=0.5, conventional_cost=3.0)["credibility"]
    assert cred["nuclear"] >= cred["conventional"]


def test_deployment_mechanisms_off_leave_every_response_tied():
    """Every payoff term of 004's mechanisms at 0: the patron is indifferent (the solver reports a tie),
    so no strategy of Table 1 is implied."""
    game = GAMES["deployment-bargaining"]
    off = {p.name: p.neutral for p in game.parameters if p.role == "effect"}
    for alt in (0, 1):
        for multilateral in (0, 1):
            result = game.solve({**off, "alt": alt, "multilateral": multilateral})
            assert result.ties, (alt, multilateral)
