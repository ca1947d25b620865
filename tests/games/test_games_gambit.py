"""Cross-check our solver against Gambit 16.7 on exported .efg files of random parameter draws.

pygambit's logit_solve traces the logit quantal-response correspondence to a sequential
equilibrium; enumpure_agent_solve lists every pure agent-form Nash equilibrium (including ones
with non-credible threats). Our pure profile must be among the latter, and — where every
information set has a strict best action, so the sequential equilibrium is unique — must agree
with the former in payoffs, outcome and every action, on and off the path.
"""
from __future__ import annotations

import io

import pytest

import pygambit  # a test dependency: the reference solver  # noqa: E402

from tests.games.games_sampling import draws  # noqa: E402
from umbrella import games  # noqa: E402
from umbrella.games.solver import solve_tree  # noqa: E402

STRICT = 1e-3  # skip draws where some information set is this close to a tie


def _gambit(game, params):
    return pygambit.read_efg(io.StringIO(game.to_efg(params)))


@pytest.mark.parametrize("game_id", games.ids())
def test_logit_limit_agrees_with_our_equilibrium(game_id):
    game = games.get(game_id)
    checked = 0
    for params in draws(game, 30, seed=1234 + len(game_id)):
        ours = solve_tree(game.build(params), [p.name for p in game.players])
        if min(ours.margins.values()) < STRICT:
            continue
        g = _gambit(game, params)
        eq = pygambit.nash.logit_solve(g).equilibria[0]
        for player in g.players:
            ours_payoff = ours.payoffs[player.label]
            assert float(eq.payoff(player)) == pytest.approx(ours_payoff, abs=1e-4), (params, player.label)
        for infoset in g.infosets:
            probs = {a.label: float(eq[a]) for a in infoset.actions}
            assert max(probs, key=probs.get) == ours.strategy[infoset.label], (params, infoset.label, probs)
        reach: dict[str, float] = {}
        for node in g.nodes:
            if node.is_terminal:
                label = node.outcome.label.split(" [")[0]
                reach[label] = reach.get(label, 0.0) + float(eq.realiz_prob(node))
        for outcome, prob in ours.outcomes.items():
            assert reach.get(outcome, 0.0) == pytest.approx(prob, abs=1e-4)
        checked += 1
    assert checked >= 20


@pytest.mark.parametrize("game_id", games.ids())
def test_our_profile_is_a_pure_agent_form_equilibrium(game_id):
    game = games.get(game_id)
    for params in draws(game, 15, seed=99 + len(game_id)):
        ours = solve_tree(game.build(params), [p.name for p in game.players])
        g = _gambit(game, params)
        profiles = []
        for eq in pygambit.nash.enumpure_agent_solve(g).equilibria:
            profiles.append({i.label: next(a.label for a in i.actions if float(eq[a]) > 0.5) for i in g.infosets})
        assert ours.strategy in profiles


def test_export_reads_back_with_players_outcomes_and_parameters():
    game = games.get("deployment-bargaining")
    text = game.to_efg({"alt": 0, "multilateral": 0})
    assert text.startswith("EFG 2 R")
    g = pygambit.read_efg(io.StringIO(text))
    result = game.solve({"alt": 0, "multilateral": 0})
    assert [p.label for p in g.players] == list(result.payoffs)
    labels = {n.outcome.label for n in g.nodes if n.is_terminal}
    assert {"concede", "concede_punish", "persuade", "pressure"} <= labels
    # the exported payoffs are the declared mechanisms at those parameters: pressure -> v - c_cohesion
    pressure = next(n for n in g.nodes if n.is_terminal and n.outcome.label == "pressure")
    assert float(pressure.outcome[g.players["patron"]]) == pytest.approx(10 - 2)


def test_chance_probabilities_sum_exactly_to_one_in_the_file():
    game = games.get("unilateral-deterrence")
    g = pygambit.read_efg(io.StringIO(game.to_efg({"p_hard": 1 / 3})))
    probs = [a.prob for a in g.root.infoset.actions]
    assert sum(probs) == 1
    assert float(probs[0]) == pytest.approx(1 / 3)
