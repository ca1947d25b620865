"""`umbrella game ...`: JSON contracts, exit codes, files."""
from __future__ import annotations

import json

import pytest

from tests.support import umbrella


CELLS = {(1, 1): "concede", (1, 0): "concede_punish", (0, 1): "persuade", (0, 0): "pressure"}


@pytest.mark.parametrize("cell, strategy", sorted(CELLS.items()))
def test_solve_json_gives_004_strategy(cell, strategy):
    rc, out, err = umbrella("game", "solve", "deployment-bargaining", "--set", f"alt={cell[0]}",
                       "--set", f"multilateral={cell[1]}", "--format", "json")
    assert rc == 0, err
    doc = json.loads(out)
    assert doc["game"] == "deployment-bargaining" and doc["params"]["alt"] == cell[0]
    eq = doc["equilibrium"]
    assert eq["outcome"] == strategy
    assert eq["path"][0] in ("concede", "persuade", "pressure")
    assert set(eq["payoffs"]) == {"patron", "host"}


def test_params_json_shape():
    rc, out, _ = umbrella("game", "params", "unilateral-deterrence", "--format", "json")
    rows = json.loads(out)
    assert rc == 0 and {r["name"] for r in rows} >= {"p_hard", "ch_sq", "ch_dc", "ch_dd", "def_sq", "def_dc",
                                                     "def_dd_hard", "def_dd_soft"}
    for r in rows:
        assert {"name", "default", "low", "high", "unit", "description"} <= set(r)
        assert r["low"] <= r["default"] <= r["high"]


def test_list():
    rc, out, _ = umbrella("game", "list", "--format", "json")
    assert rc == 0 and {g["id"] for g in json.loads(out)} == {"deployment-bargaining", "extended-deterrence",
                                                             "unilateral-deterrence", "tripartite-crisis"}


@pytest.mark.parametrize("args", [
    ("game", "solve", "no-such-game"),
    ("game", "solve", "deployment-bargaining", "--set", "nope=1"),
    ("game", "solve", "deployment-bargaining", "--set", "v=abc"),
    ("game", "solve", "deployment-bargaining", "--set", "alt=0.5"),
    ("game", "solve", "unilateral-deterrence", "--set", "ch_sq=5"),
    ("game", "params", "no-such-game"),
    ("game", "export", "no-such-game", "--format", "efg"),
    ("game", "map", "deployment-bargaining", "--x", "v:0:1", "--y", "d:0:1:2"),
    ("game", "map", "deployment-bargaining", "--x", "zz:0:1:2", "--y", "d:0:1:2"),
    ("game", "solve", "deployment-bargaining", "--case", "atlantis"),
    ("game", "solve", "deployment-bargaining", "--set", "v=1e308", "--set", "c_alt=-1e308"),  # payoff overflow
    ("game", "map", "extended-deterrence", "--x", "gain:1:2:2", "--y", "war_cost:1:2:2", "--show", "nobody:nowhere"),
    ("game", "robustness", "unilateral-deterrence"),
])
def test_bad_input_exits_2_with_one_line(args):
    rc, out, err = umbrella(*args)
    assert rc == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("<command line>:0: ")
    assert "Traceback" not in err


def test_out_of_range_value_is_used_with_warning():
    rc, out, err = umbrella("game", "solve", "deployment-bargaining", "--set", "v=100", "--format", "json")
    assert rc == 0 and "outside its declared range" in err
    assert json.loads(out)["params"]["v"] == 100


def test_end_to_end_export_solve_and_bad_input(tmp_path):
    rc, out, _ = umbrella("game", "export", "deployment-bargaining", "--set", "alt=0", "--format", "efg")
    assert rc == 0 and out.startswith("EFG 2 R") and '"patron" "host"' in out
    target = tmp_path / "g.efg"
    rc, _, _ = umbrella("game", "export", "extended-deterrence", "--format", "efg", "--out", target)
    assert rc == 0 and target.read_text().startswith("EFG 2 R")
    rc, out, err = umbrella("game", "solve", "deployment-bargaining", "--set", "alt=1", "--set", "multilateral=0",
                       "--format", "json")
    assert rc == 0 and json.loads(out)["equilibrium"]["outcome"] == "concede_punish"
    rc, out, err = umbrella("game", "solve", "unilateral-deterrence", "--set", "ch_sq=5")
    assert rc == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_map_json_and_plot(tmp_path):
    plot = tmp_path / "map.svg"
    rc, out, err = umbrella("game", "map", "deployment-bargaining", "--x", "c_alt:0:10:5", "--y", "d:0:10:3",
                       "--set", "alt=1", "--set", "multilateral=1", "--format", "json", "--plot", plot)
    assert rc == 0, err
    doc = json.loads(out)
    assert len(doc["outcomes"]) == 3 and len(doc["outcomes"][0]) == 5
    # a persuadable host (d = 0): relocation only while cheaper than persuasion (c_alt < c_persuade = 3)
    assert doc["outcomes"][0] == ["concede", "concede", "persuade", "persuade", "persuade"]
    assert doc["prediction_holds"][0][0] is True and doc["prediction_holds"][0][-1] is False
    # a firmly opposed host (d = 10): the patron concedes whatever relocation costs
    assert doc["outcomes"][-1] == ["concede"] * 5
    assert plot.read_text().lstrip().startswith("<?xml")


