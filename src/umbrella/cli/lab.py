"""`umbrella lab`: the main job — the whole laboratory end to end (`Lab.run_all`) and the report."""
from __future__ import annotations

import logging
import pathlib
from typing import Optional

import typer

from umbrella.cli.common import console, err_console, lab as make_lab
from umbrella.views.claims_views import tally_line
from umbrella.views.evidence_views import print_summary
from umbrella.views.theory_views import theory_test


class _Steps(logging.Handler):
    """The lab's steps (logger `umbrella.lab`) as lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        err_console.print(text if text.startswith(" ") else f"[bold cyan]▶ {text}[/bold cyan]", highlight=False)


def lab(out: pathlib.Path = typer.Option(pathlib.Path("out"), "--out", help="output directory"),
        settings: Optional[pathlib.Path] = typer.Option(None, "--settings", help="what to run: a file like the "
                                                        "bundled src/umbrella/lab/run_all.yaml (default: that one)"),
        samples: Optional[int] = typer.Option(None, "--samples", help="ensemble size (overrides the settings)"),
        seed: Optional[int] = typer.Option(None, "--seed", help="random seed of every part (overrides the settings)")
        ) -> None:
    """Run the laboratory end to end (evidence, theories, games, scenarios, calibration, claims) and
    write OUT/report.html / 运行整个实验室并生成报告."""
    from umbrella.lab import LabSettings
    declared = LabSettings.read(settings)
    chosen = LabSettings.model_validate({**declared.model_dump(), **{k: v for k, v in (("samples", samples),
                                                                                       ("seed", seed)) if v is not None}})
    logger = logging.getLogger("umbrella.lab")
    handler = _Steps(logging.INFO)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        run = make_lab().run_all(out, chosen)
    finally:
        logger.removeHandler(handler)
    for lang in ("en", "zh"):
        print_summary(run.evidence.summary, lang, console)
    theory_test(console, run.theory.typology.model_dump(mode="json"), "en")
    for c in run.games.cells:
        console.print(f"deployment-bargaining alt={c.alt} multilateral={c.multilateral}: {c.outcome} "
                      f"(004 Table 1: {c.predicted})")
    calibration = run.analysis.calibration
    console.print("calibration (the committed posterior): RMSE in sample (prior) " + "; ".join(
        f"{s.id} {s.rmse_in_sample:.3g} ({s.rmse_prior_in_sample:.3g})"
        for s in calibration.series if s.role == "fitted"))
    console.print(tally_line(run.claims, "en"))
    err_console.print(f"[bold green]✓ wrote {out / 'report.html'}[/bold green] in {run.seconds:.0f}s")


def register(app: typer.Typer) -> None:
    app.command("lab")(lab)
