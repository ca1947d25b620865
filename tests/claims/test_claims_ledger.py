"""The ledger file: validation with one line per problem, the project's ledger against the seeds'
claims list, determinism, and the `umbrella claims` command."""
from __future__ import annotations

import json
import pathlib
import re

import pytest
import yaml

from umbrella.claims.language import Refs
from umbrella.claims.ledger import default_ledger, load_ledger
from umbrella.claims.models import Models
from umbrella.errors import InputError
from umbrella.evidence.loader import seed_texts
from umbrella.lab import ClaimsRequest

from tests.support import ROOT, SEEDS, umbrella

CLAIMS = ROOT.parent / "shared" / "claims" / "claims.yaml"

GOOD = """\
- id: S004-05
  seed: 004_a9c63d3a1281ba4d.txt
  quote: "美国"
  claim_en: "alt + multilateral -> concede"
  check: {kind: game, game: deployment-bargaining, set: {alt: 1, multilateral: 1}, expect: {outcome: concede}}
- id: S002-05
  seed: 002_db48c3f1337cf981.txt
  quote: "美国"
  claim_en: "salience raises entrapment fear"
  check: {kind: lever_sweep, lever: nuclear_salience, values: [0.0, 1.0], variable: entrapment_fear, actor: KOR, response: increasing}
- id: S000-31
  seed: 000_45274ff425d7892b.txt
  quote: "美国"
  claim_en: "a recommendation to China"
  not_modelled: "no Chinese actor"
"""


@pytest.fixture(scope="module")
def refs(lab) -> Refs:
    return Models(10, 1, evidence=lab.evidence, theories=lab.theories, scenarios=lab.scenarios).refs()


def rows_of(lab, **request) -> list[dict]:
    return [row.model_dump(mode="json") for row in lab.claims(ClaimsRequest(**request)).claims]


def write(tmp_path: pathlib.Path, text: str) -> pathlib.Path:
    path = tmp_path / "ledger.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: pathlib.Path, refs: Refs) -> list[str]:
    with pytest.raises(InputError) as exc:
        load_ledger(path, refs)
    return [str(p) for p in exc.value.problems]


@pytest.mark.parametrize("old, new, line, field, message", [
    ("kind: game,", "kind: gam,", 5, "[0].check.kind", "unknown check kind"),
    ("variable: entrapment_fear", "variable: entrapment", 10, "[1].check.variable", "unknown variable"),
    ("lever: nuclear_salience", "lever: nuclear_salinece", 10, "[1].check.lever", "unknown lever"),
    ("game: deployment-bargaining", "game: chicken", 5, "[0].check.game", "unknown game"),
    ("response: increasing", "response: upward", 10, "[1].check.response", "bad response"),
    ("outcome: concede}", "outcome: surrender}", 5, "[0].check.expect.outcome", "unknown outcome"),
    ("multilateral: 1}, expect", "multilateralism: 1}, expect", 5, "[0].check.set.multilateralism", "unknown parameter"),
    ("response: increasing}", "response: increasing, tolerance: -1}", 10, "[1].check.tolerance", "not a non-negative"),
    ("actor: KOR,", "actor: KOR, year: soon,", 10, "[1].check.year", "not a year"),
    ("expect: {outcome:", "expect: {outcme:", 5, "[0].check.expect.outcme", "unknown result path"),
    ("expect: {outcome: concede}", "expect: {analysis.no_such: 1}", 5, "[0].check.expect.analysis.no_such", "does not resolve"),
])
def test_validation_one_line_per_problem(tmp_path, refs, old, new, line, field, message):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    lines = problems_of(path, refs)
    assert len(lines) == 1, lines
    assert re.match(rf"^{re.escape(str(path))}:{line}: {re.escape(field)}: .*{message}", lines[0]), lines[0]


