"""The small JSON documents that the CLI (`--format json`) and the HTTP API both return.

One builder per document, so that the two views cannot drift apart.
"""
from __future__ import annotations

from typing import Any


def record_document(ev, record_id: str) -> dict[str, Any]:
    """`data show ID`: the record with its kind and where it is defined (KeyError if unknown)."""
    from umbrella.evidence.records import as_dict
    kind, record = ev.get(record_id)
    path, line = ev.origin(record_id)
    return {"kind": kind, "defined_at": f"{path}:{line}", **as_dict(kind, record)}


def theory_rows(theories: dict) -> list[dict[str, Any]]:
    """`theory list`: id, bilingual name and description, outcome space and conditions."""
    return [{"id": t.id, "name": t.name.model_dump(), "description": t.description.model_dump(),
             "outcome": t.outcome, "conditions": t.condition_names, "outcomes": t.outcomes}
            for t in theories.values()]


def game_rows() -> list[dict[str, Any]]:
    """`game list`: id, title, players, parameters and documented cases of each game."""
    from umbrella import games
    return [{"id": g.id, "title": g.title, "players": [p.name for p in g.players],
             "parameters": [p.name for p in g.parameters], "cases": list(g.cases)} for g in games.GAMES.values()]


def scenario_rows() -> list[dict[str, Any]]:
    """`scenarios`: the scenario library with years, ensemble settings and sources."""
    from umbrella.dynamics.scenario import library, load_scenario
    rows = []
    for sid in library():
        sc = load_scenario(sid)
        rows.append({"id": sc.id, "title": sc.title, "start": sc.start, "end": sc.end, "ensemble": sc.ensemble,
                     "sources": sc.sources})
    return rows
