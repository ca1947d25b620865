"""Cross-check our solver against Gambit 16.7 on exported .efg files of random parameter draws.

pygambit's logit_solve traces the logit quantal-response correspondence towards a sequential
equilibrium; enumpure_agent_solve lists every pure agent-form Nash equilibrium (including ones
with non-credible threats). Our pure profile must be among the latter on every draw; Gambit's own
conditional action values at a trembled copy of it must show no profitable deviation at any
information set (sequential rationality, beliefs computed by Gambit); and where every
information set has a strict best action, so the sequential equilibrium is unique, the logit
limit must agree with it in payoffs, outcome and every action, on and off the path.
Games with heterogeneous priors (tripartite-crisis) are exported as their common-prior equivalent
(efg.py), so Gambit's expected payoffs are each player's expectation under its own prior.
"""
from __future__ import annotations

import io
import math

import pytest

import pygambit  # a test dependency: the reference solver  # noqa: E402

from tests.games.games_sampling import draws  # noqa: E402
from umbrella import games  # noqa: E402
from umbrella.games.solver import solve_tree  # noqa: E402

STRICT = 1e-3  # skip draws where some information set is this close to a tie
TREMBLE = 1e-9


def _gambit(game, params):
    return pygambit.read_efg(io.StringIO(game.to_efg(params)))


def _scale(g) -> float:
    pays = [float(n.outcome[p]) for n in g.nodes if n.is_terminal and n.outcome is not None for p in g.players]
    return 1.0 + max(pays) - min(pays)


def _conditional_regrets(profile, g) -> dict[str, float]:
    """Gambit's own numbers: at each information set, the best action value minus the value of the
    profile's mixture there, both conditional on reaching the set (beliefs by Bayes' rule)."""
    out = {}
    for infoset in g.infosets:
        raw = [profile.action_value(a) for a in infoset.actions]
        if any(v is None for v in raw):  # reached with probability 0: Gambit defines no belief there
            continue
        values = [float(v) for v in raw]
        mixed = sum(float(profile[a]) * v for a, v in zip(infoset.actions, values))
        out[infoset.label] = max(values) - mixed
    return out


def _trembled(g, strategy):
    """Our pure profile with every other action played with probability TREMBLE (totally mixed, so
    Gambit defines beliefs everywhere; as TREMBLE -> 0 they tend to the consistent ones)."""
    profile = g.mixed_behavior_profile(rational=False)
    for infoset in g.infosets:
        k = len(infoset.actions)
        for a in infoset.actions:
            profile[a] = 1 - (k - 1) * TREMBLE if a.label == strategy[infoset.label] else TREMBLE
    return profile


@pytest.mark.parametrize("game_id", games.ids())
def test_our_profile_is_sequentially_rational_by_gambits_own_action_values(game_id):
    game = games.get(game_id)
    for params in draws(game, 20, seed=77 + len(game_id)):
        ours = solve_tree(game.build(params), [p.name for p in game.players])
        g = _gambit(game, params)
        regrets = _conditional_regrets(_trembled(g, ours.strategy), g)
        assert max(regrets.values()) < 1e-6 * _scale(g), (params, regrets)


@pytest.mark.parametrize("game_id", games.ids())
def test_logit_limit_agrees_with_our_equilibrium(game_id):
    """Per draw with strict margins, the logit trace's end point plays our action at every
    information set — unless Gambit's own conditional action values show that end point is not
    sequentially rational (a set still mixing in a clearly worse action: the trace stops on ex-ante
    regret, and in tripartite-crisis it can stall where the defender's first move and an off-path
    challenger interact). Where the end point has converged (every conditional regret tiny), its
    payoffs and outcome probabilities are ours too. Counted per draw; agreement must be the rule."""
    game = games.get(game_id)
    checked = agreed = converged = 0
    for params in draws(game, 30, seed=1234 + len(game_id)):
        ours = solve_tree(game.build(params), [p.name for p in game.players])
        if min(ours.margins.values()) < STRICT:
            continue
        checked += 1
        g = _gambit(game, params)
        eq = pygambit.nash.logit_solve(g).equilibria[0]
        regret = max(_conditional_regrets(eq, g).values()) / _scale(g)
        actions = {i.label: max(i.actions, key=lambda a: float(eq[a])).label for i in g.infosets}
        if actions != ours.strategy:
            assert regret > 1e-5, (params, actions)
            continue
        agreed += 1
        if regret > 1e-7:
            continue
        converged += 1
        for player in g.players:
            assert float(eq.payoff(player)) == pytest.approx(ours.payoffs[player.label], abs=1e-5 * _scale(g)), \
                (params, player.label)
        reach: dict[str, float] = {}
        for node in g.nodes:
            if node.is_terminal:
                label = node.outcome.label.split(" [")[0]
                reach[label] = reach.get(label, 0.0) + float(eq.realiz_prob(node))
        for outcome, prob in ours.outcomes.items():
            assert reach.get(outcome, 0.0) == pytest.approx(prob, abs=1e-4)
    assert checked >= 20 and agreed >= 0.9 * checked and converged >= 0.5 * checked, (checked, agreed, converged)


def _pure(g, strategy):
    profile = g.mixed_behavior_profile(rational=True)
    for infoset in g.infosets:
        for a in infoset.actions:
            profile[a] = 1 if a.label == strategy[infoset.label] else 0
    return profile


@pytest.mark.parametrize("game_id", games.ids())
def test_our_profile_is_a_pure_agent_form_equilibrium(game_id):
    """Gambit's agent-form regret of our pure profile is exactly 0 (exact rational arithmetic) on
    every draw: it is one of the pure equilibria enumpure_agent_solve lists. Where the enumeration
    is small enough to run in a test it is run, and ours is found in it."""
    game = games.get(game_id)
    enumerated = 0
    for params in draws(game, 15, seed=99 + len(game_id)):
        ours = solve_tree(game.build(params), [p.name for p in game.players])
        g = _gambit(game, params)
        assert _pure(g, ours.strategy).agent_max_regret() == 0, params
        if math.prod(len(i.actions) for i in g.infosets) > 20_000 and enumerated >= 1:
            continue  # tripartite-crisis: 93 312 pure profiles, ~10 s an enumeration
        profiles = []
        for eq in pygambit.nash.enumpure_agent_solve(g).equilibria:
            profiles.append({i.label: next(a.label for a in i.actions if float(eq[a]) > 0.5) for i in g.infosets})
        assert ours.strategy in profiles
        enumerated += 1
    assert enumerated >= 1


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
