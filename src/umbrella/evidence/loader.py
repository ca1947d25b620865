"""Load, validate and merge evidence directories into one `Evidence`.

A data directory has the layout of the bundled `data/` (any subset of it). Every problem of every
file is collected and reported at once, one line each: `PATH:LINE: FIELD: message`.
"""
from __future__ import annotations

import functools
import os
import pathlib
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Optional

from pydantic import BaseModel, ValidationError

from umbrella.errors import InputError, Problem
from umbrella.evidence import series as observed
from umbrella.evidence.schema import KINDS, Dispute
from umbrella.yamlio import Lines, dotted, line_of, load_yaml, read_input

LIST_FILES = {f"{kind}.yaml": kind for kind in KINDS if kind != "disputes"}
BIB_ENTRY = re.compile(r"@(\w+)\s*\{\s*([^,\s]+)\s*,")
USER_ASSIGNED = re.compile(r"^(AA[A-Z]|Q[M-Z][A-Z]|X[A-Z]{2}|ZZ[A-Z])$")


def bundled_data_dir() -> pathlib.Path:
    """The evidence base bundled with the package."""
    from umbrella.resources import data_dir
    return data_dir()


def seeds_dir() -> Optional[pathlib.Path]:
    """The seeds: `UMBRELLA_SEEDS`, else `shared/seeds` in or beside the working directory (the project
    is run from its root, where CI keeps them at `../shared/seeds`), if present."""
    cwd = pathlib.Path.cwd()
    candidates = [os.environ.get("UMBRELLA_SEEDS"), cwd / "shared" / "seeds", cwd.parent / "shared" / "seeds"]
    for c in candidates:
        if c and pathlib.Path(c).is_dir():
            return pathlib.Path(c)
    return None


