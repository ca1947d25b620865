"""The `umbrella` command: a thin front end over `umbrella.lab`. Each area registers its commands
from its own module; a command parses its flags into a request, calls the lab, and renders the
result with rich or prints its JSON document. Problems with request fields are shown as the flags
that set them (`umbrella.cli.common.FLAGS`); the lab's warnings as `warning: ...` on stderr.
"""
from __future__ import annotations

import importlib
import os
import sys
import warnings

import typer

from umbrella.cli.common import on_command_line
from umbrella.errors import InputError, Problem, UmbrellaWarning

app = typer.Typer(
    name="umbrella",
    help="A computational laboratory for US extended nuclear deterrence / 美国延伸核威慑计算实验室",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Each module defines `register(app)`; order is the order of `umbrella --help`.
_AREAS = ["data", "theory", "qca", "game", "ensemble", "results", "calibration", "claims", "lab", "serve", "clean"]


def _register() -> None:
    for area in _AREAS:
        module = importlib.import_module(f"umbrella.cli.{area}")
        module.register(app)


_register()


def _is(exc: BaseException, name: str) -> bool:
    return any(cls.__name__ == name for cls in type(exc).__mro__)


def _usage_problem(exc: typer.TyperException) -> Problem:
    """A click usage error (bad flag value, missing option, unknown command) as one problem line."""
    param = getattr(exc, "param", None)
    field = getattr(exc, "param_hint", None) or (param.opts[0] if param is not None and getattr(param, "opts", None)
                                                 else None)
    if isinstance(field, (list, tuple)):
        field = " / ".join(field)
    message = " ".join(exc.format_message().replace("Value error, ", "").split())
    command = exc.ctx.command_path if getattr(exc, "ctx", None) is not None else "umbrella"
    return Problem("<command line>", 0, (field or command).strip("'\""), message)


def _show(message, category, filename, lineno, file=None, line=None) -> None:
    if issubclass(category, UmbrellaWarning):
        print(f"warning: {message}", file=sys.stderr)
    else:
        _python_show(message, category, filename, lineno, file, line)


_python_show = warnings.showwarning


def main() -> None:
    # Not standalone: click's usage errors come back to us and are printed as one problem line.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", UmbrellaWarning)
            warnings.showwarning = _show
            app(standalone_mode=False)
        sys.exit(0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        print("aborted", file=sys.stderr)
        sys.exit(130)
    except typer.TyperException as exc:
        if _is(exc, "NoArgsIsHelpError"):
            print(exc.ctx.get_help() if getattr(exc, "ctx", None) is not None else "", file=sys.stderr)
            sys.exit(2)
        if _is(exc, "UsageError"):
            print(str(_usage_problem(exc)), file=sys.stderr)
            sys.exit(2)
        print(f"error: {exc.format_message()}", file=sys.stderr)
        sys.exit(exc.exit_code or 1)
    except InputError as exc:
        for problem in exc.problems:
            print(str(on_command_line(problem)), file=sys.stderr)
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
