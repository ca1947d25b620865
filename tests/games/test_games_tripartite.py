"""tripartite-crisis against algebra written out by hand (independent of the tree and the solver):
threshold strategies, the assurance gap as the two beliefs diverge, entrapment and abandonment
regions inside the declared box, and how they move with the taboo costs and the stakes gap."""
from __future__ import annotations

import pytest

from tests.games.games_sampling import draws
from umbrella import games
from umbrella.errors import InputError
from umbrella.games.analysis import region_shares, sample_box

GAME = games.get("tripartite-crisis")
NO_EXERCISES = {"exercise_cost": 2.0, "commitment_cost": 0.0}  # exercises cost and change nothing
TABOO = ("taboo_destruction", "taboo_condemnation", "taboo_radiation")


def _first_best(values: dict) -> str:
    best = None
    for action, v in values.items():  # declared order: ties go to the first
        if best is None or v > values[best]:
            best = action
    return best


def by_hand(p):
    """Backward induction as algebra. Returns the strategy at every information set."""
    taboo = sum(p[t] for t in TABOO)
    strategy = {}
    value_of_commitment = {}
    for c in ("ambiguous", "exercises"):
        renege = p["commitment_cost"] if c == "exercises" else 0.0
        burden = p["exercise_cost"] if c == "exercises" else 0.0
        stakes = {"resolute": p["homeland_stake"] * p["ally_stake_share"],
                  "irresolute": p["homeland_stake"] * p["ally_stake_share"] * p["irresolute_share"]}
        response, alongside = {}, {}
        for t, s in stakes.items():
            response[t] = _first_best({"none": -s - renege, "conventional": -p["conventional_cost"],
                                       "nuclear": -p["nuclear_cost"] - taboo})
            alongside[t] = _first_best({"none": -s - renege, "conventional": -p["conventional_cost"]})
            strategy[f"defender:{t}/{c}"] = response[t]
            strategy[f"defender:{t}/{c}/self_help"] = alongside[t]
        loss = p["abandonment_loss"]
        firm = {"none": -loss, "conventional": 0.0, "nuclear": -p["protege_nuclear_cost"]}
        q = p["p_resolve_protege"]
        a = _first_best({"accommodate": -p["concession_ratio"] * loss,
                         "stand_firm": q * firm[response["resolute"]] + (1 - q) * firm[response["irresolute"]],
                         "self_help": -p["self_help_ratio"] * loss})
        strategy[f"protege:challenged/{c}"] = a
        war = {"none": p["gain"], "conventional": -p["war_cost"],
               "nuclear": -p["war_cost"] - p["nuclear_extra_cost"]}
        helped = {"none": p["gain"] - p["self_help_resistance"], "conventional": -p["war_cost"]}
        gain = {t: {"accommodate": p["gain"], "self_help": helped[alongside[t]],
                    "stand_firm": war[response[t]]}[a] for t in stakes}
        r = p["p_resolve_challenger"]
        challenge = r * gain["resolute"] + (1 - r) * gain["irresolute"] > 0
        strategy[f"challenger:challenge?/{c}"] = "challenge" if challenge else "not_challenge"

        def defender(t):
            if not challenge:
                return 0.0
            if a == "accommodate":
                return -p["concession_share"] * stakes[t]
            if a == "self_help":
                return -p["proliferation_cost"] + {"none": -stakes[t] - renege,
                                                   "conventional": -p["conventional_cost"]}[alongside[t]]
            return {"none": -stakes[t] - renege, "conventional": -p["conventional_cost"],
                    "nuclear": -p["nuclear_cost"] - taboo}[response[t]]
        value_of_commitment[c] = -burden + p["p_resolve"] * defender("resolute") + \
            (1 - p["p_resolve"]) * defender("irresolute")
    strategy["defender:commitment"] = _first_best(value_of_commitment)
    return strategy


def test_solver_agrees_with_hand_algebra_on_random_draws():
    compared = 0
    for params in draws(GAME, 400, seed=2025):
        result = GAME.solve(params, analyse=False)
        if result.ties:
            continue
        assert result.strategy == by_hand(params), params
        compared += 1
    assert compared > 350


