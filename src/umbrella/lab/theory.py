"""Use cases of the theories (test, compare, Table 1, forecasts) and of QCA."""
from __future__ import annotations

import pathlib
from typing import Any, Literal, Optional, Union

from pydantic import Field, RootModel

from umbrella.errors import InputError, Problem, request_problem
from umbrella.lab.base import Document, LabBase, Request, Text, pick

Coded = Optional[Union[bool, int, float]]     # a condition's coding: a bool or a number, null if not coded


# ---- requests ----------------------------------------------------------------------------------

class TheoryRequest(Request):
    theory: str = Field("deployment-typology", description="theory id (see `theory list`)")


class ForecastRequest(Request):
    theory: Optional[str] = Field(None, description="one theory id (default: every theory)")


class QcaData(Request):
    """Where the sets come from: a CSV file (first column may hold case labels) or the coded cases."""
    file: Optional[pathlib.Path] = None
    cases: bool = Field(False, description="use the coded dispute cases instead of a CSV file")
    outcome: str = Field(description="outcome column, or ~NAME for its negation")
    conditions: Optional[str] = Field(None, description="condition columns, e.g. A,B,C (CSV default: all others)")


class TruthTableRequest(QcaData):
    incl_cut: float = Field(1.0, description="minimum inclusion for a positive row (R QCA default 1)")
    n_cut: int = Field(1, description="minimum number of cases for a row not to be a remainder")
    pri_cut: float = Field(0.0, description="minimum PRI for a positive row")
    complete: bool = Field(False, description="also list the remainders (rows without cases)")


class MinimizeRequest(TruthTableRequest):
    include: Literal["", "?"] = Field("", description='"?" to use the remainders (parsimonious solution)')
    dir_exp: Optional[str] = Field(None, description='directional expectations, e.g. "A,~B" (intermediate solution)')


class FitRequest(QcaData):
    expression: str = Field(description='a sufficiency expression, e.g. "A*~B + C"')


class CalibrateColumnRequest(Request):
    file: pathlib.Path
    column: str
    thresholds: tuple[float, float, float] = Field(description="exclusion, crossover, inclusion")
    idm: float = Field(0.95, description="membership at the inclusion threshold (R QCA default)")


# ---- results -----------------------------------------------------------------------------------

class TheoryRow(Document):
    id: str
    name: Text
    description: Text
    outcome: str
    conditions: list[str]
    outcomes: list[Union[bool, str]]


class TheoryList(RootModel[list[TheoryRow]]):
    """`theory list`."""


class ScoredCase(Document):
    """One case of `theory test` (SYSTEM.md §3.4): codings, prediction, observation, match, and why."""
    id: str
    title: Text
    conditions: dict[str, Coded]
    evidence: dict[str, list[Any]]
    predicted: Any
    observed: Any
    match: Optional[bool]
    scored: bool
    reason: Optional[str]
    reason_code: Optional[str]
    rule: Optional[int]
    drivers: list[str]
    flips: list[dict[str, Any]]
    if_coded: list[dict[str, Any]]
    binary: dict[str, Optional[bool]]


class TheoryTest(Document):
    """`theory test`: every case scored, and the summary (accuracy, confusion matrix, not scored)."""
    theory: str
    name: Text
    outcome: str
    cases: list[ScoredCase]
    summary: dict[str, Any]


class TheoryComparison(Document):
    """`theory compare`: every theory scored binary on the same cases, ranked."""
    scoring: str
    ranking: str
    common_cases: list[str]
    theories: list[dict[str, Any]]


class TypologyTable(Document):
    """`theory table`: the theory's table with each coded case in its cell."""
    theory: str
    name: Text
    rows: str
    columns: Optional[str]
    row_label: Text
    column_label: Optional[Text]
    cells: list[dict[str, Any]]
    unplaced: list[dict[str, Any]]


class Forecasts(Document):
    """`theory forecast`: predictions for open cases, their drivers and the codings that flip them."""
    open_cases: list[str]
    forecasts: list[dict[str, Any]]


