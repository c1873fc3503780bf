"""GITT analysis on plain arrays (simulated or measured): find the pulses, and
estimate a diffusion coefficient per pulse by Weppner-Huggins (WH).

Weppner & Huggins, J. Electrochem. Soc. 124 (1977) 1569, for spheres of radius R
(V_M / S = R / 3)::

    D = 4 / (pi tau) (R / 3)^2 (dE_s / dE_t)^2

with tau the pulse duration, dE_s the change of the relaxed (end-of-rest) voltage
across the pulse and dE_t the voltage change *during* the pulse without the ohmic
jump. dE_t is taken from a straight-line fit of E against sqrt(t - t_0) over the
pulse (E is linear in sqrt(t) for semi-infinite diffusion), times sqrt(tau), so the
jump at t_0 drops out. For spheres the formula carries a curvature bias that grows
with sqrt(D tau)/R (measured: -20 % at tau = 0.01 R^2/D). Valid for tau << R^2/D, a solid solution and small steps; on
two-phase plateaus dE_s -> 0 and WH reports spuriously small D (Kang & Chueh,
J. Electrochem. Soc. 168 (2021) 120504 review the scatter this causes).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.errors import DataError


@dataclass(frozen=True)
class Pulse:
    start: int  # index of the first point of the pulse
    end: int  # index of its last point
    rest_end: int  # index of the last point of the following rest
    before: int  # index of the last point of the preceding rest


def find_pulses(time, current, min_points=5):
    """Pulses = runs of nonzero current between rests (zero current)."""
    t = np.asarray(time, dtype=float)
    i = np.asarray(current, dtype=float)
    if t.ndim != 1 or t.shape != i.shape or t.size < 3:
        raise DataError("time and current must be 1-D arrays of equal length (>= 3)")
    if not (np.all(np.isfinite(t)) and np.all(np.isfinite(i))):
        raise DataError("time and current must be finite")
    if np.any(np.diff(t) < 0):
        raise DataError("time must not decrease")
    scale = np.max(np.abs(i))
    if scale == 0:
        raise DataError("no current pulses: the current is zero throughout")
    on = np.abs(i) > 1e-6 * scale
    edges = np.flatnonzero(np.diff(on.astype(int)))
    starts = [e + 1 for e in edges if not on[e]]
    ends = [e for e in edges if on[e]]
    pulses = []
    for s in starts:
        later = [e for e in ends if e >= s]
        if not later or s == 0:
            continue
        e = later[0]
        nxt = [x for x in starts if x > e]
        rest_end = (nxt[0] - 1) if nxt else t.size - 1
        if e - s + 1 >= min_points and rest_end > e:
            pulses.append(Pulse(start=s, end=e, rest_end=rest_end, before=s - 1))
    if not pulses:
        raise DataError("no complete pulse (current on, then a rest) found")
    return pulses


def weppner_huggins(time, voltage, pulse, length, geometry="sphere"):
    """WH diffusion coefficient [m2/s] of one pulse (see module docstring).

    length : particle radius (``"sphere"``, V_M/S = R/3) or film thickness
    (``"planar"``, V_M/S = L) [m].
    """
    if geometry not in ("sphere", "planar"):
        raise DataError(f"geometry {geometry!r}: must be 'sphere' or 'planar'")
    vs = length / 3 if geometry == "sphere" else length
    t = np.asarray(time, dtype=float)
    E = np.asarray(voltage, dtype=float)
    sl = slice(pulse.start, pulse.end + 1)
    tau = t[pulse.end] - t[pulse.before]
    if tau <= 0:
        raise DataError("pulse of zero duration")
    s = np.sqrt(np.maximum(t[sl] - t[pulse.before], 0))
    slope = np.polyfit(s, E[sl], 1)[0]
    dE_t = slope * np.sqrt(tau)
    dE_s = E[pulse.rest_end] - E[pulse.before]
    if dE_t == 0:
        return np.nan
    return 4 / (np.pi * tau) * vs**2 * (dE_s / dE_t) ** 2
