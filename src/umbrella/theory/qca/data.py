"""Set-membership data for QCA: parsed from CSV text or built from coded cases.

No file is read here; the CLI reads the file and passes its text, so that every problem can still
be reported as `PATH:LINE: COLUMN: message`.
"""
from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from umbrella.errors import REQUEST, InputError, Problem
from umbrella.theory.qca.expressions import literal

LABEL_HEADERS = {"", "case", "cases", "id", "label", "name", "country"}


@dataclass(frozen=True)
class QcaData:
    """Raw columns of a table: case labels, and per column its text cells with their line numbers."""
    path: str
    labels: tuple[str, ...]
    cells: dict[str, tuple[str, ...]]
    lines: tuple[int, ...]

    @property
    def columns(self) -> list[str]:
        return list(self.cells)


@dataclass(frozen=True)
class SetData:
    """Validated memberships in [0, 1]: `conditions` (cases × k), `outcome` (cases), case labels."""
    labels: tuple[str, ...]
    condition_names: tuple[str, ...]
    outcome_name: str
    conditions: np.ndarray
    outcome: np.ndarray
    dropped: list[dict] = field(default_factory=list)

    @property
    def crisp(self) -> bool:
        both = np.concatenate([self.conditions.ravel(), self.outcome])
        return bool(np.all((both == 0) | (both == 1)))


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def parse_csv(text: str, path: str, keep: Sequence[str] = ()) -> QcaData:
    """Parse CSV text. The first column holds case labels when its header names it (case, id, ...)
    or its values are not numbers, unless it is one of the columns in `keep`."""
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","    # European spreadsheets
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if any(c.strip() for c in row):
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise InputError([Problem(path, reader.line_num, "-", f"malformed CSV: {exc}")]) from None
    if not rows:
        raise InputError([Problem(path, 1, "-", "empty CSV: expected a header row of column names")])
    header_line, header = rows[0]
    header = [h.strip() for h in header]
    problems = []
    seen: set[str] = set()
    for h in header[1:]:
        if h in seen:
            problems.append(Problem(path, header_line, h or "-", "duplicate column name"))
        if not h:
            problems.append(Problem(path, header_line, "-", "empty column name"))
        seen.add(h)
    body = rows[1:]
    for line, row in body:
        if len(row) != len(header):
            problems.append(Problem(path, line, "-", f"expected {len(header)} fields, got {len(row)}"))
    if problems:
        raise InputError(problems)
    if not body:
        raise InputError([Problem(path, header_line, "-", "no data rows")])
    first = header[0]
    label_col = first not in keep and (first.lower() in LABEL_HEADERS
                                       or not all(_is_number(r[0].strip()) for _, r in body))
    start = 1 if label_col else 0
    labels = tuple(r[0].strip() for _, r in body) if label_col else tuple(str(i + 1) for i in range(len(body)))
    cells = {h: tuple(r[j].strip() for _, r in body) for j, h in enumerate(header) if j >= start}
    return QcaData(path, labels, cells, tuple(line for line, _ in body))


def memberships(data: QcaData, names: Sequence[str], field_of: dict[str, str]) -> dict[str, np.ndarray]:
    """Check that each named column exists and holds numbers in [0, 1]; one problem per bad cell."""
    problems = []
    out: dict[str, np.ndarray] = {}
    for name in names:
        if name not in data.cells:
            problems.append(Problem(data.path, 1, field_of.get(name, name),
                                    f"unknown column {name!r} (columns: {', '.join(data.columns)})"))
            continue
        values = np.empty(len(data.labels))
        for i, (cell, line) in enumerate(zip(data.cells[name], data.lines)):
            try:
                v = float(cell)
            except ValueError:
                problems.append(Problem(data.path, line, name, f"{cell!r} is not a number"))
                continue
            if not math.isfinite(v) or v < 0 or v > 1:
                problems.append(Problem(data.path, line, name, f"{cell} is outside [0, 1] (a set membership)"))
                continue
            values[i] = v
        out[name] = values
    if problems:
        raise InputError(problems)
    return out


