"""The compiled, fused kernel of the regional model: `model.step` as vectorised code, compiled by Numba.

The equations are not written again here. `codegen.year_body` runs the very `step` of `model.py`
on symbols and lists its operations as straight-line scalar code for ONE sample; this module wraps
that listing in a loop over a kernel block of `LANES` samples, one loop per year, and compiles it
with `@njit(cache=True, nogil=True)`. The loop body reads and writes one flat scratch array at
constant offsets and calls `simd.vexp` (an exp in arithmetic) rather than libm's scalar `exp`, so
LLVM vectorises it across samples (AVX-512 here): every quantity of a sample-year lives in vector
registers, with no NumPy temporaries. The cores share the kernel blocks on threads (the compiled
function releases the GIL). The NumPy path (`model.simulate(kernel=False)`, the same `step` on
arrays) is the fallback and the test reference. docs/decisions/engine.md records the choice (Numba,
not JAX) and the measurements.

Bits: operations run in the order `step` states them, without fast-math (no reassociation, no
contraction; `vexp` fuses its own multiply-adds explicitly, the same in every lane and in scalar
code), so the kernel differs from the NumPy path only where `exp` does (within 1e-12 relative,
tested). A vector lane computes one sample alone and every sample runs in the vector loop (the last
block is padded): a sample's bits do not depend on its neighbours, its block, the thread or the
worker (tested).

Compilation is cached across processes: the generated source is written once into the user cache
folder (`$UMBRELLA_CACHE`, else `$XDG_CACHE_HOME/umbrella`, else `~/.cache/umbrella`; never the
repository) under a name that hashes it (and `simd.py`), and Numba caches the machine code beside
it. There is one compiled function per set of kinds of year (first or not; counted or not; full or
not), shared by all runs; `python -m umbrella.dynamics.kernel` compiles the usual ones ahead (the
install step of `make` does). `UMBRELLA_KERNEL=numpy` switches the kernel off; without Numba
installed (the `fast` extra) the NumPy path runs.
"""
from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
import os
import pathlib
import re
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


def years_of(inputs: Inputs, wanted: np.ndarray) -> Years:
    """`Years(inputs, wanted)`, kept for the last few inputs: the blocks of one run share it. Keyed by
    the inputs' content (years, levers, shocks, first reported year) and the wanted years, so equal
    inputs share it and changed ones never do."""
    digest = hashlib.blake2b(digest_size=16)
    parts = [("years", inputs.years), ("wanted", wanted), ("report_from", [inputs.report_from])]
    parts += [(f"{kind}:{name}", series[name]) for kind, series in (("lever", inputs.levers), ("shock", inputs.shocks))
              for name in sorted(series)]
    for name, values in parts:
        values = np.ascontiguousarray(values, dtype=np.float64)
        digest.update(f"{name}{values.shape};".encode("utf-8"))
        digest.update(values.tobytes())
    key = digest.digest()
    years = _YEARS.get(key)
    if years is None:
        years = _YEARS[key] = Years(inputs, np.asarray(wanted))
        while len(_YEARS) > 16:
            _YEARS.pop(next(iter(_YEARS)))
    return years


_YEARS: dict[bytes, Years] = {}


# ---- generated source -----------------------------------------------------------------------------

#: samples a compiled loop advances together: the vector loop's trip count (a constant, so the
#: compiler knows every slot's offset and vectorises without run-time alias checks; a multiple of
#: every vector width, so no sample ever runs through a scalar remainder loop). The last kernel block
#: of a call is padded with copies of its first sample.
LANES = 256


def source(scalar: tuple[str, ...], column: tuple[str, ...], kinds: tuple[tuple[bool, bool, bool], ...]) -> str:
    """The Python source of `run(P, S, C, kind, row, outs, first_block, end_block)`: parameters P (k, n); every year t's inputs
    S (T, k) and C (T, m, 3); the kind of each year (`kinds[kind[t]]`: first or not, counted or not,
    full or not); row[t], the year's row among the wanted ones (-1: none); `outs`, one (n, W, actors)
    array per variable.

    Layout: the samples are cut into kernel blocks of `LANES` (blocks first_block … end_block − 1 in
    this call; `simulate` gives the cores a share of the blocks each, on threads); a block keeps
    its parameters, states and this year's outputs in one flat scratch array X, slot q of sample i at
    X[q·LANES + i]. Each year is one loop over the block's samples whose body is the year's straight-line
    listing (`codegen.year_body`), reading and writing X at constant offsets: the compiler vectorises
    it across samples, `exp` included (`simd.vexp`). Each lane computes one sample alone, without
    fast-math: a sample's bits are those of scalar code, whatever its neighbours."""
    state_slot = {f"s_{f}_{i}": len(NAMES) + q for q, (f, i) in enumerate(STATE_COLUMNS)}
    outputs = [(OUTPUTS.index(v.name), a) for v in VARIABLES for a in range(len(v.actors))]
    out_slot = {key: len(NAMES) + len(state_slot) + q for q, key in enumerate(outputs)}
    slots = len(NAMES) + len(state_slot) + len(outputs)
    L = LANES
    ind = " " * 20
    body = ["    n = P.shape[1]",
            "    for b in range(first_block, end_block):",
            f"        lo = b * {L}",
            f"        m = min({L}, n - lo)",
            f"        X = np.empty({slots * L})",
            f"        for k in range({len(NAMES)}):",
            f"            for i in range({L}):",
            f"                X[k * {L} + i] = P[k, lo + i] if i < m else P[k, lo]",
            "        for t in range(S.shape[0]):"]
    body += [f"            u_{a} = S[t, {k}]" for k, a in enumerate(scalar)]
    body += [f"            u_{a}_{i} = C[t, {k}, {i}]" for k, a in enumerate(column) for i in range(3)]
    body += ["            r = row[t]"]
    names = {**{f"p_{name}": q for q, name in enumerate(NAMES)}, **state_slot}
    for v, (first, counted, full) in enumerate(kinds):
        body.append(f"            {'if' if v == 0 else 'elif'} kind[t] == {v}:")
        body.append(f"                for i in range({L}):")
        lines, values = codegen.year_body(scalar, column, first, counted, full, "")
        used = set(re.findall(r"\b[ps]_\w+", "\n".join(lines)))
        loads = [f"{ind}{name} = X[{names[name] * L} + i]" for name in names
                 if name in used and not (first and name.startswith("s_"))]
        stores = [f"{ind}X[{state_slot[f's_{f}_{i}'] * L} + i] = s_{f}_{i}" for f, i in STATE_COLUMNS]
        body += loads + [ind + line for line in lines] + stores
        if full:
            body += [f"{ind}X[{out_slot[(OUTPUTS.index(name), i)] * L} + i] = {c}"
                     for name, comps in values.items() for i, c in enumerate(comps)]
            body += ["                if r >= 0:"]
            body += [f"                    for i in range(m):\n"
                     f"                        outs[{o}][{a}, r, lo + i] = X[{out_slot[(o, a)] * L} + i]"
                     for o, a in outputs if VARIABLES[o].name in values]
    head = ['"""Generated by umbrella.dynamics.kernel from umbrella.dynamics.model.step: do not edit."""',
            f"# simd.py {hashlib.sha256(simd_source().encode('utf-8')).hexdigest()[:16]}",
            "import numpy as np", "from numba import njit", "",
            "from umbrella.dynamics.simd import vexp", "", "",
            "@njit(cache=True, nogil=True, error_model='numpy')",
            "def run(P, S, C, kind, row, outs, first_block, end_block):"]
    return "\n".join(head + body) + "\n"


