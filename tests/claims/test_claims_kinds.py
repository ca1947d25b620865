"""Each check kind on a true and a false instance, against references that do not come from the
evaluators: hand-built records, closed forms of the unilateral deterrence game, hand-made series."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from umbrella.claims import Context, evaluate
from umbrella.claims.evaluate import matches, response_holds
from umbrella.claims.status import classify, combine
from umbrella.games import GAMES


# ---- fakes ---------------------------------------------------------------------------------------

class FakeEvidence:
    def __init__(self):
        text = lambda en, zh: SimpleNamespace(en=en, zh=zh)  # noqa: E731
        self.events = {
            "wd-2023": SimpleNamespace(id="wd-2023", year=2023, date="2023-04-26", type="agreement",
                                       actors=["USA", "KOR"], title=text("Washington Declaration creates the NCG", "华盛顿宣言")),
            "test-2006": SimpleNamespace(id="test-2006", year=2006, date="2006-10-09", type="nuclear_test",
                                         actors=["PRK"], title=text("First nuclear test", "核试验")),
            "test-2009": SimpleNamespace(id="test-2009", year=2009, date="2009-05-25", type="nuclear_test",
                                         actors=["PRK"], title=text("Second nuclear test", "核试验")),
        }
        self.disputes = {"spain-1988": SimpleNamespace(id="spain-1988", alt=True, multilateral=True,
                                                       derived_strategy="concede", period=SimpleNamespace(start=1976))}

    def kind(self, name):
        return getattr(self, name, {})


class FakeTheory:
    """A two-case theory result in the `theory test` JSON shape: four-way 1 of 2, binary 2 of 2
    (pressure and persuade are both 'not conceded')."""

    def test(self, theory_id):
        return {"theory": theory_id, "outcome": "strategy",
                "cases": [{"id": "spain-1988", "predicted": "concede", "observed": "concede", "match": True,
                           "binary": {"predicted": True, "observed": True, "match": True}},
                          {"id": "japan-okinawa-1969", "predicted": "pressure", "observed": "persuade", "match": False,
                           "binary": {"predicted": False, "observed": False, "match": True}}],
                "summary": {"accuracy": 0.5, "n_scored": 2, "n_match": 1,
                            "binary": {"accuracy": 1.0, "n_scored": 2, "n_match": 2}}}

    def predict(self, theory_id, conditions):
        return {(True, True): "concede", (True, False): "concede_punish", (False, True): "persuade",
                (False, False): "pressure"}[(conditions["alt"], conditions["multilateral"])]


class FakeDynamics:
    """Series in closed form over two uniform parameters: y = a * lever + b * shock (lever and
    shock levels read from the scenario spec), so every direction is known by hand."""

    def __init__(self, n=400, seed=0):
        rng = np.random.default_rng(seed)
        self._draws = {"a": rng.uniform(-1, 1, n), "b": rng.uniform(0, 1, n)}

    def draws(self):
        return self._draws

    def is_index(self, variable):
        return variable != "count"             # "count" stands for a non-index variable (like warheads)

    def last_year(self, spec):
        return 2040

    def series(self, spec, variable, actor, year):
        base, settings = spec
        lever = {"baseline": 0.5, "high": 1.0}[base]
        shock = 0.0
        for kind, name, value, *_ in settings:
            if kind == "lever":
                lever = float(value)
            else:
                shock = float(value)
        if variable == "peaked":
            return -(lever - 0.5) ** 2 * (1 + self._draws["b"])
        return self._draws["a"] * lever + self._draws["b"] * shock


def describe(kind, name):
    table = {("variable", "entrapment_fear"): "entrapment_fear | Fear of entrapment | the ally's fear of being drawn into a war"}
    return table.get((kind, name))


@pytest.fixture
def ctx():
    return Context(samples=400, seed=3, game_points=300, evidence=FakeEvidence, games=GAMES,
                   theory=FakeTheory(), dynamics=FakeDynamics())


def share(check, ctx):
    return evaluate(check, ctx, describe).share


# ---- evidence ------------------------------------------------------------------------------------

def test_evidence_record_with_fields_and_count(ctx):
    assert share({"kind": "evidence", "records": "events",
                  "where": {"year": 2023, "actors": ["USA", "KOR"], "title": {"contains": "NCG"}}}, ctx) == 1.0
    assert share({"kind": "evidence", "records": "events", "where": {"year": 2022, "actors": ["USA", "KOR"]}}, ctx) == 0.0
    assert share({"kind": "evidence", "records": "events", "where": {"type": "nuclear_test"}, "count": {"min": 2, "max": 2}}, ctx) == 1.0
    assert share({"kind": "evidence", "records": "events", "where": {"type": "nuclear_test"}, "count": {"min": 6}}, ctx) == 0.0


def test_evidence_derived_fields_and_nested_paths(ctx):
    assert share({"kind": "evidence", "records": "disputes", "id": "spain-1988",
                  "where": {"derived_strategy": "concede", "period.start": {"max": 1979}}}, ctx) == 1.0
    assert share({"kind": "evidence", "records": "disputes", "id": "spain-1988", "where": {"alt": False}}, ctx) == 0.0


def test_matches_operators():
    assert matches(5, {"min": 5, "max": 6}) and not matches(4, {"min": 5})
    assert matches(["USA", "KOR"], "KOR") and not matches(["USA"], ["USA", "KOR"])
    assert matches("Washington Declaration", {"contains": "washington"})
    assert matches("fixed", {"in": ["fixed", "non_fixed"]}) and matches("none", {"ne": "fixed"})


# ---- vocabulary ----------------------------------------------------------------------------------

def test_vocabulary_term_and_meaning(ctx):
    assert share({"kind": "vocabulary", "terms": [{"variable": "entrapment_fear", "meaning": ["drawn into"]}]}, ctx) == 1.0
    assert share({"kind": "vocabulary", "terms": [{"variable": "entrapment_fear", "meaning": ["abandon"]}]}, ctx) == 0.0
    assert share({"kind": "vocabulary", "terms": [{"variable": "no_such_variable"}]}, ctx) == 0.0


# ---- theory --------------------------------------------------------------------------------------

def test_theory_case_cell_accuracy(ctx):
    assert share({"kind": "theory", "theory": "t", "case": "spain-1988", "predicted": "concede", "match": True}, ctx) == 1.0
    assert share({"kind": "theory", "theory": "t", "case": "japan-okinawa-1969", "match": True}, ctx) == 0.0
    assert share({"kind": "theory", "theory": "t", "cell": {"alt": True, "multilateral": False},
                  "predicted": "concede_punish"}, ctx) == 1.0
    assert share({"kind": "theory", "theory": "t", "cell": {"alt": False, "multilateral": False},
                  "predicted": "persuade"}, ctx) == 0.0
    assert share({"kind": "theory", "theory": "t", "accuracy": {"min": 0.5}, "scoring": "native"}, ctx) == 1.0
    assert share({"kind": "theory", "theory": "t", "accuracy": {"min": 0.75}, "scoring": "native"}, ctx) == 0.0
    assert share({"kind": "theory", "theory": "t", "accuracy": {"min": 0.75}}, ctx) == 1.0   # binary by default


# ---- games: Zagare-Kilgour closed form ------------------------------------------------------------
# The challenger challenges iff p_hard < (ch_dc - ch_sq) / (ch_dc - ch_dd): 0.5 at the defaults.

def test_game_outcome_at_defaults(ctx):
    yes = {"kind": "game", "game": "unilateral-deterrence", "over": "defaults", "set": {"p_hard": 0.3},
           "expect": {"analysis.challenger_challenges": True}}
    assert share(yes, ctx) == 1.0
    assert share({**yes, "set": {"p_hard": 0.7}}, ctx) == 0.0


def test_game_over_box_matches_closed_form(ctx):
    check = {"kind": "game", "game": "unilateral-deterrence", "set": {"p_hard": 0.45},
             "expect": {"analysis.challenger_challenges": True}}
    outcome = evaluate(check, ctx, describe)
    X = outcome.X
    closed = 0.45 < (X["ch_dc"] - X["ch_sq"]) / (X["ch_dc"] - X["ch_dd"])
    assert outcome.holds.shape == (300,)
    np.testing.assert_array_equal(outcome.holds, closed)
    assert 0.05 < outcome.share < 0.95     # conditional: a claim that holds in part of the box


def test_game_statics_direction(ctx):
    statics = {"kind": "game_statics", "game": "unilateral-deterrence", "over": "defaults",
               "vary": {"p_hard": [0.3, 0.7]}, "quantity": "analysis.challenger_challenges", "direction": "decrease"}
    assert share(statics, ctx) == 1.0
    assert share({**statics, "direction": "increase"}, ctx) == 0.0


def test_game_expectation_against_another_quantity(ctx):
    check = {"kind": "game", "game": "extended-deterrence", "over": "defaults",
             "expect": {"analysis.assurance_threshold": {"gt": "analysis.deterrence_threshold"}}}
    assert share(check, ctx) == 1.0    # Healey: 1 - K/L = 0.95 > G/(G+C) = 0.05
    assert share({**check, "expect": {"analysis.assurance_threshold": {"lt": "analysis.deterrence_threshold"}}}, ctx) == 0.0


# ---- dynamics (fake model in closed form) ---------------------------------------------------------

def test_scenario_compare_share_is_share_of_paired_samples(ctx):
    check = {"kind": "scenario_compare", "a": "baseline", "b": "high", "variable": "y", "actor": "KOR", "direction": "increase"}
    outcome = evaluate(check, ctx, describe)
    a = ctx.dynamics.draws()["a"]
    # B - A = a/2: on an index it must exceed the minimum effect 0.01, i.e. a > 0.02
    np.testing.assert_array_equal(outcome.holds, a * 0.5 > 0.01)
    assert outcome.share == pytest.approx(np.mean(a > 0.02))
    assert "median" in outcome.detail and "5–95%" in outcome.detail
    assert share({**check, "direction": "unchanged", "tolerance": 2.0}, ctx) == 1.0
    assert share({**check, "tolerance": 0.0}, ctx) == pytest.approx(np.mean(a > 0))       # a stated minimum wins
    # not an index (a count): no default minimum effect
    assert share({**check, "variable": "count"}, ctx) == pytest.approx(np.mean(a > 2e-9))


def test_scenario_value(ctx):
    check = {"kind": "scenario_value", "scenario": "baseline", "variable": "y", "actor": "KOR", "value": {"min": -0.5}}
    assert share(check, ctx) == 1.0                     # y = a/2 >= -0.5
    assert share({**check, "value": {"min": 0.6}}, ctx) == 0.0


def test_lever_sweep_monotone_and_non_monotone(ctx):
    sweep = {"kind": "lever_sweep", "lever": "l", "values": [0.0, 0.5, 1.0], "variable": "y", "actor": "KOR",
             "response": "increasing"}
    a, b = ctx.dynamics.draws()["a"], ctx.dynamics.draws()["b"]
    assert share(sweep, ctx) == pytest.approx(np.mean(a > 0.01))   # steps a/2, total a: above the minimum effect
    shock_sweep = {k: v for k, v in sweep.items() if k != "lever"} | {"shock": "s"}
    assert share(shock_sweep, ctx) == pytest.approx(np.mean(b > 0.01))   # y rises with the shock by b
    peaked = {**sweep, "variable": "peaked", "response": "peaked"}
    assert share(peaked, ctx) == 1.0
    assert share({**peaked, "response": "increasing"}, ctx) == 0.0
    assert share({**peaked, "response": "non_monotone"}, ctx) == 1.0


def test_response_shapes_by_hand():
    Y = np.array([[0, 1, 2], [2, 1, 0], [0, 2, 1], [2, 0, 1], [1, 1, 1]], dtype=float)
    assert response_holds(Y, "increasing").tolist() == [True, False, False, False, False]
    assert response_holds(Y, "decreasing").tolist() == [False, True, False, False, False]
    assert response_holds(Y, "peaked").tolist() == [False, False, True, False, False]
    assert response_holds(Y, "valley").tolist() == [False, False, False, True, False]
    assert response_holds(Y, "non_monotone").tolist() == [False, False, True, True, False]
    assert response_holds(Y, "flat").tolist() == [False, False, False, False, True]
    assert response_holds(Y, "flat", tol=2.5).all()


# ---- combinators and the status rule --------------------------------------------------------------

def test_all_and_any_point_by_point_on_shared_draws(ctx):
    up = {"kind": "scenario_compare", "a": "baseline", "b": "high", "variable": "y", "actor": "KOR", "direction": "increase"}
    down = {**up, "direction": "decrease"}
    assert share({"kind": "all", "checks": [up, down]}, ctx) == 0.0
    a = ctx.dynamics.draws()["a"]
    # either direction by more than the minimum effect: |a|/2 > 0.01
    assert share({"kind": "any", "checks": [up, down]}, ctx) == pytest.approx(np.mean(np.abs(a) > 0.02))


def test_status_rule_and_failure_box():
    from umbrella.claims.evaluate import Outcome
    rng = np.random.default_rng(0)
    X = {"x": rng.uniform(0, 1, 2000), "z": rng.uniform(0, 1, 2000)}
    row = classify(Outcome(X["x"] > 0.3, X, "dynamics"))
    assert row["status"] == "conditional"
    assert row["share_holds"] == pytest.approx(0.7, abs=0.03)
    lo, hi = row["fails_when"]["x"]
    assert lo < 0.05 and 0.28 < hi < 0.36            # the planted failure region x < 0.3 (density >= 0.9)
    assert "z" not in row["fails_when"]
    assert classify(Outcome(X["x"] > 0.02, X, "dynamics"))["status"] == "holds"
    assert classify(Outcome(X["x"] > 0.98, X, "dynamics"))["status"] == "fails"
    det = classify(Outcome(np.array([True])))
    assert det == {"status": "holds", "share_holds": 1.0, "fails_when": None, "n_points": 1}


def test_combine_across_spaces_takes_the_weakest_child():
    from umbrella.claims.evaluate import Outcome
    a = Outcome(np.array([True, True, False, False]), {"p": np.arange(4.0)}, "game:x")
    b = Outcome(np.array([True, True, True]), {"q": np.arange(3.0)}, "dynamics")
    assert combine("all", [a, b]).share == 0.5
    assert combine("any", [a, b]).share == 1.0