def raw_column(data: QcaData, name: str) -> np.ndarray:
    """A column of raw numbers (any finite value), for calibration."""
    if name not in data.cells:
        raise InputError([Problem(data.path, 1, "column", f"unknown column {name!r} (columns: {', '.join(data.columns)})")])
    problems, values = [], []
    for cell, line in zip(data.cells[name], data.lines):
        if not _is_number(cell):
            problems.append(Problem(data.path, line, name, f"{cell!r} is not a finite number"))
        else:
            values.append(float(cell))
    if problems:
        raise InputError(problems)
    return np.array(values)


def parse_conditions(spec: str, field: str = "conditions") -> list[str]:
    names = [c.strip() for c in (spec or "").split(",") if c.strip()]
    problems = []
    if not names:
        problems.append(Problem(REQUEST, 0, field, "give at least one condition, e.g. A,B,C"))
    for n in names:
        if n.startswith("~"):
            problems.append(Problem(REQUEST, 0, field, f"{n!r}: conditions are plain column names"))
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        problems.append(Problem(REQUEST, 0, field, f"repeated condition(s): {', '.join(dupes)}"))
    if problems:
        raise InputError(problems)
    return names


def set_data(data: QcaData, conditions: Sequence[str], outcome: str) -> SetData:
    """Select conditions and the outcome (`Y` or `~Y`) from a parsed table. A row with an empty
    cell in one of them (a missing value) is left out and listed in `dropped`, as coded cases
    without a coding are (`from_records`); any other cell must be a membership in [0, 1]."""
    name, value = literal(outcome, "outcome")
    if name in conditions:
        raise InputError([Problem(REQUEST, 0, "outcome", f"{name!r} is also a condition")])
    needed = [n for n in list(conditions) + [name] if n in data.cells]
    kept, dropped = [], []
    for i, label in enumerate(data.labels):
        empty = [n for n in needed if data.cells[n][i] == ""]
        if empty:
            dropped.append({"id": label, "reason": f"no value for {', '.join(empty)} (line {data.lines[i]})"})
        else:
            kept.append(i)
    data = QcaData(data.path, tuple(data.labels[i] for i in kept),
                   {n: tuple(c[i] for i in kept) for n, c in data.cells.items()}, tuple(data.lines[i] for i in kept))
    field_of = {c: "conditions" for c in conditions} | {name: "outcome"}
    cols = memberships(data, list(conditions) + [name], field_of)
    y = cols[name] if value == 1 else 1.0 - cols[name]
    x = np.column_stack([cols[c] for c in conditions]) if conditions else np.zeros((len(data.labels), 0))
    return SetData(data.labels, tuple(conditions), outcome.replace(" ", ""), x, y, dropped)


def from_records(records: Sequence[dict], labels: Sequence[str], conditions: Sequence[str], outcome: str,
                 source: str = "<cases>") -> SetData:
    """Set data from coded cases: `records[i]` maps column name -> bool/number/None.

    A case lacking a value for a needed column is dropped and listed with the reason."""
    name, value = literal(outcome, "outcome")
    if name in conditions:
        raise InputError([Problem(REQUEST, 0, "outcome", f"{name!r} is also a condition")])
    needed = list(conditions) + [name]
    known = set().union(*[r.keys() for r in records]) if records else set()
    unknown = [n for n in needed if n not in known]
    if unknown:
        field = "outcome" if name in unknown else "conditions"
        raise InputError([Problem(source, 0, field, f"unknown column(s) {', '.join(unknown)} "
                                                     f"(the cases provide: {', '.join(sorted(known))})")])
    rows, kept, dropped, problems = [], [], [], []
    for label, rec in zip(labels, records):
        missing = [n for n in needed if rec.get(n) is None]
        if missing:
            dropped.append({"id": label, "reason": f"no coding for {', '.join(missing)}"})
            continue
        vals = [float(rec[n]) for n in needed]
        bad = [n for n, v in zip(needed, vals) if not 0 <= v <= 1]
        if bad:
            problems.extend(Problem(source, 0, f"{label}.{n}", f"{rec[n]} is outside [0, 1]") for n in bad)
            continue
        rows.append(vals)
        kept.append(label)
    if problems:
        raise InputError(problems)
    arr = np.array(rows, dtype=float).reshape(len(rows), len(needed))
    y = arr[:, -1] if value == 1 else 1.0 - arr[:, -1]
    return SetData(tuple(kept), tuple(conditions), outcome.replace(" ", ""), arr[:, :-1], y, dropped)
