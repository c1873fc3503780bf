"""Steps in the papers' units at the edge, SI inside.

Papers give currents per gram of active material (A/g, mA/g) or per electrode
area (mA/cm2); PyBaMM's steps take amperes. :func:`experiment_steps` turns step
strings written in the papers' units into ``pybamm.step`` objects in amperes,
with the same duration and termination:

    experiment_steps(["Discharge at 0.1 A/g until 0.01 V", "Rest for 1 hour",
                      "Charge at 1 mA/cm2 until 2.5 V"], parameter_values)

A current per mass is multiplied by the cell's active mass,
``"Active material mass loading [kg.m-2]" x "Electrode area [m2]"``
(:func:`active_mass_g`); a current per area by ``"Electrode area [m2]"``.
C-rates and PyBaMM's own units (A, mA, V, W, Ohm, C) pass through unchanged.
"""

from __future__ import annotations

import re

import pybamm

from sim.errors import ProtocolError

LOADING = "Active material mass loading [kg.m-2]"
AREA = "Electrode area [m2]"

#: unit -> (amperes per unit value per gram or per m2, what it needs)
SPECIFIC_UNITS = {
    "A/g": (1.0, "mass"),
    "mA/g": (1e-3, "mass"),
    "A/kg": (1e-3, "mass"),
    "mA/cm2": (10.0, "area"),  # 1 mA/cm2 = 10 A/m2
    "A/m2": (1.0, "area"),
}
PYBAMM_UNITS = ("A", "mA", "V", "mV", "W", "mW", "Ohm", "mOhm", "C")

_TOKEN = re.compile(
    r"(?<![\w.])(?P<num>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*"
    r"(?P<unit>[A-Za-z][A-Za-z0-9/]*)"
)


def _number(parameter_values, name):
    try:
        value = parameter_values[name]
    except KeyError:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def active_mass_g(parameter_values):
    """Mass of active material in the cell [g]: loading x electrode area.

    Raises:
        ProtocolError: If the parameter values have no (numeric) loading or area.
    """
    loading = _number(parameter_values, LOADING)
    area = _number(parameter_values, AREA)
    if loading is None or area is None:
        raise ProtocolError(
            f"a current per gram needs the cell's active mass: give numbers for "
            f"{LOADING!r} and {AREA!r}"
        )
    return loading * area * 1e3


def electrode_area_m2(parameter_values):
    """Electrode area [m2]; ProtocolError if the parameter values have none."""
    area = _number(parameter_values, AREA)
    if area is None:
        raise ProtocolError(f"a current per area needs a number for {AREA!r}")
    return area


def specific_to_amperes(value, unit, parameter_values):
    """``value`` in a specific unit (a key of :data:`SPECIFIC_UNITS`) -> amperes."""
    if unit not in SPECIFIC_UNITS:
        raise ProtocolError(
            f"unit {unit!r} is not a specific unit; allowed: {list(SPECIFIC_UNITS)}"
        )
    factor, needs = SPECIFIC_UNITS[unit]
    basis = (
        active_mass_g(parameter_values)
        if needs == "mass"
        else electrode_area_m2(parameter_values)
    )
    return value * factor * basis


def _convert(text, parameter_values):
    def replace(match):
        unit = match["unit"]
        if unit in SPECIFIC_UNITS:
            amps = specific_to_amperes(float(match["num"]), unit, parameter_values)
            return f"{amps:.17g} A"
        if "/" in unit:  # looks like a specific unit, but not one we know
            raise ProtocolError(
                f"step {text!r}: unknown unit {unit!r}; allowed: specific units "
                f"{list(SPECIFIC_UNITS)}, PyBaMM units {list(PYBAMM_UNITS)} and "
                "C-rates"
            )
        return match[0]  # PyBaMM's own units, C-rates, times: PyBaMM reads them

    return _TOKEN.sub(replace, text)


def experiment_steps(steps, parameter_values, *, period=None):
    """PyBaMM steps (currents in A) from step strings in the papers' units.

    Args:
        steps: Step strings (e.g. ``"Discharge at 0.1 A/g until 0.01 V"``) or
            ready ``pybamm.step`` objects (passed through).
        parameter_values: The cell's parameter values (active mass, area).
        period: Output spacing [s] given to every converted step (optional).

    Raises:
        ProtocolError: For an unknown unit, a cell without the mass or area a
            specific unit needs, or a string PyBaMM cannot read.
    """
    if isinstance(steps, str):
        steps = [steps]
    out = []
    for step in steps:
        if not isinstance(step, str):
            out.append(step)
            continue
        text = _convert(step, parameter_values)
        try:
            out.append(pybamm.step.string(text, period=period))
        except (ValueError, TypeError, KeyError) as exc:
            first = str(exc).strip().splitlines()[0]
            raise ProtocolError(
                f"step {step!r} cannot be read ({first}); write e.g. "
                "'Discharge at 0.1 A/g until 0.01 V', 'Rest for 1 hour', "
                "'Charge at 1 mA/cm2 for 30 minutes'"
            ) from None
    return out


__all__ = [
    "SPECIFIC_UNITS",
    "active_mass_g",
    "electrode_area_m2",
    "experiment_steps",
    "specific_to_amperes",
]
