"""Benchmark: the ensemble engine vs ema_workbench's per-experiment interface vs a NumPy floor; the
compiled kernel alone; a full Sobol' study; memory of a run into a results store.

(a) ours: `run_ensemble` (sampling, history, blocks through the compiled kernel, xarray result);
(b) ema_workbench 2.5.3: the same equations as a per-experiment Python function (the scalar
    reference implementation of tests/dynamics, written from the documented equations) run by
    `perform_experiments(..., uncertainty_sampling=Samplers.LHS, evaluator=SequentialEvaluator)`;
    its LHS draws are then fed to our engine, and the outcomes must agree;
(c) the NumPy floor: the model's yearly step (`dynamics.model.step`, the equations stated once) driven
    directly over preallocated arrays in cache-sized chunks — no sampling, no scenario parsing, no
    labels, no bookkeeping. It is the NumPy path a fused kernel (issue 18) is measured against.

(d) the kernel alone: `model.simulate(kernel=True)` on the floor's draws (the compiled step, no
    sampling, no labels, every variable of every reported year in fresh arrays, as the floor keeps
    them), against the floor: wall time and CPU time of this process;
(e) the full Sobol' study of every parameter at N = 1024 (`umbrella sensitivity`'s function: Saltelli's
    design from scipy's Sobol' sequence, N·(D+2) runs block by block, SALib's analysis), end to end;
(f) peak RSS of runs into a results store (a child process per size; only `public_nuclear_support`
    is stored, to keep the disk use small): bounded by the block size, not the sample count.
    `--memory-samples 10000000` measures the 10-million-sample run (minutes; not the default).

Prints experiments per second for each, and as the last line one JSON object with
`speedup_vs_ema_workbench` (ours ÷ ema, experiments/s), `ratio_to_numpy_floor` (the compiled kernel's
time ÷ the floor's, on the floor's own task: the same draws through the model's step, every variable of
every reported year kept in fresh arrays — the like-for-like comparison of the fused kernel with the
NumPy step), `engine_ratio_to_numpy_floor` (ours end to end, with sampling, blocks, the 6-actor labelled
Dataset, ÷ the floor), `kernel_cpu_ratio_to_numpy_floor` (the same in CPU seconds of this process),
`sobol_full_seconds`, `experiments_per_second` (ours) and `experiments_per_second_per_core`.
Usage: python benchmarks/ensemble.py [--samples 100000] [--ema-samples 1000] [--repeats 3] [--memory-samples 50000,200000]
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import pathlib
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.dynamics import dynamics_reference as reference  # noqa: E402
from umbrella.dynamics.history import inputs_from_evidence  # noqa: E402
from umbrella.dynamics import kernel  # noqa: E402
from umbrella.dynamics.model import initial_state, make_year, prepare, simulate, step, year_inputs  # noqa: E402
from umbrella.dynamics.parameters import NAMES, PARAMETERS  # noqa: E402
from umbrella.dynamics.scenario import load_scenario, scenario_inputs  # noqa: E402
from umbrella.dynamics.vocabulary import ALLIES  # noqa: E402
from umbrella.evidence import load  # noqa: E402
from umbrella.experiments.ensemble import run_ensemble  # noqa: E402
from umbrella.experiments.sampling import sample  # noqa: E402


def numpy_floor(P: dict, inputs, chunk: int = 4096) -> dict:
    """`step` over every year for each chunk of samples; every variable of every reported year is kept
    in preallocated (actor, year, sample) arrays (as the engine does); returns last-year proliferation
    (allies), crisis probability and arsenal."""
    n = len(P["feedback_strength"])
    years = [int(y) for y in inputs.years]
    reported = [t for t, y in enumerate(years) if y >= inputs.report_from]
    first = reported[0]
    keep: dict = {}
    for lo in range(0, n, chunk):
        hi = min(lo + chunk, n)
        p = prepare({k: v[lo:hi] for k, v in P.items()})
        cache: dict = {}            # a Year's memo belongs to one parameter set
        state = initial_state(p)
        for t in range(len(years)):
            key = year_inputs(inputs, t)
            if key not in cache:
                cache[key] = make_year(key)
            values = step(p, state, cache[key], t == 0, t >= first, full=t >= first)
            if t < first:
                continue
            for name, value in values.items():
                if name not in keep:
                    keep[name] = np.empty((value.shape[0] if value.ndim == 2 else 1, len(years) - first, n))
                keep[name][:, t - first, lo:hi] = value
    return {"proliferation_probability": keep["proliferation_probability"][:, -1].T,
            "crisis_probability": keep["crisis_probability"][0, -1], "prk_arsenal": keep["prk_arsenal"][0, -1]}


def _interleaved(contenders: dict, rounds: int) -> tuple[dict, dict]:
    """Time every contender once per round, in turn, and keep each one's best time: a burst of load
    from other processes then hits one round of every contender rather than all rounds of one.
    Round 0 is a warm-up and is not counted (the first touch of fresh memory is slow on this kind of
    machine: ~1.5 s for the 0.75 GB a 100k-sample Dataset holds; a fresh `umbrella run` pays it once)."""
    best = {name: float("inf") for name in contenders}
    results: dict = {}
    for round_ in range(rounds + 1):
        for name, fn in contenders.items():
            results.pop(name, None)
            t0 = time.perf_counter()
            results[name] = fn()
            if round_:
                best[name] = min(best[name], time.perf_counter() - t0)
    return best, results


# Peak RSS from the child's own VmHWM: getrusage's ru_maxrss would also count the benchmark's own
# resident memory, which Linux carries into a child through fork and exec.
MEMORY_CHILD = """
import re, sys, time
from umbrella.dynamics.scenario import load_scenario
from umbrella.experiments.ensemble import run_to_store
t = time.perf_counter()
run_to_store(load_scenario("baseline"), sys.argv[1], samples=int(sys.argv[2]), seed=1, history=[],
             variables=["public_nuclear_support"])
