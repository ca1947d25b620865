"""Contract audit, QCA (SYSTEM.md §3.5) on data the QCA tests did not use: every CSV of
../shared/data/qca with `~Y`, several cuts and `--include "?"`, and seeded random crisp/fuzzy data
sets with and without a label column — each checked against an independent brute-force reference
written here (truth table from memberships, all prime implicants by enumeration of the 3^k terms,
all covers with the fewest prime implicants); published R QCA results; bad CSVs → exit 2."""
from __future__ import annotations

import csv
import itertools
import random

import pytest

from tests.support import QCA_DIR, assert_input_error, umbrella, umbrella_json

pytestmark = pytest.mark.skipif(not QCA_DIR.exists(), reason="no ../shared/data/qca")


# ---- independent reference --------------------------------------------------------------------
def _truth_table(path, outcome, conds, incl_cut, n_cut):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    cols, data = rows[0], rows[1:]
    neg = outcome.startswith("~")
    oi, ci = cols.index(outcome.lstrip("~")), [cols.index(c) for c in conds]
    cases = [([float(r[i]) for i in ci], (1 - float(r[oi])) if neg else float(r[oi])) for r in data]
    tt = {}
    for row in itertools.product((0, 1), repeat=len(conds)):
        mem = [min(x if b else 1 - x for x, b in zip(xs, row)) for xs, _ in cases]
        n = sum(m > 0.5 for m in mem)
        incl = sum(min(m, y) for m, (_, y) in zip(mem, cases)) / sum(mem) if sum(mem) > 0 else 0.0
        tt[row] = "?" if n < n_cut else (1 if incl >= incl_cut - 1e-9 else 0)
    return tt


def _covers(term, row):
    return all(t is None or t == b for t, b in zip(term, row))


def reference(path, outcome, conds, incl_cut=1.0, n_cut=1, include=False):
    """Sorted list of solutions, each a sorted tuple of normalised terms; [] if nothing to explain."""
    tt = _truth_table(path, outcome, conds, incl_cut, n_cut)
    pos = {r for r, v in tt.items() if v == 1}
    allowed = pos | ({r for r, v in tt.items() if v == "?"} if include else set())
    ok = {t for t in itertools.product((None, 0, 1), repeat=len(conds))
          if all(r in allowed for r in tt if _covers(t, r)) and any(_covers(t, r) for r in pos)}
    pis = [t for t in ok if not any(t[:i] + (None,) + t[i + 1:] in ok for i, v in enumerate(t) if v is not None)]
    cover = {t: frozenset(r for r in pos if _covers(t, r)) for t in pis}
    for size in range(1, len(pis) + 1):
        sols = [c for c in itertools.combinations(pis, size) if frozenset().union(*(cover[t] for t in c)) == pos]
        if sols:
            return sorted(tuple(sorted(_norm_term("*".join(("" if v else "~") + n for v, n in zip(t, conds) if v is not None))
                                       for t in s)) for s in sols)
    return []


def _norm_term(t):
    return "*".join(sorted(t.split("*"), key=lambda s: s.lstrip("~")))


def _norm(expression):
    return tuple(sorted(_norm_term(t) for t in expression.replace(" ", "").split("+")))


def solutions(*args):
    res = umbrella_json("qca", "minimize", *args)
    return sorted(_norm(s["expression"]) for s in res["solutions"] if s["expression"] not in ("", "1")), res


PUBLIC = [("LC.csv", "SURV", "DEV,URB,LIT,IND,STB"), ("LF.csv", "SURV", "DEV,URB,LIT,IND,STB"),
          ("CVF.csv", "PROTEST", "DEMOC,ETHFRACT,GEOCON,POLDIS,NATPRIDE"), ("HC.csv", "VOTE", "FOREIGN,UNEMP,CONV,PRES80"),
          ("NF.csv", "W", "A,I,M,U"), ("RS.csv", "REC", "P,E,A,S"), ("d.educate.csv", "E", "U,D,L,G")]


@pytest.mark.parametrize("name,outcome,conds", PUBLIC)
@pytest.mark.parametrize("negate", [False, True])
def test_public_data_against_brute_force(name, outcome, conds, negate):
    path = QCA_DIR / name
    outcome = ("~" if negate else "") + outcome
    for incl_cut, n_cut in ((1.0, 1), (0.8, 1), (0.75, 2)):
        for include in (False, True):
            got, res = solutions(path, "--outcome", outcome, "--conditions", conds, "--incl-cut", incl_cut,
                                 "--n-cut", n_cut, *(["--include", "?"] if include else []))
            want = [s for s in reference(path, outcome, conds.split(","), incl_cut, n_cut, include) if s != ("",)]
            assert got == want, (name, outcome, incl_cut, n_cut, include)


