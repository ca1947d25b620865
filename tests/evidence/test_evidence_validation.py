"""Every validation rule of the evidence base, each with a bad input that must be reported as
one line `PATH:LINE: FIELD: message` (and nothing else going wrong)."""
from __future__ import annotations

import pathlib
import re
import textwrap

import pytest

from umbrella.errors import InputError
from umbrella.evidence import load
from tests.support import SEEDS

LINE = re.compile(r"^\S.*:\d+: \S.*: .+$")

ACTORS = """\
- id: USA
  name: {en: United States, zh: 美国}
  kind: state
  sources: [{bib: ref-a}]
- id: ESP
  name: {en: Spain, zh: 西班牙}
  kind: state
  sources: [{bib: ref-a}]
- id: test-org
  name: {en: Test organisation, zh: 测试组织}
  kind: organisation
  sources: [{bib: ref-a}]
"""
ALLIANCES = """\
- id: test-alliance
  name: {en: Test alliance, zh: 测试同盟}
  patron: USA
  members: [USA, ESP]
  structure: bilateral
  founded: 1953
  sources: [{bib: ref-a, pages: 3}]
"""
BIB = "@book{ref-a,\n  author = {Someone},\n  title = {A book},\n  year = {2000}\n}\n"
DISPUTE = """\
id: test-case
title: {en: Test case, zh: 测试案例}
patron: USA
host: ESP
period: {start: 1976, end: 1988}
alliance: test-alliance
structure: bilateral
us_preferred_intensity: fixed
host_position: non_fixed
final_intensity: non_fixed
alternatives:
  - {kind: geographic, detail: another base, available: true, sources: [{bib: ref-a}]}
us_actions:
  - {kind: concede, year: 1988, detail: moved, sources: [{bib: ref-a}]}
observed_strategy: concede
confidence: high
conditions: {ally_resolve: true, us_fiscal_strain: {value: false, sources: [{bib: ref-a}]}}
sources: [{bib: ref-a}]
"""


def make_dir(root: pathlib.Path, files: dict[str, str]) -> pathlib.Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def good(tmp_path):
    return make_dir(tmp_path / "good", {"actors.yaml": ACTORS, "alliances.yaml": ALLIANCES, "sources.bib": BIB,
                                        "disputes/test-case.yaml": DISPUTE})


def problems_of(*dirs) -> list[str]:
    with pytest.raises(InputError) as info:
        load(extra_dirs=dirs, include_base=False)
    lines = [str(p) for p in info.value.problems]
    assert all(LINE.match(line) for line in lines), lines
    return lines


def test_good_directory_loads_with_derived_fields(good):
    ev = load(extra_dirs=[good], include_base=False)
    case = ev.disputes["test-case"]
    assert (case.alt, case.conceded, case.derived_strategy) == (True, True, "concede")
    assert case.conditions["ally_resolve"].value is True
    assert case.conditions["us_fiscal_strain"].value is False
    assert ev.origin("test-case")[1] == 1
    assert ev.origin("ESP")[1] == 5


def bad_case(good, text_change) -> list[str]:
    path = good / "disputes" / "test-case.yaml"
    path.write_text(text_change(DISPUTE), encoding="utf-8")
    return problems_of(good)


def test_bad_enum_names_field_and_line(good):
    lines = bad_case(good, lambda t: t.replace("final_intensity: non_fixed", "final_intensity: sometimes"))
    assert len(lines) == 1
    assert lines[0].startswith(f"{good}/disputes/test-case.yaml:10: final_intensity: ") or \
        ":10: final_intensity: " in lines[0]
    assert "sometimes" in lines[0]


def test_unknown_field(good):
    lines = bad_case(good, lambda t: t + "colour: blue\n")
    assert len(lines) == 1 and ":19: colour: unknown field" in lines[0]


def test_wrong_type(good):
    lines = bad_case(good, lambda t: t.replace("start: 1976", "start: soon"))
    assert len(lines) == 1 and ":5: period.start: " in lines[0]


def test_missing_required_field(good):
    lines = bad_case(good, lambda t: t.replace("confidence: high\n", ""))
    assert len(lines) == 1 and "confidence: required field missing" in lines[0]


def test_period_order(good):
    lines = bad_case(good, lambda t: t.replace("end: 1988", "end: 1970"))
    assert len(lines) == 1 and ":5: period: start (1976) is after end (1970)" in lines[0]


def test_declared_strategy_contradicting_derived(good):
    lines = bad_case(good, lambda t: t.replace("observed_strategy: concede", "observed_strategy: pressure"))
    assert len(lines) == 1 and ":15: observed_strategy: " in lines[0] and "'concede'" in lines[0]


def test_declared_strategy_on_open_case(good):
    lines = bad_case(good, lambda t: t.replace("final_intensity: non_fixed\n", ""))
    assert len(lines) == 1 and "observed_strategy" in lines[0] and "open case" in lines[0]


def test_dangling_references_all_reported_in_one_run(good):
    lines = bad_case(good, lambda t: t.replace("host: ESP", "host: QQA").replace(
        "alliance: test-alliance", "alliance: no-alliance").replace("[{bib: ref-a}]\n", "[{bib: nope}]\n", 1)
        .replace("final_intensity: non_fixed", "final_intensity: sometimes"))
    text = "\n".join(lines)
    assert ":4: host: unknown actor 'QQA'" in text
    assert ":6: alliance: unknown alliance 'no-alliance'" in text
    assert "bib key 'nope'" in text
    assert ":10: final_intensity:" in text
    assert len(lines) == 4


