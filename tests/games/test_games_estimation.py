"""Strategic-choice estimation: the agent QRE against published closed forms and Gambit, the
estimator against a direct closed-form maximum likelihood, and the fit on the coded cases.

Reference: the two-player, three-outcome model `egame12` of the R package `games` (Kenkel &
Signorino 2014, J. Stat. Softw. 56(8); the model of Signorino 2003 and Signorino & Tarar 2006).
Its agent-error logit probabilities, transcribed from `makeProbs12` in games/R/egame12.r
(github.com/brentonk/games, commit 04fdee185536ed6c3702a19563b1a5d292c83d35) with `link = "logit"`,
`type = "agent"` and unit scale parameters:
    p4 = plogis(u24, scale = sqrt(1^2 + 1^2)),  p3 = 1 - p4
    p2 = plogis(p3*u13 + p4*u14 - u11, scale = sqrt(1^2 + 1^2)),  p1 = 1 - p2
and the outcome probabilities of `predict.egame12`: Pr(sq) = p1, Pr(cap) = p2*p3, Pr(war) = p2*p4.
"""
from __future__ import annotations

import io
import itertools
import json
import math

import numpy as np
import pytest
from scipy.optimize import minimize

from tests.support import umbrella
from umbrella import games
from umbrella.games.core import Decision, Game, Parameter, Player, Terminal
from umbrella.games.estimation import (DEPLOYMENT_SPEC, PRECISION, Free, Observation, Spec, category_probabilities,
                                       dispute_observations, estimate, fit, log_likelihood)
from umbrella.games.qre import agent_qre
from umbrella.resources import data_dir

SQRT2 = math.sqrt(2.0)


def plogis(x, scale=1.0):
    return 1.0 / (1.0 + math.exp(-x / scale))


def egame12_closed_form(u11, u13, u14, u24):
    p4 = plogis(u24, scale=SQRT2)
    p3 = 1 - p4
    p2 = plogis(p3 * u13 + p4 * u14 - u11, scale=SQRT2)
    p1 = 1 - p2
    return {"sq": p1, "cap": p2 * p3, "war": p2 * p4}


def _egame12_tree(p):
    reply = Decision("p2", "reply", (("cap", Terminal("cap", {"p1": p["u13"], "p2": 0.0})),
                                     ("war", Terminal("war", {"p1": p["u14"], "p2": p["u24"]}))))
    return Decision("p1", "move", (("sq", Terminal("sq", {"p1": p["u11"], "p2": 0.0})), ("escalate", reply)))


EGAME12 = Game(
    id="egame12", title={"en": "egame12", "zh": "egame12"}, description={"en": "", "zh": ""},
    players=(Player("p1", {"en": "1", "zh": "1"}), Player("p2", {"en": "2", "zh": "2"})),
    parameters=tuple(Parameter(n, 0.0, -5.0, 5.0, "utility", {"en": n, "zh": n}) for n in ("u11", "u13", "u14", "u24")),
    build=_egame12_tree, outcomes={o: {"en": o, "zh": o} for o in ("sq", "cap", "war")},
    actions={}, solution_concept={"en": "", "zh": ""})

# u13 fixed at 0: a constant in all three of player 1's utilities is not identified (egame12 refuses it)
EGAME12_SPEC = Spec(free=(Free("u11", -5, 5, (0.0,)), Free("u14", -5, 5, (0.0,)), Free("u24", -5, 5, (0.0,))),
                    categories={o: frozenset({o}) for o in ("sq", "cap", "war")}, precision=1 / SQRT2)

GRID = [-3.0, -0.7, 0.0, 1.3, 4.0]


def test_agent_qre_reproduces_egame12_closed_form_on_a_grid():
    worst = 0.0
    for u11, u13, u14, u24 in itertools.product(GRID, repeat=4):
        p = {"u11": u11, "u13": u13, "u14": u14, "u24": u24}
        ours = agent_qre(_egame12_tree(p), ["p1", "p2"], 1 / SQRT2).outcomes
        for outcome, prob in egame12_closed_form(u11, u13, u14, u24).items():
            worst = max(worst, abs(ours[outcome] - prob))
    assert worst < 1e-9


def test_estimator_probabilities_and_likelihood_are_egame12s():
    rng = np.random.default_rng(12)
    for _ in range(50):
        u11, u14, u24 = rng.uniform(-4, 4, size=3)
        probs = category_probabilities(EGAME12, EGAME12_SPEC, [u11, u14, u24], {"u13": 0.0})
        reference = egame12_closed_form(u11, 0.0, u14, u24)
        for outcome in reference:
            assert probs[outcome] == pytest.approx(reference[outcome], abs=1e-12)


def _simulated_egame12(n, truth, seed):
    rng = np.random.default_rng(seed)
    probs = egame12_closed_form(truth[0], 0.0, truth[1], truth[2])
    draws = rng.choice(list(probs), size=n, p=list(probs.values()))
    return [Observation(f"c{i}", {"u13": 0.0}, str(o), frozenset({str(o)})) for i, o in enumerate(draws)]