def test_defender_strategy_has_threshold_form_in_its_stake():
    """Kilgour & Zagare (1994): a defender resists iff the pawn is valuable enough to it. Here: it
    responds iff its stake (plus, after exercises, the cost of reneging) exceeds its cheapest
    response's cost; one switch along the homeland stake, where the closed form puts it."""
    for params in draws(GAME, 40, seed=5):
        for c in ("ambiguous", "exercises"):
            key = f"defender:resolute/{c}"
            grid = [6 + 14 * i / 200 for i in range(201)]
            responds = [GAME.solve({**params, "homeland_stake": h}, analyse=False).strategy[key] != "none"
                        for h in grid]
            assert responds == sorted(responds), (params, c)  # never responds, then always
            cheapest = min(params["conventional_cost"], params["nuclear_cost"] + sum(params[t] for t in TABOO))
            renege = params["commitment_cost"] if c == "exercises" else 0.0
            critical = (cheapest - renege) / params["ally_stake_share"]
            for h, r in zip(grid, responds):
                if abs(h - critical) > 1e-9:
                    assert r == (h > critical), (params, c, h, critical)


def test_challenger_strategy_has_threshold_form_in_its_gain_and_belief():
    """The challenger challenges iff the pawn is valuable enough to it (its gain) and iff its belief in
    the defender's resolve is low enough; with the protégé standing firm and only the resolute type
    fighting conventionally the belief threshold is G/(G + C) (Healey: 1/20)."""
    for params in draws(GAME, 40, seed=6):
        key = "challenger:challenge?/ambiguous"
        grid = [0.5 + 1.5 * i / 150 for i in range(151)]
        challenges = [GAME.solve({**params, "gain": g}, analyse=False).strategy[key] == "challenge" for g in grid]
        assert challenges == sorted(challenges), params
        beliefs = [i / 100 for i in range(101)]
        deterred = [GAME.solve({**params, "p_resolve_challenger": b}, analyse=False).strategy[key]
                    == "not_challenge" for b in beliefs]
        assert deterred == sorted(deterred), params
    healey = {**NO_EXERCISES, "p_resolve_protege": 0.97, "gain": 1.0, "war_cost": 19.0, "self_help_ratio": 0.05}
    a = GAME.solve(healey).analysis
    assert a["responses"] == {"resolute": "conventional", "irresolute": "none"}
    assert a["protege_response"] == "stand_firm"
    assert a["deterrence_threshold"] == pytest.approx(1 / 20, abs=1e-12)
    assert a["assurance_threshold"] == pytest.approx(0.95, abs=1e-12)


def test_thresholds_match_bisection_on_full_solves():
    from umbrella.games.analysis import critical_value
    for params in draws(GAME, 25, seed=8):
        params = {**params, **NO_EXERCISES}
        a = GAME.solve(params).analysis
        c = a["commitment"]
        for name, key, target, field in (("p_resolve_challenger", f"challenger:challenge?/{c}", "not_challenge",
                                          "deterrence_threshold"),
                                         ("p_resolve_protege", f"protege:challenged/{c}", "stand_firm",
                                          "assurance_threshold")):
            expected = critical_value(GAME, params, name, 0.0, 1.0, lambda s, k=key, t=target: s.strategy[k] == t)
            if expected is None:
                assert a[field] is None
            else:
                assert a[field] == pytest.approx(expected, abs=1e-9), (params, name)


def test_assurance_gap_appears_and_disappears_as_the_beliefs_diverge():
    """Same thresholds for both audiences (G/(G+C) = 0.5 and 1 - K/L = 0.5): with one common belief
    there is never a gap; it opens exactly when the protégé's belief falls below the threshold that
    the challenger's clears, and the converse gap when it is the other way round."""
    base = {**NO_EXERCISES, "gain": 1.0, "war_cost": 1.0, "self_help_ratio": 0.5, "concession_ratio": 0.9,
            "self_help_resistance": 0.0}
    for common in (0.2, 0.4, 0.6, 0.8):
        a = GAME.solve({**base, "p_resolve_challenger": common, "p_resolve_protege": common}).analysis
        assert not a["deterred_not_assured"] and not a["assured_not_deterred"], common
    # the challenger's belief clears its threshold; the protégé's slides from equal to far below
    gaps = [GAME.solve({**base, "p_resolve_challenger": 0.7, "p_resolve_protege": q}).analysis["deterred_not_assured"]
            for q in (0.7, 0.6, 0.51, 0.49, 0.3, 0.1)]
    assert gaps == [False, False, False, True, True, True]
    converse = [GAME.solve({**base, "p_resolve_challenger": 0.3, "p_resolve_protege": q}).analysis["assured_not_deterred"]
                for q in (0.3, 0.49, 0.51, 0.9)]
    assert converse == [False, False, True, True]


