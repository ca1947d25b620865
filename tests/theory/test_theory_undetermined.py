"""A closed case whose observed strategy is `undetermined` is scored as a miss (SYSTEM.md §3.4:
only open cases have `match: null`)."""
import json

from tests.support import umbrella

CASE = """\
id: probe-undetermined
title: {en: probe, zh: 探针}
patron: USA
host: ISL
period: {start: 1970, end: 1971}
alliance: nato
structure: multilateral
us_preferred_intensity: fixed
host_position: none
final_intensity: fixed
alternatives: [{kind: geographic, detail: another base, available: true}]
us_actions: []
confidence: low
sources: [{bib: kristensen2005}]
"""


def test_undetermined_closed_case_is_a_scored_miss(tmp_path):
    (tmp_path / "disputes").mkdir()
    (tmp_path / "disputes" / "probe-undetermined.yaml").write_text(CASE, encoding="utf-8")
    rc, out, err = umbrella("theory", "test", "--theory", "deployment-typology", "--data", tmp_path, "--format", "json")
    assert rc == 0, err
    result = json.loads(out)
    case = next(c for c in result["cases"] if c["id"] == "probe-undetermined")
    assert case["observed"] == "undetermined" and case["predicted"] == "concede" and case["match"] is False
    assert "probe-undetermined" not in [c["id"] for c in result["summary"]["not_scored"]]
