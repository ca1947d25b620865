"""The compiled, fused kernel of the regional model: `model.step` as scalar code, compiled by Numba.

The equations are not written again here. `codegen.year_body` runs the very `step` of `model.py`
on symbols and lists its operations as straight-line scalar code for ONE sample; this module wraps
that listing in a loop over the samples (`numba.prange`: the cores share the samples) and compiles
it with `@njit(parallel=True, cache=True)`. Every quantity of a sample-year is a local scalar: no
temporaries, one pass over memory per year. The NumPy path (`model.simulate(kernel=False)`, the
same `step` on arrays) is the fallback and the test reference. docs/decisions/engine.md records why
Numba and not JAX, with the figures measured on this model.

Bits: operations run in the order `step` states them, without fast-math (no reassociation, no FMA
contraction), so the kernel differs from the NumPy path only where `exp` does (libm's scalar exp
against NumPy's SIMD exp): within 1e-12 relative, tested. Each sample is computed alone, by scalar
code: its bits do not depend on how many samples run, in which block or on which worker (tested).

Compilation is cached across processes: the generated source is written once into the user cache
folder (`$UMBRELLA_CACHE`, else `$XDG_CACHE_HOME/umbrella`, else `~/.cache/umbrella`; never the
repository) under a name that hashes it, and Numba caches the machine code beside it. There is one
compiled function per kind of year (first or not; counted or not; full or not), shared by all runs.
`UMBRELLA_KERNEL=numpy` switches the kernel off; without Numba installed (the `fast` extra) the
NumPy path runs.
"""
from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
import os
import pathlib
import sys
from dataclasses import fields
from typing import Callable

import numpy as np

from umbrella.dynamics import codegen, model
from umbrella.dynamics.inputs import Inputs
from umbrella.dynamics.parameters import NAMES
from umbrella.dynamics.vocabulary import VARIABLES

_YEAR_FIELDS = tuple(f.name for f in fields(model.Year) if f.name != "memo")
_DERIVED = ("tri_nuc", "tri_n", "tri_c", "voice", "share", "planning", "hosted", "conv_base", "commit", "strengthening")
_ATTRS = _YEAR_FIELDS + _DERIVED
STATE_COLUMNS = [(f, i) for f in codegen.STATE for i in range(codegen.width(f))]
OUTPUTS = [v.name for v in VARIABLES]


def cache_dir() -> pathlib.Path:
    """The user cache folder of generated and compiled kernels (outside the repository)."""
    from umbrella.outputs import user_cache
    return user_cache("kernel")


@functools.lru_cache(maxsize=1)
def available() -> bool:
    """Whether the compiled kernel runs: Numba installed and not switched off (UMBRELLA_KERNEL=numpy)."""
    if os.environ.get("UMBRELLA_KERNEL", "").lower() == "numpy":
        return False
    return importlib.util.find_spec("numba") is not None


# ---- the years as arrays -------------------------------------------------------------------------

class Years:
    """Every simulated year's inputs as the kernel takes them — each `model.Year` attribute, scalars
    (T, k) and per-ally columns (T, m, 3) — with the (counted, full) flags `model.simulate` sets and
    each year's row among the wanted years (-1: not kept)."""

    def __init__(self, inputs: Inputs, wanted: np.ndarray):
        years = [model.make_year(model.year_inputs(inputs, t)) for t in range(len(inputs.years))]
        self.scalar = tuple(a for a in _ATTRS if np.ndim(getattr(years[0], a)) == 0)
        self.column = tuple(a for a in _ATTRS if np.ndim(getattr(years[0], a)) == 2)
        self.S = np.array([[float(getattr(y, a)) for a in self.scalar] for y in years], dtype=np.float64)
        self.C = np.array([[np.asarray(getattr(y, a), dtype=np.float64).reshape(-1) for a in self.column]
                           for y in years], dtype=np.float64)
        index = {int(y): i for i, y in enumerate(wanted)}
        counted = [bool(y >= inputs.report_from) for y in inputs.years]
        self.row = [index.get(int(y), -1) for y in inputs.years]
        self.kinds = [(t == 0, c, c or r >= 0) for t, (c, r) in enumerate(zip(counted, self.row))]