def simd_source() -> str:
    """The text of `dynamics/simd.py` (hashed into the generated source: a changed `vexp` recompiles)."""
    return (pathlib.Path(__file__).parent / "simd.py").read_text(encoding="utf-8")


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


def threads() -> int:
    """How many threads share a kernel call: Numba's thread count (`NUMBA_NUM_THREADS`, which a Dask
    worker of `--workers` sets to 1; by default the cores)."""
    import numba
    return max(1, int(numba.config.NUMBA_NUM_THREADS))


@functools.lru_cache(maxsize=1)
def _pool():
    from concurrent.futures import ThreadPoolExecutor
    return ThreadPoolExecutor(max_workers=threads(), thread_name_prefix="umbrella-kernel")


# ---- the run --------------------------------------------------------------------------------------

def simulate(params, inputs: Inputs, wanted: np.ndarray, out: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """`model.simulate` through the kernel: every sample advanced through every year, each variable's
    wanted years written into `out` ({name: (n, len(wanted), actors)}). The kernel writes actor-major
    memory, (actors, years, n) with the samples contiguous: an `out` array that is such memory seen as
    (n, years, actors) (`model.output_arrays`) is written in place, any other through a copy."""
    columns = [np.asarray(params[name], dtype=np.float64) for name in NAMES]
    n = max((c.shape[0] for c in columns if c.ndim), default=1)
    P = np.ascontiguousarray(np.stack([np.broadcast_to(c, (n,)) for c in columns]))
    years = years_of(inputs, wanted)
    kinds = tuple(sorted(set(years.kinds)))
    kind = np.array([kinds.index(k) for k in years.kinds], dtype=np.int64)
    memory = [out[v.name].transpose(2, 1, 0) for v in VARIABLES]
    outs = tuple(m if m.flags.c_contiguous else np.empty(m.shape) for m in memory)
    run = compiled(years.scalar, years.column, kinds)
    args = (P, years.S, years.C, kind, np.array(years.row, dtype=np.int64), outs)
    blocks = -(-n // LANES)
    shares = np.linspace(0, blocks, min(threads(), blocks) + 1).round().astype(int)
    if len(shares) <= 2:
        run(*args, 0, blocks)
    else:           # the compiled run releases the GIL: each thread advances its own blocks
        list(_pool().map(lambda b: run(*args, b[0], b[1]), zip(shares[:-1], shares[1:])))
    for m, written in zip(memory, outs):
        if written is not m:
            m[...] = written
    return out


def warm() -> list[tuple]:
    """Compile (or load from the cache) the kernels of the usual sets of year kinds — a run's reported
    years, every simulated year, a calibration's counted history — so that no later command pays the
    compilation. Returns the kind sets."""
    from dataclasses import replace
    from umbrella.dynamics.history import inputs_from_evidence
    from umbrella.dynamics.parameters import defaults
    from umbrella.dynamics.scenario import load_scenario, scenario_inputs
    from umbrella.evidence import load
    inputs = scenario_inputs(load_scenario("baseline"), inputs_from_evidence(load()))
    params = {k: np.array([v]) for k, v in defaults().items()}
    every = np.asarray(inputs.years)
    done = []
    for case, wanted in ((inputs, every[every >= inputs.report_from]), (inputs, every),
                         (replace(inputs, report_from=int(every[0])), every)):
        kinds = tuple(sorted(set(Years(case, wanted).kinds)))
        model.simulate(params, case, list(wanted), kernel=True)
        done.append(kinds)
    return done


if __name__ == "__main__":
    if not available():
        print("umbrella: the compiled kernel is off (UMBRELLA_KERNEL=numpy or no numba); nothing to compile")
    else:
        import time
        t0 = time.perf_counter()
        sets = warm()
        print(f"umbrella: compiled kernels ready for {len(sets)} sets of year kinds in {time.perf_counter() - t0:.0f} s "
              f"(cache: {cache_dir()})")
