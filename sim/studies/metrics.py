"""Metrics of a design study: named numbers read off one :class:`sim.result.Result`.

A study file lists its metrics as tables::

    [[metrics]]
    name = "capacity at 1 A/g"
    kind = "capacity"
    direction = "charge"      # discharge | charge
    cycle = -1                # 1-based; negative counts from the end
    per = "gram"              # gram -> mA.h.g-1 ; cell -> A.h

:func:`metric_from_table` checks such a table (a :class:`StudyError` naming what
is allowed) and returns a :class:`Metric`; ``metric(result)`` is its value, a
float. :data:`KINDS` lists the kinds and their options:

- ``capacity`` (``direction``, ``cycle``, ``per``): charge passed in that
  direction of the cycle, mA.h.g-1 or A.h;
- ``energy`` (same options): the integral of V dQ there, mW.h.g-1 or W.h;
- ``average voltage`` (``direction``, ``cycle``): energy / capacity, V;
- ``voltage at end`` (``cycle``, absent: the run) and ``final value``
  (``column``, ``cycle``): the last value of the run or of the cycle, in the
  column's unit;
- ``cv peak potential`` (``direction = "anodic" | "cathodic"``, ``window =
  [v_low, v_high]``, ``cycle``) and ``cv peak current`` (also ``per``): the
  largest peak of that direction in the cycle, V and mA.g-1 or A;
- ``polarization`` (``cycle``, ``current_density`` [mA.cm-2]): the largest
  |voltage| of a symmetric-cell step cycling, V;
- ``conductivity`` (``temperature_c``, ``unit = "S.cm-1" | "S.m-1"``): from a
  result with "Temperature [K]" and "Conductivity [S.m-1]" columns, ln(sigma)
  interpolated linearly in 1/T (exact for Arrhenius data), no extrapolation;
- ``transference number``: the BruceVincent runner's "t+ (Bruce-Vincent)";
- ``summary`` (``key``, ``unit``) and ``table value`` (``table``, ``column``,
  ``row``): any number of the summary or of a protocol table;
- ``retention`` (``table``, ``column``, ``row``, ``reference_row``): 100 x a
  table row over a reference row, % (default: the "Cycles" table's last
  reversible capacity over its first);
- ``variable`` (``variable``, ``reduce = "end" | "max" | "min"``): a model
  variable of the PyBaMM solution (one number per time), simulated results only.

Conventions
-----------
- Signs are PyBaMM's, as in every Result: "Current [A]" > 0 is a discharge, i.e.
  sodiation/lithiation (reduction) of the working electrode; < 0 a charge
  (desodiation/delithiation, oxidation).
- ``direction = "discharge" | "charge"``: the rows where the current has that
  sign. Capacities and energies are returned positive for both directions.
- Counts are 1-based (``cycle = 1`` is the first cycle, ``row = 1`` the first
  row); a negative count is from the end (``-1`` the last); 0 is not allowed.
  A cycle is a value of the "Cycle number" column: ``cycle = -2`` is the cycle
  numbered one below the last, and a cycle the run did not record (e.g. skipped
  by ``GalvanostaticCycling(skip=...)``) is an error, never a neighbour's value.
- ``per = "gram"`` uses the specific columns ("Specific capacity [mA.h.g-1]",
  "Specific current [mA.g-1]"), which a Result has only when the cell's active
  mass is known; ``per = "cell"`` the cell's own ("Capacity [A.h]", "Current [A]").
- CV peaks: ``direction = "anodic"`` is an oxidation peak on a sweep of rising
  potential, where the working electrode's current is *negative* in PyBaMM's
  sign (the CV runner records PyBaMM's "Current [A]"; papers plot -I);
  ``"cathodic"`` a reduction peak (current > 0) on a falling sweep. A peak
  current is returned with the Result's sign (anodic < 0).
- Units are PyBaMM's notation ("mA.h.g-1", "V", "S.cm-1", "-" for none).

When the result lacks what a metric needs (the cycle, a column, a table, a
summary key, a peak in the window) or the quantity is undefined there (a NaN in
the summary), the metric raises :class:`MetricError` naming what is missing and
what there is; a study records that message as the point's failure. A metric
never returns NaN.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sim.errors import DataError, SimError
from sim.studies.axes import StudyError

CELSIUS_TO_KELVIN = 273.15


class MetricError(SimError):
    """A metric cannot be read off a result: what is missing, what there is."""


# ---------------------------------------------------------------- options

_REQUIRED = object()


@dataclass(frozen=True)
class _Option:
    """One option of a kind: ``what`` it must be (for messages), ``check``
    (value -> normalised value, or None if not allowed) and its default
    (``_REQUIRED``: must be given; None: optional, absent)."""

    what: str
    check: Callable
    default: object = _REQUIRED

    def describe(self, name):
        if self.default is _REQUIRED:
            return f"{name} ({self.what}; required)"
        if self.default is None:
            return f"{name} ({self.what}; optional)"
        return f"{name} ({self.what}; default {self.default!r})"


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v):
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _count(v):
    return v if _is_int(v) and v != 0 else None


def _number(v):
    return float(v) if _is_number(v) else None


def _positive(v):
    return float(v) if _is_number(v) and v > 0 else None


def _text(v):
    return v if isinstance(v, str) and v.strip() else None


def _window(v):
    if (
        isinstance(v, list | tuple)
        and len(v) == 2
        and all(_is_number(x) for x in v)
        and v[0] < v[1]
    ):
        return (float(v[0]), float(v[1]))
    return None


def _choice(*values):
    return lambda v: v if v in values else None


def _option_choice(default, *values):
    return _Option(" | ".join(values), _choice(*values), default)


CYCLE = _Option("a cycle number, integer != 0, negative from the end", _count, -1)
CYCLE_OR_RUN = _Option(
    "a cycle number, integer != 0, negative from the end; absent: the whole run",
    _count,
    None,
)
DIRECTION = _option_choice("discharge", "discharge", "charge")
PER = _option_choice("gram", "gram", "cell")
CV_DIRECTION = _option_choice(_REQUIRED, "anodic", "cathodic")
WINDOW = _Option("[v_low, v_high] in V, v_low < v_high", _window, None)
COLUMN = _Option('a column name, e.g. "Voltage [V]"', _text, _REQUIRED)


# ---------------------------------------------------------------- reading a result


def _column(result, name):
    if name not in result:
        raise MetricError(
            f"the result has no column {name!r}; columns: {sorted(result)}"
        )
    values = np.asarray(result[name])
    if not (np.issubdtype(values.dtype, np.number) or values.dtype == bool):
        raise MetricError(f"column {name!r} holds {values.dtype} values, not numbers")
    return values.astype(float)


def _ranges(numbers):
    """'1-3, 5, 7-9' of sorted integers."""
    out, start = [], None
    for k, n in enumerate(numbers):
        if start is None:
            start = n
        if k + 1 == len(numbers) or numbers[k + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ", ".join(out) or "none"


def _cycle_rows(result, cycle):
    """Boolean mask of the rows of ``cycle`` (None: every row) and its number."""
    if cycle is None:
        return np.ones(result.n_rows, dtype=bool), None
    numbers = _column(result, "Cycle number")
    have = sorted({int(n) for n in numbers})
    number = cycle if cycle > 0 else (have[-1] + 1 + cycle if have else cycle)
    if number not in have:
        which = f"cycle {cycle}" + (f" (cycle number {number})" if cycle < 0 else "")
        raise MetricError(f"{which} is not in this result; its cycles: {_ranges(have)}")
    return numbers == number, number


def _where(number):
    return "the run" if number is None else f"cycle {number}"


def _unit_of(column):
    m = re.search(r"\[([^\[\]]*)\]\s*$", column)
    return m.group(1) if m else "-"


# ---------------------------------------------------------------- kinds

CAPACITY = {"gram": "Specific capacity [mA.h.g-1]", "cell": "Capacity [A.h]"}
CURRENT = {"gram": "Specific current [mA.g-1]", "cell": "Current [A]"}


def _direction_intervals(result, options):
    """Charge (positive, in the unit of ``per``) and mean voltage of every
    interval between consecutive rows of the cycle where the current has the
    direction's sign."""
    rows, number = _cycle_rows(result, options["cycle"])
    q = _column(result, CAPACITY[options.get("per", "cell")])
    i = _column(result, "Current [A]")
    v = _column(result, "Voltage [V]")
    sign = 1.0 if options["direction"] == "discharge" else -1.0
    keep = rows[:-1] & rows[1:] & (sign * (i[:-1] + i[1:]) > 0)
    if not keep.any():
        current = "current > 0" if sign > 0 else "current < 0"
        raise MetricError(
            f"{_where(number)} has no {options['direction']} ({current}) in this result"
        )
    dq = sign * np.diff(q)[keep]
    return dq, 0.5 * (v[:-1] + v[1:])[keep]


