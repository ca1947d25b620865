"""`umbrella claims`: run a claims ledger and report each claim's status (SYSTEM.md §3.8)."""
from __future__ import annotations

import pathlib
from typing import Optional

import typer
from rich.progress import Progress

from umbrella.cli.common import DataOption, FormatOption, Format, LangOption, Lang, console, data_dirs, err_console, emit
from umbrella.errors import cli_problem


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""

    @app.command("claims")
    def claims_command(
        ledger: Optional[pathlib.Path] = typer.Option(None, "--ledger", help="ledger YAML (default: claims/ledger.yaml)"),
        samples: int = typer.Option(1000, "--samples", help="parameter draws of the regional model"),
        seed: int = typer.Option(1, "--seed", help="random seed (same seed, same numbers)"),
        ablate: bool = typer.Option(True, "--ablate/--no-ablate",
                                    help="re-run every model check with its claim's own seed's mechanisms off, "
                                         "for its basis (on by default; --no-ablate leaves model checks without one)"),
        data: Optional[list[pathlib.Path]] = DataOption,
        fmt: Format = FormatOption,
        lang: Lang = LangOption,
    ) -> None:
        """Check every claim of a ledger against the models: holds / fails / conditional / not modelled, and
        what each is worth: corroborated / recorded / derived / assumed / definition."""
        from umbrella.claims import run_ledger, summary
        from umbrella.views.claims_views import headline, print_claims
        if samples < 2:
            raise cli_problem("--samples", f"{samples} must be an integer ≥ 2")
        if seed < 0:
            raise cli_problem("--seed", f"{seed} must be a non-negative integer")
        if ledger is not None and not ledger.is_file():
            raise cli_problem("--ledger", f"{str(ledger)!r} is not a file")
        dirs = tuple(data_dirs(data))
        with Progress(console=err_console, transient=True, disable=not err_console.is_terminal) as bar:
            task = bar.add_task("claims", total=None)
            rows = run_ledger(ledger, samples=samples, seed=seed, data_dirs=dirs, ablate=ablate,
                              progress=lambda done, total: bar.update(task, completed=done, total=total))
        tally = summary(rows)
        emit({"claims": rows, "summary": tally, "samples": samples, "seed": seed,
              "headline": {code: headline(tally["table"], code) for code in ("en", "zh")}}, fmt,
             lambda: print_claims(rows, tally, lang.value, console))
