"""The limits every input must respect, declared once (why: docs/decisions/inputs.md).

The YAML reader (`yamlio.load_yaml`) enforces the file limits and scans every number it reads;
validators of single fields use `number_problem`, or `FiniteNumber` in a pydantic model, so a
number that arrives another way (a `--set`, an HTTP body) meets the same rule.
"""
from __future__ import annotations

import math
from typing import Annotated, Any, Optional

from pydantic import Field

#: largest YAML file read (bytes): the biggest bundled file, claims/ledger.yaml, is about 0.3 MB
MAX_FILE_BYTES = 2 * 1024 * 1024
#: deepest nesting of lists and mappings: the bundled files nest at most 9 levels
MAX_DEPTH = 50
#: largest magnitude of a number: beyond 2**53 a float64 no longer holds every integer, so the
#: conversion to float that every model makes would silently change the value
MAX_MAGNITUDE = 2 ** 53

FiniteNumber = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)]
"""A number field (int or float, not bool or text) that is finite and within ±MAX_MAGNITUDE."""


def number_problem(value: Any) -> Optional[str]:
    """None for a usable number; otherwise why it is not one (not a number, not finite, too large)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"{value!r} is not a number"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value!r} is not a finite number"
    if abs(value) > MAX_MAGNITUDE:
        return f"{_short(value)} is too large (numbers must lie within ±2**53 = ±{MAX_MAGNITUDE})"
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 30 else f"{text[:12]}…({len(text)} characters)"
