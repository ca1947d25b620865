"""`umbrella claims`: run a claims ledger and report each claim's status (SYSTEM.md §3.8)."""
from __future__ import annotations

import pathlib
from typing import Optional

import typer

from umbrella.cli.common import (DataOption, Format, FormatOption, Lang, LangOption, SchedulerOption, WorkersOption,
                                 console, emit, lab, progress_bar)
from umbrella.lab import ClaimsRequest, build
from umbrella.views.claims_views import print_claims


def claims(
    ledger: Optional[pathlib.Path] = typer.Option(None, "--ledger", help="ledger YAML (default: the project's ledger)"),
    samples: int = typer.Option(1000, "--samples", help="parameter draws of the regional model"),
    seed: int = typer.Option(1, "--seed", help="random seed (same seed, same numbers)"),
    scheduler: Optional[str] = SchedulerOption,
    workers: int = WorkersOption,
    prior: bool = typer.Option(False, "--prior", help="model checks over the declared prior ranges only (default: "
                                                      "the calibrated posterior, with the prior's share beside it)"),
    ablate: bool = typer.Option(True, "--ablate/--no-ablate",
                                help="re-run every model check with its claim's own seed's mechanisms off, for its "
                                     "basis (on by default; --no-ablate leaves model checks without one)"),
    data: Optional[list[pathlib.Path]] = DataOption,
    fmt: Format = FormatOption,
    lang: Lang = LangOption,
) -> None:
    """Check every claim of a ledger against the models: holds / fails / conditional / not modelled, and
    what each is worth: corroborated / recorded / derived / assumed / definition."""
    request = build(ClaimsRequest, ledger=ledger, samples=samples, seed=seed, prior=prior, ablate=ablate,
                    scheduler=scheduler, workers=workers)
    with progress_bar("claims") as progress:
        result = lab(data).claims(request, progress=progress)
    emit(result, fmt, lambda: print_claims(result, lang.value, console))


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.command("claims")(claims)
