"""Logit agent quantal response equilibrium (McKelvey & Palfrey 1998) of perfect-information trees.

Class of games (checked, otherwise `UnsupportedGame`): finite trees in which every information set
is a single node; chance moves are allowed (with heterogeneous priors, as in `solver.py`). In this
class the agent QRE with precision λ is unique and is one backward pass: at each decision node the
mover takes action a with probability

    σ(a) = exp(λ · V(a)) / Σ_b exp(λ · V(b)),

V(a) the mover's expected payoff after a when everyone below plays the same rule. With λ → ∞ it
tends to backward induction; λ = 0 is uniform play. This is the "agent error" logit model of
strategic-choice estimation (Signorino 1999, 2003; the R package `games`, Kenkel & Signorino 2014),
whose unit-variance agent errors on each action make λ = 1/√2 there.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from umbrella.games.core import Chance, Node, Terminal
from umbrella.games.solver import UnsupportedGame, infoset_key


@dataclass
class QRE:
    precision: float
    choice: dict[str, dict[str, float]]  # "player:infoset" -> {action: probability}
    outcomes: dict[str, float]           # outcome label -> probability it is reached
    values: dict[str, float]             # each player's expected payoff at the root


def _softmax(values: list[float], precision: float) -> list[float]:
    top = max(values)
    weights = [math.exp(precision * (v - top)) for v in values]
    total = sum(weights)
    return [w / total for w in weights]


def agent_qre(root: Node, players: list[str], precision: float) -> QRE:
    if not math.isfinite(precision) or precision < 0:
        raise ValueError(f"precision must be a finite number >= 0, got {precision}")
    choice: dict[str, dict[str, float]] = {}

    def value(node) -> dict[str, float]:
        if isinstance(node, Terminal):
            return {p: float(node.payoffs[p]) for p in players}
        if isinstance(node, Chance):
            out = {p: 0.0 for p in players}
            probs = {p: node.probabilities(p) for p in players}
            for k, (_, _, child) in enumerate(node.branches):
                v = value(child)
                for p in players:
                    out[p] += probs[p][k] * v[p]
            return out
        key = infoset_key(node)
        if key in choice:
            raise UnsupportedGame(f"information set {key!r} has several nodes: agent QRE here needs perfect "
                                  "information")
        below = [value(child) for _, child in node.actions]
        probs = _softmax([v[node.player] for v in below], precision)
        choice[key] = {a: q for (a, _), q in zip(node.actions, probs)}
        return {p: sum(q * v[p] for q, v in zip(probs, below)) for p in players}

    root_values = value(root)
    outcomes: dict[str, float] = {}

    def reach(node, prob: float) -> None:
        if isinstance(node, Terminal):
            outcomes[node.outcome] = outcomes.get(node.outcome, 0.0) + prob
        elif isinstance(node, Chance):
            for q, (_, _, child) in zip(node.probabilities(), node.branches):
                reach(child, prob * q)
        else:
            probs = choice[infoset_key(node)]
            for a, child in node.actions:
                reach(child, prob * probs[a])
    reach(root, 1.0)
    return QRE(precision=precision, choice=choice, outcomes=outcomes, values=root_values)
