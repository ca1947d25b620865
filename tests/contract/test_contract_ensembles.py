"""Contract audit, scenarios and ensembles (SYSTEM.md §3.7) on scenario files the library does not
have: other start/end years (before 2023, to 2050, a single year), JPN as well as KOR levers, every
lever and shock, parameter overrides as a number and as [lo, hi], ensemble blocks with mc/lhs/sobol.
Shape, bounds, determinism (re-run, workers), paired comparison, and bad scenarios → exit 2."""
from __future__ import annotations

import json
import math

import pytest

from tests.support import assert_input_error, umbrella, umbrella_json

VARIABLES = {"threat", "abandonment_fear", "entrapment_fear", "assurance", "public_nuclear_support",
             "proliferation_hazard", "proliferation_probability", "hedging", "prk_arsenal", "prk_provocation",
             "deterrence_credibility", "crisis_probability", "escalation_probability"}
KEYS = {"public_nuclear_support": {"KOR", "JPN", "AUS"}, "abandonment_fear": {"KOR", "JPN", "AUS"},
        "deterrence_credibility": {"KOR", "JPN", "AUS"}, "prk_arsenal": {"PRK"}, "prk_provocation": {"PRK"},
        "crisis_probability": {"region"}, "escalation_probability": {"region"}, "chn_cooperation": {"CHN"},
        "chn_counter_pressure": {"KOR", "JPN", "AUS"}}

