"""Load test of `umbrella serve` on loopback: bounded, and it stops by itself.

Starts the server as its own process (`python -m umbrella serve`, on 127.0.0.1, a free port and a
token, so the token check is part of every request), waits for it, warms it up (the first request
loads the evidence base, the first run the posterior), then runs `--clients` concurrent clients for
`--seconds`: `--runners` of them run small ensembles (`POST /api/run` and `POST /api/jobs/run` then
polling, `--samples` each, a new seed each time), the others cycle over the read endpoints (evidence,
theories, games, scenarios, parameters, variables, a game solved). Then it stops the server.

Baselines, measured in the same run (the machine is shared, so absolute milliseconds drift from run
to run; the ratios are what compares): (1) the same reads, one client at a time, on the idle server
just before the load; (2) what a read cost before issue 12, when every request reloaded the
evidence base: a fresh `Lab` answering `/api/data/disputes` in this process.

Prints requests, errors (any answer other than 2xx, or no answer), 429s among them, p50/p99
latency of reads and of runs, the ratios to the baselines, the server's RSS before and after, and
the machine's load; the last line is one JSON object. Aims (issue 12): zero errors, p99 of reads
< 100 ms, RSS growth < 10%.
Usage: python benchmarks/serve_load.py [--clients 16] [--seconds 30] [--runners 2] [--samples 50]
"""
from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time

import httpx
import numpy as np

READS = ["/api/data/disputes", "/api/data/actors", "/api/data/surveys", "/api/data/record/spain-1988", "/api/theories",
         "/api/theory/deployment-typology/test", "/api/games", "/api/games/deployment-bargaining/params",
         "/api/scenarios", "/api/params", "/api/variables"]
SOLVE = ("/api/games/deployment-bargaining/solve", {"set": {"alt": 0, "multilateral": 0}})


