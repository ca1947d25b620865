"""Exact solver: backward induction over information sets, with Bayesian beliefs.

Class of games solved (checked, otherwise `UnsupportedGame`): finite trees with perfect recall in
which the nodes of every information set differ only in nature's moves — the same
(information set, action) sequence of every player leads to each of them. Perfect-information
games are the special case of singleton information sets. In this class a belief at an
information set is the conditional probability of nature's moves on the way there
(Bayes' rule; the players' own strategy probabilities are equal across the set's nodes and
cancel), whatever the strategies are, so:

* beliefs are fixed before strategies, and are consistent in the sense of Kreps & Wilson
  (they are the limit for any totally mixed sequence of profiles);
* every information set is a one-player decision problem given the continuation play below it;
  solving the sets bottom-up (each after every set that has a node below one of its nodes) and
  taking the best action at each gives a sequentially rational profile.

The result is a sequential equilibrium (hence a perfect Bayesian and subgame-perfect
equilibrium) in pure behaviour strategies; with perfect information it is plain backward
induction. Ties are broken by the declared order of actions (the first best action), and are
reported, because at a tie other equilibria exist.

Heterogeneous priors: a chance move may give a player its own probabilities (`Chance.beliefs`,
commonly known). That player's beliefs and expected values then use its own probabilities; the
others', and what actually happens, use the chance move's. The argument above holds player by
player, so the profile is sequentially rational for every player under its own prior. It is also a
sequential equilibrium of the common-prior game `efg.to_efg` exports, whose payoffs for player i
are multiplied by the likelihood ratio of i's prior to the common one along the path: at every
information set of i the two objectives differ by a positive factor only.
"""
from __future__ import annotations

import graphlib
import math
from dataclasses import dataclass, field
from umbrella.games.core import Chance, Decision, Node, Terminal

TIE_TOLERANCE = 1e-12


class UnsupportedGame(ValueError):
    """A tree outside the class this solver handles (e.g. a signalling game)."""


@dataclass
class _Info:
    node: Node
    parent: int | None
    history: tuple  # ((kind, key, action_index), ...) from the root
    chance_moves: tuple[tuple[int, int], ...]  # (chance node index, branch index) from the root
    chance_path: tuple[str, ...]
    children: list[int] = field(default_factory=list)


@dataclass
class Solution:
    path: list[str]
    outcome: str
    payoffs: dict[str, float]
    outcomes: dict[str, float]
    strategy: dict[str, str]           # "player:infoset" -> action
    beliefs: dict[str, dict[str, float]]  # "player:infoset" -> {nature's path: probability}
    action_values: dict[str, dict[str, dict[str, float]]]  # "player:infoset" -> {node desc: {action: value}}
    expected: dict[str, dict[str, float]]  # "player:infoset" -> {action: expected value to mover}
    margins: dict[str, float]          # "player:infoset" -> best minus second-best expected value
    ties: list[str]
    reach: dict[str, float]            # "player:infoset" -> equilibrium probability it is reached


def infoset_key(node: Decision) -> str:
    return f"{node.player}:{node.infoset}"


def _index(root: Node) -> list[_Info]:
    infos: list[_Info] = []

    def visit(node, parent, history, moves, cpath):
        idx = len(infos)
        infos.append(_Info(node, parent, history, moves, cpath))
        if parent is not None:
            infos[parent].children.append(idx)
        if isinstance(node, Decision):
            for i, (_, child) in enumerate(node.actions):
                visit(child, idx, history + (("p", infoset_key(node), i),), moves, cpath)
        elif isinstance(node, Chance):
            for i, (label, _, child) in enumerate(node.branches):
                visit(child, idx, history + (("c", node.label, i),), moves + ((idx, i),), cpath + (label,))
    visit(root, None, (), (), ())
    return infos


def _chance_prob(infos: list[_Info], i: int, player: str | None = None) -> float:
    """Probability of nature's moves on the way to node i, as `player` sees them (None: as they are)."""
    prob = 1.0
    for c, k in infos[i].chance_moves:
        prob *= infos[c].node.probabilities(player)[k]
    return prob


def _validate(root: Node, players: list[str]) -> None:
    def visit(node):
        if isinstance(node, Terminal):
            missing = set(players) - set(node.payoffs)
            if missing:
                raise UnsupportedGame(f"terminal {node.outcome!r} lacks payoffs for {sorted(missing)}")
            if not all(math.isfinite(float(v)) for v in node.payoffs.values()):
                raise UnsupportedGame(f"terminal {node.outcome!r} has a non-finite payoff")
        elif isinstance(node, Decision):
            if node.player not in players or not node.actions:
                raise UnsupportedGame(f"decision of unknown player {node.player!r} or without actions")
            for _, child in node.actions:
                visit(child)
        else:
            common = node.probabilities()
            for who, probs in [(None, common), *node.beliefs.items()]:
                if who is not None and (who not in players or len(probs) != len(common)):
                    raise UnsupportedGame(f"chance move {node.label!r}: beliefs of {who!r} need a known player "
                                          "and one probability per branch")
                if any(p < 0 for p in probs) or abs(sum(probs) - 1) > 1e-9:
                    raise UnsupportedGame(f"chance move {node.label!r}: probabilities must be >= 0 and sum to 1")
                if any(p > 0 and q == 0 for p, q in zip(probs, common)):
                    raise UnsupportedGame(f"chance move {node.label!r}: {who!r} gives weight to a branch that "
                                          "never happens (no common-prior equivalent)")
            for _, _, child in node.branches:
                visit(child)
    visit(root)


