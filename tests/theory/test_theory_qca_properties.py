"""Property tests of QCA minimisation against a brute-force reference written independently:
every implicant is enumerated over all 3^k terms, prime implicants are the maximal ones, and the
minimum covers are found by trying every combination of increasing size."""
from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings, strategies as st

from umbrella.theory import qca

NAMES = ("A", "B", "C", "D")


def rows_of(k):
    return list(itertools.product((0, 1), repeat=k))


def holds(term, row):
    return all(v is None or v == r for v, r in zip(term, row))


def brute_force_solutions(on: set, allowed: set, k: int) -> set[frozenset]:
    """All minimum-cardinality covers of `on` by prime implicants of `allowed` (on ∪ don't-cares)."""
    terms = list(itertools.product((None, 0, 1), repeat=k))
    implicants = [t for t in terms if all(r in allowed for r in rows_of(k) if holds(t, r))]
    def sub(a, b):  # a's rows within b's
        return all(vb is None or va == vb for va, vb in zip(a, b))
    primes = [t for t in implicants if not any(o != t and sub(t, o) for o in implicants)]
    useful = [t for t in primes if any(holds(t, r) for r in on)]
    for size in range(1, len(useful) + 1):
        found = {frozenset(c) for c in itertools.combinations(useful, size)
                 if all(any(holds(t, r) for t in c) for r in on)}
        if found:
            return found
    return set()


@st.composite
def crisp_tables(draw):
    k = draw(st.integers(2, 4))
    n = draw(st.integers(1, 12))
    x = np.array(draw(st.lists(st.lists(st.integers(0, 1), min_size=k, max_size=k), min_size=n, max_size=n)), float)
    y = np.array(draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)), float)
    return qca.SetData(tuple(f"c{i}" for i in range(n)), NAMES[:k], "Y", x, y)


def _terms(result, k):
    return [frozenset(tuple(qca.parse_expression(s["expression"], NAMES[:k]))) for s in result["solutions"]]


@settings(max_examples=60, deadline=None)
@given(crisp_tables(), st.booleans())
def test_solutions_equal_brute_force_minimum_covers(sd, include):
    k = len(sd.condition_names)
    tt = qca.truth_table(sd)
    on = {r.config for r in tt.rows if r.out == "1"}
    dc = {r.config for r in tt.rows if r.out == "?"} if include else set()
    result = qca.minimize(tt, include_remainders=include).to_dict()
    want = brute_force_solutions(on, on | dc, k) if on else set()
    assert set(_terms(result, k)) == want
    assert result["model_ambiguity"] == (len(want) > 1)


@settings(max_examples=60, deadline=None)
@given(crisp_tables(), st.booleans())
def test_minimisation_keeps_the_function_on_observed_rows(sd, include):
    k = len(sd.condition_names)
    tt = qca.truth_table(sd)
    result = qca.minimize(tt, include_remainders=include).to_dict()
    for terms in _terms(result, k):
        for r in tt.rows:
            value = any(holds(t, r.config) for t in terms)
            if r.out == "1":
                assert value                        # every positive configuration is covered
            elif r.out == "0":
                assert not value                    # no negative configuration is


@st.composite
def fuzzy_tables(draw):
    k = draw(st.integers(1, 3))
    n = draw(st.integers(1, 10))
    cell = st.floats(0, 1, allow_nan=False).map(lambda v: round(v, 2))
    x = np.array(draw(st.lists(st.lists(cell, min_size=k, max_size=k), min_size=n, max_size=n)))
    y = np.array(draw(st.lists(cell, min_size=n, max_size=n)))
    return qca.SetData(tuple(f"c{i}" for i in range(n)), NAMES[:k], "Y", x, y)


@settings(max_examples=60, deadline=None)
@given(fuzzy_tables(), st.data())
def test_fit_recomputed_from_memberships(sd, data):
    k = len(sd.condition_names)
    term = tuple(data.draw(st.sampled_from((None, 0, 1))) for _ in range(k))
    if all(v is None for v in term):
        term = (1,) + term[1:]
    expr = qca.format_term(term, sd.condition_names)
    got = qca.expression_fit(sd, qca.parse_expression(expr, sd.condition_names))
    member = [min((x if v == 1 else 1 - x) for x, v in zip(row, term) if v is not None) for row in sd.conditions]
    sx, sy = sum(member), sum(sd.outcome)
    overlap = sum(min(m, y) for m, y in zip(member, sd.outcome))
    if sx > 0:
        assert abs(got["inclS"] - overlap / sx) < 1e-12
    if sy > 0:
        assert abs(got["covS"] - overlap / sy) < 1e-12
    # a row's n counts exactly the cases whose membership in it exceeds 0.5
    tt = qca.truth_table(sd)
    for r in tt.rows:
        m = [min((x if v == 1 else 1 - x) for x, v in zip(row, r.config)) for row in sd.conditions]
        assert r.n == sum(v > 0.5 for v in m)


@settings(max_examples=60, deadline=None)
@given(crisp_tables(), st.data())
def test_intermediate_lies_between_conservative_and_parsimonious(sd, data):
    k = len(sd.condition_names)
    tt = qca.truth_table(sd)
    if not any(r.out == "1" for r in tt.rows):
        return
    expect = {c: data.draw(st.sampled_from((0, 1))) for c in sd.condition_names if data.draw(st.booleans())}
    if not expect:
        expect = {sd.condition_names[0]: 1}
    cons = _terms(qca.minimize(tt).to_dict(), k)
    pars = _terms(qca.minimize(tt, include_remainders=True).to_dict(), k)
    inter = _terms(qca.minimize(tt, dir_exp=expect).to_dict(), k)
    assert inter
    covered = lambda sol: {r for r in rows_of(k) if any(holds(t, r) for t in sol)}
    for sol in inter:
        assert any(covered(c) <= covered(sol) for c in cons)
        assert any(covered(sol) <= covered(p) for p in pars)
