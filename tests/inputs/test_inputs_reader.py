"""The hardened YAML reader (umbrella.yamlio.load_yaml): what it refuses, where it says so, and that
on ordinary files it reads exactly what PyYAML's safe_load reads (the independent reference)."""
from __future__ import annotations

import pathlib

import pytest
import yaml

from tests.inputs.hostile import alias_bomb, nested
from umbrella.resources import ledger_file
from umbrella import yamlio
from umbrella.errors import InputError
from umbrella.limits import MAX_DEPTH, MAX_FILE_BYTES, FiniteNumber, number_problem

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUNDLED = sorted([*ROOT.glob("data/**/*.yaml"), *ROOT.glob("scenarios/*.yaml"), ledger_file(),
                  *ROOT.glob("src/umbrella/**/*.yaml")])


def refused(tmp_path, text: str | bytes, name: str = "in.yaml") -> list:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(InputError) as info:
        yamlio.load_yaml(path)
    for p in info.value.problems:
        assert p.path == str(path) and p.line >= 1 and p.field and p.message
    return info.value.problems


def read(tmp_path, text: str):
    path = tmp_path / "in.yaml"
    path.write_text(text, encoding="utf-8")
    return yamlio.load_yaml(path)


@pytest.fixture(params=["libyaml", "pure-python"], autouse=True)
def parser(request, monkeypatch):
    """Every test runs on both parsers: libyaml's where PyYAML has it, PyYAML's own otherwise."""
    if request.param == "pure-python":
        monkeypatch.setattr(yamlio, "_Parser", yamlio._PurePythonParser)
    else:
        from yaml._yaml import CParser
        assert yamlio._Parser is CParser


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: str(p.relative_to(ROOT)))
def test_bundled_files_read_as_safe_load_reads_them(path):
    data, lines = yamlio.load_yaml(path)
    assert data == yaml.safe_load(path.read_text(encoding="utf-8"))
    assert lines[()] >= 1


def test_lines_point_at_keys_and_items(tmp_path):
    data, lines = read(tmp_path, "id: x\nitems:\n  - a\n  -\n    kind: b\n")
    assert data == {"id": "x", "items": ["a", {"kind": "b"}]}
    assert lines[("id",)] == 1 and lines[("items",)] == 2 and lines[("items", 0)] == 3
    assert lines[("items", 1, "kind")] == 5


def test_alias_bomb_is_refused_at_its_first_anchor(tmp_path):
    problems = refused(tmp_path, alias_bomb())
    assert len(problems) == 1
    assert problems[0].line == 1 and problems[0].field == "a0" and "anchor &a0" in problems[0].message


def test_alias_inside_a_real_field_is_refused_where_it_is(tmp_path):
    problems = refused(tmp_path, "id: spain-1988\nnotes: 'x'\nhost: *x\n")
    assert [(p.line, p.field) for p in problems] == [(3, "host")]
    assert "alias *x" in problems[0].message


def test_merge_keys_are_refused(tmp_path):
    problems = refused(tmp_path, "a: 1\nb:\n  <<: {c: 2}\n  d: 3\n")
    assert [(p.line, p.field) for p in problems] == [(3, "b")]
    assert "merge keys" in problems[0].message


def levels(node) -> int:
    """Levels of lists and mappings in a value (a scalar has none)."""
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else None
    return 0 if children is None else 1 + max(map(levels, children), default=0)


@pytest.mark.parametrize("kind", ["list", "mapping"])
def test_depth_limit_is_exact(tmp_path, kind):
    data, _ = read(tmp_path, "x: " + nested(MAX_DEPTH - 1, kind) + "\n")   # with the root mapping: MAX_DEPTH
    assert levels(data) == MAX_DEPTH
    problems = refused(tmp_path, "x: " + nested(MAX_DEPTH, kind) + "\n")
    assert len(problems) == 1 and f"deeper than {MAX_DEPTH}" in problems[0].message


@pytest.mark.parametrize("kind", ["list", "mapping"])
def test_very_deep_nesting_is_refused_not_a_recursion_error(tmp_path, kind):
    problems = refused(tmp_path, "x: " + nested(100_000, kind) + "\n")
    assert len(problems) == 1 and problems[0].line == 1


def test_oversize_file_is_refused_by_its_size_before_parsing(tmp_path, monkeypatch):
    def no_parsing(*_):
        raise AssertionError("an oversize file must not be parsed")
    monkeypatch.setattr(yamlio, "_Parser", no_parsing)
    problems = refused(tmp_path, b"x: 1\n" + b"#" * (10 * 2 ** 20))
    assert len(problems) == 1 and problems[0].line == 1
    assert f"{10 * 2 ** 20 + 5:,} bytes" in problems[0].message and f"{MAX_FILE_BYTES:,}" in problems[0].message


