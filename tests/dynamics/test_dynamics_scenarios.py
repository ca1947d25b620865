"""Scenario library, validation errors (one line each, exit 2), seed quotes, history from the evidence base."""
from __future__ import annotations

import re
import types

import numpy as np
import pytest

from tests.support import SEEDS, umbrella
from umbrella.dynamics.history import inputs_from_evidence
from umbrella.dynamics.parameters import PARAMETERS
from umbrella.dynamics.scenario import library, load_scenario, scenario_inputs
from umbrella.errors import InputError

LIBRARY = ["baseline", "washington-declaration", "tactical-redeployment", "nuclear-sharing",
           "conventional-integration", "nfu-multilateral", "second-theater-war", "us-retrenchment",
           "trilateral-nuclear-planning", "china-peace-mechanism", "thaad-type-deployment"]

GOOD = """id: test-case
title: {en: "Test", zh: "测试"}
start: 2024
end: 2030
levers:
  - {lever: consultation, ally: KOR, value: ncg, from: 2024}
  - {lever: nuclear_salience, value: 0.7, from: 2026, to: 2028}
shocks:
  - {shock: second_theater_war, from: 2027, to: 2028}
parameters:
  entrapment_sensitivity: [0.2, 0.6]
ensemble: {samples: 100, seed: 7, method: lhs}
"""

BAD = {
    "unknown lever": ("lever: nuclear_salience,", "lever: nuclear_saliency,", "levers[1].lever"),
    "bad value": ("value: 0.7", "value: 1.7", "levers[1].value"),
    "bad option": ("value: ncg", "value: ncgg", "levers[0].value"),
    "unknown ally": ("ally: KOR", "ally: PHL", "levers[0].ally"),
    "from after end": ("from: 2026, to: 2028", "from: 2031", "levers[1].from"),
    "from after to": ("from: 2026, to: 2028", "from: 2029, to: 2028", "levers[1].from"),
    "start after end": ("start: 2024", "start: 2031", "start"),
    "unknown parameter": ("entrapment_sensitivity:", "entrapment_sensitivty:", "parameters.entrapment_sensitivty"),
    "parameter out of range": ("[0.2, 0.6]", "[0.2, 9.0]", "parameters.entrapment_sensitivity"),
    "unknown shock": ("shock: second_theater_war", "shock: third_theater_war", "shocks[0].shock"),
    "unknown field": ("ensemble: {samples: 100,", "ensemble: {sample: 100,", "ensemble.sample"),
    "bad method": ("method: lhs", "method: halton", "ensemble.method"),
    "ally on a global lever": ("{lever: nuclear_salience,", "{lever: nuclear_salience, ally: JPN,", "levers[1].ally"),
}


def test_library_complete_and_loadable():
    assert set(LIBRARY) <= set(library())
    for sid in library():
        sc = load_scenario(sid)
        assert sc.id == sid and sc.sources, sid
        assert sc.title["en"] and sc.title["zh"]


