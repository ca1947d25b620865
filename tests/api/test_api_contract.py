"""Each endpoint answers the result model of the lab's use case (its document is SYSTEM.md §3's
JSON), compared as typed models with what `umbrella.lab` returns for the same request; plus a few
independent checks of the content (derived fields, seed 004's Table 1 cell, common random numbers)."""
from __future__ import annotations

import pytest

from tests.api.conftest import answer, fake_rows
from umbrella.lab import (ClaimsRequest, ClaimsResult, CompareRequest, Comparison, GameList, GameParameters,
                          GameRequest, GameSolution, GameSolveRequest, ParameterList, RecordDocument, RecordList,
                          RecordRequest, RecordsRequest, RunRequest, RunSummary, ScenarioList, TheoryList,
                          TheoryRequest, TheoryTest, VariableList, Vocabulary)

ORDER = {"none": 0, "non_fixed": 1, "fixed": 2}


@pytest.mark.parametrize("path, model, use_case", [
    ("/api/data/disputes", RecordList, lambda lab: lab.records(RecordsRequest(kind="disputes"))),
    ("/api/data/actors", RecordList, lambda lab: lab.records(RecordsRequest(kind="actors"))),
    ("/api/data/surveys", RecordList, lambda lab: lab.records(RecordsRequest(kind="surveys"))),
    ("/api/data/record/spain-1988", RecordDocument, lambda lab: lab.record(RecordRequest(id="spain-1988"))),
    ("/api/theories", TheoryList, lambda lab: lab.theory_list()),
    ("/api/theory/deployment-typology/test", TheoryTest,
     lambda lab: lab.theory_test(TheoryRequest(theory="deployment-typology"))),
    ("/api/games", GameList, lambda lab: lab.games()),
    ("/api/games/deployment-bargaining/params", GameParameters,
     lambda lab: lab.game_params(GameRequest(game="deployment-bargaining"))),
    ("/api/games/extended-deterrence/params", GameParameters,
     lambda lab: lab.game_params(GameRequest(game="extended-deterrence"))),
    ("/api/scenarios", ScenarioList, lambda lab: lab.scenario_list()),
    ("/api/params", ParameterList, lambda lab: lab.parameters()),
    ("/api/params?vocabulary=true", Vocabulary, lambda lab: lab.vocabulary()),
    ("/api/variables", VariableList, lambda lab: lab.variables()),
])
def test_get_answers_the_use_case(client, lab, path, model, use_case):
    assert answer(client.get(path), model) == use_case(lab)


@pytest.mark.parametrize("game, sets", [
    ("deployment-bargaining", {"alt": 0, "multilateral": 0}),
    ("unilateral-deterrence", {"p_hard": 0.2}),
    ("extended-deterrence", {}),
])
def test_solve_answers_the_use_case(client, lab, game, sets):
    response = client.post(f"/api/games/{game}/solve", json={"set": sets})
    assert answer(response, GameSolution) == lab.game_solve(GameSolveRequest(game=game, set=sets))


def test_solve_case_answers_the_use_case(client, lab):
    response = client.post("/api/games/deployment-bargaining/solve", json={"case": "spain-1988", "set": {"d": 2}})
    assert answer(response, GameSolution) == lab.game_solve(
        GameSolveRequest(game="deployment-bargaining", case="spain-1988", set={"d": 2}))


def test_solve_typology_cell(client):
    """Seed 004 Table 1: no alternative + bilateral structure -> the patron pressures the host."""
    response = client.post("/api/games/deployment-bargaining/solve", json={"set": {"alt": 0, "multilateral": 0}})
    assert answer(response, GameSolution).equilibrium.outcome == "pressure"


def test_solve_out_of_range_is_used_with_a_warning(client):
    response = client.post("/api/games/deployment-bargaining/solve", json={"set": {"v": 1000}})
    assert answer(response, GameSolution).params["v"] == 1000
    assert "outside its declared range" in response.headers["X-Umbrella-Warnings"]


