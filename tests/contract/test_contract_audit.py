"""Regressions of the contract audit of 2026-12-04 (inputs the authors did not write): each test
is one finding, on an input that gave a wrong answer (or a misplaced error) before its fix."""
from __future__ import annotations

import json

import pytest

from tests.contract.test_contract_claims import entry, run_ledger
from tests.support import assert_input_error, umbrella, umbrella_json


def _claims(tmp_path, *entries):
    rc, out, err = run_ledger(tmp_path, "".join(entries))
    assert rc == 0, err
    return {r["id"]: r for r in json.loads(out)["claims"]}


def test_observed_strategy_in_a_check_is_the_derived_one_data_list_shows(tmp_path):
    # belgium-1985 does not type observed_strategy; `data list disputes` shows the derived `persuade`
    rows = _claims(tmp_path,
                   entry(91, "{kind: evidence, records: disputes, id: belgium-1985, where: {observed_strategy: persuade}}"),
                   entry(92, "{kind: evidence, records: disputes, id: belgium-1985, where: {observed_strategy: pressure}}"))
    assert rows["S004-91"]["status"] == "holds"
    assert rows["S004-92"]["status"] == "fails"


def test_unknown_field_deep_in_a_where_path_is_an_input_error(tmp_path):
    # a typo below the first segment used to pass validation and report a false 'fails'
    rc, out, err = run_ledger(tmp_path, entry(91, "{kind: evidence, records: disputes, where: {period.strat: 1988}}")
                              + entry(92, "{kind: evidence, records: surveys, where: {nosuch: 1}}"))
    lines = assert_input_error(rc, out, err, file="ledger.yaml", fields=("where.period.strat", "where.nosuch"))
    assert any("'strat'" in line and "start" in line for line in lines)
    assert not any("model_" in line or "__" in line for line in lines), lines   # no pydantic internals


def test_known_nested_where_paths_still_evaluate(tmp_path):
    rows = _claims(tmp_path, entry(91, "{kind: evidence, records: disputes, id: spain-1988, where: {period.start: 1976, title.en: {contains: Spain}}}"))
    assert rows["S004-91"]["status"] == "holds"


def test_claim_settings_are_checked_as_a_scenario_file_is(tmp_path):
    # the same settings in a scenario file exit 2; in a claim they never applied and read as 'fails'
    rc, out, err = run_ledger(tmp_path, entry(
        91, "{kind: scenario_compare, a: baseline, b: {base: baseline, shocks: [{shock: prk_nuclear_test, from: 2050}]}, "
            "variable: threat, actor: KOR, direction: increase}") + entry(
        92, "{kind: lever_sweep, lever: sanctions, values: [0, 1], from: 2035, to: 2030, variable: threat, actor: KOR, "
            "response: decreasing}") + entry(
        93, "{kind: scenario_compare, a: baseline, b: {base: baseline, levers: [{lever: sanctions, value: 1, from: 2030, to: 2025}]}, "
            "variable: threat, actor: KOR, direction: decrease}"))
    lines = assert_input_error(rc, out, err, file="ledger.yaml",
                               fields=("check.b.shocks[0].from", "check.from", "check.b.levers[0].from"), max_lines=3)
    assert any("after `end` 2040" in line for line in lines)


def test_claim_year_outside_the_scenario_is_an_input_error(tmp_path):
    rc, out, err = run_ledger(tmp_path, "".join(entry(n, check) for n, check in (
        (91, "{kind: scenario_value, scenario: baseline, variable: threat, actor: KOR, value: {gt: 0}, year: 2100}"),
        (92, "{kind: scenario_compare, a: baseline, b: nuclear-sharing, variable: threat, actor: KOR, direction: increase, year: 1990}"),
        (93, "{kind: lever_sweep, lever: sanctions, values: [0, 1], variable: threat, actor: KOR, response: decreasing, year: 2200}"))))
    lines = assert_input_error(rc, out, err, file="ledger.yaml", fields=("check.year",), max_lines=3)
    assert len(lines) == 3 and all("outside the years of scenario" in line for line in lines), lines
    assert "KeyError" not in err


def _scenario(tmp_path, name, text):
    p = tmp_path / f"{name}.yaml"
    p.write_text(text, encoding="utf-8")
    return p


SHORT = 'id: short\ntitle: {en: "x", zh: "x"}\nstart: 2023\nend: 2024\n'


