"""An `exp` that the compiler can vectorise: arithmetic and bit operations only, no library call.

The pip builds of llvmlite carry no SVML, so inside a compiled loop `math.exp` stays a scalar call
to libm and the loop cannot use the CPU's vector lanes. `vexp` computes exp(x) the textbook way —
x = k·ln 2 + r with |r| ≤ ln 2 / 2 (Cody–Waite: ln 2 split in a high part with trailing zeros and a
low part, so k·ln2_hi is exact), e^r by its Taylor polynomial of degree 13 in Horner form with fused multiply-adds
(truncation below 1e-17 relative), and 2^k made from its IEEE-754 bits — so LLVM's loop vectoriser turns a loop that calls it
into AVX-512/AVX2 code. Accuracy: within a few units in the last place of the correctly rounded
value over [-745, 709.78] (tests/dynamics/test_dynamics_simd.py against `math.exp`); overflow gives
inf, underflow 0, NaN stays NaN. No fast-math: every sample's bits are the same in a vector lane
and in scalar code.

`SOURCE` is this module's text: the generated kernel hashes it into its name, so a change here
compiles a new kernel rather than reusing a stale cached one.
"""
from __future__ import annotations

import math
import pathlib

from llvmlite import ir
from numba import njit, types
from numba.extending import intrinsic

SOURCE = pathlib.Path(__file__).read_text(encoding="utf-8")

LOG2E = 1.4426950408889634
LN2_HI = 6.93147180369123816490e-01     # fdlibm's ln2_hi: 32 significant bits, so k·LN2_HI is exact
LN2_LO = 1.90821492927058770002e-10
OVERFLOW = 709.782712893384             # above: exp(x) > the largest double
UNDERFLOW = -745.1332191019412          # below: exp(x) < half the smallest subnormal


@intrinsic
def _bits_to_float(typingctx, bits):
    """The float64 whose IEEE-754 bits are the int64 `bits` (a bitcast; vectorises)."""
    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.DoubleType())
    return types.float64(types.int64), codegen


@intrinsic
def _fma(typingctx, a, b, c):
    """a·b + c rounded once (LLVM's `llvm.fma`: fused on every machine, in hardware where there is
    FMA, else by libm's exact `fma`; so the bits never depend on the machine or the vector width)."""
    def codegen(context, builder, signature, args):
        double = ir.DoubleType()
        fn = builder.module.declare_intrinsic("llvm.fma", [double], ir.FunctionType(double, [double] * 3))
        return builder.call(fn, args)
    return types.float64(types.float64, types.float64, types.float64), codegen


@njit(cache=True)
def _pow2(k):
    """2**k for an integer k in [-1022, 1023], from its exponent bits."""
    return _bits_to_float((k + 1023) << 52)


@njit(cache=True)
def vexp(x):
    """exp(x) in arithmetic (see the module docstring)."""
    xc = min(max(x, -746.0), 710.0)
    k = math.floor(xc * LOG2E + 0.5)
    kf = float(k)
    r = (xc - kf * LN2_HI) - kf * LN2_LO
    p = 1.0 / 6227020800.0
    p = _fma(p, r, 1.0 / 479001600.0)
    p = _fma(p, r, 1.0 / 39916800.0)
    p = _fma(p, r, 1.0 / 3628800.0)
    p = _fma(p, r, 1.0 / 362880.0)
    p = _fma(p, r, 1.0 / 40320.0)
    p = _fma(p, r, 1.0 / 5040.0)
    p = _fma(p, r, 1.0 / 720.0)
    p = _fma(p, r, 1.0 / 120.0)
    p = _fma(p, r, 1.0 / 24.0)
    p = _fma(p, r, 1.0 / 6.0)
    p = _fma(p, r, 0.5)
    p = _fma(p, r, 1.0)
    p = _fma(p, r, 1.0)
    half = k >> 1                        # 2^k as 2^half · 2^(k - half): both factors stay normal
    y = p * _pow2(half) * _pow2(k - half)    # beyond OVERFLOW / UNDERFLOW this product is inf / 0 by itself
    return x if x != x else y
