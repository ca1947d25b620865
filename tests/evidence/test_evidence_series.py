"""Observed series (data/series.yaml): points with their own sources, poll points that name survey
records, counts derived from events, and one `PATH:LINE: FIELD: message` line per bad input."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from umbrella.evidence import load
from umbrella.evidence.export import export
from umbrella.evidence.records import as_dict
from tests.support import umbrella
from tests.evidence.test_evidence_validation import ACTORS, BIB, make_dir, problems_of

SURVEYS = """\
- id: poll-a
  country: KOR
  year: 2013
  month: 2
  pollster: Pollster A
  item: own_nukes
  question: {en: "Should we have nuclear weapons?"}
  wording_confidence: high
  value: 64
  n: 1006
  sources: [{bib: ref-a, pages: 2}]
- id: poll-b
  country: KOR
  year: 2016
  pollster: Pollster A
  item: own_nukes
  question: {en: "Should we have nuclear weapons?"}
  wording_confidence: high
  value: 54
  sources: [{bib: ref-a}]
- id: poll-tnw
  country: KOR
  year: 2016
  pollster: Pollster A
  item: redeploy_tactical
  question: {en: "Bring back US tactical weapons?"}
  wording_confidence: high
  value: 48
  sources: [{bib: ref-a}]
- id: poll-choice
  country: KOR
  year: 2017
  pollster: Pollster A
  item: own_nukes
  question_format: single_choice
  question: {en: "Best response (one choice): own weapons"}
  wording_confidence: high
  value: 29
  sources: [{bib: ref-a}]
"""
EVENTS = """\
- id: test-2006
  date: "2006-10-09"
  type: nuclear_test
  actors: [PRK]
  title: {en: First test, zh: 第一次}
  sources: [{bib: ref-a}]
- id: test-2009
  date: "2009-05-25"
  type: nuclear_test
  actors: [PRK]
  title: {en: Second test, zh: 第二次}
  sources: [{bib: ref-a}]
- id: test-2009-b
  date: "2009-11"
  type: nuclear_test
  actors: [PRK]
  title: {en: Another test, zh: 又一次}
  sources: [{bib: ref-a}]
- id: missile-2007
  date: "2007"
  type: missile_test
  actors: [PRK]
  title: {en: A missile, zh: 导弹}
  sources: [{bib: ref-a}]
"""
SERIES = """\
- id: warheads
  title: {en: Warheads, zh: 弹头}
  subject: PRK
  unit: warheads
  measure: warheads as of January
  producer: Institute X
  timing: start_of_year
  informs: [prk_arsenal]
  sources: [{bib: ref-a}]
  points:
    - {year: 2017, low: 10, high: 20, sources: [{bib: ref-a, pages: "table 3"}]}
    - {year: 2018, value: 15, low: 10, high: 20, sources: [{bib: ref-a}]}
    - {year: 2024, high: 90, confidence: medium, sources: [{bib: ref-a}], notes: up to 90}
- id: polls
  title: {en: Polls, zh: 民调}
  subject: KOR
  unit: percent
  measure: support
  producer: Pollster A
  timing: fieldwork
  item: own_nukes
  sources: [{bib: ref-a}]
  points:
    - {survey: poll-a}
    - {survey: poll-b}
- id: tests
  title: {en: Tests, zh: 核试验}
  subject: PRK
  unit: nuclear_tests
  measure: tests per year
  producer: the events
  timing: calendar_year
  derive: {type: nuclear_test, actor: PRK, start: 2006, end: 2010}
  sources: [{bib: ref-a}]
