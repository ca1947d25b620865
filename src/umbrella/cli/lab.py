"""`umbrella lab`: the main job — the whole laboratory end to end (`Lab.run_all`) and the report."""
from __future__ import annotations

import logging
import pathlib
from typing import Optional

import typer

from umbrella.cli.common import console, err_console, lab as make_lab, out_dir
from umbrella.views import findings


class _Steps(logging.Handler):
    """The lab's steps (logger `umbrella.lab`) as lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        err_console.print(text if text.startswith(" ") else f"[bold cyan]▶ {text}[/bold cyan]", highlight=False)


def lab(out: pathlib.Path = typer.Option(pathlib.Path("out"), "--out", help="output directory"),
        settings: Optional[pathlib.Path] = typer.Option(None, "--settings", help="what to run: a file like the "
                                                        "bundled src/umbrella/lab/run_all.yaml (default: that one)"),
        samples: Optional[int] = typer.Option(None, "--samples", help="ensemble size (overrides the settings)"),
        seed: Optional[int] = typer.Option(None, "--seed", help="random seed of every part (overrides the settings)"),
        quick: bool = typer.Option(False, "--quick", help="smaller sizes for a first look (the settings' `quick:`)")
        ) -> None:
    """Run the laboratory end to end (evidence, theories, games, scenarios, calibration, claims) and
    write OUT/report.html / 运行整个实验室并生成报告."""
    from umbrella.lab import LabSettings, build
    out_dir(out)
    declared = LabSettings.read(settings)
    if quick:
        declared = declared.quicker()
    overrides = {k: v for k, v in (("samples", samples), ("seed", seed)) if v is not None}
    chosen = build(LabSettings, **{**declared.model_dump(), **overrides})
    logger = logging.getLogger("umbrella.lab")
    handler = _Steps(logging.INFO)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        run = make_lab().run_all(out, chosen)
    finally:
        logger.removeHandler(handler)
    for lang in ("en", "zh"):
        console.rule(findings.title(lang))
        console.print(findings.intro(run, lang), markup=False)
        for text, _ in findings.findings(run, lang):
            console.print(f"• {text}", markup=False)
    err_console.print(f"[bold green]✓ wrote {out / 'report.html'}[/bold green] in {run.seconds:.0f}s")


def register(app: typer.Typer) -> None:
    app.command("lab")(lab)
