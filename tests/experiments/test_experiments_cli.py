"""`umbrella calibrate | sensitivity | discover` as a user runs them: JSON contracts and exit 2 on bad input."""
from __future__ import annotations

import json

import pytest

from tests.support import umbrella


@pytest.mark.parametrize("args,field", [
    (["calibrate", "--holdout", "first:3"], "--holdout"),
    (["calibrate", "--particles", "10"], "--particles"),
    (["calibrate", "--out", "/tmp", "--write-committed"], "--out"),
    (["sensitivity", "baseline", "--variable", "threat", "--method", "sobol"], "--method"),
    (["sensitivity", "no-such-scenario", "--variable", "threat"], "SCENARIO"),
    (["sensitivity", "baseline", "--variable", "happiness"], "--variable"),
    (["sensitivity", "baseline", "--variable", "prk_arsenal", "--actor", "KOR"], "--actor"),
    (["sensitivity", "baseline", "--variable", "threat", "--year", "1990"], "--year"),
    (["sensitivity", "baseline", "--variable", "threat", "--samples", "10"], "--samples"),
    (["sensitivity", "baseline", "--variable", "threat", "--parameters", "nonsense"], "--parameters"),
    (["discover", "baseline", "--variable", "threat"], "--above/--below"),
    (["discover", "baseline", "--variable", "threat", "--above", "0.5", "--year", "2100"], "--year"),
    (["discover", "nowhere", "--variable", "threat", "--above", "0.5"], "SCENARIO"),
    (["discover", "baseline", "--variable", "threat", "--above", "0.5", "--plot", "box.txt"], "--plot"),
    (["calibrate", "--particles", "200", "--out", "/proc/umbrella-posterior"], "--out"),
])
def test_bad_input_exits_2_with_one_line(args, field):
    code, out, err = umbrella(*args)
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and f": {field}: " in lines[0], err
    assert "Traceback" not in err and out == ""


def test_calibrate_json_and_posterior_files_leave_the_repository_alone(tmp_path, monkeypatch):
    """`calibrate` writes to out/ under the working directory by default, never over the bundled
    posterior; its JSON carries one object per observed series and the rival sides."""
    from umbrella.evidence import load
    from umbrella.experiments.calibration import draws_path, load_posterior
    from umbrella.resources import posterior_file
    committed = posterior_file().read_bytes()
    monkeypatch.chdir(tmp_path)
    plot = tmp_path / "fit.png"
    code, stdout, err = umbrella("calibrate", "--particles", "200", "--seed", "5", "--holdout", "since:2022",
                                "--plot", plot, "--format", "json")
    assert code == 0, err
    assert posterior_file().read_bytes() == committed
    doc = json.loads(stdout)
    assert doc["method"] == "smc-tempering" and doc["particles"] == 200 and doc["seed"] == 5
    assert doc["distinct_draws"] > 190
    assert {s["id"] for s in doc["series"]} == set(load().series)
    keys = {"id", "variable", "n_in_sample", "n_held_out", "rmse_in_sample", "rmse_held_out", "rmse_prior_in_sample",
            "rmse_prior_held_out"}
    for s in doc["series"]:
        assert keys <= set(s)
        if s["role"] == "fitted":
            assert s["n_in_sample"] + s["n_held_out"] == len(s["points"])
            assert all(p["in_sample"] == (p["year"] < 2022) for p in s["points"])
        else:
            assert s["n_in_sample"] == 0 and s["rmse_in_sample"] is None and s["reason"]
    roles = {s["id"]: s["role"] for s in doc["series"]}
    assert roles["prk-nuclear-tests"] == "input" and roles["usa-strategic-assets-kor-mnd"] == "lever"
    sides = [side for r in doc["rivals"]["rivalries"] for side in r["sides"]]
    assert sides and all(0 <= side["share_posterior"] <= 1 and 0 <= side["share_prior"] <= 1 for side in sides)
    manifest = tmp_path / "out" / "northeast-asia.json"
    written = json.loads(manifest.read_text())["series"]
    assert [(s["id"], s["n_in_sample"], s["n_held_out"]) for s in written] == \
        [(s["id"], s["n_in_sample"], s["n_held_out"]) for s in doc["series"]]
    draws = load_posterior(manifest, model_only=False)
    assert len(draws["prk_arsenal_initial"]) == 200 and "fissile-ratio" in draws
    assert draws_path(manifest).exists()
    assert plot.stat().st_size > 1000


def test_sensitivity_and_discover_json(tmp_path):
    code, stdout, err = umbrella("sensitivity", "nfu-multilateral", "--variable", "crisis_probability", "--prior",
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