def _capacity(result, options):
    return float(np.sum(_direction_intervals(result, options)[0]))


def _energy(result, options):
    dq, v = _direction_intervals(result, options)
    return float(np.sum(v * dq))


def _average_voltage(result, options):
    dq, v = _direction_intervals(result, {**options, "per": "cell"})
    q = np.sum(dq)
    if not q > 0:
        raise MetricError(f"no charge passed in the {options['direction']}")
    return float(np.sum(v * dq) / q)


def _final_value(result, options):
    rows, number = _cycle_rows(result, options["cycle"])
    values = _column(result, options["column"])[rows]
    if values.size == 0:
        raise MetricError(f"{_where(number)} has no rows")
    return float(values[-1])


def _cv_peak(result, options, what):
    from sim.analysis.cv import find_sweep_peaks, split_sweeps

    rows, number = _cycle_rows(result, options["cycle"])
    v = _column(result, "Voltage [V]")[rows]
    i = _column(result, CURRENT[options["per"]])[rows]
    direction, window = options["direction"], options["window"]
    try:  # the analysis functions take the papers' sign: anodic > 0
        found = [
            p
            for sv, si in split_sweeps(v, -i)
            if sv.size >= 10
            for p in find_sweep_peaks(sv, si)
            if p.direction == direction
        ]
    except DataError as exc:
        raise MetricError(f"{_where(number)} is not a CV record: {exc}") from None
    inside = [
        p for p in found if window is None or window[0] <= p.potential <= window[1]
    ]
    if not inside:
        at = ", ".join(f"{p.potential:.4g}" for p in found) or "none"
        span = "" if window is None else f" within [{window[0]}, {window[1]}] V"
        raise MetricError(
            f"no {direction} peak in {_where(number)}{span}; its {direction} peaks "
            f"are at: {at} V"
        )
    peak = max(inside, key=lambda p: abs(p.current))
    return peak.potential if what == "potential" else -peak.current


