"""Exports of the evidence base: CSV, Parquet, Stata .dta (one file per record kind) and BibTeX.

Each file is written to a temporary name and renamed, so an interrupted export leaves nothing
half-written.
"""
from __future__ import annotations

import io
import pathlib
import re

import numpy as np
import pandas as pd

from umbrella.evidence.records import table
from umbrella.evidence.schema import KINDS
from umbrella.outputs import atomic_write, ensure_dir

FORMATS = ("csv", "parquet", "dta", "bib")
# Stata (Mata) reserved words that could occur as column names here; pandas would rename them silently
STATA_RESERVED = {"end", "float", "int", "long", "double", "byte", "if", "in", "using", "with", "default",
                  "delete", "do", "else", "for", "function", "global", "local", "export", "case", "class",
                  "const", "array", "boolean", "break", "string", "version"}


def _stata_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Stata wants ≤32-character names, numbers or plain strings, no nullable extension types."""
    if frame.empty:
        return pd.DataFrame({"id": pd.Series([], dtype=object)})
    out = pd.DataFrame(index=frame.index)
    used: set[str] = set()
    for col in frame.columns:
        name = re.sub(r"[^A-Za-z0-9_]", "_", str(col))[:32]
        if name in STATA_RESERVED:  # e.g. `end`: Stata reserves it, so it becomes `end_`
            name = f"{name}_"
        base, k = name, 1
        while name in used:
            name = f"{base[:29]}_{k}"
            k += 1
        used.add(name)
        s = frame[col]
        if pd.api.types.is_bool_dtype(s):
            out[name] = s.astype("float64").astype("Int8").astype("float64")
        elif pd.api.types.is_numeric_dtype(s):
            out[name] = s.astype("float64")
        else:
            out[name] = s.astype(object).where(s.notna(), "").astype(str)
    return out


def _csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Yes/no columns as 1/0 (empty where missing), so a QCA or a regression reads them as numbers."""
    out = frame.copy()
    for col in out.columns:
        values = out[col].dropna()
        if len(values) and all(isinstance(v, (bool, np.bool_)) for v in values):
            out[col] = out[col].map(lambda v: pd.NA if pd.isna(v) else int(v)).astype("Int8")
    return out


def _payload(ev, kind: str, fmt: str) -> bytes:
    frame = table(ev, kind)
    buf = io.BytesIO()
    if fmt == "csv":
        buf.write(_csv_frame(frame).to_csv(index=False).encode("utf-8"))
    elif fmt == "parquet":
        frame.to_parquet(buf, index=False)
    elif fmt == "dta":
        stata = _stata_frame(frame)
        strl = [c for c in stata.columns if stata[c].dtype == object and stata[c].str.len().max() > 244]
        stata.to_stata(buf, write_index=False, version=118, convert_strl=strl)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return buf.getvalue()


def export(ev, fmt: str, out_dir: pathlib.Path) -> list[pathlib.Path]:
    """Write the evidence base in `fmt` into `out_dir`; return the files written.

    Every file is produced in memory first, so a failure leaves no partial export behind; each
    file is then written atomically."""
    out_dir = ensure_dir(pathlib.Path(out_dir))
    if fmt == "bib":
        payloads = {"sources.bib": ("\n\n".join(ev.bib[k] for k in sorted(ev.bib)) + "\n").encode("utf-8")}
    else:
        payloads = {f"{kind}.{fmt}": _payload(ev, kind, fmt) for kind in KINDS}
    written = []
    for name, data in payloads.items():
        atomic_write(out_dir / name, data)
        written.append(out_dir / name)
    return written
