"""QCA against the reference implementation's published results (R QCA 3.25, Duşa 2019; the
results listed in ../shared/data/qca/README.md) and against hand-solved truth tables."""
from __future__ import annotations

import pathlib

import numpy as np
import pytest

from umbrella.errors import InputError
from umbrella.theory import qca

QCA_DIR = pathlib.Path(__file__).resolve().parents[3] / "shared" / "data" / "qca"
LIPSET = ["DEV", "URB", "LIT", "IND", "STB"]
needs_data = pytest.mark.skipif(not QCA_DIR.is_dir(), reason="../shared/data/qca not present")


def norm(expression: str) -> set[frozenset[str]]:
    return {frozenset(t.strip().split("*")) for t in expression.split("+")}


def solve(name, outcome, conditions, incl_cut=1.0, **kw):
    data = qca.parse_csv((QCA_DIR / f"{name}.csv").read_text(), name)
    tt = qca.truth_table(qca.set_data(data, conditions, outcome), incl_cut=incl_cut)
    return tt, qca.minimize(tt, **kw).to_dict()


@needs_data
def test_lc_crisp_conservative_and_parsimonious_match_r_qca():
    _, cons = solve("LC", "SURV", LIPSET)
    assert [norm(s["expression"]) for s in cons["solutions"]] == [norm("DEV*~URB*LIT*STB + DEV*LIT*IND*STB")]
    _, pars = solve("LC", "SURV", LIPSET, include_remainders=True)
    assert [norm(s["expression"]) for s in pars["solutions"]] == [norm("DEV*STB")]


@needs_data
def test_lf_fuzzy_three_solutions_match_r_qca():
    _, cons = solve("LF", "SURV", LIPSET, 0.8)
    assert [norm(s["expression"]) for s in cons["solutions"]] == [norm("DEV*URB*LIT*IND*STB + DEV*~URB*LIT*~IND*STB")]
    _, pars = solve("LF", "SURV", LIPSET, 0.8, include_remainders=True)
    assert [norm(s["expression"]) for s in pars["solutions"]] == [norm("DEV*~IND + URB*STB")]
    _, inter = solve("LF", "SURV", LIPSET, 0.8, dir_exp={c: 1 for c in LIPSET})
    assert [norm(s["expression"]) for s in inter["solutions"]] == [norm("DEV*URB*LIT*STB + DEV*LIT*~IND*STB")]


@needs_data
def test_lf_truth_table_rows_as_printed_by_r_qca():
    # Duşa (2019), truth table of LF with incl.cut = 0.8: row, OUT, n, incl, PRI (3 decimals)
    tt, _ = solve("LF", "SURV", LIPSET, 0.8)
    rows = {r.index: r for r in tt.rows}
    for index, out, n, incl, pri in [(22, "1", 2, 0.804, 0.719), (32, "1", 4, 0.904, 0.886),
                                     (24, "0", 2, 0.709, 0.634), (1, "0", 3, 0.216, 0.000)]:
        r = rows[index]
        assert (r.out, r.n) == (out, n)
        assert round(r.incl, 3) == incl and round(r.pri, 3) == pri
    assert sum(r.n for r in tt.rows) == 18          # every LF case lies in exactly one row


@needs_data
def test_d_educate_hand_solved():
    # U D L G -> E: positive 1111 1110 1011 1010 0111 0110 0001, negative 0000, rest remainders.
    _, cons = solve("d.educate", "E", ["U", "D", "L", "G"])
    assert [norm(s["expression"]) for s in cons["solutions"]] == [norm("U*L + D*L + ~U*~D*~L*G")]
    _, pars = solve("d.educate", "E", ["U", "D", "L", "G"], include_remainders=True)
    assert [norm(s["expression"]) for s in pars["solutions"]] == [norm("L + G")]


def _crisp(rows: list[str], outcome: list[int], names=("A", "B", "C")) -> qca.SetData:
    x = np.array([[int(ch) for ch in r] for r in rows], dtype=float)
    return qca.SetData(tuple(rows), tuple(names), "Y", x, np.array(outcome, dtype=float))


def test_model_ambiguity_cyclic_chart_reports_both_minimal_covers():
    # ON = {000, 001, 010, 101, 110, 111}, OFF = {011, 100}: the classic cyclic chart with
    # exactly two covers of three prime implicants each.
    on = ["000", "001", "010", "101", "110", "111"]
    sd = _crisp(on + ["011", "100"], [1] * 6 + [0, 0])
    result = qca.minimize(qca.truth_table(sd)).to_dict()
    got = {frozenset(norm(s["expression"])) for s in result["solutions"]}
    assert got == {frozenset(norm("~A*~B + B*~C + A*C")), frozenset(norm("~A*~C + ~B*C + A*B"))}
    assert result["model_ambiguity"] is True
    assert len(result["prime_implicants"]) == 6 and result["essential"] == []


