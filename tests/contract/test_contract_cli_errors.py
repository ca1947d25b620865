"""Contract audit, the CLI as a whole (SYSTEM.md §3): every `--format json` command prints exactly one
JSON document on stdout (progress and notes on stderr only); bad command-line values and output
paths exit 2 with one `PATH:LINE: FIELD: message` line, never a traceback or an internal error."""
from __future__ import annotations

import json

import pytest

from tests.support import QCA_DIR, assert_input_error, umbrella

JSON_COMMANDS = [
    ("data", "list", "disputes"), ("data", "show", "spain-1988"), ("timeline",), ("timeline", "--actor", "KOR", "--from", "2020"),
    ("theory", "list"), ("theory", "compare"), ("game", "list"), ("game", "cases", "deployment-bargaining"),
    ("params",), ("scenarios",), ("game", "map", "unilateral-deterrence", "--x", "p_hard:0:1:3", "--y", "ch_dc:1:3:2"),
    ("qca", "minimize", "--cases", "--outcome", "conceded", "--conditions", "alt,multilateral"),
    ("compare", "baseline", "second-theater-war", "--samples", "16"),
]


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_json_is_one_document_on_stdout(args):
    rc, out, err = umbrella(*args, "--format", "json")
    assert rc == 0, err
    json.loads(out)     # raises unless stdout is exactly one JSON document


@pytest.mark.parametrize("args", [
    ("run", "baseline", "--format", "xml"),
    ("data", "list", "nosuchkind", "--format", "json"),
    ("timeline", "--from", "abc"),
    ("compare", "baseline"),
    ("qca", "minimize", str(QCA_DIR / "LC.csv"), "--conditions", "DEV,URB"),
    ("game", "export", "deployment-bargaining", "--format", "json"),
])
def test_usage_errors_are_one_line(args):
    """Was bug B1 (fixed): click usage errors printed a multi-line rich box."""
    rc, out, err = umbrella(*args)
    assert_input_error(rc, out, err, max_lines=1)


@pytest.mark.parametrize("kind", ["run-out", "export-out", "map-plot"])
def test_output_path_under_a_file_exits_2(tmp_path, kind):
    """Was bug B3 (fixed): an output path under a regular file was an internal error (exit 1)."""
    f = tmp_path / "plain-file"
    f.write_text("x", encoding="utf-8")
    args = {"run-out": ("run", "baseline", "--samples", "8", "--out", f / "sub", "--format", "json"),
            "export-out": ("data", "export", "--format", "csv", "--out", f / "sub"),
            "map-plot": ("game", "map", "deployment-bargaining", "--x", "v:5:15:2", "--y", "d:0:10:2", "--plot", f / "x.png")}[kind]
    rc, out, err = umbrella(*args)
    assert_input_error(rc, out, err, max_lines=1)
