"""`umbrella run`, `compare`, `params`, `scenarios`: the regional simulation on the command line."""
from __future__ import annotations

import enum
import pathlib
from typing import Optional

import typer

from umbrella.cli.common import (Format, FormatOption, Lang, LangOption, PosteriorOption, console, emit,
                                 lab, out_dir, plot_path, progress_bar, wrote)
from umbrella.lab import CompareRequest, RunRequest, build
from umbrella.views import ensemble_views as views


class Method(str, enum.Enum):
    lhs = "lhs"
    mc = "mc"
    sobol = "sobol"


class OutFormat(str, enum.Enum):
    netcdf = "netcdf"
    parquet = "parquet"


SamplesOption = typer.Option(None, "--samples", help="ensemble size (default: the scenario's ensemble.samples)")
SeedOption = typer.Option(None, "--seed", help="random seed (default: the scenario's ensemble.seed)")
MethodOption = typer.Option(None, "--method", help="lhs (default), mc or sobol")
PriorOption = typer.Option(False, "--prior", help="sample the declared prior ranges even if a calibrated posterior exists")


def run(scenario: str = typer.Argument(..., help="scenario id or YAML file"),
        samples: Optional[int] = SamplesOption, seed: Optional[int] = SeedOption,
        method: Optional[Method] = MethodOption, prior: bool = PriorOption,
        posterior: Optional[pathlib.Path] = PosteriorOption,
        out: Optional[pathlib.Path] = typer.Option(None, "--out", help="write the full ensemble and summary.json here"),
        out_format: OutFormat = typer.Option(OutFormat.netcdf, "--out-format", help="netcdf (default) or parquet"),
        plot: Optional[pathlib.Path] = typer.Option(None, "--plot", help="write a fan chart (PNG/SVG) of --variable"),
        variable: str = typer.Option("public_nuclear_support", "--variable", help="variable of the --plot fan chart"),
        workers: int = typer.Option(1, "--workers", help="threads (results are identical for any number)"),
        fmt: Format = FormatOption, lang: Lang = LangOption) -> None:
    """Run a scenario's ensemble; print quantile bands per variable, actor and year."""
    the_lab = lab(posterior=posterior)
    request = build(RunRequest, scenario=scenario, samples=samples, seed=seed,
                    method=None if method is None else method.value, prior=prior, workers=workers)
    the_lab.variable(variable)
    plot_path(plot)
    out_dir(out)
    sc = the_lab.prepare_run(request)[0]          # bad input: exit 2 before the bar starts
    with progress_bar(sc.id) as progress:
        result = the_lab.run(request, progress=progress)
    if out is not None:
        for path in the_lab.write_run(result, out, out_format.value):
            wrote(path)
    if plot is not None:
        views.fan_chart(result, variable, plot, lang.value)
        wrote(plot)
    emit(result, fmt, lambda: console.print(views.run_table(result, lang.value)))


def compare(a: str = typer.Argument(..., help="scenario A (id or file)"),
            b: str = typer.Argument(..., help="scenario B (id or file)"),
            variable: str = typer.Option("proliferation_probability", "--variable", help="model variable"),
            actor: Optional[str] = typer.Option(None, "--actor", help="KOR, JPN, AUS, PRK, CHN or region "
                                                                     "(default: the first)"),
            year: Optional[int] = typer.Option(None, "--year", help="year (default: last common year)"),
            samples: Optional[int] = SamplesOption, seed: Optional[int] = SeedOption,
            method: Optional[Method] = MethodOption, prior: bool = PriorOption,
            posterior: Optional[pathlib.Path] = PosteriorOption,
            fmt: Format = FormatOption, lang: Lang = LangOption) -> None:
    """Paired comparison B − A with common random numbers: distribution of the difference and P(B > A)."""
    result = lab(posterior=posterior).compare(build(
        CompareRequest, a=a, b=b, variable=variable, actor=actor, year=year, samples=samples, seed=seed,
        method=None if method is None else method.value, prior=prior))
    emit(result, fmt, lambda: console.print(views.compare_table(result, lang.value)))


def params(fmt: Format = FormatOption, lang: Lang = LangOption,
           vocabulary: bool = typer.Option(False, "--vocabulary", help="also list levers and shocks")) -> None:
    """The uncertain parameters of the regional model: range, default, unit, mechanism, source."""
    the_lab = lab()
    result = the_lab.vocabulary() if vocabulary else the_lab.parameters()
    emit(result, fmt, lambda: console.print(views.params_table(the_lab.parameters(), lang.value)))


def scenarios(fmt: Format = FormatOption, lang: Lang = LangOption) -> None:
    """The scenario library."""
    result = lab().scenario_list()
    emit(result, fmt, lambda: console.print(views.scenarios_table(result, lang.value)))


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.command("run")(run)
    app.command("compare")(compare)
    app.command("params")(params)
    app.command("scenarios")(scenarios)