def test_a_file_of_exactly_the_limit_is_read(tmp_path):
    head = "x: 1\n"
    data, _ = read(tmp_path, head + "#" * (MAX_FILE_BYTES - len(head) - 1) + "\n")
    assert (tmp_path / "in.yaml").stat().st_size == MAX_FILE_BYTES and data == {"x": 1}


def test_binary_garbage_is_refused_at_the_line_of_its_first_bad_byte(tmp_path):
    problems = refused(tmp_path, b"a: 1\nb: 2\n" + bytes(range(128, 256)) * 4)
    assert [(p.line, p.field) for p in problems] == [(3, "-")] and "not UTF-8" in problems[0].message
    problems = refused(tmp_path, b"a: 1\nb: \x00\x01\n")
    assert [p.line for p in problems] == [2] and "U+0000" in problems[0].message


@pytest.mark.parametrize("literal", [".nan", ".NaN", ".inf", "-.Inf", "1.0e+999", "-2.5e+400",
                                     str(2 ** 64), str(-2 ** 64), str(2 ** 53 + 1), "1.8446744073709552e+19",
                                     "9" * 5000, "0x" + "f" * 300])
def test_non_finite_and_absurd_numbers_are_refused_where_they_are(tmp_path, literal):
    problems = refused(tmp_path, f"check:\n  vary:\n    extended: [0, {literal}]\n")
    assert [(p.line, p.field) for p in problems] == [(3, "check.vary.extended[1]")]


@pytest.mark.parametrize("literal, value", [(str(2 ** 53), 2 ** 53), (str(-2 ** 53), -2 ** 53), ("1e999", "1e999"),
                                            ("0.5", 0.5), ("1_000", 1000)])
def test_numbers_within_the_limit_are_read(tmp_path, literal, value):
    # `1e999` has no dot: YAML 1.1 reads it as text, as safe_load does
    assert read(tmp_path, f"x: {literal}\n")[0] == {"x": value} == yaml.safe_load(f"x: {literal}\n")


def test_every_bad_number_of_a_file_is_reported_at_once(tmp_path):
    problems = refused(tmp_path, "a: .nan\nb: [1, .inf]\nc: {d: 1.0e+999}\n")
    assert [(p.line, p.field) for p in problems] == [(1, "a"), (2, "b[1]"), (3, "c.d")]


@pytest.mark.parametrize("text, line, says", [
    ("a: 1\nb: !!python/object/apply:os.system ['echo pwned > pwned.txt']\n", 2, "tag tag:yaml.org,2002:python"),
    ("a: !!python/name:os.system\n", 1, "is not accepted"),
    ("a: !custom 1\n", 1, "tag !custom"),
    ("a: !!set {x: null}\n", 1, "tag tag:yaml.org,2002:set"),
    ("a: 1\nb: 2023-13-45\n", 2, "cannot read '2023-13-45' as timestamp"),
    ("a: !!float abc\n", 1, "as float"),
    ("a: !!int abc\n", 1, "as int"),
    ("a: !!binary AAA\n", 1, "as binary"),
    ("a: 1\n---\nb: 2\n", 2, "second YAML document"),
    ("? [a, b]\n: 1\n", 1, "key must be a scalar"),
    ("a: 1\na: 2\n", 2, "duplicate key"),
    ("a: [1, 2\n", 2, "malformed YAML"),
])
def test_foreign_tags_and_unreadable_values_are_refused(tmp_path, monkeypatch, text, line, says):
    monkeypatch.chdir(tmp_path)
    problems = refused(tmp_path, text)
    assert len(problems) == 1 and problems[0].line == line and says in problems[0].message
    assert not (tmp_path / "pwned.txt").exists()


def test_number_problem_and_the_pydantic_type_agree():
    from pydantic import TypeAdapter, ValidationError
    adapter = TypeAdapter(FiniteNumber)
    for good in (0, -3, 0.25, 2 ** 53, -2.0 ** 53):
        assert number_problem(good) is None and adapter.validate_python(good) == good
    for bad in (float("nan"), float("inf"), -float("inf"), 2 ** 53 + 1, 2 ** 64, 10 ** 5000, 1e300, True, "1", None):
        assert number_problem(bad)
        with pytest.raises(ValidationError):
            adapter.validate_python(bad)
