"""Truth tables and parameters of fit, following R QCA (Duşa 2019, ch. 7-8).

A case belongs to the configuration (row) in which its membership exceeds 0.5 (a membership of
exactly 0.5 in some condition puts it in no row, as in R QCA). A row's inclusion (consistency)
and PRI use every case's membership in the row, not only the cases that belong to it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np

from umbrella.errors import REQUEST, InputError, Problem
from umbrella.theory.qca.data import SetData
from umbrella.theory.qca.expressions import Term, format_term

TOLERANCE = 1e-8          # cut comparisons: R QCA compares with a small tolerance as well
MAX_CONDITIONS = 14       # 2^14 configurations; QCA's data sizes are far smaller


def term_membership(term: Term, x: np.ndarray) -> np.ndarray:
    """Membership of each case in a conjunction: the minimum over its literals (1 if none)."""
    out = np.ones(x.shape[0])
    for i, v in enumerate(term):
        if v is not None:
            out = np.minimum(out, x[:, i] if v == 1 else 1.0 - x[:, i])
    return out


def _ratio(num: float, den: float) -> Optional[float]:
    return None if den <= 0 else float(num / den)


def inclusion(m: np.ndarray, y: np.ndarray) -> Optional[float]:
    """Sufficiency inclusion (consistency): Σ min(X, Y) / Σ X."""
    return _ratio(np.minimum(m, y).sum(), m.sum())


def pri(m: np.ndarray, y: np.ndarray) -> Optional[float]:
    """Proportional reduction in inconsistency: (Σ min(X,Y) − Σ min(X,Y,~Y)) / (Σ X − Σ min(X,Y,~Y))."""
    both = np.minimum(np.minimum(m, y), 1.0 - y).sum()
    return _ratio(np.minimum(m, y).sum() - both, m.sum() - both)


def coverage(m: np.ndarray, y: np.ndarray) -> Optional[float]:
    """Sufficiency coverage: Σ min(X, Y) / Σ Y."""
    return _ratio(np.minimum(m, y).sum(), y.sum())


def fit(m: np.ndarray, y: np.ndarray) -> dict[str, Optional[float]]:
    return {"inclS": inclusion(m, y), "PRI": pri(m, y), "covS": coverage(m, y)}


@dataclass(frozen=True)
class Row:
    index: int                      # R QCA's row number: first condition is the most significant bit, from 1
    config: tuple[int, ...]
    n: int
    incl: Optional[float]
    pri: Optional[float]
    out: str                        # "1", "0" or "?" (remainder)
    cases: tuple[str, ...]


@dataclass(frozen=True)
class TruthTable:
    data: SetData
    rows: tuple[Row, ...]
    incl_cut: float
    n_cut: int
    pri_cut: float
    cases_in_no_row: tuple[str, ...]

    @property
    def conditions(self) -> tuple[str, ...]:
        return self.data.condition_names

    def minterms(self, out: str) -> set[int]:
        return {r.index - 1 for r in self.rows if r.out == out}

    def as_records(self, complete: bool = False) -> list[dict]:
        """Rows as R prints them: each condition's value as a column (unless its name clashes with
        a fixed column), and also under `values`."""
        fixed = {"row", "configuration", "values", "OUT", "n", "incl", "PRI", "cases"}
        out = []
        for r in self.rows:
            if complete or r.n > 0:
                values = dict(zip(self.conditions, r.config))
                out.append({"row": r.index, **{c: v for c, v in values.items() if c not in fixed},
                            "configuration": format_term(r.config, self.conditions), "values": values,
                            "OUT": r.out if r.out == "?" else int(r.out), "n": r.n, "incl": r.incl, "PRI": r.pri,
                            "cases": list(r.cases)})
        return out


def check_cuts(incl_cut: float, n_cut: int, pri_cut: float) -> None:
    problems = []
    if not 0 <= incl_cut <= 1:
        problems.append(Problem(REQUEST, 0, "incl_cut", f"{incl_cut} is outside [0, 1]"))
    if n_cut < 1:
        problems.append(Problem(REQUEST, 0, "n_cut", f"{n_cut} must be at least 1"))
    if not 0 <= pri_cut <= 1:
        problems.append(Problem(REQUEST, 0, "pri_cut", f"{pri_cut} is outside [0, 1]"))
    if problems:
        raise InputError(problems)


def config_of(index0: int, k: int) -> tuple[int, ...]:
    return tuple((index0 >> (k - 1 - i)) & 1 for i in range(k))


def truth_table(data: SetData, incl_cut: float = 1.0, n_cut: int = 1, pri_cut: float = 0.0) -> TruthTable:
    """Every configuration of the conditions with its cases, n, inclusion, PRI and output value."""
    check_cuts(incl_cut, n_cut, pri_cut)
    k = len(data.condition_names)
    if k > MAX_CONDITIONS:
        raise InputError([Problem(REQUEST, 0, "conditions",
                                  f"{k} conditions: at most {MAX_CONDITIONS} are supported")])
    x, y = data.conditions, data.outcome
    crisp = np.where(x > 0.5, 1, np.where(x < 0.5, 0, -1))
    in_no_row = tuple(label for label, row in zip(data.labels, crisp) if (row < 0).any())
    weights = 1 << np.arange(k - 1, -1, -1)
    belongs = np.where((crisp < 0).any(axis=1), -1, crisp.clip(0) @ weights if k else 0)
    rows = []
    for index0 in range(2 ** k):
        config = config_of(index0, k)
        m = term_membership(config, x)
        members = tuple(label for label, b in zip(data.labels, belongs) if b == index0)
        incl, p = inclusion(m, y), pri(m, y)
        n = len(members)
        if n < n_cut:
            out = "?"
        elif (incl is not None and incl >= incl_cut - TOLERANCE
              and (p if p is not None else 0.0) >= pri_cut - TOLERANCE):
            out = "1"
        else:
            out = "0"
        rows.append(Row(index0 + 1, config, n, incl, p, out, members))
    return TruthTable(data, tuple(rows), incl_cut, n_cut, pri_cut, in_no_row)
