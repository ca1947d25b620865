"""`umbrella game ...`: list, params, solve, export, map, tree and cases of the formal models."""
from __future__ import annotations

import enum
import pathlib
import sys
from typing import Optional

import typer
from rich.progress import Progress

from umbrella import games
from umbrella.cli.common import (DataOption, Format, FormatOption, LangOption, console, data_dirs, emit, err_console,
                                 parse_sets)
from umbrella.errors import cli_problem
from umbrella.games.analysis import outcome_map, parse_axis, robustness as box_robustness
from umbrella.views import game_views
from umbrella.outputs import atomic_write

game_app = typer.Typer(help="Formal models, solved exactly and exportable to Gambit / 博弈模型", no_args_is_help=True)

SetOption = typer.Option(None, "--set", help="NAME=VALUE (repeatable): override a parameter")


class ExportFormat(str, enum.Enum):
    efg = "efg"


def _warn(messages) -> None:
    for m in messages:
        print(f"warning: {m}", file=sys.stderr)


def _params(game, sets: Optional[list[str]], case: Optional[str]) -> dict[str, float]:
    params: dict[str, float] = {}
    if case is not None:
        if case not in game.cases:
            known = ", ".join(game.cases) or "none"
            raise cli_problem("--case", f"unknown case {case!r} of game {game.id!r} (known: {known})")
        params.update(game.cases[case].params)
    params.update(parse_sets(sets))
    return params


def _plot_path(value: Optional[pathlib.Path], option: str) -> Optional[pathlib.Path]:
    if value is not None and value.suffix.lower() not in (".png", ".svg"):
        raise cli_problem(option, f"{value}: the file name must end in .png or .svg")
    return value


@game_app.command("list")
def list_games(fmt: Format = FormatOption, lang=LangOption) -> None:
    """The games: id, title, players."""
    from umbrella.views.documents import game_rows
    rows = game_rows()
    emit(rows, fmt, lambda: game_views.list_table(console, list(games.GAMES.values()), lang.value))


@game_app.command("params")
def params(game_id: str = typer.Argument(..., metavar="ID"), fmt: Format = FormatOption, lang=LangOption) -> None:
    """The declared parameters: name, default, range, unit, description, sources."""
    game = games.get(game_id)
    emit(game.params_listing(), fmt, lambda: game_views.params_table(console, game, lang.value))


@game_app.command("solve")
def solve(game_id: str = typer.Argument(..., metavar="ID"), sets: Optional[list[str]] = SetOption,
          case: Optional[str] = typer.Option(None, "--case", help="start from a documented case's parameters"),
          fmt: Format = FormatOption, lang=LangOption) -> None:
    """Solve the game exactly (subgame-perfect / sequential equilibrium)."""
    game = games.get(game_id)
    result = game.solve(_params(game, sets, case))
    _warn(result.warnings)
    emit(result.to_dict(), fmt, lambda: game_views.solve_table(console, game, result.to_dict(), lang.value))


@game_app.command("cases")
def cases(game_id: str = typer.Argument(..., metavar="ID"), fmt: Format = FormatOption, lang=LangOption) -> None:
    """The documented historical cases: observed strategy vs the model's equilibrium outcome."""
    game = games.get(game_id)
    rows = []
    for c in game.cases.values():
        model = game.solve(c.params, analyse=False).outcome
        rows.append({"id": c.id, "title": c.title, "params": dict(c.params), "observed": c.observed,
                     "model": model, "agrees": model == c.observed, "why": c.why,
                     "sources": [s.to_dict() for s in c.sources]})
    emit(rows, fmt, lambda: game_views.cases_table(console, game, rows, lang.value))


@game_app.command("export")
def export(game_id: str = typer.Argument(..., metavar="ID"), sets: Optional[list[str]] = SetOption,
           case: Optional[str] = typer.Option(None, "--case", help="start from a documented case's parameters"),
           fmt: ExportFormat = typer.Option(ExportFormat.efg, "--format", help="efg (Gambit extensive form)"),
           out: Optional[pathlib.Path] = typer.Option(None, "--out", help="write to FILE instead of stdout")) -> None:
    """Write the game in Gambit's .efg format (stdout, or --out FILE)."""
    game = games.get(game_id)
    params, warnings = game.resolve(_params(game, sets, case))
    _warn(warnings)
    text = game.to_efg(params)
    if out is None:
        sys.stdout.write(text)
    else:
        atomic_write(out, text)
        err_console.print(f"wrote {out}")


