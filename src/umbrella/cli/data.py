"""`umbrella data ...` and `umbrella timeline`: the evidence base on the command line."""
from __future__ import annotations

import enum
import pathlib
import sys
from typing import Optional

import typer
from rich.table import Table

from umbrella.cli.common import (DataOption, Format, FormatOption, Lang, LangOption, console, data_dirs,
                                 emit)
from umbrella.errors import cli_problem
from umbrella.evidence import KINDS, load
from umbrella.evidence.records import as_dict
from umbrella.views.i18n import t

data_app = typer.Typer(help="The evidence base: check, list, show, export / 证据库", no_args_is_help=True)

Kind = enum.Enum("Kind", {k: k for k in KINDS}, type=str)


class ExportFormat(str, enum.Enum):
    csv = "csv"
    parquet = "parquet"
    dta = "dta"
    bib = "bib"


def load_with_warnings(dirs: Optional[list[pathlib.Path]]):
    ev = load(extra_dirs=data_dirs(dirs))
    for w in ev.warnings:
        print(f"warning: {w}", file=sys.stderr)
    return ev


@data_app.command("check")
def check(data: Optional[list[pathlib.Path]] = DataOption) -> None:
    """Validate the bundled evidence base and any --data directories (exit 2 on problems)."""
    ev = load_with_warnings(data)
    counts = ", ".join(f"{n} {k}" for k, n in ev.counts().items())
    quotes = "seed quotes verified" if ev.quotes_checked else "seed quotes NOT verified (no seeds found)"
    console.print(f"ok: {counts}; {len(ev.bib)} bib entries; {quotes}")


_COLUMNS = {
    "actors": ["kind", "role", "nuclear_status"],
    "alliances": ["structure", "patron", "founded", "ended"],
    "mechanisms": ["alliance", "established", "gives"],
    "deployments": ["host", "intensity", "start", "end"],
    "disputes": ["host", "structure", "alt", "conceded", "observed_strategy"],
    "events": ["date", "type", "actors"],
    "surveys": ["country", "year", "pollster", "item", "value"],
    "series": ["subject", "unit", "first_year", "last_year", "n_points"],
}


def _title(rec: dict, lang: str) -> str:
    for key in ("title", "name"):
        if isinstance(rec.get(key), dict):
            return rec[key].get(lang) or rec[key].get("en", "")
    if isinstance(rec.get("question"), dict):
        return rec["question"].get("en", "")
    return ""


def _cell(value) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


@data_app.command("list")
def list_(kind: Kind = typer.Argument(..., help="|".join(KINDS)),
          data: Optional[list[pathlib.Path]] = DataOption, fmt: Format = FormatOption,
          lang: Lang = LangOption) -> None:
    """List the records of one kind (disputes with their derived fields)."""
    ev = load_with_warnings(data)
    records = [as_dict(kind.value, r) for r in ev.kind(kind.value).values()]

    def show() -> None:
        table = Table(title=f"{t('kind.' + kind.value, lang.value)} ({len(records)})")
        for col in ["id", "title"] + _COLUMNS[kind.value]:
            table.add_column(t("col." + col, lang.value))
        for r in records:
            table.add_row(r["id"], _title(r, lang.value), *(_cell(r.get(c)) for c in _COLUMNS[kind.value]))
        console.print(table)

    emit(records, fmt, show)


@data_app.command("show")
def show(record_id: str = typer.Argument(..., metavar="ID"), data: Optional[list[pathlib.Path]] = DataOption,
         fmt: Format = FormatOption) -> None:
    """Show one record of any kind, with where it is defined."""
    ev = load_with_warnings(data)
    from umbrella.views.documents import record_document
    try:
        out = record_document(ev, record_id)
    except KeyError:
        raise cli_problem("ID", f"no record with id {record_id!r}") from None
    kind, record = ev.get(record_id)
    path, line = ev.origin(record_id)

    def table() -> None:
        import yaml
        console.print(f"[bold]{record_id}[/bold] ({kind}) — {path}:{line}")
        console.print(yaml.safe_dump(as_dict(kind, record), allow_unicode=True, sort_keys=False), markup=False)

    emit(out, fmt, table)


@data_app.command("export")
def export_(fmt: ExportFormat = typer.Option(..., "--format", help="csv|parquet|dta|bib"),
            out: pathlib.Path = typer.Option(..., "--out", help="output directory"),
            data: Optional[list[pathlib.Path]] = DataOption) -> None:
    """Export every record kind (CSV, Parquet, Stata .dta) or the merged bibliography."""
    from umbrella.evidence.export import export  # pandas/pyarrow only when exporting
    ev = load_with_warnings(data)
    if out.exists() and not out.is_dir():
        raise cli_problem("--out", f"{out} exists and is not a directory")
    for path in export(ev, fmt.value, out):
        console.print(str(path))


@data_app.command("summary")
def summary(data: Optional[list[pathlib.Path]] = DataOption, lang: Lang = LangOption,
            fmt: Format = FormatOption, years: str = typer.Option("1958,1970,1985,1992,2010,2023",
                                                                    help="years for the deployment snapshot")) -> None:
    """A bilingual summary of the extended-deterrence system in the evidence base."""
    from umbrella.views.evidence_views import evidence_summary, print_summary
    ev = load_with_warnings(data)
    try:
        snapshot_years = [int(y) for y in years.split(",") if y.strip()]
    except ValueError:
        raise cli_problem("--years", f"{years!r} is not a comma-separated list of years") from None
    result = evidence_summary(ev, snapshot_years)
    emit(result, fmt, lambda: print_summary(result, lang.value))


def timeline(actor: Optional[str] = typer.Option(None, "--actor", help="only events involving this actor"),
             start: Optional[int] = typer.Option(None, "--from", help="first year"),
             end: Optional[int] = typer.Option(None, "--to", help="last year"),
             lang: Lang = LangOption, fmt: Format = FormatOption,
             data: Optional[list[pathlib.Path]] = DataOption) -> None:
    """Dated events of the evidence base in order / 大事年表."""
    ev = load_with_warnings(data)
    if start is not None and end is not None and start > end:
        raise cli_problem("--from", f"--from {start} is after --to {end}")
    events = sorted(ev.events.values(), key=lambda e: (e.date, e.id))
    rows = [e for e in events
            if (actor is None or actor in e.actors)
            and (start is None or e.year >= start) and (end is None or e.year <= end)]
    records = [as_dict("events", e) for e in rows]

    def table() -> None:
        tab = Table(title=t("timeline.title", lang.value))
        for col in ("date", "type", "actors", "title"):
            tab.add_column(t("col." + col, lang.value))
        for e in rows:
            tab.add_row(e.date, t("event." + e.type, lang.value), ", ".join(e.actors), e.title.get(lang.value))
        console.print(tab)

    emit(records, fmt, table)


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")
    app.command("timeline")(timeline)
