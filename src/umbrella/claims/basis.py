"""What a claim's check is worth: its basis, computed from the evaluated check, never typed.

* `recorded` — an evidence (or theory) check whose matching records are sourced only by seed
  quotes: the seeds say so, nothing independent confirms it;
* `corroborated` — at least one matching record has an independent (bib) source;
* `assumed` — a model check that stops holding when the claim's own seed's mechanisms (its
  `effect` parameters) are at their neutral values;
* `derived` — a model check that still holds without them: it follows from the rest of the system;
* `definition` — a vocabulary check (or a theory's declared cell): reported apart, never a finding.

The model rule (`model_basis`), with s the share of points where the check holds and s₀ the share
on the same points with the own seed's effects neutral: a claim that holds (s ≥ 0.95) is
`assumed` if s₀ ≤ 0.5 and `derived` otherwise — also when s₀ lies between 0.5 and 0.95, where
the own seed carries part of it (`share_holds_without_own_seed` shows how much). A claim that
does not hold is `assumed` when the own seed carries more than half of the points where it does
hold (s₀ < s/2) and `derived` otherwise.

Composite checks: the basis of `all` is its weakest part's, of `any` its strongest holding part's
(its strongest part's if none holds), in the order assumed < recorded < derived < corroborated;
`definition` parts add nothing to a composite that has other parts (a composite of definitions
only is a definition). Model parts are judged leaf by leaf, each on its own points.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from umbrella.claims.evaluate import MODEL_KINDS, Outcome
from umbrella.claims.status import HOLDS_AT

BASES: tuple[str, ...] = ("corroborated", "recorded", "derived", "assumed", "definition")
FOUND: tuple[str, ...] = ("derived", "corroborated")     # what the laboratory found
GIVEN: tuple[str, ...] = ("recorded", "assumed")         # what it took as given
STRENGTH = {"assumed": 0, "recorded": 1, "derived": 2, "corroborated": 3}
ASSUMED_AT = 0.5      # a holding claim whose share without its own seed is at most this is assumed
#: the columns of the per-seed table, in order (status first where a claim does not hold)
CATEGORIES: tuple[str, ...] = ("corroborated", "recorded", "derived", "assumed", "conditional", "fails",
                               "not_modelled", "definition")


def model_basis(share: float, share_without: float) -> str:
    if share >= HOLDS_AT:
        return "assumed" if share_without <= ASSUMED_AT else "derived"
    return "assumed" if share_without < share / 2 else "derived"


def is_model(outcome: Outcome) -> bool:
    """Does the check (or any part of it) evaluate a model (a game or the regional model)?"""
    return outcome.kind in MODEL_KINDS or any(is_model(p) for p in outcome.parts)


def basis_of(outcome: Outcome, ablated: Optional[Outcome]) -> Optional[str]:
    """The basis of an evaluated check; `ablated` is the same check evaluated with the own seed's
    effects neutral (None when no ablation was run: model parts then have no basis)."""
    if outcome.kind in ("all", "any"):
        subs = ablated.parts if ablated is not None else (None,) * len(outcome.parts)
        parts = [(basis_of(o, a), o.share >= HOLDS_AT) for o, a in zip(outcome.parts, subs)]
        findings = [(b, ok) for b, ok in parts if b != "definition"]
        if not findings:
            return "definition"
        if any(b is None for b, _ in findings):
            return None
        if outcome.kind == "all":
            return min((b for b, _ in findings), key=STRENGTH.__getitem__)
        holding = [b for b, ok in findings if ok] or [b for b, _ in findings]
        return max(holding, key=STRENGTH.__getitem__)
    if outcome.kind in MODEL_KINDS:
        return None if ablated is None else model_basis(outcome.share, ablated.share)
    return outcome.basis


def records_of(outcome: Outcome) -> list[str]:
    """The records behind the evidence and theory parts of a check, in order, without repeats."""
    out = list(outcome.records)
    for part in outcome.parts:
        out.extend(records_of(part))
    return list(dict.fromkeys(out))


def record_ref(record_id: str, kind: str, record: Any) -> dict[str, Any]:
    """A record that carries a claim, as the ledger reports it: its kind, whether it is
    independently sourced, and its sources (`bib:KEY`, `seed:004`)."""
    labels = []
    for source in getattr(record, "sources", None) or ():
        bib, seed = getattr(source, "bib", None), getattr(source, "seed", None)
        labels.append(f"bib:{bib}" if bib else f"seed:{str(seed)[:3]}")
    labels = list(dict.fromkeys(labels))
    return {"id": record_id, "kind": kind, "independent": any(x.startswith("bib:") for x in labels), "sources": labels}


def category(row: dict) -> str:
    """Where a claim goes in the per-seed table: its status unless it holds, else its basis."""
    if row["status"] != "holds":
        return row["status"]
    return row.get("basis") or "holds"


@dataclass
class SeedTally:
    seed: str
    counts: dict[str, int] = field(default_factory=lambda: {c: 0 for c in CATEGORIES})

    @property
    def found(self) -> int:
        return sum(self.counts.get(b, 0) for b in FOUND)

    @property
    def given(self) -> int:
        return sum(self.counts.get(b, 0) for b in GIVEN)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict[str, Any]:
        return {"seed": self.seed, **self.counts, "found": self.found, "given": self.given, "total": self.total}


@dataclass
class LedgerTable:
    """The headline of the ledger: per seed, how many claims were corroborated, recorded, derived,
    assumed (these four among the claims that hold), conditional, failing, not modelled, and
    definitions (reported apart); `found` = derived + corroborated, `given` = recorded + assumed."""
    seeds: list[SeedTally]
    ablated: bool

    @property
    def total(self) -> SeedTally:
        out = SeedTally("all")
        for s in self.seeds:
            for k, v in s.counts.items():
                out.counts[k] = out.counts.get(k, 0) + v
        return out

    def to_dict(self) -> dict[str, Any]:
        total = self.total
        extra = sorted(set(total.counts) - set(CATEGORIES))      # "holds" where no ablation judged a model check
        return {"columns": list(CATEGORIES) + extra, "seeds": [s.to_dict() for s in self.seeds], "total": total.to_dict(),
                "found": total.found, "given": total.given, "definitions": total.counts.get("definition", 0),
                "ablated": self.ablated}


def ledger_table(rows: list[dict], ablated: bool = True) -> LedgerTable:
    seeds: dict[str, SeedTally] = {}
    for row in rows:
        key = str(row.get("seed") or "?")[:3]
        tally = seeds.setdefault(key, SeedTally(key))
        cat = category(row)
        tally.counts[cat] = tally.counts.get(cat, 0) + 1
    return LedgerTable([seeds[k] for k in sorted(seeds)], ablated)
