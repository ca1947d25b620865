"""`umbrella game ...`: list, params, solve, export, map, tree and cases of the formal models."""
from __future__ import annotations

import enum
import pathlib
import sys
from typing import Optional

import typer

from umbrella.cli.common import (DataOption, Format, FormatOption, LangOption, console, emit, lab, parse_sets,
                                 plot_path, progress_bar, wrote)
from umbrella.lab import (GameMapRequest, GameRequest, GameRobustnessRequest, GameSolveRequest, build)
from umbrella.views import game_views
from umbrella.outputs import atomic_write

game_app = typer.Typer(help="Formal models, solved exactly and exportable to Gambit / 博弈模型", no_args_is_help=True)

SetOption = typer.Option(None, "--set", help="NAME=VALUE (repeatable): override a parameter")
CaseOption = typer.Option(None, "--case", help="start from a documented case's parameters")
IdArg = typer.Argument(..., metavar="ID")


class ExportFormat(str, enum.Enum):
    efg = "efg"


def _solve_request(game_id: str, sets: Optional[list[str]], case: Optional[str]) -> GameSolveRequest:
    return build(GameSolveRequest, game=game_id, set=parse_sets(sets), case=case)


@game_app.command("list")
def list_games(fmt: Format = FormatOption, lang=LangOption) -> None:
    """The games: id, title, players."""
    result = lab().games()
    emit(result, fmt, lambda: game_views.list_table(console, lang.value))


@game_app.command("params")
def params(game_id: str = IdArg, fmt: Format = FormatOption, lang=LangOption) -> None:
    """The declared parameters: name, default, range, unit, description, sources."""
    result = lab().game_params(build(GameRequest, game=game_id))
    emit(result, fmt, lambda: game_views.params_table(console, game_id, lang.value))


@game_app.command("solve")
def solve(game_id: str = IdArg, sets: Optional[list[str]] = SetOption, case: Optional[str] = CaseOption,
          fmt: Format = FormatOption, lang=LangOption) -> None:
    """Solve the game exactly (subgame-perfect / sequential equilibrium)."""
    result = lab().game_solve(_solve_request(game_id, sets, case))
    emit(result, fmt, lambda: game_views.solve_table(console, result, lang.value))


@game_app.command("cases")
def cases(game_id: str = IdArg, fmt: Format = FormatOption, lang=LangOption) -> None:
    """The documented historical cases: observed strategy vs the model's equilibrium outcome."""
    result = lab().game_cases(build(GameRequest, game=game_id))
    emit(result, fmt, lambda: game_views.cases_table(console, game_id, result, lang.value))


@game_app.command("export")
def export(game_id: str = IdArg, sets: Optional[list[str]] = SetOption, case: Optional[str] = CaseOption,
           fmt: ExportFormat = typer.Option(ExportFormat.efg, "--format", help="efg (Gambit extensive form)"),
           out: Optional[pathlib.Path] = typer.Option(None, "--out", help="write to FILE instead of stdout")) -> None:
    """Write the game in Gambit's .efg format (stdout, or --out FILE)."""
    result = lab().game_export(_solve_request(game_id, sets, case))
    if out is None:
        sys.stdout.write(result.efg)
    else:
        atomic_write(out, result.efg)
        wrote(out)


@game_app.command("map")
def map_(game_id: str = IdArg,
         x: str = typer.Option(..., "--x", help="NAME:LO:HI:N"), y: str = typer.Option(..., "--y", help="NAME:LO:HI:N"),
         sets: Optional[list[str]] = SetOption, case: Optional[str] = CaseOption,
         show: str = typer.Option("outcome", "--show", help="outcome; an information set (e.g. ally:challenged) "
                                  "to map the equilibrium action there; a region (e.g. entrapment) or 'regions'"),
         plot: Optional[pathlib.Path] = typer.Option(None, "--plot", help="also draw the map to FILE.png|svg"),
         fmt: Format = FormatOption, lang=LangOption) -> None:
    """The equilibrium outcome (or action) over a grid of two parameters, and where a theory's prediction holds."""
    plot = plot_path(plot, (".png", ".svg"))
    request = build(GameMapRequest, game=game_id, x=x, y=y, set=parse_sets(sets), case=case, show=show)
    with progress_bar("solving grid") as progress:
        result = lab().game_map(request, progress=progress)
    if plot is not None:
        game_views.plot_map(result, plot, lang.value)
        wrote(plot)
    emit(result, fmt, lambda: game_views.map_table(console, result, lang.value))


@game_app.command("robustness")
def robustness(game_id: str = IdArg, sets: Optional[list[str]] = SetOption,
               samples: int = typer.Option(2000, "--samples", help="random draws in the box"),
               seed: int = typer.Option(1, "--seed", help="random seed"),
               fmt: Format = FormatOption, lang=LangOption) -> None:
    """Share of the declared parameter box where the game's theory prediction (004 Table 1) holds, or
    (tripartite-crisis) that each region covers; --set holds a parameter fixed instead of drawing it."""
    request = build(GameRobustnessRequest, game=game_id, set=parse_sets(sets), samples=samples, seed=seed)
    with progress_bar("solving draws") as progress:
        result = lab().game_robustness(request, progress=progress)
    emit(result, fmt, lambda: game_views.robustness_table(console, result, lang.value))


@game_app.command("estimate")
def estimate(game_id: str = IdArg, data: Optional[list[pathlib.Path]] = DataOption,
             fmt: Format = FormatOption, lang=LangOption) -> None:
    """Fit the game's free payoffs to the coded dispute cases (logit agent-QRE maximum likelihood):
    estimates with standard errors, fitted probability of each observed strategy, leave-one-case-out fit."""
    result = lab(data).game_estimate(build(GameRequest, game=game_id))
    emit(result, fmt, lambda: game_views.estimate_table(console, result, lang.value))


@game_app.command("tree")
def tree(game_id: str = IdArg, sets: Optional[list[str]] = SetOption, case: Optional[str] = CaseOption,
         out: pathlib.Path = typer.Option(..., "--out", help="FILE.svg or FILE.png")) -> None:
    """Draw the game tree with the equilibrium actions in bold."""
    out = plot_path(out, (".png", ".svg"), "--out")
    game_views.plot_tree(lab().game_tree(_solve_request(game_id, sets, case)), out)
    wrote(out)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.add_typer(game_app, name="game")
