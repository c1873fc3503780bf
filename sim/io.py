"""Reading and writing column-oriented CSV files.

Curves exported by the reproduction harness are CSV files with one header row
of column names such as ``"Voltage [V]"`` and one row per sample. Numbers are
written with ``%.10g`` so that re-reading them loses no meaningful precision.
"""

from __future__ import annotations

import csv
import numbers
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from sim.errors import DataError


def _cell(value: Any) -> str:
    """Format one CSV cell: floats with 10 significant digits, others as str."""
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return "%.10g" % float(value)  # noqa: UP031 -- printf precision spec
    return str(value)


def column_lengths(columns: Mapping[str, Sequence[Any]]) -> dict[str, int]:
    """Return the length of every column."""
    return {name: len(values) for name, values in columns.items()}


def write_csv(path: str | Path, columns: Mapping[str, Sequence[Any]]) -> None:
    """Write equal-length columns to a CSV file with a header row.

    Args:
        path: Destination file; its directory must exist.
        columns: Column name to values (numbers or strings).

    Raises:
        ValueError: If the columns have different lengths or there are none
            (a programming error, not a user error).
    """
    if not columns:
        raise ValueError(f"no columns to write to {path}")
    lengths = column_lengths(columns)
    if len(set(lengths.values())) != 1:
        raise ValueError(f"columns for {path} have different lengths: {lengths}")
    n_rows = next(iter(lengths.values()))
    data = [list(values) for values in columns.values()]
    with Path(path).open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(list(columns))
        for i in range(n_rows):
            writer.writerow([_cell(col[i]) for col in data])


def _as_column(values: list[str]) -> np.ndarray | list[str]:
    """Return a float array if every value parses as a number, else the strings."""
    try:
        return np.array([float(v) for v in values], dtype=float)
    except ValueError:
        return values


def read_csv(path: str | Path) -> dict[str, np.ndarray | list[str]]:
    """Read a CSV file written by :func:`write_csv`.

    Columns whose every value parses as a number become float arrays; any other
    column is returned as a list of strings.

    Raises:
        DataError: If the file is missing or unreadable, empty, has blank or
            duplicate column names, or has a row whose length differs from
            the header.
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
    except FileNotFoundError:
        raise DataError(f"cannot read {path}: file does not exist") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(f"cannot read {path}: {exc}") from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise DataError(f"cannot read {path}: file is empty (no header row)")
    header = [name.strip() for name in rows[0]]
    if any(not name for name in header):
        raise DataError(f"cannot read {path}: header has a blank column name")
    duplicates = sorted({n for n in header if header.count(n) > 1})
    if duplicates:
        raise DataError(f"cannot read {path}: duplicate column names {duplicates}")
    body = [row for row in rows[1:] if row]  # tolerate blank lines
    for line, row in enumerate(rows[1:], start=2):
        if row and len(row) != len(header):
            raise DataError(
                f"cannot read {path}: line {line} has {len(row)} values "
                f"but the header has {len(header)} columns"
            )
    return {
        name: _as_column([row[i].strip() for row in body])
        for i, name in enumerate(header)
    }