class TheoryReport(Document):
    """What the report shows of the theories."""
    typology: TheoryTest
    table: TypologyTable
    compare: TheoryComparison


class QcaTable(Document):
    """The sets analysed and their truth table: outcome, conditions, cuts, rows, cases left out."""
    outcome: str
    conditions: list[str]
    incl_cut: float
    n_cut: int
    pri_cut: float
    truth_table: list[dict[str, Any]]
    cases_in_no_row: list[str]
    dropped: list[dict[str, Any]]


class TruthTable(QcaTable):
    """`qca truth-table`."""
    crisp: bool


class PrimeImplicant(Document):
    term: str
    inclS: Optional[float]
    PRI: Optional[float]
    covS: Optional[float]


class QcaTerm(PrimeImplicant):
    """A term of a solution: its fit, unique coverage and the cases with membership > 0.5."""
    covU: Optional[float]
    cases: list[str]


class SolutionFit(Document):
    """An expression's terms and the fit of their disjunction."""
    expression: str
    terms: list[QcaTerm]
    inclS: Optional[float]
    PRI: Optional[float]
    covS: Optional[float]


class QcaSolution(SolutionFit):
    kind: str
    label: str


class Minimization(QcaTable):
    """`qca minimize` (SYSTEM.md §3.5): every equally short solution, with its parameters of fit."""
    kind: str
    dir_exp: Optional[dict[str, int]]
    model_ambiguity: bool
    n_solutions: int
    solutions: list[QcaSolution]
    prime_implicants: list[PrimeImplicant]
    essential: list[str]
    easy_counterfactuals: dict[str, list[int]]
    note: str


class ExpressionFit(SolutionFit):
    """`qca fit`; `dropped`: rows left out for a missing value."""
    outcome: str
    dropped: list[dict[str, Any]] = []


class QcaColumn(Document):
    name: str
    coded: int          # cases with a value in this column


class QcaColumns(Document):
    """The set-membership columns the coded cases offer to QCA (`qca --cases`), and the cases outside."""
    cases: list[str]
    columns: list[QcaColumn]
    dropped: list[dict[str, Any]]


class Membership(Document):
    case: str
    raw: float
    membership: float


class Calibrated(Document):
    """`qca calibrate`: direct-method memberships of one raw column."""
    column: str
    thresholds: list[float]
    idm: float
    values: list[Membership]


# ---- use cases ---------------------------------------------------------------------------------

