"""The `umbrella` command. Each area registers its commands from its own module.

Views never compute science: every command calls the layers and formats what they return.
"""
from __future__ import annotations

import importlib
import os
import sys

import typer

from umbrella.errors import InputError

app = typer.Typer(
    name="umbrella",
    help="A computational laboratory for US extended nuclear deterrence / 美国延伸核威慑计算实验室",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Each module defines `register(app)`; order is the order of `umbrella --help`.
_AREAS = ["data", "theory", "qca", "game", "ensemble", "calibration", "claims", "lab"]


def _register() -> None:
    for area in _AREAS:
        module = importlib.import_module(f"umbrella.cli.{area}")
        module.register(app)


_register()


def main() -> None:
    try:
        app(standalone_mode=True)
    except InputError as exc:
        for problem in exc.problems:
            print(str(problem), file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # an internal error: one line unless debugging
        if os.environ.get("UMBRELLA_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {exc} (set UMBRELLA_DEBUG=1 for the traceback)",
              file=sys.stderr)
        sys.exit(1)
