"""Li metal | polymer electrolyte | NCM811 solid-state cell: the same PyBaMM half-cell
DFN as :mod:`sim.models.lfp_solid_state_cell` (Li metal counter electrode, the
polymer as separator and in the cathode's pores, the Li and cathode interphases as
PyBaMM's contact resistance), with PyBaMM's Chen2020 NMC811 positive electrode
(C.-H. Chen et al., J. Electrochem. Soc. 167 (2020) 080534: OCP, exchange current,
diffusivity 4e-15 m2/s, particle radius 5.22 um, c_max 63104 mol/m3, active volume
fraction 0.665, porosity 0.335, here filled with the polymer).

The cathode's thickness follows from its NCM811 mass loading: the active mass per
area is ``eps_s L c_max M`` (M the molar mass of LiNi0.8Mn0.1Co0.1O2), so the
capacity per gram is ``Delta x F / M`` over the stoichiometry window used, the
theoretical 275 mAh/g for Delta x = 1, consistently with Chen2020's c_max.
1C is that theoretical capacity times the mass.
"""

from __future__ import annotations

from collections.abc import Mapping

import pybamm

from sim.constants import FARADAY
from sim.errors import ParameterError
from sim.models import lfp_solid_state_cell as lfp

NCM811_MOLAR_MASS = 0.09727
"""kg/mol, LiNi0.8Mn0.1Co0.1O2 (Li 6.94, Ni 58.69, Mn 54.94, Co 58.93, O 16.00)."""

CELL_ENTRIES = (
    "Ambient temperature [K]",
    "Electrolyte thickness [m]",
    "Electrode area [m2]",
    "Lithium exchange-current density [A.m-2]",
    "Lithium interphase resistance [Ohm.m2]",
    "Cathode interphase resistance [Ohm.m2]",
    "NCM811 mass loading [kg.m-2]",
    "NCM811 lower voltage cut-off [V]",
    "NCM811 upper voltage cut-off [V]",
)


def theoretical_capacity():
    """mAh/g of NCM811 for a full stoichiometry window (F / M)."""
    return FARADAY / NCM811_MOLAR_MASS / 3.6 / 1e3


def check_cell(cell: Mapping, electrolyte: Mapping):
    """One ParameterError for missing entries, a voltage window in the wrong
    order, or a temperature outside the electrolyte's range."""
    missing = [k for k in CELL_ENTRIES if k not in cell]
    if missing:
        raise ParameterError(f"NCM811 cell parameters missing: {missing}")
    lfp.check_electrolyte(electrolyte)
    lfp.check_voltage_window(
        cell["NCM811 lower voltage cut-off [V]"],
        cell["NCM811 upper voltage cut-off [V]"],
    )
    lfp.check_cell_temperature(electrolyte, cell["Ambient temperature [K]"])


def ncm811_cell_with_electrolyte(cell: Mapping, electrolyte: Mapping):
    """PyBaMM parameter values of a Li | electrolyte | NCM811 cell: Chen2020's
    positive electrode, the cell assembly and the electrolyte entries.

    Raises:
        ParameterError: As :func:`check_cell`.
    """
    check_cell(cell, electrolyte)
    pv = pybamm.ParameterValues("Chen2020")
    area = cell["Electrode area [m2]"]
    T = cell["Ambient temperature [K]"]
    eps_s = pv["Positive electrode active material volume fraction"]
    c_max = pv["Maximum concentration in positive electrode [mol.m-3]"]
    loading = cell["NCM811 mass loading [kg.m-2]"]
    thickness = loading / (eps_s * c_max * NCM811_MOLAR_MASS)
    capacity = theoretical_capacity() * loading * area  # mAh/g x kg = A.h
    c0 = electrolyte["Initial concentration in electrolyte [mol.m-3]"]
    pv.update(
        {
            "Ambient temperature [K]": T,
            "Initial temperature [K]": T,
            "Separator thickness [m]": cell["Electrolyte thickness [m]"],
            "Separator porosity": 1.0,
            "Separator Bruggeman coefficient (electrolyte)": 1.0,
            "Positive electrode thickness [m]": thickness,
            "Electrode height [m]": area**0.5,
            "Electrode width [m]": area**0.5,
            "Lower voltage cut-off [V]": cell["NCM811 lower voltage cut-off [V]"],
            "Upper voltage cut-off [V]": cell["NCM811 upper voltage cut-off [V]"],
            "Nominal cell capacity [A.h]": capacity,
            "Current function [A]": capacity,
            **electrolyte,
        },
        check_already_exists=False,
    )
    pv.update(
        {
            "Contact resistance [Ohm]": (
                cell["Lithium interphase resistance [Ohm.m2]"]
                + cell["Cathode interphase resistance [Ohm.m2]"]
            )
            / area,
            "Exchange-current density for lithium metal electrode [A.m-2]": (
                lfp._lithium_exchange_current(
                    cell["Lithium exchange-current density [A.m-2]"], c0
                )
            ),
            "Lithium metal partial molar volume [m3.mol-1]": 1.3e-5,
            "NCM811 mass [kg]": loading * area,
        },
        check_already_exists=False,
    )
    return pv


def model(options=None):
    """The half-cell DFN of :class:`~sim.models.lfp_solid_state_cell.
    LFPSolidStateCell` (positive working electrode, contact resistance)."""
    return lfp.LFPSolidStateCell(options, name="Li|SSE|NCM811 solid-state cell")


__all__ = [
    "CELL_ENTRIES",
    "NCM811_MOLAR_MASS",
    "check_cell",
    "model",
    "ncm811_cell_with_electrolyte",
    "theoretical_capacity",
]
