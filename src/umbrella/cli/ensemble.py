"""`umbrella run`, `compare`, `params`, `scenarios`: the regional simulation on the command line."""
from __future__ import annotations

import enum
import pathlib
from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from umbrella.cli.common import Format, FormatOption, Lang, LangOption, console, emit, err_console
from umbrella.errors import cli_problem
# numpy/xarray/scipy are imported inside the commands, so that every `umbrella` command starts fast


class Method(str, enum.Enum):
    lhs = "lhs"
    mc = "mc"
    sobol = "sobol"


class OutFormat(str, enum.Enum):
    netcdf = "netcdf"
    parquet = "parquet"


def _int(value: Optional[str], option: str, minimum: int) -> Optional[int]:
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        raise cli_problem(option, f"{value!r} is not an integer") from None
    if number < minimum:
        raise cli_problem(option, f"{number} is below {minimum}")
    return number


SamplesOption = typer.Option(None, "--samples", help="ensemble size (default: the scenario's ensemble.samples)")
SeedOption = typer.Option(None, "--seed", help="random seed (default: the scenario's ensemble.seed)")
MethodOption = typer.Option(None, "--method", help="lhs (default), mc or sobol")
PriorOption = typer.Option(False, "--prior", help="sample the declared prior ranges even if a calibrated posterior exists")


def run(scenario: str = typer.Argument(..., help="scenario id or YAML file"),
        samples: Optional[str] = SamplesOption, seed: Optional[str] = SeedOption,
        method: Optional[Method] = MethodOption, prior: bool = PriorOption,
        out: Optional[pathlib.Path] = typer.Option(None, "--out", help="write the full ensemble and summary.json here"),
        out_format: OutFormat = typer.Option(OutFormat.netcdf, "--out-format", help="netcdf (default) or parquet"),
        plot: Optional[pathlib.Path] = typer.Option(None, "--plot", help="write a fan chart (PNG/SVG) of --variable"),
        variable: str = typer.Option("public_nuclear_support", "--variable", help="variable of the --plot fan chart"),
        workers: int = typer.Option(1, "--workers", min=1, help="threads (results are identical for any number)"),
        fmt: Format = FormatOption, lang: Lang = LangOption) -> None:
    """Run a scenario's ensemble; print quantile bands per variable, actor and year."""
    from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME
    from umbrella.experiments.ensemble import resolve_run, run_ensemble, summarise
    from umbrella.views.ensemble_views import fan_chart, run_table, write_ensemble
    sc, n, s, m = resolve_run(scenario, _int(samples, "--samples", 1), _int(seed, "--seed", 0),
                              None if method is None else method.value)
    if plot is not None and variable not in VARIABLE_BY_NAME:
        raise cli_problem("--variable", f"unknown variable {variable!r}")
    if out is not None and out.exists() and not out.is_dir():
        raise cli_problem("--out", f"{out} exists and is not a directory")
    if plot is not None and (not plot.parent.is_dir() or plot.suffix.lower() not in (".png", ".svg", ".pdf")):
        raise cli_problem("--plot", f"{plot}: needs an existing folder and a .png, .svg or .pdf name")
    with Progress(TextColumn(f"{sc.id}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err_console, transient=True, disable=not err_console.is_terminal) as bar:
        task = bar.add_task("run", total=n)
        ds = run_ensemble(sc, n, s, m, prior=prior, workers=max(1, workers),
                          progress=lambda k: bar.advance(task, k))
    summary = summarise(ds)
    if out is not None:
        for path in write_ensemble(ds, summary, out, out_format.value):
            err_console.print(f"wrote {path}")
    if plot is not None:
        fan_chart(summary, variable, plot, lang.value)
        err_console.print(f"wrote {plot}")
    emit(summary, fmt, lambda: console.print(run_table(summary, lang.value)))


def compare(a: str = typer.Argument(..., help="scenario A (id or file)"),
            b: str = typer.Argument(..., help="scenario B (id or file)"),
            variable: str = typer.Option("proliferation_probability", "--variable", help="model variable"),
            actor: Optional[str] = typer.Option(None, "--actor", help="KOR, JPN, AUS, PRK, CHN or region (default: the first)"),
            year: Optional[str] = typer.Option(None, "--year", help="year (default: last common year)"),
            samples: Optional[str] = SamplesOption, seed: Optional[str] = SeedOption,
            method: Optional[Method] = MethodOption, prior: bool = PriorOption,
            fmt: Format = FormatOption, lang: Lang = LangOption) -> None:
    """Paired comparison B − A with common random numbers: distribution of the difference and P(B > A)."""
    from umbrella.experiments.ensemble import compare as compare_runs
    from umbrella.views.ensemble_views import compare_table
    result = compare_runs(a, b, variable, actor, _int(year, "--year", 0), _int(samples, "--samples", 1),
                          _int(seed, "--seed", 0), None if method is None else method.value, prior=prior)
    emit(result, fmt, lambda: console.print(compare_table(result, lang.value)))


def params(fmt: Format = FormatOption, lang: Lang = LangOption,
           vocabulary: bool = typer.Option(False, "--vocabulary", help="also list levers and shocks")) -> None:
    """The uncertain parameters of the regional model: range, default, unit, mechanism, source."""
    from umbrella.views.ensemble_views import params_rows, params_table, vocabulary_rows
    rows = params_rows()
    if fmt == Format.json:
        emit({"parameters": rows, **vocabulary_rows()} if vocabulary else rows, fmt, lambda: None)
        return
    console.print(params_table(lang.value))


def scenarios(fmt: Format = FormatOption, lang: Lang = LangOption) -> None:
    """The scenario library."""
    from umbrella.views.documents import scenario_rows
    from umbrella.views.ensemble_views import scenarios_table
    rows = scenario_rows()
    emit(rows, fmt, lambda: console.print(scenarios_table(rows, lang.value)))


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.command("run")(run)
    app.command("compare")(compare)
    app.command("params")(params)
    app.command("scenarios")(scenarios)
