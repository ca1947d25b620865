"""Directions the seeds state, checked over random draws of the declared box (the claims ledger's
game-based claims rest on these): S004-82/87 (no punishment in NATO), S001-12 (each taboo cost lowers
nuclear credibility), S001-25 (a firmer belief in retaliation never invites a challenge),
S001-10 (reputation raises credibility)."""
from __future__ import annotations

from tests.games.games_sampling import draws
from umbrella import games

DEPLOY = games.get("deployment-bargaining")
ED = games.get("extended-deterrence")


def test_no_punishment_in_a_multilateral_alliance():
    for params in draws(DEPLOY, 300, seed=31):
        params["multilateral"] = 1.0
        assert DEPLOY.solve(params, analyse=False).outcome != "concede_punish"


def test_each_taboo_cost_lowers_nuclear_credibility():
    for params in draws(ED, 20, seed=41):
        base = ED.solve(params).analysis["credibility"]["nuclear"]
        for term in ("taboo_destruction", "taboo_condemnation", "taboo_radiation"):
            assert ED.solve({**params, term: 0.0}).analysis["credibility"]["nuclear"] >= base


def test_firmer_belief_never_invites_a_challenge():
    grid = [i / 20 for i in range(1, 20)]
    for params in draws(ED, 20, seed=43):
        challenges = [ED.solve({**params, "p_resolve_prior": p}, analyse=False).strategy["challenger:challenge?"]
                      == "challenge" for p in grid]
        # once deterred, deterred for every higher belief
        assert challenges == sorted(challenges, reverse=True)


def test_reputation_raises_credibility():
    for params in draws(ED, 15, seed=47):
        low = ED.solve({**params, "reputation": -1.0}).analysis
        high = ED.solve({**params, "reputation": 1.0}).analysis
        assert high["p_resolve"] > low["p_resolve"]
        assert high["credibility"]["conventional"] >= low["credibility"]["conventional"]