def test_method_over_the_posterior_is_reported_as_posterior_rows(tmp_path, lab):
    # the posterior rows do not depend on lhs/mc/sobol; the JSON said "method": "sobol" all the same
    path = _scenario(tmp_path, "short", SHORT)
    docs = {m: umbrella_json("run", path, "--samples", 16, "--seed", 1, "--method", m) for m in ("lhs", "sobol")}
    assert docs["lhs"]["variables"] == docs["sobol"]["variables"]
    assert {d["method"] for d in docs.values()} == {"posterior-rows"}
    assert {d["parameters_from"] for d in docs.values()} == {"posterior"}
    prior = umbrella_json("run", path, "--samples", 16, "--seed", 1, "--method", "sobol", "--prior")
    assert prior["method"] == "sobol" and prior["parameters_from"] == "prior"
    from umbrella.lab.scenarios import RunRequest      # the API's POST /api/run calls this
    assert lab.run(RunRequest(scenario="baseline", samples=24, method="sobol")).method == "posterior-rows"


COMBO = ('id: combo\ntitle: {en: "x", zh: "x"}\nstart: 2023\nend: 2031\n'
         'levers:\n  - {lever: sanctions, value: 0.5, from: 2025}\n')


@pytest.mark.parametrize("flag,value", [("--above", "nan"), ("--above", "inf"), ("--below", "-inf"),
                                        ("--threshold", "nan")])
def test_discover_refuses_a_non_finite_threshold(tmp_path, flag, value):
    # `--above nan` ran, and its JSON said neither above nor below was given
    extra = () if flag in ("--above", "--below") else ("--above", "0.5")
    rc, out, err = umbrella("discover", _scenario(tmp_path, "combo", COMBO), "--variable", "threat", "--actor", "KOR",
                            f"{flag}={value}", *extra, "--samples", 100, "--format", "json")
    assert_input_error(rc, out, err, file="<command line>", fields=(flag,), max_lines=1)


def test_discover_option_errors_are_located_at_the_command_line_once(tmp_path):
    # --peel-alpha 0 gave two lines (one naming the internal paste_alpha), all at <find_box>
    rc, out, err = umbrella("discover", _scenario(tmp_path, "combo", COMBO), "--variable", "threat", "--actor", "KOR",
                            "--above", "0.5", "--peel-alpha", "0", "--threshold", "1.5", "--mass-min", "2",
                            "--samples", 100, "--format", "json")
    lines = assert_input_error(rc, out, err, file="<command line>", fields=("--peel-alpha", "--threshold", "--mass-min"),
                               max_lines=3)
    assert not any("paste_alpha" in line for line in lines)


def test_ensemble_samples_beyond_the_posterior_blame_the_scenario_file(tmp_path):
    # no --samples was given, yet the error named --samples at <command line>
    path = _scenario(tmp_path, "bigens", SHORT + "ensemble: {samples: 20000, seed: 1}\n")
    for command in (("run", path), ("compare", path, "baseline")):
        rc, out, err = umbrella(*command, "--format", "json")
        assert_input_error(rc, out, err, file="bigens.yaml:5", fields=("ensemble.samples",), max_lines=1)
    rc, out, err = umbrella("run", path, "--samples", 20000, "--format", "json")   # given: the flag's fault
    assert_input_error(rc, out, err, file="<command line>", fields=("--samples",), max_lines=1)


@pytest.mark.parametrize("parameters,samples", [("threat_arsenal", 2), ("threat_arsenal,threat_arsenal", 64)])
def test_sensitivity_parameter_errors_name_the_option(tmp_path, parameters, samples):
    rc, out, err = umbrella("sensitivity", _scenario(tmp_path, "combo", COMBO), "--variable", "threat", "--prior",
                            "--method", "morris", "--samples", samples, "--parameters", parameters, "--format", "json")
    lines = assert_input_error(rc, out, err, file="<command line>", fields=("--parameters",), max_lines=1)
    assert "factors" not in lines[0]


def _posterior_copy(tmp_path, fingerprint=None):
    import shutil

    from umbrella import resources
    manifest = resources.posterior_file()
    head = json.loads(manifest.read_text(encoding="utf-8"))
    shutil.copy(manifest.with_name(head.get("draws_file", manifest.with_suffix(".npz").name)), tmp_path)
    if fingerprint is not None:
        head["fingerprint"] = fingerprint
    out = tmp_path / manifest.name
    out.write_text(json.dumps(head), encoding="utf-8")
    return out


def test_a_stale_posterior_file_is_used_with_a_warning(tmp_path):
    rc, out, err = umbrella("run", "baseline", "--samples", 16, "--posterior", _posterior_copy(tmp_path, "0" * 16),
                            "--format", "json")
    assert rc == 0 and json.loads(out)["parameters_from"] == "posterior"
    assert "warning:" in err and "fingerprint" in err
    rc, out, err = umbrella("run", "baseline", "--samples", 16, "--posterior", _posterior_copy(tmp_path),
                            "--format", "json")
    assert rc == 0 and "fingerprint" not in err          # a current one: no warning


