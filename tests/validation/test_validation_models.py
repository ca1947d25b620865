"""One way to validate input files: pydantic models (scenarios, claim checks, ledger entries) whose
problems are `PATH:LINE: FIELD: message` lines through the YAML line map, every problem at once."""
from __future__ import annotations

import pytest

from umbrella.claims import EVALUATORS, Context, evaluate
from umbrella.claims.language import KIND_MODELS, CheckModel, Refs
from umbrella.dynamics import vocabulary
from umbrella.dynamics.scenario import read_scenario
from umbrella.errors import InputError

SCENARIO = """id: probe
title: {en: Probe, zh: 探针}
start: 2024
end: 2030
levers:
  - {lever: consultation, ally: KOR, value: ncg}
  - {lever: nuclear_salience, value: 0.7, from: 2026, to: 2028}
shocks:
  - {shock: second_theater_war, from: 2027, to: 2028}
"""


def lines_of(tmp_path, text) -> list[str]:
    path = tmp_path / "probe.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_scenario(path, "probe.yaml")
    return [str(p) for p in exc.value.problems]


def test_every_entry_problem_of_a_scenario_in_one_run(tmp_path):
    text = (SCENARIO.replace("value: ncg", "value: ncgg").replace("value: 0.7", "value: 3")
            .replace("shock: second_theater_war", "shock: third_theater_war")
            + "parameters: {nonsense: 1}\nensemble: {samples: 0}\n")
    assert lines_of(tmp_path, text) == [
        "probe.yaml:6: levers[0].value: 'ncgg' is not one of none, dialogue, ncg, nuclear_sharing (did you mean ncg?)",
        "probe.yaml:7: levers[1].value: 3 is outside [0, 1]",
        "probe.yaml:9: shocks[0].shock: unknown shock 'third_theater_war' (did you mean second_theater_war?); known: "
        + ", ".join(vocabulary.SHOCK_BY_NAME),
        "probe.yaml:10: parameters.nonsense: unknown parameter 'nonsense' (see `umbrella params`)",
        "probe.yaml:11: ensemble.samples: 0 is not a positive integer",
    ]


def test_an_unknown_field_names_the_allowed_ones(tmp_path):
    (line,) = lines_of(tmp_path, SCENARIO.replace("value: 0.7,", "value: 0.7, until: 2029,"))
    assert line == "probe.yaml:7: levers[1].until: unknown field (allowed: ally, from, lever, to, value)"


def test_relations_between_entries_once_each_entry_is_valid(tmp_path):
    text = SCENARIO.replace("from: 2027, to: 2028", "from: 2031") + "  - {shock: second_theater_war, from: 2031}\n"
    assert set(lines_of(tmp_path, text)) == {"probe.yaml:9: shocks[0].from: `from` 2031 is after `end` 2030",
                                             "probe.yaml:10: shocks[1]: overlaps the setting of "
                                             "'second_theater_war' at line 9",
                                             "probe.yaml:10: shocks[1].from: `from` 2031 is after `end` 2030"}


def test_the_vocabulary_is_read_not_copied(tmp_path, monkeypatch):
    """Levers (and allies, shocks, values) come from umbrella.dynamics.vocabulary: a lever declared
    there is accepted without any change to the scenario format."""
    lever = vocabulary.Lever("probe_lever", {"en": "probe", "zh": "探针"}, per_ally=False, default=0.0)
    monkeypatch.setitem(vocabulary.LEVER_BY_NAME, "probe_lever", lever)
    text = SCENARIO.replace("shocks:", "  - {lever: probe_lever, value: 0.5}\nshocks:")
    sc = read_scenario(_write(tmp_path, text), "probe.yaml")
    assert [s.name for s in sc.levers] == ["consultation", "nuclear_salience", "probe_lever"]


def _write(tmp_path, text):
    path = tmp_path / "probe.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_check_kinds_are_a_discriminated_union_and_each_has_an_evaluator():
    assert set(KIND_MODELS) - {"all", "any"} == set(EVALUATORS)
    for kind, model in KIND_MODELS.items():
        assert model.model_fields["kind"].annotation.__args__ == (kind,)


def test_an_unknown_kind_is_an_error_not_another_kind():
    with pytest.raises(Exception) as exc:
        CheckModel.validate_python({"kind": "astrology", "variable": "threat"}, context={"refs": Refs()})
    (error,) = exc.value.errors()
    assert error["loc"] == ("kind",) and "unknown check kind 'astrology'" in error["msg"]
    with pytest.raises(LookupError):
        evaluate({"kind": "astrology"}, Context(), lambda kind, name: None)


def test_nested_checks_report_their_own_place():
    check = {"kind": "all", "checks": [{"kind": "evidence", "records": "disputes"},
                                       {"kind": "scenario_value", "scenario": "baseline", "variable": "mood",
                                        "actor": "KOR", "value": {"min": 0}, "year": "soon"}]}
    with pytest.raises(Exception) as exc:
        CheckModel.validate_python(check, context={"refs": Refs(variables={"threat": ("KOR",)})})
    locs = {tuple(x for x in e["loc"] if x not in KIND_MODELS) for e in exc.value.errors()}
    assert locs == {("checks", 1, "year")}


def test_a_kind_gains_an_optional_field_in_one_line():
    """What issue-10-style extensions look like: a subclass (or one new line in the class)."""
    from typing import Optional

    from umbrella.claims.language import ScenarioCompareCheck

    class WithEffect(ScenarioCompareCheck):
        min_effect: Optional[float] = None

    check = WithEffect.model_validate({"kind": "scenario_compare", "a": "baseline", "b": "baseline",
                                       "variable": "threat", "actor": "KOR", "direction": "increase",
                                       "min_effect": 0.05})
    assert check.min_effect == 0.05
    with pytest.raises(Exception):
        ScenarioCompareCheck.model_validate({"kind": "scenario_compare", "a": "baseline", "b": "baseline",
                                             "variable": "threat", "actor": "KOR", "direction": "increase",
                                             "min_effect": 0.05})
