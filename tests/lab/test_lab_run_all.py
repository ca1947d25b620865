"""The main job (`make run`): `Lab.run_all(out)` with its settings declared in `run_all.yaml`."""
from __future__ import annotations

import hashlib
import json
import logging
import re

import pytest

from tests.support import assert_input_error, umbrella
from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME
from umbrella.lab import CompareRequest, LabRun, LabSettings
from umbrella.lab.pipeline import STEPS
from umbrella.resources import posterior_file


def test_the_declared_settings_name_what_exists(lab):
    s = LabSettings.read()
    assert s.samples >= 1000 and s.claims.samples >= 1000          # the report's numbers are not a smoke test
    assert s.claims.ablate                                          # every claim of `make run` gets a basis
    assert all(VARIABLE_BY_NAME[v] and a in VARIABLE_BY_NAME[v].actors for v, a in s.scenarios.focus)
    assert set(s.scenarios.fan_scenarios) <= set(lab.scenarios) and "baseline" in lab.scenarios
    assert {s.sensitivity.scenario, s.discovery.scenario} <= set(lab.scenarios)


LOGGED: list[str] = []   # what the small run logged (logger `umbrella.lab`)


@pytest.fixture(scope="module")
def small(tmp_path_factory, lab):
    """The main job at small sizes (the same code path as `make run`)."""
    declared = LabSettings.read()
    settings = LabSettings.model_validate({
        **declared.model_dump(), "samples": 40, "seed": 3,
        "games": {"maps": [{"set": {"alt": 1, "multilateral": 1}, "x": "c_alt:0:10:3", "y": "d:0:10:3"}]},
        "sensitivity": {**declared.sensitivity.model_dump(), "samples": 64},
        "claims": {"samples": 4}})
    out = tmp_path_factory.mktemp("lab")
    before = hashlib.sha256(posterior_file().read_bytes()).hexdigest()
    handler = logging.Handler()
    handler.emit = lambda record: LOGGED.append(record.getMessage())
    logger = logging.getLogger("umbrella.lab")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        run = lab.run_all(out, settings)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return run, out, before


def test_every_step_logs_its_wall_and_cpu_seconds(small):
    timed = [re.fullmatch(r"  (.+): (\d+\.\d)s \(CPU (\d+\.\d)s\)", line) for line in LOGGED]
    assert [m.group(1) for m in timed if m] == list(STEPS)


def test_run_all_writes_the_report_and_every_result(small):
    run, out, _ = small
    assert sorted(p.name for p in out.iterdir()) == ["lab.json", "report.html"]
    assert LabRun.model_validate_json((out / "lab.json").read_text()) == run
    # the calibration reported is the committed one that every ensemble of the run used (no refit)
    assert run.analysis.calibration.fingerprint == json.loads(posterior_file().read_text())["fingerprint"]
    html = (out / "report.html").read_text()
    for key in ("evidence", "theory", "games", "scenarios", "rivals", "calibration", "claims"):
        assert f'<section id="{key}">' in html
    assert re.search(r"[\u4e00-\u9fff]", html) and "http://" not in html and "https://" not in html
    assert html.index('<section id="claims">') < html.index('<section id="evidence">')   # the report leads with it
    evaluated = [r for r in run.claims.claims if r.status != "not_modelled"]
    assert evaluated and all(r.basis in ("corroborated", "recorded", "derived", "assumed", "definition")
                             for r in evaluated)


def test_the_findings_open_with_the_ledger_headline_and_count_no_definition_as_a_hold(small):
    from umbrella.views import findings
    run = small[0]
    for lang in ("en", "zh"):
        first, anchor = findings.findings(run, lang)[0]
        assert anchor == "claims" and first == run.claims.headline[lang]
    definitions = sum(r.basis == "definition" for r in run.claims.claims)
    holds = sum(r.status == "holds" and r.basis != "definition" for r in run.claims.claims)
    assert f" {holds} " in run.claims.headline["en"] and f"{definitions} more are definitions" in run.claims.headline["en"]


def test_run_all_leaves_the_committed_posterior_alone(small):
    assert hashlib.sha256(posterior_file().read_bytes()).hexdigest() == small[2]


def test_report_differences_are_paired_comparisons(small, lab):
    """Each scenario runs once; its difference from baseline equals a separate paired comparison."""
    run = small[0]
    (variable, actor), sid = run.settings.scenarios.focus[0], "washington-declaration"
    direct = lab.compare(CompareRequest(a="baseline", b=sid, variable=variable, actor=actor, samples=40, seed=3,
                                        method=run.settings.method))
    assert run.scenarios.diffs[sid][0] == direct
    assert set(run.scenarios.runs) == set(lab.scenarios)


def test_run_all_counts_its_steps(tmp_path, lab, monkeypatch):
    seen = []

    def stop(self, **kwargs):
        raise RuntimeError("stop")
    monkeypatch.setattr(type(lab), "evidence_report", stop)
    with pytest.raises(RuntimeError):
        lab.run_all(tmp_path, LabSettings.read(), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, len(STEPS))]


def test_a_bad_settings_file_is_one_line_per_problem(tmp_path):
    bad = tmp_path / "settings.yaml"
    bad.write_text("samples: many\nseed: 1\nscenarios: {focus: []}\nbogus: 1\n")
    rc, out, err = umbrella("lab", "--settings", bad, "--out", tmp_path / "out")
    lines = assert_input_error(rc, out, err, file="settings.yaml", fields=("samples", "bogus", "focus"))
    assert not (tmp_path / "out").exists()
    assert len(lines) >= 4