def test_validation_reports_every_problem(tmp_path, refs):
    text = GOOD.replace("kind: game,", "kind: gam,").replace("actor: KOR", "actor: PRK")
    text += "- id: S004-05\n  seed: x\n  quote: 美国\n  claim_en: e\n  check: {kind: scenario_compare, a: baseline, " \
            "b: nowhere, variable: threat, actor: KOR, direction: sideways}\n"
    lines = problems_of(write(tmp_path, text), refs)
    joined = "\n".join(lines)
    for expected in ("unknown check kind", "keyed by", "duplicate id", "unknown scenario 'nowhere'", "bad direction"):
        assert expected in joined, joined


def test_unknown_record_and_missing_reason(tmp_path, refs):
    text = GOOD + ("- id: S004-97\n  seed: s\n  quote: 美国\n  claim_en: e\n"
                   "  check: {kind: evidence, records: disputes, id: atlantis-1999}\n"
                   "- id: S004-98\n  seed: s\n  quote: 美国\n  claim_en: e\n")
    joined = "\n".join(problems_of(write(tmp_path, text), refs))
    assert "unknown record 'atlantis-1999'" in joined
    assert "give exactly one of `check` or `not_modelled" in joined


def test_project_ledger_covers_the_seeds_claims(refs):
    claims = yaml.safe_load(CLAIMS.read_text(encoding="utf-8"))
    entries = load_ledger(default_ledger(), refs)
    assert [e.id for e in entries] == [c["id"] for c in claims]
    by_id = {c["id"]: c for c in claims}
    assert all(e.quote == by_id[e.id]["quote_zh"] and e.seed == by_id[e.id]["seed"] for e in entries)
    assert all(e.check is not None or (e.not_modelled and "not yet curated" not in e.not_modelled) for e in entries)
    assert sum(e.check is not None for e in entries) >= 0.8 * len(entries)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not available")
def test_project_ledger_quotes_are_verbatim(refs):
    """Loading checks every quote against its seed (a bad one is an input error: test_claims_quotes)."""
    assert seed_texts() is not None
    assert len(load_ledger(default_ledger(), refs)) == len(yaml.safe_load(CLAIMS.read_text(encoding="utf-8")))


SMALL = GOOD + """\
- id: S001-25
  seed: 001_9089bd46b2be49ef.txt
  quote: "美国"
  claim_en: "belief in retaliation"
  check: {kind: game_statics, game: unilateral-deterrence, vary: {p_hard: [0.2, 0.8]}, quantity: analysis.challenger_challenges, direction: nonincrease}
- id: S002-29
  seed: 002_db48c3f1337cf981.txt
  quote: "美国"
  claim_en: "visibility"
  check: {kind: scenario_compare, a: baseline, b: washington-declaration, variable: public_nuclear_support, actor: KOR, direction: increase}
"""


def test_same_seed_same_rows_other_seed_other_draws(tmp_path, lab):
    path = write(tmp_path, SMALL)
    first = rows_of(lab, ledger=path, samples=40, seed=5)
    assert rows_of(lab, ledger=path, samples=40, seed=5) == first
    other = rows_of(lab, ledger=path, samples=40, seed=6)
    assert [r["id"] for r in other] == [r["id"] for r in first]
    assert [r["reason"] for r in other] != [r["reason"] for r in first]


