"""The solver on hand-solved trees, and its refusal of games outside its class."""
from __future__ import annotations

import pytest

from umbrella.games.core import Chance, Decision, Terminal
from umbrella.games.solver import UnsupportedGame, solve_tree


def T(outcome, a, b):
    return Terminal(outcome, {"a": a, "b": b})


def test_backward_induction_discards_non_credible_threat():
    # Entry game: b enters or stays out; a fights (both -1) or accommodates (1, 1); out gives (2, 0).
    # The threat to fight is not credible: SPE is enter/accommodate although out/fight is Nash.
    tree = Decision("b", "entry", (("out", T("out", 2, 0)),
                                   ("enter", Decision("a", "reply", (("fight", T("fight", -1, -1)),
                                                                      ("accommodate", T("accommodate", 1, 1)))))))
    s = solve_tree(tree, ["a", "b"])
    assert s.path == ["enter", "accommodate"]
    assert s.payoffs == {"a": 1.0, "b": 1.0}
    assert s.strategy == {"a:reply": "accommodate", "b:entry": "enter"}


def test_information_set_uses_bayesian_beliefs_from_nature():
    # Nature: x w.p. 0.25, y w.p. 0.75; a does not observe it. "risky" pays 4 in x, 0 in y; "safe" pays 1.
    # E[risky] = 0.25*4 = 1.0 < E[safe] = 1.2 -> safe.
    def world(risky_pay):
        return Decision("a", "guess", (("risky", T("risky", risky_pay, 0)), ("safe", T("safe", 1.2, 0))))
    tree = Chance("state", (("x", 0.25, world(4.0)), ("y", 0.75, world(0.0))))
    s = solve_tree(tree, ["a", "b"])
    assert s.beliefs["a:guess"] == {"x": 0.25, "y": 0.75}
    assert s.strategy["a:guess"] == "safe"
    assert s.expected["a:guess"]["risky"] == pytest.approx(1.0)
    assert s.payoffs["a"] == pytest.approx(1.2)


def test_ties_are_broken_by_declared_order_and_reported():
    tree = Decision("a", "only", (("left", T("left", 1, 0)), ("right", T("right", 1, 5))))
    s = solve_tree(tree, ["a", "b"])
    assert s.strategy["a:only"] == "left" and s.ties == ["a:only"]


def test_signalling_games_are_refused():
    # b observes a's move only partly: an information set whose nodes follow different moves of a.
    def after(x):
        return Decision("b", "guess", (("l", T("l", x, 1)), ("r", T("r", 0, 0))))
    tree = Chance("type", (("t1", 0.5, Decision("a", "t1", (("m1", after(1)), ("m2", after(2))))),
                           ("t2", 0.5, Decision("a", "t2", (("m1", after(3)), ("m2", after(4)))))))
    with pytest.raises(UnsupportedGame):
        solve_tree(tree, ["a", "b"])


def test_bad_trees_are_refused():
    with pytest.raises(UnsupportedGame):
        solve_tree(Chance("bad", (("x", 0.6, T("x", 0, 0)), ("y", 0.6, T("y", 0, 0)))), ["a", "b"])
    with pytest.raises(UnsupportedGame):
        solve_tree(Terminal("x", {"a": 0}), ["a", "b"])
