"""Landt / LANHE battery testers: the .xlsx export of LANDdt / LANHE BTS.

Layout (as in the real export in ``tests/data/files``, see the README there):
the records are on a sheet named ``Record`` (``Record-Tab`` in other versions;
a long run goes on over ``Record-Tab1``, ... sheets, which may not repeat the
header row: they then take the first sheet's names), beside a ``Mode`` sheet
(one row per step: mode, duration, capacity) and a ``Cycle`` sheet (per cycle:
charge and discharge capacity and more), which are not read. The records have
the columns ``Index`` (or ``Record``), ``TestTime/h``, ``StepTime/h``,
``Voltage/V``, ``Current/mA``, ``Capacity/mAh`` and ``State``; other versions
add ``Cycle-Index``/``Cycle`` and ``Step-Index``/``Step`` columns.

Columns are found by name, ignoring case, spaces, hyphens, underscores and
dots; the unit is what follows a slash or stands in brackets (``Current/mA``,
``Current(mA)``) or, for names written without one, on a row of units under
the names (as some versions write them). The Chinese names of the Chinese
versions are taken too (they follow other readers of these exports; no
Chinese sample file is at hand):

- test time: ``TestTime``, ``Test Time``, ``测试时间`` in s (``Sec``), min, h
  or d as the unit says (the real export writes hours); without a unit, text
  as ``h:mm:ss(.s)`` or ``d-h:mm:ss``, or a number of seconds;
- current: ``Current``, ``Cur``, ``电流`` in A, mA, uA (µA) or nA (none: A);
- voltage: ``Voltage``, ``Volt``, ``电压`` in V or mV;
- capacity: ``Capacity``, ``Cap``, ``容量`` in A.h, mA.h, uA.h (none: A.h):
  the cycler's own counter, restarting at each step (charge or discharge as
  the step is), kept as the charge and discharge counters
  (:mod:`sim.data.cycles` uses them);
- cycle: ``Cycle-Index``, ``Cycle``, ``循环号``; step: ``Step-Index``,
  ``Step``, ``工步号``; state: ``Step-State``, ``State``, ``Mode``, ``状态``.

States: ``R`` (rest), ``C_CC``, ``C_CV``, ... (charge), ``D_CC``, ``D_CV``, ...
(discharge), and the words ``Rest``, ``Charge ...``, ``Discharge ...`` and
静置/搁置, 充电, 放电. A state that is none of these, or a file without a
state column, is classified by the sign of the current.

Steps: a new ``"Step number"`` wherever the file's step index, its cycle or
its state changes (the real export has no step column; its state changes are
its steps, one for one with its ``Mode`` sheet). Cycles: the file's cycle
column; without one (the real export), a cycle begins at each step in the
run's first direction (charge or discharge) that follows a step in the other:
a discharge-first half cell's cycle 1 is its first discharge and the charge
after it, as the export's own ``Cycle`` sheet counts. Rows before the first
charge or discharge belong to cycle 1, a rest to the cycle of the step before
it.

Sign: Landt records discharge current negative; it is flipped into PyBaMM's
sign (discharge > 0: reduction of a half cell's working electrode). Where the
file has a state column the sign is checked against it (a file whose
discharge rows carry positive current is read as discharge-positive).
"""

from __future__ import annotations

import re

import numpy as np

from sim.data.files import parse_error
from sim.data.standard import measured
from sim.data.tabular import number, read_workbook, seconds, sheet_table
from sim.errors import DataError

NAMES = {
    "time": ("testtime", "测试时间", "totaltime", "总时间", "time"),
    "current": ("current", "cur", "电流"),
    "voltage": ("voltage", "volt", "电压"),
    "capacity": ("capacity", "cap", "容量"),
    "cycle": ("cycleindex", "cycle", "cycleno", "循环号", "循环序号", "循环"),
    "step": ("stepindex", "step", "stepno", "工步号", "工步序号", "工步", "步骤"),
    "state": ("stepstate", "state", "mode", "workmode", "状态", "工步状态"),
}
"""Quantity -> column base names (normalised: lower case, no spaces, hyphens,
underscores or dots; the unit split off), in order of preference."""

UNITS = {
    "time": {
        **dict.fromkeys(("s", "sec", "secs", "second", "seconds", "秒"), 1.0),
        **dict.fromkeys(("min", "mins", "minute", "minutes", "分", "分钟"), 60.0),
        **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "时", "小时"), 3600.0),
        **dict.fromkeys(("d", "day", "days", "天"), 86400.0),
    },
    "current": {"a": 1.0, "ma": 1e-3, "ua": 1e-6, "µa": 1e-6, "μa": 1e-6, "na": 1e-9},
    "voltage": {"v": 1.0, "mv": 1e-3},
    "capacity": {
        "ah": 1.0,
        "mah": 1e-3,
        "uah": 1e-6,
        "µah": 1e-6,
        "μah": 1e-6,
        "nah": 1e-9,
    },
}
"""Quantity -> unit (normalised: lower case, no spaces or dots) -> SI factor."""

