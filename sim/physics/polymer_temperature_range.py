"""The temperatures a polymer electrolyte's parameters allow.

A VTF law holds only above its T0 (where segmental motion would freeze), and the
PEO-based films of these sets are characterized up to ~80 C and soften and flow
above ~120 C, so every polymer parameter set (and every cell set built on one)
accepts

    T0 < T < MAX_TEMPERATURE = 393.15 K (120 C).

A temperature in degrees Celsius typed where kelvin are expected (25 for 25 C)
lies far below T0 and is refused with one message naming the electrolyte and the
range in K and C. The same bound holds everywhere: in the sets' constraints,
in their completions and in :func:`check_cell_temperature`, the check of raw
electrolyte entries that the cell models and protocols call.
"""

from __future__ import annotations

import numpy as np

from sim.constants import ZERO_CELSIUS
from sim.errors import ParameterError
from sim.expressions import is_symbol

VOGEL_TEMPERATURE = "Electrolyte VTF temperature T0 [K]"
"""Entry of :func:`sim.physics.polymer_entries.electrolyte_entries` (when its
inputs are numbers): the VTF T0, below the lowest temperature the electrolyte
allows. The cell models check a numeric "Ambient temperature [K]" against it
(:func:`check_cell_temperature`)."""
MAX_TEMPERATURE = 393.15
"""K (120 C). Upper end (excluded) of the temperatures a polymer electrolyte
accepts (set, cell values or solve-time input)."""


def allowed_range_text(T0, upper=MAX_TEMPERATURE) -> str:
    """``"(T0, upper) K = (T0 - 273.15, upper - 273.15) C"`` for messages."""
    return (
        f"({T0:.2f}, {upper:g}) K = ({T0 - ZERO_CELSIUS:.2f}, "
        f"{upper - ZERO_CELSIUS:.2f}) C"
    )


def check_temperature_range(
    T, T0, name="the electrolyte", what="temperature", upper=MAX_TEMPERATURE
):
    """Raise one ParameterError unless every numeric ``T`` [K] (number or array)
    lies in ``(T0, upper)``. Strings (``"[input]"``) and PyBaMM symbols are not
    checked (check solve-time values with this before solving)."""
    if T is None or isinstance(T, str) or is_symbol(T, T0) or isinstance(T0, str):
        return
    t = np.atleast_1d(np.asarray(T, dtype=float))
    T0 = float(T0)
    bad = t[~(np.isfinite(t) & (t > T0) & (t < upper))]
    if bad.size:
        value = float(bad[0])
        raise ParameterError(
            f"{what} {value:.2f} K ({value - ZERO_CELSIUS:.2f} C) is outside the "
            f"range of {name}: it must be above its VTF temperature T0 = {T0:.2f} K "
            f"and below {upper:g} K, i.e. in {allowed_range_text(T0, upper)} (the "
            "VTF law of the polymer holds only above T0; a temperature in C typed "
            "as K lies below T0)"
        )


def check_cell_temperature(
    values, T, what="cell temperature", name=None, upper=MAX_TEMPERATURE
):
    """Raise one ParameterError if a numeric temperature ``T`` [K] (number or
    array) is outside the range of the electrolyte whose entries (or
    ``pybamm.ParameterValues``) ``values`` hold :data:`VOGEL_TEMPERATURE`: at or
    below its T0, or at or above ``upper``. Electrolytes without a numeric T0
    (e.g. a liquid one) are not checked."""
    try:
        T0 = values[VOGEL_TEMPERATURE]
    except KeyError:
        return
    check_temperature_range(T, T0, name or "the electrolyte", what, upper)


__all__ = [
    "MAX_TEMPERATURE",
    "VOGEL_TEMPERATURE",
    "allowed_range_text",
    "check_cell_temperature",
    "check_temperature_range",
]
