"""The composite's conductivity factor F(rho) = sigma_eff / sigma_p against
ln(rho), rho = sigma_s / sigma_p, tabulated once per microstructure.

The Bruggeman equation is homogeneous of degree one in the conductivities, so at a
fixed microstructure sigma_eff = sigma_p F(sigma_s/sigma_p) exactly: a PyBaMM model
can use the composite conductivity as an interpolant with symbolic temperature
laws. Beyond the table ln F is continued along its asymptotic power laws, on the
NumPy path (:func:`ln_conductivity_factor`) as on the PyBaMM path
(:mod:`sim.physics.polymer_entries`).
"""

from __future__ import annotations

import math

import numpy as np

from sim.physics.effective_medium import composite_conductivity
from sim.physics.filler_microstructure import Microstructure

LN_RATIO_RANGE = (-30.0, 60.0)
"""Range of ln(sigma_s / sigma_p) over which F is tabulated (and computed exactly on
the NumPy path). Wide enough that both ends are in F's asymptotic power laws
(F ~ rho^s with s = 1 once the coated phase percolates, s = 0 otherwise): near
the VTF T0 the polymer freezes and ln(rho) grows without bound, far past 20."""
LN_RATIO_POINTS = 901
"""Table points (spacing 0.1 in ln(rho))."""
LN_RATIO_FLOOR = -1.0e3
"""ln(rho) below this (e.g. an insulating shell, rho = 0) is taken as this value,
so the continuation stays finite; F is flat there (the continuation's residual
slope moves ln F by ~1e-9 at most)."""


def conductivity_ratio_table(
    micro: Microstructure,
    ln_ratio_min=LN_RATIO_RANGE[0],
    ln_ratio_max=LN_RATIO_RANGE[1],
    points=LN_RATIO_POINTS,
):
    """F(rho) = sigma_eff / sigma_p against ln(rho), rho = sigma_s / sigma_p.

    The Bruggeman equation is homogeneous of degree one in the conductivities, so
    at a fixed microstructure sigma_eff = sigma_p F(sigma_s/sigma_p) exactly.
    Beyond the table, :func:`ratio_table_slopes` continues ln F linearly.

    Returns:
        ``(ln_rho, ln_F)`` arrays for interpolation.
    """
    ln_rho = np.linspace(ln_ratio_min, ln_ratio_max, points)
    ln_f = np.log(composite_conductivity(micro, np.ones(points), np.exp(ln_rho)))
    return ln_rho, ln_f


def ratio_table_slopes(ln_rho, ln_f):
    """d ln F / d ln rho at both ends of a table (last two points): the exponents
    of F's power laws beyond it. Returns ``(low-end slope, high-end slope)``."""
    return (
        float((ln_f[1] - ln_f[0]) / (ln_rho[1] - ln_rho[0])),
        float((ln_f[-1] - ln_f[-2]) / (ln_rho[-1] - ln_rho[-2])),
    )


def ln_conductivity_factor(micro: Microstructure, ln_ratio):
    """ln F(rho) = ln(sigma_eff / sigma_p) for ``ln_ratio`` = ln(sigma_s/sigma_p)
    (number or array; -inf allowed for an insulating shell).

    Exact (Bruggeman) inside :data:`LN_RATIO_RANGE`; beyond it continued linearly
    in ln(rho) with the end slopes of the table (F's asymptotic power laws), the
    same continuation the PyBaMM path uses
    (:func:`sim.physics.polymer_electrolyte.electrolyte_entries`), so both agree at
    any temperature above T0, however small sigma_p gets. Working in logarithms
    keeps it finite where sigma_p underflows.
    """
    lo, hi = LN_RATIO_RANGE
    step = (hi - lo) / (LN_RATIO_POINTS - 1)

    def exact(x):
        return float(np.log(composite_conductivity(micro, 1.0, math.exp(x))))

    x = np.maximum(np.asarray(ln_ratio, dtype=float), LN_RATIO_FLOOR)
    out = np.empty(x.shape)
    edge = {}
    for idx in np.ndindex(x.shape):
        v = float(x[idx])
        if lo <= v <= hi:
            out[idx] = exact(v)
            continue
        side = "hi" if v > hi else "lo"
        if side not in edge:
            a, b = (hi - step, hi) if side == "hi" else (lo, lo + step)
            fa, fb = exact(a), exact(b)
            slope = (fb - fa) / (b - a)
            edge[side] = (fb, hi, slope) if side == "hi" else (fa, lo, slope)
        f_end, x_end, slope = edge[side]
        out[idx] = f_end + slope * (v - x_end)
    return out if out.shape else float(out)


__all__ = [
    "LN_RATIO_FLOOR",
    "LN_RATIO_POINTS",
    "LN_RATIO_RANGE",
    "conductivity_ratio_table",
    "ln_conductivity_factor",
    "ratio_table_slopes",
]
