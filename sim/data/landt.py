"""Landt / LANHE battery testers: the .xlsx export of LANDdt / LANHE BTS.

The export holds the record (raw data) on a sheet named ``Record-Tab`` (or
``Record``; longer runs continue on ``Record-Tab1``, ...) with the columns
``Record``, ``TestTime`` (s or ``h:mm:ss``), ``StepTime``, ``Current/mA``,
``Voltage/V``, ``Capacity/mAh`` (the step's own counter, charge or discharge as
the step is), ``Cycle-Index``/``Cycle``, ``Step-Index``/``Step`` and
``Step-State``/``State`` (``C_CC``, ``D_CC``, ``C_CV``, ``R``; C = charge,
D = discharge). Names without units (``Current``, ``Capacity``) take their
units from a row of units under the names where there is one (``mA``,
``mAh``), else A and A.h. The column names vary a little between versions (with or
without the unit after a slash, hyphens or spaces); they are matched ignoring
case, spaces and underscores.

Landt records discharge current negative: the current is flipped into PyBaMM's
sign. Where the file has a state column, the sign is checked against it (a file
whose discharge rows carry positive current is read as discharge-positive).
"""

from __future__ import annotations

import numpy as np

from sim.data.files import parse_error
from sim.data.standard import measured
from sim.data.tabular import read_workbook, sheet_table
from sim.errors import DataError

NAMES = {
    "time": ("TestTime/Sec", "TestTime/s", "TestTime", "Test Time", "Test_Time"),
    "current": {
        1e-3: ("Current/mA", "Current(mA)", "Cur/mA"),
        1.0: ("Current/A", "Current(A)", "Current"),
        1e-6: ("Current/uA", "Current/µA", "Current(uA)"),
    },
    "voltage": ("Voltage/V", "Voltage(V)", "Voltage"),
    "capacity": {
        1e-3: ("Capacity/mAh", "Capacity(mAh)", "Cap/mAh"),
        1.0: ("Capacity/Ah", "Capacity(Ah)", "Capacity"),
        1e-6: ("Capacity/uAh", "Capacity/µAh"),
    },
    "cycle": ("Cycle-Index", "Cycle Index", "Cycle"),
    "step": ("Step-Index", "Step Index", "Step"),
    "state": ("Step-State", "State", "Step State", "Mode"),
}


def _record_sheets(sheets):
    names = [n for n in sheets if n.lower().replace(" ", "").startswith("record")]
    return sorted(names, key=lambda n: (len(n), n))


UNIT_FACTORS = {
    "a": 1.0,
    "ma": 1e-3,
    "ua": 1e-6,
    "µa": 1e-6,
    "ah": 1.0,
    "mah": 1e-3,
    "uah": 1e-6,
    "µah": 1e-6,
}


def _units_row(table):
    """Some exports put the units on the row under the names: unit per column
    (lower case) and drop that row, or {} if there is none."""
    if not table.n_rows:
        return {}
    first = [str(col[0]).strip().strip("()[]/").lower() for col in table.cells]
    if not any(u in UNIT_FACTORS or u in ("v", "s", "sec") for u in first):
        return {}
    for col in table.cells:
        del col[0]
    table.n_rows -= 1
    return dict(enumerate(first))


def _scaled(table, options, units):
    for factor, names in options.items():
        index = table.find(*names)
        if index is not None:
            if index in units and units[index] in UNIT_FACTORS:
                return UNIT_FACTORS[units[index]], index
            return factor, index
    return None, None


def read_landt_xlsx(path):
    """Read a Landt/LANHE .xlsx export into a measured Result."""
    what = "a Landt/LANHE .xlsx export"
    sheets, book = read_workbook(path, what)
    try:
        names = _record_sheets(sheets)
        tables = [
            sheet_table(sheets[n], f"{path.name}[{n}]", header_names=NAMES["voltage"])
            for n in names
        ]
    except DataError:
        raise
    except Exception as exc:  # noqa: BLE001 -- any failure of the parser on the file
        raise parse_error(path, what, exc) from None
    finally:
        book.close()
    if not tables:
        raise DataError(
            f"cannot read {path} as {what}: expected a 'Record-Tab' sheet; "
            f"sheets: {list(sheets)}"
        )
    parts = {k: [] for k in ("t", "i", "v", "q", "cycle", "step", "state")}
    for table in tables:
        t = table.find(*NAMES["time"])
        v = table.find(*NAMES["voltage"])
        units = _units_row(table)
        i_factor, i = _scaled(table, NAMES["current"], units)
        if t is None or v is None or i is None:
            raise DataError(
                f"cannot read {table.where} as {what}: expected columns TestTime, "
                f"Current/mA, Voltage/V; found {table.names[:12]}"
            )
        parts["t"].append(table.numbers(t, clock=True))
        parts["v"].append(table.numbers(v))
        parts["i"].append(i_factor * table.numbers(i))
        q_factor, q = _scaled(table, NAMES["capacity"], units)
        parts["q"].append(q_factor * table.numbers(q) if q is not None else None)
        for key in ("cycle", "step"):
            index = table.find(*NAMES[key])
            parts[key].append(table.numbers(index) if index is not None else None)
        index = table.find(*NAMES["state"])
        parts["state"].append(table.texts(index) if index is not None else None)

    def joined(key):
        if any(p is None for p in parts[key]):
            return None
        if key == "state":
            return [s for p in parts[key] for s in p]
        return np.concatenate(parts[key])

    current = joined("i")
    state = joined("state")
    sign = -1.0  # Landt: discharge < 0
    if state is not None:
        discharge = np.array([s.upper().startswith("D") for s in state])
        charge = np.array([s.upper().startswith("C") for s in state])
        if discharge.any() and np.nanmean(current[discharge]) > 0:
            sign = 1.0
        elif charge.any() and np.nanmean(current[charge]) < 0:
            sign = 1.0
    cols = {
        "Time [s]": joined("t"),
        "Voltage [V]": joined("v"),
        "Current [A]": sign * current,
        "Cycle number": joined("cycle"),
        "Step index": joined("step"),
    }
    q = joined("q")
    if q is not None:
        pybamm_i = cols["Current [A]"]
        if state is not None:
            is_dis = np.array([s.upper().startswith("D") for s in state])
            is_ch = np.array([s.upper().startswith("C") for s in state])
        else:
            is_dis, is_ch = pybamm_i > 0, pybamm_i < 0
        q = np.abs(q)
        cols["Charge capacity [A.h]"] = np.where(is_ch, q, 0.0)
        cols["Discharge capacity [A.h]"] = np.where(is_dis, q, 0.0)
    return measured(
        {k: v for k, v in cols.items() if v is not None},
        instrument="Landt/LANHE",
        fmt="landt-xlsx",
        source=path.name,
    )
