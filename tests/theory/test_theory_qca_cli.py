"""`umbrella qca ...` as a user calls it: the JSON contract of SYSTEM.md §3.5 and errors as
`PATH:LINE: FIELD: message` with exit 2."""
from __future__ import annotations

import json
import pathlib
import re

import pytest

from tests.support import umbrella

QCA_DIR = pathlib.Path(__file__).resolve().parents[3] / "shared" / "data" / "qca"
LINE = re.compile(r"^\S.*:\d+: \S.*: .+$")


@pytest.mark.skipif(not QCA_DIR.is_dir(), reason="../shared/data/qca not present")
def test_minimize_json_contract_on_lf_intermediate():
    rc, out, err = umbrella("qca", "minimize", QCA_DIR / "LF.csv", "--outcome", "SURV", "--conditions", "DEV,URB,LIT,IND,STB",
                       "--incl-cut", "0.8", "--dir-exp", "DEV,URB,LIT,IND,STB", "--format", "json")
    assert rc == 0, err
    res = json.loads(out)
    sol = res["solutions"][0]
    assert sol["expression"] == "DEV*URB*LIT*STB + DEV*LIT*~IND*STB"
    assert {"inclS", "PRI", "covS"} <= set(sol) and all({"term", "inclS", "PRI", "covS", "covU"} <= set(t) for t in sol["terms"])
    assert {r["row"] for r in res["truth_table"] if r["OUT"] == 1} == {22, 32}


def test_bad_csv_reports_every_cell(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("case,A,B,Y\nx,1,0,1\ny,0.4,abc,0\nz,1.5,1,1\n")
    rc, out, err = umbrella("qca", "truth-table", f, "--outcome", "Y", "--conditions", "A,B,Q")
    lines = err.strip().splitlines()
    assert rc == 2 and out == "" and lines and all(LINE.match(l) for l in lines)
    assert any(":1: conditions: unknown column 'Q'" in l for l in lines)
    assert any(":3: B: 'abc' is not a number" in l for l in lines)
    assert any(":4: A: 1.5 is outside [0, 1]" in l for l in lines)
    rc, out, err = umbrella("qca", "minimize", f, "--outcome", "Y", "--conditions", "A", "--dir-exp", "A*")
    assert rc == 2 and all(LINE.match(l) for l in err.strip().splitlines())


def test_cases_mode_uses_coded_disputes():
    rc, out, err = umbrella("qca", "truth-table", "--cases", "--outcome", "conceded", "--conditions", "alt,multilateral",
                       "--format", "json")
    assert rc == 0, err
    res = json.loads(out)
    cases = {c for r in res["truth_table"] for c in r["cases"]}
    assert {"spain-1988", "new-zealand-1986", "netherlands-1985", "japan-okinawa-1969"} <= cases
    row_of = {c: r["values"] for r in res["truth_table"] for c in r["cases"]}
    assert row_of["new-zealand-1986"] == {"alt": 1, "multilateral": 0}
    assert row_of["netherlands-1985"] == {"alt": 0, "multilateral": 1}