HEAD = 'id: {id}\ntitle: {{en: "{id}", zh: "探针"}}\n'
SCENARIOS = {
    "all-levers-jpn": (2020, 2050, """start: 2020
end: 2050
levers:
  - {lever: nuclear_salience, value: 0.9, from: 2024}
  - {lever: strategic_asset_visibility, value: 0.7, from: 2021}
  - {lever: forward_deployment, ally: JPN, value: fixed, from: 2030}
  - {lever: forward_deployment, ally: KOR, value: non_fixed, from: 2026}
  - {lever: consultation, ally: JPN, value: nuclear_sharing, from: 2027}
  - {lever: consultation, ally: KOR, value: dialogue, from: 2020}
  - {lever: conventional_integration, value: 1.0, from: 2022}
  - {lever: burden_sharing_pressure, value: 0.0, from: 2020}
  - {lever: troop_presence, ally: JPN, value: 0.0, from: 2035}
  - {lever: troop_presence, ally: KOR, value: 1.0, from: 2020}
  - {lever: declaratory_restraint, value: no_first_use, from: 2040}
  - {lever: multilateral_mechanism, value: 1, from: 2045}
  - {lever: sanctions, value: 0.3, from: 2020}
  - {lever: nonproliferation_pressure, value: 1.0, from: 2021}
shocks:
  - {shock: second_theater_war, from: 2030, to: 2032}
  - {shock: prk_nuclear_test, from: 2025, to: 2025}
  - {shock: adversary_alignment, value: 0.9, from: 2026}
  - {shock: us_retrenchment, from: 2044}
parameters:
  entrapment_sensitivity: [0.2, 0.6]
  support_intercept_jpn: -2.0
ensemble: {samples: 200, seed: 11, method: mc}
"""),
    "one-year": (2023, 2023, "start: 2023\nend: 2023\nlevers: []\nshocks: []\n"),
    "early-sobol": (2008, 2030, """start: 2008
end: 2030
levers:
  - {lever: declaratory_restraint, value: sole_purpose, from: 2025, to: 2027}
  - {lever: declaratory_restraint, value: none, from: 2028}
shocks:
  - {shock: prk_nuclear_test, from: 2026, to: 2027}
ensemble: {samples: 100, seed: 5, method: sobol}
"""),
    "lhs-late": (2030, 2050, """start: 2030
end: 2050
levers:
  - {lever: troop_presence, ally: KOR, value: 0.5, from: 2030}
parameters:
  feedback_strength: [1.0, 1.0]
  prk_arsenal_ceiling: 400
ensemble: {samples: 64, seed: 2, method: lhs}
"""),
    "minimal": (2025, 2035, "start: 2025\nend: 2035\n"),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("scenarios")
    out = {}
    for sid, (_s, _e, body) in SCENARIOS.items():
        p = d / f"{sid}.yaml"
        p.write_text(HEAD.format(id=sid) + body, encoding="utf-8")
        out[sid] = p
    for sid, body in (("jpn-a", "start: 2024\nend: 2040\nlevers: []\n"),
                      ("jpn-b", "start: 2024\nend: 2040\nlevers:\n  - {lever: troop_presence, ally: JPN, value: 0.0, from: 2026}\n")):
        p = d / f"{sid}.yaml"
        p.write_text(HEAD.format(id=sid) + body, encoding="utf-8")
        out[sid] = p
    return out


def check_run(a, start, end, samples, seed):
    assert {"scenario", "samples", "seed", "years", "variables"} <= set(a)
    assert a["samples"] == samples and a["seed"] == seed
    assert a["years"] == list(range(start, end + 1))
    assert VARIABLES <= set(a["variables"])
    for var, keys in KEYS.items():
        assert set(a["variables"][var]) == keys, var
    for var, by_actor in a["variables"].items():
        for actor, q in by_actor.items():
            for f in ("mean", "q05", "q50", "q95"):
                assert len(q[f]) == len(a["years"]), (var, actor, f)
                assert all(isinstance(v, (int, float)) and math.isfinite(v) for v in q[f]), (var, actor, f)
                if var != "prk_arsenal":
                    assert all(-1e-9 <= v <= 1 + 1e-9 for v in q[f]), (var, actor, f)
            for lo, mid, hi in zip(q["q05"], q["q50"], q["q95"]):
                assert lo <= mid + 1e-12 and mid <= hi + 1e-12, (var, actor)


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_new_scenario_runs_to_the_contract(files, sid):
    start, end, _ = SCENARIOS[sid]
    a = umbrella_json("run", files[sid], "--samples", 32, "--seed", 3)
    check_run(a, start, end, 32, 3)
    assert a["scenario"] == sid


def test_ensemble_block_defaults_samples_and_seed(files):
    a = umbrella_json("run", files["lhs-late"])
    check_run(a, 2030, 2050, 64, 2)


def test_identical_on_rerun_and_with_workers(files):
    a = umbrella_json("run", files["all-levers-jpn"], "--samples", 48, "--seed", 3)
    assert a == umbrella_json("run", files["all-levers-jpn"], "--samples", 48, "--seed", 3)
    assert a == umbrella_json("run", files["all-levers-jpn"], "--samples", 48, "--seed", 3, "--workers", 2)
    assert a != umbrella_json("run", files["all-levers-jpn"], "--samples", 48, "--seed", 4)


def test_paired_compare_of_files(files):
    kw = ("--variable", "abandonment_fear", "--actor", "JPN", "--samples", 32, "--seed", 3)
    c = umbrella_json("compare", files["jpn-a"], files["jpn-b"], *kw, "--year", 2025)
    assert {"a", "b", "variable", "actor", "year", "samples", "diff", "p_b_greater"} <= set(c)
    assert (c["a"], c["b"], c["variable"], c["actor"], c["year"], c["samples"]) == ("jpn-a", "jpn-b", "abandonment_fear", "JPN", 2025, 32)
    # common random numbers: before the lever's `from` year the two runs are the same, sample by sample
    assert all(c["diff"][k] == 0 for k in ("mean", "q05", "q50", "q95")) and c["p_b_greater"] == 0
    c = umbrella_json("compare", files["jpn-a"], files["jpn-b"], *kw)
    assert c["year"] == 2040                    # the last common year
    assert 0 <= c["p_b_greater"] <= 1
    # MODELS.md §4 mechanism 3: abandonment fear falls with troop presence → removing troops raises it
    assert c["diff"]["mean"] > 0 and c["p_b_greater"] > 0.5
    same = umbrella_json("compare", files["jpn-a"], files["jpn-a"], *kw)
    assert same["diff"]["mean"] == 0 and same["p_b_greater"] == 0


@pytest.mark.parametrize("extra", [("--year", 2041), ("--year", 2023), ("--actor", "XYZ"), ("--actor", "region"),
                                   ("--variable", "no_such_variable"), ("--samples", 0)])
def test_bad_compare_options(files, extra):
    args = ["compare", files["jpn-a"], files["jpn-b"], "--samples", 8, "--seed", 3, *extra]
    if extra[0] != "--variable":
        args += ["--variable", "abandonment_fear"]
    rc, out, err = umbrella(*args, "--format", "json")
    assert_input_error(rc, out, err, max_lines=1)
    assert out == ""


BAD = {
    "unknown-lever": ("levers:\n  - {lever: nosuch, value: 0.5, from: 2024}\n", "levers"),
    "unknown-shock": ("shocks:\n  - {shock: alien_invasion, from: 2024}\n", "shocks"),
    "unknown-ally": ("levers:\n  - {lever: troop_presence, ally: PHL, value: 0.5, from: 2024}\n", "ally"),
    "ally-on-global": ("levers:\n  - {lever: sanctions, ally: KOR, value: 0.5, from: 2024}\n", "ally"),
    "bad-value": ("levers:\n  - {lever: consultation, ally: KOR, value: alliance, from: 2024}\n", "value"),
    "value-range": ("levers:\n  - {lever: sanctions, value: 1.5, from: 2024}\n", "value"),
    "value-string": ("levers:\n  - {lever: sanctions, value: high, from: 2024}\n", "value"),
    "shock-value": ("shocks:\n  - {shock: adversary_alignment, value: 2, from: 2024}\n", "value"),
    "unknown-parameter": ("parameters:\n  no_such_param: 0.5\n", "no_such_param"),
    "reversed-range": ("parameters:\n  entrapment_sensitivity: [0.6, 0.2]\n", "entrapment_sensitivity"),
    "from-after-end": ("levers:\n  - {lever: sanctions, value: 0.5, from: 2031}\n", "from"),
    "to-before-from": ("shocks:\n  - {shock: second_theater_war, from: 2028, to: 2026}\n", "from"),
    "overlap": ("levers:\n  - {lever: sanctions, value: 0.5, from: 2024, to: 2027}\n"
                "  - {lever: sanctions, value: 0.2, from: 2026, to: 2029}\n", "levers"),
    "bad-method": ("ensemble: {samples: 100, seed: 1, method: grid}\n", "method"),
    "unknown-key": ("colour: red\n", "colour"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_scenario_is_one_line(tmp_path, name):
    body, field = BAD[name]
    p = tmp_path / f"{name}.yaml"
    p.write_text(HEAD.format(id=name) + "start: 2023\nend: 2030\n" + body, encoding="utf-8")
    rc, out, err = umbrella("run", p, "--samples", 8, "--format", "json")
    assert_input_error(rc, out, err, file=f"{name}.yaml", fields=(field,), max_lines=1)
    assert out == ""


@pytest.mark.parametrize("text", ["id: [broken\n", "", "- a\n- b\n",
                                  'id: s\ntitle: {en: a, zh: b}\nstart: 2030\nend: 2023\n'])
def test_unreadable_or_inconsistent_scenario(tmp_path, text):
    p = tmp_path / "s.yaml"
    p.write_text(text, encoding="utf-8")
    rc, out, err = umbrella("run", p, "--samples", 8, "--format", "json")
    assert_input_error(rc, out, err, file="s.yaml", max_lines=1)


@pytest.mark.parametrize("args", [("run", "no-such-scenario"), ("run", "baseline", "--samples", "0"),
                                  ("run", "baseline", "--seed", "abc"), ("compare", "baseline", "no-such-scenario")])
def test_bad_run_arguments(args):
    rc, out, err = umbrella(*args, "--format", "json")
    assert_input_error(rc, out, err, max_lines=1)


# ---- input semantics of §3.7, checked through paired differences (common random numbers) --------
# the status quo the evidence documents for 2025, the year before these scenarios start
# (docs/model/evidence-data.md §2; levers no event sets keep the vocabulary default)
STATUS_QUO = """levers:
  - {lever: nuclear_salience, value: 0.5}
  - {lever: strategic_asset_visibility, value: 0.9}
  - {lever: forward_deployment, value: none}
  - {lever: consultation, ally: KOR, value: ncg}
  - {lever: consultation, ally: JPN, value: dialogue}
  - {lever: consultation, ally: AUS, value: dialogue}
  - {lever: conventional_integration, value: 0.5}
  - {lever: burden_sharing_pressure, value: 0.3}
  - {lever: troop_presence, value: 1}
  - {lever: declaratory_restraint, value: none}
  - {lever: multilateral_mechanism, value: 0}
  - {lever: peace_mechanism, value: 0}
  - {lever: trilateral_cooperation, value: conventional}
  - {lever: strategic_asset_hosting, ally: KOR, value: 0.5}
  - {lever: strategic_asset_hosting, ally: JPN, value: 0}
  - {lever: strategic_asset_hosting, ally: AUS, value: 0.5}
  - {lever: sanctions, value: 0.9}
  - {lever: nonproliferation_pressure, value: 0.6}
shocks:
  - {shock: adversary_alignment, value: 0, from: 2026}
"""
# (adversary alignment: the 2024 Russia–DPRK treaty is coded for its year only, so 2025's level is 0)


def _write(tmp_path, sid, body):
    p = tmp_path / f"{sid}.yaml"
    p.write_text(HEAD.format(id=sid) + "start: 2026\nend: 2036\n" + body, encoding="utf-8")
    return p


def test_unset_levers_keep_the_documented_status_quo(tmp_path):
    # docs/decisions/dynamics.md (2): from the start year an unset lever (and the adversary alignment)
    # keeps the level the evidence records for the year before; setting every one to it changes nothing
    a = umbrella_json("run", _write(tmp_path, "implicit", ""), "--samples", 24, "--seed", 3)
    b = umbrella_json("run", _write(tmp_path, "explicit", STATUS_QUO), "--samples", 24, "--seed", 3)
    assert a["variables"] == b["variables"]


def test_shock_to_year_is_included_and_one_off_covers_its_year(tmp_path):
    w29 = _write(tmp_path, "war-29", "shocks:\n  - {shock: second_theater_war, from: 2028, to: 2029}\n")
    w30 = _write(tmp_path, "war-30", "shocks:\n  - {shock: second_theater_war, from: 2028, to: 2030}\n")
    kw = ("--variable", "crisis_probability", "--actor", "region", "--samples", 24, "--seed", 3)
    assert umbrella_json("compare", w29, w30, *kw, "--year", 2029)["diff"]["mean"] == 0
    assert umbrella_json("compare", w29, w30, *kw, "--year", 2030)["p_b_greater"] == 1   # war in 2030 only in B
    once = _write(tmp_path, "test-once", "shocks:\n  - {shock: prk_nuclear_test, from: 2028}\n")
    twice = _write(tmp_path, "test-twice", "shocks:\n  - {shock: prk_nuclear_test, from: 2028, to: 2029}\n")
    kw = ("--variable", "prk_provocation", "--actor", "PRK", "--samples", 24, "--seed", 3)
    assert umbrella_json("compare", once, twice, *kw, "--year", 2028)["diff"]["mean"] == 0
    assert umbrella_json("compare", once, twice, *kw, "--year", 2029)["p_b_greater"] == 1


def test_library_id_and_a_copy_of_its_file_agree(tmp_path):
    from tests.support import ROOT
    copy = tmp_path / "copy.yaml"
    copy.write_text((ROOT / "src" / "umbrella" / "resources" / "scenarios" / "baseline.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    a = umbrella_json("run", "baseline", "--samples", 16, "--seed", 3)
    assert a["variables"] == umbrella_json("run", copy, "--samples", 16, "--seed", 3)["variables"]


def test_scenario_before_the_first_simulated_year(tmp_path):
    """Was bug B8 (fixed): a 1990 start grew the 2006 DPRK arsenal from 1990."""
    p = tmp_path / "very-early.yaml"
    p.write_text(HEAD.format(id="very-early") + "start: 1990\nend: 2000\n", encoding="utf-8")
    rc, out, err = umbrella("run", p, "--samples", 8, "--format", "json")
    if rc == 2:     # rejected like a lever `from` before 2006 is
        assert_input_error(rc, out, err, file="very-early.yaml", fields=("start",))
    else:           # or simulated from history: the DPRK had no warheads before its 2006 test
        assert rc == 0, err
        assert json.loads(out)["variables"]["prk_arsenal"]["PRK"]["mean"][0] == 0


def test_piecewise_series_written_with_from_only(tmp_path):
    """§3.7 levers are piecewise-constant settings: a later `from` of the same lever ends an earlier
    open-ended setting (was risk R1 of the audit: rejected as an overlap)."""
    open_ended = _write(tmp_path, "open-ended", "levers:\n  - {lever: sanctions, value: 0.1, from: 2027}\n"
                                                "  - {lever: sanctions, value: 0.9, from: 2031}\n")
    explicit = _write(tmp_path, "explicit-to", "levers:\n  - {lever: sanctions, value: 0.1, from: 2027, to: 2030}\n"
                                               "  - {lever: sanctions, value: 0.9, from: 2031}\n")
    a = umbrella_json("run", open_ended, "--samples", 16, "--seed", 3)
    b = umbrella_json("run", explicit, "--samples", 16, "--seed", 3)
    assert a["variables"] == b["variables"]
