"""Each endpoint's body equals what the CLI prints with `--format json` for the same input (SYSTEM.md §3),
plus a few independent checks of the content (derived fields, seed 004's Table 1 cell)."""
from __future__ import annotations

import pytest

from tests.api.api_support import cli_json, client  # noqa: F401  (fixtures)

from umbrella.api import documents

ORDER = {"none": 0, "non_fixed": 1, "fixed": 2}


@pytest.mark.parametrize("path, args", [
    ("/api/data/disputes", ["data", "list", "disputes"]),
    ("/api/data/actors", ["data", "list", "actors"]),
    ("/api/data/surveys", ["data", "list", "surveys"]),
    ("/api/data/record/spain-1988", ["data", "show", "spain-1988"]),
    ("/api/theories", ["theory", "list"]),
    ("/api/theory/deployment-typology/test", ["theory", "test", "--theory", "deployment-typology"]),
    ("/api/games", ["game", "list"]),
    ("/api/games/deployment-bargaining/params", ["game", "params", "deployment-bargaining"]),
    ("/api/games/extended-deterrence/params", ["game", "params", "extended-deterrence"]),
    ("/api/scenarios", ["scenarios"]),
    ("/api/params", ["params"]),
    ("/api/params?vocabulary=true", ["params", "--vocabulary"]),
])
def test_get_equals_cli_json(client, cli_json, path, args):
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.json() == cli_json(*args)


@pytest.mark.parametrize("game, sets", [
    ("deployment-bargaining", {"alt": 0, "multilateral": 0}),
    ("unilateral-deterrence", {"p_hard": 0.2}),
    ("extended-deterrence", {}),
])
def test_solve_equals_cli_json(client, cli_json, game, sets):
    response = client.post(f"/api/games/{game}/solve", json={"set": sets})
    assert response.status_code == 200, response.text
    args = [a for name, value in sets.items() for a in ("--set", f"{name}={value}")]
    assert response.json() == cli_json("game", "solve", game, *args)


def test_solve_case_equals_cli_json(client, cli_json):
    response = client.post("/api/games/deployment-bargaining/solve", json={"case": "spain-1988", "set": {"d": 2}})
    assert response.status_code == 200, response.text
    assert response.json() == cli_json("game", "solve", "deployment-bargaining", "--case", "spain-1988", "--set", "d=2")


def test_solve_typology_cell(client):
    """Seed 004 Table 1: no alternative + bilateral structure -> the patron pressures the host."""
    eq = client.post("/api/games/deployment-bargaining/solve", json={"set": {"alt": 0, "multilateral": 0}}).json()
    assert eq["equilibrium"]["outcome"] == "pressure"


def test_solve_out_of_range_is_used_with_a_warning(client):
    response = client.post("/api/games/deployment-bargaining/solve", json={"set": {"v": 1000}})
    assert response.status_code == 200
    assert response.json()["params"]["v"] == 1000
    assert "outside its declared range" in response.headers["X-Umbrella-Warnings"]


def test_run_equals_cli_json(client, cli_json):
    response = client.post("/api/run", json={"scenario": "washington-declaration", "samples": 16, "seed": 5})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body == cli_json("run", "washington-declaration", "--samples", 16, "--seed", 5)
    band = body["variables"]["public_nuclear_support"]["KOR"]
    assert all(lo <= mid <= hi for lo, mid, hi in zip(band["q05"], band["q50"], band["q95"]))


def test_compare_equals_cli_json(client, cli_json):
    body = {"a": "baseline", "b": "washington-declaration", "variable": "assurance", "actor": "KOR",
            "samples": 16, "seed": 2}
    response = client.post("/api/compare", json=body)
    assert response.status_code == 200, response.text
    assert response.json() == cli_json("compare", "baseline", "washington-declaration", "--variable", "assurance",
                                       "--actor", "KOR", "--samples", 16, "--seed", 2)


def test_compare_same_scenario_is_zero(client):
    """Common random numbers: B = A gives a difference of exactly zero."""
    body = client.post("/api/compare", json={"a": "baseline", "b": "baseline", "samples": 8, "seed": 1}).json()
    assert body["diff"] == {"mean": 0.0, "q05": 0.0, "q50": 0.0, "q95": 0.0}


def test_claims_equals_cli_json(client, cli_json):
    response = client.get("/api/claims?samples=2&seed=3")
    assert response.status_code == 200, response.text
    assert response.json() == cli_json("claims", "--samples", 2, "--seed", 3)


def test_claims_cached_per_samples_and_seed(client, monkeypatch):
    import umbrella.claims
    calls = []

    def fake_ledger(ledger, samples, seed, data_dirs=(), progress=None):
        calls.append((samples, seed))
        return [{"id": "X-01", "status": "holds", "share_holds": 1.0, "fails_when": None, "reason": None}]

    monkeypatch.setattr(umbrella.claims, "run_ledger", fake_ledger)
    monkeypatch.setattr(documents, "_claims_cache", {})
    first = client.get("/api/claims?samples=7&seed=9").json()
    second = client.get("/api/claims?samples=7&seed=9").json()
    client.get("/api/claims?samples=7&seed=10")
    assert first == second and first["samples"] == 7 and first["seed"] == 9
    assert calls == [(7, 9), (7, 10)]


def test_disputes_derived_fields(client):
    """`conceded` is seed 004's criterion final < preferred, recomputed here from the raw codings."""
    rows = client.get("/api/data/disputes").json()
    assert rows
    for r in rows:
        assert r["alt"] == any(a["available"] for a in r.get("alternatives") or [])
        if r.get("final_intensity") is None:
            assert r["conceded"] is None
        else:
            assert r["conceded"] == (ORDER[r["final_intensity"]] < ORDER[r["us_preferred_intensity"]])