def _polarization(result, options):
    rows, number = _cycle_rows(result, options["cycle"])
    density = options["current_density"]
    if density is not None:
        j = np.abs(_column(result, "Current density [mA.cm-2]"))
        rows = rows & np.isclose(j, density, rtol=1e-6, atol=0.0)
        if not rows.any():
            have = sorted({float(f"{x:.6g}") for x in j if x > 0})
            raise MetricError(
                f"{_where(number)} has no rows at {density:g} mA/cm2; current "
                f"densities in this result: {have} mA/cm2"
            )
    return float(np.max(np.abs(_column(result, "Voltage [V]")[rows])))


def _conductivity(result, options):
    T = _column(result, "Temperature [K]")
    sigma = _column(result, "Conductivity [S.m-1]")
    if T.size == 0 or np.any(sigma <= 0) or not np.all(np.isfinite(sigma)):
        raise MetricError(
            "the conductivity table needs at least one row and conductivities > 0"
        )
    if np.unique(T).size != T.size:
        raise MetricError(f"the conductivity table repeats temperatures: {T} K")
    target = options["temperature_c"] + CELSIUS_TO_KELVIN
    lo, hi = float(T.min()), float(T.max())
    if not lo * (1 - 1e-12) <= target <= hi * (1 + 1e-12):
        raise MetricError(
            f"{options['temperature_c']:g} degC ({target:g} K) lies outside the "
            f"tabulated temperatures {lo - CELSIUS_TO_KELVIN:g} to "
            f"{hi - CELSIUS_TO_KELVIN:g} degC; extrapolation is not done"
        )
    order = np.argsort(1.0 / T)
    x, y = (1.0 / T)[order], np.log(sigma)[order]
    value = math.exp(np.interp(1.0 / min(max(target, lo), hi), x, y))
    return value / 100.0 if options["unit"] == "S.cm-1" else value