def test_tree_png(tmp_path):
    target = tmp_path / "tree.png"
    rc, _, err = umbrella("game", "tree", "unilateral-deterrence", "--out", target)
    assert rc == 0, err
    assert target.read_bytes()[:4] == b"\x89PNG"


def test_cases_json():
    rc, out, _ = umbrella("game", "cases", "deployment-bargaining", "--format", "json")
    rows = json.loads(out)
    assert rc == 0 and len(rows) == 4 and all(r["agrees"] for r in rows)


def test_map_of_an_information_set_shows_the_healey_gap():
    rc, out, err = umbrella("game", "map", "extended-deterrence", "--x", "p_resolve_prior:0.02:0.98:3",
                       "--y", "self_help_ratio:0.05:0.05:1", "--show", "ally:challenged", "--format", "json")
    assert rc == 0, err
    doc = json.loads(out)
    # p = 0.02, 0.5, 0.98 with K/L = 0.05: the ally relies only above 0.95
    assert doc["show"] == "ally:challenged" and doc["outcomes"] == [["self_help", "self_help", "rely"]]
    rc, out, _ = umbrella("game", "map", "extended-deterrence", "--x", "p_resolve_prior:0.02:0.98:3",
                     "--y", "self_help_ratio:0.05:0.05:1", "--show", "challenger:challenge?", "--format", "json")
    # deterred from p = 0.05 on: the middle column is deterred but not assured
    assert json.loads(out)["outcomes"] == [["challenge", "not_challenge", "not_challenge"]]


def test_tripartite_solve_export_params_and_tree(tmp_path):
    rc, out, err = umbrella("game", "solve", "tripartite-crisis", "--format", "json")
    assert rc == 0, err
    doc = json.loads(out)
    assert set(doc["equilibrium"]["payoffs"]) == {"challenger", "protege", "defender"}
    assert doc["equilibrium"]["path"][0] in ("ambiguous", "exercises")
    assert {"entrapment", "abandonment", "deterred_not_assured", "deterrence_threshold"} <= set(doc["analysis"])
    rc, out, _ = umbrella("game", "export", "tripartite-crisis", "--format", "efg")
    assert rc == 0 and out.startswith('EFG 2 R "tripartite-crisis" { "challenger" "protege" "defender" }')
    rc, out, _ = umbrella("game", "params", "tripartite-crisis", "--format", "json")
    rows = json.loads(out)
    assert all({"role", "neutral"} <= set(r) for r in rows)
    assert all(r["neutral"] is not None for r in rows if r["role"] == "effect")
    target = tmp_path / "tree.svg"
    rc, _, err = umbrella("game", "tree", "tripartite-crisis", "--out", target)
    assert rc == 0, err
    assert target.read_text().lstrip().startswith("<?xml")


def test_tripartite_map_of_regions_and_robustness(tmp_path):
    rc, out, err = umbrella("game", "map", "tripartite-crisis", "--x", "p_resolve_protege:0.5:0.97:2",
                       "--y", "p_resolve_challenger:0.5:0.5:1", "--show", "deterred_not_assured", "--format", "json",
                       "--plot", tmp_path / "gap.png")
    assert rc == 0, err
    # defaults: K/L = 0.05, so the protégé hedges below a belief of 0.95 while the challenger is deterred
    assert json.loads(out)["outcomes"] == [[True, False]]
    rc, out, err = umbrella("game", "map", "tripartite-crisis", "--x", "ally_stake_share:0.1:0.9:3",
                       "--y", "taboo_destruction:0:5:2", "--show", "regions", "--format", "json")
    assert rc == 0, err
    cells = {c for row in json.loads(out)["outcomes"] for c in row}
    assert cells and all(c == "none" or set(c.split("+")) <= {"entrapment", "abandonment", "deterred_not_assured",
                                                                  "assured_not_deterred", "nuclear_entrapment_fear"}
                         for c in cells)
    rc, out, err = umbrella("game", "robustness", "tripartite-crisis", "--samples", "200", "--format", "json")
    assert rc == 0, err
    doc = json.loads(out)
    assert set(doc["regions"]) == {"entrapment", "abandonment", "deterred_not_assured", "assured_not_deterred",
                                   "nuclear_entrapment_fear"}
    assert sum(doc["outcomes"].values()) == pytest.approx(1.0)
    rc, _, err = umbrella("game", "map", "tripartite-crisis", "--x", "gain:1:2:2", "--y", "war_cost:1:2:2",
                     "--show", "nowhere")
    assert rc == 2 and len(err.strip().splitlines()) == 1
