"""Differential capacity (dQ/dV) of a galvanostatic step, from plain arrays
(simulated or measured).

The capacity is resampled on a uniform potential grid (the step must be monotonic
in potential after light cleaning: repeated potentials are merged, as cyclers
record them) and differentiated with a Savitzky-Golay filter, the usual way to
keep measurement noise from swamping the derivative. Peaks of dQ/dV sit where a
slow CV's peaks sit: both mark where a store takes up charge.
"""

from __future__ import annotations

import numpy as np
from scipy.signal import find_peaks, savgol_filter

from sim.analysis._arrays import paired_arrays
from sim.errors import DataError


def dqdv(voltage, capacity, n_points=400, window=21):
    """Return (V grid, dQ/dV) for one charge or discharge step.

    voltage : [V]; capacity : charge passed so far in the step (any unit, e.g.
    mAh/g); dQ/dV is in capacity-unit per volt, positive for both directions.
    """
    V, Q = paired_arrays(
        voltage, capacity, ("voltage", "capacity"), 2 * window, "a step for dQ/dV"
    )
    order = np.argsort(V, kind="stable")
    Vs, idx = np.unique(V[order], return_index=True)
    Qs = Q[order][idx]
    if Vs.size < 2 * window or np.ptp(Vs) == 0:
        raise DataError("the step's potential barely changes: no dQ/dV to compute")
    grid = np.linspace(Vs[0], Vs[-1], n_points)
    Qg = np.interp(grid, Vs, Qs)
    dQ = savgol_filter(Qg, window, 3, deriv=1, delta=grid[1] - grid[0])
    return grid, np.abs(dQ)


def dqdv_peaks(grid, dq, min_prominence=0.05):
    """Potentials of the dQ/dV peaks, highest first (prominence relative to the
    largest value)."""
    idx, _ = find_peaks(dq, prominence=min_prominence * np.max(dq))
    return sorted((float(grid[i]) for i in idx), reverse=True)
