"""`umbrella run`, `compare`, `params`, `scenarios`: the regional simulation on the command line."""
from __future__ import annotations

import enum
import pathlib
from typing import Optional

import typer

from umbrella.cli.common import (Format, FormatOption, Lang, LangOption, PosteriorOption, SchedulerOption, WorkersOption,
                                 cli_problem, console, emit, lab, out_dir, plot_path, progress_bar, wrote)
from umbrella.lab import CompareRequest, RunRequest, StoreRunRequest, build
from umbrella.views import ensemble_views as views


class Method(str, enum.Enum):
    lhs = "lhs"
    mc = "mc"
    sobol = "sobol"


class OutFormat(str, enum.Enum):
    netcdf = "netcdf"
    parquet = "parquet"
    store = "store"


SamplesOption = typer.Option(None, "--samples", help="ensemble size (default: the scenario's ensemble.samples)")
SeedOption = typer.Option(None, "--seed", help="random seed (default: the scenario's ensemble.seed)")
MethodOption = typer.Option(None, "--method", help="lhs (default), mc or sobol")
PriorOption = typer.Option(False, "--prior", help="sample the declared prior ranges even if a calibrated posterior exists")


def run(scenario: str = typer.Argument(..., help="scenario id or YAML file"),
        samples: Optional[int] = SamplesOption, seed: Optional[int] = SeedOption,
        method: Optional[Method] = MethodOption, prior: bool = PriorOption,
        posterior: Optional[pathlib.Path] = PosteriorOption,
        out: Optional[pathlib.Path] = typer.Option(None, "--out", help="write the full ensemble and summary.json here"),
        out_format: OutFormat = typer.Option(OutFormat.netcdf, "--out-format",
                                             help="netcdf (default), parquet, or store: a results store written block "
                                                  "by block (resumable; read it with `umbrella results`)"),
        plot: Optional[pathlib.Path] = typer.Option(None, "--plot", help="write a fan chart (PNG/SVG) of --variable"),
        variable: str = typer.Option("public_nuclear_support", "--variable", help="variable of the --plot fan chart"),
        variables: Optional[str] = typer.Option(None, "--variables", help="with --out-format store: comma-separated "
                                                                         "variables to store (default: all)"),
        scheduler: Optional[str] = SchedulerOption, workers: int = WorkersOption,
        fmt: Format = FormatOption, lang: Lang = LangOption) -> None:
    """Run a scenario's ensemble; print quantile bands per variable, actor and year."""
    the_lab = lab(posterior=posterior)
    settings = dict(scenario=scenario, samples=samples, seed=seed, method=None if method is None else method.value,
                    prior=prior, scheduler=scheduler, workers=workers)
    store = out is not None and out_format == OutFormat.store
    if variables is not None and not store:
        raise cli_problem("--variables", "only with --out DIR --out-format store")
    names = None if variables is None else [v.strip() for v in variables.split(",") if v.strip()]
    request = (build(StoreRunRequest, store=out, variables=names, **settings) if store
               else build(RunRequest, **settings))
    the_lab.variable(variable)
    plot_path(plot)
    out_dir(out)
    sc = the_lab.prepare_run(request)[0]          # bad input: exit 2 before the bar starts
    with progress_bar(sc.id) as progress:
        result = the_lab.run_to_store(request, progress=progress) if store else the_lab.run(request, progress=progress)
    if store:
        wrote(out)
    elif out is not None:
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
            scheduler: Optional[str] = SchedulerOption, workers: int = WorkersOption,
            fmt: Format = FormatOption, lang: Lang = LangOption) -> None:
    """Paired comparison B − A with common random numbers: distribution of the difference and P(B > A)."""
    result = lab(posterior=posterior).compare(build(
        CompareRequest, a=a, b=b, variable=variable, actor=actor, year=year, samples=samples, seed=seed,
        method=None if method is None else method.value, prior=prior, scheduler=scheduler, workers=workers))
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
