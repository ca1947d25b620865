"""What a record is about, for filters: the actors it involves, the years it covers, its type, its text.

One function per question, each answering for every kind, so that every front end filters the
same way (`Lab.records` with `actor`, `start`, `end`, `type`, `text`).
"""
from __future__ import annotations

import json
from typing import Any, Optional

#: the field each kind is typed by (what the `type` filter compares)
TYPE_FIELD = {"actors": "role", "alliances": "structure", "mechanisms": "alliance", "deployments": "intensity",
              "disputes": "observed_strategy", "events": "type", "surveys": "item", "series": "unit"}
#: the kinds whose records cover years (what the `start`/`end` filters apply to)
DATED = frozenset({"alliances", "mechanisms", "deployments", "disputes", "events", "surveys", "series"})


def actors_of(kind: str, record: Any) -> set[str]:
    """The actor codes a record involves (its own id for an actor)."""
    if kind == "actors":
        return {record.id}
    if kind == "alliances":
        return {record.patron, *record.members}
    if kind == "mechanisms":
        return set(record.allies)
    if kind in ("deployments", "disputes"):
        return {record.patron, record.host}
    if kind == "events":
        return set(record.actors)
    if kind == "surveys":
        return {record.country}
    if kind == "series":
        return {record.subject}
    return set()


def years_of(kind: str, record: Any) -> tuple[Optional[int], Optional[int]]:
    """The first and last year a record covers (None where open or undated)."""
    if kind == "alliances":
        return record.founded, record.ended
    if kind == "mechanisms":
        return record.established, record.ended
    if kind == "deployments":
        return record.start, record.end
    if kind == "disputes":
        return record.period.start, record.period.end
    if kind == "events":
        return record.year, record.year
    if kind == "surveys":
        return record.year, record.year
    if kind == "series":
        years = [p.year for p in record.points if p.year is not None]
        return (min(years), max(years)) if years else (None, None)
    return None, None


def type_of(kind: str, record: Any) -> Optional[str]:
    field = TYPE_FIELD.get(kind)
    if field == "observed_strategy":
        return record.derived_strategy or "open"
    value = getattr(record, field, None) if field else None
    return None if value is None else str(value)


def matches(kind: str, record: Any, actor: Optional[str] = None, start: Optional[int] = None,
            end: Optional[int] = None, type: Optional[str] = None, text: Optional[str] = None) -> bool:
    """Whether a record passes every given filter: it involves `actor`; its years meet [start, end]
    (an open end runs on; an undated record passes no year filter); its type is `type`; `text` occurs
    (case-insensitive) in any of its fields, in either language."""
    if actor is not None and actor not in actors_of(kind, record):
        return False
    if start is not None or end is not None:
        first, last = years_of(kind, record)
        if first is None:
            return False
        if start is not None and last is not None and last < start:
            return False
        if end is not None and first > end:
            return False
    if type is not None and type_of(kind, record) != type:
        return False
    if text:
        blob = json.dumps(record.model_dump(mode="json"), ensure_ascii=False).casefold()
        if text.casefold() not in blob:
            return False
    return True
