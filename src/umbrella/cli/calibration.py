"""`umbrella calibrate`, `umbrella sensitivity`, `umbrella discover`: parse, call the lab, render."""
from __future__ import annotations

import pathlib
from typing import Optional

import typer

from umbrella.cli.common import (DataOption, Format, FormatOption, Lang, LangOption, PosteriorOption, SchedulerOption,
                                 WorkersOption, cli_problem,
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
    particles: Optional[int] = typer.Option(None, "--particles", help="SMC particles = posterior draws (default 10240)"),
    seed: Optional[int] = typer.Option(None, "--seed", help="random seed of the sampler"),
    holdout: Optional[str] = typer.Option(None, "--holdout", help="points dated from this year on are kept out of "
                                                                  "the fit: since:YEAR | none (default since:2023)"),
    leave_one_out: bool = typer.Option(False, "--leave-one-out", help="also fit once without each series and "
                                                                      "report its error (slow)"),
    loso_particles: Optional[int] = typer.Option(None, "--loso-particles", help="particles of each leave-one-out fit"),
    out: pathlib.Path = typer.Option(pathlib.Path("out"), "--out", help="directory for the posterior "
                                                                      "(northeast-asia.json and .npz)"),
    write_committed: bool = typer.Option(False, "--write-committed", help="developers: replace the bundled "
                                                                          "posterior that every ensemble uses"),
    plot: Optional[pathlib.Path] = PlotOption,
    scheduler: Optional[str] = SchedulerOption,
    workers: int = WorkersOption,
    data: Optional[list[pathlib.Path]] = DataOption,
    fmt: Format = FormatOption,
    lang: Lang = LangOption,
) -> None:
    """Fit the regional model to every observed series (tempering SMC) and write the posterior to --out."""
    plot = plot_path(plot)
    if write_committed and out != pathlib.Path("out"):
        raise cli_problem("--out", "give --out or --write-committed, not both")
    request = build(CalibrateRequest, particles=particles, seed=seed, holdout=holdout, leave_one_out=leave_one_out,
                    loso_particles=loso_particles, out=out, write_committed=write_committed,
                    scheduler=scheduler, workers=workers)
    with progress_bar("calibrate: tempering") as progress:
        result = lab(data).calibrate(request, progress=progress)
    _plot("calibration", result, plot, lang)
    emit(result, fmt, lambda: views.print_calibration(result, lang.value, console))


def sensitivity(
    scenario: str = typer.Argument(..., help="scenario id or YAML file"),
    variable: str = typer.Option(..., "--variable", help="model variable (see MODELS.md §4)"),
    actor: Optional[str] = typer.Option(None, "--actor", help="actor of the variable (default: KOR, PRK, CHN or region)"),
    year: Optional[int] = typer.Option(None, "--year", help="year of the output (default: the scenario's last)"),
    method: str = typer.Option("rbd_fast", "--method", help="rbd_fast (given draws: the posterior, or the prior with "
                                                            "--prior) | sobol | morris (designs over the prior box: "
                                                            "need --prior)"),
    samples: Optional[int] = typer.Option(None, "--samples", help="RBD-FAST draws (default 4096), Sobol' base samples "
                                                                  "N (a power of two; N·(D+2) runs) or Morris "
                                                                  "trajectories ((D+1)·N runs)"),
    prior: bool = typer.Option(False, "--prior", help="the declared prior ranges instead of the calibrated posterior"),
    posterior: Optional[pathlib.Path] = PosteriorOption,
    seed: int = typer.Option(1, "--seed"),
    parameters: Optional[str] = typer.Option(None, "--parameters", help="comma-separated parameters to vary "
                                                                        "(default: all; others stay at their defaults)"),
    plot: Optional[pathlib.Path] = typer.Option(None, "--plot", help="write a bar plot of the indices"),
    scheduler: Optional[str] = SchedulerOption,
    workers: int = WorkersOption,
    data: Optional[list[pathlib.Path]] = DataOption,
    fmt: Format = FormatOption,
    lang: Lang = LangOption,
) -> None:
    """Global sensitivity of one output of a scenario: first-order indices over the posterior (RBD-FAST),
    or Sobol'/Morris over the prior box (--prior)."""
    plot = plot_path(plot)
    names = [p.strip() for p in parameters.split(",") if p.strip()] if parameters else None
    request = build(SensitivityRequest, scenario=scenario, variable=variable, actor=actor, year=year, method=method,
                    samples=samples, seed=seed, parameters=names, prior=prior,
                    scheduler=scheduler, workers=workers)
    with progress_bar(f"sensitivity ({method}): model runs") as progress:
        result = lab(data, posterior=posterior).sensitivity(request, progress=progress)
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
