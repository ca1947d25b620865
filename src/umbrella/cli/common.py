"""What every command shares: the options, the lab a command works with, the output (tables for
people, JSON or TSV for programs), progress, and the one table that says which flag or argument sets
each request field.

Tables printed through `console` never cut an id: a column whose cells are single words (ids, codes,
numbers) does not wrap, other columns wrap their words, and nothing is replaced by "…". Off a
terminal (a pipe, a file) a table is printed as wide as its content; `--format tsv` prints each table
as tab-separated rows instead (other text goes to stderr).
"""
from __future__ import annotations

import contextlib
import enum
import json
import math
import pathlib
import sys
import time
from typing import Any, Callable, Iterator, Optional

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from umbrella.errors import REQUEST, InputError, Problem

err_console = Console(stderr=True)


def _plain(cell: Any) -> str:
    if isinstance(cell, Text):
        return cell.plain
    return Text.from_markup(cell).plain if isinstance(cell, str) else ""


def _fit(table: Table) -> None:
    """Ids never cut: a column of single words does not wrap; every column folds a word too long for
    it onto the next line rather than cutting it with "…"."""
    for column in table.columns:
        cells = [_plain(c) for c in column.cells]
        column.overflow = "fold"
        if all(len(c.split()) <= 1 for c in cells) and max(map(len, cells), default=0) >= len(_plain(column.header)):
            column.no_wrap = True      # (a column of short codes under a long header may fold its header)


def _tsv_cell(cell: Any) -> str:
    return " ".join(_plain(cell).split("\t")).replace("\n", " / ")


class Output(Console):
    """stdout of a command (see the module doc)."""
    tsv = False            # set by `emit` for --format tsv
    _tables = 0

    def print(self, *objects: Any, **kwargs: Any) -> None:
        tables = [o for o in objects if isinstance(o, Table)]
        if self.tsv:
            for o in objects:
                if isinstance(o, Table):
                    self._write_tsv(o)
                else:
                    err_console.print(o, **kwargs)
            return
        for table in tables:
            _fit(table)
        if not tables or self.is_terminal:
            super().print(*objects, **kwargs)
            return
        wide = max(Measurement.get(self, self.options.update(width=1_000_000), t).maximum for t in tables)
        narrow, self._width = self._width, max(wide, self.width)
        try:
            super().print(*objects, **kwargs)
        finally:
            self._width = narrow

    def _write_tsv(self, table: Table) -> None:
        if table.title:
            err_console.print(table.title, highlight=False, soft_wrap=True)
        rows = [[_tsv_cell(c.header) for c in table.columns]]
        rows += [list(row) for row in zip(*([_tsv_cell(x) for x in c.cells] for c in table.columns))]
        if self._tables:
            self.file.write("\n")
        self.file.write("".join("\t".join(row) + "\n" for row in rows))
        self._tables += 1


console = Output(soft_wrap=True)


class Format(str, enum.Enum):
    table = "table"
    json = "json"
    tsv = "tsv"


class Lang(str, enum.Enum):
    en = "en"
    zh = "zh"


FormatOption = typer.Option(Format.table, "--format", help="table (default), json (one document on stdout) or tsv "
                                                           "(each table tab-separated on stdout)")
DataOption = typer.Option(None, "--data", help="extra data directory (repeatable), merged with the bundled base")
TheoriesOption = typer.Option(None, "--theories", help="extra directory of theory YAML files (repeatable)")
PosteriorOption = typer.Option(None, "--posterior", help="calibration file whose draws ensembles use "
                                                         "(default: the bundled posterior)")
LangOption = typer.Option(Lang.en, "--lang", help="language of labels: en or zh")
SchedulerOption = typer.Option(None, "--scheduler", help="run the ensemble blocks on an existing dask.distributed "
                                                        "cluster (scheduler address, e.g. tcp://HOST:8786)")
WorkersOption = typer.Option(1, "--workers", help="run the ensemble blocks on a local Dask cluster of N worker "
                                                  "processes (1: in this process); the same numbers for any N")

#: Request fields (as the lab names them in problems) -> how a user of the command line sets them.
FLAGS: dict[str, str] = {
    "a": "A", "b": "B", "scenario": "SCENARIO", "file": "FILE", "kind": "KIND", "id": "ID", "game": "ID",
    "samples": "--samples", "seed": "--seed", "method": "--method", "prior": "--prior", "workers": "--workers",
    "posterior": "--posterior", "variable": "--variable", "actor": "--actor", "year": "--year", "years": "--years",
    "start": "--from", "end": "--to", "type": "--type", "text": "--text", "data": "--data", "theories": "--theories", "theory": "--theory",
    "set": "--set", "case": "--case", "x": "--x", "y": "--y", "show": "--show",
    "cases": "--cases", "outcome": "--outcome", "conditions": "--conditions", "incl_cut": "--incl-cut",
    "n_cut": "--n-cut", "pri_cut": "--pri-cut", "include": "--include", "dir_exp": "--dir-exp",
    "expression": "--expression", "column": "--column", "thresholds": "--thresholds", "idm": "--idm",
    "out": "--out", "plot": "--plot", "holdout": "--holdout", "particles": "--particles",
    "loso_particles": "--loso-particles", "leave_one_out": "--leave-one-out", "write_committed": "--write-committed",
    "parameters": "--parameters",
    "above": "--above", "below": "--below", "threshold": "--threshold", "peel_alpha": "--peel-alpha",
    "mass_min": "--mass-min", "prune": "--prune", "ledger": "--ledger", "settings": "--settings",
    "scheduler": "--scheduler", "store": "--store", "sql": "SQL", "variables": "--variables",
}


