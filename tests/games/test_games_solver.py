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


def test_heterogeneous_priors_each_player_uses_its_own():
    # Nature: x or y, really 0.5/0.5; a believes x w.p. 0.9, b believes x w.p. 0.2. Neither observes it.
    # a: "risky" pays 1 in x, -1 in y (E_a = 0.8 > 0 = safe) -> risky.
    # b then: "go" pays b 1 in y, -1 in x (E_b = 0.6 > 0) -> go.
    def world(sign):
        b_move = Decision("b", "b", (("stop", T("stop", sign, 0)), ("go", T("go", sign, -sign))))
        return Decision("a", "a", (("safe", T("safe", 0, 0)), ("risky", b_move)))
    tree = Chance("state", (("x", 0.5, world(1.0)), ("y", 0.5, world(-1.0))),
                  beliefs={"a": (0.9, 0.1), "b": (0.2, 0.8)})
    s = solve_tree(tree, ["a", "b"])
    assert s.beliefs["a:a"] == pytest.approx({"x": 0.9, "y": 0.1})
    assert s.beliefs["b:b"] == pytest.approx({"x": 0.2, "y": 0.8})
    assert s.strategy == {"a:a": "risky", "b:b": "go"}
    assert s.payoffs["a"] == pytest.approx(0.8) and s.payoffs["b"] == pytest.approx(0.6)
    assert s.outcomes == pytest.approx({"go": 1.0})  # what happens uses nature's own probabilities


def test_common_prior_export_reweights_payoffs_by_the_likelihood_ratio():
    from umbrella.games.efg import to_efg
    tree = Chance("state", (("x", 0.25, T("x", 4, 1)), ("y", 0.75, T("y", 8, 1))), beliefs={"a": (0.5, 0.5)})
    text = to_efg(tree, ["a", "b"], "t")
    # a's payoffs times (0.5/0.25, 0.5/0.75): 8 and 16/3; b keeps the common prior
    assert '"x" { 8 1 }' in text and '"y" { 5.333333333333333 1 }' in text


def test_beliefs_on_a_branch_that_never_happens_are_refused():
    tree = Chance("state", (("x", 0.0, T("x", 0, 0)), ("y", 1.0, T("y", 0, 0))), beliefs={"a": (0.5, 0.5)})
    with pytest.raises(UnsupportedGame):
        solve_tree(tree, ["a", "b"])
