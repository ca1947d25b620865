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
    particles: int = typer.Option(None, "--particles", help="SMC particles = posterior draws (default 10240)"),
    seed: int = typer.Option(None, "--seed", help="random seed of the sampler"),
    holdout: str = typer.Option(None, "--holdout", help="points dated from this year on are kept out of the fit: "
                                                        "since:YEAR | none (default since:2023)"),
    leave_one_out: bool = typer.Option(False, "--leave-one-out", help="also fit once without each series and "
                                                                      "report its error (slow)"),
    loso_particles: int = typer.Option(None, "--loso-particles", help="particles of each leave-one-out fit"),
    out: pathlib.Path = typer.Option(pathlib.Path("out"), "--out", help="directory for the posterior "
                                                                      "(northeast-asia.json and .npz)"),
    write_committed: bool = typer.Option(False, "--write-committed", help="developers: replace the committed "
                                                                          "posterior that every ensemble uses"),
    plot: Optional[pathlib.Path] = typer.Option(None, "--plot", help="write the posterior predictive plot "
                                                                     "(.png/.svg/.pdf)"),
    data: Optional[list[pathlib.Path]] = DataOption,
    fmt: Format = FormatOption,
    lang: Lang = LangOption,
) -> None:
    """Fit the regional model to every observed series (tempering SMC) and write the posterior to --out."""
    from umbrella.evidence import load
    from umbrella.experiments import calibration as cal
    from umbrella.views.analysis_views import print_calibration

    _check_plot(plot)
    if write_committed and out != pathlib.Path("out"):
        raise cli_problem("--out", "give --out or --write-committed, not both")
    if not write_committed:
        _written("--out", out, lambda: out.mkdir(parents=True, exist_ok=True))
    settings = cal.Settings.checked(particles=particles, seed=seed, holdout=holdout, leave_one_out=leave_one_out,
                                    loso_particles=loso_particles)
    ev = load(extra_dirs=data_dirs(data))
    with _progress() as progress:
        task = progress.add_task("calibrate", total=None)
        result = cal.calibrate(ev, settings, progress=lambda message: progress.update(task, description=message))
    path = cal.posterior_path() if write_committed else out / f"{cal.MODEL}.json"
    _written("--out", path, lambda: cal.write_posterior(result, path))
    _plot("calibration", result, plot)
    summary = {k: v for k, v in result.items() if k != "draws"}
    summary["written"] = str(path)
    emit(jsonable(summary), fmt, lambda: print_calibration(summary, lang.value, console))


def sensitivity(
    scenario: str = typer.Argument(..., help="scenario id or YAML file"),
    variable: str = typer.Option(..., "--variable", help="model variable (see MODELS.md §4)"),
    actor: Optional[str] = typer.Option(None, "--actor", help="actor of the variable (default: KOR, PRK, CHN or region)"),
    year: Optional[int] = typer.Option(None, "--year", help="year of the output (default: the scenario's last)"),
    method: str = typer.Option("rbd_fast", "--method", help="rbd_fast (given draws: the posterior, or the prior "
                                                            "with --prior) | sobol | morris (designs over the prior "
                                                            "box: need --prior)"),
    samples: int = typer.Option(None, "--samples", help="RBD-FAST draws (default 4096), Sobol' base samples N "
                                                       "(a power of two; N·(D+2) runs) or Morris trajectories "
                                                       "((D+1)·N runs)"),
    prior: bool = typer.Option(False, "--prior", help="the declared prior ranges instead of the calibrated posterior"),
    seed: int = typer.Option(1, "--seed"),
    parameters: Optional[str] = typer.Option(None, "--parameters", help="comma-separated parameters to vary "
                                                                        "(default: all; others stay at their defaults)"),
    plot: Optional[pathlib.Path] = typer.Option(None, "--plot", help="write a bar plot of the indices"),
    data: Optional[list[pathlib.Path]] = DataOption,
    fmt: Format = FormatOption,
    lang: Lang = LangOption,
) -> None:
    """Global sensitivity of one output of a scenario: first-order indices over the posterior (RBD-FAST),
    or Sobol'/Morris over the prior box (--prior)."""
    from umbrella.experiments import sensitivity as sens
    from umbrella.views.analysis_views import print_sensitivity

    _check_plot(plot)
    names = [p.strip() for p in parameters.split(",") if p.strip()] if parameters else None
    evidence = _evidence(data)
    with _progress() as progress:
        task = progress.add_task(f"sensitivity ({method}): model runs", total=None)
        result = sens.scenario_sensitivity(scenario, variable, actor=actor, year=year, method=method,
                                           samples=samples, seed=seed, parameters=names, prior=prior,
                                           evidence=evidence,
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
