"""`umbrella data ...` and `umbrella timeline`: the evidence base on the command line."""
from __future__ import annotations

import enum
import pathlib
from typing import Optional

import typer

from umbrella.cli.common import (DataOption, Format, FormatOption, Lang, LangOption, cli_problem, console, emit, lab,
                                 out_dir)
from umbrella.evidence import KINDS
from umbrella.lab import ExportRequest, RecordRequest, RecordsRequest, SummaryRequest, TimelineRequest, build
from umbrella.views import evidence_views as views

data_app = typer.Typer(help="The evidence base: check, list, show, export / 证据库", no_args_is_help=True)

Kind = enum.Enum("Kind", {k: k for k in KINDS}, type=str)


class ExportFormat(str, enum.Enum):
    csv = "csv"
    parquet = "parquet"
    dta = "dta"
    bib = "bib"


@data_app.command("check")
def check(data: Optional[list[pathlib.Path]] = DataOption, fmt: Format = FormatOption) -> None:
    """Validate the bundled evidence base and any --data directories (exit 2 on problems)."""
    result = lab(data).check_data()
    emit(result, fmt, lambda: views.check_line(console, result))


ActorOption = typer.Option(None, "--actor", help="only records involving this actor id (e.g. KOR)")
FromOption = typer.Option(None, "--from", help="only records in or after this year")
ToOption = typer.Option(None, "--to", help="only records in or before this year")
TypeOption = typer.Option(None, "--type", help="only records of this type (events: type, e.g. crisis; actors: role; "
                                               "alliances: structure; deployments: intensity; disputes: "
                                               "observed_strategy; surveys: item; series: unit)")
TextOption = typer.Option(None, "--text", help="only records whose text contains this (either language, any case)")


@data_app.command("list")
def list_(kind: Kind = typer.Argument(..., help="|".join(KINDS)),
          actor: Optional[str] = ActorOption, start: Optional[int] = FromOption, end: Optional[int] = ToOption,
          type_: Optional[str] = TypeOption, text: Optional[str] = TextOption,
          data: Optional[list[pathlib.Path]] = DataOption, fmt: Format = FormatOption,
          lang: Lang = LangOption) -> None:
    """List the records of one kind (disputes with their derived fields), optionally filtered."""
    request = build(RecordsRequest, kind=kind.value, actor=actor, start=start, end=end, type=type_, text=text)
    result = lab(data).records(request)
    emit(result, fmt, lambda: views.records_table(console, kind.value, result, lang.value, request))


@data_app.command("show")
def show(record_id: str = typer.Argument(..., metavar="ID"), data: Optional[list[pathlib.Path]] = DataOption,
         fmt: Format = FormatOption) -> None:
    """Show one record of any kind, with where it is defined."""
    result = lab(data).record(build(RecordRequest, id=record_id))
    emit(result, fmt, lambda: views.record_yaml(console, result))


@data_app.command("export")
def export_(fmt: ExportFormat = typer.Option(..., "--format", help="csv|parquet|dta|bib"),
            out: pathlib.Path = typer.Option(..., "--out", help="output directory"),
            data: Optional[list[pathlib.Path]] = DataOption) -> None:
    """Export every record kind (CSV, Parquet, Stata .dta) or the merged bibliography."""
    for path in lab(data).export(build(ExportRequest, format=fmt.value, out=out_dir(out))).files:
        console.print(path)


@data_app.command("summary")
def summary(data: Optional[list[pathlib.Path]] = DataOption, lang: Lang = LangOption,
            fmt: Format = FormatOption, years: str = typer.Option("1958,1970,1985,1992,2010,2023",
                                                                    help="years for the deployment snapshot")) -> None:
    """A bilingual summary of the extended-deterrence system in the evidence base."""
    try:
        snapshot_years = [int(y) for y in years.split(",") if y.strip()]
    except ValueError:
        raise cli_problem("--years", f"{years!r} is not a comma-separated list of years") from None
    result = lab(data).summary(build(SummaryRequest, years=snapshot_years))
    emit(result, fmt, lambda: views.print_summary(result, lang.value, console))


def timeline(actor: Optional[str] = ActorOption, start: Optional[int] = FromOption, end: Optional[int] = ToOption,
             type_: Optional[str] = TypeOption, text: Optional[str] = TextOption,
             lang: Lang = LangOption, fmt: Format = FormatOption,
             data: Optional[list[pathlib.Path]] = DataOption) -> None:
    """Dated events of the evidence base in order / 大事年表."""
    request = build(TimelineRequest, actor=actor, start=start, end=end, type=type_, text=text)
    result = lab(data).timeline(request)
    emit(result, fmt, lambda: views.timeline_table(console, result, lang.value, request))


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")
    app.command("timeline")(timeline)
