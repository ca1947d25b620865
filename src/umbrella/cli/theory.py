"""`umbrella theory list|test|compare|table|forecast`: declared theories scored against the coded cases."""
from __future__ import annotations

import pathlib
from typing import Optional

import typer

from umbrella.cli.common import (DataOption, Format, FormatOption, Lang, LangOption, TheoriesOption, console, emit,
                                 lab, plot_path)
from umbrella.lab import ForecastRequest, TheoryRequest, build
from umbrella.views import theory_views as views

theory_app = typer.Typer(help="Executable theories: seed 004's typology and its rivals / 可执行理论", no_args_is_help=True)

TheoryOption = typer.Option("deployment-typology", "--theory", help="theory id (see `umbrella theory list`)")
PlotOption = typer.Option(None, "--plot", help="also write a plot to FILE (.png or .svg)")


@theory_app.command("list")
def list_(theories_dirs: Optional[list[pathlib.Path]] = TheoriesOption, data: Optional[list[pathlib.Path]] = DataOption,
          fmt: Format = FormatOption, lang: Lang = LangOption) -> None:
    """List the declared theories (built-in and --theories)."""
    result = lab(data, theories_dirs).theory_list()
    emit(result, fmt, lambda: views.theory_list(console, result.model_dump(mode="json"), lang.value))


@theory_app.command("test")
def test(theory: str = TheoryOption, data: Optional[list[pathlib.Path]] = DataOption,
         theories_dirs: Optional[list[pathlib.Path]] = TheoriesOption, fmt: Format = FormatOption,
         lang: Lang = LangOption) -> None:
    """Score one theory on every coded case: conditions, prediction, observed outcome, match."""
    result = lab(data, theories_dirs).theory_test(build(TheoryRequest, theory=theory))
    emit(result, fmt, lambda: views.theory_test(console, result.model_dump(mode="json"), lang.value))


@theory_app.command("compare")
def compare(data: Optional[list[pathlib.Path]] = DataOption, theories_dirs: Optional[list[pathlib.Path]] = TheoriesOption,
            fmt: Format = FormatOption, lang: Lang = LangOption, plot: Optional[pathlib.Path] = PlotOption) -> None:
    """Rank every theory on the same cases (binary: did the US concede?)."""
    plot = plot_path(plot, (".png", ".svg"))
    result = lab(data, theories_dirs).theory_compare()
    if plot:
        views.plot_compare(result.model_dump(mode="json"), plot, lang.value)
    emit(result, fmt, lambda: views.compare_table(console, result.model_dump(mode="json"), lang.value))


@theory_app.command("table")
def table(theory: str = TheoryOption, data: Optional[list[pathlib.Path]] = DataOption,
          theories_dirs: Optional[list[pathlib.Path]] = TheoriesOption, fmt: Format = FormatOption,
          lang: Lang = LangOption, plot: Optional[pathlib.Path] = PlotOption) -> None:
    """Seed 004's Table 1 with each coded case in its cell (predicted cell vs observed outcome)."""
    plot = plot_path(plot, (".png", ".svg"))
    result = lab(data, theories_dirs).theory_table(build(TheoryRequest, theory=theory))
    if plot:
        views.plot_typology(result.model_dump(mode="json"), plot, lang.value)
    emit(result, fmt, lambda: views.typology_cells(console, result.model_dump(mode="json"), lang.value))


@theory_app.command("forecast")
def forecast(theory: Optional[str] = typer.Option(None, "--theory", help="one theory id (default: every theory)"),
             data: Optional[list[pathlib.Path]] = DataOption, theories_dirs: Optional[list[pathlib.Path]] = TheoriesOption,
             fmt: Format = FormatOption, lang: Lang = LangOption) -> None:
    """Predictions for open cases: the conditions that drive each and the codings that would flip it."""
    result = lab(data, theories_dirs).theory_forecast(build(ForecastRequest, theory=theory))
    emit(result, fmt, lambda: views.forecast_table(console, result.model_dump(mode="json"), lang.value))


def register(app: typer.Typer) -> None:
    app.add_typer(theory_app, name="theory")
