"""The basis of a claim: planted claims whose truth comes from their own seed's mechanism (assumed)
or from another seed's (derived), on a planted game and a planted regional model in closed form;
evidence claims recorded by a seed quote and corroborated once a bib source is added (a --data
folder); and the combination rules, by hand."""
from __future__ import annotations

import textwrap

import numpy as np
import pytest

from umbrella.claims import Context, evaluate, evaluate_ledger
from umbrella.claims.ablation import Ablator, neutral_values, parameter_seeds
from umbrella.claims.basis import basis_of, ledger_table, model_basis
from umbrella.claims.evaluate import Outcome
from umbrella.claims.ledger import Entry
from umbrella.dynamics.parameters import Parameter as RegionalParameter
from umbrella.games.core import Decision, Game, Parameter, Player, Source, Terminal
from umbrella.lab import ClaimsRequest, Lab

SX, SY = "001_9089bd46b2be49ef.txt", "002_db48c3f1337cf981.txt"
T = {"en": "planted", "zh": "测试"}


# ---- a planted game: the actor acts iff a > c; a is seed X's mechanism, b (seed Y's) pays someone else

def _tree(p):
    return Decision("actor", "act?", (
        ("act", Terminal("acted", {"actor": p["a"] - p["c"], "other": p["b"]})),
        ("wait", Terminal("waited", {"actor": 0.0, "other": 0.0}))))


GAME = Game(id="planted", title=T, description=T, players=(Player("actor", T), Player("other", T)),
            parameters=(Parameter("a", 1.5, 1.0, 2.0, "utility", T, (Source(SX, "§1", "q"),), role="effect", neutral=0.0),
                        Parameter("b", 1.5, 1.0, 2.0, "utility", T, (Source(SY, "§1", "q"),), role="effect", neutral=0.0),
                        Parameter("c", 0.7, 0.5, 0.9, "utility", T, (), role="intercept")),
            build=_tree, outcomes={"acted": T, "waited": T}, actions={"act": T, "wait": T}, solution_concept=T)


# ---- a planted regional model: y = a * lever + b * shock, a from seed X, b from seed Y -------------

def _param(name, seed, role="effect"):
    source = {"seed": seed, "section": "§1", "quote": "q"} if seed else {"note": "assumption"}
    return RegionalParameter(name, 0.5, 1.0, 0.75, "index", "planted", source, 0, role, 0.0 if role == "effect" else None)


class PlantedRegional:
    PARAMETERS = (_param("a", SX), _param("b", SY), _param("k", None, "intercept"))

    def __init__(self, draws=None):
        rng = np.random.default_rng(0)
        self._draws = draws or {p.name: rng.uniform(p.low, p.high, 300) for p in self.PARAMETERS}

    def parameters(self):
        return self.PARAMETERS

    def variant(self, overrides, limit=None, blocks=None):
        n = len(self._draws["a"]) if limit is None else limit
        parts = [{k: (np.full(n, {**overrides, **b}[k]) if k in {**overrides, **b} else v[:n]) for k, v in self._draws.items()}
                 for b in (blocks if blocks is not None else [{}])]
        return PlantedRegional({k: np.concatenate([part[k] for part in parts]) for k in self._draws})

    def draws(self):
        return self._draws

    def is_index(self, variable):
        return True

    def last_year(self, spec):
        return 2040

    def series(self, spec, variable, actor, year):
        lever = shock = 0.0
        for kind, _, value, *_ in spec[1]:
            lever, shock = (float(value), shock) if kind == "lever" else (lever, float(value))
        return self._draws["a"] * lever + self._draws["b"] * shock


def entry(cid, seed, check):
    return Entry(id=cid, seed=seed, quote="q", claim_en="planted", check=check, not_modelled=None)


@pytest.fixture
def ctx():
    return Context(samples=300, seed=4, game_points=60, games={"planted": GAME}, dynamics=PlantedRegional())


ACTS = {"kind": "game", "game": "planted", "expect": {"outcome": "acted"}}
LEVER = {"kind": "lever_sweep", "lever": "l", "values": [0.0, 1.0], "variable": "y", "actor": "KOR", "response": "increasing"}
SHOCK = {"kind": "lever_sweep", "shock": "s", "values": [0.0, 1.0], "variable": "y", "actor": "KOR", "response": "increasing"}


def rows_of(entries, ctx):
    return {r["id"]: r for r in evaluate_ledger(entries, ctx, lambda kind, name: None)}


