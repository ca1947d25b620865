"""The README as a new user reads it: every command of its shell blocks runs as written (in a fresh
folder, in order, on the bundled files), its Python block runs, every `umbrella` command of its table
is accepted by the command line's parser, and every repository path it names exists."""
from __future__ import annotations

import json
import re
import shlex

import pytest
import typer

from tests.support import ROOT, umbrella

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w*)\n(.*?)^```", README, flags=re.S | re.M)


def shell_commands() -> list[list[str]]:
    """The `umbrella` commands of the README's sh blocks, each once, in the order they appear."""
    seen, commands = set(), []
    for lang, text in BLOCKS:
        if lang != "sh":
            continue
        for line in text.splitlines():
            words = shlex.split(line, comments=True)
            if words[:1] == ["umbrella"] and tuple(words) not in seen:
                seen.add(tuple(words))
                commands.append(words[1:])
    return commands


def table_commands() -> list[str]:
    """The `umbrella ...` code spans of the README's table of commands."""
    return [span for line in README.splitlines() if line.startswith("|")
            for span in re.findall(r"`(umbrella [^`]*)`", line)]


def test_the_readme_has_the_two_command_quick_start_and_a_walk_through_in_both_languages():
    assert ("", "make run\nmake test\n") in BLOCKS
    assert len(shell_commands()) >= 10
    assert "## First hour / 第一个小时" in README and "第一个小时" in README


def test_every_command_of_the_walk_through_runs_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for args in shell_commands():
        rc, out, err = umbrella(*args)
        assert rc == 0, f"umbrella {shlex.join(args)} exited {rc}: {err[-600:]}"
        assert "Traceback" not in out + err
        for flag in ("--out", "--plot"):
            if flag in args:
                assert (tmp_path / args[args.index(flag) + 1]).exists(), f"{shlex.join(args)} wrote no {flag}"


def test_the_walk_through_game_map_shows_regions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    [args] = [a for a in shell_commands() if a[:2] == ["game", "map"]]
    rc, out, err = umbrella(*args, "--format", "json")
    assert rc == 0, err
    assert len({cell for row in json.loads(out)["outcomes"] for cell in row}) >= 3


def test_the_python_block_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    [code] = [text for lang, text in BLOCKS if lang == "python"]
    exec(compile(code, "README.md", "exec"), {})


#: table commands that are parsed, not run: the main job (`make run` runs it; tests/lab), the claims
#: ledger (a minute; tests/claims), the calibration (minutes; tests/experiments), the server (it waits)
PARSED_ONLY = {"lab", "claims", "calibrate", "serve"}


def parse(command: str) -> None:
    """The command line's own parser accepts it: every subcommand, option and choice exists, values convert."""
    from umbrella.cli import app
    words = shlex.split(command)[1:]
    cmd = typer.main.get_command(app)
    ctx = cmd.make_context("umbrella", list(words))
    while hasattr(cmd, "resolve_command"):                # a group: on to its subcommand
        protected = getattr(ctx, "_protected_args", None) or getattr(ctx, "protected_args", [])  # click 8.2 / older
        name, cmd, rest = cmd.resolve_command(ctx, [*protected, *ctx.args])
        assert cmd is not None, f"{command}: no command {name!r}"
        ctx = cmd.make_context(name, rest, parent=ctx)
    assert not ctx.args, f"{command}: left over {ctx.args}"


def test_every_table_command_runs_as_written(tmp_path, monkeypatch):
    """In the table's order, in a fresh folder; the long ones parsed only (PARSED_ONLY)."""
    monkeypatch.chdir(tmp_path)
    commands = table_commands()
    assert len(commands) >= 20
    for command in commands:
        parse(command)
        words = shlex.split(command)[1:]
        if words[0] in PARSED_ONLY:
            continue
        rc, out, err = umbrella(*words)
        assert rc == 0, f"{command} exited {rc}: {err[-600:]}"
        assert "Traceback" not in out + err


def test_no_dangling_references():
    assert "SYSTEM.md" not in README                     # the design lives outside the repository
    paths = {p for p in re.findall(r"`((?:docs|src|tests|benchmarks|claims)/[^`\s]*)`", README)}
    paths |= set(re.findall(r"\]\(((?:docs|src)/[^)]+)\)", README))
    # a path is the repository's, or the bundled resources' where the README lists what they hold
    missing = [p for p in sorted(paths) if not any(list(root.glob(p.replace("<id>", "*")))
                                                   for root in (ROOT, ROOT / "src" / "umbrella" / "resources"))]
    assert not missing, missing
