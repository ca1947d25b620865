"""Every crasher of the reliability run of issue 12, through the commands that met it: an alias bomb
(alone or inside a real field), deep nesting, a huge integer in a ledger, NaN / -inf / 2**64 in a
claims `vary`, a 10 MB file, binary garbage. Each must give exit 2 with `PATH:LINE: FIELD: message`
lines naming the file, never exit 1 (`internal error`) or a hang.

The matrix runs in-process through the real entry point (`umbrella.cli.main`); a few cases run as
separate processes, as a user meets them.
"""
from __future__ import annotations

import json
import pathlib

import pytest
import yaml

from tests.support import ROOT, assert_input_error, umbrella, umbrella_process
from tests.inputs.hostile import alias_bomb, nested, with_literal
from umbrella.resources import data_dir, ledger_file, scenarios_dir

TEN_MB = "x: 1\n" + "#" * (10 * 2 ** 20) + "\n"


def first_entry(kind: str) -> dict:
    entries = yaml.safe_load((ledger_file()).read_text(encoding="utf-8"))
    return next(e for e in entries if (e.get("check") or {}).get("kind") == kind)


def scenario(literal: str) -> tuple[str, int]:
    data = yaml.safe_load((scenarios_dir() / "baseline.yaml").read_text(encoding="utf-8"))
    return with_literal(data, ("notes",), literal)


def dispute(literal: str) -> tuple[str, int]:
    data = yaml.safe_load((data_dir() / "disputes" / "spain-1988.yaml").read_text(encoding="utf-8"))
    data["id"] = "spain-1988-copy"
    return with_literal(data, ("notes",), literal)


def theory(literal: str) -> tuple[str, int]:
    data = yaml.safe_load((ROOT / "src" / "umbrella" / "theory" / "theories" / "deployment-typology.yaml")
                          .read_text(encoding="utf-8"))
    data["id"] = "typology-copy"
    return with_literal(data, ("name", "en"), literal)


def ledger(literal: str) -> tuple[str, int]:
    """A ledger of one real game_statics claim, its `vary` TO value written as `literal`."""
    entry = first_entry("game_statics")
    (name, _), = entry["check"]["vary"].items()
    return with_literal([entry], (0, "check", "vary", name, 1), literal)


#: where each command reads a file, and how to put a hostile value into a real field of it
COMMANDS = {
    "run": (lambda d: d / "scenario.yaml", lambda f: ("run", f), scenario),
    "data check": (lambda d: d / "data" / "disputes" / "spain-1988-copy.yaml",
                   lambda f: ("data", "check", "--data", f.parents[1]), dispute),
    "claims": (lambda d: d / "ledger.yaml", lambda f: ("claims", "--ledger", f, "--samples", "2"), ledger),
    "theory list": (lambda d: d / "theories" / "copy.yaml", lambda f: ("theory", "list", "--theories", f.parent), theory),
}


def place(tmp_path, command: str, content: str | bytes) -> tuple[pathlib.Path, tuple]:
    where, args, _ = COMMANDS[command]
    path = where(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path, args(path)


WHOLE_FILES = {
    "alias bomb": (alias_bomb(), 1),
    "deep lists": ("x: " + nested(5000) + "\n", 1),
    "deep mappings": ("x: " + nested(5000, "mapping") + "\n", 1),
    "10 MB": (TEN_MB, 1),
    "binary garbage": (bytes(range(255, -1, -1)) * 64, 1),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("crasher", WHOLE_FILES)
def test_hostile_file_is_refused(tmp_path, command, crasher):
    content, line = WHOLE_FILES[crasher]
    path, args = place(tmp_path, command, content)
    lines = assert_input_error(*umbrella(*args), file=path.name, max_lines=1)
    assert f"{path.name}:{line}:" in lines[0]


FIELD_VALUES = {
    "alias bomb": alias_bomb(flow=True),
    "deep nesting": nested(60),
    "NaN": ".nan",
    "-inf": "-.inf",
    "2**64": str(2 ** 64),
    "huge integer": "9" * 5000,
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("crasher", FIELD_VALUES)
def test_hostile_value_in_a_real_field_is_refused_where_it_is(tmp_path, command, crasher):
    content, line = COMMANDS[command][2](FIELD_VALUES[crasher])
    path, args = place(tmp_path, command, content)
    lines = assert_input_error(*umbrella(*args), file=path.name, max_lines=1)
    assert f"{path.name}:{line}:" in lines[0]


def test_the_same_ledger_with_a_finite_vary_is_evaluated(tmp_path):
    """The refusals above are about the value: the unaltered claim loads and is modelled."""
    (name, span), = first_entry("game_statics")["check"]["vary"].items()
    content, _ = ledger(str(span[1]))
    path, args = place(tmp_path, "claims", content)
    rc, out, err = umbrella(*args, "--format", "json")
    assert rc == 0, err
    assert [row["status"] for row in json.loads(out)["claims"]] != ["not_modelled"]


@pytest.mark.parametrize("literal", [".nan", "-.inf", str(2 ** 64), "1.8446744073709552e+19", "9" * 400])
def test_bad_vary_never_becomes_not_modelled(tmp_path, literal):
    content, line = ledger(literal)
    path, args = place(tmp_path, "claims", content)
    lines = assert_input_error(*umbrella(*args), file=path.name, fields=["check.vary."], max_lines=1)
    assert f"{path.name}:{line}:" in lines[0]


@pytest.mark.parametrize("command, content", [
    ("run", alias_bomb()),
    ("data check", "x: " + nested(5000) + "\n"),
    ("claims", ledger(".nan")[0]),
    ("theory list", TEN_MB),
])
def test_as_a_user_meets_them(tmp_path, command, content):
    path, args = place(tmp_path, command, content)
    assert_input_error(*umbrella_process(*args, timeout=120), file=path.name, max_lines=1)
