"""`umbrella theory list|test|compare|table`: declared theories scored against the coded cases."""
from __future__ import annotations

import pathlib
import sys
from typing import Optional

import typer

from umbrella.cli.common import DataOption, Format, FormatOption, Lang, LangOption, console, data_dirs, emit
from umbrella.errors import cli_problem
from umbrella.evidence import load
from umbrella.theory import compare_theories, forecasts, load_theories, test_theory, typology_table
from umbrella.views import theory_views as views

theory_app = typer.Typer(help="Executable theories: seed 004's typology and its rivals / 可执行理论", no_args_is_help=True)

TheoriesOption = typer.Option(None, "--theories", help="extra directory of theory YAML files (repeatable)")
TheoryOption = typer.Option("deployment-typology", "--theory", help="theory id (see `umbrella theory list`)")
PlotOption = typer.Option(None, "--plot", help="also write a plot to FILE (.png or .svg)")


def _load(data, theories_dirs):
    ev = load(extra_dirs=data_dirs(data))
    for w in ev.warnings:
        print(f"warning: {w}", file=sys.stderr)
    return ev, load_theories(extra_dirs=theories_dirs or [], bib=ev.bib)


def _pick(theories: dict, theory_id: str):
    if theory_id not in theories:
        raise cli_problem("--theory", f"unknown theory {theory_id!r} (known: {', '.join(sorted(theories))})")
    return theories[theory_id]


@theory_app.command("list")
def list_(theories_dirs: Optional[list[pathlib.Path]] = TheoriesOption, data: Optional[list[pathlib.Path]] = DataOption,
          fmt: Format = FormatOption, lang: Lang = LangOption) -> None:
    """List the declared theories (built-in and --theories)."""
    _, theories = _load(data, theories_dirs)
    from umbrella.views.documents import theory_rows
    rows = theory_rows(theories)
    emit(rows, fmt, lambda: views.theory_list(console, rows, lang.value))


@theory_app.command("test")
def test(theory: str = TheoryOption, data: Optional[list[pathlib.Path]] = DataOption,
         theories_dirs: Optional[list[pathlib.Path]] = TheoriesOption, fmt: Format = FormatOption,
         lang: Lang = LangOption) -> None:
    """Score one theory on every coded case: conditions, prediction, observed outcome, match."""
    ev, theories = _load(data, theories_dirs)
    result = test_theory(_pick(theories, theory), ev.disputes)
    emit(result, fmt, lambda: views.theory_test(console, result, lang.value))


@theory_app.command("compare")
def compare(data: Optional[list[pathlib.Path]] = DataOption, theories_dirs: Optional[list[pathlib.Path]] = TheoriesOption,
            fmt: Format = FormatOption, lang: Lang = LangOption, plot: Optional[pathlib.Path] = PlotOption) -> None:
    """Rank every theory on the same cases (binary: did the US concede?)."""
    ev, theories = _load(data, theories_dirs)
    result = compare_theories(theories, ev.disputes)
    if plot:
        views.plot_compare(result, plot, lang.value)
    emit(result, fmt, lambda: views.compare_table(console, result, lang.value))


@theory_app.command("table")
def table(theory: str = TheoryOption, data: Optional[list[pathlib.Path]] = DataOption,
          theories_dirs: Optional[list[pathlib.Path]] = TheoriesOption, fmt: Format = FormatOption,
          lang: Lang = LangOption, plot: Optional[pathlib.Path] = PlotOption) -> None:
    """Seed 004's Table 1 with each coded case in its cell (predicted cell vs observed outcome)."""
    ev, theories = _load(data, theories_dirs)
    th = _pick(theories, theory)
    result = typology_table(th, test_theory(th, ev.disputes))
    if plot:
        views.plot_typology(result, plot, lang.value)
    emit(result, fmt, lambda: views.typology_cells(console, result, lang.value))


@theory_app.command("forecast")
def forecast(theory: Optional[str] = typer.Option(None, "--theory", help="one theory id (default: every theory)"),
             data: Optional[list[pathlib.Path]] = DataOption, theories_dirs: Optional[list[pathlib.Path]] = TheoriesOption,
             fmt: Format = FormatOption, lang: Lang = LangOption) -> None:
    """Predictions for open cases: the conditions that drive each and the codings that would flip it."""
    ev, theories = _load(data, theories_dirs)
    chosen = {theory: _pick(theories, theory)} if theory else theories
    result = forecasts(chosen, ev.disputes)
    emit(result, fmt, lambda: views.forecast_table(console, result, lang.value))


def register(app: typer.Typer) -> None:
    app.add_typer(theory_app, name="theory")
