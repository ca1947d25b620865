"""Computations go through one bounded queue: at most N run, M wait, the rest are told 429 with
Retry-After; jobs can be cancelled (a running ensemble stops at its next progress tick) and expire;
the claims cache is bounded by size; the resources are loaded once per server."""
from __future__ import annotations

import gc
import threading
import tracemalloc

import pytest

from tests.api.conftest import TestClient, answer, errors_of, fake_rows
from tests.api.test_api_jobs import finish
from umbrella.api import create_app
from umbrella.api.cache import SizedLRU
from umbrella.api.jobs import JobRecord
from umbrella.lab import ClaimsResult, RunSummary
from umbrella.limits import ServerLimits

WAIT = 60  # seconds a test waits for a thread before it fails (a hang detector, not a timing)


class Ledger:
    """A fake claims ledger (`umbrella.claims.run_ledger`) that advances one tick each time the test
    lets it, and counts how many run at once."""

    def __init__(self, ticks: int = 3):
        self.ticks, self.ticked, self.running, self.most = ticks, 0, 0, 0
        self.entered = threading.Semaphore(0)
        self.step = threading.Semaphore(0)
        self.lock = threading.Lock()

    def __call__(self, ledger, samples, seed, progress=None, **resources):
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        self.entered.release()
        try:
            for i in range(self.ticks):
                assert self.step.acquire(timeout=WAIT)
                with self.lock:
                    self.ticked += 1
                if progress is not None:
                    progress(i + 1, self.ticks)
            return fake_rows()
        finally:
            with self.lock:
                self.running -= 1

    def release(self, n: int) -> None:
        for _ in range(n):
            self.step.release()


@pytest.fixture
def ledger(monkeypatch):
    import umbrella.claims
    fake = Ledger()
    monkeypatch.setattr(umbrella.claims, "run_ledger", fake)
    return fake


def small(workers: int = 1, queued: int = 1, **limits) -> TestClient:
    return TestClient(create_app(limits=ServerLimits(workers=workers, queued=queued, **limits)))


def claims_job(client, seed: int) -> dict:
    response = client.post("/api/jobs/claims", json={"samples": 2, "seed": seed})
    assert response.status_code == 202, response.text
    return response.json()


def state(client, job: dict) -> str:
    return client.get(f"/api/jobs/{job['id']}").json()["state"]


def test_full_queue_is_429_with_retry_after(ledger):
    client = small(workers=1, queued=1, retry_after_s=7)
    running, waiting = claims_job(client, 1), claims_job(client, 2)
    assert ledger.entered.acquire(timeout=WAIT)
    assert (state(client, running), state(client, waiting)) == ("running", "queued")
    for refused in (client.post("/api/jobs/claims", json={"samples": 2, "seed": 3}),
                    client.post("/api/jobs/run", json={"scenario": "baseline", "samples": 4}),
                    client.post("/api/run", json={"scenario": "baseline", "samples": 4}),
                    client.post("/api/compare", json={"a": "baseline", "b": "baseline", "samples": 4}),
                    client.get("/api/claims?samples=2&seed=4")):
        (line,) = errors_of(refused, 429)
        assert refused.headers["retry-after"] == "7" and line.startswith("<server>:0: jobs: busy")
    assert client.get("/api/games").status_code == 200           # reads never queue
    ledger.release(6)
    assert finish(client, client.get(f"/api/jobs/{waiting['id']}"), WAIT, 200)["state"] == "done"
    assert client.get("/api/claims?samples=2&seed=1").status_code == 200   # cached: needs no place in the queue
    assert ledger.most == 1


def test_at_most_n_run_at_once(ledger):
    client = small(workers=2, queued=3)
    jobs = [claims_job(client, seed) for seed in range(5)]
    assert ledger.entered.acquire(timeout=WAIT) and ledger.entered.acquire(timeout=WAIT)
    assert sorted(state(client, j) for j in jobs) == ["queued"] * 3 + ["running"] * 2
    ledger.release(5 * 3)
    assert all(finish(client, client.get(f"/api/jobs/{j['id']}"), WAIT, 200)["state"] == "done" for j in jobs)
    assert ledger.most == 2


def test_synchronous_requests_wait_their_turn(ledger):
    """A synchronous claims request waits in the queue behind a running job, then computes."""
    client = small(workers=1, queued=1)
    claims_job(client, 1)
    assert ledger.entered.acquire(timeout=WAIT)
    got = {}
    waiter = threading.Thread(target=lambda: got.update(r=client.get("/api/claims?samples=2&seed=2")))
    waiter.start()
    while not client.app.state.jobs.waiting:    # until the request holds the one place in the queue
        pass
    errors_of(client.post("/api/jobs/claims", json={"samples": 2, "seed": 3}), 429)
    ledger.release(6)
    waiter.join(WAIT)
    assert answer(got["r"], ClaimsResult).seed == 2 and ledger.most == 1


