"""The evidence commands as a user runs them: exit codes, JSON shapes, one-line errors."""
from __future__ import annotations

import json
import re

from tests.evidence.test_evidence_validation import DISPUTE, make_dir
from tests.support import umbrella

LINE = re.compile(r"^\S.*:\d+: \S.*: .+$")


def test_bundled_data_is_valid():
    rc, out, err = umbrella("data", "check")
    assert rc == 0, err
    assert out.startswith("ok:")


def test_bad_case_directory_exits_2_with_lines(tmp_path):
    bad = DISPUTE.replace("final_intensity: non_fixed", "final_intensity: sometimes").replace(
        "alliance: test-alliance", "alliance: nato").replace("[{bib: ref-a}]\n", "[{bib: no-such-key}]\n")
    d = make_dir(tmp_path / "x", {"disputes/probe.yaml": bad.replace("id: test-case", "id: probe")})
    rc, out, err = umbrella("data", "check", "--data", d)
    assert rc == 2
    assert "Traceback" not in out + err
    lines = err.strip().splitlines()
    assert lines and all(LINE.match(line) and "probe.yaml:" in line for line in lines)
    assert any("final_intensity" in line for line in lines) and any("no-such-key" in line for line in lines)


def test_list_disputes_json_has_derived_fields():
    rc, out, _ = umbrella("data", "list", "disputes", "--format", "json")
    assert rc == 0
    records = json.loads(out)
    assert isinstance(records, list)
    for r in records:
        assert {"id", "alt", "conceded", "observed_strategy"} <= set(r)


def test_show_unknown_id_is_one_line():
    rc, out, err = umbrella("data", "show", "no-such-record")
    assert rc == 2 and len(err.strip().splitlines()) == 1 and "no-such-record" in err


def test_missing_data_dir_is_an_input_error(tmp_path):
    rc, _, err = umbrella("data", "check", "--data", tmp_path / "absent")
    assert rc == 2 and "not a directory" in err and "Traceback" not in err


def test_timeline_filters():
    rc, out, _ = umbrella("timeline", "--from", "1950", "--to", "2030", "--format", "json")
    assert rc == 0
    events = json.loads(out)
    assert all(1950 <= e["year"] <= 2030 for e in events)
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    rc, _, err = umbrella("timeline", "--from", "2000", "--to", "1990")
    assert rc == 2 and "--from" in err


def test_usage_errors_are_one_problem_line():
    for args in (["data", "list", "nosuchkind"], ["timeline", "--from", "abc"], ["data", "check", "--bogus"],
                 ["data", "export", "--format", "xml", "--out", "x"]):
        rc, out, err = umbrella(*args)
        lines = err.strip().splitlines()
        assert rc == 2 and len(lines) == 1 and LINE.match(lines[0]), (args, err)
