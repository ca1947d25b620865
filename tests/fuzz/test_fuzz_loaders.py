"""Property: whatever a bundled YAML file is mutated into, every loader either loads it (exit 0) or
refuses it with `PATH:LINE: FIELD: message` lines (exit 2, the CLI's answer to InputError), within a
time bound, and never fails otherwise (exit 1, `internal error`).

The loaders are called in-process, as the commands call them (`data check`, `theory list
--theories`, `run FILE`, `claims --ledger`); the CLI maps InputError to exit 2 and anything else to
exit 1, so "exit 0 or 2" is "returns or raises InputError". The subprocess cases of
tests/inputs/test_inputs_crashers.py check that mapping end to end.

`make test` runs a small derandomized sample (the same examples every run); `make fuzz` sets
UMBRELLA_FUZZ=long for a long random run.
"""
from __future__ import annotations

import contextlib
import os
import pathlib
import shutil
import signal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.mutations import Mutation, mutations
from tests.support import LINE, ROOT
from umbrella.errors import InputError
from umbrella.resources import data_dir, ledger_file, scenarios_dir

LONG = os.environ.get("UMBRELLA_FUZZ") == "long"
#: a hang detector, not a speed test: refusals take milliseconds, the slowest valid load (a ledger
#: slice) well under a second; only a runaway loader (an alias bomb) comes near this
HANG_SECONDS = 30

FUZZ = settings(max_examples=1500 if LONG else 25, derandomize=not LONG, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))


class Hang(Exception):
    pass


@contextlib.contextmanager
def hang_guard(seconds: float = HANG_SECONDS):
    def alarm(*_):
        raise Hang(f"a loader ran for over {seconds} s")
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def exit_status(load) -> tuple[int, list[str]]:
    """What the CLI would exit with: 0 when `load()` returns, 2 (and its lines) on InputError;
    any other exception propagates and fails the test, as it would be exit 1."""
    try:
        with hang_guard():
            load()
    except InputError as exc:
        return 2, [str(p) for p in exc.problems]
    return 0, []


def check(load, mutation: Mutation, target: pathlib.Path) -> None:
    original = target.read_bytes()
    target.write_bytes(mutation.content)
    try:
        status, lines = exit_status(load)
    finally:
        target.write_bytes(original)
    assert status in (0, 2)
    if status == 2:
        assert lines and all("\n" not in line and LINE.match(line) for line in lines), lines
    if mutation.refused:
        assert status == 2, f"{mutation.label}: should have been refused"
        assert any(target.name in line for line in lines), lines
    assert not pathlib.Path("pwned.txt").exists()


def files(folder: pathlib.Path, pattern: str = "*.yaml") -> list[pathlib.Path]:
    return sorted(folder.glob(pattern))


@st.composite
def file_and_mutation(draw, paths: list[pathlib.Path]):
    path = draw(st.sampled_from(paths))
    return path, draw(mutations(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory):
    return pathlib.Path(shutil.copytree(data_dir(), tmp_path_factory.mktemp("fuzz") / "data"))


@pytest.fixture(autouse=True)
def in_tmp(tmp_path_factory, monkeypatch):
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))   # where a `!!python` payload would write


EVIDENCE = files(data_dir()) + files(data_dir() / "disputes")


@FUZZ
@given(case=file_and_mutation(EVIDENCE))
def test_evidence_loader(data_copy, case):
    from umbrella.evidence import load
    path, mutation = case
    check(lambda: load(base=data_copy), mutation, data_copy / path.relative_to(data_dir()))


@FUZZ
@given(case=file_and_mutation(files(ROOT / "src" / "umbrella" / "theory" / "theories")))
def test_theory_loader(tmp_path_factory, case):
    from umbrella.evidence import load
    from umbrella.theory import load_theories
    folder = tmp_path_factory.mktemp("theories")
    path, mutation = case
    target = folder / path.name
    target.write_bytes(path.read_bytes())
    bib = load().bib
    check(lambda: load_theories(extra_dirs=[folder], bib=bib, include_builtin=False), mutation, target)


@FUZZ
@given(case=file_and_mutation(files(scenarios_dir())))
def test_scenario_loader(tmp_path_factory, case):
    from umbrella.dynamics.scenario import load_scenario
    path, mutation = case
    target = tmp_path_factory.mktemp("scenarios") / path.name
    target.write_bytes(path.read_bytes())
    check(lambda: load_scenario(target), mutation, target)


def ledger_slices(size: int = 12) -> list[str]:
    """The bundled ledger in slices of `size` entries (a whole ledger per example would be slow)."""
    text = (ledger_file()).read_text(encoding="utf-8")
    starts = [i for i, line in enumerate(text.splitlines(keepends=True)) if line.startswith("- id:")]
    lines = text.splitlines(keepends=True)
    bounds = starts[::size] + [len(lines)]
    return ["".join(lines[a:b]) for a, b in zip(bounds, bounds[1:])]


@pytest.fixture(scope="module")
def refs():
    from umbrella.claims.models import Models
    from umbrella.lab import Lab
    lab = Lab()
    return Models(2, 1, evidence=lab.evidence, theories=lab.theories, scenarios=lab.scenarios).refs()


@FUZZ
@given(data=st.data())
def test_ledger_loader(tmp_path_factory, refs, data):
    from umbrella.claims.ledger import load_ledger
    text = data.draw(st.sampled_from(ledger_slices()))
    mutation = data.draw(mutations(text))
    target = tmp_path_factory.mktemp("ledger") / "ledger.yaml"
    target.write_text(text, encoding="utf-8")
    check(lambda: load_ledger(target, refs), mutation, target)
