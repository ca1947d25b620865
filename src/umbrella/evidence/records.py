"""Records as plain dicts and flat tables (for JSON, CSV, Parquet and Stata)."""
from __future__ import annotations

from typing import Any

from umbrella.evidence.schema import BibSource, SeedSource


def as_dict(kind: str, record) -> dict[str, Any]:
    """A record as JSON-ready dict; disputes carry their derived fields."""
    out = record.model_dump(mode="json")
    if kind == "disputes":
        out.update(record.derived())
    if kind == "events":
        out["year"] = record.year
    if kind == "series":
        years = [pt.year for pt in record.points]
        out.update(n_points=len(years), first_year=min(years, default=None), last_year=max(years, default=None))
    return out


def source_label(src) -> str:
    """A source as one flat cell: `seed:FILE:quote` or `bib:KEY[:pages]`."""
    if isinstance(src, SeedSource):
        return f"seed:{src.seed}:{' '.join(src.quote.split())}"
    if isinstance(src, BibSource):
        return f"bib:{src.bib}" + (f":{src.pages}" if src.pages else "")
    return str(src)


def _flat(prefix: str, value: Any, row: dict) -> None:
    if isinstance(value, dict):
        if set(value) >= {"en", "zh"} and len(value) <= 3:
            for k, v in value.items():
                row[f"{prefix}_{k}"] = v
            return
        for k, v in value.items():
            _flat(f"{prefix}_{k}", v, row)
    elif isinstance(value, list):
        row[prefix] = "; ".join(_scalar(v) for v in value)
    else:
        row[prefix] = value


def _scalar(v: Any) -> str:
    if isinstance(v, dict):
        if "seed" in v:
            return f"seed:{v['seed']}:{' '.join(str(v.get('quote', '')).split())}"
        if "bib" in v:
            return f"bib:{v['bib']}" + (f":{v['pages']}" if v.get("pages") else "")
        return ", ".join(f"{k}={_scalar(x)}" for k, x in v.items() if x is not None and x != [])
    return str(v)


def table(ev, kind: str):
    """One flat row per record (a pandas DataFrame): bilingual text split into *_en / *_zh, lists
    joined with '; '. Series come in long format, one row per point."""
    import pandas as pd
    if kind == "series":  # long format: one row per observed point
        from umbrella.evidence.series import rows as series_rows
        frame = pd.DataFrame(series_rows(ev))
        return frame.convert_dtypes() if not frame.empty else frame
    rows = []
    for record in ev.kind(kind).values():
        row: dict[str, Any] = {}
        data = as_dict(kind, record)
        if kind == "disputes":
            data["conditions"] = {k: v["value"] for k, v in data["conditions"].items()}
        for key, value in data.items():
            _flat(key, value, row)
        rows.append(row)
    frame = pd.DataFrame(rows)
    for col in frame.columns:
        if col.startswith("conditions_"):
            values = frame[col].dropna()
            # a condition coded true/false in some cases and as a number in others: one numeric column
            if values.map(lambda v: isinstance(v, bool)).any() and not values.map(lambda v: isinstance(v, bool)).all():
                frame[col] = frame[col].map(lambda v: None if v is None else float(v)).astype("float64")
    return frame.convert_dtypes() if not frame.empty else frame
