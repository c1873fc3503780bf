"""Generic CSV/TSV files: the project's own ``"Name [unit]"`` CSVs, or any
table with a column mapping.

Without a mapping the file must name its columns as this project does
(``"Time [s]"``, ``"Voltage [V]"``, ``"Current [A]"`` in PyBaMM's sign, ...:
what :meth:`sim.result.Result.to_csv` and ``sim data --out`` write); the
standard columns are kept (:mod:`sim.data.standard`) and so are other numeric
``"Name [unit]"`` columns.

With a mapping, each standard name maps to the file's column name, or to
``(column name, factor)``: the values are multiplied by the factor, which
carries the unit and the sign. For example, an EC-Lab-like table in mA with
oxidation current positive::

    read("run.txt", fmt="tsv", mapping={"Time [s]": "time/s",
         "Voltage [V]": "Ewe/V", "Current [A]": ("I/mA", -1e-3)})

Times written ``h:mm:ss`` are accepted in the time column. A spectrum
("Frequency [Hz]", "Z_re [Ohm]", "Z_im [Ohm]") may come without times.
"""

from __future__ import annotations

import re

import numpy as np

from sim.data.standard import STANDARD_COLUMNS, measured
from sim.data.tabular import read_text_table
from sim.errors import DataError

_UNIT_NAME = re.compile(r"^.+ \[[^\]]+\]$")


def _mapped(table, mapping, path):
    cols = {}
    for name, spec in mapping.items():
        if name not in STANDARD_COLUMNS:
            raise DataError(
                f"column mapping: {name!r} is not a standard column; allowed: "
                f"{list(STANDARD_COLUMNS)}"
            )
        column, factor = (spec, 1.0) if isinstance(spec, str) else spec
        index = table.find(column)
        if index is None:
            raise DataError(
                f"cannot read {path}: no column {column!r} (mapped to {name!r}); "
                f"columns: {table.names[:20]}"
            )
        cols[name] = float(factor) * table.numbers(index, clock=name == "Time [s]")
    return cols


def parse_mapping(texts):
    """Command-line column mappings ``"STANDARD=COLUMN"`` or
    ``"STANDARD=COLUMN*FACTOR"`` (e.g. ``"Current [A]=I/mA*-1e-3"``: the
    file's ``I/mA`` column times -0.001) as a mapping for :func:`read_generic`
    (None for no texts). The factor is what follows the last ``*``."""
    if not texts:
        return None
    mapping = {}
    for text in texts:
        name, sep, spec = str(text).partition("=")
        name, spec = name.strip(), spec.strip()
        if not sep or not name or not spec:
            raise DataError(
                f"--column {text!r}: write STANDARD=COLUMN or STANDARD=COLUMN*FACTOR, "
                "e.g. 'Current [A]=I/mA*-1e-3'"
            )
        column, star, factor = spec.rpartition("*")
        if star:
            try:
                value = float(factor)
            except ValueError:
                raise DataError(
                    f"--column {text!r}: the factor {factor!r} after '*' is not a number"
                ) from None
            if not np.isfinite(value) or value == 0:
                raise DataError(
                    f"--column {text!r}: the factor must be finite and non-zero"
                )
            mapping[name] = (column.strip(), value)
        else:
            mapping[name] = spec
    return mapping


def read_generic(path, fmt, mapping=None):
    """Read a CSV/TSV file, with a column mapping or with standard names."""
    table = read_text_table(path, "\t" if fmt == "tsv" else None)
    if mapping:
        return measured(
            _mapped(table, mapping, path),
            instrument="unknown (mapped table)",
            fmt=fmt,
            source=path.name,
        )
    spectrum = {"Frequency [Hz]", "Z_re [Ohm]", "Z_im [Ohm]"} <= set(table.names)
    if "Time [s]" not in table.names and not spectrum:
        raise DataError(
            f"cannot read {path} as a {fmt.upper()} of standard columns: no "
            "'Time [s]' column (give a column mapping, or --format for a "
            f"cycler export); columns: {table.names[:12]}"
        )
    cols, extra = {}, {}
    for index, name in enumerate(table.names):
        if name in STANDARD_COLUMNS:
            cols[name] = table.numbers(index)
        elif _UNIT_NAME.match(name):
            values = table.numbers(index)
            if not np.all(np.isnan(values)):
                extra[name] = values
    if "Time [s]" not in cols:  # a spectrum exported without times: all at t = 0
        cols["Time [s]"] = np.zeros(len(cols["Frequency [Hz]"]))
    return measured(
        cols,
        instrument="unknown (standard CSV)",
        fmt=fmt,
        source=path.name,
        extra=extra,
    )