def test_fit_by_hand_on_a_small_fuzzy_table():
    # two cases: min(X, Y) = 0.6, 0.3; ΣX = 1.1; ΣY = 1.5
    sd = qca.SetData(("p", "q"), ("A",), "Y", np.array([[0.8], [0.3]]), np.array([0.6, 0.9]))
    f = qca.expression_fit(sd, qca.parse_expression("A", ["A"]))
    assert f["inclS"] == pytest.approx((0.6 + 0.3) / (0.8 + 0.3))
    assert f["covS"] == pytest.approx((0.6 + 0.3) / (0.6 + 0.9))
    # PRI = (Σmin(X,Y) − Σmin(X,Y,~Y)) / (ΣX − Σmin(X,Y,~Y)); min(X,Y,~Y) = 0.4, 0.1
    assert f["PRI"] == pytest.approx((0.9 - 0.5) / (1.1 - 0.5))


def test_outcome_negation_and_n_cut():
    sd_pos = _crisp(["00", "00", "01", "11"], [0, 0, 1, 1], names=("A", "B"))
    neg = qca.SetData(sd_pos.labels, sd_pos.condition_names, "~Y", sd_pos.conditions, 1 - sd_pos.outcome)
    assert qca.minimize(qca.truth_table(neg)).to_dict()["solutions"][0]["expression"] == "~A*~B"
    tt = qca.truth_table(sd_pos, n_cut=2)                  # rows with one case become remainders
    assert {r.index: r.out for r in tt.rows if r.n} == {1: "0", 2: "?", 4: "?"}
    assert qca.minimize(tt).to_dict()["solutions"] == []


def test_incl_cut_tolerance_and_pri_cut():
    # inclusion exactly 0.8 passes a cut of 0.8 despite floating point; PRI cut can veto it
    sd = qca.SetData(tuple("abcde"), ("A",), "Y", np.ones((5, 1)), np.array([1, 1, 1, 1, 0.0]))
    assert qca.truth_table(sd, incl_cut=0.8).rows[1].out == "1"
    assert qca.truth_table(sd, incl_cut=0.8, pri_cut=0.9).rows[1].out == "0"


def test_calibration_direct_method_hits_its_anchors():
    m = qca.calibrate_direct([2.0, 5.0, 8.0, 20.0], 2, 5, 8)
    assert m[0] == pytest.approx(0.05) and m[1] == pytest.approx(0.5) and m[2] == pytest.approx(0.95)
    assert m[3] > 0.999
    dec = qca.calibrate_direct([8.0, 5.0, 2.0], 8, 5, 2)          # a decreasing set
    assert dec == pytest.approx([0.05, 0.5, 0.95])
    with pytest.raises(InputError):
        qca.calibrate_direct([1.0], 5, 2, 8)


def test_bad_inputs_are_one_line_problems():
    data = qca.parse_csv("case,A,Y\nx,1,1\ny,abc,0\nz,1.5,1\n", "t.csv")
    with pytest.raises(InputError) as exc:
        qca.set_data(data, ["A", "Q"], "Y")
    lines = [str(p) for p in exc.value.problems]
    assert "t.csv:1: conditions: unknown column 'Q' (columns: A, Y)" in lines
    with pytest.raises(InputError) as exc:
        qca.set_data(data, ["A"], "Y")
    assert {(p.line, p.field) for p in exc.value.problems} == {(3, "A"), (4, "A")}
    for bad in ("A*", "A*~B + ", "A*~A", "Z"):
        with pytest.raises(InputError):
            qca.parse_expression(bad, ["A", "B"])
    with pytest.raises(InputError):
        qca.parse_csv("case,A,A\nx,1,1\n", "d.csv")


def test_csv_label_column_and_semicolons():
    d = qca.parse_csv("A;B;Y\n1;0;1\n0;1;0\n", "s.csv")         # no label column: rows numbered
    assert d.labels == ("1", "2") and d.columns == ["A", "B", "Y"]
    d = qca.parse_csv("country,A,Y\nFR,1,1\nDE,0,0\n", "c.csv")  # non-numeric first column: labels
    assert d.labels == ("FR", "DE") and d.columns == ["A", "Y"]
