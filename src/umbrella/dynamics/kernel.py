"""The compiled, fused kernel of the regional model: `model.step` traced by JAX and compiled by XLA.

The equations are not written again here. `run_block` traces the very `step` of `model.py` (the
NumPy path, which stays the fallback and the test reference) with `jax.numpy` arrays, once per
shape, inside `jax.lax.scan` over the years, under `jax.jit`, in float64 (`jax_enable_x64`). XLA
fuses the elementwise work of a year into a few loops over the samples, with a vectorised `exp` and
no NumPy temporaries (docs/decisions/engine.md records why JAX and not Numba, with figures).

Bits: the kernel is always called on blocks of exactly `BLOCK` samples (the last block padded with
copies of its first sample, then cut), so a sample's bits never depend on how many samples run,
how they are chunked, or which worker runs them. The kernel agrees with the NumPy path (and the
plain-Python reference) to 1e-12 relative, not bit for bit: XLA's `exp` is not NumPy's.

Compilation is cached across processes in JAX's persistent compilation cache, in the user cache
folder (`$UMBRELLA_CACHE`, else `$XDG_CACHE_HOME/umbrella`, else `~/.cache/umbrella`), never in the
repository. `UMBRELLA_KERNEL=numpy` switches the kernel off; without JAX installed (the `fast`
extra) the NumPy path runs.
"""
from __future__ import annotations

import functools
import os
import pathlib
from dataclasses import fields
from types import SimpleNamespace
from typing import Optional

import numpy as np

from umbrella.dynamics import model
from umbrella.dynamics.inputs import Inputs
from umbrella.dynamics.parameters import NAMES

BLOCK = 1024      # samples per kernel call: fixed, so that no vectorised loop ever has a tail (a divisor of sampling.BLOCK)


def cache_dir() -> pathlib.Path:
    """The user cache folder of compiled programs (outside the repository)."""
    root = os.environ.get("UMBRELLA_CACHE")
    if root:
        return pathlib.Path(root) / "jax"
    base = os.environ.get("XDG_CACHE_HOME") or pathlib.Path.home() / ".cache"
    return pathlib.Path(base) / "umbrella" / "jax"


@functools.lru_cache(maxsize=1)
def _jax():
    """Import and configure JAX once: float64, CPU unless told otherwise, persistent cache. None if absent."""
    if os.environ.get("UMBRELLA_KERNEL", "").lower() == "numpy":
        return None
    try:
        import jax
    except ImportError:
        return None
    jax.config.update("jax_enable_x64", True)
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        jax.config.update("jax_compilation_cache_dir", str(folder))
        jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
        jax.config.update("jax_persistent_cache_min_entry_size_bytes", 0)
    except OSError:          # no writable cache folder: compile in every process, still correct
        pass
    return jax


def available() -> bool:
    """Whether the compiled kernel runs (JAX installed and not switched off)."""
    return _jax() is not None


# ---- the years as arrays -----------------------------------------------------------------------

_YEAR_FIELDS = tuple(f.name for f in fields(model.Year) if f.name != "memo")
_DERIVED = ("tri_nuc", "tri_n", "tri_c", "voice", "share", "planning", "hosted", "conv_base", "commit", "strengthening")
_ATTRS = _YEAR_FIELDS + _DERIVED


def _year_table(inputs: Inputs) -> tuple[np.ndarray, np.ndarray, tuple[str, ...], tuple[str, ...]]:
    """Every simulated year's `Year` attributes: scalars (T, k) and per-ally columns (T, m, 3, 1)."""
    years = [model.make_year(model.year_inputs(inputs, t)) for t in range(len(inputs.years))]
    first = years[0]
    scalar = tuple(a for a in _ATTRS if np.ndim(getattr(first, a)) == 0)
    column = tuple(a for a in _ATTRS if np.ndim(getattr(first, a)) == 2)
    S = np.array([[float(getattr(y, a)) for a in scalar] for y in years], dtype=np.float64)
    C = np.array([[getattr(y, a) for a in column] for y in years], dtype=np.float64)
    return S, C, scalar, column


