"""What every command shares: the options, the lab a command works with, JSON output, progress bars,
and the one table that says which flag or argument sets each request field."""
from __future__ import annotations

import contextlib
import enum
import json
import math
import pathlib
import sys
from typing import Any, Callable, Iterator, Optional

import typer
from pydantic import BaseModel
from rich.console import Console

from umbrella.errors import REQUEST, InputError, Problem

console = Console(soft_wrap=True)
err_console = Console(stderr=True)


class Format(str, enum.Enum):
    table = "table"
    json = "json"


class Lang(str, enum.Enum):
    en = "en"
    zh = "zh"


FormatOption = typer.Option(Format.table, "--format", help="table (default) or json")
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
    "a": "A", "b": "B", "file": "FILE", "kind": "KIND", "id": "ID", "game": "ID",
    "samples": "--samples", "seed": "--seed", "method": "--method", "prior": "--prior", "workers": "--workers",
    "posterior": "--posterior", "variable": "--variable", "actor": "--actor", "year": "--year", "years": "--years",
    "start": "--from", "end": "--to", "data": "--data", "theories": "--theories", "theory": "--theory",
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
    """The result's JSON document on stdout (one document), or `table()` for people."""
    if fmt == Format.json:
        sys.stdout.write(plain_json(result) + "\n")
    else:
        table()


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A `progress(done, total)` callback shown as a rich bar on stderr when it is a terminal (never on
    stdout, so JSON output stays one document)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err_console,
                  transient=True, disable=not err_console.is_terminal) as bar:
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


def wrote(path: Any) -> None:
    err_console.print(f"wrote {path}")