@game_app.command("map")
def map_(game_id: str = typer.Argument(..., metavar="ID"),
         x: str = typer.Option(..., "--x", help="NAME:LO:HI:N"), y: str = typer.Option(..., "--y", help="NAME:LO:HI:N"),
         sets: Optional[list[str]] = SetOption,
         case: Optional[str] = typer.Option(None, "--case", help="start from a documented case's parameters"),
         show: str = typer.Option("outcome", "--show", help="outcome; an information set (e.g. ally:challenged) "
                                  "to map the equilibrium action there; a region (e.g. entrapment) or 'regions'"),
         plot: Optional[pathlib.Path] = typer.Option(None, "--plot", help="also draw the map to FILE.png|svg"),
         fmt: Format = FormatOption, lang=LangOption) -> None:
    """The equilibrium outcome (or action) over a grid of two parameters, and where a theory's prediction holds."""
    game = games.get(game_id)
    plot = _plot_path(plot, "--plot")
    x_axis, y_axis = parse_axis(game, x, "--x"), parse_axis(game, y, "--y")
    base = _params(game, sets, case)
    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("solving grid", total=len(y_axis.values))
        result = outcome_map(game, x_axis, y_axis, base, show=show,
                             progress=lambda done: progress.update(task, completed=done))
    _warn(result.pop("warnings"))
    if plot is not None:
        game_views.plot_map(game, result, plot)
        err_console.print(f"wrote {plot}")
    emit(result, fmt, lambda: game_views.map_table(console, game, result, lang.value))


@game_app.command("robustness")
def robustness(game_id: str = typer.Argument(..., metavar="ID"), sets: Optional[list[str]] = SetOption,
               samples: int = typer.Option(2000, "--samples", min=1, max=1_000_000, help="random draws in the box"),
               seed: int = typer.Option(1, "--seed", help="random seed"),
               fmt: Format = FormatOption, lang=LangOption) -> None:
    """Share of the declared parameter box where the game's theory prediction (004 Table 1) holds, or
    (tripartite-crisis) that each region covers; --set holds a parameter fixed instead of drawing it."""
    game = games.get(game_id)
    fixed = parse_sets(sets)
    _warn(game.resolve(fixed)[1])  # unknown names, bad values, constraints -> exit 2
    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("solving draws", total=samples)
        result = box_robustness(game, samples, seed, fixed,
                                progress=lambda done: progress.update(task, completed=done))
    emit(result, fmt, lambda: game_views.robustness_table(console, game, result, lang.value))


@game_app.command("estimate")
def estimate(game_id: str = typer.Argument(..., metavar="ID"), data: Optional[list[pathlib.Path]] = DataOption,
             fmt: Format = FormatOption, lang=LangOption) -> None:
    """Fit the game's free payoffs to the coded dispute cases (logit agent-QRE maximum likelihood):
    estimates with standard errors, fitted probability of each observed strategy, leave-one-case-out fit."""
    from umbrella.evidence import load
    from umbrella.games.estimation import dispute_observations, estimate as fit_cases, spec_for
    game = games.get(game_id)
    spec = spec_for(game)
    ev = load(extra_dirs=data_dirs(data))
    _warn(ev.warnings)
    result = fit_cases(game, dispute_observations(ev.disputes.values()), spec)
    emit(result, fmt, lambda: game_views.estimate_table(console, game, result, lang.value))


@game_app.command("tree")
def tree(game_id: str = typer.Argument(..., metavar="ID"), sets: Optional[list[str]] = SetOption,
         case: Optional[str] = typer.Option(None, "--case", help="start from a documented case's parameters"),
         out: pathlib.Path = typer.Option(..., "--out", help="FILE.svg or FILE.png")) -> None:
    """Draw the game tree with the equilibrium actions in bold."""
    game = games.get(game_id)
    out = _plot_path(out, "--out")
    result = game.solve(_params(game, sets, case), analyse=False)
    _warn(result.warnings)
    game_views.plot_tree(game, game.tree(result.params), result.strategy, out)
    err_console.print(f"wrote {out}")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.add_typer(game_app, name="game")