def test_user_assigned_iso_code_is_not_a_country(good):
    lines = bad_case(good, lambda t: t.replace("host: ESP", "host: XKX"))
    assert len(lines) == 1 and "unknown actor 'XKX'" in lines[0]


def test_any_official_iso_code_is_accepted(good):
    (good / "disputes" / "test-case.yaml").write_text(DISPUTE.replace("host: ESP", "host: ISL"), encoding="utf-8")
    assert load(extra_dirs=[good], include_base=False).disputes["test-case"].host == "ISL"


def test_organisation_ids_are_actors(good):
    (good / "disputes" / "test-case.yaml").write_text(DISPUTE.replace("host: ESP", "host: test-org"), encoding="utf-8")
    assert load(extra_dirs=[good], include_base=False).disputes["test-case"].host == "test-org"


def test_malformed_yaml(good):
    (good / "alliances.yaml").write_text("- id: a\n  name: [unclosed\n", encoding="utf-8")
    lines = problems_of(good)
    assert any("alliances.yaml:" in line and "malformed YAML" in line for line in lines)


def test_duplicate_yaml_key(good):
    lines = bad_case(good, lambda t: t + "host: ESP\n")
    assert any(":19: host: duplicate key" in line for line in lines)


def test_duplicate_id_across_directories(good, tmp_path):
    other = make_dir(tmp_path / "other", {"disputes/test-case.yaml": DISPUTE})
    lines = problems_of(good, other)
    assert len(lines) == 1 and "duplicate id 'test-case'" in lines[0] and str(other) in lines[0]


def test_duplicate_id_across_kinds(good):
    (good / "events.yaml").write_text(textwrap.dedent("""\
        - id: test-case
          date: "1988-12-01"
          type: agreement
          actors: [USA, ESP]
          title: {en: e, zh: 事}
          sources: [{bib: ref-a}]
        """), encoding="utf-8")
    assert any("duplicate id 'test-case'" in line for line in problems_of(good))


def test_bad_date_and_event_type(good):
    (good / "events.yaml").write_text(textwrap.dedent("""\
        - id: e-one
          date: "1988-13-01"
          type: party
          title: {en: e, zh: 事}
          sources: [{bib: ref-a}]
        """), encoding="utf-8")
    text = "\n".join(problems_of(good))
    assert ":2: date: " in text and ":3: type: " in text


def test_duplicate_bib_key(good, tmp_path):
    other = make_dir(tmp_path / "other", {"sources.bib": BIB})
    lines = problems_of(good, other)
    assert len(lines) == 1 and "duplicate bib key 'ref-a'" in lines[0]


def test_source_must_be_seed_or_bib(good):
    lines = bad_case(good, lambda t: t.replace("sources: [{bib: ref-a}]\n", "sources: [{url: x}]\n"))
    assert len(lines) == 1 and "sources[0]" in lines[0]


def test_empty_sources_rejected(good):
    lines = bad_case(good, lambda t: t.replace("sources: [{bib: ref-a}]\n", "sources: []\n"))
    assert len(lines) == 1 and ":18: sources: " in lines[0]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds absent (present in CI)")
def test_quote_must_occur_in_seed(good):
    lines = bad_case(good, lambda t: t.replace(
        "sources: [{bib: ref-a}]\n", "sources: [{seed: 004_a9c63d3a1281ba4d.txt, quote: '这句话不在种子里'}]\n"))
    assert len(lines) == 1 and "quote not found verbatim" in lines[0]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds absent (present in CI)")
def test_quote_matches_across_line_breaks(good):
    text = (SEEDS / "004_a9c63d3a1281ba4d.txt").read_text(encoding="utf-8")
    stretch = text[text.index("境外部署核武器"):][:40]
    quote = " ".join(stretch.split())
    (good / "disputes" / "test-case.yaml").write_text(
        DISPUTE.replace("sources: [{bib: ref-a}]\n", f"sources: [{{seed: 004_a9c63d3a1281ba4d.txt, quote: '{quote}'}}]\n"),
        encoding="utf-8")
    assert load(extra_dirs=[good], include_base=False).quotes_checked


def test_files_outside_the_layout_are_ignored_with_a_warning(good):
    (good / "README.md").write_text("notes", encoding="utf-8")
    (good / "expected.json").write_text("{}", encoding="utf-8")
    ev = load(extra_dirs=[good], include_base=False)
    assert sum("ignored" in w for w in ev.warnings) == 2


def test_unbalanced_bib_entry(good):
    (good / "sources.bib").write_text(BIB + "@book{broken,\n  title = {X\n", encoding="utf-8")
    lines = problems_of(good)
    assert len(lines) == 1 and "sources.bib:6: bib: entry 'broken': unbalanced braces" in lines[0]


def test_comments_after_an_entry_are_not_part_of_it(good):
    (good / "sources.bib").write_text(BIB + "\n% a comment between entries\n@misc{ref-b, title = {Y}}\n",
                                      encoding="utf-8")
    assert set(load(extra_dirs=[good], include_base=False).bib) == {"ref-a", "ref-b"}


@pytest.mark.parametrize("name", ["alt", "multilateral", "conceded", "observed_strategy"])
def test_derived_fields_cannot_be_typed_as_conditions(good, name):
    lines = bad_case(good, lambda t: t.replace("conditions: {", f"conditions: {{{name}: false, "))
    assert len(lines) == 1 and ":17: conditions: " in lines[0] and name in lines[0]
