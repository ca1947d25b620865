"""The application layer: requests name their fields in problems (never a CLI flag), the CLI's one
table turns fields into flags, resources are loaded once, and nothing falls back silently."""
from __future__ import annotations

import ast
import json
import pathlib

import pytest

from tests.support import ROOT, umbrella
from umbrella.cli.common import FLAGS, flag, on_command_line
from umbrella.errors import REQUEST, InputError, Problem, UnknownName
from umbrella.lab import (CompareRequest, GameRequest, GameSolveRequest, Lab, RunRequest, SensitivityRequest, TimelineRequest,
                          build)


def problems(call) -> list[Problem]:
    with pytest.raises(InputError) as exc:
        call()
    return exc.value.problems


def test_a_bad_request_names_its_fields():
    found = problems(lambda: build(RunRequest, scenario="baseline", samples=0, seed=-1, method="halton"))
    assert {p.field for p in found} == {"samples", "seed", "method"}
    assert all(p.path == REQUEST and p.line == 0 for p in found)
    assert problems(lambda: build(RunRequest, scenario="baseline", samples="10"))[0].field == "samples"  # not coerced


@pytest.mark.parametrize("call, field", [
    (lambda lab: lab.run(RunRequest(scenario="atlantis")), "scenario"),
    (lambda lab: lab.compare(CompareRequest(a="baseline", b="atlantis")), "b"),
    (lambda lab: lab.compare(CompareRequest(a="baseline", b="baseline", variable="mood")), "variable"),
    (lambda lab: lab.compare(CompareRequest(a="baseline", b="baseline", year=1999)), "year"),
    (lambda lab: lab.game_solve(GameSolveRequest(game="deployment-bargaining", set={"bogus": 1.0})), "set.bogus"),
    (lambda lab: lab.game_solve(GameSolveRequest(game="chess")), "game"),
    (lambda lab: lab.sensitivity(SensitivityRequest(scenario="baseline", variable="threat", method="sobol",
                                                        prior=True, samples=100)), "samples"),
    (lambda lab: lab.timeline(TimelineRequest(start=2000, end=1990)), "start"),
])
def test_the_lab_names_request_fields(lab, call, field):
    (problem,) = problems(lambda: call(lab))
    assert problem.path == REQUEST and problem.field == field and "--" not in problem.message


def test_unknown_names_are_their_own_kind_of_error(lab):
    with pytest.raises(UnknownName):
        lab.game_solve(GameSolveRequest(game="chess"))


@pytest.mark.parametrize("field, spelled", [("samples", "--samples"), ("set.c_alt", "--set c_alt"),
                                            ("incl_cut", "--incl-cut"), ("start", "--from"), ("b", "B"),
                                            ("above/below", "--above/--below"), ("scenario", "SCENARIO"),
                                            ("not_a_field", "not_a_field")])
def test_one_table_turns_fields_into_flags(field, spelled):
    assert flag(field) == spelled
    assert str(on_command_line(Problem(REQUEST, 0, field, "m"))) == f"<command line>:0: {spelled}: m"


def test_problems_in_files_keep_their_place():
    inside = Problem("data/x.yaml", 7, "samples", "m")     # a field of a file that happens to share a name
    assert on_command_line(inside) == inside


def test_every_flag_of_the_table_is_an_option_of_some_command():
    """The table names real flags (arguments are upper case)."""
    rc, out, _ = umbrella("--help")
    help_texts = out
    for group in ("data", "theory", "qca", "game"):
        help_texts += umbrella(group, "--help")[1]
    for command in ("run", "compare", "calibrate", "sensitivity", "discover", "claims", "lab", "timeline",
                    "data check", "data summary", "data export", "theory test", "qca truth-table", "qca minimize",
                    "qca fit", "qca calibrate", "game solve", "game map", "game robustness", "results list"):
        help_texts += umbrella(*command.split(), "--help")[1]
    flags = {f for f in FLAGS.values() if f.startswith("--")}
    assert {f for f in flags if f not in help_texts} == set()


def _flag_fields(path: pathlib.Path) -> list[str]:
    """String arguments starting with `--` given as the field of a Problem / request_problem / InputError."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            args = list(node.args) + [k.value for k in node.keywords if k.arg == "field"]
            if name in ("Problem", "request_problem") and args:
                for arg in args[:3]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.startswith("--"):
                        found.append(f"{path.name}:{node.lineno}: {arg.value}")
                    if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant) \
                            and str(arg.values[0].value).startswith("--"):
                        found.append(f"{path.name}:{node.lineno}: f-string")
            if isinstance(node.func, ast.Name) and node.func.id in ("ensure_dir", "atomic_path", "atomic_write"):
                for k in node.keywords:
                    if k.arg == "field" and isinstance(k.value, ast.Constant) and str(k.value.value).startswith("--"):
                        found.append(f"{path.name}:{node.lineno}: {k.value.value}")
    return found


def test_the_flag_finder_finds_flags(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text('Problem("<x>", 0, "--samples", "m")\nrequest_problem(f"--set {name}", "m")\n'
                       'atomic_write(p, b"", field="--out")\nProblem("<x>", 0, "samples", "m")\n')
    assert len(_flag_fields(planted)) == 3


def test_no_layer_below_the_front_ends_names_a_cli_flag():
    src = ROOT / "src" / "umbrella"
    below = [p for p in src.rglob("*.py") if p.relative_to(src).parts[0] not in ("cli",)]
    assert [f for p in below for f in _flag_fields(p)] == []


def test_resources_are_loaded_once(monkeypatch):
    import umbrella.evidence
    calls = []
    real = umbrella.evidence.load
    monkeypatch.setattr(umbrella.evidence, "load", lambda *a, **k: calls.append(1) or real(*a, **k))
    fresh = Lab()
    fresh.check_data()
    fresh.theory_test()
    fresh.run(RunRequest(scenario="baseline", samples=4, seed=1))
    assert calls == [1]


def test_a_broken_posterior_is_an_error_never_the_prior(tmp_path):
    bad = tmp_path / "posterior.json"
    bad.write_text("{not json")
    (problem,) = problems(lambda: Lab(posterior=bad).run(RunRequest(scenario="baseline", samples=4, seed=1)))
    assert problem.path == str(bad)
    prior = Lab(posterior=bad).run(RunRequest(scenario="baseline", samples=4, seed=1, prior=True))
    assert prior.parameters_from == "prior"      # asking for the prior does not need the posterior


def test_bundled_resources_live_in_the_package():
    from umbrella import resources
    package = pathlib.Path(resources.__file__).parent
    for path in (resources.data_dir(), resources.scenarios_dir(), resources.posterior_file(), resources.ledger_file()):
        assert path.exists() and path.is_relative_to(package)


def test_results_are_documents(lab):
    """A result's JSON document is its `model_dump(mode="json")`: what `--format json` prints."""
    result = lab.game_solve(GameSolveRequest(game="deployment-bargaining", set={"alt": 0.0}))
    rc, out, err = umbrella("game", "solve", "deployment-bargaining", "--set", "alt=0", "--format", "json")
    assert rc == 0 and json.loads(out) == result.model_dump(mode="json")
    # keys the documents have always left out where they do not apply stay out
    rows = lab.game_params(GameRequest(game="deployment-bargaining")).model_dump(mode="json")
    assert [("values" in r) for r in rows] == [p.values is not None for p in lab.game("deployment-bargaining").parameters]
