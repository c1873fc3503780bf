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
