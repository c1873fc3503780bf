"""Gaps in the logging of a measured run.

A cycler logs a point every so often (every few seconds, or on a voltage or
current change). A *gap* is an interval between two logged points that is much
longer than the logging interval around it: the logger stopped (a power cut,
a full disk, a paused channel) while the cell may have gone on being charged or
discharged. Nothing is interpolated across a gap; capacities come from the
cycler's counters where the file has them (:mod:`sim.data.cycles`), and
integrated current leaves the gap out.

An interval ``dt`` is a gap when it is longer than :data:`GAP_FACTOR` times the
median interval of the step it ends in (or of the step before, whichever is
longer: the logging period may change with the step) and longer than
:data:`MIN_GAP_S`. Without step numbers the median of the whole run is used.
Intervals ending at an impedance point are never gaps (a low-frequency point
takes minutes).
"""

from __future__ import annotations

import numpy as np

GAP_FACTOR = 10.0
"""An interval this many times the step's median logging interval is a gap."""

MIN_GAP_S = 60.0
"""s: no interval shorter than this is a gap (fast logging jitters)."""

GAP_COLUMNS = (
    "Row",
    "Start time [s]",
    "Duration [s]",
    "Typical interval [s]",
)


def _step_medians(dt, steps):
    """Median logging interval of each interval's step (interval i ends at row
    i + 1), the steps' own intervals only."""
    ends = steps[1:]
    inside = steps[1:] == steps[:-1]
    medians = np.full(len(dt), np.nan)
    order = np.argsort(ends, kind="stable")
    sorted_steps = ends[order]
    bounds = np.flatnonzero(np.diff(sorted_steps)) + 1
    for group in np.split(order, bounds):
        own = group[inside[group]]
        if len(own):
            medians[group] = np.median(dt[own])
    return medians


def find_gaps(time, steps=None, *, skip=None, factor=GAP_FACTOR, min_gap=MIN_GAP_S):
    """The logging gaps of a run, as a table (dict of equal-length arrays).

    Args:
        time: s, non-decreasing.
        steps: step number of each row (None: one logging interval for the run).
        skip: rows whose interval (from the row before) is never a gap, e.g.
            impedance points: one low-frequency point takes minutes.
        factor, min_gap: see the module docstring.

    Returns:
        ``"Row"`` (0-based index of the first row after the gap), ``"Start time
        [s]"``, ``"Duration [s]"`` and ``"Typical interval [s]"`` (the median
        interval it was compared with).
    """
    t = np.asarray(time, dtype=float)
    empty = {name: np.array([]) for name in GAP_COLUMNS}
    if len(t) < 3:
        return empty
    dt = np.diff(t)
    positive = dt[dt > 0]
    if not len(positive):
        return empty
    overall = np.median(positive)
    if steps is None:
        typical = np.full(len(dt), overall)
    else:
        steps = np.asarray(steps)
        own = _step_medians(dt, steps)
        before = np.concatenate(([np.nan], own[:-1]))
        # at a step change compare with the slower of the two steps' intervals
        change = steps[1:] != steps[:-1]
        typical = np.where(change, np.fmax(own, before), own)
        typical = np.where(np.isfinite(typical), typical, overall)
    typical = np.maximum(typical, overall * 1e-3)
    is_gap = (dt > factor * typical) & (dt > min_gap)
    if skip is not None:
        is_gap &= ~np.asarray(skip, dtype=bool)[1:]
    idx = np.flatnonzero(is_gap)
    return {
        "Row": idx + 1,
        "Start time [s]": t[idx],
        "Duration [s]": dt[idx],
        "Typical interval [s]": typical[idx],
    }
