"""Exports read back equal to what was written; World snapshots follow the records' years."""
from __future__ import annotations

import pandas as pd
import pytest

from umbrella.evidence import load
from umbrella.evidence.export import export
from umbrella.evidence.records import table
from tests.evidence.test_evidence_validation import ACTORS, ALLIANCES, BIB, DISPUTE, make_dir

DEPLOYMENTS = """\
- id: dep-fixed
  patron: USA
  host: ESP
  intensity: fixed
  systems: [bombers]
  start: 1958
  end: 1979
  sources: [{bib: ref-a}]
- id: dep-visits
  patron: USA
  host: ESP
  intensity: non_fixed
  start: 1958
  sources: [{bib: ref-a}]
"""


@pytest.fixture
def ev(tmp_path):
    d = make_dir(tmp_path / "d", {"actors.yaml": ACTORS, "alliances.yaml": ALLIANCES, "sources.bib": BIB,
                                  "deployments.yaml": DEPLOYMENTS, "disputes/test-case.yaml": DISPUTE})
    return load(extra_dirs=[d], include_base=False)


def test_parquet_round_trip(ev, tmp_path):
    export(ev, "parquet", tmp_path / "out")
    back = pd.read_parquet(tmp_path / "out" / "disputes.parquet")
    assert back.loc[0, "id"] == "test-case"
    assert back.loc[0, "observed_strategy"] == "concede"
    assert bool(back.loc[0, "alt"]) is True
    assert back.loc[0, "title_zh"] == "测试案例"
    assert set(pd.read_parquet(tmp_path / "out" / "actors.parquet")["id"]) == {"USA", "ESP", "test-org"}


def test_stata_round_trip(ev, tmp_path):
    export(ev, "dta", tmp_path / "out")
    back = pd.read_stata(tmp_path / "out" / "disputes.dta")
    assert back.loc[0, "id"] == "test-case"
    assert back.loc[0, "observed_strategy"] == "concede"
    assert back.loc[0, "alt"] == 1.0
    assert back.loc[0, "period_start"] == 1976
    assert "end_" in pd.read_stata(tmp_path / "out" / "deployments.dta").columns
    deployments = pd.read_stata(tmp_path / "out" / "deployments.dta")
    assert sorted(deployments["intensity"]) == ["fixed", "non_fixed"]


def test_csv_matches_table_and_bib_export(ev, tmp_path):
    export(ev, "csv", tmp_path / "out")
    back = pd.read_csv(tmp_path / "out" / "alliances.csv")
    assert list(back["id"]) == list(table(ev, "alliances")["id"])
    export(ev, "bib", tmp_path / "bib")
    assert "@book{ref-a," in (tmp_path / "bib" / "sources.bib").read_text(encoding="utf-8")
    assert not list((tmp_path / "out").glob(".*tmp"))


def test_world_snapshot(ev):
    assert ev.world(1970).by_intensity()["fixed"] == ["ESP"]
    assert ev.world(1985).by_intensity() == {"fixed": [], "non_fixed": ["ESP"], "none": []}
    assert ev.world(1950).deployments == {}
    assert "test-alliance" in ev.world(1953).alliances and "test-alliance" not in ev.world(1952).alliances


def test_numeric_and_boolean_codings_of_one_condition_export(tmp_path):
    other = DISPUTE.replace("id: test-case", "id: other-case").replace("ally_resolve: true", "ally_resolve: 0.4")
    d = make_dir(tmp_path / "d", {"actors.yaml": ACTORS, "alliances.yaml": ALLIANCES, "sources.bib": BIB,
                                  "disputes/test-case.yaml": DISPUTE, "disputes/other-case.yaml": other})
    ev = load(extra_dirs=[d], include_base=False)
    export(ev, "parquet", tmp_path / "out")
    back = pd.read_parquet(tmp_path / "out" / "disputes.parquet").set_index("id")
    assert back.loc["test-case", "conditions_ally_resolve"] == 1.0
    assert back.loc["other-case", "conditions_ally_resolve"] == 0.4


def test_export_into_a_path_under_a_file_is_an_input_error(ev, tmp_path):
    from umbrella.errors import InputError
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as info:
        export(ev, "csv", blocker / "sub")
    assert len(info.value.problems) == 1 and info.value.problems[0].field == "out"
