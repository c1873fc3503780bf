"""One result type for simulated and measured cell data.

A :class:`Result` is what a cycler file is: equal-length columns named
``"Name [unit]"`` with one row per recorded point, plus what was known about the
run. The same type holds a simulation (with its PyBaMM solution, the protocol and
the inputs used) and a measurement (:meth:`Result.from_columns`, solution None),
so an analysis function never needs to know which one it was given.

Standard columns (a runner fills those it can):

- ``"Time [s]"``, ``"Voltage [V]"``, ``"Current [A]"``: PyBaMM's sign, current
  > 0 is a discharge, i.e. sodiation/lithiation of the working electrode;
- ``"Capacity [A.h]"``: charge passed since the start, discharge positive;
- ``"Specific current [mA.g-1]"``, ``"Specific capacity [mA.h.g-1]"``: the same
  per gram of active material, where the cell's active mass is known;
- ``"Cycle number"``, ``"Step number"``: 1-based, counted over the whole run;
- the model's per-store currents (e.g. ``"Double-layer current [A]"``), where the
  model has them.

Protocol-specific tables (an impedance spectrum per stop, a GITT pulse table)
are further column sets under :meth:`Result.table`; single numbers read off a run
(a transference number, a depletion time) are in :attr:`Result.summary`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from sim.errors import DataError
from sim.io import write_csv


def _columns(columns, what):
    """Equal-length numpy columns, or one DataError naming the lengths."""
    out = {}
    for name, values in dict(columns).items():
        if not isinstance(name, str):
            raise DataError(f"{what}: column name {name!r} must be a string")
        arr = np.asarray(values)
        if arr.ndim != 1:
            raise DataError(
                f"{what}: column {name!r} has shape {arr.shape}: one value per row"
            )
        out[name] = arr
    lengths = {n: len(v) for n, v in out.items()}
    if len(set(lengths.values())) > 1:
        raise DataError(f"{what}: columns must have equal length, got {lengths}")
    return out


class Result(Mapping):
    """Columns of one run (simulated or measured), mapping-like.

    ``result["Voltage [V]"]`` is a numpy array; an unknown name raises a
    :class:`DataError` listing the columns there are.

    Attributes:
        solution: The ``pybamm.Solution`` of a simulation (a list of them when
            the protocol restarts the cell, e.g. long cycling with skipped
            cycles), None for measured data.
        protocol: The protocol that produced the data (None if unknown).
        inputs: The solve-time inputs used (a dict, empty if none).
        summary: Numbers read off the run (dict name -> value).
    """

    def __init__(
        self,
        columns,
        *,
        tables=None,
        summary=None,
        solution=None,
        protocol=None,
        inputs=None,
    ):
        self._columns = _columns(columns, "result")
        self._tables = {
            name: _columns(cols, f"table {name!r}")
            for name, cols in (tables or {}).items()
        }
        self.summary = dict(summary or {})
        self.solution = solution
        self.protocol = protocol
        self.inputs = dict(inputs or {})

    @classmethod
    def from_columns(cls, columns, *, protocol=None, tables=None, summary=None):
        """A Result from measured (or exported) columns, e.g. those read by
        :func:`sim.io.read_csv`. Needs a ``"Time [s]"`` column of finite,
        non-decreasing times."""
        cols = _columns(columns, "measured data")
        if "Time [s]" not in cols:
            raise DataError(
                f"measured data needs a 'Time [s]' column; got {sorted(cols)}"
            )
        t = np.asarray(cols["Time [s]"], dtype=float)
        if not np.all(np.isfinite(t)) or np.any(np.diff(t) < 0):
            raise DataError("measured 'Time [s]' must be finite and non-decreasing")
        return cls(cols, tables=tables, summary=summary, protocol=protocol)

    # mapping protocol
    def __getitem__(self, name):
        try:
            return self._columns[name]
        except KeyError:
            raise DataError(
                f"no column {name!r} in this result; columns: {sorted(self._columns)}"
            ) from None

    def __contains__(self, name):
        # Mapping's default catches only KeyError; an unknown name raises DataError
        return name in self._columns

    def __iter__(self):
        return iter(self._columns)

    def __len__(self):
        return len(self._columns)

    def __repr__(self):
        n = len(next(iter(self._columns.values()))) if self._columns else 0
        return f"Result({n} rows, columns={list(self._columns)})"

    @property
    def n_rows(self):
        """Number of recorded points."""
        return len(next(iter(self._columns.values()))) if self._columns else 0

    def table(self, name):
        """A protocol-specific table (dict of equal-length numpy columns)."""
        try:
            return self._tables[name]
        except KeyError:
            raise DataError(
                f"no table {name!r} in this result; tables: {sorted(self._tables)}"
            ) from None

    @property
    def tables(self):
        """Names of the protocol-specific tables."""
        return list(self._tables)

    def _select(self, column, numbers):
        values = self[column]
        wanted = [int(n) for n in numbers]
        have = sorted({int(v) for v in values})
        missing = [n for n in wanted if n not in have]
        if missing:
            raise DataError(f"{column} {missing} not in this result; there are {have}")
        keep = np.isin(values, wanted)
        return Result(
            {n: v[keep] for n, v in self._columns.items()},
            tables=self._tables,
            summary=self.summary,
            solution=self.solution,
            protocol=self.protocol,
            inputs=self.inputs,
        )

    def cycles(self, *numbers):
        """The rows of the given cycle numbers (1-based), as a Result."""
        return self._select("Cycle number", numbers)

    def steps(self, *numbers):
        """The rows of the given step numbers (1-based), as a Result."""
        return self._select("Step number", numbers)

    def to_csv(self, path):
        """Write the columns (not the tables) to a CSV file (:mod:`sim.io`)."""
        write_csv(path, self._columns)


__all__ = ["Result"]
