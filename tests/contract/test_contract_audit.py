"""Regressions of the contract audit of 2026-12-04 (inputs the authors did not write): each test
is one finding, on an input that gave a wrong answer (or a misplaced error) before its fix."""
from __future__ import annotations

import json

from tests.contract.test_contract_claims import entry, run_ledger
from tests.support import assert_input_error


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
