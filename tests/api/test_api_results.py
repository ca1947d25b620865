"""The API serves the results store it was started with, read-only: its runs and a run's summary,
the same documents as the lab's; without a store, or for a run it does not hold, 404."""
from __future__ import annotations

from tests.api.conftest import TestClient, answer
from umbrella.api import create_app
from umbrella.dynamics.scenario import load_scenario
from umbrella.experiments.ensemble import run_to_store
from umbrella.lab import Lab, RunSummary, ShowRequest, StoreListing, StoreRequest


def test_results_endpoints_read_the_servers_store(tmp_path, client):
    out = tmp_path / "store"
    run_to_store(load_scenario("baseline"), out, samples=200, seed=3, history=[], variables=["threat"])
    served = TestClient(create_app(store=out))
    listing = answer(served.get("/api/results"), StoreListing)
    assert [(r.scenario, r.samples, r.complete) for r in listing.runs] == [("baseline", 200, True)]
    assert listing == Lab().results_list(StoreRequest(store=out))
    assert listing.runs[0].variables == ["threat"] and len(listing.runs[0].git_commit) == 40
    assert served.get("/api/server").json() == {"results_store": True}
    shown = answer(served.get("/api/results/baseline"), RunSummary)
    assert shown == Lab().results_show(ShowRequest(store=out, scenario="baseline"))
    assert list(shown.variables) == ["threat"] and shown.samples == 200
    missing = served.get("/api/results/nfu-multilateral")
    assert missing.status_code == 404 and missing.json()["errors"][0].startswith("<url>:0: scenario: unknown run")
    none = client.get("/api/results")
    assert none.status_code == 404 and "umbrella serve --store DIR" in none.json()["errors"][0]
    assert client.get("/api/server").json() == {"results_store": False}    # what the page asks first
