"""Cold start of `umbrella run baseline --samples 1000` (issue 18: under 2 s of wall time).

Runs the command in `--runs` fresh processes, one after another, after one warm-up process (which
fills Numba's on-disk cache of the kernel and Python's bytecode cache, as any second invocation ever
finds them), and prints each process's wall time and CPU time (user + sys, from the children's
`getrusage`) beside the machine's load average; the last line is one JSON object with the medians:
`cold_run_seconds` (wall) and `cold_run_cpu_seconds`.

Python's bytecode cache: an installed package has its `.pyc` files, but an environment with
`PYTHONDONTWRITEBYTECODE` set (this project's shared machine sets it) never caches bytecode, and then
every start compiles each imported module again (seconds of CPU). The measured processes therefore
run with bytecode caching on, into a temporary `PYTHONPYCACHEPREFIX` (nothing is written into the
repository or the environment), and one more process without any bytecode cache is reported apart
as `cold_run_seconds_without_bytecode_cache`. The command's JSON output is checked to be the same in
every process.
Usage: python benchmarks/cold_start.py [--runs 5] [--samples 1000] [--scenario baseline]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_SECONDS = 2.0


def timed(command: list[str], env: dict) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the child, its stdout) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed (exit {done.returncode}): {done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--samples", type=int, default=1000)
    ap.add_argument("--scenario", default="baseline")
    args = ap.parse_args()
    command = [sys.executable, "-m", "umbrella", "run", args.scenario, "--samples", str(args.samples),
               "--format", "json"]
    with tempfile.TemporaryDirectory(prefix="umbrella-pycache-") as pycache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = pycache
        _, _, expected = timed(command, env)                  # warm-up: kernel and bytecode caches filled
        walls, cpus = [], []
        for i in range(args.runs):
            load = os.getloadavg()[0]
            wall, cpu, out = timed(command, env)
            if out != expected:
                sys.exit("the command's output differs between processes")
            walls.append(wall)
            cpus.append(cpu)
            print(f"run {i + 1}: wall {wall:.2f} s, CPU {cpu:.2f} s, load average {load:.2f}", flush=True)
    no_cache = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    no_cache.pop("PYTHONPYCACHEPREFIX", None)
    load = os.getloadavg()[0]
    wall_nc, cpu_nc, out = timed(command, no_cache)
    if out != expected:
        sys.exit("the command's output differs between processes")
    print(f"without a bytecode cache: wall {wall_nc:.2f} s, CPU {cpu_nc:.2f} s, load average {load:.2f}")
    result = {"cold_run_seconds": round(statistics.median(walls), 2),
              "cold_run_cpu_seconds": round(statistics.median(cpus), 2),
              "cold_run_seconds_min": round(min(walls), 2), "cold_run_seconds_max": round(max(walls), 2),
              "cold_run_seconds_without_bytecode_cache": round(wall_nc, 2),
              "cold_run_cpu_seconds_without_bytecode_cache": round(cpu_nc, 2),
              "runs": args.runs, "samples": args.samples, "target_seconds": TARGET_SECONDS,
              "load_average": [round(x, 2) for x in os.getloadavg()], "cores": os.cpu_count()}
    print(f"median wall {result['cold_run_seconds']} s ({'under' if result['cold_run_seconds'] < TARGET_SECONDS else 'NOT under'} "
          f"the {TARGET_SECONDS:g} s target), median CPU {result['cold_run_cpu_seconds']} s")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
