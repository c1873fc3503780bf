"""Parameter values of the Li | electrolyte | Li symmetric cell
(:class:`sim.models.symmetric_lithium_cell.SymmetricLithiumCell`): the names the
model reads, and the values at rest from a cell and an electrolyte."""

from __future__ import annotations

import pybamm

from sim.errors import ParameterError
from sim.expressions import as_pybamm_value, is_input
from sim.models.no_state_of_charge import refusal_entries
from sim.physics.polymer_temperature_range import check_cell_temperature

ELECTROLYTE_PARAMETERS = (
    "Initial concentration in electrolyte [mol.m-3]",
    "Electrolyte conductivity [S.m-1]",
    "Electrolyte diffusivity [m2.s-1]",
    "Cation transference number",
    "Thermodynamic factor",
    "Ambient temperature [K]",
)
"""The electrolyte enters as PyBaMM's standard entries (functions of c_e and T)."""

CELL_PARAMETERS = (
    "Electrolyte thickness [m]",
    "Electrode area [m2]",
    "Lithium exchange-current density [A.m-2]",
    "Lithium interphase resistance [Ohm.m2]",
    "Lithium interphase capacitance [F.m-2]",
    "Lithium double-layer capacity [F.m-2]",
)

GROWTH_PARAMETERS = {
    "Lithium interphase growth per passed charge [m2.A-1.h-1]": 0.0,
    "Initial interphase passed charge [A.h.m-2]": 0.0,
}
"""Optional: the interphase film's growth law R_f = R_f0 (1 + k q), q the charge
per area passed through each Li electrode since the film formed (its initial
value lets a run start late in a long test); defaults: no growth, fresh film."""

NOT_INPUT = ("Electrolyte thickness [m]",)
"""Sets the mesh: must be a number."""

CAPACITY_PER_AREA = 1.0
"""A.h.m-2: the "Nominal cell capacity [A.h]" per electrode area that PyBaMM's
C-rate steps use, 0.1 mAh/cm2 (= 1 A.h/m2), the capacity of one of Cheng2023's
half cycles (0.1 mA/cm2 for 1 h); so "1C" is 0.1 mA/cm2."""


def required_parameters():
    """Names of the parameters the model reads (besides "Current function [A]")."""
    return [*CELL_PARAMETERS, *ELECTROLYTE_PARAMETERS]


def cell_entries(cell, electrolyte, extra=None) -> dict:
    """The symmetric cell's PyBaMM entries at rest, as a dict (see
    :func:`symmetric_cell_with_electrolyte` for the arguments and errors)."""
    values = {
        k: cell[k]
        for k in (*CELL_PARAMETERS, *GROWTH_PARAMETERS, "Ambient temperature [K]")
        if k in cell
    }
    for name, default in GROWTH_PARAMETERS.items():
        values.setdefault(name, default)
    values.update(electrolyte)  # incl. any parameters its functions read
    values.update(extra or {})
    missing = [k for k in required_parameters() if k not in values]
    if missing:
        raise ParameterError(
            f"symmetric cell parameters missing: {missing}; the cell needs "
            f"{list(CELL_PARAMETERS)} and the electrolyte entries "
            f"{list(ELECTROLYTE_PARAMETERS)}"
        )
    for name in NOT_INPUT:
        if isinstance(values[name], pybamm.InputParameter) or is_input(values[name]):
            raise ParameterError(f"{name!r} sets the mesh: give a number, not an input")
    check_cell_temperature(values, values["Ambient temperature [K]"])
    values = {k: as_pybamm_value(k, v) for k, v in values.items()}
    values.update(control_entries(values["Electrode area [m2]"]))
    return values


def control_entries(area) -> dict:
    """What PyBaMM's Simulation and experiments read beyond the cell: the current
    (0 A, at rest), "Nominal cell capacity [A.h]" (C-rates: 0.1 mAh/cm2 = 1
    A.h/m2 x area) and the OCP entries that refuse ``initial_soc``
    (:mod:`sim.models.no_state_of_charge`)."""
    return {
        "Current function [A]": 0.0,
        "Nominal cell capacity [A.h]": CAPACITY_PER_AREA * area,
        **refusal_entries("Li|electrolyte|Li symmetric cell"),
    }


def symmetric_cell_with_electrolyte(cell, electrolyte, extra=None):
    """``pybamm.ParameterValues`` of a symmetric cell at rest, from cell-level
    values and any electrolyte (e.g. a made-up one in a test of a limiting case).

    For the Cheng2023 cells use the complete sets instead:
    ``parameters.get("CPCSE").to_pybamm(extra=...)`` (or
    ``pybamm.ParameterValues("CPCSE")``).

    Args:
        cell: Values by name for ``CELL_PARAMETERS`` and "Ambient temperature
            [K]" (e.g. ``parameters.get("Cheng2023 cells").as_dict()``; extra
            names are ignored).
        electrolyte: PyBaMM electrolyte entries (conductivity and diffusivity as
            functions of (c_e, T), t+, thermodynamic factor, c0), plus any
            parameters those functions read (all are passed on).
        extra: Entries set last (e.g. ``"[input]"`` replacements, or a
            temperature override).

    Raises:
        ParameterError: Listing missing entries, a mesh-setting parameter given
            as an input, or a numeric "Ambient temperature [K]" outside the
            electrolyte's range (when its entries carry a VTF T0,
            :func:`sim.physics.polymer_electrolyte.check_cell_temperature`).
    """
    return pybamm.ParameterValues(cell_entries(cell, electrolyte, extra))


__all__ = [
    "CAPACITY_PER_AREA",
    "CELL_PARAMETERS",
    "ELECTROLYTE_PARAMETERS",
    "NOT_INPUT",
    "GROWTH_PARAMETERS",
    "cell_entries",
    "control_entries",
    "required_parameters",
    "symmetric_cell_with_electrolyte",
]
