"""Benchmark: the vectorised ensemble engine vs ema_workbench's per-experiment interface vs a NumPy floor.

(a) ours: `run_ensemble` (sampling, history, all samples advanced together, xarray result);
(b) ema_workbench 2.5.3: the same equations as a per-experiment Python function (the scalar
    reference implementation of tests/dynamics, written from the documented equations) run by
    `perform_experiments(..., uncertainty_sampling=Samplers.LHS, evaluator=SequentialEvaluator)`;
    its LHS draws are then fed to our engine, and the outcomes must agree;
(c) the NumPy floor: the model's yearly step (`dynamics.model.step`, the equations stated once) driven
    directly over preallocated arrays in cache-sized chunks — no sampling, no scenario parsing, no
    labels, no bookkeeping. It is the NumPy path a fused kernel (issue 18) is measured against.

Prints experiments per second for each, and as the last line one JSON object with
`speedup_vs_ema_workbench` (ours ÷ ema, experiments/s) and `ratio_to_numpy_floor` (our time ÷ floor time).
Usage: python benchmarks/ensemble.py [--samples 100000] [--ema-samples 1000] [--repeats 3]
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import pathlib
import sys
import time
import warnings

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.dynamics import dynamics_reference as reference  # noqa: E402
from umbrella.dynamics.history import inputs_from_evidence  # noqa: E402
from umbrella.dynamics.model import initial_state, make_year, prepare, step, year_inputs  # noqa: E402
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

    def ours(workers):
        return lambda: run_ensemble(sc, samples=args.samples, seed=1, method="lhs", history=history,
                                    workers=workers)

    draws = sample(PARAMETERS, args.samples, 1, "lhs")
    P = {name: draws[name] for name in NAMES}

    def ema_run():
        with SequentialEvaluator(model) as evaluator:
            return perform_experiments(model, scenarios=args.ema_samples, evaluator=evaluator,
                                       uncertainty_sampling=Samplers.LHS)

    contenders = {"ours": ours(1), "floor": lambda: numpy_floor(P, inputs), "ema": ema_run}
    if (os.cpu_count() or 1) >= 2:
        contenders["ours_2_workers"] = ours(2)
    best, results = _interleaved(contenders, args.repeats)

    ds, floor = results["ours"], results["floor"]
    last = ds.sel(year=sc.end)
    assert np.allclose(floor["proliferation_probability"], last["proliferation_probability"].sel(actor=list(ALLIES)).values)
    assert np.allclose(floor["crisis_probability"], last["crisis_probability"].sel(actor="region").values)
    experiments, outcomes = results["ema"]
    ema_draws = {p.name: experiments[p.name].to_numpy(dtype=float) for p in PARAMETERS}
    check = run_ensemble(sc, draws=ema_draws, history=history).sel(year=sc.end)
    assert np.allclose(check["proliferation_probability"].sel(actor="KOR").values, outcomes["proliferation_kor"])
    assert np.allclose(check["crisis_probability"].sel(actor="region").values, outcomes["crisis"])

    rate = {name: (args.ema_samples if name == "ema" else args.samples) / t for name, t in best.items()}
    print(f"ours (vectorised engine, {args.samples} samples, sampling and xarray included): {best['ours']:.3f} s, "
          f"{rate['ours']:,.0f} experiments/s")
    if "ours_2_workers" in best:
        print(f"ours with 2 worker threads (identical numbers): {best['ours_2_workers']:.3f} s, "
              f"{rate['ours_2_workers']:,.0f} experiments/s")
    print(f"numpy floor (the model step driven bare, {args.samples} samples): {best['floor']:.3f} s, "
          f"{rate['floor']:,.0f} experiments/s")
    print(f"ema_workbench 2.5.3 (SequentialEvaluator, Samplers.LHS, {args.ema_samples} experiments): "
          f"{best['ema']:.3f} s, {rate['ema']:,.0f} experiments/s")
    print("checks: floor == engine on the same draws; ema_workbench outcomes == engine on ema's LHS draws")
    result = {"samples": args.samples, "ema_samples": args.ema_samples, "rounds": args.repeats,
              "ours_experiments_per_s": round(rate["ours"]),
              "ema_workbench_experiments_per_s": round(rate["ema"], 1),
              "numpy_floor_experiments_per_s": round(rate["floor"]),
              "speedup_vs_ema_workbench": round(rate["ours"] / rate["ema"], 1),
              "ratio_to_numpy_floor": round(best["ours"] / best["floor"], 3)}
    if "ours_2_workers" in best:
        result["speedup_vs_ema_workbench_2_workers"] = round(rate["ours_2_workers"] / rate["ema"], 1)
    print(f"speedup vs ema_workbench: {result['speedup_vs_ema_workbench']}x; "
          f"ratio to numpy floor: {result['ratio_to_numpy_floor']}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