# ---- generated source -----------------------------------------------------------------------------

def source(scalar: tuple[str, ...], column: tuple[str, ...], kinds: tuple[tuple[bool, bool, bool], ...]) -> str:
    """The Python source of `run(P, S, C, kind, row, outs)`: for every sample j (in parallel), for every
    year t, the year of kind `kinds[kind[t]]` — inputs S (T, k), C (T, m, 3); parameters P (k, n) —
    and its variables written into row row[t] of `outs` (one (n, W, actors) array per variable; -1:
    none). One listing per kind of year (first or not, counted or not, full or not)."""
    ind = " " * 16
    body = ["    for j in prange(P.shape[1]):"]
    body += [f"        p_{name} = P[{i}, j]" for i, name in enumerate(NAMES)]
    body += [f"        s_{f}_{i} = 0.0" for f, i in STATE_COLUMNS]
    body += ["        for t in range(S.shape[0]):"]
    body += [f"            u_{a} = S[t, {k}]" for k, a in enumerate(scalar)]
    body += [f"            u_{a}_{i} = C[t, {k}, {i}]" for k, a in enumerate(column) for i in range(3)]
    body += ["            r = row[t]"]
    for v, (first, counted, full) in enumerate(kinds):
        body.append(f"            {'if' if v == 0 else 'elif'} kind[t] == {v}:")
        lines, values = codegen.year_body(scalar, column, first, counted, full, ind)
        body += lines
        if full:
            body.append(f"{ind}if r >= 0:")
            body += [f"{ind}    outs[{OUTPUTS.index(name)}][j, r, {i}] = {c}"
                     for name, comps in values.items() for i, c in enumerate(comps)]
    head = ['"""Generated by umbrella.dynamics.kernel from umbrella.dynamics.model.step: do not edit."""',
            "import math", "", "from numba import njit, prange", "", "",
            "@njit(parallel=True, cache=True, nogil=True, error_model='numpy')",
            "def run(P, S, C, kind, row, outs):"]
    return "\n".join(head + body) + "\n"


@functools.lru_cache(maxsize=None)
def compiled(scalar: tuple[str, ...], column: tuple[str, ...], kinds: tuple[tuple[bool, bool, bool], ...]) -> Callable:
    """The compiled run for these kinds of year: its source written once into the cache folder (named
    by its hash, so a changed `step` gets a new module) and imported; Numba caches the machine code
    beside it (the first use of a new kind set compiles for about half a minute)."""
    text = source(scalar, column, kinds)
    name = "umbrella_kernel_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
    folder = cache_dir()
    path = folder / f"{name}.py"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        from umbrella.outputs import atomic_write
        atomic_write(path, text, "UMBRELLA_CACHE")
    if str(folder) not in sys.path:
        sys.path.append(str(folder))
    return importlib.import_module(name).run


# ---- the run --------------------------------------------------------------------------------------

def simulate(params, inputs: Inputs, wanted: np.ndarray, out: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """`model.simulate` through the kernel: every sample advanced through every year, each variable's
    wanted years written into `out` ({name: (n, len(wanted), actors)})."""
    columns = [np.asarray(params[name], dtype=np.float64) for name in NAMES]
    n = max((c.shape[0] for c in columns if c.ndim), default=1)
    P = np.ascontiguousarray(np.stack([np.broadcast_to(c, (n,)) for c in columns]))
    years = Years(inputs, wanted)
    kinds = tuple(sorted(set(years.kinds)))
    kind = np.array([kinds.index(k) for k in years.kinds], dtype=np.int64)
    outs = tuple(np.empty((n, len(wanted), len(v.actors))) for v in VARIABLES)
    compiled(years.scalar, years.column, kinds)(P, years.S, years.C, kind, np.array(years.row, dtype=np.int64), outs)
    for name, value in zip(OUTPUTS, outs):
        out[name][...] = value
    return out