def test_planted_game_claim_is_assumed_by_its_own_seed_and_derived_by_another(ctx):
    rows = rows_of([entry("S001-01", SX, ACTS), entry("S002-01", SY, ACTS)], ctx)
    own, other = rows["S001-01"], rows["S002-01"]
    assert own["status"] == other["status"] == "holds" and own["share_holds"] == 1.0      # a > c everywhere
    # seed X's own mechanism off (a = 0): the actor waits (-c < 0) at every point
    assert own["share_holds_without_own_seed"] == 0.0 and own["basis"] == "assumed"
    assert [(p["model"], p["parameter"], p["flips"]) for p in own["carried_by"]["parameters"]] == [("planted", "a", True)]
    # the same check claimed by seed Y: Y's mechanism (b) pays the other player only, so it still holds
    assert other["share_holds_without_own_seed"] == 1.0 and other["basis"] == "derived"
    assert other["carried_by"]["parameters"] == []


def test_planted_regional_claims_by_seed(ctx):
    rows = rows_of([entry("S001-02", SX, LEVER), entry("S002-02", SY, LEVER), entry("S001-03", SX, SHOCK)], ctx)
    assert rows["S001-02"]["basis"] == "assumed" and rows["S001-02"]["share_holds_without_own_seed"] == 0.0
    assert [p["parameter"] for p in rows["S001-02"]["carried_by"]["parameters"]] == ["a"]
    assert rows["S002-02"]["basis"] == "derived" and rows["S002-02"]["share_holds_without_own_seed"] == 1.0
    # the shock works through b, seed Y's mechanism: seed X's claim about it follows from another seed
    assert rows["S001-03"]["basis"] == "derived"


def test_stacked_attribution_equals_one_ablation_per_parameter(ctx):
    """The regional model's parameters are switched off in one stacked ensemble; each block must give
    the share that switching that parameter off alone gives."""
    from umbrella.claims.ablation import REGIONAL
    both = {"kind": "all", "checks": [LEVER, SHOCK]}          # needs a (seed X) and b (seed Y)
    ablator = Ablator(ctx, lambda check, c: evaluate(check, c, lambda k, n: None))
    for seed, name in ((SX, "a"), (SY, "b")):
        stacked, = ablator.attribute_all([both], seed)
        alone = evaluate(both, ablator.context(seed, (REGIONAL, name), reduced=True), None).share
        assert [(p["parameter"], p["share_without"]) for p in stacked] == [(name, round(alone, 6))]
        assert alone == 0.0 and stacked[0]["flips"] is True


def test_ablation_uses_the_same_points(ctx):
    ablator = Ablator(ctx, lambda check, c: evaluate(check, c, lambda k, n: None))
    normal, without = evaluate(LEVER, ctx, None), ablator.without(LEVER, SX)
    np.testing.assert_array_equal(normal.X["b"], without.X["b"])           # same draws ...
    assert (without.X["a"] == 0.0).all()                                     # ... with seed X's effect off
    game_normal, game_without = evaluate(ACTS, ctx, None), ablator.without(ACTS, SX)
    np.testing.assert_array_equal(game_normal.X["c"], game_without.X["c"])


def test_parameter_seeds_and_neutral_values():
    assert parameter_seeds(GAME.parameters[0]) == {SX} and parameter_seeds(GAME.parameters[2]) == set()
    assert parameter_seeds(PlantedRegional.PARAMETERS[0]) == {SX} and parameter_seeds(PlantedRegional.PARAMETERS[2]) == set()
    assert neutral_values(GAME.parameters, SY) == {"b": 0.0}
    assert neutral_values(PlantedRegional.PARAMETERS, SX, only="b") == {}


# ---- evidence: recorded by a seed quote, corroborated by a bib source -------------------------------

QUOTE = "韩美两国已全面升级联盟关系，并始终坚持以核安全为联盟基础"      # verbatim in seed 000
LEDGER = f"""\
- id: S000-02
  seed: 000_45274ff425d7892b.txt
  quote: "{QUOTE}"
  claim_en: "a planted statement"
  check: {{kind: evidence, records: events, id: planted-statement-2023}}
"""


def event_yaml(extra_source: str = "") -> str:
    return textwrap.dedent(f"""\
        - id: planted-statement-2023
          date: "2023-05-02"
          type: statement
          actors: [KOR]
          title: {{en: "Planted statement", zh: 测试陈述}}
          sources:
            - seed: 000_45274ff425d7892b.txt
              quote: "{QUOTE}"
        """) + extra_source


def ledger_rows(ledger, data) -> list[dict]:
    result = Lab([data]).claims(ClaimsRequest(ledger=ledger, samples=2, seed=1))
    return [row.model_dump(mode="json") for row in result.claims]


