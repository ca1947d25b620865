"""Contract audit, claims (SYSTEM.md §3.8) with a small ledger written here in the check language
(claims/language.py: evidence, theory, game, scenario_compare, scenario_value, not_modelled),
and bad ledgers → exit 2, one `PATH:LINE: FIELD: message` line per problem."""
from __future__ import annotations

import json

import pytest

from tests.support import SEED_004, assert_input_error, umbrella

QUOTE = "西班牙在1982年正式加入北约,成为美国和西方阵营的重要盟友。"
STATUSES = {"holds", "fails", "conditional", "not_modelled"}


def entry(n, check=None, not_modelled=None):
    head = f'- id: S004-{n}\n  seed: {SEED_004}\n  quote: "{QUOTE}"\n  claim_en: probe {n}\n'
    return head + (f"  check: {check}\n" if check else f"  not_modelled: {not_modelled}\n")


GOOD = "".join([
    entry(91, "{kind: theory, theory: deployment-typology, case: spain-1988, observed: concede}"),
    entry(92, "{kind: theory, theory: deployment-typology, accuracy: {min: 0.5}}"),
    entry(93, not_modelled="no model of this"),
    entry(94, "{kind: scenario_value, scenario: baseline, variable: proliferation_probability, actor: JPN, value: {max: 1.0}}"),
    entry(95, "{kind: game, game: deployment-bargaining, set: {alt: 0, multilateral: 0}, over: defaults, expect: {outcome: pressure}}"),
    entry(96, "{kind: evidence, records: disputes, where: {host: ESP}}"),
    entry(97, "{kind: game, game: deployment-bargaining, set: {alt: 1, multilateral: 1}, over: defaults, expect: {outcome: pressure}}"),
])


def run_ledger(tmp_path, text, *extra):
    p = tmp_path / "ledger.yaml"
    p.write_text(text, encoding="utf-8")
    return umbrella("claims", "--ledger", p, "--samples", 16, "--seed", 1, "--format", "json", *extra)


def test_small_ledger(tmp_path):
    rc, out, err = run_ledger(tmp_path, GOOD)
    assert rc == 0, err
    rows = {r["id"]: r for r in json.loads(out)["claims"]}
    assert set(rows) == {f"S004-{n}" for n in range(91, 98)}
    for r in rows.values():
        assert {"id", "status", "share_holds", "fails_when", "reason"} <= set(r)
        assert r["status"] in STATUSES
    assert rows["S004-91"]["status"] == "holds"            # 004 codes Spain as a concession
    assert rows["S004-93"]["status"] == "not_modelled" and rows["S004-93"]["share_holds"] is None
    assert rows["S004-93"]["reason"]
    assert rows["S004-95"]["status"] == "holds"            # seed 004: bilateral, no alternative → pressure
    assert rows["S004-96"]["status"] == "holds"
    assert rows["S004-97"]["status"] == "fails"            # multilateral with an alternative → concede


BAD = {
    "unknown-kind": (entry(91, "{kind: astrology, theory: deployment-typology}"), "kind"),
    "unknown-variable": (entry(91, "{kind: scenario_value, scenario: baseline, variable: nosuch, actor: KOR, value: {min: 0}}"), "variable"),
    "unknown-scenario": (entry(91, "{kind: scenario_compare, a: baseline, b: no-such-scenario, variable: threat, actor: KOR, direction: increase}"), "check.b"),
    "unknown-case": (entry(91, "{kind: theory, theory: deployment-typology, case: no-such-case, observed: concede}"), "case"),
    "unknown-game-parameter": (entry(91, "{kind: game, game: deployment-bargaining, set: {nosuch: 1}, expect: {outcome: pressure}}"), "nosuch"),
    "bad-direction": (entry(91, "{kind: scenario_compare, a: baseline, b: washington-declaration, variable: threat, actor: KOR, direction: sideways}"), "direction"),
    "duplicate-id": (entry(91, not_modelled="x") + entry(91, not_modelled="y"), "id"),
    "neither": (f'- id: S004-91\n  seed: {SEED_004}\n  quote: "{QUOTE}"\n  claim_en: x\n', ""),
    "malformed": ("- id: [broken\n", ""),
    "not-a-list": ("id: S004-91\n", ""),
    "empty": ("", ""),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_ledger(tmp_path, name):
    text, field = BAD[name]
    rc, out, err = run_ledger(tmp_path, text)
    assert_input_error(rc, out, err, file="ledger.yaml", fields=(field,) if field else ())
    assert out == ""


def test_ledger_path_that_is_not_a_file(tmp_path):
    rc, out, err = umbrella("claims", "--ledger", tmp_path, "--samples", 16, "--format", "json")
    assert_input_error(rc, out, err, max_lines=1)


def test_unresolvable_game_expect_path_is_an_input_error(tmp_path):
    text = entry(91, "{kind: game, game: deployment-bargaining, set: {alt: 0, multilateral: 0}, over: defaults, expect: {outcme: pressure}}")
    rc, out, err = run_ledger(tmp_path, text)
    assert_input_error(rc, out, err, file="ledger.yaml", fields=("expect",))


def test_game_solve_json_path_is_resolved_or_rejected(tmp_path):
    text = entry(91, "{kind: game, game: deployment-bargaining, set: {alt: 0, multilateral: 0}, over: defaults, expect: {equilibrium.outcome: pressure}}")
    rc, out, err = run_ledger(tmp_path, text)
    if rc == 2:
        assert_input_error(rc, out, err, file="ledger.yaml", fields=("expect",))
    else:   # or it resolves like `game solve --format json`: seed 004 says pressure here
        assert rc == 0 and json.loads(out)["claims"][0]["status"] == "holds", err