def display(path: pathlib.Path) -> str:
    """A path as users typed it: relative to the working directory where that is shorter."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return rel if not rel.startswith("../..") else str(path)


@dataclass
class Evidence:
    """The validated, merged evidence base. Records by kind, each a dict id → record."""
    actors: dict = field(default_factory=dict)
    alliances: dict = field(default_factory=dict)
    mechanisms: dict = field(default_factory=dict)
    deployments: dict = field(default_factory=dict)
    disputes: dict = field(default_factory=dict)
    events: dict = field(default_factory=dict)
    surveys: dict = field(default_factory=dict)
    series: dict = field(default_factory=dict)
    bib: dict[str, str] = field(default_factory=dict)          # key → BibTeX entry text
    origins: dict[str, tuple[str, int]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)         # id → kind
    warnings: list[str] = field(default_factory=list)
    quotes_checked: bool = False

    def kind(self, name: str) -> dict:
        return getattr(self, name)

    def origin(self, record_id: str) -> tuple[str, int]:
        return self.origins[record_id]

    def get(self, record_id: str) -> tuple[str, BaseModel]:
        """(kind, record) for any id; KeyError if unknown."""
        kind = self.kinds[record_id]
        return kind, self.kind(kind)[record_id]

    def world(self, year: int):
        from umbrella.evidence.world import World
        return World.at(self, year)

    def counts(self) -> dict[str, int]:
        return {kind: len(self.kind(kind)) for kind in KINDS}


@dataclass
class _Parsed:
    kind: str
    record: Optional[BaseModel]   # None where the schema rejected it (raw checks still run)
    raw: dict
    path: str
    lines: Lines
    prefix: tuple       # location of the record inside its file (() or (index,))

    def line(self, *loc) -> int:
        return line_of(self.lines, self.prefix + tuple(loc))

    def problem(self, loc: tuple, message: str) -> Problem:
        return Problem(self.path, self.line(*loc), dotted(tuple(loc)) if loc else "-", message)


_MESSAGES = {
    "extra_forbidden": "unknown field",
    "missing": "required field missing",
}


def validation_problems(exc: ValidationError, path: str, lines: Lines, prefix: tuple) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(part for part in err["loc"] if part not in ("seed", "bib") or not _is_tag(err["loc"], part))
        message = _MESSAGES.get(err["type"], err["msg"])
        if err["type"] in ("literal_error", "enum", "string_pattern_mismatch", "int_type", "int_parsing",
                           "bool_type", "bool_parsing", "float_parsing", "string_type", "list_type",
                           "greater_than_equal", "less_than_equal", "too_short"):
            message += f" (got {err['input']!r})" if not isinstance(err["input"], (dict, list)) else ""
        message = message.replace("Value error, ", "")
        out.append(Problem(path, line_of(lines, prefix + loc), dotted(loc) if loc else "-", message))
    return out


def _is_tag(loc: tuple, part: Any) -> bool:
    """pydantic puts the union tag into locations: (…, 'sources', 0, 'seed', 'quote')."""
    i = loc.index(part)
    return i > 0 and isinstance(loc[i - 1], int) and "sources" in loc[:i]


def _parse(model: type[BaseModel], kind: str, data: Any, path: str, lines: Lines, prefix: tuple,
           problems: list[Problem]) -> Optional[_Parsed]:
    if not isinstance(data, dict):
        problems.append(Problem(path, line_of(lines, prefix), "-", f"a {kind[:-1]} record must be a mapping"))
        return None
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, path, lines, prefix))
        record = None
    return _Parsed(kind, record, data, path, lines, prefix)


def _read_dir(directory: pathlib.Path, problems: list[Problem], warnings: list[str],
              bibs: list[tuple[str, str]]) -> list[_Parsed]:
    parsed: list[_Parsed] = []
    for entry in sorted(directory.iterdir()):
        shown = display(entry)
        if entry.name.startswith("."):
            continue
        if entry.name in LIST_FILES:
            kind = LIST_FILES[entry.name]
            try:
                data, lines = load_yaml(entry, shown)
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            if data is None:
                continue
            if not isinstance(data, list):
                problems.append(Problem(shown, 1, "-", f"{entry.name} must be a YAML list of {kind} records"))
                continue
            for i, item in enumerate(data):
                p = _parse(KINDS[kind], kind, item, shown, lines, (i,), problems)
                if p:
                    parsed.append(p)
        elif entry.name == "disputes" and entry.is_dir():
            for case in sorted(entry.iterdir()):
                if case.name.startswith("."):
                    continue
                if case.suffix not in (".yaml", ".yml") or not case.is_file():
                    warnings.append(f"{display(case)}: ignored (not part of the data layout: disputes/<id>.yaml)")
                    continue
                try:
                    data, lines = load_yaml(case, display(case))
                except InputError as exc:
                    problems.extend(exc.problems)
                    continue
                p = _parse(Dispute, "disputes", data, display(case), lines, (), problems)
                if p:
                    if p.raw.get("id") != case.stem:
                        warnings.append(f"{display(case)}: file name differs from id {p.raw.get('id')!r}")
                    parsed.append(p)
        elif entry.name == "sources.bib":
            try:
                bibs.append((shown, read_input(entry, shown)))
            except InputError as exc:
                problems.extend(exc.problems)
        else:
            warnings.append(f"{shown}: ignored (not part of the data layout)")
    return parsed


def _bib_entries(path: str, text: str, problems: list[Problem], merged: dict[str, str],
                 where: dict[str, str]) -> None:
    starts = [(m.start(), m[2], text.count("\n", 0, m.start()) + 1) for m in BIB_ENTRY.finditer(text)]
    for i, (pos, key, line) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        entry = _entry_text(text[pos:end])
        if entry is None:
            problems.append(Problem(path, line, "bib", f"entry {key!r}: unbalanced braces"))
            continue
        if key in merged:
            problems.append(Problem(path, line, "bib", f"duplicate bib key {key!r} (also in {where[key]})"))
            continue
        merged[key] = entry
        where[key] = f"{path}:{line}"


def _entry_text(entry: str) -> Optional[str]:
    """One BibTeX entry up to its closing brace (text after it, e.g. comments, is not part of it),
    or None where its braces (escaped \\{ \\} aside) never balance."""
    depth = 0
    i = 0
    while i < len(entry):
        ch = entry[i]
        if ch == "\\":
            i += 2
            continue
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return None
        if depth == 0 and ch == "}":
            return entry[:i + 1]
        i += 1
    return None


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def valid_actor(code: str, organisations: set[str]) -> bool:
    if code in organisations:
        return True
    if re.fullmatch(r"[A-Z]{3}", code) and not USER_ASSIGNED.match(code):
        import pycountry        # here: only a fresh load checks codes (evidence/cache.py), and its import is slow
        return pycountry.countries.get(alpha_3=code) is not None
    return False


def walk_sources(node: Any, loc: tuple = (), in_sources: bool = False) -> Iterator[tuple[tuple, dict]]:
    """Every source mapping in a raw record: the items of any `sources:` list, at any depth."""
    if isinstance(node, dict):
        if in_sources:
            yield loc, node
            return
        for k, v in node.items():
            yield from walk_sources(v, loc + (k,), in_sources=(k == "sources" and isinstance(v, list)))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from walk_sources(item, loc + (i,), in_sources)


def _actor_fields(raw: dict) -> Iterator[tuple[tuple, str]]:
    for name in ("patron", "host", "country", "subject"):
        if isinstance(raw.get(name), str):
            yield (name,), raw[name]
    if isinstance(raw.get("derive"), dict) and isinstance(raw["derive"].get("actor"), str):
        yield ("derive", "actor"), raw["derive"]["actor"]
    for name in ("members", "allies", "actors"):
        if isinstance(raw.get(name), list):
            for i, code in enumerate(raw[name]):
                if isinstance(code, str):
                    yield (name, i), code
    for i, mi in enumerate(raw.get("model_inputs") or [] if isinstance(raw.get("model_inputs"), list) else []):
        if isinstance(mi, dict) and isinstance(mi.get("ally"), str):
            yield ("model_inputs", i, "ally"), mi["ally"]


def _cross_check(parsed: list[_Parsed], bib: dict[str, str], seeds: Optional[dict[str, str]],
                 problems: list[Problem]) -> None:
    """Checks between records and against sources; they run on raw data, so a record the schema
    rejected still gets its dangling references reported in the same run."""
    ids: dict[str, _Parsed] = {}
    for p in parsed:
        rid = p.raw.get("id")
        if not isinstance(rid, str):
            continue
        if rid in ids:
            other = ids[rid]
            problems.append(p.problem(("id",), f"duplicate id {rid!r} (also defined at {other.path}:{other.line('id')})"))
        else:
            ids[rid] = p

    def kind_of(rid: str) -> Optional[tuple[str, dict]]:
        return (ids[rid].kind, ids[rid].raw) if rid in ids else None

    events = [p.raw for p in parsed if p.kind == "events"]
    organisations = {p.raw.get("id") for p in parsed if p.kind == "actors" and p.raw.get("kind") == "organisation"}
    alliances = {p.raw.get("id") for p in parsed if p.kind == "alliances"}
    for p in parsed:
        raw = p.raw
        if p.kind == "actors" and raw.get("kind") == "state" and isinstance(raw.get("id"), str) \
                and not valid_actor(raw["id"], set()):
            problems.append(p.problem(("id",), f"{raw['id']!r} is not an ISO 3166-1 alpha-3 country code"))
        for loc, code in _actor_fields(raw):
            if not valid_actor(code, organisations):
                problems.append(p.problem(loc, f"unknown actor {code!r}: not an ISO 3166-1 alpha-3 code "
                                               f"nor an organisation id of actors.yaml"))
        if p.kind in ("disputes", "mechanisms") and isinstance(raw.get("alliance"), str) \
                and raw["alliance"] not in alliances:
            problems.append(p.problem(("alliance",), f"unknown alliance {raw['alliance']!r}"))
        for i, rel in enumerate(raw.get("related") or [] if isinstance(raw.get("related"), list) else []):
            if isinstance(rel, str) and rel not in ids:
                problems.append(p.problem(("related", i), f"unknown record id {rel!r}"))
        if p.kind == "disputes" and p.record is not None:
            _check_strategy(p, problems)
        if p.kind == "series":
            problems.extend(observed.check(raw, p.problem, kind_of, events))
        problems.extend(source_problems(raw, p.path, p.lines, p.prefix, bib, seeds))


def source_problems(raw: Any, path: str, lines: Lines, prefix: tuple, bib: Optional[dict],
                    seeds: Optional[dict[str, str]]) -> list[Problem]:
    """Problems with the sources of one raw record (any mapping with `sources:` lists at any depth):
    unknown bib keys (when `bib` is given) and quotes not found in their seed (when seeds are)."""
    out = []
    for loc, src in walk_sources(raw):
        where = prefix + loc
        if isinstance(src.get("bib"), str) and "seed" not in src:
            if bib is not None and src["bib"] not in bib:
                out.append(Problem(path, line_of(lines, where + ("bib",)), dotted(loc + ("bib",)),
                                   f"bib key {src['bib']!r} not in any sources.bib"))
        elif seeds is not None and isinstance(src.get("seed"), str) and isinstance(src.get("quote"), str):
            if src["seed"] not in seeds:
                out.append(Problem(path, line_of(lines, where + ("seed",)), dotted(loc + ("seed",)),
                                   f"unknown seed file {src['seed']!r}"))
            elif not squash(src["quote"]) or squash(src["quote"]) not in seeds[src["seed"]]:
                out.append(Problem(path, line_of(lines, where + ("quote",)), dotted(loc + ("quote",)),
                                   f"quote not found verbatim in {src['seed']}: "
                                   f"{' '.join(src['quote'].split())[:50]!r}"))
    return out


@functools.lru_cache(maxsize=4)
def _seed_texts_at(directory: Optional[pathlib.Path]) -> Optional[dict[str, str]]:
    if directory is None:
        return None
    return {f.name: squash(f.read_text(encoding="utf-8")) for f in directory.glob("*.txt")}


def seed_texts() -> Optional[dict[str, str]]:
    """The seeds with whitespace removed, by file name; None where the seeds are not present."""
    return _seed_texts_at(seeds_dir())


def _check_strategy(p: _Parsed, problems: list[Problem]) -> None:
    d: Dispute = p.record
    if d.observed_strategy is None:
        return
    if d.is_open:
        problems.append(p.problem(("observed_strategy",), "observed_strategy given for an open case "
                                                          "(no final_intensity)"))
    elif d.observed_strategy != d.derived_strategy:
        problems.append(p.problem(("observed_strategy",),
                                  f"{d.observed_strategy!r} contradicts the coding rules of SYSTEM.md §3.3, "
                                  f"which give {d.derived_strategy!r} from final_intensity and us_actions"))


def load(extra_dirs: Iterable[pathlib.Path] = (), *, base: Optional[pathlib.Path] = None,
         include_base: bool = True, cached: bool = False) -> Evidence:
    """Validate and merge the bundled data with each extra directory; raise InputError listing
    every problem of every file. `cached`: reuse what an earlier process loaded from the very same
    inputs (evidence/cache.py)."""
    dirs = ([base or bundled_data_dir()] if include_base else []) + [pathlib.Path(d) for d in extra_dirs]
    if cached:
        from umbrella.evidence.cache import load_cached
        return load_cached(lambda: load(extra_dirs, base=base, include_base=include_base), dirs, seeds_dir())
    problems: list[Problem] = []
    warnings: list[str] = []
    bibs: list[tuple[str, str]] = []
    parsed: list[_Parsed] = []
    for d in dirs:
        if not d.is_dir():
            problems.append(Problem(display(d), 0, "data", "not a directory"))
            continue
        parsed.extend(_read_dir(d, problems, warnings, bibs))
    bib: dict[str, str] = {}
    where: dict[str, str] = {}
    for path, text in bibs:
        _bib_entries(path, text, problems, bib, where)
    seeds = seed_texts()
    _cross_check(parsed, bib, seeds, problems)
    if problems:
        raise InputError(sorted(set(problems), key=lambda q: (q.path, q.line, q.field, q.message)))
    ev = Evidence(bib=bib, warnings=warnings, quotes_checked=seeds is not None)
    for p in parsed:
        ev.kind(p.kind)[p.record.id] = p.record
        ev.origins[p.record.id] = (p.path, p.line())
        ev.kinds[p.record.id] = p.kind
    observed.resolve(ev)
    if seeds is None:
        ev.warnings.append("seed quotes not checked: ../shared/seeds not found (set UMBRELLA_SEEDS)")
    return ev
