"""`umbrella calibrate`, `umbrella sensitivity`, `umbrella discover`: parse, call the lab, render."""
from __future__ import annotations

import pathlib
from typing import Optional

import typer

from umbrella.cli.common import (DataOption, Format, FormatOption, Lang, LangOption, PosteriorOption, cli_problem,
                                 console, emit, lab, plot_path, progress_bar, wrote)
from umbrella.lab import CalibrateRequest, DiscoverRequest, SensitivityRequest, build
from umbrella.views import analysis_views as views

PlotOption = typer.Option(None, "--plot", help="write the plot (.png/.svg/.pdf)")


def _plot(kind: str, result, path: Optional[pathlib.Path], lang: Lang) -> None:
    if path is None:
        return
    try:
        views.save_plot(kind, result, path, lang.value)
    except OSError as exc:
        raise cli_problem("--plot", f"{path}: cannot write ({exc.strerror or exc})") from None
    wrote(path)


def calibrate(
    samples: Optional[int] = typer.Option(None, "--samples", help="prior draws run through the historical simulation"),
    seed: Optional[int] = typer.Option(None, "--seed", help="random seed of the prior draws"),
    holdout: Optional[str] = typer.Option(None, "--holdout", help="survey years kept out of the fit: last:N | every:K | none"),
    accepted: Optional[int] = typer.Option(None, "--accepted", help="draws kept as the posterior (default: 1 % of --samples)"),
    out: Optional[pathlib.Path] = typer.Option(None, "--out", help="where to write the posterior (default: the bundled "
                                               "posterior, which `umbrella run` uses)"),
    plot: Optional[pathlib.Path] = PlotOption,
    data: Optional[list[pathlib.Path]] = DataOption,
    fmt: Format = FormatOption,
    lang: Lang = LangOption,
) -> None:
    """Fit the regional model to ROK polls on own nuclear weapons (ABC) and write the posterior."""
    plot = plot_path(plot)
    request = build(CalibrateRequest, samples=samples, seed=seed, holdout=holdout, accepted=accepted, out=out)
    with progress_bar("calibrate: historical ensemble") as progress:
        result = lab(data).calibrate(request, progress=progress)
    _plot("calibration", result, plot, lang)
    emit(result, fmt, lambda: views.print_calibration(result, lang.value, console))


def sensitivity(
    scenario: str = typer.Argument(..., help="scenario id or YAML file"),
    variable: str = typer.Option(..., "--variable", help="model variable (see MODELS.md §4)"),
    actor: Optional[str] = typer.Option(None, "--actor", help="actor of the variable (default: KOR, PRK, CHN or region)"),
    year: Optional[int] = typer.Option(None, "--year", help="year of the output (default: the scenario's last)"),
    method: str = typer.Option("sobol", "--method", help="sobol | morris"),
    samples: Optional[int] = typer.Option(None, "--samples", help="Sobol' base samples N (a power of two; N·(D+2) "
                                                                  "runs) or Morris trajectories ((D+1)·N runs)"),
    seed: int = typer.Option(1, "--seed"),
    parameters: Optional[str] = typer.Option(None, "--parameters", help="comma-separated parameters to vary "
                                                                        "(default: all; others stay at their defaults)"),
    plot: Optional[pathlib.Path] = typer.Option(None, "--plot", help="write a bar plot of the indices"),
    data: Optional[list[pathlib.Path]] = DataOption,
    fmt: Format = FormatOption,
    lang: Lang = LangOption,
) -> None:
    """Global sensitivity (SALib Sobol' or Morris) of one output of a scenario."""
    plot = plot_path(plot)
    names = [p.strip() for p in parameters.split(",") if p.strip()] if parameters else None
    request = build(SensitivityRequest, scenario=scenario, variable=variable, actor=actor, year=year, method=method,
                    samples=samples, seed=seed, parameters=names)
    with progress_bar(f"sensitivity ({method}): model runs") as progress:
        result = lab(data).sensitivity(request, progress=progress)
    _plot("sensitivity", result, plot, lang)
    emit(result, fmt, lambda: views.print_sensitivity(result, lang.value, console))


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
    posterior: Optional[pathlib.Path] = PosteriorOption,
    plot: Optional[pathlib.Path] = typer.Option(None, "--plot", help="write the coverage/density trajectory"),
    data: Optional[list[pathlib.Path]] = DataOption,
    fmt: Format = FormatOption,
    lang: Lang = LangOption,
) -> None:
    """Scenario discovery: the parameter box where a yes/no question about an output is 'yes' (PRIM)."""
    plot = plot_path(plot)
    request = build(DiscoverRequest, scenario=scenario, variable=variable, actor=actor, year=year, above=above,
                    below=below, samples=samples, seed=seed, threshold=threshold, peel_alpha=peel_alpha,
                    mass_min=mass_min, prune=prune, prior=prior)
    with progress_bar("discover: ensemble") as progress:
        result = lab(data, posterior=posterior).discover(request, progress=progress)
    _plot("discovery", result, plot, lang)
    emit(result, fmt, lambda: views.print_discovery(result, lang.value, console))


def register(app: typer.Typer) -> None:
    """Add `calibrate`, `sensitivity` and `discover`."""
    app.command("calibrate")(calibrate)
    app.command("sensitivity")(sensitivity)
    app.command("discover")(discover)
