"""Unilateral and extended deterrence: solver results against closed forms derived by hand."""
from __future__ import annotations

import pytest

from tests.games.games_sampling import draws
from umbrella import games
from umbrella.errors import InputError

UDG = games.get("unilateral-deterrence")
ED = games.get("extended-deterrence")


def closed_form_threshold(p):
    """Challenger indifferent: p*ch_dd + (1-p)*ch_dc = ch_sq  =>  p* = (ch_dc - ch_sq)/(ch_dc - ch_dd)."""
    return (p["ch_dc"] - p["ch_sq"]) / (p["ch_dc"] - p["ch_dd"])


def test_udg_threshold_from_solver_matches_closed_form():
    for params in draws(UDG, 40, seed=7):
        result = UDG.solve(params)
        assert result.analysis["threshold_p_hard"] == pytest.approx(closed_form_threshold(params), abs=1e-9)


@pytest.mark.parametrize("side, challenges", [(-0.05, True), (0.05, False)])
def test_udg_challenger_decision_on_either_side_of_threshold(side, challenges):
    for params in draws(UDG, 25, seed=11):
        star = closed_form_threshold(params)
        p = star + side
        if not 0 <= p <= 1:
            continue
        result = UDG.solve({**params, "p_hard": p})
        assert result.analysis["challenger_challenges"] is challenges
        # types act on their own preferences: Hard resists, Soft concedes (constraints of the game)
        assert result.strategy["defender:hard"] == "resist" and result.strategy["defender:soft"] == "concede"
        expected = "status_quo" if not challenges else ("conflict" if p > 0.5 else "defender_concedes")
        assert result.outcome == expected


def test_udg_hand_solved_point():
    # ch_sq=0, ch_dc=2, ch_dd=-2: p* = 0.5. At p_hard = 0.3 the challenger expects 0.3*-2 + 0.7*2 = 0.8 > 0.
    result = UDG.solve({"p_hard": 0.3})
    assert result.path == ["soft", "challenge", "concede"]
    assert result.payoffs["challenger"] == pytest.approx(0.8)
    assert result.payoffs["defender"] == pytest.approx(0.3 * 0.0 + 0.7 * -1.0)
    assert result.outcomes == pytest.approx({"conflict": 0.3, "defender_concedes": 0.7})


def test_udg_constraints_are_enforced_and_box_is_valid():
    with pytest.raises(InputError):
        UDG.solve({"ch_sq": 3, "ch_dc": 2})
    with pytest.raises(InputError):
        UDG.solve({"def_dd_soft": 0})
    for params in draws(UDG, 200, seed=3):
        UDG.resolve(params)  # never raises inside the declared box


def as_extended(udg):
    """The UDG as a special case of extended-deterrence: challenger payoffs shifted by -ch_sq (an
    affine change that leaves every choice unchanged); the nuclear option priced out; a resolute
    defender that resists conventionally, an irresolute one that concedes; prior = p_hard."""
    return {"p_resolve_prior": udg["p_hard"], "reputation": 0.0, "extended": 0,
            "gain": udg["ch_dc"] - udg["ch_sq"], "war_cost": udg["ch_sq"] - udg["ch_dd"],
            "homeland_stake": 10.0, "irresolute_share": 0.1, "conventional_cost": 3.0,
            "taboo_destruction": 1e6}


def test_extended_contains_unilateral_as_special_case():
    for params in draws(UDG, 30, seed=5):
        params["p_hard"] = min(max(params["p_hard"], 0.01), 0.99)
        udg = UDG.solve(params)
        ed = ED.solve(as_extended(params))
        assert ed.analysis["challenger_challenges"] == udg.analysis["challenger_challenges"]
        assert ed.payoffs["challenger"] == pytest.approx(udg.payoffs["challenger"] - params["ch_sq"])
        assert ed.analysis["deterrence_threshold"] == pytest.approx(udg.analysis["threshold_p_hard"], abs=1e-9)


