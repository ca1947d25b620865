"""Bad input of any kind -> HTTP 4xx with {"errors": ["PATH:LINE: FIELD: message", ...]}, one line per problem."""
from __future__ import annotations

import pytest

from tests.api.conftest import errors_of

GAME = "/api/games/deployment-bargaining/solve"


def test_unknown_kind(client):
    (line,) = errors_of(client.get("/api/data/weapons"), 404)
    assert "kind" in line and "weapons" in line and "disputes" in line


def test_unknown_record(client):
    (line,) = errors_of(client.get("/api/data/record/no-such-case"), 404)
    assert "no-such-case" in line


def test_unknown_theory_and_game(client):
    errors_of(client.get("/api/theory/astrology/test"), 404)
    errors_of(client.get("/api/games/chess/params"), 404)
    errors_of(client.post("/api/games/chess/solve", json={"set": {}}), 404)


def test_unknown_game_parameter(client):
    (line,) = errors_of(client.post(GAME, json={"set": {"bogus": 1}}), 400)
    assert line.startswith("<request body>:0: set.bogus: ") and "unknown parameter" in line


def test_unknown_case(client):
    (line,) = errors_of(client.post(GAME, json={"case": "atlantis-1999"}), 400)
    assert line.startswith("<request body>:0: case: ") and "spain-1988" in line


def test_constraint_violation(client):
    """The unilateral game requires ch_dc > ch_sq > ch_dd (SYSTEM.md §3.6): breaking it is one line."""
    (line,) = errors_of(client.post("/api/games/unilateral-deterrence/solve",
                                    json={"set": {"ch_dc": 0, "ch_sq": 5}}), 400)
    assert "ch_dc > ch_sq > ch_dd" in line


@pytest.mark.parametrize("sets, n", [({"alt": "1"}, 1), ({"alt": True, "v": "x"}, 2), ({"alt": None}, 1)])
def test_non_numbers(client, sets, n):
    assert len(errors_of(client.post(GAME, json={"set": sets}), 422)) == n


def test_non_finite_number(client):
    """`set` values are finite numbers by the request's schema (Python's JSON parser reads NaN)."""
    response = client.post(GAME, content=b'{"set": {"v": NaN, "d": Infinity}}',
                           headers={"content-type": "application/json"})
    lines = errors_of(response, 422)
    assert len(lines) == 2 and all("finite" in line for line in lines)


def test_malformed_json_and_unknown_field(client):
    errors_of(client.post(GAME, content=b"{not json", headers={"content-type": "application/json"}), 422)
    (line,) = errors_of(client.post(GAME, json={"sets": {"v": 1}}), 422)
    assert "sets" in line


def test_unknown_scenario(client):
    (line,) = errors_of(client.post("/api/run", json={"scenario": "no-such-scenario", "samples": 5}), 400)
    assert "scenario" in line and "no-such-scenario" in line


def test_scenario_path_is_not_read(client):
    """Only bundled scenario ids: an HTTP client cannot make the server read a file of its choosing."""
    errors_of(client.post("/api/run", json={"scenario": "scenarios/baseline.yaml", "samples": 5}), 400)


@pytest.mark.parametrize("samples", [0, -3, 20_001, 2.5, "10"])
def test_bad_samples(client, samples):
    (line,) = errors_of(client.post("/api/run", json={"scenario": "baseline", "samples": samples}), 422)
    assert ": samples: " in line


def test_several_problems_one_line_each(client):
    lines = errors_of(client.post("/api/run", json={"scenario": "baseline", "samples": 0, "seed": -1}), 422)
    assert len(lines) == 2


def test_compare_bad_variable_and_scenarios(client):
    (line,) = errors_of(client.post("/api/compare", json={"a": "baseline", "b": "baseline", "variable": "mood",
                                                         "samples": 4}), 400)
    assert line.startswith("<request body>:0: variable: ")
    errors_of(client.post("/api/compare", json={"a": "nope", "b": "baseline"}), 400)
    errors_of(client.post("/api/compare", json={"a": "baseline"}), 422)


def test_claims_bad_query(client):
    errors_of(client.get("/api/claims?samples=0"), 422)
    errors_of(client.get("/api/claims?seed=abc"), 422)


def test_unknown_route_and_method(client):
    errors_of(client.get("/api/nothing-here"), 404)
    errors_of(client.get("/api/run"), 405)


# ---- regressions found by schemathesis (tests/api/test_api_schemathesis.py) -------------------

@pytest.mark.parametrize("body", [{"scenario": "baseline", "samples": 4.0, "seed": 2.0},
                                  {"scenario": "baseline", "samples": 4, "seed": 2}])
def test_whole_floats_are_integers(client, body):
    """JSON has one kind of number: 4.0 is the integer 4 to JSON Schema (the schema says `integer`),
    so it is accepted where an integer is, and gives the same document as 4."""
    response = client.post("/api/run", json=body)
    assert response.status_code == 200, response.text
    assert (response.json()["samples"], response.json()["seed"]) == (4, 2)


def test_discover_declares_what_it_accepts(client):
    """The discover job took `samples: 3909.0` for no integer and refused `above` past ±2**53 that its
    schema allowed (found by schemathesis): the whole float is an integer, the bound is in the schema."""
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    assert schema["DiscoverBody"]["properties"]["above"]["maximum"] == 2 ** 53
    body = {"scenario": "baseline", "variable": "threat", "above": 0.5, "samples": 1000.5}
    (line,) = errors_of(client.post("/api/jobs/discover", json=body), 422)
    assert line.startswith("<request body>:0: samples: ")
    (line,) = errors_of(client.post("/api/jobs/discover", json={**body, "samples": 40.0, "above": 1e16}), 422)
    assert line.startswith("<request body>:0: above: ") and "too large" in line


@pytest.mark.parametrize("samples", [4.5, "4", True, None])
def test_whole_number_is_still_strict(client, samples):
    (line,) = errors_of(client.post("/api/jobs/claims", json={"samples": samples}), 422)
    assert line.startswith("<request body>:0: samples: ")


@pytest.mark.parametrize("path, body", [("/api/jobs/claims", {"samples": 2}), ("/api/run", {"scenario": "baseline"}),
                                        ("/api/compare", {"a": "baseline", "b": "baseline"})])
@pytest.mark.parametrize("prior", [0, 1, "true", None])
def test_prior_is_a_strict_bool(client, path, body, prior):
    """The schema says boolean: 0, 1 and "true" are not booleans to JSON (found by schemathesis)."""
    (line,) = errors_of(client.post(path, json={**body, "prior": prior}), 422)
    assert line.startswith("<request body>:0: prior: ")


def test_405_names_every_method_of_the_path(client):
    """/api/jobs/{job} has two routes (GET, DELETE): Allow names both; /api/jobs/run only its own."""
    response = client.put("/api/jobs/run-1")
    errors_of(response, 405)
    assert response.headers["allow"] == "DELETE, GET"
    response = client.get("/api/jobs/claims")      # a job id "claims": GET answers 404, not 405
    errors_of(response, 404)
    response = client.put("/api/jobs/claims")
    errors_of(response, 405)
    assert response.headers["allow"] == "POST"
