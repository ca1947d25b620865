"""The limits every input must respect, declared once (why: docs/decisions/inputs.md).

The YAML reader (`yamlio.load_yaml`) enforces the file limits and scans every number it reads;
validators of single fields use `number_problem`, or `FiniteNumber` in a pydantic model, so a
number that arrives another way (a `--set`, an HTTP body) meets the same rule. `ServerLimits` are
the HTTP server's (why: docs/decisions/server.md): `create_app(limits=...)` takes them and
`umbrella serve --max-jobs/--max-queued` sets the two a user may want to change.
"""
from __future__ import annotations

import dataclasses
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



def _whole(value: Any) -> Any:
    if value is None:
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{value!r} is not a whole number")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"{value!r} is not a whole number")
        return int(value)
    return value


WholeNumber = Annotated[int, BeforeValidator(_whole)]
"""An integer field for pydantic models (a sample size, a seed, a year): an int, or a float with no
fraction (JSON has one kind of number: `7.0` is the integer 7 to JSON Schema and to every JSON
client), never text or a bool. Bounds go on the field (`Field(1, ge=1)`)."""
OptionalWholeNumber = Annotated[Optional[int], BeforeValidator(_whole)]
"""`WholeNumber` or None (so that `Field(None, ge=1)` reaches the JSON schema as `minimum`)."""

MiB = 1024 * 1024


@dataclasses.dataclass(frozen=True)
class ServerLimits:
    """What one `umbrella serve` process takes on, at most."""
    #: largest request body (bytes), with or without Content-Length: the largest real body (a game's
    #: `set` of every parameter) is under 2 KB
    body_bytes: int = 64 * 1024
    #: computations (ensembles, claims ledgers; background jobs and synchronous ones alike) that run
    #: at once: two, on a machine with two cores
    workers: int = 2
    #: computations that may wait for a worker; beyond workers + queued a request is answered 429
    queued: int = 8
    #: seconds a client is told to wait (`Retry-After`) when the queue is full
    retry_after_s: int = 5
    #: finished background jobs kept for their clients to read (the newest), and for how long (s)
    keep_jobs: int = 16
    job_ttl_s: float = 15 * 60
    #: the claims cache: results kept by least recent use while the length of their JSON documents
    #: fits (bytes); a result takes 1-3 times its JSON length in memory, a claims result ~190 KB of JSON
    cache_bytes: int = 16 * MiB
    #: the answers of read endpoints, kept whole (bytes): all of them together take about 1 MB; 0 keeps none
    read_cache_bytes: int = 8 * MiB