def test_conventional_response_more_credible_than_nuclear_under_taboo_costs():
    held = strict = 0
    for params in draws(ED, 60, seed=21):
        cred = ED.solve(params).analysis["credibility"]
        # closed form: a type carries out response r iff its stake exceeds r's total cost; nuclear costs
        # nuclear_cost + the three taboo costs of 001, conventional costs conventional_cost.
        nuclear_total = params["nuclear_cost"] + params["taboo_destruction"] + params["taboo_condemnation"] \
            + params["taboo_radiation"]
        if nuclear_total >= params["conventional_cost"]:
            assert cred["conventional"] >= cred["nuclear"]
            held += 1
            strict += cred["conventional"] > cred["nuclear"]
    assert held > 30 and strict > 5
    at_defaults = ED.solve().analysis["credibility"]
    assert at_defaults["conventional"] > at_defaults["nuclear"]
    # the mechanism is the taboo: without it (and with a cheaper nuclear strike) the ordering reverses
    no_taboo = ED.solve({"taboo_destruction": 0, "taboo_condemnation": 0, "taboo_radiation": 0,
                         "nuclear_cost": 0.5, "irresolute_share": 0.2, "homeland_stake": 10,
                         "conventional_cost": 3}).analysis["credibility"]
    assert no_taboo["nuclear"] > no_taboo["conventional"]


def test_nuclear_threat_more_credible_in_primary_than_extended_deterrence():
    strict = 0
    for params in draws(ED, 60, seed=23):
        primary = ED.solve({**params, "extended": 0}).analysis["credibility"]["nuclear"]
        extended = ED.solve({**params, "extended": 1}).analysis["credibility"]["nuclear"]
        assert primary >= extended
        strict += primary > extended
    assert strict > 5
    assert ED.solve({"extended": 0}).analysis["credibility"]["nuclear"] > \
        ED.solve({"extended": 1}).analysis["credibility"]["nuclear"]


def test_healey_deterred_but_not_assured():
    # C = 19G and K/L = 0.05: deterred iff p >= G/(G+C) = 0.05, assured iff p >= 1 - K/L = 0.95.
    base = {"gain": 1.0, "war_cost": 19.0, "self_help_ratio": 0.05, "reputation": 0.0}
    a = ED.solve(base).analysis
    assert a["deterrence_threshold"] == pytest.approx(1 / 20, abs=1e-9)
    assert a["assurance_threshold"] == pytest.approx(0.95, abs=1e-9)
    for p, deterred, assured in [(0.03, False, False), (0.10, True, False), (0.5, True, False),
                                 (0.9, True, False), (0.97, True, True)]:
        r = ED.solve({**base, "p_resolve_prior": p}).analysis
        assert (r["deterred"], r["ally_assured"]) == (deterred, assured), p
    # the gap is a region of positive width where the adversary is deterred and the ally is not assured
    assert a["credibility_gap"] == pytest.approx(0.9, abs=1e-9)


def test_reputation_shifts_beliefs_and_can_restore_deterrence():
    low = {"p_resolve_prior": 0.03}
    assert ED.solve(low).analysis["deterred"] is False
    better = ED.solve({**low, "reputation": 1.0}).analysis
    # posterior odds = prior odds * e: 0.03/0.97*e = 0.0841 -> p = 0.0776 > 0.05
    assert better["p_resolve"] == pytest.approx(1 / (1 + 0.97 / (0.03 * 2.718281828459045)), rel=1e-9)
    assert better["deterred"] is True


def test_deferred_thresholds_are_computed_only_when_read_and_equal_the_closed_form():
    # Healey's point again (closed form: deterred from 1/20, assured from 0.95), solved with `defer`
    from umbrella.claims.evaluate import resolve, result_dict
    from umbrella.games.core import Deferred
    base = {"gain": 1.0, "war_cost": 19.0, "self_help_ratio": 0.05, "reputation": 0.0}
    deferred = ED.solve(base, defer=True).analysis
    assert all(isinstance(deferred[k], Deferred)
               for k in ("deterrence_threshold", "assurance_threshold", "credibility_gap"))
    assert deferred["deterrence_threshold"].value() == pytest.approx(1 / 20, abs=1e-9)
    assert deferred["credibility_gap"].value() == pytest.approx(0.9, abs=1e-9)
    # a plain solve (what every reader but the claims ledger gets) holds numbers, and the same ones
    eager = ED.solve(base).analysis
    assert not any(isinstance(v, Deferred) for v in eager.values())
    assert eager["assurance_threshold"] == deferred["assurance_threshold"].value()
    # the claims read a deferred entry through `resolve`, which computes it
    assert resolve(result_dict(ED, base), "analysis.assurance_threshold") == pytest.approx(0.95, abs=1e-9)
    assert resolve(result_dict(UDG, {}), "analysis.threshold_p_hard") == UDG.solve({}).analysis["threshold_p_hard"]
