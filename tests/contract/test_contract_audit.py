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