class _TracedYear(SimpleNamespace):
    """One year's inputs inside the traced scan: the attributes of `model.Year`; `once` just computes
    (XLA hoists or fuses what does not change)."""

    def once(self, name, compute):
        return compute()


def _flags(inputs: Inputs, wanted: np.ndarray) -> list[tuple[bool, bool]]:
    """(counted, full) of each simulated year, as `model.simulate` sets them."""
    wanted_set = set(int(y) for y in wanted)
    return [(bool(y >= inputs.report_from), int(y) in wanted_set or bool(y >= inputs.report_from)) for y in inputs.years]


_STATE = tuple(f.name for f in fields(model.State))


@functools.lru_cache(maxsize=None)
def _year_program(scalar: tuple[str, ...], column: tuple[str, ...], first: bool, counted: bool, full: bool):
    """One year of `model.step`, jitted: (P (k, B), state, S row, C row) → (state, this year's variables).

    One program per kind of year (first or not, counted or not, full or not), not one per run: the
    years' inputs are arguments. (A `lax.scan` over the years was measured 7x slower per year on this
    CPU than this per-year program; docs/decisions/engine.md.)"""
    jax = _jax()
    jnp = jax.numpy

    def one_year(P, carry, S_t, C_t):
        p = model.prepare({name: P[i] for i, name in enumerate(NAMES)}, xp=jnp)
        s = model.initial_state(p, xp=jnp) if first else model.State(*carry)
        u = _TracedYear(**{a: S_t[i] for i, a in enumerate(scalar)}, **{a: C_t[i] for i, a in enumerate(column)})
        values = model.step(p, s, u, first, counted, full)
        return tuple(getattr(s, k) for k in _STATE), (values if full else {})

    return jax.jit(one_year)


def run_block(P: np.ndarray, inputs: Inputs, wanted: np.ndarray, table: Optional[tuple] = None) -> dict[str, np.ndarray]:
    """Simulate one block: `P` (len(NAMES), BLOCK) parameter rows in `NAMES` order. Returns each
    variable for the full years in `inputs.years` order, (T_full, 3, BLOCK) or (T_full, BLOCK)."""
    if P.shape != (len(NAMES), BLOCK):
        raise ValueError(f"a kernel block is ({len(NAMES)}, {BLOCK}), not {P.shape}")
    jax = _jax()
    S, C, scalar, column = table if table is not None else _year_table(inputs)
    P = jax.device_put(P)
    carry = None
    outputs: dict[str, list] = {}
    for t, (counted, full) in enumerate(_flags(inputs, wanted)):
        carry, values = _year_program(scalar, column, t == 0, counted, full)(P, carry, S[t], C[t])
        for name, value in values.items():
            outputs.setdefault(name, []).append(value)
    return {name: np.stack([np.asarray(v) for v in values]) for name, values in outputs.items()}


def simulate(params, inputs: Inputs, wanted: np.ndarray, out: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """`model.simulate` through the kernel: blocks of BLOCK samples (the last one padded), each
    variable's wanted years written into `out` ({name: (n, len(wanted), actors)})."""
    columns = [np.asarray(params[name], dtype=np.float64) for name in NAMES]
    n = max(c.shape[0] for c in columns if c.ndim)
    P = np.stack([np.broadcast_to(c, (n,)) for c in columns])
    table = _year_table(inputs)
    full = [int(y) for y, (c, f) in zip(inputs.years, _flags(inputs, wanted)) if f]
    rows = np.array([full.index(int(y)) for y in wanted], dtype=np.intp)
    for lo in range(0, n, BLOCK):
        hi = min(lo + BLOCK, n)
        block = P[:, lo:hi]
        if hi - lo < BLOCK:
            block = np.concatenate([block, np.repeat(block[:, :1], BLOCK - (hi - lo), axis=1)], axis=1)
        ys = run_block(np.ascontiguousarray(block), inputs, wanted, table)
        for name, value in ys.items():
            value = value[rows]
            if value.ndim == 3:        # (W, 3, B) → (B, W, 3)
                out[name][lo:hi] = value.transpose(2, 0, 1)[:hi - lo]
            else:
                out[name][lo:hi, :, 0] = value.T[:hi - lo]
    return out
