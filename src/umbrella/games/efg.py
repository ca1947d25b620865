"""Export a game tree to Gambit's extensive-form text format (`.efg`, version 2, rational).

Player labels are the player names (the keys of `payoffs` in a solution); every terminal node
has its own outcome, labelled with the outcome name (suffixed with the moves that lead there when
the same name occurs at several terminals, so labels stay unique). Numbers are written as exact decimals
and chance probabilities so that they sum to exactly 1, as Gambit requires.

A player with its own prior over nature's moves (`Chance.beliefs`) cannot be written into one
`.efg`, which has one common prior. The file holds the strategically equivalent common-prior game:
the chance moves' own probabilities, and that player's payoff at each terminal multiplied by the
likelihood ratio of its prior to the common one along the path there. Its expected payoff under
the common prior is then its expected payoff under its own, and at each of its information sets
the two objectives differ by a positive factor, so the equilibria are the same (solver.py).
"""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

from umbrella.games.core import Decision, Node, Terminal


def _num(x: float) -> str:
    d = Decimal(repr(float(x)))
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _probabilities(probs: list[float]) -> list[str]:
    """Decimal strings summing to exactly 1 (the last branch takes the remainder)."""
    head = [Decimal(_num(p)) for p in probs[:-1]]
    return [format(d, "f") for d in head] + [format(Decimal(1) - sum(head, Decimal(0)), "f")]


def to_efg(root: Node, players: list[str], title: str) -> str:
    counts: Counter[str] = Counter()

    def count(node):
        if isinstance(node, Terminal):
            counts[node.outcome] += 1
        elif isinstance(node, Decision):
            for _, child in node.actions:
                count(child)
        else:
            for _, _, child in node.branches:
                count(child)
    count(root)

    lines = [f"EFG 2 R {_quote(title)} {{ {' '.join(_quote(p) for p in players)} }}", '""', ""]
    infoset_numbers: dict[tuple[str, str], int] = {}
    per_player: Counter[str] = Counter()
    outcome_number = 0

    def infoset(owner: str, label: str) -> int:
        key = (owner, label)
        if key not in infoset_numbers:
            per_player[owner] += 1
            infoset_numbers[key] = per_player[owner]
        return infoset_numbers[key]

    def visit(node, path, ratio):
        nonlocal outcome_number
        if isinstance(node, Terminal):
            outcome_number += 1
            label = f"{node.outcome} [{' / '.join(path)}]" if counts[node.outcome] > 1 else node.outcome
            pays = " ".join(_num(node.payoffs[p] * ratio.get(p, 1.0)) for p in players)
            lines.append(f't "" {outcome_number} {_quote(label)} {{ {pays} }}')
        elif isinstance(node, Decision):
            number = infoset(node.player, node.infoset)
            acts = " ".join(_quote(a) for a, _ in node.actions)
            lines.append(f'p "" {players.index(node.player) + 1} {number} '
                         f'{_quote(node.player + ":" + node.infoset)} {{ {acts} }} 0')
            for action, child in node.actions:
                visit(child, path + (action,), ratio)
        else:
            number = infoset("\0chance", node.label)
            probs = _probabilities([p for _, p, _ in node.branches])
            acts = " ".join(f"{_quote(label)} {prob}" for (label, _, _), prob in zip(node.branches, probs))
            lines.append(f'c "" {number} {_quote(node.label)} {{ {acts} }} 0')
            for k, (label, common, child) in enumerate(node.branches):
                own = {p: ratio.get(p, 1.0) * (node.beliefs[p][k] / common if common > 0 else 0.0)
                       for p in node.beliefs}
                visit(child, path + (label,), {**ratio, **own})
    visit(root, (), {})
    return "\n".join(lines) + "\n"
