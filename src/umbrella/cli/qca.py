"""`umbrella qca truth-table|minimize|fit|calibrate`: QCA on a CSV or on the coded dispute cases."""
from __future__ import annotations

import pathlib
from typing import Any, Optional

import typer

from umbrella.cli.common import DataOption, Format, FormatOption, Lang, LangOption, cli_problem, console, emit, lab
from umbrella.lab import (CalibrateColumnRequest, FitRequest, MinimizeRequest, TruthTableRequest, build)
from umbrella.views import theory_views as views

qca_app = typer.Typer(help="Qualitative Comparative Analysis, crisp and fuzzy sets (after R QCA) / 定性比较分析",
                      no_args_is_help=True)

FileArg = typer.Argument(None, help="CSV file (first column may hold case labels); omit with --cases")
OutcomeOption = typer.Option(..., "--outcome", help="outcome column, or ~NAME for its negation")
ConditionsOption = typer.Option(None, "--conditions", help="condition columns, e.g. A,B,C (CSV default: all other columns)")
InclOption = typer.Option(1.0, "--incl-cut", help="minimum inclusion for a positive row (R QCA default 1)")
NCutOption = typer.Option(1, "--n-cut", help="minimum number of cases for a row not to be a remainder")
PriOption = typer.Option(0.0, "--pri-cut", help="minimum PRI for a positive row")
CasesOption = typer.Option(False, "--cases", help="use the coded dispute cases (columns alt, multilateral, conceded, "
                                                  "concede, concede_punish, persuade, pressure and each case condition)")


def _notes(result: Any) -> None:
    """The cases QCA left out, and why (the document lists them under `dropped`)."""
    for d in result.dropped:
        typer.echo(f"note: case {d['id']} left out: {d['reason']}", err=True)


@qca_app.command("truth-table")
def truth_table(file: Optional[pathlib.Path] = FileArg, outcome: str = OutcomeOption, conditions: Optional[str] = ConditionsOption,
                incl_cut: float = InclOption, n_cut: int = NCutOption, pri_cut: float = PriOption,
                cases: bool = CasesOption, data: Optional[list[pathlib.Path]] = DataOption,
                complete: bool = typer.Option(False, "--complete", help="also list the remainders (rows without cases)"),
                fmt: Format = FormatOption, lang: Lang = LangOption) -> None:
    """The truth table: every observed configuration with n, inclusion, PRI and output value."""
    result = lab(data).qca_truth_table(build(
        TruthTableRequest, file=file, cases=cases, outcome=outcome, conditions=conditions, incl_cut=incl_cut,
        n_cut=n_cut, pri_cut=pri_cut, complete=complete))
    _notes(result)
    emit(result, fmt, lambda: views.truth_table(console, result.truth_table, result.conditions, result.outcome,
                                                lang.value))


@qca_app.command("minimize")
def minimize(file: Optional[pathlib.Path] = FileArg, outcome: str = OutcomeOption, conditions: Optional[str] = ConditionsOption,
             incl_cut: float = InclOption, n_cut: int = NCutOption, pri_cut: float = PriOption,
             include: str = typer.Option("", "--include", help='"?" to use remainders (parsimonious solution)'),
             dir_exp: Optional[str] = typer.Option(None, "--dir-exp", help='directional expectations, e.g. "A,~B" '
                                                                           '(intermediate solution)'),
             cases: bool = CasesOption, data: Optional[list[pathlib.Path]] = DataOption,
             fmt: Format = FormatOption, lang: Lang = LangOption) -> None:
    """Minimise the truth table: conservative, parsimonious (--include "?") or intermediate (--dir-exp)."""
    if include.strip() not in ("", "?"):
        raise cli_problem("--include", f"{include!r}: only \"?\" (use the remainders) is supported")
    result = lab(data).qca_minimize(build(
        MinimizeRequest, file=file, cases=cases, outcome=outcome, conditions=conditions, incl_cut=incl_cut,
        n_cut=n_cut, pri_cut=pri_cut, include=include.strip(), dir_exp=dir_exp))
    _notes(result)
    emit(result, fmt, lambda: views.minimization(console, result.model_dump(mode="json"), lang.value))


@qca_app.command("fit")
def fit(file: Optional[pathlib.Path] = FileArg, outcome: str = OutcomeOption,
        expression: str = typer.Option(..., "--expression", help='a sufficiency expression, e.g. "A*~B + C"'),
        conditions: Optional[str] = ConditionsOption, cases: bool = CasesOption,
        data: Optional[list[pathlib.Path]] = DataOption, fmt: Format = FormatOption) -> None:
    """Parameters of fit (inclS, PRI, covS, covU) of an expression as sufficient for the outcome."""
    result = lab(data).qca_fit(build(FitRequest, file=file, cases=cases, outcome=outcome, conditions=conditions,
                                     expression=expression))
    _notes(result)
    emit(result, fmt, lambda: views.expression_fit(console, result.model_dump(mode="json"), "en"))


@qca_app.command("calibrate")
def calibrate(file: pathlib.Path = typer.Argument(..., help="CSV file of raw data"),
              column: str = typer.Option(..., "--column", help="raw column to calibrate"),
              thresholds: str = typer.Option(..., "--thresholds", help="exclusion,crossover,inclusion e.g. 2,5,8"),
              idm: float = typer.Option(0.95, "--idm", help="membership at the inclusion threshold (R QCA default)"),
              fmt: Format = FormatOption) -> None:
    """Direct-method fuzzy calibration of one raw column (logistic through three thresholds)."""
    try:
        e, c, i = (float(x) for x in thresholds.split(","))
    except ValueError:
        raise cli_problem("--thresholds", f"{thresholds!r}: expected three numbers e,c,i") from None
    result = lab().qca_calibrate(build(CalibrateColumnRequest, file=file, column=column, thresholds=(e, c, i), idm=idm))
    emit(result, fmt, lambda: views.calibrated_table(console, result))


def register(app: typer.Typer) -> None:
    app.add_typer(qca_app, name="qca")
