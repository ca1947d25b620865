"""Logical minimisation of a truth table: exact prime implicants and every
minimum cover (fewest prime implicants), as R QCA's `minimize` reports by default.

Three kinds of solution (Duşa 2019, ch. 8-9; Ragin 2008, ch. 9):
- conservative (complex): only the positive configurations are minimised;
- parsimonious: remainders (`?`) may be used as don't-cares (`include="?"`);
- intermediate: only the *easy* counterfactuals are used — the remainders that lie inside a
  parsimonious solution and inside a conservative solution's terms once the literals contrary to
  the directional expectations are dropped. One intermediate search is run per pair of
  (conservative, parsimonious) solutions, so model ambiguity on either side is carried through.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from umbrella.errors import REQUEST, InputError, Problem
from umbrella.theory.qca.data import SetData
from umbrella.theory.qca.expressions import Term, covers, literal, format_expression, format_term, term_order
from umbrella.theory.qca.truth_table import TruthTable, config_of, fit, term_membership, coverage

Implicant = tuple[int, int]     # (value bits, don't-care mask bits); masked bits of value are 0
MAX_SOLUTIONS = 10000


def prime_implicants(allowed: set[int], k: int, on: Optional[set[int]] = None) -> set[Implicant]:
    """Every prime implicant of the function that is 1 on `allowed` (ON rows and don't-cares)
    covering at least one row of `on` (default: of `allowed`).

    Exact, by search in order of increasing complexity (the idea of Duşa's CCubes): a term is
    generated only from the projection of a row it must cover, is an implicant when it matches no
    row outside `allowed`, and is prime when no shorter implicant's literals are a subset of its
    own. This stays fast when the remainders make `allowed` nearly the whole space, where the
    classical Quine–McCluskey merging would enumerate up to 3^k implicants."""
    on = allowed if on is None else on
    rows = np.arange(2 ** k, dtype=np.int64)
    allowed_arr = np.fromiter(sorted(allowed), dtype=np.int64, count=len(allowed))
    forbidden = rows[~np.isin(rows, allowed_arr)]
    by_forbidden = len(forbidden) < len(allowed_arr)
    full = (1 << k) - 1
    primes: list[tuple[int, int]] = []         # (value, care) with care = bits of the term's literals
    on_arr = np.fromiter(sorted(on), dtype=np.int64, count=len(on))
    for size in range(0, k + 1):
        for positions in itertools.combinations(range(k), size):
            care = sum(1 << (k - 1 - p) for p in positions)
            for value in sorted(set((on_arr & care).tolist())):
                if any((pc & care) == pc and (value & pc) == pv for pv, pc in primes):
                    continue
                if by_forbidden:
                    ok = not np.any((forbidden & care) == value)
                else:
                    ok = np.count_nonzero((allowed_arr & care) == value) == 1 << (k - size)
                if ok:
                    primes.append((value, care))
    return {(value, full & ~care) for value, care in primes}


def to_term(imp: Implicant, k: int) -> Term:
    value, mask = imp
    return tuple(None if (mask >> (k - 1 - i)) & 1 else (value >> (k - 1 - i)) & 1 for i in range(k))


def minimum_covers(candidates: Sequence[Term], on: Sequence[tuple[int, ...]]) -> list[frozenset[Term]]:
    """Every cover of the `on` rows with the fewest terms (branch and bound over the PI chart)."""
    cover_of = {t: frozenset(j for j, row in enumerate(on) if covers(t, row)) for t in candidates}
    cover_of = {t: s for t, s in cover_of.items() if s}
    by_row = {j: [t for t, s in cover_of.items() if j in s] for j in range(len(on))}
    best = [len(cover_of) + 1]
    found: set[frozenset[Term]] = set()
    seen: set[frozenset[Term]] = set()

    def search(chosen: frozenset[Term], uncovered: frozenset[int]) -> None:
        if chosen in seen:
            return
        seen.add(chosen)
        if not uncovered:
            if len(chosen) < best[0]:
                best[0] = len(chosen)
                found.clear()
            if len(chosen) == best[0] and len(found) < MAX_SOLUTIONS:
                found.add(chosen)
            return
        if len(chosen) + 1 > best[0]:
            return
        pivot = min(uncovered, key=lambda j: (len(by_row[j]), j))
        for t in sorted(by_row[pivot], key=lambda t: (-len(cover_of[t] & uncovered), term_order(t))):
            search(chosen | {t}, uncovered - cover_of[t])

    if on:
        search(frozenset(), frozenset(range(len(on))))
    return sorted(found, key=lambda s: [term_order(t) for t in sorted(s, key=term_order)])


@dataclass
class Solution:
    terms: list[Term]
    kind: str
    label: str = ""

    def expression(self, conditions: Sequence[str]) -> str:
        return format_expression(self.terms, conditions)


@dataclass
class Minimization:
    table: TruthTable
    kind: str                                   # conservative | parsimonious | intermediate
    solutions: list[Solution]
    prime_implicants: list[Term]
    essential: list[Term]
    dir_exp: Optional[dict[str, int]] = None
    note: str = ""
    easy_counterfactuals: dict[str, list[int]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        x, y = self.table.data.conditions, self.table.data.outcome
        conds = self.table.conditions
        sols = [{"expression": s.expression(conds), "kind": s.kind, "label": s.label,
                 **solution_fit(s.terms, self.table.data)} for s in self.solutions]
        return {
            "outcome": self.table.data.outcome_name, "conditions": list(conds), "kind": self.kind,
            "incl_cut": self.table.incl_cut, "n_cut": self.table.n_cut, "pri_cut": self.table.pri_cut,
            "dir_exp": self.dir_exp, "model_ambiguity": len(self.solutions) > 1,
            "n_solutions": len(self.solutions), "solutions": sols,
            "prime_implicants": [{"term": format_term(t, conds), **fit(term_membership(t, x), y)}
                                 for t in self.prime_implicants],
            "essential": [format_term(t, conds) for t in self.essential],
            "easy_counterfactuals": self.easy_counterfactuals, "note": self.note,
            "truth_table": self.table.as_records(),
            "cases_in_no_row": list(self.table.cases_in_no_row),
        }


def solution_fit(terms: Sequence[Term], data: SetData) -> dict:
    """inclS, PRI, covS of the disjunction, and per term inclS, PRI, covS, covU (unique coverage:
    the solution's coverage minus that of the other terms) and the cases with membership > 0.5."""
    x, y = data.conditions, data.outcome
    mems = [term_membership(t, x) for t in terms]
    whole = np.max(mems, axis=0) if mems else np.zeros(len(y))
    out = []
    for i, (t, m) in enumerate(zip(terms, mems)):
        others = [mm for j, mm in enumerate(mems) if j != i]
        rest = np.max(others, axis=0) if others else np.zeros(len(y))
        cov_all, cov_rest = coverage(whole, y), coverage(rest, y)
        out.append({"term": format_term(t, data.condition_names), **fit(m, y),
                    "covU": None if cov_all is None else cov_all - (cov_rest or 0.0),
                    "cases": [lab for lab, v in zip(data.labels, m) if v > 0.5]})
    return {"terms": out, **fit(whole, y)}


def expression_fit(data: SetData, terms: Sequence[Term]) -> dict:
    return {"expression": format_expression(terms, data.condition_names), "outcome": data.outcome_name,
            **solution_fit(terms, data)}


def _solve(on_rows: set[int], dont_care: set[int], k: int) -> tuple[list[Term], list[frozenset[Term]]]:
    pis = sorted((to_term(p, k) for p in prime_implicants(on_rows | dont_care, k, on_rows)), key=term_order)
    on = [config_of(m, k) for m in sorted(on_rows)]
    pis = [t for t in pis if any(covers(t, r) for r in on)]
    return pis, minimum_covers(pis, on)


def _essential(pis: list[Term], on: list[tuple[int, ...]]) -> list[Term]:
    out = []
    for row in on:
        hit = [t for t in pis if covers(t, row)]
        if len(hit) == 1 and hit[0] not in out:
            out.append(hit[0])
    return sorted(out, key=term_order)


def parse_dir_exp(spec: str, conditions: Sequence[str]) -> dict[str, int]:
    """`"A,~B"` -> {'A': 1, 'B': 0}; conditions left out carry no expectation."""
    out: dict[str, int] = {}
    problems = []
    for raw in [s for s in spec.split(",") if s.strip()]:
        try:
            name, value = literal(raw, "dir_exp")
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if name not in conditions:
            problems.append(Problem(REQUEST, 0, "dir_exp",
                                    f"unknown condition {name!r} (conditions: {', '.join(conditions)})"))
        elif name in out:
            problems.append(Problem(REQUEST, 0, "dir_exp", f"{name} has two expectations"))
        else:
            out[name] = value
    if not out and not problems:
        problems.append(Problem(REQUEST, 0, "dir_exp", "no expectation given, e.g. \"A,~B\""))
    if problems:
        raise InputError(problems)
    return out


def minimize(table: TruthTable, include_remainders: bool = False,
             dir_exp: Optional[dict[str, int]] = None) -> Minimization:
    """Minimise the positive configurations; see the module docstring for the three kinds."""
    k = len(table.conditions)
    on_rows, remainders = table.minterms("1"), table.minterms("?")
    if not on_rows:
        return Minimization(table, "none", [], [], [],
                            note="no configuration passes the cuts: nothing to minimise (R QCA stops here too)")
    on = [config_of(m, k) for m in sorted(on_rows)]
    if dir_exp is None:
        kind = "parsimonious" if include_remainders else "conservative"
        pis, covers_ = _solve(on_rows, remainders if include_remainders else set(), k)
        sols = [Solution(sorted(c, key=term_order), kind, f"M{i + 1}") for i, c in enumerate(covers_)]
        return Minimization(table, kind, sols, pis, _essential(pis, on))
    expect = [dir_exp.get(c) for c in table.conditions]
    _, complex_ = _solve(on_rows, set(), k)
    _, pars = _solve(on_rows, remainders, k)
    sols: list[Solution] = []
    all_pis: list[Term] = []
    easy: dict[str, list[int]] = {}
    for ci, c in enumerate(complex_):
        widened = [tuple(None if (e is not None and v is not None and v != e) else v for v, e in zip(t, expect))
                   for t in c]
        for pj, p in enumerate(pars):
            label = f"C{ci + 1}P{pj + 1}"
            ec = {r for r in remainders
                  if any(covers(t, config_of(r, k)) for t in widened) and any(covers(t, config_of(r, k)) for t in p)}
            easy[label] = sorted(r + 1 for r in ec)
            pis, covers_ = _solve(on_rows, ec, k)
            all_pis += [t for t in pis if t not in all_pis]
            for cov in covers_:
                terms = sorted(cov, key=term_order)
                if all(s.terms != terms for s in sols):
                    sols.append(Solution(terms, "intermediate", label))
    all_pis.sort(key=term_order)
    return Minimization(table, "intermediate", sols, all_pis, _essential(all_pis, on), dir_exp=dir_exp,
                        easy_counterfactuals=easy)
