"""`umbrella calibrate | sensitivity | discover` as a user runs them: JSON contracts and exit 2 on bad input."""
from __future__ import annotations

import json

import pytest

from tests.support import umbrella


@pytest.mark.parametrize("args,field", [
    (["calibrate", "--holdout", "first:3"], "--holdout"),
    (["calibrate", "--samples", "10"], "--samples"),
    (["sensitivity", "no-such-scenario", "--variable", "threat"], "scenario"),
    (["sensitivity", "baseline", "--variable", "happiness"], "--variable"),
    (["sensitivity", "baseline", "--variable", "prk_arsenal", "--actor", "KOR"], "--actor"),
    (["sensitivity", "baseline", "--variable", "threat", "--year", "1990"], "--year"),
    (["sensitivity", "baseline", "--variable", "threat", "--samples", "100"], "--samples"),
    (["sensitivity", "baseline", "--variable", "threat", "--parameters", "nonsense"], "--parameters"),
    (["discover", "baseline", "--variable", "threat"], "--above/--below"),
    (["discover", "baseline", "--variable", "threat", "--above", "0.5", "--year", "2100"], "--year"),
    (["discover", "nowhere", "--variable", "threat", "--above", "0.5"], "scenario"),
    (["discover", "baseline", "--variable", "threat", "--above", "0.5", "--plot", "box.txt"], "--plot"),
    (["calibrate", "--samples", "200", "--out", "/proc/umbrella-posterior.json"], "--out"),
])
def test_bad_input_exits_2_with_one_line(args, field):
    code, out, err = umbrella(*args)
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and f": {field}: " in lines[0], err
    assert "Traceback" not in err and out == ""


def test_calibrate_json_and_posterior_file(tmp_path):
    out = tmp_path / "posterior.json"
    plot = tmp_path / "fit.png"
    code, stdout, err = umbrella("calibrate", "--samples", "1000", "--seed", "5", "--holdout", "every:3",
                                "--out", out, "--plot", plot, "--format", "json")
    assert code == 0, err
    doc = json.loads(stdout)
    for key in ("method", "samples", "accepted", "seed", "fit", "posterior"):
        assert key in doc
    assert doc["samples"] == 1000 and doc["accepted"] == 10 and doc["seed"] == 5
    fit = doc["fit"]
    assert fit["n_held_out"] == len(fit["points"]) // 3
    assert fit["n_in_sample"] + fit["n_held_out"] == len(fit["points"])
    assert [p["in_sample"] for p in fit["points"]][2] is False
    name, summary = next(iter(doc["posterior"].items()))
    assert summary["prior_low"] <= summary["q05"] <= summary["mean"] <= summary["q95"] <= summary["prior_high"]
    written = json.loads(out.read_text())
    assert len(written["draws"][name]) == 10
    assert plot.stat().st_size > 1000


def test_sensitivity_and_discover_json(tmp_path):
    code, stdout, err = umbrella("sensitivity", "nfu-multilateral", "--variable", "crisis_probability",
                                "--method", "morris", "--samples", "4", "--format", "json", "--plot", tmp_path / "s.svg")
    assert code == 0, err
    doc = json.loads(stdout)
    assert doc["actor"] == "region" and doc["method"] == "morris"
    assert all({"mu_star", "mu_star_conf", "sigma"} <= set(v) for v in doc["indices"].values())
    assert (tmp_path / "s.svg").exists()
    code, stdout, err = umbrella("discover", "second-theater-war", "--variable", "proliferation_probability",
                                "--actor", "KOR", "--above", "0.1", "--samples", "400", "--prior", "--format", "json")
    assert code == 0, err
    doc = json.loads(stdout)
    box = doc["box"]
    assert {"coverage", "density", "mass", "limits", "trajectory"} <= set(box)
    assert box["trajectory"][0]["mass"] == 1.0
    assert 0 <= doc["share_yes"] <= 1 and doc["question"].endswith("> 0.1")