def test_random_data_sets_against_brute_force(tmp_path):
    rng = random.Random(20261123)
    for i in range(60):
        k, n = rng.choice([2, 3, 4]), rng.randint(4, 14)
        fuzzy, labels = rng.random() < 0.5, rng.random() < 0.5
        conds = rng.sample(["A", "B", "C", "D", "E_2", "x"], k)
        val = (lambda: rng.choice([0, 0.1, 0.3, 0.4, 0.45, 0.55, 0.6, 0.8, 0.9, 1])) if fuzzy else (lambda: rng.choice([0, 1]))
        lines = [",".join((["case"] if labels else []) + conds + ["OUT"])]
        lines += [",".join(([f"c{j}"] if labels else []) + [str(val()) for _ in range(k + 1)]) for j in range(n)]
        path = tmp_path / f"r{i}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        incl_cut, n_cut, include = rng.choice([1.0, 0.9, 0.8, 0.75]), rng.choice([1, 1, 2]), rng.random() < 0.5
        outcome = rng.choice(["OUT", "~OUT"])
        got, _ = solutions(path, "--outcome", outcome, "--conditions", ",".join(conds), "--incl-cut", incl_cut,
                           "--n-cut", n_cut, *(["--include", "?"] if include else []))
        want = [s for s in reference(path, outcome, conds, incl_cut, n_cut, include) if s != ("",)]
        assert got == want, (path.read_text(), outcome, incl_cut, n_cut, include)


def test_published_results_and_json_shape():
    # Duşa (2019) / QCA's minimize help: d.educate E = L + G (parsimonious); LF intermediate.
    got, _ = solutions(QCA_DIR / "d.educate.csv", "--outcome", "E", "--conditions", "U,D,L,G", "--include", "?")
    assert got == [_norm("L + G")]
    got, res = solutions(QCA_DIR / "LF.csv", "--outcome", "SURV", "--conditions", "DEV,URB,LIT,IND,STB",
                         "--incl-cut", "0.8", "--include", "?", "--dir-exp", "DEV,URB,LIT,IND,STB")
    assert got == [_norm("DEV*URB*LIT*STB + DEV*LIT*~IND*STB")]
    assert isinstance(res["truth_table"], list)
    for s in res["solutions"]:
        assert {"expression", "terms", "inclS", "PRI", "covS"} <= set(s)
        for t in s["terms"]:
            assert {"term", "inclS", "PRI", "covS", "covU"} <= set(t)
    # LF conservative fit as published by R QCA (Duşa 2019): M1 inclS 0.870, PRI 0.843, covS 0.658
    _, res = solutions(QCA_DIR / "LF.csv", "--outcome", "SURV", "--conditions", "DEV,URB,LIT,IND,STB", "--incl-cut", "0.8")
    s = res["solutions"][0]
    assert (round(s["inclS"], 3), round(s["PRI"], 3), round(s["covS"], 3)) == (0.870, 0.843, 0.658)


def test_truth_table_json(tmp_path):
    res = umbrella_json("qca", "truth-table", QCA_DIR / "HC.csv", "--outcome", "VOTE", "--conditions", "FOREIGN,UNEMP,CONV,PRES80")
    assert res


BAD_CSV = {
    "missingcol": ("case,A,B,Y\nx,1,0,1\ny,0,1,0\n", ("conditions",)),
    "nonnumeric": ("case,A,B,C,Y\nx,1,zero,1,1\ny,0,1,1,0\n", ("B",)),
    "na": ("case,A,B,C,Y\nx,1,NA,1,1\ny,0,1,1,0\n", ("B",)),
    "outside": ("case,A,B,C,Y\nx,1.2,0,1,1\ny,0,1,1,0\n", ("A",)),
    "infnan": ("case,A,B,C,Y\nx,inf,0,1,1\ny,0,1,1,0\n", ("A",)),
    "empty": ("", ()),
    "headeronly": ("case,A,B,C,Y\n", ()),
    "ragged": ("case,A,B,C,Y\nx,1,0,1\ny,0,1,1,0\n", ()),
    "nonutf8": (b"case,A,B,C,Y\nx,1,0,1,1\ny,0,1,1,\xff\n", ()),
}


@pytest.mark.parametrize("name", sorted(BAD_CSV))
def test_bad_csv(tmp_path, name):
    content, fields = BAD_CSV[name]
    path = tmp_path / f"{name}.csv"
    (path.write_bytes if isinstance(content, bytes) else lambda t: path.write_text(t, encoding="utf-8"))(content)
    rc, out, err = umbrella("qca", "minimize", path, "--outcome", "Y", "--conditions", "A,B,C", "--format", "json")
    assert_input_error(rc, out, err, file=f"{name}.csv", fields=fields)
    assert out == ""


def test_multi_value_and_dont_care_data_exit_2():
    rc, out, err = umbrella("qca", "minimize", QCA_DIR / "LM.csv", "--outcome", "SURV", "--conditions", "DEV,URB,LIT,IND,STB")
    assert_input_error(rc, out, err, file="LM.csv", fields=("DEV",))
    rc, out, err = umbrella("qca", "minimize", QCA_DIR / "RS.csv", "--outcome", "REC", "--conditions", "P,E,A,EBA,S")
    assert_input_error(rc, out, err, file="RS.csv", fields=("EBA",))


@pytest.mark.parametrize("args", [("--incl-cut", "1.5"), ("--n-cut", "0"), ("--pri-cut", "2"), ("--include", "1"),
                                  ("--dir-exp", "DEV,~URB,ZZZ"), ("--outcome", "Q")])
def test_bad_qca_options(args):
    base = {"--outcome": "SURV"}
    if args[0] == "--outcome":
        base = {}
    rc, out, err = umbrella("qca", "minimize", QCA_DIR / "LC.csv", *[x for kv in base.items() for x in kv],
                        "--conditions", "DEV,URB,LIT", *args, "--format", "json")
    assert_input_error(rc, out, err, max_lines=1)
