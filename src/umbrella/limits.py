"""The limits every input must respect, declared once (why: docs/decisions/inputs.md).

The YAML reader (`yamlio.load_yaml`) enforces the file limits and scans every number it reads;
validators of single fields use `number_problem`, or `FiniteNumber` in a pydantic model, so a
number that arrives another way (a `--set`, an HTTP body) meets the same rule.
"""
from __future__ import annotations

import math
from typing import Annotated, Any, Optional

from pydantic import BeforeValidator, Field

#: largest YAML file read (bytes): the biggest bundled file, claims/ledger.yaml, is about 0.3 MB
MAX_FILE_BYTES = 2 * 1024 * 1024
#: deepest nesting of lists and mappings: the bundled files nest at most 8 levels
MAX_DEPTH = 50
#: largest magnitude of a number: beyond 2**53 a float64 no longer holds every integer, so the
#: conversion to float that every model makes would silently change the value
MAX_MAGNITUDE = 2 ** 53


def number_problem(value: Any) -> Optional[str]:
    """None for a usable number; otherwise why it is not one (not a number, not finite, too large)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"{value!r} is not a number"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value!r} is not a finite number"
    if abs(value) > MAX_MAGNITUDE:
        return f"{_short(value)} is too large (numbers must lie within ±2**53 = ±{MAX_MAGNITUDE})"
    return None


def _short(value: int | float) -> str:
    if isinstance(value, int) and value.bit_length() > 100:   # str() refuses past 4300 digits
        return f"an integer of about {int(value.bit_length() * math.log10(2)) + 1} digits"
    return repr(value)


def _usable(value: Any) -> Any:
    message = number_problem(value)
    if message:
        raise ValueError(message)
    return value


FiniteNumber = Annotated[float, Field(strict=True), BeforeValidator(_usable)]
"""A number field for pydantic models: the rule of `number_problem` (int or float, not bool or
text, finite, within ±MAX_MAGNITUDE), with its message."""
