"""Boolean expressions in QCA notation: `A*~B + C` (`*` and, `~` not, `+` or).

A term is a tuple over the conditions with 1 (present), 0 (absent, written `~X`) or None (the
condition does not appear). Terms print in the order of the conditions, as R QCA prints them.
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

from umbrella.errors import REQUEST, InputError, Problem

Term = tuple[Optional[int], ...]
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


def literal(token: str, field: str, where: str = REQUEST) -> tuple[str, int]:
    """`A` -> ('A', 1); `~A` -> ('A', 0). Raises InputError for anything else."""
    text = token.strip()
    value = 1
    while text.startswith("~"):
        value = 1 - value
        text = text[1:].strip()
    if not NAME.match(text):
        raise InputError([Problem(where, 0, field, f"{token.strip()!r} is not a condition name or ~name")])
    return text, value


def parse_expression(text: str, conditions: Sequence[str], field: str = "expression",
                     where: str = REQUEST) -> list[Term]:
    """Parse `A*~B + C` over `conditions` into a list of terms; every problem on one line."""
    problems = []
    terms: list[Term] = []
    if not text or not text.strip():
        raise InputError([Problem(where, 0, field, "empty expression")])
    index = {c: i for i, c in enumerate(conditions)}
    for raw_term in text.split("+"):
        if not raw_term.strip():
            problems.append(Problem(where, 0, field, f"{text!r}: empty term around '+'"))
            continue
        term: list[Optional[int]] = [None] * len(conditions)
        if raw_term.strip() == "1":             # the tautology, as printed for a cover of every row
            terms.append(tuple(term))
            continue
        for raw in raw_term.split("*"):
            try:
                name, value = literal(raw, field, where)
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            if name not in index:
                problems.append(Problem(where, 0, field, f"unknown condition {name!r} (known: {', '.join(conditions)})"))
                continue
            i = index[name]
            if term[i] is not None and term[i] != value:
                problems.append(Problem(where, 0, field, f"term {raw_term.strip()!r} contains both {name} and ~{name}"))
            term[i] = value
        terms.append(tuple(term))
    if problems:
        raise InputError(problems)
    return terms


def format_term(term: Term, conditions: Sequence[str]) -> str:
    parts = [(c if v == 1 else f"~{c}") for c, v in zip(conditions, term) if v is not None]
    return "*".join(parts) if parts else "1"


def format_expression(terms: Sequence[Term], conditions: Sequence[str]) -> str:
    return " + ".join(format_term(t, conditions) for t in terms) if terms else "0"


def term_order(term: Term) -> tuple:
    """R QCA's display order: fewer literals first, then present before negated before absent."""
    code = tuple({1: 2, 0: 1, None: 0}[v] for v in term)
    return (sum(v is not None for v in term), tuple(-c for c in code))


def covers(term: Term, row: Sequence[int]) -> bool:
    return all(v is None or v == r for v, r in zip(term, row))