DEFAULT_UNIT = {"current": 1.0, "voltage": 1.0, "capacity": 1.0}
"""SI factor of a column written without a unit (time: see :func:`_times`)."""

REST, DISCHARGE, CHARGE = 0, 1, -1

_SPLIT = re.compile(
    r"^(?P<base>[^/(\[]*?)\s*(?:/\s*(?P<slash>.*?)|[(\[]\s*(?P<bracket>[^)\]]*)[)\]])\s*$"
)


def _split(name):
    """(base, unit) of a column name, both normalised; unit '' if none."""
    text = str(name).strip() if name is not None else ""
    match = _SPLIT.match(text)
    base, unit = text, ""
    if match:
        base = match["base"]
        unit = match["slash"] if match["slash"] is not None else match["bracket"]
    return re.sub(r"[\s_\-.]", "", base).lower(), _unit_key(unit)


def _unit_key(unit):
    unit = str(unit).strip().strip("()[]/").strip().lower()
    return unit if ":" in unit else re.sub(r"[\s.]", "", unit)  # h:mm:ss as is


def _is_header(row):
    bases = {_split(c)[0] for c in row if isinstance(c, str) and c.strip()}
    return any(b in bases for b in NAMES["voltage"]) and any(
        b in bases for b in NAMES["current"] + NAMES["time"]
    )


def _column(table, quantity):
    """(index, unit) of the quantity's column, or (None, '')."""
    split = [_split(n) for n in table.names]
    for base in NAMES[quantity]:
        for index, (b, unit) in enumerate(split):
            if b == base:
                return index, unit
    return None, ""


def _units_row(table):
    """Some versions write the units on the row under the names: unit per
    column (normalised), and that row dropped; {} if there is none."""
    if not table.n_rows:
        return {}
    first = [col[0] for col in table.cells]
    if any(isinstance(c, int | float) and not isinstance(c, bool) for c in first):
        return {}
    units = [_unit_key(c) if c is not None else "" for c in first]
    known = set().union(*(u.keys() for u in UNITS.values()))
    if not any(u in known for u in units):
        return {}
    for col in table.cells:
        del col[0]
    table.n_rows -= 1
    return dict(enumerate(units))


def _factor(quantity, unit, table, index):
    if not unit:
        return DEFAULT_UNIT[quantity]
    try:
        return UNITS[quantity][unit]
    except KeyError:
        raise DataError(
            f"cannot read {table.where} as a Landt/LANHE .xlsx export: unknown "
            f"{quantity} unit {unit!r} in column {table.names[index]!r}"
        ) from None


def _times(cells, unit, table, index):
    """s from the time column: numbers in the header's unit (s without one),
    clock text (h:mm:ss, d-h:mm:ss) as it reads."""
    factor = 1.0 if not unit or ":" in unit else _factor("time", unit, table, index)
    out = np.empty(len(cells))
    for k, value in enumerate(cells):
        x = number(value)  # NaN for clock text, datetime.time, timedelta
        out[k] = x * factor if np.isfinite(x) else seconds(value)
    return out


_STATE_WORDS = (
    (DISCHARGE, ("dis", "dchg", "放电")),
    (REST, ("rest", "静置", "搁置", "休眠")),
    (CHARGE, ("charge", "chg", "充电")),
)


def _kind(state):
    """REST, CHARGE, DISCHARGE or None (unknown) for a state text."""
    s = state.strip().lower()
    for kind, words in _STATE_WORDS:
        if any(w in s for w in words):
            return kind
    if s[:1] in ("d", "c", "r") and (len(s) == 1 or not s[1].isalpha()):
        return {"d": DISCHARGE, "c": CHARGE, "r": REST}[s[0]]  # D_CC, C_CV, R
    return None


def _read_tables(path, what, max_rows):
    sheets, book = read_workbook(path, what)
    try:
        names = sorted(
            (n for n in sheets if n.lower().replace(" ", "").startswith("record")),
            key=lambda n: (len(n), n),
        )
        tables = []
        for n in names:
            table = sheet_table(
                sheets[n],
                f"{path.name}[{n}]",
                is_header=_is_header,
                names=tables[0].names if tables else None,
                max_rows=max_rows,
            )
            if table.n_rows or not tables:
                tables.append(table)
    except DataError:
        raise
    except Exception as exc:  # noqa: BLE001 -- any failure of the parser on the file
        raise parse_error(path, what, exc) from None
    finally:
        book.close()
    if not tables:
        raise DataError(
            f"cannot read {path} as {what}: expected a 'Record' or 'Record-Tab' "
            f"sheet; sheets: {list(sheets)}"
        )
    return tables