def _summary_value(result, key):
    if key not in result.summary:
        raise MetricError(
            f"the result's summary has no {key!r}; summary keys: "
            f"{sorted(result.summary)}"
        )
    value = result.summary[key]
    if isinstance(value, bool | np.bool_):
        return float(value)
    if not isinstance(value, int | float | np.number):
        raise MetricError(f"summary {key!r} is a {type(value).__name__}, not a number")
    if not math.isfinite(value):
        raise MetricError(f"summary {key!r} is {value} (undefined in this run)")
    return float(value)


TRANSFERENCE_KEY = "t+ (Bruce-Vincent)"
"""The summary key the BruceVincent runner writes."""


def _table_value(result, options):
    name, column, row = options["table"], options["column"], options["row"]
    if name not in result.tables:
        raise MetricError(
            f"the result has no table {name!r}; tables: {sorted(result.tables)}"
        )
    table = result.table(name)
    if column not in table:
        raise MetricError(
            f"table {name!r} has no column {column!r}; columns: {sorted(table)}"
        )
    values = np.asarray(table[column])
    n = len(values)
    if not (1 <= row <= n or -n <= row <= -1):
        raise MetricError(
            f"row {row} is not in table {name!r} ({n} rows: 1..{n} or -{n}..-1)"
        )
    value = values[row - 1 if row > 0 else row]
    try:
        return float(value)
    except (TypeError, ValueError):
        raise MetricError(
            f"table {name!r} column {column!r} row {row} is {value!r}, not a number"
        ) from None


def _retention(result, options):
    last = _table_value(result, options)
    first = _table_value(result, {**options, "row": options["reference_row"]})
    if first == 0:
        raise MetricError(f"the reference row {options['reference_row']} is 0")
    return 100.0 * last / first


def _variable(result, options):
    name, how = options["variable"], options["reduce"]
    solutions = result.solution
    if solutions is None:
        raise MetricError(
            "the result has no PyBaMM solution (measured data?); 'variable' "
            "reads a model variable"
        )
    if not isinstance(solutions, list):
        solutions = [solutions]
    values = []
    for sol in solutions:
        try:
            entries = np.asarray(sol[name].entries)
        except KeyError:
            raise MetricError(
                f"the model has no variable {name!r} (pybamm's model.variables "
                "lists them)"
            ) from None
        if entries.ndim != 1:
            raise MetricError(
                f"variable {name!r} is distributed in space (shape "
                f"{entries.shape}); give one that is a number per time, e.g. an "
                "average"
            )
        values.append(entries)
    values = np.concatenate(values)
    return float({"end": values[-1], "max": values.max(), "min": values.min()}[how])


@dataclass(frozen=True)
class _Kind:
    description: str
    options: dict
    unit: Callable  # options -> unit string
    compute: Callable  # (result, options) -> float


def _per_unit(gram, cell):
    return lambda o: gram if o["per"] == "gram" else cell


_CYCLE_DIRECTION = {"direction": DIRECTION, "cycle": CYCLE, "per": PER}
_CV = {"direction": CV_DIRECTION, "window": WINDOW, "cycle": CYCLE}

