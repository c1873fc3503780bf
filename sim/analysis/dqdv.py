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

from sim.analysis._arrays import paired_arrays, whole_number
from sim.errors import DataError

REVERSAL_TOLERANCE = 0.02
"""A step's voltage may run back against its direction by this fraction of its
range (noise, relaxation at a current switch) and still count as one step."""


def check_monotonic(V, what="dQ/dV"):
    """Refuse a record whose voltage goes one way and then back (a whole cycle,
    or several steps): dQ/dV of such a record is meaningless (the two branches
    are folded onto one grid and give spurious peaks)."""
    span = float(np.ptp(V))
    if span == 0:
        return
    direction = np.sign(V[-1] - V[0]) or 1.0
    signed = direction * (V - V[0])
    back = float(np.max(np.maximum.accumulate(signed) - signed))
    if back > REVERSAL_TOLERANCE * span:
        raise DataError(
            f"{what} needs one charge or one discharge step, but the voltage runs "
            f"back by {back * 1e3:.0f} mV of its {span * 1e3:.0f} mV range (a whole "
            "cycle?); split the record into single steps first, e.g. "
            "Result.steps(n) or sim.analysis.cv.split_sweeps"
        )


def dqdv(voltage, capacity, n_points=400, window=21):
    """Return (V grid, dQ/dV) for one charge or discharge step.

    voltage : [V]; capacity : charge passed so far in the step (any unit, e.g.
    mAh/g); dQ/dV is in capacity-unit per volt, positive for both directions.
    n_points : points of the uniform voltage grid (>= 2 window);
    window : Savitzky-Golay window, an odd integer >= 5.

    Raises:
        DataError: On unusable data, including a record that is not one step
            (voltage going down and back up).
    """
    window = whole_number(window, "dQ/dV window", 5, 10001)
    if window % 2 == 0:
        raise DataError(f"dQ/dV window = {window}: must be odd (Savitzky-Golay)")
    n_points = whole_number(n_points, "dQ/dV n_points", 2 * window, 10**6)
    V, Q = paired_arrays(
        voltage, capacity, ("voltage", "capacity"), 2 * window, "a step for dQ/dV"
    )
    check_monotonic(V)
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
    grid, dq = paired_arrays(grid, dq, ("voltage grid", "dQ/dV"), 3, "dQ/dV peaks")
    if not 0 < float(min_prominence) < 1:
        raise DataError(f"min_prominence = {min_prominence!r}: must be in (0, 1)")
    idx, _ = find_peaks(dq, prominence=min_prominence * np.max(dq))
    return sorted((float(grid[i]) for i in idx), reverse=True)