def test_cancel_a_queued_job(ledger):
    client = small(workers=1, queued=1)
    running, waiting = claims_job(client, 1), claims_job(client, 2)
    cancelled = JobRecord.model_validate(client.delete(f"/api/jobs/{waiting['id']}").json())
    assert cancelled.state == "cancelled" and cancelled.result is None
    later = claims_job(client, 3)                                # its place is free at once
    assert later["state"] == "queued"
    ledger.release(6)
    assert finish(client, client.get(f"/api/jobs/{running['id']}"), WAIT, 200)["state"] == "done"
    assert finish(client, client.get(f"/api/jobs/{later['id']}"), WAIT, 200)["state"] == "done"
    assert state(client, waiting) == "cancelled" and ledger.ticked == 6 and ledger.most == 1


def test_cancel_a_running_job_stops_at_its_next_tick(ledger):
    client = small(workers=1, queued=0)
    job = claims_job(client, 1)
    assert ledger.entered.acquire(timeout=WAIT)
    ledger.release(1)
    while client.get(f"/api/jobs/{job['id']}").json()["done"] < 1:
        pass
    response = client.delete(f"/api/jobs/{job['id']}")
    assert response.status_code == 200 and response.json()["state"] == "cancelling"
    ledger.release(1)                                            # the next tick raises Cancelled
    final = JobRecord.model_validate(finish(client, client.get(f"/api/jobs/{job['id']}"), WAIT, 200))
    assert (final.state, final.done, final.result) == ("cancelled", 1, None)
    assert ledger.ticked == 2                                    # the third step never ran
    assert claims_job(client, 2)["state"] == "queued"            # and the worker is free again


def test_cancel_a_running_ensemble(monkeypatch):
    """A real ensemble (4 blocks of samples) stops at the progress tick after its first block."""
    import umbrella.experiments.blocks as blocks
    from umbrella.experiments.sampling import BLOCK
    chunks, first_in, go_on = [], threading.Event(), threading.Event()
    simulate = blocks.simulate

    def one_chunk(params, *args, **kwargs):
        simulate(params, *args, **kwargs)
        if len(params["prk_arsenal_initial"]) != BLOCK:
            return      # a small ensemble of a job another test left running in this process: not ours
        chunks.append(1)
        first_in.set()
        assert go_on.wait(WAIT)

    monkeypatch.setattr(blocks, "simulate", one_chunk)
    client = small()
    started = client.post("/api/jobs/run", json={"scenario": "baseline", "samples": 4 * BLOCK, "seed": 1,
                                                 "prior": True})   # the posterior holds fewer draws
    assert started.status_code == 202 and started.json()["total"] == 4 * BLOCK
    assert first_in.wait(WAIT)
    assert client.delete(f"/api/jobs/{started.json()['id']}").json()["state"] == "cancelling"
    go_on.set()
    final = JobRecord.model_validate(finish(client, started, WAIT, 202))
    assert (final.state, final.done, final.result) == ("cancelled", 0, None) and len(chunks) == 1


def test_finished_jobs_expire_and_can_be_forgotten(ledger, monkeypatch):
    import umbrella.api.jobs
    client = small(workers=1, queued=4, keep_jobs=2, job_ttl_s=600)
    ledger.release(4 * 3)
    jobs = [claims_job(client, seed) for seed in range(4)]
    finish(client, client.get(f"/api/jobs/{jobs[3]['id']}"), WAIT, 200)   # one worker: in order
    fifth = claims_job(client, 9)                     # the newest two finished jobs are kept
    errors_of(client.get(f"/api/jobs/{jobs[0]['id']}"), 404)
    errors_of(client.get(f"/api/jobs/{jobs[1]['id']}"), 404)
    assert state(client, jobs[2]) == state(client, jobs[3]) == "done"
    forgotten = client.delete(f"/api/jobs/{jobs[2]['id']}")     # DELETE of a finished job forgets it
    assert forgotten.json()["state"] == "done"
    errors_of(client.get(f"/api/jobs/{jobs[2]['id']}"), 404)
    later = umbrella.api.jobs.monotonic() + 601
    monkeypatch.setattr(umbrella.api.jobs, "monotonic", lambda: later)
    errors_of(client.get(f"/api/jobs/{jobs[3]['id']}"), 404)     # past its time
    client.delete(f"/api/jobs/{fifth['id']}")
    ledger.release(3)