def test_posterior_and_prior_together_are_refused(tmp_path):
    rc, out, err = umbrella("run", "baseline", "--samples", 16, "--posterior", _posterior_copy(tmp_path), "--prior",
                            "--format", "json")
    assert_input_error(rc, out, err, file="<command line>", fields=("--posterior",), max_lines=1)


def test_a_holdout_that_leaves_no_point_to_fit_is_refused(tmp_path):
    # every point held out: the 'posterior' was the prior, written with exit 0 and no word
    rc, out, err = umbrella("calibrate", "--particles", 200, "--holdout", "since:1900", "--out", tmp_path / "cal",
                            "--format", "json")
    assert_input_error(rc, out, err, file="<command line>", fields=("--holdout",), max_lines=1)
    assert not list(tmp_path.rglob("*.json"))          # no posterior written


SURVEY = """- id: kr-probe-{n}
  country: KOR
  year: 2024
  pollster: Probe Polls
  item: own_nukes
  question: {{en: "Should South Korea have nuclear weapons?"}}
  wording_confidence: high
  value: {value}
  oppose: {oppose}
  sources: [{{bib: probe2020}}]
"""
BIB = "@book{probe2020,\n  author = {Doe, Jane},\n  title = {A Probe},\n  publisher = {Nowhere Press},\n  year = {2020}\n}\n"


def test_survey_shares_above_100_percent_are_a_data_error(tmp_path):
    (tmp_path / "sources.bib").write_text(BIB, encoding="utf-8")
    surveys = tmp_path / "surveys.yaml"
    surveys.write_text(SURVEY.format(n=1, value=60, oppose=40.5) + SURVEY.format(n=2, value=60, oppose=50),
                       encoding="utf-8")
    rc, out, err = umbrella("data", "check", "--data", tmp_path)
    lines = assert_input_error(rc, out, err, file="surveys.yaml", fields=("oppose",), max_lines=1)
    assert ":19:" in lines[0] and "110" in lines[0]      # the second record; 100.5 is within rounding
    rc, out, err = umbrella("data", "check")             # the bundled surveys pass
    assert rc == 0, err


AUDIT_COMBO = """id: audit-combo
title: {en: "Audit combo", zh: "审计组合"}
start: 2024
end: 2031
levers:
  - {lever: forward_deployment, ally: JPN, value: fixed, from: 2025}
  - {lever: consultation, ally: AUS, value: nuclear_sharing, from: 2026, to: 2028}
  - {lever: troop_presence, ally: KOR, value: 0.2, from: 2027}
  - {lever: declaratory_restraint, value: no_first_use, from: 2024}
  - {lever: sanctions, value: 1, from: 2031}
shocks:
  - {shock: prk_nuclear_test, from: 2031, to: 2031}
  - {shock: adversary_alignment, value: 0.9, from: 2025, to: 2025}
  - {shock: us_retrenchment, from: 2029}
"""


def test_discover_says_when_the_box_misses_the_threshold(tmp_path):
    # pruning left a box of density 0.46 against --threshold 0.8, and the JSON did not say so
    rc, out, err = umbrella("discover", _scenario(tmp_path, "combo", AUDIT_COMBO), "--variable",
                            "proliferation_probability", "--actor", "KOR", "--above", "0.05", "--samples", 200,
                            "--format", "json")
    assert rc == 0, err
    box = json.loads(out)["box"]
    assert box["meets_threshold"] == (box["density"] >= box["threshold"])
    assert box["meets_threshold"] is False and box["dropped"]
    assert "warning:" in err and "below the threshold" in err


def test_game_parameters_print_as_numbers_of_one_type():
    # `--set alt=0` gave "alt": 0.0 beside "multilateral": 1 (the declared int default)
    solved = umbrella_json("game", "solve", "deployment-bargaining", "--set", "alt=0")["params"]
    assert solved["alt"] == 0 and solved["multilateral"] == 1
    assert {type(v) for v in solved.values()} == {float}, solved
    listed = umbrella_json("game", "params", "deployment-bargaining")
    assert all(isinstance(p[k], float) for p in listed for k in ("default", "low", "high")), listed[0]


def test_sobol_indices_outside_0_1_from_too_few_samples_warn(tmp_path):
    # N = 2 gave S1 = 2.0 and ST = 2.17 with exit 0 and no word
    rc, out, err = umbrella("sensitivity", _scenario(tmp_path, "combo", AUDIT_COMBO), "--variable", "threat", "--prior",
                            "--method", "sobol", "--samples", 2, "--parameters", "threat_arsenal,threat_alignment",
                            "--format", "json")
    assert rc == 0, err
    indices = json.loads(out)["indices"]
    assert any(not 0 <= ix["S1"] <= 1 for ix in indices.values())     # the noise the warning is about
    assert "warning:" in err and "too few" in err
