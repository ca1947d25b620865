"""`model.step` written out as scalar code for one sample: the source of the compiled kernel.

The equations are not restated here. `year_body` runs the very `step` of `model.py` on symbols
(`Sym`): each arithmetic operation appends one line of straight-line Python (`t12 = t7 * p_fear_adjustment`)
to a listing, per ally where a quantity is per ally. The listing is the yearly step of ONE sample,
with every quantity a local scalar — no arrays, no temporaries — which `kernel.py` compiles with
Numba inside a loop over samples and years.
"""
from __future__ import annotations

from dataclasses import fields
from types import SimpleNamespace
from typing import Callable, Sequence

from umbrella.dynamics import model
from umbrella.dynamics.parameters import NAMES

STATE = tuple(f.name for f in fields(model.State))


class Listing:
    """The lines being generated, and a counter for fresh names."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.count = 0

    def emit(self, expression: str) -> str:
        self.count += 1
        name = f"t{self.count}"
        self.lines.append(f"{name} = {expression}")
        return name


class Sym:
    """A traced quantity of one sample: one component (a scalar) or one per ally (3)."""

    __slots__ = ("c", "out")

    def __init__(self, components: Sequence[str], out: Listing):
        self.c = tuple(components)
        self.out = out

    # what `step`, `prepare` and `initial_state` use of an array
    def __array_namespace__(self):
        return Namespace(self.out)

    @property
    def shape(self):
        return (len(self.c),)

    def copy(self) -> "Sym":
        return self

    def __getitem__(self, i: int) -> "Sym":
        return Sym((self.c[i],), self.out)

    def _binary(self, other, fmt: str) -> "Sym":
        a = self.c
        b = other.c if isinstance(other, Sym) else (repr(float(other)),)
        k = max(len(a), len(b))
        if len(a) not in (1, k) or len(b) not in (1, k):
            raise ValueError(f"cannot broadcast {len(a)} with {len(b)}")
        return Sym([self.out.emit(fmt.format(a[i if len(a) > 1 else 0], b[i if len(b) > 1 else 0])) for i in range(k)],
                   self.out)

    def __add__(self, o): return self._binary(o, "{} + {}")
    def __radd__(self, o): return self._binary(o, "{1} + {0}")
    def __sub__(self, o): return self._binary(o, "{} - {}")
    def __rsub__(self, o): return self._binary(o, "{1} - {0}")
    def __mul__(self, o): return self._binary(o, "{} * {}")
    def __rmul__(self, o): return self._binary(o, "{1} * {0}")
    def __truediv__(self, o): return self._binary(o, "{} / {}")
    def __rtruediv__(self, o): return self._binary(o, "{1} / {0}")

    def __neg__(self) -> "Sym":
        return Sym([self.out.emit(f"-{x}") for x in self.c], self.out)


class Namespace:
    """The few array functions `model` calls on a traced array."""

    def __init__(self, out: Listing):
        self.out = out

    def exp(self, z: Sym) -> Sym:
        return Sym([self.out.emit(f"vexp({x})") for x in z.c], self.out)

    def asarray(self, x, dtype=None):
        return x

    def ones_like(self, x: Sym) -> Sym:
        return Sym(["1.0"] * len(x.c), self.out)

    def stack(self, xs: Sequence[Sym]) -> Sym:
        return Sym([x.c[0] for x in xs], self.out)

    def zeros(self, shape) -> Sym:
        k = shape[0] if isinstance(shape, tuple) and len(shape) == 2 else 1
        return Sym(["0.0"] * k, self.out)


class _Year(SimpleNamespace):
    def once(self, name: str, compute: Callable):
        return compute()


def year_body(scalar: Sequence[str], column: Sequence[str], first: bool, counted: bool, full: bool,
              indent: str) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    """The scalar source of one year of `model.step` for one sample.

    Inputs are the local names `p_<parameter>`, `u_<scalar input>`, `u_<column input>_<ally>` and,
    unless `first`, `s_<state field>_<component>`. The lines end by assigning the new state to those
    `s_…` names. Returns (lines, {variable: component names}) for the year's variables."""
    out = Listing()
    ns = Namespace(out)
    p = model.prepare({name: Sym([f"p_{name}"], out) for name in NAMES}, xp=ns)
    if first:
        s = model.initial_state(p, xp=ns)
    else:
        s = model.State(**{f: Sym([f"s_{f}_{i}" for i in range(width(f))], out) for f in STATE})
    u = _Year(**{a: Sym([f"u_{a}"], out) for a in scalar},
              **{a: Sym([f"u_{a}_{i}" for i in range(3)], out) for a in column})
    values = model.step(p, s, u, first, counted, full)
    finals = [f"s_{f}_{i} = {c}" for f in STATE for i, c in enumerate(getattr(s, f).c)]
    return [indent + line for line in out.lines + finals], {k: v.c for k, v in values.items()}


_ALLY_STATES = {"cumulative", "counter_pressure", "abandonment", "entrapment", "support", "hedging"}


def width(field: str) -> int:
    """How many components a state field has: one per ally, or one."""
    return 3 if field in _ALLY_STATES else 1
