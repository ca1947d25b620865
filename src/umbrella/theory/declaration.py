"""Theories as declarations: conditions with coding rules, an outcome space and a mapping from
condition values to predictions. Built-in theories are YAML files in `theory/theories/`; a user
adds one with `--theories DIR` (every `*.yaml` in it, one theory a file) without writing Python.

Reading the declarations is the only file access of this layer (like the evidence loader); the
scoring in `umbrella.theory.scoring` is pure.
"""
from __future__ import annotations

import importlib.resources
import pathlib
from typing import Annotated, Iterable, Literal, Optional, Union

from pydantic import Field, ValidationError, model_validator

from umbrella.errors import InputError, Problem
from umbrella.evidence.loader import display, seed_texts, source_problems, validation_problems
from umbrella.evidence.schema import CONDITION_NAME, STRATEGIES, RecordId, Sources, Strict, Text
from umbrella.yamlio import Lines, dotted, line_of, load_yaml

# package data beside this module (a wheel carries them); found like every bundled resource
BUILTIN_DIR = pathlib.Path(str(importlib.resources.files("umbrella.theory").joinpath("theories")))
CONDITION = Annotated[str, Field(pattern=CONDITION_NAME)]
# Typed dispute fields a coding may compare with a value (SYSTEM.md §3.3).
DISPUTE_FIELDS = ("structure", "host_position", "us_preferred_intensity", "confidence", "alliance", "host", "patron")


class Coding(Strict):
    """How a condition is read from a dispute case; exactly one form:
    `{rule: alt}` / `{rule: multilateral}` — the derived codings of SYSTEM.md §3.3;
    `{condition: KEY}` — the case's own `conditions:` map (null where the case lacks KEY);
    `{field: NAME, equals: VALUE}` — true where a typed field of the case has that value."""
    rule: Optional[Literal["alt", "multilateral"]] = None
    condition: Optional[CONDITION] = None
    field: Optional[Literal[DISPUTE_FIELDS]] = None      # type: ignore[valid-type]
    equals: Optional[str] = None

    @model_validator(mode="after")
    def _one_form(self) -> "Coding":
        forms = [self.rule is not None, self.condition is not None, self.field is not None]
        if sum(forms) != 1:
            raise ValueError("a coding is one of {rule: alt|multilateral}, {condition: KEY}, {field: NAME, equals: VALUE}")
        if (self.field is None) != (self.equals is None):
            raise ValueError("`field` and `equals` go together")
        return self

    def describe(self) -> str:
        if self.rule:
            return {"alt": "any alternative with available: true", "multilateral": "structure == multilateral"}[self.rule]
        if self.condition:
            return f"conditions.{self.condition}"
        return f"{self.field} == {self.equals}"


class ConditionDecl(Strict):
    name: CONDITION
    label: Text
    coding: Coding
    sources: Sources


class ScopeDecl(Strict):
    """A case whose coding equals `outside_when` lies outside the theory's premise: not scored."""
    name: CONDITION
    label: Text
    coding: Coding
    outside_when: bool
    sources: Sources


class RuleDecl(Strict):
    when: dict[CONDITION, bool] = Field(min_length=1)
    predict: Union[bool, str]
    label: Optional[Text] = None
    sources: list = []


class TableDecl(Strict):
    rows: CONDITION
    columns: Optional[CONDITION] = None


class TheoryDecl(Strict):
    id: RecordId
    name: Text
    description: Text
    outcome: Literal["strategy", "conceded"]
    conditions: list[ConditionDecl] = Field(min_length=1)
    scope: list[ScopeDecl] = []
    predictions: list[RuleDecl] = Field(min_length=1)
    table: Optional[TableDecl] = None
    sources: Sources
    notes: Optional[str] = None

    @property
    def condition_names(self) -> list[str]:
        return [c.name for c in self.conditions]

    @property
    def outcomes(self) -> list:
        return list(STRATEGIES) if self.outcome == "strategy" else [True, False]

    def label(self, lang: str) -> str:
        return self.name.get(lang)


def _semantic_problems(t: TheoryDecl, path: str, lines: Lines) -> list[Problem]:
    """Checks across fields, each reported at its own line."""
    out = []
    names = t.condition_names
    for i, c in enumerate(t.conditions):
        if names.count(c.name) > 1 and names.index(c.name) != i:
            out.append(Problem(path, line_of(lines, ("conditions", i, "name")), f"conditions[{i}].name",
                               f"condition {c.name!r} declared twice"))
    seen: dict[tuple, int] = {}
    for i, r in enumerate(t.predictions):
        loc = ("predictions", i)
        for key in r.when:
            if key not in names:
                out.append(Problem(path, line_of(lines, loc + ("when", key)), dotted(loc + ("when", key)),
                                   f"unknown condition {key!r} (declared: {', '.join(names)})"))
        ok = (r.predict in STRATEGIES) if t.outcome == "strategy" else isinstance(r.predict, bool)
        if not ok:
            want = " | ".join(STRATEGIES) if t.outcome == "strategy" else "true | false (conceded or not)"
            out.append(Problem(path, line_of(lines, loc + ("predict",)), dotted(loc + ("predict",)),
                               f"{r.predict!r} is not in the outcome space ({want})"))
        key = tuple(sorted(r.when.items()))
        if key in seen:
            out.append(Problem(path, line_of(lines, loc + ("when",)), dotted(loc + ("when",)),
                               f"same conditions as predictions[{seen[key]}]"))
        seen.setdefault(key, i)
    if t.table is not None:
        for part in ("rows", "columns"):
            name = getattr(t.table, part)
            if name is not None and name not in names:
                out.append(Problem(path, line_of(lines, ("table", part)), f"table.{part}",
                                   f"unknown condition {name!r}"))
    return out


def load_theories(extra_dirs: Iterable[pathlib.Path] = (), bib: Optional[dict] = None,
                  include_builtin: bool = True) -> dict[str, TheoryDecl]:
    """Validate the built-in theories and every `*.yaml` of each extra directory; raise
    InputError listing every problem. The same id twice is an error."""
    files: list[pathlib.Path] = sorted(BUILTIN_DIR.glob("*.yaml")) if include_builtin else []
    problems: list[Problem] = []
    for d in extra_dirs:
        d = pathlib.Path(d)
        if not d.is_dir():
            problems.append(Problem(display(d), 0, "theories", "not a directory"))
            continue
        found = sorted(d.glob("*.yaml")) + sorted(d.glob("*.yml"))
        if not found:
            problems.append(Problem(display(d), 0, "theories", "no *.yaml theory file in this directory"))
        files += found
    seeds = seed_texts()
    theories: dict[str, TheoryDecl] = {}
    where: dict[str, str] = {}
    for f in files:
        path = display(f)
        try:
            raw, lines = load_yaml(f, path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if not isinstance(raw, dict):
            problems.append(Problem(path, 1, "-", "a theory file holds one mapping (id, name, conditions, ...)"))
            continue
        problems.extend(source_problems(raw, path, lines, (), bib, seeds))
        try:
            t = TheoryDecl.model_validate(raw)
        except ValidationError as exc:
            problems.extend(validation_problems(exc, path, lines, ()))
            continue
        found = _semantic_problems(t, path, lines)
        if t.id in theories:
            found.append(Problem(path, line_of(lines, ("id",)), "id", f"duplicate theory id {t.id!r} (also {where[t.id]})"))
        problems.extend(found)
        if not found:
            theories[t.id] = t
            where[t.id] = f"{path}:{line_of(lines, ('id',))}"
    if problems:
        raise InputError(sorted(set(problems), key=lambda q: (q.path, q.line, q.field, q.message)))
    return theories
