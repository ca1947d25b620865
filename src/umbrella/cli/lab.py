"""`umbrella lab`: the main job — run the whole laboratory end to end and write the report."""
from __future__ import annotations

import pathlib
import time

import typer
from rich.console import Console

from umbrella.cli.common import console
from umbrella.outputs import atomic_write

err = Console(stderr=True)


def lab(out: pathlib.Path = typer.Option(pathlib.Path("out"), "--out", help="output directory"),
        samples: int = typer.Option(2000, "--samples", help="ensemble size per scenario"),
        seed: int = typer.Option(1, "--seed", help="random seed for every ensemble")) -> None:
    """Run the laboratory end to end (evidence, theories, games, scenarios, calibration, claims) and
    write OUT/report.html / 运行整个实验室并生成报告."""
    from umbrella.evidence import load
    from umbrella.views.evidence_views import evidence_section, evidence_summary, print_summary
    from umbrella.views.report import default_meta, render

    started = time.perf_counter()
    sections = []

    def step(name: str):
        err.print(f"[bold cyan]▶ {name}[/bold cyan]  ({time.perf_counter() - started:.0f}s)")

    step("evidence base / 证据库")
    ev = load()
    summary = evidence_summary(ev, [1958, 1970, 1985, 1992, 2010, 2023])
    for lang in ("en", "zh"):
        print_summary(summary, lang, console)
    sections.append(evidence_section(ev))

    step("theories / 理论检验")
    from umbrella.theory import report_data
    from umbrella.views.theory_views import report_section, theory_test
    theory = report_data(ev)
    theory_test(console, theory["typology"], "en")
    sections.append(report_section(theory))

    step("games / 博弈模型")
    from umbrella.views.games_report import games_data, games_section
    game_results = games_data(samples=samples, seed=seed)
    for c in game_results["cells"]:
        console.print(f"deployment-bargaining alt={c['alt']} multilateral={c['multilateral']}: "
                      f"{c['outcome']} (004 Table 1: {c['predicted']})")
    sections.append(games_section(game_results))

    step("scenario library / 情景库")
    from umbrella.views.scenarios_report import scenarios_data, scenarios_section
    scenarios = scenarios_data(samples, seed, progress=lambda sid: err.print(f"  running {sid}"))
    sections.append(scenarios_section(scenarios))

    step("the seeds' disagreements / 种子文献的分歧")
    from umbrella.experiments.rivals import rival_study
    from umbrella.views.rivals_views import rivals_section
    sections.append(rivals_section(rival_study(samples=samples, seed=seed)))

    step("calibration, sensitivity, discovery / 校准、敏感性与情景发现")
    from umbrella.experiments import calibration as cal
    from umbrella.experiments.discovery import scenario_discovery
    from umbrella.experiments.sensitivity import scenario_sensitivity
    from umbrella.views.analysis_views import analysis_section
    # A fast calibration for the report, written to OUT; the committed posterior stays as it is.
    calibrated = cal.calibrate(ev, cal.Settings(samples=20000, seed=seed))
    cal.write_posterior(calibrated, out / "calibration.json")
    fit = calibrated["fit"]
    console.print(f"calibration: RMSE in sample {fit['rmse_in_sample']:.3f} (n={fit['n_in_sample']}), "
                  f"held out {fit['rmse_held_out']:.3f} (n={fit['n_held_out']})")
    sensitivity = scenario_sensitivity("baseline", "public_nuclear_support", actor="KOR", year=2035,
                                       method="morris", samples=50, seed=seed)
    discovery = scenario_discovery("baseline", "proliferation_probability", actor="KOR", year=2035,
                                   above=0.2, samples=samples, seed=seed)
    sections.append(analysis_section(calibrated, sensitivity, discovery))

    step("claims ledger, with ablation by seed / 论断检验(按文献消融)")
    from umbrella.claims import run_ledger, summary as claims_summary
    from umbrella.views.claims_views import claims_section, headline
    rows = run_ledger(samples=min(samples, 1000), seed=seed, ablate=True)
    counts = claims_summary(rows)
    console.print("claims: " + ", ".join(f"{k} {v}" for k, v in sorted(counts["counts"].items()))
                  + f" (modelled {100 * counts['modelled_share']:.0f}%)")
    console.print(headline(counts["table"], "en"))
    sections.insert(0, claims_section(rows, counts))     # the report leads with what was found and what was given

    step("report / 报告")
    path = out / "report.html"
    atomic_write(path, render(sections, default_meta({"seed": str(seed), "samples": str(samples)})))
    err.print(f"[bold green]✓ wrote {path}[/bold green] in {time.perf_counter() - started:.0f}s")


def register(app: typer.Typer) -> None:
    app.command("lab")(lab)
