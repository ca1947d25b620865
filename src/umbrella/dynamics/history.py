"""Lever and shock history from the evidence base: every event's `model_inputs` becomes a `Setting`.

A lever set by an event holds from the event's year until its `until` year (inclusive) or until a
later event changes it; a shock without `until` covers the event's year only.
"""
from __future__ import annotations

from typing import Any, Optional

from umbrella.dynamics.inputs import Setting
from umbrella.dynamics.vocabulary import ALLIES, LEVER_BY_NAME, SHOCK_BY_NAME
from umbrella.errors import InputError, Problem


def inputs_from_evidence(evidence: Any) -> list[Setting]:
    """Settings from `evidence.events` (a loaded evidence base) in date order."""
    events = sorted(evidence.events.values(), key=lambda e: (str(e.date), e.id))
    settings: list[Setting] = []
    problems: list[Problem] = []
    for event in events:
        for k, item in enumerate(event.model_inputs):
            setting, reason = _setting(item, int(event.year))
            if reason:
                path, line = _origin(evidence, event.id)
                problems.append(Problem(path, line, f"{event.id}.model_inputs[{k}]", reason))
            elif setting is not None:
                settings.append(setting)
    if problems:
        raise InputError(problems)
    return settings


def _origin(evidence: Any, record_id: str) -> tuple[str, int]:
    try:
        return evidence.origin(record_id)
    except Exception:  # an evidence object without origins (tests): still one line per problem
        return "<evidence>", 0


def _setting(item: Any, year: int) -> tuple[Optional[Setting], Optional[str]]:
    ally = item.ally
    if ally is not None and ally not in ALLIES:
        return None, None            # e.g. a NATO ally: not an actor of the regional model
    until = item.until
    if until is not None and until < year:
        return None, f"`until` {until} is before the event's year {year}"
    if item.lever is not None:
        lever = LEVER_BY_NAME.get(item.lever)
        if lever is None:
            return None, f"unknown lever {item.lever!r}"
        reason = lever.check(item.value)
        if reason:
            return None, reason
        if ally is not None and not lever.per_ally:
            return None, f"lever {item.lever!r} is not set per ally"
        return Setting("lever", item.lever, item.value, year, until, ally), None
    shock = SHOCK_BY_NAME.get(item.shock)
    if shock is None:
        return None, f"unknown shock {item.shock!r}"
    value = 1.0 if item.value is None else item.value
    reason = shock.check(value)
    if reason:
        return None, reason
    return Setting("shock", item.shock, float(value), year, year if until is None else until), None
