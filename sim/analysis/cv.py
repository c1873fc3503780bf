"""Cyclic-voltammetry analysis on plain arrays (simulated or measured).

Sign convention of the *current* argument: cathodic (reduction, sodiation of the
working electrode) negative, anodic positive, as plotted in papers. PyBaMM's
"Current [A]" is the opposite (discharge positive); pass ``-I`` for it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from scipy.signal import find_peaks

from sim.analysis._arrays import paired_arrays
from sim.errors import DataError


@dataclass(frozen=True)
class Peak:
    potential: float  # [V]
    current: float  # [A] (signed: cathodic < 0)
    direction: str  # "cathodic" or "anodic"


def _as_arrays(voltage, current):
    return paired_arrays(voltage, current, ("voltage", "current"), 10, "a CV sweep")


def sweep_direction(voltage):
    """'cathodic' if the potential decreases through the sweep, 'anodic' if it
    increases; raises DataError if the sweep is not monotonic."""
    V = np.asarray(voltage, dtype=float)
    dV = np.diff(V)
    if np.all(dV <= 0) and dV.sum() < 0:
        return "cathodic"
    if np.all(dV >= 0) and dV.sum() > 0:
        return "anodic"
    raise DataError(
        "the potential of a sweep must change monotonically; split the CV into "
        "sweeps at its vertices first (see split_sweeps)"
    )


def split_sweeps(voltage, current):
    """Split a CV record into monotonic sweeps at its vertices.

    Returns a list of (voltage, current) array pairs.
    """
    V, I = _as_arrays(voltage, current)
    s = np.sign(np.diff(V))
    # carry the last non-zero sign over flat points
    for k in range(1, s.size):
        if s[k] == 0:
            s[k] = s[k - 1]
    cuts = np.flatnonzero(s[1:] != s[:-1]) + 1
    bounds = np.r_[0, cuts, V.size - 1]
    return [
        (V[a : b + 1], I[a : b + 1]) for a, b in itertools.pairwise(bounds) if b > a
    ]


def find_sweep_peaks(voltage, current, min_prominence=0.05):
    """Peaks of one monotonic sweep.

    On a cathodic sweep the peaks are minima of the current, on an anodic sweep
    maxima. ``min_prominence`` is relative to the largest |current| of the sweep.
    Returns peaks ordered by potential, highest first.
    """
    V, I = _as_arrays(voltage, current)
    direction = sweep_direction(V)
    y = -I if direction == "cathodic" else I
    scale = np.max(np.abs(I))
    if scale == 0:
        return []
    idx, _ = find_peaks(y, prominence=min_prominence * scale)
    peaks = [Peak(float(V[i]), float(I[i]), direction) for i in idx if y[i] > 0]
    return sorted(peaks, key=lambda p: -p.potential)


def peaks_near(peaks, potential, window):
    """The largest-|current| peak within ``window`` V of ``potential``, or None."""
    near = [p for p in peaks if abs(p.potential - potential) <= window]
    return max(near, key=lambda p: abs(p.current)) if near else None


def nearest_peak(peaks, potential, window):
    """The peak closest to ``potential`` within ``window`` V, or None. Use this to
    follow one peak across scan rates (``peaks_near`` picks the largest, which can
    jump to a neighbour)."""
    near = [p for p in peaks if abs(p.potential - potential) <= window]
    return min(near, key=lambda p: abs(p.potential - potential)) if near else None


def longest_sweeps(voltage, current):
    """``{"cathodic": (V, I), "anodic": (V, I)}``: the longest sweep of each
    direction of a CV record (e.g. one cycle; a direction the record never
    sweeps is absent). Current in the paper's sign, as everywhere here."""
    out = {}
    for V, I in split_sweeps(voltage, current):
        direction = "cathodic" if V[-1] < V[0] else "anodic"
        if direction not in out or np.ptp(V) > np.ptp(out[direction][0]):
            out[direction] = (V, I)
    return out


def track_peak(sweeps, start, window):
    """Follow one peak across scan rates.

    ``sweeps``: the (V, I) sweeps of one direction, one per scan rate, in the
    order to follow (e.g. slowest first); the peak is taken from the sweep's
    peak nearest to ``start`` [V], then at each next rate the peak nearest to
    the last one found, within ``window`` V. Returns an array of (potential,
    current) rows, one per sweep; raises DataError when the peak is lost.
    """
    found, guess = [], float(start)
    for k, (V, I) in enumerate(sweeps):
        peak = nearest_peak(find_sweep_peaks(V, I), guess, window)
        if peak is None:
            raise DataError(
                f"peak lost in sweep {k + 1}: no peak within {window} V of "
                f"{guess:.3f} V"
            )
        found.append((peak.potential, peak.current))
        guess = peak.potential
    return np.array(found)


def charge_shares(time, voltage, current, parts):
    """The share of a CV cycle's charge each part of the current carried.

    ``parts``: name -> current array (e.g. the true current of every store of a
    model) in the same sign as ``current``, the total. Per sweep direction the
    signed charge of each part is divided by that sweep's charge, then the two
    sweeps are summed, each over the sum of both sweeps' |charge|: a part whose
    current changes sign within a sweep is not counted twice. The shares of
    parts that add up to the total add up to one.
    """
    t, V = paired_arrays(time, voltage, ("time", "voltage"), 3, "a CV cycle")
    I = np.asarray(current, dtype=float)
    sweep = np.sign(np.gradient(V, t))
    total, shares = 0.0, dict.fromkeys(parts, 0.0)
    for direction in (-1, 1):
        sel = sweep == direction
        q = np.trapezoid(I[sel], t[sel])
        total += abs(q)
        for name, part in parts.items():
            shares[name] += np.trapezoid(np.asarray(part)[sel], t[sel]) * np.sign(q)
    if total == 0:
        raise DataError("the cycle passes no charge: no shares to compute")
    return {name: value / total for name, value in shares.items()}
