"""The ledger file: one entry per claim, each with a check or a reason it is not modelled.

```yaml
- id: S004-03
  seed: 004_a9c63d3a1281ba4d.txt
  quote: "…verbatim Chinese…"
  claim_en: "…"
  check: {kind: theory, theory: deployment-typology, cell: {alt: true, multilateral: true}, predicted: concede}
- id: S000-31
  seed: 000_45274ff425d7892b.txt
  quote: "…"
  claim_en: "…"
  not_modelled: "why the models cannot express it"
```
`load_ledger(path, refs)` reads and validates every entry and reports every problem at once as
`PATH:LINE: FIELD: message` (InputError).
"""
from __future__ import annotations

import pathlib
import re
from dataclasses import dataclass
from typing import Optional

from umbrella.claims.language import Refs, validate
from umbrella.evidence.loader import seed_texts
from umbrella.errors import InputError, Problem
from umbrella.yamlio import dotted, line_of, load_yaml

ID_PATTERN = re.compile(r"^S[0-9]{3}-[0-9]{2,3}[a-z]?$")
FIELDS = {"id", "seed", "section", "quote", "claim_en", "type", "stance", "check", "not_modelled", "notes"}
REQUIRED = ("id", "seed", "quote", "claim_en")


@dataclass(frozen=True)
class Entry:
    id: str
    seed: str
    quote: str
    claim_en: str
    check: Optional[dict]
    not_modelled: Optional[str]
    type: Optional[str] = None
    stance: Optional[str] = None
    section: Optional[str] = None
    line: int = 0


def default_ledger() -> pathlib.Path:
    """The project's own ledger, bundled with the package."""
    from umbrella.resources import ledger_file
    return ledger_file()


def load_ledger(path: pathlib.Path, refs: Refs, display: Optional[str] = None) -> list[Entry]:
    shown = display or str(path)
    data, lines = load_yaml(pathlib.Path(path), shown)
    if not isinstance(data, list):
        raise InputError([Problem(shown, line_of(lines, ()), "-", "a ledger is a list of claim entries")])
    problems: list[Problem] = []
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    seeds = seed_texts()  # None where ../shared/seeds is absent: quotes are then not checked

    def problem(loc: tuple, message: str) -> None:
        problems.append(Problem(shown, line_of(lines, loc), dotted(loc), message))

    for i, raw in enumerate(data):
        if not isinstance(raw, dict):
            problem((i,), "an entry must be a mapping")
            continue
        for key in raw:
            if key not in FIELDS:
                problem((i, key), f"unknown field (allowed: {', '.join(sorted(FIELDS))})")
        for key in REQUIRED:
            if not isinstance(raw.get(key), str) or not raw.get(key).strip():
                problem((i, key), "missing or empty")
        cid = raw.get("id")
        if isinstance(cid, str):
            if not ID_PATTERN.match(cid):
                problem((i, "id"), f"{cid!r} is not an id like S004-03")
            if cid in seen:
                problem((i, "id"), f"duplicate id {cid!r} (first on line {seen[cid]})")
            seen.setdefault(cid, line_of(lines, (i,)))
        has_check, has_reason = "check" in raw, "not_modelled" in raw
        if has_check == has_reason:
            problem((i,), "give exactly one of `check` or `not_modelled: REASON`")
        if has_reason and (not isinstance(raw["not_modelled"], str) or not raw["not_modelled"].strip()):
            problem((i, "not_modelled"), "the reason must be a non-empty string")
        if has_check:
            for loc, message in validate(raw["check"], (i, "check"), refs):
                problem(loc, message)
        if seeds is not None and isinstance(raw.get("seed"), str) and isinstance(raw.get("quote"), str):
            for message in _quote_problem(raw["seed"], raw["quote"], seeds):
                problem((i, "quote"), message)
        entries.append(Entry(id=str(cid), seed=str(raw.get("seed")), quote=str(raw.get("quote")),
                             claim_en=str(raw.get("claim_en")), check=raw.get("check"),
                             not_modelled=raw.get("not_modelled"), type=raw.get("type"),
                             stance=raw.get("stance"), section=raw.get("section"),
                             line=line_of(lines, (i,))))
    if problems:
        raise InputError(problems)
    return entries


def check_kind(check: Optional[dict]) -> Optional[str]:
    if not check:
        return None
    if check.get("kind") in ("all", "any"):
        inner = sorted({check_kind(c) for c in check.get("checks", [])} - {None})
        return f"{check['kind']}({','.join(inner)})"
    return check.get("kind")


def _quote_problem(seed: str, quote: str, squashed_seeds: dict[str, str]) -> list[str]:
    """A ledger quote (fragments joined by ' … ') must occur in its seed, whitespace ignored (§3.1)."""
    text = squashed_seeds.get(seed)
    if text is None:
        return [f"unknown seed file {seed!r}"]
    missing = [f for f in (re.sub(r"\s+", "", part) for part in quote.split("…")) if f and f not in text]
    return [f"quote fragment not found verbatim in {seed}: {missing[0][:30]!r}"] if missing else []


def quote_problems(entries: list[Entry], seeds: dict[str, str]) -> list[str]:
    """Entries whose quote (fragments joined by ' … ') is not in their seed, ignoring whitespace."""
    bad = []
    for entry in entries:
        text = seeds.get(entry.seed)
        if text is None:
            bad.append(f"{entry.id}: unknown seed {entry.seed}")
            continue
        squashed = re.sub(r"\s+", "", text)
        for fragment in entry.quote.split("…"):
            fragment = re.sub(r"\s+", "", fragment)
            if fragment and fragment not in squashed:
                bad.append(f"{entry.id}: quote fragment not in {entry.seed}: {fragment[:30]}")
    return bad