"""


@pytest.fixture
def good(tmp_path):
    return make_dir(tmp_path / "good", {"actors.yaml": ACTORS, "sources.bib": BIB, "surveys.yaml": SURVEYS,
                                        "events.yaml": EVENTS, "series.yaml": SERIES})


def bad(good, old: str, new: str) -> list[str]:
    path = good / "series.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return problems_of(good)


def test_points_keep_their_published_ranges_and_sources(good):
    ev = load(extra_dirs=[good], include_base=False)
    pts = ev.series["warheads"].points
    assert [(p.year, p.value, p.low, p.high) for p in pts] == [(2017, None, 10, 20), (2018, 15, 10, 20),
                                                                 (2024, None, None, 90)]
    assert pts[0].sources[0].bib == "ref-a" and pts[0].sources[0].pages == "table 3"
    assert pts[2].confidence == "medium"


def test_poll_points_take_year_value_and_sources_from_the_survey(good):
    ev = load(extra_dirs=[good], include_base=False)
    pts = ev.series["polls"].points
    assert [(p.survey, p.year, p.month, p.value, p.n) for p in pts] == [("poll-a", 2013, 2, 64, 1006),
                                                                        ("poll-b", 2016, None, 54, None)]
    assert pts[0].sources[0].pages == "2"


def test_derived_counts_every_year_including_zeros(good):
    ev = load(extra_dirs=[good], include_base=False)
    pts = ev.series["tests"].points
    # by hand: 2006 one test, 2009 two, the missile test of 2007 is not a nuclear test
    assert [(p.year, p.value) for p in pts] == [(2006, 1), (2007, 0), (2008, 0), (2009, 2), (2010, 0)]
    assert pts[3].events == ["test-2009", "test-2009-b"]


def test_json_document_carries_coverage(good):
    ev = load(extra_dirs=[good], include_base=False)
    doc = as_dict("series", ev.series["tests"])
    assert (doc["first_year"], doc["last_year"], doc["n_points"]) == (2006, 2010, 5)


def test_export_is_long_format_one_row_per_point(good, tmp_path):
    ev = load(extra_dirs=[good], include_base=False)
    export(ev, "csv", tmp_path / "out")
    frame = pd.read_csv(tmp_path / "out" / "series.csv")
    assert len(frame) == 3 + 2 + 5
    row = frame[(frame.series == "warheads") & (frame.year == 2024)].iloc[0]
    assert row.high == 90 and pd.isna(row.low) and pd.isna(row.value) and row.sources == "bib:ref-a"
    assert frame[frame.series == "polls"].survey.tolist() == ["poll-a", "poll-b"]
    export(ev, "dta", tmp_path / "out")
    assert len(pd.read_stata(tmp_path / "out" / "series.dta")) == 10


def test_low_above_high(good):
    lines = bad(good, "{year: 2017, low: 10, high: 20", "{year: 2017, low: 30, high: 20")
    assert len(lines) == 1 and ":11: points[0]: low (30) is above high (20)" in lines[0]


def test_value_outside_its_range(good):
    lines = bad(good, "value: 15, low: 10", "value: 25, low: 10")
    assert len(lines) == 1 and ":12: points[1]: value (25) lies outside its published range" in lines[0]


def test_point_without_a_number(good):
    lines = bad(good, "{year: 2024, high: 90,", "{year: 2024,")
    assert len(lines) == 1 and ":13: points[2]: a point needs `value`, or the published range" in lines[0]


def test_point_without_its_own_source(good):
    lines = bad(good, "{year: 2018, value: 15, low: 10, high: 20, sources: [{bib: ref-a}]}",
                "{year: 2018, value: 15, low: 10, high: 20}")
    assert len(lines) == 1 and ":12: points[1]: a point needs its own `sources`" in lines[0]


def test_unknown_bib_key_of_a_point(good):
    lines = bad(good, "sources: [{bib: ref-a, pages: \"table 3\"}]", "sources: [{bib: nowhere, pages: \"table 3\"}]")
    assert len(lines) == 1 and ":11: points[0].sources[0].bib: bib key 'nowhere' not in any sources.bib" in lines[0]


def test_unknown_field_of_a_point(good):
    lines = bad(good, "{year: 2017, low: 10,", "{year: 2017, colour: red, low: 10,")
    assert len(lines) == 1 and ":11: points[0].colour: unknown field" in lines[0]


def test_poll_point_must_not_repeat_the_survey(good):
    lines = bad(good, "- {survey: poll-a}", "- {survey: poll-a, value: 65}")
    assert len(lines) == 1 and "points[0]: value taken from survey record 'poll-a'; do not repeat" in lines[0]


def test_unknown_survey(good):
    lines = bad(good, "- {survey: poll-b}", "- {survey: poll-z}")
    assert len(lines) == 1 and ":25: points[1].survey: unknown survey record 'poll-z'" in lines[0]


def test_a_record_of_another_kind_is_not_a_survey(good):
    lines = bad(good, "- {survey: poll-b}", "- {survey: test-2006}")
    assert len(lines) == 1 and "unknown survey record 'test-2006'" in lines[0]


def test_one_item_per_series(good):
    lines = bad(good, "- {survey: poll-b}", "- {survey: poll-tnw}")
    assert len(lines) == 1
    assert ":25: points[1].survey: survey 'poll-tnw' has item 'redeploy_tactical', the series item 'own_nukes'" in lines[0]


def test_one_question_format_per_series(good):
    lines = bad(good, "- {survey: poll-b}", "- {survey: poll-choice}")
    assert len(lines) == 1 and "has question_format 'single_choice', the series question_format None" in lines[0]


def test_one_country_per_series(good):
    lines = bad(good, "  subject: KOR\n  unit: percent", "  subject: JPN\n  unit: percent")
    assert len(lines) == 2 and all("has country 'KOR', the series subject 'JPN'" in x for x in lines)


def test_points_in_time_order_without_repeats(good):
    lines = bad(good, "{year: 2018, value: 15", "{year: 2017, value: 15")
    assert len(lines) == 1 and ":12: points[1].year: points must be in time order without repeats: 2017 follows 2017" in lines[0]


def test_poll_points_in_time_order(good):
    lines = bad(good, "    - {survey: poll-a}\n    - {survey: poll-b}", "    - {survey: poll-b}\n    - {survey: poll-a}")
    assert len(lines) == 1 and "2013-02 follows 2016" in lines[0]


def test_percent_above_100(good):
    path = good / "series.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  unit: warheads", "  unit: percent", 1), encoding="utf-8")
    load(extra_dirs=[good], include_base=False)  # 10-90 are valid percentages
    lines = bad(good, "{year: 2024, high: 90,", "{year: 2024, high: 190,")
    assert len(lines) == 1 and ":13: points[2].high: 190 is not a percentage (unit: percent)" in lines[0]


def test_warheads_may_exceed_100(good):
    path = good / "series.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("high: 90,", "high: 190,", 1), encoding="utf-8")
    assert load(extra_dirs=[good], include_base=False).series["warheads"].points[2].high == 190


def test_points_or_derivation_not_both(good):
    lines = bad(good, "  derive: {type: nuclear_test", "  points: [{year: 2006, value: 1, sources: [{bib: ref-a}]}]\n"
                                                       "  derive: {type: nuclear_test")
    assert len(lines) == 1 and "give either `points` or `derive`" in lines[0]


def test_neither_points_nor_derivation(good):
    lines = bad(good, "  derive: {type: nuclear_test, actor: PRK, start: 2006, end: 2010}\n", "")
    assert len(lines) == 1 and "give either `points` or `derive`" in lines[0]


def test_derivation_that_counts_nothing(good):
    lines = bad(good, "derive: {type: nuclear_test, actor: PRK", "derive: {type: nuclear_test, actor: IRN")
    assert len(lines) == 1 and "derive: no event of type 'nuclear_test' involving 'IRN'" in lines[0]


def test_derivation_years_in_order(good):
    lines = bad(good, "start: 2006, end: 2010", "start: 2010, end: 2006")
    assert len(lines) == 1 and "derive: start (2010) is after end (2006)" in lines[0]


def test_events_are_never_typed(good):
    lines = bad(good, "{year: 2017, low: 10,", "{year: 2017, events: [test-2006], low: 10,")
    assert len(lines) == 1 and "points[0]: `events` are counted by the loader" in lines[0]


def test_unknown_subject_actor(good):
    lines = bad(good, "  subject: PRK\n  unit: warheads", "  subject: XXA\n  unit: warheads")
    assert len(lines) == 1 and "subject: unknown actor 'XXA'" in lines[0]


def test_bad_unit_enum(good):
    lines = bad(good, "  unit: warheads", "  unit: bombs")
    assert len(lines) == 1 and "unit: " in lines[0] and "bombs" in lines[0]


def test_series_merge_from_data_dirs_with_the_cli(tmp_path):
    warheads = SERIES.split("- id: polls")[0]
    extra = make_dir(tmp_path / "extra", {"series.yaml": warheads, "sources.bib": BIB})
    code, out, err = umbrella("data", "list", "series", "--data", extra, "--format", "json")
    assert code == 0, err
    ids = {r["id"] for r in json.loads(out)}
    assert {"warheads", "prk-warheads-sipri-fissile", "prk-nuclear-tests"} <= ids
    twin = make_dir(tmp_path / "twin", {"series.yaml": warheads})
    code, out, err = umbrella("data", "check", "--data", extra, "--data", twin)
    assert code == 2 and "series.yaml:1: id: duplicate id 'warheads'" in err


def test_bundled_nuclear_test_count_matches_seed_000():
    # seed 000 (2023): "朝鲜经过六次核试验" - six tests; the derived series must count exactly six
    ev = load()
    pts = ev.series["prk-nuclear-tests"].points
    assert sum(p.value for p in pts) == 6
    assert {p.year for p in pts if p.value} == {2006, 2009, 2013, 2016, 2017}


def test_bundled_points_each_carry_a_bib_source():
    ev = load()
    for s in ev.series.values():
        for p in s.points:
            if s.derive is None:
                assert any(getattr(x, "bib", None) in ev.bib for x in p.sources), (s.id, p.year)
            else:
                assert all(e in ev.events for e in p.events)
