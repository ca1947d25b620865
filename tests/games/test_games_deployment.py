"""deployment-bargaining: 004's Table 1 and cases from mechanisms, checked against hand algebra."""
from __future__ import annotations

import pytest

from tests.games.games_sampling import draws
from umbrella import games
from umbrella.games.deployment import TABLE_1

GAME = games.get("deployment-bargaining")


def by_hand(p):
    """Backward induction written out as algebra (independent of the tree and the solver): the host
    accepts persuasion iff planning value + security at stake beats its domestic cost, complies with
    pressure iff dependence + security at stake does (security is at stake only without an
    alternative); the patron punishes iff the demonstration effect beats the cost of punishing."""
    keep = max(p["v"] - p["c_alt"], 0.0) if p["alt"] else 0.0
    m = p["multilateral"]
    at_stake = 0.0 if p["alt"] else p["security_value"]
    planning = p["planning_value"] + m * p["planning_premium"]
    dependence = p["dependence"] + (1 - m) * p["dependence_premium"]
    cohesion = p["c_cohesion"] + m * p["cohesion_premium"]
    demo = (1 - m) * p["demo_hub"] - m * p["demo_multilateral_loss"]
    punish = demo - p["c_punish"] > 0
    concede = keep + (demo - p["c_punish"] if punish else 0.0)
    accepts = planning + at_stake > p["d"]
    complies = dependence + at_stake > p["d"]
    persuade = (p["v"] if accepts else keep) - p["c_persuade"]
    pressure = (p["v"] if complies else keep) - cohesion
    values = {"concede": concede, "persuade": persuade, "pressure": pressure}
    choice = max(values, key=values.get)
    outcome = {"concede": "concede_punish" if punish else "concede",
               "persuade": "persuade" if accepts else "persuasion_fails",
               "pressure": "pressure" if complies else "pressure_fails"}[choice]
    return outcome, values[choice]


@pytest.mark.parametrize("cell, strategy", sorted(TABLE_1.items()))
def test_documented_defaults_reproduce_table_1(cell, strategy):
    alt, multilateral = cell
    result = GAME.solve({"alt": alt, "multilateral": multilateral})
    assert result.outcome == strategy
    assert result.analysis["typology_holds"] and not result.ties


@pytest.mark.parametrize("case_id", ["spain-1988", "new-zealand-1986", "netherlands-1985", "japan-okinawa-1969"])
def test_seed_cases_reproduce_observed_strategies(case_id):
    case = GAME.cases[case_id]
    assert GAME.solve(case.params).outcome == case.observed


def test_solver_agrees_with_hand_algebra_on_random_draws():
    for params in draws(GAME, 300, seed=2024):
        result = GAME.solve(params, analyse=False)
        outcome, value = by_hand(params)
        if result.ties:
            continue
        assert result.outcome == outcome, params
        assert result.payoffs["patron"] == pytest.approx(value)


def test_mechanisms_not_a_lookup():
    """The typology emerges from mechanisms, so changing a mechanism (not alt/multilateral) breaks it."""
    # punishment without warning value in hub-and-spoke -> concede without punishing
    assert GAME.solve({"alt": 1, "multilateral": 0, "demo_hub": 0.5}).outcome == "concede"
    # cheap pressure in NATO (no exit contagion) against a dependent host -> pressure
    assert GAME.solve({"alt": 0, "multilateral": 1, "cohesion_premium": 0, "dependence": 6}).outcome == "pressure"
    # a bilateral host that values nuclear planning highly can be persuaded
    assert GAME.solve({"alt": 0, "multilateral": 0, "planning_value": 5.5, "c_persuade": 1}).outcome == "persuade"
    # relocation dearer than the deployment's value: the alternative is not used; conceding is then a
    # pure loss (the patron keeps nothing), not a relocation
    assert GAME.solve({"alt": 1, "multilateral": 1, "c_alt": 12}).payoffs["patron"] == 0


@pytest.mark.parametrize("multilateral", [0, 1])
def test_patron_relocates_only_against_firm_opposition(multilateral):
    """004 §4(1): persuading or forcing the ally remains the patron's first choice; it uses the
    alternative only when the ally's opposition is firm (claim S004-65)."""
    low = GAME.solve({"alt": 1, "multilateral": multilateral, "d": 1.0}).outcome
    high = GAME.solve({"alt": 1, "multilateral": multilateral, "d": 9.0}).outcome
    assert low in ("persuade", "pressure")
    assert high in ("concede", "concede_punish")


def test_mechanism_directions():
    from umbrella.games import deployment as d
    base = GAME.defaults()
    multi, bi = {**base, "multilateral": 1}, {**base, "multilateral": 0}
    assert d.planning_value(multi) >= d.planning_value(bi)
    assert d.dependence(bi) >= d.dependence(multi)
    assert d.cohesion_cost(multi) >= d.cohesion_cost(bi)
    assert d.demonstration(bi) >= 0 >= d.demonstration(multi)
    assert d.relocation_value({**base, "alt": 0}) == 0
    assert d.relocation_value({**base, "alt": 1}) == base["v"] - base["c_alt"]
    assert d.security_at_stake({**base, "alt": 1}) == 0 < d.security_at_stake({**base, "alt": 0})
    # relocation cost only matters when an alternative exists
    assert GAME.solve({"alt": 0, "c_alt": 0}).payoffs == GAME.solve({"alt": 0, "c_alt": 10}).payoffs


def test_every_point_of_the_box_is_a_valid_game():
    for params in draws(GAME, 100, seed=8):
        GAME.resolve(params)
