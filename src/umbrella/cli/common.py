"""Shared pieces of the CLI: the --format option, JSON output, --data and --set parsing."""
from __future__ import annotations

import contextlib
import enum
import json
import math
import pathlib
import sys
from typing import Any, Callable, Optional

import typer
from rich.console import Console

from umbrella.errors import InputError, Problem

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
LangOption = typer.Option(Lang.en, "--lang", help="language of labels: en or zh")


def jsonable(obj: Any) -> Any:
    """Plain JSON types: numpy scalars/arrays to Python, NaN/inf to null, tuples to lists."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover
        np = None
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set)) and not isinstance(obj, str):
        seq = sorted(obj) if isinstance(obj, set) else obj
        return [jsonable(v) for v in seq]
    if np is not None:
        if isinstance(obj, np.ndarray):
            return jsonable(obj.tolist())
        if isinstance(obj, np.bool_):
            return bool(obj)
        if isinstance(obj, np.integer):
            return int(obj)
        if isinstance(obj, np.floating):
            obj = float(obj)
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, enum.Enum):
        return obj.value
    if hasattr(obj, "model_dump"):
        return jsonable(obj.model_dump(mode="json"))
    return obj


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(jsonable(obj), ensure_ascii=False, indent=2, allow_nan=False) + "\n")


def emit(obj: Any, fmt: Format, table: Callable[[], None]) -> None:
    """JSON to stdout as one document, or call `table()` to render for people."""
    if fmt == Format.json:
        print_json(obj)
    else:
        table()


def data_dirs(values: Optional[list[pathlib.Path]]) -> list[pathlib.Path]:
    dirs = list(values or [])
    problems = [Problem(str(d), 0, "--data", "not a directory") for d in dirs if not d.is_dir()]
    if problems:
        raise InputError(problems)
    return dirs


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


SchedulerOption = typer.Option(None, "--scheduler", help="run the blocks on an existing dask.distributed cluster "
                                                        "(scheduler address, e.g. tcp://10.0.0.5:8786)")
WorkersOption = typer.Option(1, "--workers", min=1, help="run the blocks on a local Dask cluster of N worker "
                                                          "processes (1: in this process); same numbers for any N")


@contextlib.contextmanager
def cluster(scheduler: Optional[str], workers: int):
    """The executor of the ensemble blocks for --scheduler / --workers (in process by default); it is
    the current executor while the command runs (experiments/blocks.py)."""
    if scheduler and workers > 1:
        raise InputError([Problem("<command line>", 0, "--workers", "give --scheduler or --workers, not both")])
    from umbrella.experiments.blocks import executor
    with executor(scheduler, workers) as ex:
        yield ex