def test_entrapment_and_abandonment_regions_exist_in_the_declared_box():
    result = region_shares(GAME, 600, seed=3)
    for region in ("entrapment", "abandonment", "deterred_not_assured", "assured_not_deterred"):
        assert result["regions"][region] > 0, region
    assert result["regions"]["entrapment"] > 0.1 and result["regions"]["abandonment"] > 0.1
    # counted independently of region_shares
    points = sample_box(GAME, 600, seed=3)
    entrapped = sum(GAME.solve(p).analysis["entrapment"] for p in points)
    assert result["regions"]["entrapment"] == pytest.approx(entrapped / 600)


def test_entrapment_is_the_defender_fighting_a_war_it_would_have_avoided():
    """At an entrapment point the protégé resists, and each entrapped defender type's payoff from the
    war it joins is below what it would get had the protégé accommodated (computed from the payoffs,
    not from the analysis); where the protégé accommodates nobody is entrapped."""
    from umbrella.games.tripartite import SELF_HELP_OUTCOME, RESPONSE_OUTCOME, defender_payoff
    seen = 0
    for params in draws(GAME, 300, seed=13):
        a = GAME.solve(params).analysis
        if a["protege_response"] == "accommodate":
            assert not a["entrapment"]
        if not a["entrapment"]:
            continue
        seen += 1
        c = a["commitment"]
        for kind in a["entrapped"]:
            if a["protege_response"] == "stand_firm":
                war = RESPONSE_OUTCOME[a["responses"][kind]]
            else:
                war = SELF_HELP_OUTCOME[a["responses_to_self_help"][kind]]
            assert war not in ("abandoned", "self_help")
            assert defender_payoff(params, "concession", kind, c) > defender_payoff(params, war, kind, c)
    assert seen > 50


def _all_taboo(value):
    return {t: value for t in TABOO}


def test_regions_move_with_taboo_costs_and_the_stakes_gap():
    """Without the taboo a nuclear response becomes the defender's choice often enough for the
    protégé to fear being dragged into a nuclear war (002 §03); a high taboo rules that out and leaves
    conventional support, so entrapment grows. A wide gap between extended and primary stakes
    (ally_stake_share low) makes abandonment the rule; a narrow one, entrapment."""
    no_taboo = region_shares(GAME, 400, seed=4, fixed=_all_taboo(0.0))["regions"]
    high_taboo = region_shares(GAME, 400, seed=4, fixed=_all_taboo(5.0))["regions"]
    assert no_taboo["nuclear_entrapment_fear"] > 0.1 > high_taboo["nuclear_entrapment_fear"]
    assert high_taboo["entrapment"] > no_taboo["entrapment"]
    wide_gap = region_shares(GAME, 400, seed=4, fixed={"ally_stake_share": 0.1})["regions"]
    narrow_gap = region_shares(GAME, 400, seed=4, fixed={"ally_stake_share": 0.9})["regions"]
    assert wide_gap["abandonment"] > narrow_gap["abandonment"]
    assert narrow_gap["entrapment"] > wide_gap["entrapment"]


def test_heterogeneous_beliefs_are_used_by_their_holders_only():
    r = GAME.solve({"p_resolve": 0.2, "p_resolve_challenger": 0.9, "p_resolve_protege": 0.1})
    assert r.beliefs["challenger:challenge?/ambiguous"] == pytest.approx({"resolute": 0.9, "irresolute": 0.1})
    assert r.beliefs["protege:challenged/ambiguous"] == pytest.approx({"resolute": 0.1, "irresolute": 0.9})
    assert r.analysis["p_support"]["challenger"] != r.analysis["p_support"]["protege"] or \
        r.analysis["responses"]["resolute"] == r.analysis["responses"]["irresolute"]


def test_every_point_of_the_box_is_valid_and_bad_beliefs_exit_2():
    for params in draws(GAME, 100, seed=9):
        GAME.resolve(params)
    for bad in ({"p_resolve": 0.0}, {"p_resolve": 1.0}, {"p_resolve_protege": 1.5}):
        with pytest.raises(InputError):
            GAME.solve(bad)
