"""Tables of rows from CSV/TSV text and .xlsx sheets, for the export readers.

A table is a header (column names as written) and one list of cell values per
column. Numbers are parsed here; times may also be written ``h:mm:ss(.s)`` or
``d-h:mm:ss`` (cycler exports) and become seconds. .xlsx workbooks are read with
openpyxl (an optional extra) in read-only mode, values only (no formulas are
evaluated, no macros run).
"""

from __future__ import annotations

import csv
import io
import itertools
import re

import numpy as np

from sim.data.files import checked_zip, optional, parse_error, quiet
from sim.errors import DataError

MAX_COLUMNS = 1000
_CLOCK = re.compile(r"^(?:(\d+)[-d ]\s*)?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d*)?)$")


def seconds(value):
    """s from a number of seconds or an ``h:mm:ss(.s)`` / ``d-h:mm:ss`` text;
    NaN if it is neither."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if hasattr(value, "total_seconds"):  # datetime.timedelta from a sheet
        return float(value.total_seconds())
    if hasattr(value, "hour") and not hasattr(value, "year"):  # datetime.time
        return value.hour * 3600.0 + value.minute * 60.0 + value.second
    text = str(value).strip() if value is not None else ""
    match = _CLOCK.match(text)
    if match:
        days = float(match[1] or 0)
        return (
            days * 86400
            + float(match[2]) * 3600
            + float(match[3]) * 60
            + float(match[4])
        )
    return number(value)


def number(value):
    """A float from a cell (decimal comma accepted), NaN if blank or not one."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip() if value is not None else ""
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return np.nan


class Table:
    """Columns of one sheet or text file: ``names`` (as written) and ``cells``
    (one list per column), plus where they came from (for messages)."""

    def __init__(self, names, rows, where):
        self.names = [str(n).strip() if n is not None else "" for n in names]
        if len(self.names) > MAX_COLUMNS:
            raise DataError(
                f"{where}: {len(self.names)} columns, at most {MAX_COLUMNS}"
            )
        width = len(self.names)
        self.cells = [[] for _ in range(width)]
        for row in rows:
            if row is None or all(c is None or str(c).strip() == "" for c in row):
                continue  # blank line
            row = list(row)[:width] + [None] * (width - len(row))
            for col, value in zip(self.cells, row, strict=True):
                col.append(value)
        self.where = where
        self.n_rows = len(self.cells[0]) if self.cells else 0

    def find(self, *candidates):
        """Index of the first column whose normalised name is one of
        ``candidates`` (normalised: lower case, no spaces, underscores or
        brackets), or None."""
        keys = [_key(n) for n in self.names]
        for candidate in candidates:
            key = _key(candidate)
            if key in keys:
                return keys.index(key)
        return None

    def numbers(self, index, *, clock=False):
        """The column ``index`` as floats (``clock``: times as seconds)."""
        parse = seconds if clock else number
        return np.array([parse(v) for v in self.cells[index]], dtype=float)

    def texts(self, index):
        return [str(v).strip() if v is not None else "" for v in self.cells[index]]


def _key(name):
    return re.sub(r"[\s_()\[\]]", "", str(name)).lower()


def read_text_table(path, delimiter=None, *, header_row=0):
    """A Table from a CSV/TSV text file (UTF-8, or latin-1 if not UTF-8);
    ``delimiter`` None: tab if the header has one, else comma (or semicolon)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    lines = text.splitlines()
    if len(lines) <= header_row:
        raise DataError(f"cannot read {path}: no header row")
    head = lines[header_row]
    if delimiter is None:
        delimiter = (
            "\t"
            if "\t" in head
            else (";" if head.count(";") > head.count(",") else ",")
        )
    try:
        rows = list(
            csv.reader(io.StringIO("\n".join(lines[header_row:])), delimiter=delimiter)
        )
    except csv.Error as exc:
        raise DataError(f"cannot read {path}: {exc}") from None
    return Table(rows[0], rows[1:], path.name)


def read_workbook(path, what):
    """The sheets of an .xlsx workbook, opened read-only, values only:
    ``({sheet name: worksheet}, workbook)``; close the workbook when done."""
    checked_zip(path, what)
    openpyxl = optional("openpyxl", ".xlsx files")
    try:
        with quiet():
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 -- any failure of the parser on the file
        raise parse_error(path, what, exc) from None
    try:
        return {ws.title: ws for ws in book.worksheets}, book
    except Exception as exc:  # noqa: BLE001
        book.close()
        raise parse_error(path, what, exc) from None


def sheet_table(
    ws, where, *, header_names=(), is_header=None, names=None, max_rows=None
):
    """A Table from a worksheet.

    The header is the first row (or, with ``header_names``, the first row
    containing one of them; with ``is_header``, the first row it accepts),
    looked for within the first 50 rows; the rows above it are dropped.

    Args:
        names: column names for a sheet without a header row (one that goes on
            from the sheet before it): if no header is found, every row is data
            under these names.
        max_rows: read at most this many rows after the header (a quick look
            at a long sheet).
    """
    rows = ws.iter_rows(values_only=True)
    if is_header is None:
        keys = {_key(h) for h in header_names}

        def is_header(row):
            return not keys or any(_key(c) in keys for c in row if c is not None)

    above, header = [], None
    for row in rows:
        if row is not None and is_header(row):
            header = row
            break
        above.append(row)
        if len(above) > 50:
            break
    if header is None:
        if names is None:
            raise DataError(f"{where}: no header row found")
        header, rows = names, itertools.chain(above, rows)
    if max_rows is not None:
        rows = itertools.islice(rows, max_rows)
    return Table(header, rows, where)