_KINDS = {
    "capacity": _Kind(
        "charge passed in one direction of a cycle (mA.h.g-1 or A.h), positive",
        _CYCLE_DIRECTION,
        _per_unit("mA.h.g-1", "A.h"),
        _capacity,
    ),
    "energy": _Kind(
        "energy delivered (discharge) or taken (charge) in a cycle, the integral "
        "of V dQ (mW.h.g-1 or W.h), positive",
        _CYCLE_DIRECTION,
        _per_unit("mW.h.g-1", "W.h"),
        _energy,
    ),
    "average voltage": _Kind(
        "energy / capacity of one direction of a cycle (V)",
        {"direction": DIRECTION, "cycle": CYCLE},
        lambda o: "V",
        _average_voltage,
    ),
    "voltage at end": _Kind(
        "the voltage at the end of the run or of a cycle (V)",
        {"cycle": CYCLE_OR_RUN},
        lambda o: "V",
        lambda r, o: _final_value(r, {**o, "column": "Voltage [V]"}),
    ),
    "final value": _Kind(
        "a column's value at the end of the run or of a cycle (unit of the column)",
        {"column": COLUMN, "cycle": CYCLE_OR_RUN},
        lambda o: _unit_of(o["column"]),
        _final_value,
    ),
    "cv peak potential": _Kind(
        "potential of the largest anodic (oxidation, current < 0, rising sweep) "
        "or cathodic (reduction, current > 0, falling sweep) peak of a CV cycle, "
        "optionally within a potential window (V)",
        _CV,
        lambda o: "V",
        lambda r, o: _cv_peak(r, {**o, "per": "cell"}, "potential"),
    ),
    "cv peak current": _Kind(
        "current of that peak, with the Result's sign (anodic < 0) (mA.g-1 or A)",
        {**_CV, "per": PER},
        _per_unit("mA.g-1", "A"),
        lambda r, o: _cv_peak(r, o, "current"),
    ),
    "polarization": _Kind(
        "largest |voltage| of a symmetric-cell step cycling run, over the run, a "
        "cycle (StepCycling numbers half cycles as cycles) and/or the rows at "
        "one current density in mA.cm-2 (V)",
        {
            "cycle": CYCLE_OR_RUN,
            "current_density": _Option("a number > 0, mA.cm-2", _positive, None),
        },
        lambda o: "V",
        _polarization,
    ),
    "conductivity": _Kind(
        'conductivity at a temperature, from the "Temperature [K]" and '
        '"Conductivity [S.m-1]" columns, ln(sigma) interpolated linearly in 1/T '
        "(no extrapolation)",
        {
            "temperature_c": _Option("a number, degC", _number, _REQUIRED),
            "unit": _option_choice("S.cm-1", "S.cm-1", "S.m-1"),
        },
        lambda o: o["unit"],
        _conductivity,
    ),
    "transference number": _Kind(
        f"the Bruce-Vincent t+ of a BruceVincent result (summary {TRANSFERENCE_KEY!r})",
        {},
        lambda o: "-",
        lambda r, o: _summary_value(r, TRANSFERENCE_KEY),
    ),
    "summary": _Kind(
        "a number of the result's summary (true/false as 1/0)",
        {
            "key": _Option("a summary key", _text, _REQUIRED),
            "unit": _Option(
                "a unit string; default: the key's [unit], else '-'", _text, None
            ),
        },
        lambda o: o["unit"] or _unit_of(o["key"]),
        lambda r, o: _summary_value(r, o["key"]),
    ),
    "retention": _Kind(
        "100 x one row of a table column / its reference row, e.g. the last "
        "cycle's reversible capacity over the first's (%)",
        {
            "table": _Option("a table name", _text, "Cycles"),
            "column": _Option("a column name", _text, "Reversible capacity [mA.h.g-1]"),
            "row": _Option(
                "a row number, integer != 0, negative from the end", _count, -1
            ),
            "reference_row": _Option(
                "a row number, integer != 0, negative from the end", _count, 1
            ),
        },
        lambda o: "%",
        _retention,
    ),
    "variable": _Kind(
        "a model variable (one number per time) at the end of the run, or its "
        "largest or smallest value (unit of the variable); simulated results only",
        {
            "variable": _Option(
                'a model variable name, e.g. "Electrode thickness change [%]"',
                _text,
                _REQUIRED,
            ),
            "reduce": _option_choice("end", "end", "max", "min"),
        },
        lambda o: _unit_of(o["variable"]),
        _variable,
    ),
    "table value": _Kind(
        "one value of a protocol table (unit of the column)",
        {
            "table": _Option('a table name, e.g. "Cycles"', _text, _REQUIRED),
            "column": COLUMN,
            "row": _Option(
                "a row number, integer != 0, negative from the end", _count, -1
            ),
        },
        lambda o: _unit_of(o["column"]),
        _table_value,
    ),
}