def test_unknown_job_cancel(client):
    (line,) = errors_of(client.delete("/api/jobs/run-999999"), 404)
    assert line.startswith("<url>:0: job: ")


# ---- the claims cache ----------------------------------------------------------------------

def result(seed: int, rows: int = 1) -> ClaimsResult:
    return ClaimsResult.model_validate({"claims": fake_rows() * rows, "samples": 2, "seed": seed,
                                        "summary": {"n": rows, "counts": {"holds": rows}, "modelled_share": 1.0}})


def test_cache_evicts_the_least_recently_used_by_size():
    size = len(result(0).model_dump_json())
    cache = SizedLRU(max_bytes=3 * size)
    for seed in range(3):
        cache.put(seed, result(seed))
    assert cache.get(0).seed == 0                     # 0 is now the most recent
    cache.put(3, result(3))
    assert cache.get(1) is None and [cache.get(k).seed for k in (0, 2, 3)] == [0, 2, 3]
    assert len(cache) == 3 and cache.nbytes == 3 * size
    rows = next(r for r in range(2, 1000) if len(result(4, rows=r).model_dump_json()) > 2 * size)
    assert len(result(4, rows=rows).model_dump_json()) <= 3 * size
    cache.put(4, result(4, rows=rows))                # over two entries' worth: pushes out all others
    assert len(cache) == 1 and cache.get(4).seed == 4
    rows = next(r for r in range(2, 1000) if len(result(5, rows=r).model_dump_json()) > 3 * size)
    cache.put(5, result(5, rows=rows))                # larger than the cap: returned, never kept
    assert cache.get(5) is None and cache.nbytes <= cache.max_bytes


def test_cache_computes_a_key_once():
    cache, calls, gate = SizedLRU(max_bytes=10**6), [], threading.Event()

    def compute():
        calls.append(1)
        assert gate.wait(WAIT)
        return result(7)

    threads = [threading.Thread(target=cache.get_or_compute, args=(7, compute)) for _ in range(4)]
    for t in threads:
        t.start()
    gate.set()
    for t in threads:
        t.join(WAIT)
    assert calls == [1] and cache.get(7).seed == 7


def test_memory_is_flat_over_20_jobs(monkeypatch):
    """Twenty claims jobs (each result ~110 KB of JSON, ~850 KB as objects, a different seed) and
    twenty ensembles: the memory Python holds after the twentieth is what it held after the second,
    within two results' JSON, where keeping every result would have added ~15 MB."""
    import umbrella.claims
    monkeypatch.setattr(umbrella.claims, "run_ledger", lambda *a, **k: fake_rows() * 600)
    client = small(workers=1, queued=2, keep_jobs=2, cache_bytes=10**9)
    cache = client.app.state.claims_cache
    assert finish(client, client.post("/api/jobs/claims", json={"samples": 2, "seed": 99}), WAIT)["state"] == "done"
    one = cache.nbytes                                # the size of one result as the lab makes it
    cap = cache.max_bytes = 2 * one + 100             # two results (seeds of one or two digits: a byte less)

    def jobs(seeds):
        for seed in seeds:
            for path, body in (("/api/jobs/claims", {"samples": 2, "seed": seed}),
                               ("/api/jobs/run", {"scenario": "baseline", "samples": 64, "seed": seed})):
                assert finish(client, client.post(path, json=body), WAIT)["state"] == "done"

    tracemalloc.start()
    try:
        jobs(range(2))
        gc.collect()
        after_2 = tracemalloc.get_traced_memory()[0]
        jobs(range(2, 20))
        gc.collect()
        after_20 = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(cache) == 2 and cache.nbytes <= cap
    assert after_2 > 2 * one                          # the two results are in what is measured
    assert after_20 - after_2 < 2 * one, (after_2, after_20, one)


def test_resources_load_once_per_server(monkeypatch):
    import umbrella.dynamics.scenario
    import umbrella.evidence
    import umbrella.theory
    calls = []
    for module, name in ((umbrella.evidence, "load"), (umbrella.theory, "load_theories"),
                         (umbrella.dynamics.scenario, "read_library")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _real=real, _name=name, **k: calls.append(_name) or _real(*a, **k))
    client = TestClient(create_app(limits=ServerLimits(read_cache_bytes=0)))   # every read reaches the lab
    for _ in range(3):
        for path in ("/api/data/disputes", "/api/data/record/spain-1988", "/api/theories", "/api/scenarios",
                     "/api/theory/deployment-typology/test"):
            assert client.get(path).status_code == 200
    assert sorted(calls) == ["load", "load_theories", "read_library"]
