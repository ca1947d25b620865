"""`umbrella calibrate`, `umbrella sensitivity`, `umbrella discover`.

The commands parse and check arguments, call `umbrella.experiments.{calibration,sensitivity,
discovery}` and format what they return; no science here.
"""
from __future__ import annotations

import pathlib
from typing import Optional

import typer

from umbrella.cli.common import (DataOption, Format, FormatOption, Lang, LangOption, console, data_dirs, emit,
                                 err_console, jsonable)
from umbrella.errors import cli_problem


def _progress():
    """A rich progress bar on stderr (never on stdout, so JSON output stays one document)."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    return Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=err_console,
                    transient=True)


def _check_plot(path: Optional[pathlib.Path]) -> None:
    """Refuse a bad --plot name before any work is done."""
    if path is not None and path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise cli_problem("--plot", f"{path}: use a .png, .svg or .pdf file name")


def _written(option: str, path: pathlib.Path, write) -> None:
    """Run `write()`; an unwritable path is bad input (exit 2), not an internal error."""
    try:
        write()
    except OSError as exc:
        raise cli_problem(option, f"{path}: cannot write ({exc.strerror or exc})") from None


def _plot(kind: str, result: dict, path: Optional[pathlib.Path]) -> None:
    if path is None:
        return
    from umbrella.views.analysis_views import save_plot
    _written("--plot", path, lambda: save_plot(kind, result, path))


def calibrate(
    samples: int = typer.Option(None, "--samples", help="prior draws run through the historical simulation"),
    seed: int = typer.Option(None, "--seed", help="random seed of the prior draws"),
    holdout: str = typer.Option(None, "--holdout", help="survey years kept out of the fit: last:N | every:K | none"),
    accepted: int = typer.Option(None, "--accepted", help="draws kept as the posterior (default: 1 % of --samples)"),
    out: Optional[pathlib.Path] = typer.Option(None, "--out", help="where to write the posterior "
                                                "(default: calibration/northeast-asia.json, used by `umbrella run`)"),
    plot: Optional[pathlib.Path] = typer.Option(None, "--plot", help="write the fit plot (.png/.svg/.pdf)"),
    data: Optional[list[pathlib.Path]] = DataOption,
    fmt: Format = FormatOption,
    lang: Lang = LangOption,
) -> None:
    """Fit the regional model to ROK polls on own nuclear weapons (ABC) and write the posterior."""
    from umbrella.evidence import load
    from umbrella.experiments import calibration as cal
    from umbrella.views.analysis_views import print_calibration

    _check_plot(plot)
    ev = load(extra_dirs=data_dirs(data))
    settings = cal.Settings.from_cli(samples=samples, seed=seed, holdout=holdout, accepted=accepted)
    with _progress() as progress:
        task = progress.add_task("calibrate: historical ensemble", total=settings.samples)
        result = cal.calibrate(ev, settings, progress=lambda k: progress.advance(task, k))
    path = out or cal.posterior_path()
    _written("--out", path, lambda: cal.write_posterior(result, path))
    _plot("calibration", result, plot)
    summary = {k: v for k, v in result.items() if k != "draws"}
    summary["written"] = str(path)
    emit(summary, fmt, lambda: print_calibration(summary, lang.value, console))


def sensitivity(
    scenario: str = typer.Argument(..., help="scenario id or YAML file"),
    variable: str = typer.Option(..., "--variable", help="model variable (see MODELS.md §4)"),
    actor: Optional[str] = typer.Option(None, "--actor", help="actor of the variable (default: KOR, PRK, CHN or region)"),
    year: Optional[int] = typer.Option(None, "--year", help="year of the output (default: the scenario's last)"),
    method: str = typer.Option("sobol", "--method", help="sobol | morris"),
    samples: int = typer.Option(None, "--samples", help="Sobol' base samples N (a power of two; N·(D+2) runs) "
                                                       "or Morris trajectories ((D+1)·N runs)"),
    seed: int = typer.Option(1, "--seed"),
    parameters: Optional[str] = typer.Option(None, "--parameters", help="comma-separated parameters to vary "
                                                                        "(default: all; others stay at their defaults)"),
    plot: Optional[pathlib.Path] = typer.Option(None, "--plot", help="write a bar plot of the indices"),
    data: Optional[list[pathlib.Path]] = DataOption,
    fmt: Format = FormatOption,
    lang: Lang = LangOption,
) -> None:
    """Global sensitivity (SALib Sobol' or Morris) of one output of a scenario."""
    from umbrella.experiments import sensitivity as sens
    from umbrella.views.analysis_views import print_sensitivity

    _check_plot(plot)
    names = [p.strip() for p in parameters.split(",") if p.strip()] if parameters else None
    evidence = _evidence(data)
    with _progress() as progress:
        task = progress.add_task(f"sensitivity ({method}): model runs", total=None)
        result = sens.scenario_sensitivity(scenario, variable, actor=actor, year=year, method=method,
                                           samples=samples, seed=seed, parameters=names, evidence=evidence,
                                           progress=lambda k, total: progress.update(task, advance=k, total=total))
    _plot("sensitivity", result, plot)
    emit(result, fmt, lambda: print_sensitivity(result, lang.value, console))


def discover(
    scenario: str = typer.Argument(..., help="scenario id or YAML file"),
    variable: str = typer.Option(..., "--variable", help="model variable (see MODELS.md §4)"),
    actor: Optional[str] = typer.Option(None, "--actor"),
    year: Optional[int] = typer.Option(None, "--year", help="default: the scenario's last year"),
    above: Optional[float] = typer.Option(None, "--above", help="the question: is the output above this value?"),
    below: Optional[float] = typer.Option(None, "--below", help="the question: is the output below this value?"),
    samples: Optional[int] = typer.Option(None, "--samples", help="ensemble size (default: the scenario's)"),
    seed: Optional[int] = typer.Option(None, "--seed", help="default: the scenario's"),
    threshold: float = typer.Option(0.8, "--threshold", help="density the selected box must reach"),
    peel_alpha: float = typer.Option(0.05, "--peel-alpha"),
    mass_min: float = typer.Option(0.05, "--mass-min"),
    prune: float = typer.Option(0.05, "--prune", help="drop box limits whose quasi-p value exceeds this "
                                                      "(1 keeps every limit PRIM found)"),
    prior: bool = typer.Option(False, "--prior", help="explore the uncalibrated parameter ranges"),
    plot: Optional[pathlib.Path] = typer.Option(None, "--plot", help="write the coverage/density trajectory"),
    data: Optional[list[pathlib.Path]] = DataOption,
    fmt: Format = FormatOption,
    lang: Lang = LangOption,
) -> None:
    """Scenario discovery: the parameter box where a yes/no question about an output is 'yes' (PRIM)."""
    from umbrella.experiments import discovery as disc
    from umbrella.views.analysis_views import print_discovery

    _check_plot(plot)
    if (above is None) == (below is None):
        raise cli_problem("--above/--below", "give exactly one of --above VALUE or --below VALUE")
    if samples is not None and samples < 20:
        raise cli_problem("--samples", f"{samples}: PRIM needs at least 20 samples")
    if not 0 < prune <= 1:
        raise cli_problem("--prune", f"{prune}: a quasi-p cut-off in (0, 1]")
    evidence = _evidence(data)
    with _progress() as progress:
        task = progress.add_task("discover: ensemble", total=None)
        result = disc.scenario_discovery(scenario, variable, actor=actor, year=year, above=above, below=below,
                                         samples=samples, seed=seed, prior=prior, threshold=threshold,
                                         peel_alpha=peel_alpha, mass_min=mass_min, prune=prune, evidence=evidence,
                                         progress=lambda k, total: progress.update(task, advance=k, total=total))
    _plot("discovery", result, plot)
    emit(jsonable(result), fmt, lambda: print_discovery(result, lang.value, console))


def _evidence(data: Optional[list[pathlib.Path]]):
    """The merged evidence base when --data is given (None: the ensemble runner uses the bundled one)."""
    if not data:
        return None
    from umbrella.evidence import load
    return load(extra_dirs=data_dirs(data))


def register(app: typer.Typer) -> None:
    """Add `calibrate`, `sensitivity` and `discover`."""
    app.command("calibrate")(calibrate)
    app.command("sensitivity")(sensitivity)
    app.command("discover")(discover)