def test_evidence_recorded_then_corroborated(tmp_path):
    ledger = tmp_path / "ledger.yaml"
    ledger.write_text(LEDGER, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "events.yaml").write_text(event_yaml(), encoding="utf-8")
    row, = ledger_rows(ledger, data)
    assert row["status"] == "holds" and row["basis"] == "recorded"
    assert row["carried_by"]["records"] == [{"id": "planted-statement-2023", "kind": "events", "independent": False,
                                             "sources": ["seed:000"]}]
    (data / "events.yaml").write_text(event_yaml("    - {bib: planted2023}\n"), encoding="utf-8")
    (data / "sources.bib").write_text("@misc{planted2023,\n  title = {A planted source},\n  year = {2023}\n}\n",
                                      encoding="utf-8")
    row, = ledger_rows(ledger, data)      # a fresh lab: the evidence is loaded once per lab
    assert row["basis"] == "corroborated" and row["carried_by"]["records"][0]["independent"] is True


# ---- the rules, by hand -----------------------------------------------------------------------------

@pytest.mark.parametrize("share, without, basis", [
    (1.0, 0.5, "assumed"), (0.95, 0.0, "assumed"), (1.0, 0.51, "derived"), (0.96, 0.94, "derived"),
    (1.0, 1.0, "derived"), (0.6, 0.29, "assumed"), (0.6, 0.3, "derived"), (0.0, 0.0, "derived"),
])
def test_model_rule(share, without, basis):
    assert model_basis(share, without) == basis


def leaf(kind, share, basis=None):
    holds = np.array([True] * int(round(100 * share)) + [False] * (100 - int(round(100 * share))))
    if kind != "game":
        holds = np.array([share >= 0.5])
    return Outcome(holds, None, "deterministic" if kind != "game" else "g", "", kind, (), basis)


def test_composites_by_hand():
    evidence, vocab = leaf("evidence", 1.0, "corroborated"), leaf("vocabulary", 1.0, "definition")
    model, model_off = leaf("game", 1.0), leaf("game", 0.2)
    both = Outcome(np.array([True]), None, "g", "", "all", (evidence, model))
    both_off = Outcome(np.array([True]), None, "g", "", "all", (evidence, model_off))
    assert basis_of(both, both_off) == "assumed"                       # the weakest part of an `all`
    assert basis_of(both, None) is None                                 # a model part not judged
    either = Outcome(np.array([True]), None, "g", "", "any", (evidence, model))
    assert basis_of(either, Outcome(np.array([True]), None, "g", "", "any", (evidence, model_off))) == "corroborated"
    with_term = Outcome(np.array([True]), None, "deterministic", "", "all", (vocab, evidence))
    assert basis_of(with_term, None) == "corroborated"                  # a definition part adds nothing
    only_terms = Outcome(np.array([True]), None, "deterministic", "", "all", (vocab, vocab))
    assert basis_of(only_terms, None) == "definition"


def test_ledger_table_counts_holds_by_basis_and_the_rest_by_status():
    rows = [{"seed": "000_x", "status": "holds", "basis": "corroborated"},
            {"seed": "000_x", "status": "holds", "basis": "assumed"},
            {"seed": "000_x", "status": "conditional", "basis": "assumed"},
            {"seed": "004_x", "status": "holds", "basis": "definition"},
            {"seed": "004_x", "status": "not_modelled", "basis": None}]
    table = ledger_table(rows).to_dict()
    s000, s004 = table["seeds"]
    assert (s000["corroborated"], s000["assumed"], s000["conditional"], s000["found"], s000["given"]) == (1, 1, 1, 1, 1)
    assert (s004["definition"], s004["not_modelled"], s004["found"], s004["given"]) == (1, 1, 0, 0)
    assert table["found"] == 1 and table["given"] == 1 and table["definitions"] == 1


def test_the_regional_ablation_pins_the_posterior_draws_of_share_holds(lab):
    """With the calibrated posterior (the default), the ablated model keeps the very draws the check
    was evaluated on and pins only the own seed's effects: `share_holds_without_own_seed` compares
    like with like."""
    from umbrella.claims.ablation import neutral_values
    from umbrella.claims.models import Dynamics
    from umbrella.dynamics.parameters import PARAMETERS
    model = Dynamics(50, 2, lab.evidence, lab.scenarios, lab.posterior)
    prior = Dynamics(50, 2, lab.evidence, lab.scenarios)
    off = neutral_values(PARAMETERS, "002_db48c3f1337cf981.txt")
    assert off and set(off.values()) == {0.0}
    base, ablated = model.draws(), model.variant(off).draws()
    moved = [name for name in base if not np.array_equal(base[name], prior.draws()[name])]
    assert moved                                                     # the posterior's draws, not the prior's
    for name, values in base.items():
        expected = np.full(50, off[name]) if name in off else values
        np.testing.assert_array_equal(ablated[name], expected)
