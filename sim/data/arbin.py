"""Arbin cyclers: MITS Pro result databases (.res) and their .xlsx/.csv exports.

A .res file is a Microsoft Access (Jet) database; it is read with the
pure-Python access-parser (an optional extra,
https://github.com/ClarotyICS/access_parser, Apache-2.0). The data are the rows of
``Channel_Normal_Table``: ``Test_Time`` [s], ``Step_Index``, ``Cycle_Index``,
``Current`` [A], ``Voltage`` [V], ``Charge_Capacity`` and
``Discharge_Capacity`` [A.h] (the cycler's counters); ``Global_Table`` gives the
test name and the cycler's serial number and software.

The exports (MITS Pro "Export to Excel"/CSV, and Arbin's newer CSV with spaces
in the names) have the same quantities as columns ``Test_Time(s)``,
``Step_Index``, ``Cycle_Index``, ``Current(A)``, ``Voltage(V)``,
``Charge_Capacity(Ah)``, ``Discharge_Capacity(Ah)`` on sheets named
``Channel...`` (e.g. ``Channel_11_1``; several sheets when the data are long,
read in order; a ``Channel_Chart`` sheet, and any other ``Channel...`` sheet
without these columns, is passed over). The .xlsx export's ``Global_Info`` sheet
(a "TEST REPORT" block: the test name under that title, ``Serial Number``,
and a row of ``Channel``, ``Schedule File Name``, ``Software Version``, ...
with their values on the row below) gives the same header entries as the
.res file's ``Global_Table``. The counters are the cycler's as recorded: they
run on over the test while its ``Cycle_Index`` stays (a schedule that never
advances the cycle index is one cycle).

Arbin records charge current positive and discharge current negative: the
current is flipped into PyBaMM's sign (discharge > 0).
"""

from __future__ import annotations

import itertools

import numpy as np

from sim.data.files import optional, parse_error, quiet
from sim.data.standard import measured
from sim.data.tabular import read_text_table, read_workbook, sheet_table
from sim.errors import DataError

EXPORT_NAMES = {
    "Time [s]": ("Test_Time(s)", "Test Time (s)"),
    "Voltage [V]": ("Voltage(V)", "Voltage (V)"),
    "Current [A]": ("Current(A)", "Current (A)"),
    "Cycle number": ("Cycle_Index", "Cycle Index"),
    "Step index": ("Step_Index", "Step Index"),
    "Charge capacity [A.h]": ("Charge_Capacity(Ah)", "Charge Capacity (Ah)"),
    "Discharge capacity [A.h]": ("Discharge_Capacity(Ah)", "Discharge Capacity (Ah)"),
}
"""Standard name -> the Arbin export's column names."""


def is_export(table):
    """Whether a Table has an Arbin export's time, current and voltage columns."""
    return all(
        table.find(*EXPORT_NAMES[n]) is not None
        for n in ("Time [s]", "Current [A]", "Voltage [V]")
    )


def _from_table(tables, fmt, source, summary=None):
    cols = {}
    for name, candidates in EXPORT_NAMES.items():
        parts = []
        for table in tables:
            index = table.find(*candidates)
            if index is None:
                break
            parts.append(table.numbers(index, clock=name == "Time [s]"))
        else:
            cols[name] = np.concatenate(parts)
    if "Current [A]" in cols:
        cols["Current [A]"] = -cols["Current [A]"]  # Arbin: discharge < 0
    return measured(cols, instrument="Arbin", fmt=fmt, source=source, summary=summary)


def read_export_csv(path):
    """Read an Arbin CSV export."""
    table = read_text_table(path)
    if not is_export(table):
        raise DataError(
            f"cannot read {path} as an Arbin CSV export: expected columns "
            "Test_Time(s), Current(A), Voltage(V); found "
            f"{table.names[:12]}"
        )
    return _from_table([table], "arbin-csv", path.name)


GLOBAL_INFO = {
    "Serial Number": "Cycler serial number",
    "Software Version": "Cycler software",
    "Schedule File Name": "Schedule",
}
"""Label on the export's Global_Info sheet (value in the cell below) -> the
summary entry (as :func:`read_res` names it)."""


def _global_info(ws):
    """Summary entries from an export's Global_Info sheet ({} if none)."""
    rows = [list(r) for r in itertools.islice(ws.iter_rows(values_only=True), 50)]
    summary = {}
    for k, row in enumerate(rows[:-1]):
        below = rows[k + 1]
        for j, cell in enumerate(row):
            label = str(cell).strip() if cell is not None else ""
            value = below[j] if j < len(below) else None
            if value is None or not str(value).strip():
                continue
            if label == "TEST REPORT":
                summary.setdefault("Test name", str(value).strip())
            elif label in GLOBAL_INFO:
                summary.setdefault(GLOBAL_INFO[label], str(value).strip())
    return summary


