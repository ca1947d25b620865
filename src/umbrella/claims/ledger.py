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
from typing import Any, Optional

from pydantic import ValidationInfo, field_validator, model_validator

from umbrella.claims.language import Check, Refs, is_kind_tag
from umbrella.errors import InputError, Problem
from umbrella.evidence.loader import seed_texts
from umbrella.validation import Issues, Strict, validate
from umbrella.yamlio import line_of, load_yaml

ID_PATTERN = re.compile(r"^S[0-9]{3}-[0-9]{2,3}[a-z]?$")


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


def _text(value: Any) -> Any:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("missing or empty")
    return value


class LedgerEntry(Strict):
    """One claim of a ledger file: its seed passage and a `check` or a `not_modelled` reason."""
    id: str
    seed: str
    quote: str
    claim_en: str
    section: Optional[str] = None
    type: Optional[str] = None
    stance: Optional[str] = None
    check: Optional[Check] = None
    not_modelled: Optional[str] = None
    notes: Any = None

    @field_validator("id", "seed", "quote", "claim_en", mode="before")
    @classmethod
    def _present(cls, value: Any) -> Any:
        return _text(value)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise ValueError(f"{value!r} is not an id like S004-03")
        return value

    @field_validator("not_modelled", mode="before")
    @classmethod
    def _reason(cls, value: Any) -> Any:
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise ValueError("the reason must be a non-empty string")
        return value

    @model_validator(mode="after")
    def _check_or_reason(self, info: ValidationInfo) -> "LedgerEntry":
        issues = Issues()
        if ("check" in self.model_fields_set) == ("not_modelled" in self.model_fields_set):
            issues.add((), "give exactly one of `check` or `not_modelled: REASON`")
        seeds = (info.context or {}).get("seeds")   # None where ../shared/seeds is absent: quotes not checked
        if seeds is not None:
            for message in _quote_problem(self.seed, self.quote, seeds):
                issues.add(("quote",), message)
        issues.raise_if_any()
        return self


def load_ledger(path: pathlib.Path, refs: Refs, display: Optional[str] = None) -> list[Entry]:
    """Read and validate a ledger file; every problem of every entry at once (InputError)."""
    shown = display or str(path)
    data, lines = load_yaml(pathlib.Path(path), shown)
    if not isinstance(data, list):
        raise InputError([Problem(shown, line_of(lines, ()), "-", "a ledger is a list of claim entries")])
    problems: list[Problem] = []
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    context = {"refs": refs, "seeds": seed_texts()}
    for i, raw in enumerate(data):
        if not isinstance(raw, dict):
            problems.append(Problem(shown, line_of(lines, (i,)), f"[{i}]", "an entry must be a mapping"))
            continue
        cid = raw.get("id")
        if isinstance(cid, str) and cid in seen:
            problems.append(Problem(shown, line_of(lines, (i, "id")), f"[{i}].id",
                                    f"duplicate id {cid!r} (first on line {seen[cid]})"))
        if isinstance(cid, str):
            seen.setdefault(cid, line_of(lines, (i,)))
        try:
            entry = validate(LedgerEntry, raw, shown, lines, context, prefix=(i,), tags=is_kind_tag)
        except InputError as exc:
            problems.extend(Problem(p.path, p.line, _indexed(i, p.field), p.message) for p in exc.problems)
            continue
        entries.append(Entry(id=entry.id, seed=entry.seed, quote=entry.quote, claim_en=entry.claim_en,
                             check=raw.get("check"), not_modelled=entry.not_modelled, type=entry.type,
                             stance=entry.stance, section=entry.section, line=line_of(lines, (i,))))
    if problems:
        raise InputError(problems)
    return entries


def _indexed(i: int, field: str) -> str:
    """`[i].field`: the entry's place in the ledger list, as the field of its problems."""
    return f"[{i}]" if field == "-" else f"[{i}].{field}"


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