def free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process (Linux /proc), in MB."""
    with open(f"/proc/{pid}/status") as f:
        kb = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    return kb / 1024


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = {"read": [], "run": []}
        self.errors: list[str] = []
        self.busy = 0

    def record(self, kind: str, seconds: float, status: int | str) -> None:
        with self.lock:
            self.latency[kind].append(seconds)
            if not (isinstance(status, int) and 200 <= status < 300):
                self.errors.append(str(status))
                self.busy += status == 429


def timed(tally: Tally, kind: str, call) -> httpx.Response | None:
    start = time.perf_counter()
    try:
        response = call()
    except httpx.HTTPError as exc:
        tally.record(kind, time.perf_counter() - start, type(exc).__name__)
        return None
    tally.record(kind, time.perf_counter() - start, response.status_code)
    return response


def reader(client: httpx.Client, tally: Tally, stop: float, offset: int) -> None:
    calls = [lambda p=p: client.get(p) for p in READS] + [lambda: client.post(SOLVE[0], json=SOLVE[1])]
    for call in itertools.islice(itertools.cycle(calls), offset, None):
        if time.monotonic() >= stop:
            return
        timed(tally, "read", call)


def runner(client: httpx.Client, tally: Tally, stop: float, samples: int, seeds: itertools.count) -> None:
    as_job = False
    while time.monotonic() < stop:
        body = {"scenario": "baseline", "samples": samples, "seed": next(seeds)}
        if not as_job:
            timed(tally, "run", lambda: client.post("/api/run", json=body))
        else:                      # a job: started, then polled to the end (the whole wait is its latency)
            start = time.perf_counter()
            response = client.post("/api/jobs/run", json=body)
            while response.status_code in (200, 202) and response.json()["state"] in ("queued", "running"):
                time.sleep(0.05)
                response = client.get(f"/api/jobs/{response.json()['id']}")
            status = (response.status_code if response.status_code not in (200, 202) else
                      200 if response.json()["state"] == "done" else f"job {response.json()['state']}")
            tally.record("run", time.perf_counter() - start, status)
        as_job = not as_job


def idle_reads(client: httpx.Client, rounds: int) -> list[float]:
    """Baseline (1): every read endpoint `rounds` times, one request at a time."""
    seconds = []
    for _ in range(rounds):
        for path in READS:
            start = time.perf_counter()
            client.get(path).raise_for_status()
            seconds.append(time.perf_counter() - start)
    return seconds


def reload_read(repeats: int) -> float:
    """Baseline (2): the median seconds of `/api/data/disputes` as the server answered it before
    issue 12, the evidence base loaded and validated for the request (a fresh `Lab` each time)."""
    from umbrella.lab import Lab, RecordsRequest
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        Lab(scenario_files=False).records(RecordsRequest(kind="disputes")).model_dump_json()
        seconds.append(time.perf_counter() - start)
    return float(np.median(seconds))


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    ms = np.asarray(values) * 1000
    return {"n": len(values), "p50_ms": round(float(np.percentile(ms, 50)), 1),
            "p99_ms": round(float(np.percentile(ms, 99)), 1), "max_ms": round(float(ms.max()), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--runners", type=int, default=2, help="clients that run ensembles (the rest read)")
    parser.add_argument("--samples", type=int, default=50, help="samples of each small run")
    parser.add_argument("--idle-rounds", type=int, default=10, help="rounds over the reads for the idle baseline")
    args = parser.parse_args()

    port, token = free_port(), secrets.token_urlsafe()
    server = subprocess.Popen([sys.executable, "-m", "umbrella", "serve", "--port", str(port)],
                              env={**os.environ, "UMBRELLA_TOKEN": token}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {token}"}
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/api/games", headers=headers, timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("the server did not start")
            time.sleep(0.2)
        assert httpx.get(f"{base}/api/games", timeout=5).status_code == 401     # the token is checked
        warm = time.perf_counter()
        with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
            for path in READS:
                client.get(path).raise_for_status()
            client.post(SOLVE[0], json=SOLVE[1]).raise_for_status()
            client.post("/api/run", json={"scenario": "baseline", "samples": args.samples, "seed": 0}).raise_for_status()
            idle = percentiles(idle_reads(client, args.idle_rounds))
        warm = time.perf_counter() - warm
        reload_s = reload_read(3)
        rss_before, load_before = rss_mb(server.pid), os.getloadavg()[0]

        tally, seeds = Tally(), itertools.count(1)
        clients = [httpx.Client(base_url=base, headers=headers, timeout=60) for _ in range(args.clients)]
        stop = time.monotonic() + args.seconds
        threads = [threading.Thread(target=runner, args=(c, tally, stop, args.samples, seeds)) if i < args.runners
                   else threading.Thread(target=reader, args=(c, tally, stop, i)) for i, c in enumerate(clients)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
        for c in clients:
            c.close()
        rss_after, load_after = rss_mb(server.pid), os.getloadavg()[0]
    finally:
        server.terminate()
        server.wait(timeout=30)

    reads, runs = percentiles(tally.latency["read"]), percentiles(tally.latency["run"])
    if not reads["n"]:
        sys.exit("no read finished during the load")
    requests = reads["n"] + runs["n"]
    growth = 100 * (rss_after - rss_before) / rss_before
    print(f"{args.clients} clients ({args.runners} running {args.samples}-sample ensembles) for {wall:.1f} s "
          f"on {os.cpu_count()} cores, load average {load_before:.1f} -> {load_after:.1f}; warm-up {warm:.1f} s")
    print(f"requests {requests} ({requests / wall:.0f}/s), errors {len(tally.errors)} (429: {tally.busy})"
          + (f": {sorted(set(tally.errors))}" if tally.errors else ""))
    print(f"reads  n={reads['n']} p50 {reads.get('p50_ms')} ms  p99 {reads.get('p99_ms')} ms  max {reads.get('max_ms')} ms")
    print(f"runs   n={runs['n']} p50 {runs.get('p50_ms')} ms  p99 {runs.get('p99_ms')} ms  max {runs.get('max_ms')} ms")
    print(f"baseline, idle reads one at a time: n={idle['n']} p50 {idle['p50_ms']} ms  p99 {idle['p99_ms']} ms; "
          f"a read reloading the evidence base (before issue 12): {1000 * reload_s:.0f} ms")
    slowdown, speedup = reads["p99_ms"] / idle["p50_ms"], 1000 * reload_s / reads["p50_ms"]
    print(f"ratios: reads under load p99 / idle p50 = {slowdown:.1f}x; "
          f"reload-per-request / reads under load p50 = {speedup:.0f}x")
    print(f"server RSS {rss_before:.0f} MB -> {rss_after:.0f} MB ({growth:+.1f}%)")
    print(json.dumps({"clients": args.clients, "runners": args.runners, "seconds": round(wall, 1),
                      "requests": requests, "errors": len(tally.errors), "busy_429": tally.busy, "reads": reads,
                      "runs": runs, "baseline_idle_reads": idle, "baseline_reload_read_ms": round(1000 * reload_s, 1),
                      "ratio_p99_load_to_idle_p50": round(slowdown, 2),
                      "ratio_reload_to_p50_load": round(speedup, 1), "rss_mb": [round(rss_before, 1), round(rss_after, 1)],
                      "rss_growth_pct": round(growth, 1), "load": [load_before, load_after],
                      "aims_met": {"zero_errors": not tally.errors,
                                   "p99_reads_under_100ms": reads.get("p99_ms", 1e9) < 100,
                                   "rss_growth_under_10pct": growth < 10}}))


if __name__ == "__main__":
    main()
