"""Background jobs (the dashboard's progress bars): same documents as the synchronous endpoints."""
from __future__ import annotations

import time

import pytest

from tests.api.conftest import answer, fake_rows
from umbrella.api.jobs import JobRecord
from umbrella.lab import ClaimsResult, RunSummary


def finish(client, started, limit=60.0, status=202):
    """The job of the answer `started` once it has finished (polled until then, at most `limit` s)."""
    assert started.status_code == status, started.text
    job = started.json()
    deadline = time.monotonic() + limit
    while job["state"] in ("queued", "running", "cancelling") and time.monotonic() < deadline:
        time.sleep(0.05)
        job = client.get(f"/api/jobs/{job['id']}").json()
    return job


def test_run_job_equals_run(client):
    body = {"scenario": "washington-declaration", "samples": 24, "seed": 4}
    job = JobRecord.model_validate(finish(client, client.post("/api/jobs/run", json=body)))
    assert job.state == "done" and job.done == job.total == 24
    assert job.result == answer(client.post("/api/run", json=body), RunSummary)


def test_claims_job_reports_progress_and_fills_the_cache(fresh_client, monkeypatch):
    import umbrella.claims
    seen = []

    def fake_ledger(ledger, samples, seed, progress=None, **resources):
        for i in range(3):
            progress(i + 1, 3)
            seen.append(i + 1)
        return fake_rows("fails")

    monkeypatch.setattr(umbrella.claims, "run_ledger", fake_ledger)
    job = JobRecord.model_validate(finish(fresh_client, fresh_client.post("/api/jobs/claims",
                                                                          json={"samples": 3, "seed": 8})))
    assert job.state == "done" and (job.done, job.total) == (3, 3) and seen == [1, 2, 3]
    assert job.result == answer(fresh_client.get("/api/claims?samples=3&seed=8"), ClaimsResult)
    assert seen == [1, 2, 3]  # the synchronous endpoint reused the job's result


def test_job_errors_are_problem_lines(fresh_client, monkeypatch):
    import umbrella.claims
    from umbrella.errors import InputError, Problem

    def broken(*args, **kwargs):
        raise InputError([Problem("claims/ledger.yaml", 12, "check", "unknown model")])

    monkeypatch.setattr(umbrella.claims, "run_ledger", broken)
    job = JobRecord.model_validate(finish(fresh_client, fresh_client.post("/api/jobs/claims",
                                                                          json={"samples": 4, "seed": 1})))
    assert job.state == "error" and job.errors == ["claims/ledger.yaml:12: check: unknown model"]
    assert job.result is None


@pytest.mark.parametrize("path, body, status", [
    ("/api/jobs/run", {"scenario": "nope", "samples": 4}, 400),
    ("/api/jobs/run", {"scenario": "baseline", "samples": 0}, 422),
    ("/api/jobs/run", {"scenario": "baseline", "samples": 20_000}, 400),   # more than the posterior's draws
    ("/api/jobs/claims", {"samples": 1}, 422),
])
def test_bad_job_input_is_refused_before_starting(client, path, body, status):
    response = client.post(path, json=body)
    assert response.status_code == status and len(response.json()["errors"]) == 1


def test_unknown_job(client):
    response = client.get("/api/jobs/run-999999")
    assert response.status_code == 404 and response.json()["errors"][0].startswith("<url>:0: job: ")
