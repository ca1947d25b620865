"""What the tests share: where things are, the one way to call the `umbrella` command (in this
process, through its real entry point `umbrella.cli.main`), and the error-line contract of
SYSTEM.md §3 (`PATH:LINE: FIELD: message`, exit 2, no traceback)."""
from __future__ import annotations

import contextlib
import io
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
QCA_DIR = SHARED / "data" / "qca"
SEED_004 = "004_a9c63d3a1281ba4d.txt"
LINE = re.compile(r"^\S.*:\d+: \S.*: .+$")


def umbrella(*args) -> tuple[int, str, str]:
    """`umbrella ARGS`: exit status, stdout and stderr."""
    from umbrella.cli import main
    out, err = io.StringIO(), io.StringIO()
    old = sys.argv
    sys.argv = ["umbrella", *map(str, args)]
    rc = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main()
    except SystemExit as exc:
        rc = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv = old
    return rc, out.getvalue(), err.getvalue()


def umbrella_process(*args, timeout: int = 300) -> tuple[int, str, str]:
    """`umbrella ARGS` as its own process, for what only a process shows (a hostile input meeting
    the real interpreter's limits, a writer killed mid-write); everything else runs `umbrella`."""
    import subprocess
    r = subprocess.run([sys.executable, "-m", "umbrella", *map(str, args)], capture_output=True, text=True,
                       cwd=ROOT, timeout=timeout)
    return r.returncode, r.stdout, r.stderr


def umbrella_json(*args):
    """`umbrella ARGS --format json`: its one JSON document."""
    rc, out, err = umbrella(*args, "--format", "json")
    assert rc == 0, f"umbrella {' '.join(map(str, args))} exited {rc}: {err[-400:]}"
    return json.loads(out)


def assert_input_error(rc: int, out: str, err: str, *, file: str | None = None, fields=(),
                       max_lines: int | None = None) -> list[str]:
    """Exit 2, every stderr line `PATH:LINE: FIELD: message`, naming `file`, mentioning each field."""
    text = out + err
    assert "Traceback" not in text
    assert rc == 2, f"exit {rc}, not 2: {text[-400:]}"
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines, "no error line on stderr"
    bad = [line for line in lines if not LINE.match(line)]
    assert not bad, f"lines not PATH:LINE: FIELD: message: {bad[:3]}"
    if file is not None:
        assert all(file in line for line in lines), f"a line does not name {file}: {lines[:3]}"
    for f in fields:
        assert any(f in line for line in lines), f"no line names {f!r}: {lines[:3]}"
    if max_lines is not None:
        assert len(lines) <= max_lines, f"{len(lines)} lines for one problem: {lines}"
    return lines
