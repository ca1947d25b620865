"""`umbrella qca truth-table|minimize|fit|calibrate`: QCA on a CSV or on the coded dispute cases."""
from __future__ import annotations

import pathlib
import sys
from typing import Optional

import typer

from umbrella.cli.common import DataOption, Format, FormatOption, Lang, LangOption, console, data_dirs, emit
from umbrella.errors import InputError, Problem, cli_problem
from umbrella.evidence.loader import display
from umbrella.theory import qca
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


def _read(file: Optional[pathlib.Path], cases: bool, data, conditions: Optional[str], outcome: str,
          keep: tuple[str, ...] = ()) -> qca.SetData:
    if cases == (file is not None):
        raise cli_problem("FILE", "give a CSV file or --cases (not both)")
    out_name = outcome.replace("~", "").strip()
    if cases:
        from umbrella.evidence import load
        from umbrella.theory.scoring import qca_cases
        rows, ids, outside = qca_cases(load(extra_dirs=data_dirs(data)).disputes)
        names = qca.parse_conditions(conditions or "alt,multilateral")
        sd = qca.from_records(rows, ids, names, outcome)
        sd.dropped[:0] = outside
        for d in sd.dropped:
            print(f"note: case {d['id']} left out: {d['reason']}", file=sys.stderr)
        return sd
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(display(file), 0, "-", f"cannot read file: {exc}")]) from None
    parsed = qca.parse_csv(text, display(file), keep=tuple(conditions.split(",")) + (out_name,) if conditions else (out_name,))
    names = qca.parse_conditions(conditions) if conditions else [c for c in parsed.columns if c != out_name]
    return qca.set_data(parsed, names, outcome)


@qca_app.command("truth-table")
def truth_table(file: Optional[pathlib.Path] = FileArg, outcome: str = OutcomeOption, conditions: Optional[str] = ConditionsOption,
                incl_cut: float = InclOption, n_cut: int = NCutOption, pri_cut: float = PriOption,
                cases: bool = CasesOption, data: Optional[list[pathlib.Path]] = DataOption,
                complete: bool = typer.Option(False, "--complete", help="also list the remainders (rows without cases)"),
                fmt: Format = FormatOption, lang: Lang = LangOption) -> None:
    """The truth table: every observed configuration with n, inclusion, PRI and output value."""
    sd = _read(file, cases, data, conditions, outcome)
    tt = qca.truth_table(sd, incl_cut, n_cut, pri_cut)
    rows = tt.as_records(complete)
    doc = {"outcome": sd.outcome_name, "conditions": list(sd.condition_names), "crisp": sd.crisp,
           "incl_cut": incl_cut, "n_cut": n_cut, "pri_cut": pri_cut, "truth_table": rows,
           "cases_in_no_row": list(tt.cases_in_no_row), "dropped": sd.dropped}
    emit(doc, fmt, lambda: views.truth_table(console, rows, list(sd.condition_names), sd.outcome_name, lang.value))


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
    sd = _read(file, cases, data, conditions, outcome)
    expectations = qca.parse_dir_exp(dir_exp, sd.condition_names) if dir_exp is not None else None
    tt = qca.truth_table(sd, incl_cut, n_cut, pri_cut)
    result = qca.minimize(tt, include_remainders=include.strip() == "?", dir_exp=expectations).to_dict()
    result["dropped"] = sd.dropped
    emit(result, fmt, lambda: views.minimization(console, result, lang.value))


@qca_app.command("fit")
def fit(file: Optional[pathlib.Path] = FileArg, outcome: str = OutcomeOption,
        expression: str = typer.Option(..., "--expression", help='a sufficiency expression, e.g. "A*~B + C"'),
        conditions: Optional[str] = ConditionsOption, cases: bool = CasesOption,
        data: Optional[list[pathlib.Path]] = DataOption, fmt: Format = FormatOption) -> None:
    """Parameters of fit (inclS, PRI, covS, covU) of an expression as sufficient for the outcome."""
    sd = _read(file, cases, data, conditions, outcome)
    terms = qca.parse_expression(expression, sd.condition_names, "--expression")
    result = qca.expression_fit(sd, terms)
    emit(result, fmt, lambda: console.print_json(data=result))


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
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(display(file), 0, "-", f"cannot read file: {exc}")]) from None
    parsed = qca.parse_csv(text, display(file), keep=(column,))
    raw = qca.raw_column(parsed, column)
    values = qca.calibrate_direct(raw, e, c, i, idm)
    rows = [{"case": lab, "raw": float(r), "membership": float(m)} for lab, r, m in zip(parsed.labels, raw, values)]
    doc = {"column": column, "thresholds": [e, c, i], "idm": idm, "values": rows}
    emit(doc, fmt, lambda: [console.print(f"{r['case']}\t{r['raw']:g}\t{r['membership']:.3f}") for r in rows])


def register(app: typer.Typer) -> None:
    app.add_typer(qca_app, name="qca")