def read_landt_xlsx(path, *, max_rows=None):
    """Read a Landt/LANHE .xlsx export into a measured Result (``max_rows``: at
    most this many records of each record sheet, a quick look at a long run)."""
    what = "a Landt/LANHE .xlsx export"
    tables = _read_tables(path, what, max_rows)
    units = _units_row(tables[0])
    parts = {k: [] for k in ("t", "i", "v", "q", "cycle", "step", "state")}
    for table in tables:
        cols = {q: _column(table, q) for q in NAMES}
        cols = {
            q: (index, unit or units.get(index, ""))
            for q, (index, unit) in cols.items()
        }
        if any(cols[q][0] is None for q in ("time", "current", "voltage")):
            raise DataError(
                f"cannot read {table.where} as {what}: expected columns TestTime, "
                f"Current/mA, Voltage/V; found {table.names[:12]}"
            )
        index, unit = cols["time"]
        parts["t"].append(_times(table.cells[index], unit, table, index))
        for key, quantity in (("i", "current"), ("v", "voltage"), ("q", "capacity")):
            index, unit = cols[quantity]
            parts[key].append(
                None
                if index is None
                else _factor(quantity, unit, table, index) * table.numbers(index)
            )
        for key in ("cycle", "step"):
            index = cols[key][0]
            parts[key].append(table.numbers(index) if index is not None else None)
        index = cols["state"][0]
        parts["state"].append(table.texts(index) if index is not None else None)

    def joined(key):
        if any(p is None for p in parts[key]):
            return None
        if key == "state":
            return [s for p in parts[key] for s in p]
        return np.concatenate(parts[key])

    current = joined("i")
    state = joined("state")
    kinds = codes = None
    if state is not None:
        labels, codes = np.unique(np.array(state, dtype=object), return_inverse=True)
        table_kinds = [_kind(str(s)) for s in labels]
        kinds = np.array([np.nan if k is None else k for k in table_kinds])[codes]
    sign = -1.0  # Landt: discharge < 0
    if kinds is not None:
        dis, ch = kinds == DISCHARGE, kinds == CHARGE
        if dis.any() and np.nanmean(current[dis]) > 0:
            sign = 1.0
        elif ch.any() and np.nanmean(current[ch]) < 0:
            sign = 1.0
    current = sign * current + 0.0
    by_current = np.where(
        np.abs(current) <= 1e-4 * np.nanmax(np.abs(current), initial=0.0),
        REST,
        np.sign(current),
    )
    if kinds is None:
        kinds, codes = by_current, by_current
    else:
        kinds = np.where(np.isnan(kinds), by_current, kinds)
    cycle, step = joined("cycle"), joined("step")
    change = np.zeros(len(current), dtype=bool)
    for key in (codes, cycle, step):
        if key is not None:
            change[1:] |= key[1:] != key[:-1]
    step_number = 1 + np.cumsum(change)
    cols = {
        "Time [s]": joined("t"),
        "Voltage [V]": joined("v"),
        "Current [A]": current,
        "Cycle number": cycle if cycle is not None else _cycles(kinds, step_number),
        "Step number": step_number,
        "Step index": step,
    }
    q = joined("q")
    if q is not None:
        q = np.abs(q)
        cols["Charge capacity [A.h]"] = np.where(kinds == CHARGE, q, 0.0)
        cols["Discharge capacity [A.h]"] = np.where(kinds == DISCHARGE, q, 0.0)
    return measured(
        {k: v for k, v in cols.items() if v is not None},
        instrument="Landt/LANHE",
        fmt="landt-xlsx",
        source=path.name,
    )


def _cycles(kinds, step_number):
    """1-based cycle numbers for a file without them: a new cycle at each step
    in the run's first direction that follows a step in the other."""
    starts = np.flatnonzero(np.diff(step_number, prepend=0))
    step_kind = kinds[starts]
    active = step_kind[step_kind != REST]
    cycle = np.ones(len(starts), dtype=int)
    if len(active):
        first, n, other_seen = active[0], 1, False
        for k, kind in enumerate(step_kind):
            if kind == first and other_seen:
                n, other_seen = n + 1, False
            elif kind == -first:
                other_seen = True
            cycle[k] = n
    return np.repeat(cycle, np.diff(np.r_[starts, len(kinds)]))
