"""`umbrella results list | show | query`: read a results store (written by `run --out-format store`) with DuckDB."""
from __future__ import annotations

import pathlib
from typing import Optional

import typer

from umbrella.cli.common import Format, FormatOption, Lang, LangOption, cli_problem, console, emit, lab, wrote
from umbrella.lab import QueryRequest, ShowRequest, StoreRequest, build
from umbrella.views import ensemble_views as views

StoreOption = typer.Option(..., "--store", help="results store folder (written by `umbrella run --out DIR --out-format store`)")

results_app = typer.Typer(help="Read a results store: runs, summaries, SQL over `results` and `draws` (DuckDB).",
                          no_args_is_help=True)


@results_app.command("list")
def list_runs(store: pathlib.Path = StoreOption, fmt: Format = FormatOption) -> None:
    """The runs in a store, with their settings and how many of their blocks are finished."""
    from rich.table import Table
    result = lab().results_list(build(StoreRequest, store=store))

    def table() -> None:
        t = Table("scenario", "samples", "seed", "sampler", "parameters from", "blocks", "model", title=result.store)
        for r in result.runs:
            t.add_row(r.scenario, str(r.samples), str(r.seed), r.sampler, r.parameters_from,
                      f"{r.blocks_finished}/{r.blocks}", f"v{r.model_version}")
        console.print(t)

    emit(result, fmt, table)


@results_app.command("show")
def show(scenario: str = typer.Argument(..., help="scenario id of a run in the store"),
         store: pathlib.Path = StoreOption, fmt: Format = FormatOption, lang: Lang = LangOption) -> None:
    """The `umbrella run` summary of a stored run (mean and quantiles computed by DuckDB from the store)."""
    result = lab().results_show(build(ShowRequest, store=store, scenario=scenario))
    emit(result, fmt, lambda: console.print(views.run_table(result, lang.value)))


@results_app.command("query")
def query(sql: str = typer.Argument(..., help="SQL over the views `results` (scenario, sample, year, variable, "
                                              "actor, value) and `draws` (scenario, sample, one column per parameter)"),
          store: pathlib.Path = StoreOption, fmt: Format = FormatOption,
          limit: Optional[int] = typer.Option(None, "--limit", min=1, help="show at most this many rows in the table")) -> None:
    """Run a SQL query over a store; JSON: {"columns": [...], "rows": [[...], ...]}."""
    from rich.table import Table
    result = lab().results_query(build(QueryRequest, store=store, sql=sql))

    def table() -> None:
        t = Table(*result.columns)
        for row in result.rows[:limit]:
            t.add_row(*("" if v is None else f"{v:.6g}" if isinstance(v, float) else str(v) for v in row))
        console.print(t)

    emit(result, fmt, table)


@results_app.command("report")
def report(store: pathlib.Path = StoreOption,
           out: Optional[pathlib.Path] = typer.Option(None, "--out", help="HTML file to write (default: STORE/report.html)")
           ) -> None:
    """A self-contained bilingual HTML report of a store: its runs, and each run's bands and fan chart."""
    from umbrella.outputs import atomic_write
    from umbrella.views.results_report import store_report
    result = lab().results_report(build(StoreRequest, store=store))
    path = out if out is not None else store / "report.html"
    if path.is_dir():
        raise cli_problem("--out", f"{path} is a directory")
    atomic_write(path, store_report(result), "out")
    wrote(path)


def register(app: typer.Typer) -> None:
    """Add `umbrella results`."""
    app.add_typer(results_app, name="results")
