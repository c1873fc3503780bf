"""Measured columns into one :class:`sim.result.Result` with the standard names.

Every reader hands its columns, already in SI units and PyBaMM's sign, to
:func:`measured`, which checks them and adds what every measured Result has:

Columns (those the file has):

- ``"Time [s]"``: since the first row, finite and non-decreasing (jitter
  below :data:`TIME_JITTER_S` is smoothed, a larger step back is an error);
- ``"Voltage [V]"``: working electrode vs. counter/reference as recorded;
- ``"Current [A]"``: PyBaMM's sign, > 0 is a discharge, i.e. reduction
  (sodiation/lithiation) of the working electrode of a half cell. Cyclers
  differ: BioLogic records reduction (cathodic) current negative, Neware, Arbin
  and Landt record discharge current negative; the readers flip them;
- ``"Cycle number"``: 1-based; ``"Step number"``: 1-based, counting every
  change of the cycler's step over the whole run; ``"Step index"``: the
  cycler's own step (program line) number, as recorded;
- ``"Charge capacity [A.h]"``, ``"Discharge capacity [A.h]"``: the cycler's own
  counters as recorded (they may restart at every step, half cycle or cycle;
  :mod:`sim.data.cycles` handles both);
- ``"Frequency [Hz]"``, ``"Z_re [Ohm]"``, ``"Z_im [Ohm]"``: impedance points
  (Z_im < 0 for a capacitive response), NaN on rows that are not impedance.

Summary: ``"Instrument"``, ``"Format"``, ``"Source file"``, ``"Rows"``,
``"Duration [s]"``, ``"Logging gaps"``, ``"Longest gap [s]"`` and anything the
reader adds (e.g. ``"Active mass [g]"``). Tables: ``"gaps"``
(:mod:`sim.data.gaps`).
"""

from __future__ import annotations

import numpy as np

from sim.data.gaps import find_gaps
from sim.errors import DataError
from sim.result import Result

STANDARD_COLUMNS = (
    "Time [s]",
    "Voltage [V]",
    "Current [A]",
    "Cycle number",
    "Step number",
    "Step index",
    "Charge capacity [A.h]",
    "Discharge capacity [A.h]",
    "Frequency [Hz]",
    "Z_re [Ohm]",
    "Z_im [Ohm]",
)


TIME_JITTER_S = 1e-3
"""s: a time that goes back by less than this (a cycler's clock jitter at a
technique or step change) is set to the time before it; more is an error."""


def step_numbers(step_index, cycle=None):
    """1-based step numbers over the whole run: a new number at every row where
    the cycler's step index (or the cycle) changes."""
    step_index = np.asarray(step_index, dtype=float)
    change = np.zeros(len(step_index), dtype=bool)
    change[1:] = step_index[1:] != step_index[:-1]
    if cycle is not None:
        cycle = np.asarray(cycle, dtype=float)
        change[1:] |= cycle[1:] != cycle[:-1]
    return 1 + np.cumsum(change)


def measured(
    columns, *, instrument, fmt, source, summary=None, extra=None, time_origin=True
):
    """A measured Result from standard columns (SI, PyBaMM's sign).

    Args:
        columns: standard name -> values; must include ``"Time [s]"`` and at
            least one of voltage, current or impedance.
        instrument: the cycler's make (and model where the file says it).
        fmt: the format name the file was read as (see :mod:`sim.data.formats`).
        source: the file's name (recorded in the summary).
        summary: further numbers/strings read from the file's header.
        extra: further numeric columns kept after the standard ones.
        time_origin: shift the time so that the first row is at 0 s.

    Raises:
        DataError: no rows, no time, a non-finite or decreasing time (the row
            is named), or none of the measured quantities.
    """
    cols = {}
    for name, values in columns.items():
        if name not in STANDARD_COLUMNS:
            raise DataError(f"{source}: {name!r} is not a standard column")
        if values is None:
            continue
        cols[name] = np.asarray(values, dtype=float) + 0.0  # no -0 from sign flips
    if "Time [s]" not in cols:
        raise DataError(f"{source}: the file has no time column")
    t = cols["Time [s]"]
    if len(t) == 0:
        raise DataError(f"{source}: the file has no data rows")
    if not any(c in cols for c in ("Voltage [V]", "Current [A]", "Z_re [Ohm]")):
        raise DataError(f"{source}: the file has no voltage, current or impedance")
    bad = np.flatnonzero(~np.isfinite(t))
    if len(bad):
        raise DataError(
            f"{source}: time is missing or not a number on data row {bad[0] + 1}"
        )
    back = np.flatnonzero(np.diff(t) < 0)
    if len(back) and np.all(np.diff(t)[back] > -TIME_JITTER_S):
        t = np.maximum.accumulate(t)  # clock jitter, not a time going back
        cols["Time [s]"] = t
        back = back[:0]
    if len(back):
        i = back[0]
        raise DataError(
            f"{source}: time goes backwards at data row {i + 2} "
            f"({t[i]:.6g} s -> {t[i + 1]:.6g} s); measured time must not decrease"
        )
    if time_origin:
        cols["Time [s]"] = t - t[0]
    for name in ("Cycle number", "Step number", "Step index"):
        if name in cols and not np.all(np.isfinite(cols[name])):
            raise DataError(f"{source}: {name!r} has missing values")
    if "Step index" in cols and "Step number" not in cols:
        cols["Step number"] = step_numbers(cols["Step index"], cols.get("Cycle number"))
    for name in ("Cycle number", "Step number", "Step index"):
        if name in cols:
            cols[name] = cols[name].astype(int)
    ordered = {n: cols[n] for n in STANDARD_COLUMNS if n in cols}
    ordered.update({n: np.asarray(v, dtype=float) for n, v in (extra or {}).items()})
    impedance = (
        np.isfinite(ordered["Frequency [Hz]"]) if "Frequency [Hz]" in ordered else None
    )
    gaps = find_gaps(ordered["Time [s]"], ordered.get("Step number"), skip=impedance)
    durations = gaps["Duration [s]"]
    info = {
        "Instrument": instrument,
        "Format": fmt,
        "Source file": str(source),
        "Rows": len(t),
        "Duration [s]": float(ordered["Time [s]"][-1]),
        "Logging gaps": len(durations),
        "Longest gap [s]": float(durations.max()) if len(durations) else 0.0,
    }
    info.update(summary or {})
    return Result.from_columns(ordered, tables={"gaps": gaps}, summary=info)