def test_run_answers_the_use_case(client, lab):
    response = client.post("/api/run", json={"scenario": "washington-declaration", "samples": 24, "seed": 5})
    run = answer(response, RunSummary)
    assert run == lab.run(RunRequest(scenario="washington-declaration", samples=24, seed=5))
    band = run.variables["public_nuclear_support"]["KOR"]
    assert all(lo <= mid <= hi for lo, mid, hi in zip(band.q05, band.q50, band.q95))


def test_compare_answers_the_use_case(client, lab):
    body = {"a": "baseline", "b": "washington-declaration", "variable": "assurance", "actor": "KOR",
            "samples": 16, "seed": 2}
    assert answer(client.post("/api/compare", json=body), Comparison) == lab.compare(CompareRequest(**body))


def test_compare_same_scenario_is_zero(client):
    """Common random numbers: B = A gives a difference of exactly zero."""
    result = answer(client.post("/api/compare", json={"a": "baseline", "b": "baseline", "samples": 8, "seed": 1}),
                    Comparison)
    assert (result.diff.mean, result.diff.q05, result.diff.q50, result.diff.q95) == (0.0, 0.0, 0.0, 0.0)


def test_claims_answers_the_use_case(client, lab):
    response = client.get("/api/claims?samples=2&seed=3")
    assert answer(response, ClaimsResult) == lab.claims(ClaimsRequest(samples=2, seed=3))


def test_claims_cached_per_samples_seed_and_prior(fresh_client, monkeypatch):
    import umbrella.claims
    calls = []

    def fake_ledger(ledger, samples, seed, posterior=None, **resources):
        calls.append((samples, seed, "prior" if posterior is None else "posterior"))
        return fake_rows()

    monkeypatch.setattr(umbrella.claims, "run_ledger", fake_ledger)
    first = answer(fresh_client.get("/api/claims?samples=7&seed=9"), ClaimsResult)
    second = answer(fresh_client.get("/api/claims?samples=7&seed=9"), ClaimsResult)
    fresh_client.get("/api/claims?samples=7&seed=10")
    fresh_client.get("/api/claims?samples=7&seed=9&prior=true")
    fresh_client.get("/api/claims?samples=7&seed=9&prior=true")
    assert first == second and (first.samples, first.seed) == (7, 9)
    assert calls == [(7, 9, "posterior"), (7, 10, "posterior"), (7, 9, "prior")]


def test_disputes_derived_fields(client):
    """`conceded` is seed 004's criterion final < preferred, recomputed here from the raw codings."""
    rows = answer(client.get("/api/data/disputes"), RecordList).root
    assert rows
    for r in rows:
        assert r.alt == any(a["available"] for a in r.alternatives or [])
        if getattr(r, "final_intensity", None) is None:
            assert r.conceded is None
        else:
            assert r.conceded == (ORDER[r.final_intensity] < ORDER[r.us_preferred_intensity])


def test_every_endpoint_declares_its_answers(client):
    """/openapi.json describes each endpoint's success and the one error body of every 4xx; 429
    (with Retry-After) where the endpoint computes, and only there."""
    schema = client.get("/openapi.json").json()
    error = {"$ref": "#/components/schemas/ErrorBody"}
    assert set(schema["components"]["schemas"]["ErrorBody"]["properties"]) == {"errors"}
    for path, operations in schema["paths"].items():
        for method, op in operations.items():
            ok = next(code for code in op["responses"] if code.startswith("2"))
            assert op["responses"][ok]["content"], (method, path)
            assert all(c["schema"] for c in op["responses"][ok]["content"].values()), (method, path)
            computes = path in ("/api/run", "/api/compare", "/api/claims", "/api/results/{scenario}",
                                "/api/games/{game}/map") or (
                path.startswith("/api/jobs/") and method == "post")
            for status in ("400", "401", "404", "413", "422") + (("429",) if computes else ()):
                assert op["responses"][status]["content"]["application/json"]["schema"] == error, (method, path, status)
            assert ("429" in op["responses"]) == computes, (method, path)
            if computes:
                assert "Retry-After" in op["responses"]["429"]["headers"]
