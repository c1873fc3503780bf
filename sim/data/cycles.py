"""Charge and discharge capacity per cycle of a measured run.

Where the file has the cycler's own counters (``"Charge capacity [A.h]"``,
``"Discharge capacity [A.h]"``), they are used: the cycler integrates its
current at its own (fast) sampling rate, also while the logger was not
recording, so a logging gap costs no capacity. Counters restart differently
on different cyclers (at every step, half cycle or cycle, or never); they are
turned into increments, and a counter that falls is taken as restarted from
zero, so its new value is the increment. Each increment belongs to the cycle
of the row it ends at.

Without counters the current is integrated (trapezoids) over the logged
intervals, *leaving out the logging gaps* (:mod:`sim.data.gaps`): what the cell
did during a gap is unknown, and the table's ``"Capacity source"`` says so.
Discharge is current > 0 (PyBaMM's sign).
"""

from __future__ import annotations

import numpy as np

from sim.errors import DataError

COUNTERS = "cycler counters"
INTEGRATED = "integrated current (logging gaps left out)"


def counter_increments(counter):
    """A.h per row: how much a cycler counter grew since the previous row
    (0 for the first row; a fall is a restart, so the new value is the
    increment)."""
    q = np.nan_to_num(np.asarray(counter, dtype=float))
    d = np.diff(q, prepend=q[:1])
    return np.where(d < 0, q, d)


def _integrated(result):
    t = result["Time [s]"]
    i = np.nan_to_num(result["Current [A]"])
    dq = np.zeros(len(t))
    dq[1:] = 0.5 * (i[1:] + i[:-1]) * np.diff(t) / 3600.0  # A.h
    gaps = result.table("gaps")["Row"].astype(int) if "gaps" in result.tables else []
    dq[np.asarray(gaps, dtype=int)] = 0.0
    return np.where(dq < 0, -dq, 0.0), np.where(dq > 0, dq, 0.0)


def cycle_table(result):
    """Per cycle: ``"Cycle number"``, ``"Start time [s]"``, ``"End time [s]"``,
    ``"Charge capacity [A.h]"``, ``"Discharge capacity [A.h]"`` (dict of
    arrays) and ``"Capacity source"`` (a list of strings, one per cycle).
    A run without cycle numbers is one cycle."""
    if "Current [A]" not in result and "Charge capacity [A.h]" not in result:
        raise DataError("no current and no capacity counters: no cycle table")
    t = result["Time [s]"]
    if "Charge capacity [A.h]" in result and "Discharge capacity [A.h]" in result:
        charge = counter_increments(result["Charge capacity [A.h]"])
        discharge = counter_increments(result["Discharge capacity [A.h]"])
        source = COUNTERS
    else:
        charge, discharge = _integrated(result)
        source = INTEGRATED
    cycles = result["Cycle number"] if "Cycle number" in result else np.ones(len(t))
    numbers, first, inverse = np.unique(cycles, return_index=True, return_inverse=True)
    last = len(t) - 1 - np.unique(cycles[::-1], return_index=True)[1]
    n = len(numbers)
    table = {
        "Cycle number": numbers.astype(int),
        "Start time [s]": t[first],
        "End time [s]": t[last],
        "Charge capacity [A.h]": np.bincount(inverse, weights=charge, minlength=n),
        "Discharge capacity [A.h]": np.bincount(
            inverse, weights=discharge, minlength=n
        ),
    }
    table["Capacity source"] = [source] * len(numbers)
    return table