def test_good_scenario(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(GOOD, encoding="utf-8")
    sc = load_scenario(path)
    inputs = scenario_inputs(sc, history=[])
    years = inputs.years.tolist()
    assert years[0] == 2006 and years[-1] == 2030 and inputs.report_from == 2024
    ns = inputs.levers["nuclear_salience"]
    assert ns[years.index(2025)] == 0.5 and ns[years.index(2026)] == 0.7 and ns[years.index(2029)] == 0.5
    war = inputs.shocks["second_theater_war"]
    assert war[years.index(2027)] == 1 and war[years.index(2028)] == 1 and war[years.index(2029)] == 0


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_bad_input_is_one_problem(tmp_path, case):
    old, new, field = BAD[case]
    assert old in GOOD
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_scenario(path)
    assert len(err.value.problems) == 1, err.value.problems
    problem = err.value.problems[0]
    assert problem.field == field and problem.line > 0


def test_overlapping_settings(tmp_path):
    text = GOOD.replace("  - {lever: nuclear_salience, value: 0.7, from: 2026, to: 2028}\n",
                        "  - {lever: nuclear_salience, value: 0.7, from: 2026, to: 2028}\n"
                        "  - {lever: nuclear_salience, value: 0.2, from: 2028}\n")
    path = tmp_path / "overlap.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_scenario(path)
    assert len(err.value.problems) == 1 and "overlaps" in err.value.problems[0].message


@pytest.mark.parametrize("case", ["unknown lever", "from after end"])
def test_cli_exit_2_one_line(tmp_path, case):
    old, new, field = BAD[case]
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    code, out, err = umbrella("run", path, "--format", "json")
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and re.match(rf"^{re.escape(str(path))}:\d+: {re.escape(field)}: ", lines[0])


def test_cli_unknown_scenario_and_bad_samples():
    code, _, err = umbrella("run", "no-such-scenario")
    assert code == 2 and len(err.strip().splitlines()) == 1
    code, _, err = umbrella("run", "baseline", "--samples", "ten")
    assert code == 2 and len(err.strip().splitlines()) == 1


def _seed_text():
    return {p.name: re.sub(r"\s+", "", p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not available")
def test_every_quote_is_verbatim():
    seeds = _seed_text()
    quotes = [(p.source["seed"], p.source["quote"]) for p in PARAMETERS if "seed" in p.source]
    for sid in library():
        quotes += [(s["seed"], s["quote"]) for s in load_scenario(sid).sources if "seed" in s]
    assert len(quotes) > 50
    for seed, quote in quotes:
        assert re.sub(r"\s+", "", quote) in seeds[seed], quote


def test_history_from_event_model_inputs():
    def event(eid, date, *inputs):
        return types.SimpleNamespace(id=eid, date=date, year=int(date[:4]), model_inputs=[
            types.SimpleNamespace(lever=i.get("lever"), shock=i.get("shock"), ally=i.get("ally"),
                                  value=i.get("value"), until=i.get("until")) for i in inputs])
    ev = types.SimpleNamespace(events={
        "a": event("a", "2010-03-01", {"lever": "consultation", "ally": "KOR", "value": "dialogue"}),
        "b": event("b", "2016-10-01", {"shock": "prk_nuclear_test"}),
        "c": event("c", "2017-01-01", {"lever": "nuclear_salience", "value": 0.8, "until": 2019}),
        "d": event("d", "1979-01-01", {"lever": "forward_deployment", "ally": "ESP", "value": "fixed"}),
    }, origin=lambda rid: ("data/events.yaml", 1))
    history = inputs_from_evidence(ev)
    assert len(history) == 3       # the Spanish setting concerns no actor of the regional model
    sc = load_scenario("baseline")
    inputs = scenario_inputs(sc, history)
    years = inputs.years.tolist()
    assert inputs.shocks["prk_nuclear_test"][years.index(2016)] == 1
    assert inputs.shocks["prk_nuclear_test"][years.index(2017)] == 0
    assert inputs.levers["nuclear_salience"][years.index(2018)] == 0.8
    assert inputs.levers["nuclear_salience"][years.index(2020)] == 0.5
    bad = types.SimpleNamespace(events={"x": event("x", "2012-01-01", {"lever": "nuclear_salince", "value": 0.5})},
                                origin=lambda rid: ("data/events.yaml", 42))
    with pytest.raises(InputError) as err:
        inputs_from_evidence(bad)
    assert str(err.value.problems[0]).startswith("data/events.yaml:42: x.model_inputs[0]: unknown lever")


def test_model_doc_lists_every_parameter_as_declared():
    from tests.support import ROOT
    from umbrella.views.ensemble_views import params_markdown
    doc = (ROOT / "docs" / "model" / "dynamics.md").read_text(encoding="utf-8")
    assert params_markdown() in doc


def test_history_before_start_carries_into_reported_years():
    from umbrella.dynamics.inputs import Setting
    from umbrella.experiments.ensemble import run_ensemble
    quiet = run_ensemble(load_scenario("baseline"), samples=64, seed=1, history=[])
    tested = run_ensemble(load_scenario("baseline"), samples=64, seed=1, history=[
        Setting("shock", "prk_nuclear_test", 1.0, 2009, 2009), Setting("lever", "sanctions", 0.0, 2006, None),
        Setting("lever", "sanctions", 0.9, 2030, None)])   # after the start year: ignored
    # a looser sanctions history leaves a larger arsenal at the start year and after
    assert (tested["prk_arsenal"].sel(actor="PRK") > quiet["prk_arsenal"].sel(actor="PRK")).all()
    # history at or after the start year is ignored: the scenario owns the future
    without_late = run_ensemble(load_scenario("baseline"), samples=64, seed=1, history=[
        Setting("shock", "prk_nuclear_test", 1.0, 2009, 2009), Setting("lever", "sanctions", 0.0, 2006, None)])
    assert np.array_equal(tested["prk_arsenal"].values, without_late["prk_arsenal"].values, equal_nan=True)


def test_the_evidence_status_quo_is_carried_forward_unless_the_scenario_sets_it(tmp_path):
    """Levers and the adversary alignment keep the level recorded for the year before `start`;
    0/1 event shocks are not carried; a scenario setting wins; unset levers elsewhere keep their default."""
    from umbrella.dynamics.inputs import Setting
    history = [Setting("shock", "adversary_alignment", 0.4, 2022, 2023), Setting("shock", "prk_nuclear_test", 1.0, 2022, 2022),
               Setting("lever", "sanctions", 0.9, 2017, None), Setting("lever", "consultation", "ncg", 2016, None, "KOR"),
               Setting("lever", "strategic_asset_hosting", 0.5, 2021, None, "AUS")]
    path = tmp_path / "s.yaml"
    path.write_text(GOOD, encoding="utf-8")
    inputs = scenario_inputs(load_scenario(path), history)     # start 2024; sets KOR consultation ncg, salience 2026-28
    years = inputs.years.tolist()
    at = years.index
    assert inputs.shocks["adversary_alignment"][at(2030)] == 0.4           # 2023's level, carried past its `until`
    assert inputs.shocks["prk_nuclear_test"][at(2023)] == 0 and inputs.shocks["prk_nuclear_test"][at(2022)] == 1
    assert inputs.levers["sanctions"][at(2030)] == 0.9
    assert inputs.levers["strategic_asset_hosting"][at(2030)].tolist() == [0.0, 0.0, 0.5]
    assert inputs.levers["nuclear_salience"][at(2027)] == 0.7 and inputs.levers["nuclear_salience"][at(2030)] == 0.5
    assert inputs.levers["burden_sharing_pressure"][at(2030)] == 0.3       # never set: documented default


def test_outside_sources_of_parameters_are_real_bib_entries():
    """A mechanism from outside the seeds cites a BibTeX entry of data/sources.bib (Gerzhoy 2015;
    Monteiro & Debs 2014); every parameter has a seed passage, such an entry, or an assumption note."""
    from umbrella.resources import data_dir
    bib = (data_dir() / "sources.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", bib))
    cited = [key for p in PARAMETERS if "bib" in p.source for key in [p.source["bib"], *p.source.get("also", [])]]
    assert cited and set(cited) <= keys
    for p in PARAMETERS:
        assert "seed" in p.source or "bib" in p.source or p.source.get("note", "").startswith("assumption"), p.name
