"""Neware BTS files (.nda, .ndax), read with NewareNDA (an optional extra,
https://github.com/d-cogswell/NewareNDA, BSD-3-Clause).

NewareNDA returns per row the cycle, the step (counted over the run) and its
program line (``Step_Index``), the step status (``CC_DChg``, ``Rest``, ...),
the time *since the step started* [s], voltage [V], current [mA] (discharge
negative: flipped here into PyBaMM's sign) and the step's charge and discharge
capacity counters [mA.h], and the wall-clock ``Timestamp``.

The run time is rebuilt step by step: each step starts where the previous one
ended or, if the wall clock says later, at its wall-clock start (so a pause
between steps shows as a logging gap instead of disappearing).
"""

from __future__ import annotations

import numpy as np

from sim.data.files import checked_zip, optional, parse_error, quiet
from sim.data.standard import measured
from sim.errors import DataError

WALL_CLOCK_RESOLUTION_S = 1.0
"""s: resolution of Neware's wall clock; a step is moved later only when its
wall-clock start is more than this after the previous step's last row."""


def run_time(step, step_time, wall=None):
    """s: the time since the first row, from the time since each step started
    and (optionally) the wall clock [s] of each row. A time column that never
    restarts at a step change is a run time already, and is used as it is."""
    step = np.asarray(step)
    step_time = np.asarray(step_time, dtype=float)
    if len(step_time) and np.all(np.diff(step_time) >= 0) and step_time[-1] > 0:
        restarts = np.flatnonzero(step[1:] != step[:-1]) + 1
        if len(restarts) and np.all(step_time[restarts] > 0):
            return step_time - step_time[0]  # a run time already
    starts = np.flatnonzero(np.r_[True, step[1:] != step[:-1]])
    ends = np.r_[starts[1:], len(step)]
    total = np.empty(len(step_time))
    offset = 0.0
    for a, b in zip(starts, ends, strict=True):
        begin = offset
        if wall is not None and np.isfinite(wall[a]):
            clock = (wall[a] - step_time[a]) - (wall[0] - step_time[0])
            if clock > offset + WALL_CLOCK_RESOLUTION_S:
                begin = clock
        total[a:b] = begin + step_time[a:b]
        offset = total[b - 1]
    return total


def read_neware(path, fmt):
    """Read a Neware .nda or .ndax file into a measured Result."""
    what = f"a Neware .{fmt.split('-')[1]} file"
    if fmt == "neware-ndax":
        checked_zip(path, what)
    nda = optional("NewareNDA", f"Neware .{fmt.split('-')[1]} files")
    try:
        with quiet():
            df = nda.read(str(path))
    except Exception as exc:  # noqa: BLE001 -- any failure of the parser on the file
        raise parse_error(path, what, exc) from None
    needed = ("Cycle", "Step", "Time", "Voltage", "Current(mA)")
    missing = [c for c in needed if c not in df.columns]
    if missing or len(df) == 0:
        raise DataError(
            f"cannot read {path} as {what}: no data records"
            + (f" (missing {missing})" if missing else "")
        )
    wall = None
    if "Timestamp" in df.columns:
        stamps = df["Timestamp"]
        try:
            wall = (stamps - stamps.iloc[0]).dt.total_seconds().to_numpy(float)
        except (TypeError, AttributeError, ValueError):
            wall = None
    step = df["Step"].to_numpy(int)
    cols = {
        "Time [s]": run_time(step, df["Time"].to_numpy(float), wall),
        "Voltage [V]": df["Voltage"].to_numpy(float),
        "Current [A]": -1e-3 * df["Current(mA)"].to_numpy(float),
        "Cycle number": df["Cycle"].to_numpy(int),
        "Step number": step,
    }
    if "Step_Index" in df.columns:
        cols["Step index"] = df["Step_Index"].to_numpy(int)
    if "Charge_Capacity(mAh)" in df.columns:
        cols["Charge capacity [A.h]"] = 1e-3 * df["Charge_Capacity(mAh)"].to_numpy(
            float
        )
        cols["Discharge capacity [A.h]"] = 1e-3 * df[
            "Discharge_Capacity(mAh)"
        ].to_numpy(float)
    return measured(cols, instrument="Neware BTS", fmt=fmt, source=path.name)