def _describe_options(options):
    return ", ".join(o.describe(n) for n, o in options.items()) or "none"


KINDS = {
    name: f"{kind.description}. Options: {_describe_options(kind.options)}"
    for name, kind in _KINDS.items()
}
"""Kind name -> what it measures and its options (for messages and docs)."""


# ---------------------------------------------------------------- the metric


@dataclass(frozen=True)
class Metric:
    """A named number read off a Result.

    Attributes:
        name: The study's name for it.
        kind: One of :data:`KINDS`.
        options: Every option of the kind (defaults filled in; None = absent).
        unit: Its unit in PyBaMM notation ("mA.h.g-1", "V", "-").
    """

    name: str
    kind: str
    options: dict
    unit: str

    @property
    def column(self):
        """Column name of the metric in a study's table: ``"name [unit]"``."""
        return (
            self.name
            if self.name.rstrip().endswith("]")
            else (f"{self.name} [{self.unit}]")
        )

    def __call__(self, result) -> float:
        """The metric's value on ``result``; MetricError if it cannot be read."""
        try:
            value = _KINDS[self.kind].compute(result, self.options)
        except DataError as exc:
            raise MetricError(f"metric {self.name!r}: {exc}") from None
        except MetricError as exc:
            raise MetricError(f"metric {self.name!r}: {exc}") from None
        if not math.isfinite(value):
            raise MetricError(f"metric {self.name!r} is {value} on this result")
        return value


def metric_from_table(table) -> Metric:
    """A :class:`Metric` from one ``[[metrics]]`` table of a study file (the
    uniqueness of names is the caller's check).

    Raises:
        StudyError: For a missing name, an unknown kind (listing :data:`KINDS`),
            or an unknown, missing or badly-typed option (naming the kind's
            options and what each must be).
    """
    if not isinstance(table, dict):
        raise StudyError(f"[[metrics]] entries must be tables, got {table!r}")
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise StudyError(f"[[metrics]] entry {table!r} needs a name = '...'")
    kind_name = table.get("kind")
    if kind_name not in _KINDS:
        listed = "\n".join(f"  {k}: {d}" for k, d in KINDS.items())
        raise StudyError(
            f"metric {name!r}: kind = {kind_name!r} is not a metric kind; kinds:\n"
            f"{listed}"
        )
    kind = _KINDS[kind_name]
    allowed = f"options of {kind_name!r}: {_describe_options(kind.options)}"
    unknown = sorted(set(table) - {"name", "kind"} - set(kind.options))
    if unknown:
        raise StudyError(f"metric {name!r}: unknown option(s) {unknown}; {allowed}")
    options = {}
    for key, option in kind.options.items():
        if key not in table:
            if option.default is _REQUIRED:
                raise StudyError(f"metric {name!r}: {key} is required; {allowed}")
            options[key] = option.default
            continue
        value = option.check(table[key])
        if value is None:
            raise StudyError(
                f"metric {name!r}: {key} = {table[key]!r} is not allowed: it must "
                f"be {option.what}"
            )
        options[key] = value
    return Metric(name.strip(), kind_name, options, kind.unit(options))


__all__ = ["KINDS", "Metric", "MetricError", "metric_from_table"]
