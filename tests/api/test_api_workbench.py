"""The dashboard's workbench reads, against references outside the code under test: history (US
weapons left South Korea in 1991), the seed files themselves, the solver's own equilibrium, the
one-year comparison endpoint and the scenario rules."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from umbrella.evidence.loader import seeds_dir


def test_world_follows_the_withdrawal_from_korea(client):
    """US nuclear weapons were on the peninsula until their withdrawal in 1991, and not after."""
    before, after = (client.get(f"/api/world/{y}").json()["hosts_by_intensity"] for y in (1985, 1995))
    assert "KOR" in before["fixed"]
    assert "KOR" not in after["fixed"] + after["non_fixed"]
    assert client.get("/api/world/1900").json()["deployments"] == []
    assert client.get("/api/world/abc").status_code == 422


def test_record_sources_are_the_seed_text_and_the_bibtex(client):
    doc = client.get("/api/data/record/spain-1988/sources").json()
    quotes = [s for s in doc["sources"] if "seed" in s]
    bibs = [s for s in doc["sources"] if "bib" in s]
    assert quotes and bibs
    for s in bibs:
        assert re.match(r"@\w+\{" + re.escape(s["bib"]) + ",", s["bibtex"])
    folder = seeds_dir()
    if folder is None:
        pytest.skip("the seeds are not here: quotes cannot be located in them")
    for s in quotes:
        lines = (folder / s["seed"]).read_text(encoding="utf-8").splitlines()
        text = "".join(lines[s["line"] - 1:s["line"] + 5])
        assert s["quote"][:20] in text, (s["seed"], s["line"])


def test_records_filtered_by_text_and_years(client):
    everything = client.get("/api/data/disputes").json()
    rows = client.get("/api/data/disputes", params={"text": "spain"}).json()
    assert "spain-1988" in [r["id"] for r in rows] and len(rows) < len(everything)
    assert all("spain" in json.dumps(r, ensure_ascii=False).lower() for r in rows)
    rows = client.get("/api/data/disputes", params={"start": 1980, "end": 1985}).json()
    assert rows and all(r["period"]["start"] <= 1985 and r["period"]["end"] >= 1980 for r in rows)


def test_game_tree_marks_the_solvers_path(client):
    for params in ({}, {"d": 0}, {"alt": 0, "multilateral": 0}):
        path = client.post("/api/games/deployment-bargaining/solve", json={"set": params}).json()["equilibrium"]["path"]
        node, walked = client.post("/api/games/deployment-bargaining/tree", json={"set": params}).json()["tree"], []
        while node["type"] == "decision":
            chosen = [a for a in node["actions"] if a["chosen"]]
            assert len(chosen) == 1 and node["reached"]
            walked.append(chosen[0]["action"])
            node = chosen[0]["child"]
        assert walked == path and node["reached"]


def test_comparison_by_year_agrees_with_compare(client):
    """B − A year by year (the dashboard's difference band) is, at the compared year, `compare`'s."""
    body = {"a": "baseline", "b": "tactical-redeployment", "variable": "public_nuclear_support", "actor": "KOR",
            "samples": 40, "seed": 2}
    one = client.post("/api/compare", json=body).json()
    job = client.post("/api/jobs/compare", json=body).json()
    while job["state"] not in ("done", "error", "cancelled"):
        job = client.get(f"/api/jobs/{job['id']}").json()
    assert job["state"] == "done", job
    series = job["result"]
    i = series["years"].index(one["year"])
    diff = series["diff"]["public_nuclear_support"]["KOR"]
    for key in ("mean", "q05", "q50", "q95"):
        assert diff[key][i] == pytest.approx(one["diff"][key], rel=1e-12, abs=1e-12)
    assert series["p_b_greater"]["public_nuclear_support"]["KOR"][i] == pytest.approx(one["p_b_greater"])


def test_variant_checked_by_the_scenario_rules(client):
    base = client.get("/api/scenarios/baseline").json()
    bad = client.post("/api/scenarios/check", json={"scenario": {**base, "id": "v", "levers": [{"lever": "nope", "value": 1}]}})
    assert bad.status_code == 400
    assert any(": scenario.levers[0].lever: unknown lever 'nope'" in e for e in bad.json()["errors"])
    variant = {**base, "id": "baseline-variant"}
    ok = client.post("/api/scenarios/check", json={"scenario": variant}).json()
    again = yaml.safe_load(ok["yaml"])                 # the downloadable YAML is the same scenario
    assert again["id"] == "baseline-variant" and again["start"] == base["start"]
    assert client.post("/api/scenarios/check", json={"scenario": again}).json()["yaml"] == ok["yaml"]