status = open("/proc/self/status").read()
print(time.perf_counter() - t, int(re.search(r"VmHWM:\\s+(\\d+) kB", status)[1]) / 1024)
"""


def store_memory(samples: int) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of a run of `samples` into a fresh results store, in a child process."""
    with tempfile.TemporaryDirectory(prefix="umbrella-bench-store-") as folder:
        r = subprocess.run([sys.executable, "-c", MEMORY_CHILD, str(pathlib.Path(folder) / "store"), str(samples)],
                           capture_output=True, text=True, check=True)
    seconds, rss = r.stdout.split()
    return float(seconds), float(rss)


def sobol_full(history) -> tuple[float, int]:
    """Wall time of the full Sobol' study of every parameter at N = 1024, and its number of runs."""
    from umbrella.experiments.sensitivity import scenario_sensitivity
    t0 = time.perf_counter()
    result = scenario_sensitivity(load_scenario("baseline"), "public_nuclear_support", method="sobol", samples=1024,
                                  history=history)
    return time.perf_counter() - t0, result["runs"]


def _ema_model(inputs, years):
    try:
        from ema_workbench import Model, RealParameter, ScalarOutcome, ema_logging
    except ImportError:
        sys.exit("ema_workbench is not installed: pip install -e '.[bench]' (or `make bench`)")
    ema_logging.get_rootlogger().setLevel(logging.WARNING)
    lev_py = {k: [tuple(r) if np.ndim(r) else float(r) for r in v.tolist()] for k, v in inputs.levers.items()}
    shk_py = {k: v.tolist() for k, v in inputs.shocks.items()}

    def experiment(**p):
        out = reference.run(p, years, lev_py, shk_py, inputs.report_from)
        return {"proliferation_kor": out["proliferation_probability"][-1][0],
                "crisis": out["crisis_probability"][-1][0], "prk_arsenal": out["prk_arsenal"][-1][0]}

    model = Model("northeastasia", function=experiment)
    model.uncertainties = [RealParameter(p.name, p.low, p.high) for p in PARAMETERS]
    model.outcomes = [ScalarOutcome("proliferation_kor"), ScalarOutcome("crisis"), ScalarOutcome("prk_arsenal")]
    return model


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=100_000)
    ap.add_argument("--ema-samples", type=int, default=1000)
    ap.add_argument("--repeats", type=int, default=3, help="timed rounds after one warm-up round; each contender's best round is reported")
    ap.add_argument("--scenario", default="baseline")
    ap.add_argument("--memory-samples", default="50000,200000",
                    help="comma-separated sizes of the store runs whose peak RSS is measured ('' to skip)")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")

    sc = load_scenario(args.scenario)
    history = inputs_from_evidence(load())
    inputs = scenario_inputs(sc, history)
    years = inputs.years.tolist()
    print(f"model: {len(PARAMETERS)} uncertain parameters, {len(ALLIES)} allies + PRK, CHN, region, {len(years)} yearly steps "
          f"({years[0]}-{years[-1]}, reported from {sc.start}); scenario {sc.id}; best of {args.repeats} "
          f"interleaved rounds")
    model = _ema_model(inputs, years)
    from ema_workbench import SequentialEvaluator, perform_experiments
    from ema_workbench.em_framework.evaluators import Samplers

    def ours(_workers):
        return lambda: run_ensemble(sc, samples=args.samples, seed=1, method="lhs", history=history)

    draws = sample(PARAMETERS, args.samples, 1, "lhs")
    P = {name: draws[name] for name in NAMES}

    def ema_run():
        with SequentialEvaluator(model) as evaluator:
            return perform_experiments(model, scenarios=args.ema_samples, evaluator=evaluator,
                                       uncertainty_sampling=Samplers.LHS)

    def kernel_only():
        return simulate(P, inputs, kernel=True)

    def cpu(fn):
        """The same call, timed in CPU seconds of this process (what other processes' load does not inflate)."""
        def timed():
            t0 = time.process_time()
            out = fn()
            cpu_seconds[fn] = min(cpu_seconds.get(fn, float("inf")), time.process_time() - t0)
            return out
        return timed

    cpu_seconds: dict = {}
    floor_fn = lambda: numpy_floor(P, inputs)  # noqa: E731
    contenders = {"ours": ours(1), "floor": cpu(floor_fn), "kernel": cpu(kernel_only), "ema": ema_run}
    best, results = _interleaved(contenders, args.repeats)

    ds, floor = results["ours"], results["floor"]
    reference = simulate(P, inputs, kernel=False)
    for name, value in results["kernel"].items():
        assert np.allclose(value, reference[name], rtol=1e-12, atol=1e-14), name
    last = ds.sel(year=sc.end)
    assert np.allclose(floor["proliferation_probability"], last["proliferation_probability"].sel(actor=list(ALLIES)).values)
    assert np.allclose(floor["crisis_probability"], last["crisis_probability"].sel(actor="region").values)
    experiments, outcomes = results["ema"]
    ema_draws = {p.name: experiments[p.name].to_numpy(dtype=float) for p in PARAMETERS}
    check = run_ensemble(sc, draws=ema_draws, history=history).sel(year=sc.end)
    assert np.allclose(check["proliferation_probability"].sel(actor="KOR").values, outcomes["proliferation_kor"])
    assert np.allclose(check["crisis_probability"].sel(actor="region").values, outcomes["crisis"])

    rate = {name: (args.ema_samples if name == "ema" else args.samples) / t for name, t in best.items()}
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    print(f"ours (engine, {args.samples} samples: sampling, blocks through the compiled kernel, xarray): "
          f"{best['ours']:.3f} s, {rate['ours']:,.0f} experiments/s ({rate['ours'] / cores:,.0f} per core, {cores} cores)")
    print(f"numpy floor (the model step driven bare, {args.samples} samples): {best['floor']:.3f} s, "
          f"{rate['floor']:,.0f} experiments/s; CPU {cpu_seconds[floor_fn]:.3f} s")
    print(f"kernel alone (model.simulate(kernel=True), same draws): {best['kernel']:.3f} s wall "
          f"({best['kernel'] / best['floor']:.2f}x the floor), CPU {cpu_seconds[kernel_only]:.3f} s "
          f"({cpu_seconds[kernel_only] / cpu_seconds[floor_fn]:.2f}x the floor's CPU)")
    print(f"ema_workbench 2.5.3 (SequentialEvaluator, Samplers.LHS, {args.ema_samples} experiments): "
          f"{best['ema']:.3f} s, {rate['ema']:,.0f} experiments/s")
    print("checks: floor == engine on the same draws; kernel == NumPy path (1e-12); "
          "ema_workbench outcomes == engine on ema's LHS draws")
    sobol_seconds, sobol_runs = sobol_full(history)
    print(f"full Sobol' study (every parameter, N = 1024, {sobol_runs} runs, Saltelli design + SALib analysis): "
          f"{sobol_seconds:.2f} s")
    memory = {}
    for size in [int(x) for x in args.memory_samples.split(",") if x.strip()]:
        seconds, rss = store_memory(size)
        memory[size] = round(rss)
        print(f"run of {size:,} samples into a results store: {seconds:.1f} s, peak RSS {rss:,.0f} MiB")
    load_average = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    print(f"load average at the end: {load_average}")
    result = {"samples": args.samples, "ema_samples": args.ema_samples, "rounds": args.repeats,
              "kernel": "numba" if kernel.available() else "numpy",
              "ours_experiments_per_s": round(rate["ours"]),
              "ema_workbench_experiments_per_s": round(rate["ema"], 1),
              "numpy_floor_experiments_per_s": round(rate["floor"]),
              "speedup_vs_ema_workbench": round(rate["ours"] / rate["ema"], 1),
              "ratio_to_numpy_floor": round(best["kernel"] / best["floor"], 3),
              "engine_ratio_to_numpy_floor": round(best["ours"] / best["floor"], 3),
              "kernel_cpu_ratio_to_numpy_floor": round(cpu_seconds[kernel_only] / cpu_seconds[floor_fn], 3),
              "sobol_full_seconds": round(sobol_seconds, 2), "sobol_full_runs": sobol_runs,
              "experiments_per_second": round(rate["ours"]),
              "experiments_per_second_per_core": round(rate["ours"] / cores),
              "store_peak_rss_mib": memory, "load_average": load_average}
    print(f"speedup vs ema_workbench: {result['speedup_vs_ema_workbench']}x; "
          f"ratio to numpy floor: kernel {result['ratio_to_numpy_floor']}, engine end to end "
          f"{result['engine_ratio_to_numpy_floor']}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