def test_estimator_matches_a_direct_closed_form_maximum_likelihood():
    observations = _simulated_egame12(400, (0.5, -1.0, 0.8), seed=3)
    counts = {o: sum(obs.observed == o for obs in observations) for o in ("sq", "cap", "war")}

    def closed_form_negative(theta):
        probs = egame12_closed_form(theta[0], 0.0, theta[1], theta[2])
        return -sum(n * math.log(probs[o]) for o, n in counts.items())
    theta = np.array([0.3, -0.2, 0.1])
    assert log_likelihood(EGAME12, EGAME12_SPEC, theta, observations) == pytest.approx(
        -closed_form_negative(theta), abs=1e-9)
    reference = minimize(closed_form_negative, np.zeros(3), method="L-BFGS-B", bounds=[(-5, 5)] * 3,
                         options={"ftol": 1e-14, "gtol": 1e-10})
    ours = fit(EGAME12, EGAME12_SPEC, observations)
    assert ours.loglik == pytest.approx(-reference.fun, abs=1e-7)
    # three free utilities, three outcome shares: the likelihood is flat in one direction, so compare
    # what is identified — the fitted outcome probabilities — not the raw utilities
    fitted = egame12_closed_form(ours.values[0], 0.0, ours.values[1], ours.values[2])
    for o, n in counts.items():
        assert fitted[o] == pytest.approx(n / len(observations), abs=1e-5)


@pytest.fixture(scope="module")
def deployment_fit():
    from umbrella.evidence import load
    observations = dispute_observations(load().disputes.values())
    return observations, estimate(games.get("deployment-bargaining"), observations)


def test_fit_on_the_coded_cases_reports_estimates_probabilities_and_leave_one_out(deployment_fit):
    observations, doc = deployment_fit
    assert doc["n_cases"] == len(observations) == len(doc["cases"]) >= 15
    names = [e["name"] for e in doc["estimates"]]
    assert names == [PRECISION, "c_alt", "cohesion_premium", "demo_hub"]
    for e in doc["estimates"]:
        assert (e["std_error"] is None) == ("note" in e)
        assert e["std_error"] is None or e["std_error"] > 0
    for case in doc["cases"]:
        assert sum(case["probabilities"].values()) == pytest.approx(1.0, abs=1e-12)
        assert 0 < case["probability"] == case["probabilities"][case["observed"]] < 1
    assert doc["loglik"] == pytest.approx(sum(math.log(c["probability"]) for c in doc["cases"]), abs=1e-9)
    # out of sample is worse than in sample, and it is an honest sum over held-out cases
    assert doc["loglik_loo"] < doc["loglik"]
    assert doc["loglik_loo"] == pytest.approx(sum(math.log(c["loo_probability"]) for c in doc["cases"]), rel=1e-9)
    assert doc["loglik_uniform"] == pytest.approx(len(observations) * math.log(0.25))


def test_the_fit_is_a_maximum(deployment_fit):
    observations, doc = deployment_fit
    spec = DEPLOYMENT_SPEC
    game = games.get("deployment-bargaining")
    theta = np.array([e["value"] for e in doc["estimates"]])
    rng = np.random.default_rng(5)
    lows = np.array([f.low for f in spec.free])
    highs = np.array([f.high for f in spec.free])
    for _ in range(30):
        nearby = np.clip(theta + rng.normal(scale=0.05 * (highs - lows)), lows, highs)
        assert log_likelihood(game, spec, nearby, observations) <= doc["loglik"] + 1e-9


def test_qre_matches_gambits_logit_at_the_fitted_point(deployment_fit):
    """pygambit traces the logit QRE correspondence of the exported .efg to the fitted precision; its
    behaviour probabilities equal our agent QRE's at every information set, in every covariate cell."""
    pygambit = pytest.importorskip("pygambit")
    _, doc = deployment_fit
    game = games.get("deployment-bargaining")
    values = {e["name"]: e["value"] for e in doc["estimates"]}
    precision = values.pop(PRECISION)
    for alt, multilateral in itertools.product((0.0, 1.0), repeat=2):
        params = {**values, "alt": alt, "multilateral": multilateral}
        g = pygambit.read_efg(io.StringIO(game.to_efg(params)))
        point = pygambit.qre.logit_solve_lambda(g, [precision])[0]
        assert point.lam == pytest.approx(precision, rel=1e-8)
        ours = agent_qre(game.build(game.resolve(params)[0]), ["patron", "host"], precision).choice
        for k, action in enumerate(g.actions):
            assert point[k] == pytest.approx(ours[action.infoset.label][action.label], abs=1e-7), \
                (alt, multilateral, action.infoset.label, action.label)


def test_estimate_command_json_and_errors(tmp_path):
    rc, out, err = umbrella("game", "estimate", "deployment-bargaining", "--format", "json")
    assert rc == 0, err
    doc = json.loads(out)
    assert {"estimates", "loglik", "loglik_loo", "cases"} <= set(doc)
    assert all({"name", "value", "std_error"} <= set(e) for e in doc["estimates"])
    assert all({"id", "observed", "probability"} <= set(c) for c in doc["cases"])
    for args in (["game", "estimate", "extended-deterrence"], ["game", "estimate", "nope"],
                 ["game", "estimate", "deployment-bargaining", "--data", str(tmp_path / "missing")]):
        rc, out, err = umbrella(*args)
        assert rc == 2 and len(err.strip().splitlines()) == 1, (args, err)


def test_estimate_reads_extra_cases_from_data_dirs(tmp_path):
    base = data_dir() / "disputes" / "spain-1988.yaml"
    (tmp_path / "disputes").mkdir()
    text = base.read_text(encoding="utf-8").replace("id: spain-1988", "id: spain-1988-copy", 1)
    (tmp_path / "disputes" / "spain-1988-copy.yaml").write_text(text, encoding="utf-8")
    rc, out, err = umbrella("game", "estimate", "deployment-bargaining", "--data", tmp_path, "--format", "json")
    assert rc == 0, err
    doc = json.loads(out)
    assert "spain-1988-copy" in {c["id"] for c in doc["cases"]} and doc["n_cases"] == 19