def flag(field: str) -> str:
    """The command-line spelling of a request field: `samples` -> `--samples`, `set.c_alt` -> `--set c_alt`,
    `above/below` (a problem of two fields together) -> `--above/--below`."""
    if "/" in field:
        return "/".join(flag(part) for part in field.split("/"))
    head, _, rest = field.partition(".")
    if head == "set" and rest:
        return f"--set {rest}"
    if head in FLAGS:
        return FLAGS[head] + (f".{rest}" if rest else "")
    return field


def on_command_line(problem: Problem) -> Problem:
    """A problem with a request field, said as the flag that set it; problems in files stay as they are."""
    if problem.path == REQUEST:
        return Problem("<command line>", 0, flag(problem.field), problem.message)
    if problem.line == 0 and problem.field.partition(".")[0] in FLAGS:     # a folder or file a flag named
        return Problem(problem.path, 0, flag(problem.field), problem.message)
    return problem


def cli_problem(field: str, message: str) -> InputError:
    """A problem with a flag that is no request field (`--format`, `--plot`)."""
    return InputError([Problem("<command line>", 0, field, message)])


def lab(data: Optional[list[pathlib.Path]] = None, theories: Optional[list[pathlib.Path]] = None,
        posterior: Optional[pathlib.Path] = None) -> Any:
    """The laboratory a command works with: the bundled resources plus the command's folders."""
    from umbrella.lab import Lab
    return Lab(data or (), theories or (), posterior=posterior)


def plain_json(doc: Any) -> str:
    if isinstance(doc, BaseModel):
        doc = doc.model_dump(mode="json")
    return json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False)


def emit(result: Any, fmt: Format, table: Callable[[], None]) -> None:
    """The result's JSON document on stdout (one document), or `table()` for people (or as TSV)."""
    if fmt == Format.json:
        sys.stdout.write(plain_json(result) + "\n")
        return
    console.tsv, console._tables = fmt == Format.tsv, 0
    try:
        table()
    finally:
        console.tsv = False


class _Lines:
    """`progress(done, total)` as a few lines on stderr off a terminal: when the work starts (the first
    call, so bad input is reported alone), at each quarter of it once the stage has run QUIET seconds
    (a fast stage prints its start and its end only), and when the stage ends."""
    QUIET = 2.0

    def __init__(self, label: str):
        self.label, self.started, self.shown = label, time.perf_counter(), -1

    def _line(self, text: str) -> None:
        err_console.print(f"{self.label}: {text} ({time.perf_counter() - self.started:.0f}s)", highlight=False,
                          soft_wrap=True, markup=False)

    def __call__(self, done: int, total: int) -> None:
        quarter = 4 * done // total if total else 0
        if quarter > self.shown and (self.shown < 0 or time.perf_counter() - self.started >= self.QUIET):
            self.shown = quarter
            self._line(f"{done}/{total}")

    def close(self) -> None:
        if self.shown < 4:
            self._line("done")


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A `progress(done, total)` callback for one stage of work, on stderr (never on stdout, so JSON
    output stays one document): a rich bar on a terminal, a few lines (`_Lines`) elsewhere."""
    if not err_console.is_terminal:
        lines = _Lines(label)
        yield lines
        lines.close()
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err_console,
                  transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def parse_sets(values: Optional[list[str]]) -> dict[str, float]:
    """`--set NAME=VALUE` pairs; VALUE must be a finite number."""
    out: dict[str, float] = {}
    problems = []
    for raw in values or []:
        name, sep, value = raw.partition("=")
        name = name.strip()
        if not sep or not name:
            problems.append(Problem("<command line>", 0, "--set", f"{raw!r}: expected NAME=VALUE"))
            continue
        try:
            number = float(value)
        except ValueError:
            problems.append(Problem("<command line>", 0, f"--set {name}", f"{value!r} is not a number"))
            continue
        if not math.isfinite(number):
            problems.append(Problem("<command line>", 0, f"--set {name}", f"{value!r} is not a finite number"))
            continue
        out[name] = number
    if problems:
        raise InputError(problems)
    return out


def plot_path(value: Optional[pathlib.Path], suffixes: tuple[str, ...] = (".png", ".svg", ".pdf"),
              option: str = "--plot") -> Optional[pathlib.Path]:
    """A figure file name the views can write, refused before any work is done."""
    if value is not None and (value.suffix.lower() not in suffixes or not value.parent.is_dir()):
        raise cli_problem(option, f"{value}: needs an existing folder and a {', '.join(suffixes)} name")
    return value


def out_dir(value: Optional[pathlib.Path], option: str = "--out") -> Optional[pathlib.Path]:
    """A folder outputs can go into (it may not exist yet), refused before any work is done."""
    if value is None:
        return None
    existing = next((p for p in (value, *value.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise cli_problem(option, f"{value}: {existing} exists and is not a directory")
    return value


def wrote(path: Any) -> None:
    err_console.print(f"wrote {path}")