class TheoryUseCases(LabBase):

    def theory(self, theory_id: str, field: str = "theory") -> Any:
        return pick(self.theories, theory_id, field, "theory")

    def theory_list(self) -> TheoryList:
        return TheoryList.model_validate([
            {"id": t.id, "name": t.name.model_dump(), "description": t.description.model_dump(),
             "outcome": t.outcome, "conditions": t.condition_names, "outcomes": t.outcomes}
            for t in self.theories.values()])

    def theory_test(self, request: TheoryRequest = TheoryRequest()) -> TheoryTest:
        """Score one theory on every coded case."""
        from umbrella.theory import test_theory
        return TheoryTest.of(test_theory(self.theory(request.theory), self.evidence.disputes))

    def theory_compare(self) -> TheoryComparison:
        from umbrella.theory import compare_theories
        return TheoryComparison.of(compare_theories(self.theories, self.evidence.disputes))

    def theory_table(self, request: TheoryRequest = TheoryRequest()) -> TypologyTable:
        """The theory's table (seed 004's Table 1 for the typology) with each coded case in its cell."""
        from umbrella.theory import test_theory, typology_table
        theory = self.theory(request.theory)
        return TypologyTable.of(typology_table(theory, test_theory(theory, self.evidence.disputes)))

    def theory_forecast(self, request: ForecastRequest = ForecastRequest()) -> Forecasts:
        from umbrella.theory import forecasts
        chosen = {request.theory: self.theory(request.theory)} if request.theory else self.theories
        return Forecasts.of(forecasts(chosen, self.evidence.disputes))

    def theory_report(self) -> TheoryReport:
        return TheoryReport(typology=self.theory_test(), table=self.theory_table(), compare=self.theory_compare())

    # ---- QCA ----
    def qca_data(self, request: QcaData) -> Any:
        """The set data of a QCA request (`umbrella.theory.qca.SetData`)."""
        from umbrella.theory import qca
        if request.cases == (request.file is not None):
            raise request_problem("file", "give a CSV file or `cases` (not both)")
        outcome = request.outcome
        if request.cases:
            from umbrella.theory.scoring import qca_cases
            rows, ids, outside = qca_cases(self.evidence.disputes)
            sd = qca.from_records(rows, ids, qca.parse_conditions(request.conditions or "alt,multilateral"), outcome)
            sd.dropped[:0] = outside
            return sd
        from umbrella.evidence.loader import display
        out_name = outcome.replace("~", "").strip()
        text = _read_csv(request.file)
        keep = tuple(request.conditions.split(",")) + (out_name,) if request.conditions else (out_name,)
        parsed = qca.parse_csv(text, display(request.file), keep=keep)
        names = (qca.parse_conditions(request.conditions) if request.conditions
                 else [c for c in parsed.columns if c != out_name])
        return qca.set_data(parsed, names, outcome)

    def qca_columns(self) -> QcaColumns:
        """The columns `qca ... --cases` can use as conditions or outcome, with how many cases code each."""
        from umbrella.theory.scoring import qca_cases
        rows, ids, outside = qca_cases(self.evidence.disputes)
        names = list(dict.fromkeys(name for row in rows for name in row))
        return QcaColumns.of({"cases": ids, "dropped": outside,
                              "columns": [{"name": n, "coded": sum(row.get(n) is not None for row in rows)}
                                          for n in names]})

    def qca_truth_table(self, request: TruthTableRequest) -> TruthTable:
        from umbrella.theory import qca
        sd = self.qca_data(request)
        tt = qca.truth_table(sd, request.incl_cut, request.n_cut, request.pri_cut)
        return TruthTable.of({"outcome": sd.outcome_name, "conditions": list(sd.condition_names), "crisp": sd.crisp,
                              "incl_cut": request.incl_cut, "n_cut": request.n_cut, "pri_cut": request.pri_cut,
                              "truth_table": tt.as_records(request.complete),
                              "cases_in_no_row": list(tt.cases_in_no_row), "dropped": sd.dropped})

    def qca_minimize(self, request: MinimizeRequest) -> Minimization:
        """Conservative, parsimonious (`include: "?"`) or intermediate (`dir_exp`) solutions."""
        from umbrella.theory import qca
        sd = self.qca_data(request)
        expectations = qca.parse_dir_exp(request.dir_exp, sd.condition_names) if request.dir_exp is not None else None
        tt = qca.truth_table(sd, request.incl_cut, request.n_cut, request.pri_cut)
        result = qca.minimize(tt, include_remainders=request.include == "?", dir_exp=expectations).to_dict()
        return Minimization.of({**result, "dropped": sd.dropped})

    def qca_fit(self, request: FitRequest) -> ExpressionFit:
        from umbrella.theory import qca
        sd = self.qca_data(request)
        fit = qca.expression_fit(sd, qca.parse_expression(request.expression, sd.condition_names))
        return ExpressionFit.of({**fit, "dropped": sd.dropped})

    def qca_calibrate(self, request: CalibrateColumnRequest) -> Calibrated:
        from umbrella.evidence.loader import display
        from umbrella.theory import qca
        parsed = qca.parse_csv(_read_csv(request.file), display(request.file), keep=(request.column,))
        raw = qca.raw_column(parsed, request.column)
        e, c, i = request.thresholds
        values = qca.calibrate_direct(raw, e, c, i, request.idm)
        return Calibrated.of({"column": request.column, "thresholds": [e, c, i], "idm": request.idm,
                              "values": [{"case": lab, "raw": float(r), "membership": float(m)}
                                         for lab, r, m in zip(parsed.labels, raw, values)]})


def _read_csv(path: pathlib.Path) -> str:
    from umbrella.evidence.loader import display
    try:
        return pathlib.Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(display(path), 0, "-", f"cannot read file: {exc}")]) from None