def read_export_xlsx(path):
    """Read an Arbin .xlsx export (the ``Channel...`` sheets with the export's
    columns, in order; the header entries from ``Global_Info``)."""
    what = "an Arbin .xlsx export"
    sheets, book = read_workbook(path, what)
    try:
        names = [
            n
            for n in sheets
            if n.lower().startswith("channel") and "chart" not in n.lower()
        ]
        tables = [sheet_table(sheets[n], f"{path.name}[{n}]") for n in names]
        tables = [t for t in tables if is_export(t)]
        info = _global_info(sheets["Global_Info"]) if "Global_Info" in sheets else {}
    except DataError:
        raise
    except Exception as exc:  # noqa: BLE001 -- any failure of the parser on the file
        raise parse_error(path, what, exc) from None
    finally:
        book.close()
    if not tables:
        raise DataError(
            f"cannot read {path} as {what}: expected 'Channel...' sheets with "
            f"columns Test_Time(s), Current(A), Voltage(V); sheets: {list(sheets)}"
        )
    return _from_table(tables, "arbin-xlsx", path.name, summary=info)


RES_COLUMNS = {
    "Time [s]": "Test_Time",
    "Voltage [V]": "Voltage",
    "Current [A]": "Current",
    "Cycle number": "Cycle_Index",
    "Step index": "Step_Index",
    "Charge capacity [A.h]": "Charge_Capacity",
    "Discharge capacity [A.h]": "Discharge_Capacity",
}


def read_res(path):
    """Read an Arbin .res database (with access-parser) into a Result."""
    what = "an Arbin .res file"
    with path.open("rb") as f:
        head = f.read(32)
    if b"Standard Jet DB" not in head:
        raise DataError(
            f"cannot read {path} as {what}: not a Microsoft Access (Jet) database"
        )
    access = optional("access_parser", "Arbin .res files")
    size = path.stat().st_size
    try:
        with quiet():
            db = access.AccessParser(str(path))
            data_table = db.get_table("Channel_Normal_Table")
            table = data_table.parse()
            declared = int(data_table.table_header.number_of_rows)
            info = (
                db.parse_table("Global_Table") if "Global_Table" in db.catalog else {}
            )
    except Exception as exc:  # noqa: BLE001 -- any failure of the parser on the file
        raise parse_error(path, what, exc) from None
    # a database is whole pages, and its table definition counts its rows: a
    # file cut short (a copy interrupted) reads as a shorter run otherwise
    if size % db.page_size:
        raise DataError(
            f"cannot read {path} as {what}: truncated ({size} bytes is not a whole "
            f"number of {db.page_size}-byte pages)"
        )
    parsed = len(table.get("Test_Time", ()))
    if parsed < declared:
        raise DataError(
            f"cannot read {path} as {what}: truncated ({parsed} of the {declared} "
            "data rows its table declares)"
        )
    missing = [c for c in ("Test_Time", "Current", "Voltage") if c not in table]
    if missing:
        raise DataError(f"cannot read {path} as {what}: no columns {missing}")
    n = len(table["Test_Time"])
    if n == 0 or any(len(v) != n for v in table.values()):
        raise DataError(f"cannot read {path} as {what}: no (complete) data rows")
    order = np.argsort(
        np.asarray(table.get("Data_Point", table["Test_Time"]), dtype=float),
        kind="stable",
    )
    tests = np.asarray(table.get("Test_ID", np.ones(n)), dtype=float)[order]
    keep = tests == tests[0]  # one test per Result: the first in the file
    cols = {
        name: np.asarray(table[col], dtype=float)[order][keep]
        for name, col in RES_COLUMNS.items()
        if col in table
    }
    cols["Current [A]"] = -cols["Current [A]"]  # Arbin: discharge < 0
    summary = {}
    for key, label in (
        ("Test_Name", "Test name"),
        ("Serial_Number", "Cycler serial number"),
        ("Software_Version", "Cycler software"),
        ("Schedule_File_Name", "Schedule"),
    ):
        values = info.get(key) or []
        if values and str(values[0]).strip():
            summary[label] = str(values[0]).strip()
    return measured(
        cols, instrument="Arbin", fmt="arbin-res", source=path.name, summary=summary
    )
