"""What a new user meets in the first hour (issue 17): ids printed whole off a terminal, "did you
mean" for a misspelt name, every problem of a scenario entry in one run, exports that the QCA command
reads back. The CLI runs in this process, so stdout is never a terminal here."""
from __future__ import annotations

import csv
import pathlib

from tests.support import ROOT, assert_input_error, umbrella, umbrella_json

SCENARIOS = ROOT / "src" / "umbrella" / "resources" / "scenarios"


def _cells(out: str) -> set[str]:
    """Every run of non-space text between the box-drawing borders of a rich table."""
    return {cell.strip() for line in out.splitlines() for cell in line.replace("┃", "│").split("│")}


def test_ids_and_parameter_names_are_never_cut_off_a_terminal():
    ids = [d["id"] for d in umbrella_json("data", "list", "disputes")]
    names = [p["name"] for p in umbrella_json("params")]
    for args, wanted in ((("data", "list", "disputes"), ids), (("params",), names)):
        rc, out, err = umbrella(*args)
        assert rc == 0, err
        assert "…" not in out
        cells = _cells(out)
        missing = [w for w in wanted if w not in cells]
        assert not missing, f"umbrella {' '.join(args)}: ids not printed whole in one cell: {missing[:5]}"


def test_tsv_prints_one_row_per_record_with_a_header():
    ids = [d["id"] for d in umbrella_json("data", "list", "disputes")]
    rc, out, _ = umbrella("data", "list", "disputes", "--format", "tsv")
    assert rc == 0
    rows = [line.split("\t") for line in out.splitlines() if line]
    assert rows[0][0] == "id" and [r[0] for r in rows[1:]] == ids
    assert len({len(r) for r in rows}) == 1                # a rectangle: no cell carries a tab or a newline


def test_did_you_mean_for_a_misspelt_scenario_actor_and_case():
    for args, wrong, right in ((("run", "washingtn-declaration", "--samples", "20"), "washingtn-declaration",
                                "washington-declaration"),
                               (("run", "Baseline", "--samples", "20"), "Baseline", "baseline"),
                               (("timeline", "--actor", "ROK"), "ROK", "KOR"),
                               (("data", "show", "spain-1989"), "spain-1989", "spain-1988")):
        rc, out, err = umbrella(*args)
        lines = assert_input_error(rc, out, err, max_lines=1)
        assert repr(wrong) in lines[0] and f"did you mean {right}" in lines[0], lines[0]


def test_a_scenario_entry_reports_an_unknown_lever_and_an_unknown_ally_together(tmp_path):
    text = (SCENARIOS / "nuclear-sharing.yaml").read_text(encoding="utf-8")
    entry = "{lever: consultation, ally: KOR, value: nuclear_sharing, from: 2025}"
    assert entry in text
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace(entry, "{lever: consultaton, ally: ROK, value: nuclear_sharing, from: 1900}"),
                   encoding="utf-8")
    line = text.splitlines().index(next(l for l in text.splitlines() if entry in l)) + 1
    rc, out, err = umbrella("run", bad, "--samples", "20")
    lines = assert_input_error(rc, out, err, file="bad.yaml")
    assert any(f":{line}: levers[0].lever:" in l and "did you mean consultation" in l for l in lines), lines
    assert any(f":{line}: levers[0].ally:" in l and "'ROK'" in l for l in lines), lines
    assert any(f":{line}: levers[0].from:" in l for l in lines), lines


def test_the_csv_export_feeds_qca_minimize(tmp_path):
    rc, _, err = umbrella("data", "export", "--format", "csv", "--out", tmp_path)
    assert rc == 0, err
    with (tmp_path / "disputes.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["alt"] for r in rows} <= {"0", "1", ""} and {r["conceded"] for r in rows} <= {"0", "1", ""}
    rc, out, err = umbrella("qca", "minimize", tmp_path / "disputes.csv", "--outcome", "conceded",
                            "--conditions", "alt,conditions_ally_resolve", "--format", "json")
    assert rc == 0, err
    assert "not a number" not in err
    # by hand: among the cases coded on all three columns (QCA leaves out the others), the US conceded
    # exactly where the ally had an alternative and was resolute, so that conjunction is the solution
    coded = [r for r in rows if all(r[k] for k in ("alt", "conditions_ally_resolve", "conceded"))]
    assert len(coded) >= 10
    assert all((r["conceded"] == "1") == (r["alt"] == "1" and r["conditions_ally_resolve"] == "1") for r in coded)
    assert "alt*conditions_ally_resolve" in out


def test_calibrate_writes_into_out_not_into_the_repository(tmp_path, monkeypatch):
    """Without --out or --write-committed, the posterior goes to ./out; the committed one and the rest
    of the repository are untouched (--particles only makes the fit small: where it writes is the same)."""
    import hashlib
    import subprocess
    def state() -> tuple:
        files = sorted(p for p in (ROOT / "src" / "umbrella" / "resources").rglob("*")
                       if p.is_file() and "__pycache__" not in p.parts)
        digest = hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()
        git = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True)
        return digest, git.stdout
    before = state()
    monkeypatch.chdir(tmp_path)
    rc, out, err = umbrella("calibrate", "--particles", "200")
    assert rc == 0, err
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["northeast-asia.json", "northeast-asia.npz"], written
    assert state() == before