def solve_tree(root: Node, players: list[str]) -> Solution:
    _validate(root, players)
    infos = _index(root)
    sets: dict[str, list[int]] = {}
    for i, info in enumerate(infos):
        if isinstance(info.node, Decision):
            sets.setdefault(infoset_key(info.node), []).append(i)

    for key, members in sets.items():
        labels = {tuple(a for a, _ in infos[i].node.actions) for i in members}
        if len(labels) != 1:
            raise UnsupportedGame(f"information set {key!r}: its nodes offer different actions")
        moves = {tuple(h for h in infos[i].history if h[0] == "p") for i in members}
        if len(moves) != 1:
            raise UnsupportedGame(f"information set {key!r}: its nodes differ in players' moves, not only in "
                                  "nature's; beliefs would depend on strategies (signalling), which this "
                                  "solver does not handle")

    # Order: a set is solved after every set with a node in the subtree of one of its nodes.
    below: dict[str, set[str]] = {k: set() for k in sets}
    for key, members in sets.items():
        stack = [c for i in members for c in infos[i].children]
        while stack:
            j = stack.pop()
            if isinstance(infos[j].node, Decision):
                other = infoset_key(infos[j].node)
                if other == key:
                    raise UnsupportedGame(f"information set {key!r} contains a node and its descendant")
                below[key].add(other)
            stack.extend(infos[j].children)
    order = list(graphlib.TopologicalSorter(below).static_order())

    choice: dict[str, int] = {}
    values: dict[int, dict[str, float]] = {}

    def value(i: int) -> dict[str, float]:
        if i in values:
            return values[i]
        node = infos[i].node
        if isinstance(node, Terminal):
            v = {p: float(node.payoffs[p]) for p in players}
        elif isinstance(node, Decision):
            v = value(infos[i].children[choice[infoset_key(node)]])
        else:
            v = {p: 0.0 for p in players}
            probs = {p: node.probabilities(p) for p in players}
            for k, c in enumerate(infos[i].children):
                cv = value(c)
                for p in players:
                    v[p] += probs[p][k] * cv[p]
        values[i] = v
        return v

    strategy, beliefs, action_values, expected, margins, ties = {}, {}, {}, {}, {}, []
    for key in order:
        members = sets[key]
        mover = infos[members[0]].node.player
        actions = [a for a, _ in infos[members[0]].node.actions]
        priors = [_chance_prob(infos, i, mover) for i in members]
        total = sum(priors)
        weights = [q / total for q in priors] if total > 0 else [1.0 / len(members)] * len(members)
        names = [" / ".join(infos[i].chance_path) or "-" for i in members]
        beliefs[key] = dict(zip(names, weights))
        per_node = {}
        ev = [0.0] * len(actions)
        for name, w, i in zip(names, weights, members):
            vals = [value(c)[mover] for c in infos[i].children]
            per_node[name] = dict(zip(actions, vals))
            for k, v in enumerate(vals):
                ev[k] += w * v
        best = max(range(len(actions)), key=lambda k: (ev[k], -k))
        ranked = sorted(ev, reverse=True)
        margins[key] = ranked[0] - ranked[1] if len(ranked) > 1 else math.inf
        if margins[key] <= TIE_TOLERANCE * max(1.0, abs(ranked[0])):
            ties.append(key)
        choice[key] = best
        strategy[key] = actions[best]
        action_values[key] = per_node
        expected[key] = dict(zip(actions, ev))

    # Report information sets root first (order of first appearance in the tree), not solving order.
    first = sorted(sets, key=lambda k: sets[k][0])
    strategy, beliefs, action_values, expected, margins = (
        {k: d[k] for k in first} for d in (strategy, beliefs, action_values, expected, margins))

    # Equilibrium play: reach probabilities of terminals.
    terminal_prob: dict[int, float] = {}
    reach: dict[str, float] = {k: 0.0 for k in sets}

    def play(i: int, prob: float) -> None:
        node = infos[i].node
        if isinstance(node, Terminal):
            terminal_prob[i] = terminal_prob.get(i, 0.0) + prob
        elif isinstance(node, Decision):
            reach[infoset_key(node)] += prob
            play(infos[i].children[choice[infoset_key(node)]], prob)
        else:
            for (_, p, _), c in zip(node.branches, infos[i].children):
                play(c, prob * p)
    play(0, 1.0)

    outcomes: dict[str, float] = {}
    for i, p in terminal_prob.items():
        if p > 0:
            outcomes[infos[i].node.outcome] = outcomes.get(infos[i].node.outcome, 0.0) + p
    modal_outcome = max(outcomes, key=lambda o: outcomes[o])  # first reached wins a tie
    modal_terminal = max((i for i in terminal_prob if infos[i].node.outcome == modal_outcome),
                         key=lambda i: terminal_prob[i])
    return Solution(path=_path(infos, modal_terminal), outcome=modal_outcome, payoffs=value(0),
                    outcomes=outcomes, strategy=strategy, beliefs=beliefs, action_values=action_values,
                    expected=expected, margins=margins, ties=ties, reach=reach)


def _path(infos: list[_Info], leaf: int) -> list[str]:
    moves = []
    i = leaf
    while infos[i].parent is not None:
        parent = infos[infos[i].parent]
        k = parent.children.index(i)
        node = parent.node
        moves.append(node.actions[k][0] if isinstance(node, Decision) else node.branches[k][0])
        i = infos[i].parent
    return moves[::-1]