def test_cli_json_contract_and_bad_ledger(tmp_path):
    path = write(tmp_path, SMALL)
    code, out, err = umbrella("claims", "--ledger", path, "--samples", 30, "--format", "json")
    assert code == 0, err
    rows = json.loads(out)["claims"]
    assert [r["id"] for r in rows] == ["S004-05", "S002-05", "S000-31", "S001-25", "S002-29"]
    for r in rows:
        assert set(r) >= {"id", "status", "share_holds", "fails_when", "reason", "basis", "share_holds_without_own_seed"}
        assert r["status"] in {"holds", "fails", "conditional", "not_modelled"}
        assert not r.get("error")
    basis = {r["id"]: r["basis"] for r in rows}
    # 004's typology cell rests on 004's own payoff terms; Zagare & Kilgour's game carries no seed's mechanism
    assert (basis["S004-05"], basis["S000-31"], basis["S001-25"]) == ("assumed", None, "derived")
    assert {basis["S002-05"], basis["S002-29"]} <= {"assumed", "derived"}
    code, out, err = umbrella("claims", "--ledger", path, "--samples", 30, "--no-ablate", "--format", "json")
    assert code == 0, err
    quick = json.loads(out)["claims"]
    assert [r["basis"] for r in quick] == [None, None, None, None, None]      # model checks are not judged
    assert rows[2]["status"] == "not_modelled" and rows[2]["share_holds"] is None and rows[2]["reason"]
    bad = write(tmp_path, SMALL.replace("direction: increase", "direction: up"))
    code, out, err = umbrella("claims", "--ledger", bad)
    assert code == 2 and out == ""
    assert re.fullmatch(rf"{re.escape(str(bad))}:\d+: \[4\]\.check\.direction: bad direction 'up'.*\n", err), err
    code, _, err = umbrella("claims", "--samples", 1)
    assert code == 2 and "--samples" in err


def test_project_ledger_evaluates_without_errors(lab):
    rows = rows_of(lab, samples=12, seed=2)
    assert len(rows) == len(yaml.safe_load(CLAIMS.read_text(encoding="utf-8")))
    assert [r["id"] for r in rows if r.get("error") or r.get("ablation_error")] == []
    for r in rows:
        assert (r["share_holds"] is None) == (r["status"] == "not_modelled")
        assert (r["fails_when"] is not None) <= (r["status"] == "conditional")
        # every evaluated claim has a basis; model checks also the share without their own seed
        assert (r["basis"] is None) == (r["status"] == "not_modelled"), r["id"]
        assert r["basis"] in (None, "recorded", "corroborated", "assumed", "derived", "definition")
        model = r["check"] is not None and any(k in r["check"] for k in ("game", "scenario_", "lever_sweep"))
        assert (r["share_holds_without_own_seed"] is not None) == model, r["id"]
    # the typology's checks in 004 that rest on the deployment game only restate 004's own mechanisms
    by_id = {r["id"]: r for r in rows}
    assert by_id["S004-09"]["basis"] == "assumed"
    assert by_id["S004-03"]["basis"] == "definition"


def test_game_result_paths_of_game_solve_json_resolve(tmp_path, refs, lab):
    """`equilibrium.outcome` (as `umbrella game solve --format json` prints it) is the same as `outcome`."""
    text = GOOD.replace("expect: {outcome: concede}", "expect: {equilibrium.outcome: concede, payoffs.patron: {gt: payoffs.host}}")
    entries = load_ledger(write(tmp_path, text), refs)
    assert entries[0].check["expect"]["equilibrium.outcome"] == "concede"
    rows = rows_of(lab, ledger=write(tmp_path, text), samples=10, seed=1)
    assert rows[0]["n_points"] == 10 and not rows[0].get("error")


def test_model_checks_report_their_share_under_the_posterior_and_the_prior(tmp_path, lab):
    """Model checks run over distinct posterior draws by default, with the prior's share beside them;
    checks that use no draws carry the same share under both; `prior` runs over the prior only."""
    path = write(tmp_path, SMALL)
    rows = {r["id"]: r for r in rows_of(lab, ledger=path, samples=40, seed=5)}
    dynamic, game = rows["S002-29"], rows["S004-05"]
    assert dynamic["parameters_from"] == "posterior" and dynamic["share_holds_prior"] is not None
    assert dynamic["status_prior"] in {"holds", "fails", "conditional"}
    assert game["parameters_from"] is None and game["share_holds_prior"] == game["share_holds"]
    prior = {r["id"]: r for r in rows_of(lab, ledger=path, samples=40, seed=5, prior=True)}
    assert prior["S002-29"]["parameters_from"] == "prior"
    assert prior["S002-29"]["share_holds"] == prior["S002-29"]["share_holds_prior"] == dynamic["share_holds_prior"]
