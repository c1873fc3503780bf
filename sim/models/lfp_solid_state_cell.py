"""Li metal | polymer electrolyte | LiFePO4 solid-state cell, as PyBaMM's half-cell
DFN (:class:`LFPSolidStateCell`, a ``pybamm.lithium_ion.DFN`` with
``{"working electrode": "positive", "contact resistance": "true"}`` fixed).

No custom equations are needed: PyBaMM's half cell already has a Li metal counter
electrode (Butler-Volmer) at x = 0, a separator and a porous working electrode with
concentrated-solution electrolyte transport. Here:

* the **separator** is the polymer membrane: porosity 1 (the whole membrane is
  electrolyte), thickness "Electrolyte thickness [m]";
* the **cathode's pores** hold the same polymer electrolyte (Cheng2023 uses CPCSE
  "as the ionic conductive agent and binder", Fig. 6a): the electrolyte volume
  fraction is the composite's polymer fraction, from the cathode recipe
  (:func:`cathode_geometry`), with Bruggeman tortuosity;
* **LiFePO4** is PyBaMM's Prada2013 material unchanged (OCP Afshar2017, exchange
  current Kashkooli2017, D 5.9e-18 m2/s, R 50 nm, c_max 22806 mol/m3);
* the **Li | polymer interphase film** (the symmetric cell's "Lithium interphase
  resistance [Ohm.m2]"), with an optional **cathode | polymer interphase**
  ("Cathode interphase resistance [Ohm.m2]", per geometric area), enters as
  PyBaMM's contact resistance, (R_f + R_cath) / A, and the Li exchange current is
  the symmetric cell's, scaled ``(c_e / c0)^(1/2)``; an optional "LFP particle
  radius [m]" replaces Prada2013's 50 nm;
* the **electrolyte** is any set of PyBaMM electrolyte entries (conductivity and
  diffusivity as functions of (c_e, T), t+, thermodynamic factor, c0).

1C is the LFP's theoretical capacity (169.9 mAh/g) times the loaded mass.
"""

from __future__ import annotations

from collections.abc import Mapping

import pybamm

from sim.errors import ParameterError
from sim.physics.polymer_electrolyte import check_cell_temperature

LFP_OPTIONS = {"working electrode": "positive", "contact resistance": "true"}
"""The half-cell DFN options the cell fixes: LFP working electrode against Li
metal, and the Li interphase film as PyBaMM's contact resistance."""

ELECTROLYTE_ENTRIES = (
    "Initial concentration in electrolyte [mol.m-3]",
    "Electrolyte conductivity [S.m-1]",
    "Electrolyte diffusivity [m2.s-1]",
    "Cation transference number",
    "Thermodynamic factor",
)

CELL_ENTRIES = (
    "Ambient temperature [K]",
    "Electrolyte thickness [m]",
    "Electrode area [m2]",
    "Lithium exchange-current density [A.m-2]",
    "Lithium interphase resistance [Ohm.m2]",
    "LFP mass loading [kg.m-2]",
    "LFP mass fraction in cathode",
    "Electrolyte mass fraction in cathode",
    "Carbon mass fraction in cathode",
    "LFP density [kg.m-3]",
    "Cathode electrolyte density [kg.m-3]",
    "Carbon density [kg.m-3]",
    "Cathode void fraction",
    "Cathode Bruggeman coefficient",
    "Lower voltage cut-off [V]",
    "Upper voltage cut-off [V]",
    "LFP theoretical capacity [mA.h.g-1]",
)

OPTIONAL_CELL_ENTRIES = {
    "LFP particle radius [m]": None,
    "Cathode interphase resistance [Ohm.m2]": 0.0,
}
"""Optional cell entries: the LFP particle radius (None: Prada2013's 50 nm) and a
cathode | polymer interphase resistance per geometric area, in series with the Li
interphase film as PyBaMM's contact resistance (default none)."""


def cathode_geometry(
    loading,
    w_lfp,
    w_el,
    w_c,
    rho_lfp,
    rho_el,
    rho_c,
    void=0.0,
):
    """Thickness [m] and volume fractions of a composite cathode from its recipe.

    Per m2: LFP mass ``loading``; the other components follow from the mass
    fractions; their volumes from the densities; ``void`` is empty volume.

    Returns:
        dict with "thickness [m]", "LFP volume fraction", "electrolyte volume
        fraction", "carbon volume fraction".

    Raises:
        ParameterError: If the mass fractions do not sum to 1, or ``void`` is not
            in [0, 1) (a cathode cannot be all void).
    """
    if not 0 <= void < 1:
        raise ParameterError(
            f"'Cathode void fraction' = {void!r} is not allowed: must be in [0, 1) "
            "(the empty share of the cathode's volume; 1 would leave no cathode)"
        )
    if abs(w_lfp + w_el + w_c - 1) > 1e-9:
        raise ParameterError(
            f"cathode mass fractions LFP {w_lfp}, electrolyte {w_el}, carbon {w_c} "
            f"sum to {w_lfp + w_el + w_c:.6g}; they must sum to 1"
        )
    total = loading / w_lfp
    v = {
        "LFP": total * w_lfp / rho_lfp,
        "electrolyte": total * w_el / rho_el,
        "carbon": total * w_c / rho_c,
    }
    solid_and_polymer = sum(v.values())
    thickness = solid_and_polymer / (1 - void)
    return {
        "thickness [m]": thickness,
        "LFP volume fraction": v["LFP"] / thickness,
        "electrolyte volume fraction": v["electrolyte"] / thickness,
        "carbon volume fraction": v["carbon"] / thickness,
    }


def _lithium_exchange_current(j0_ref, c0):
    def j0_li(c_e, c_Li, T):
        """Li | polymer exchange-current density [A.m-2], ``j0 (c_e / c0)^0.5``."""
        return j0_ref * (pybamm.maximum(c_e, 0) / c0) ** 0.5

    return j0_li


def check_electrolyte(electrolyte: Mapping):
    """The electrolyte entries must all be there; raise one ParameterError naming
    those missing."""
    missing = [k for k in ELECTROLYTE_ENTRIES if k not in electrolyte]
    if missing:
        raise ParameterError(
            f"electrolyte entries missing: {missing}; an electrolyte is given as "
            f"PyBaMM entries {list(ELECTROLYTE_ENTRIES)}"
        )


def check_voltage_window(lower, upper):
    """Raise one ParameterError unless the lower voltage cut-off lies below the
    upper one (numbers only; inputs are not checked)."""
    if isinstance(lower, str) or isinstance(upper, str):
        return
    if not float(lower) < float(upper):
        raise ParameterError(
            f"'Lower voltage cut-off [V]' = {lower:g} V must be below 'Upper voltage "
            f"cut-off [V]' = {upper:g} V (the cell charges to the upper and "
            "discharges to the lower one)"
        )


def check_cell(cell: Mapping, electrolyte: Mapping):
    """One ParameterError for missing cell or electrolyte entries, a voltage
    window in the wrong order, or a cell temperature outside the electrolyte's
    range."""
    missing = [k for k in CELL_ENTRIES if k not in cell]
    if missing:
        raise ParameterError(f"cell parameters missing: {missing}")
    check_electrolyte(electrolyte)
    check_voltage_window(
        cell["Lower voltage cut-off [V]"], cell["Upper voltage cut-off [V]"]
    )
    check_cell_temperature(electrolyte, cell["Ambient temperature [K]"])


def cathode_of(cell: Mapping) -> dict:
    """:func:`cathode_geometry` of the cell's recipe entries."""
    return cathode_geometry(
        cell["LFP mass loading [kg.m-2]"],
        cell["LFP mass fraction in cathode"],
        cell["Electrolyte mass fraction in cathode"],
        cell["Carbon mass fraction in cathode"],
        cell["LFP density [kg.m-3]"],
        cell["Cathode electrolyte density [kg.m-3]"],
        cell["Carbon density [kg.m-3]"],
        cell["Cathode void fraction"],
    )


def cell_entries(cell: Mapping) -> dict:
    """PyBaMM entries of the cell assembly (membrane, cathode, area, cut-offs,
    interphase film, 1C) on top of Prada2013 (PyBaMM's own names)."""
    geo = cathode_of(cell)
    area = cell["Electrode area [m2]"]
    T = cell["Ambient temperature [K]"]
    # 1C: mAh/g x kg = A.h
    capacity = (
        cell["LFP theoretical capacity [mA.h.g-1]"]
        * cell["LFP mass loading [kg.m-2]"]
        * area
    )
    radius = cell.get("LFP particle radius [m]")
    extra = {} if radius is None else {"Positive particle radius [m]": radius}
    return {
        **extra,
        "Ambient temperature [K]": T,
        "Initial temperature [K]": T,
        "Reference temperature [K]": 298.15,
        "Separator thickness [m]": cell["Electrolyte thickness [m]"],
        "Separator porosity": 1.0,
        "Separator Bruggeman coefficient (electrolyte)": 1.0,
        "Positive electrode thickness [m]": geo["thickness [m]"],
        "Positive electrode active material volume fraction": geo[
            "LFP volume fraction"
        ],
        "Positive electrode porosity": geo["electrolyte volume fraction"],
        "Positive electrode Bruggeman coefficient (electrolyte)": cell[
            "Cathode Bruggeman coefficient"
        ],
        "Electrode height [m]": area**0.5,
        "Electrode width [m]": area**0.5,
        "Lower voltage cut-off [V]": cell["Lower voltage cut-off [V]"],
        "Upper voltage cut-off [V]": cell["Upper voltage cut-off [V]"],
        "Contact resistance [Ohm]": (
            cell["Lithium interphase resistance [Ohm.m2]"]
            + cell.get("Cathode interphase resistance [Ohm.m2]", 0.0)
        )
        / area,
        "Nominal cell capacity [A.h]": capacity,
        "Current function [A]": capacity,  # 1C discharge (Prada2013's is 1.7 A)
    }


def counter_electrode_entries(cell: Mapping, electrolyte: Mapping) -> dict:
    """The electrolyte entries (and any parameters its functions read), the Li
    counter electrode and the LFP mass: names Prada2013 does not have."""
    c0 = electrolyte["Initial concentration in electrolyte [mol.m-3]"]
    return {
        **electrolyte,
        "Exchange-current density for lithium metal electrode [A.m-2]": (
            _lithium_exchange_current(
                cell["Lithium exchange-current density [A.m-2]"], c0
            )
        ),
        "Lithium metal partial molar volume [m3.mol-1]": 1.3e-5,
        "LFP mass [kg]": cell["LFP mass loading [kg.m-2]"]
        * cell["Electrode area [m2]"],
    }


def complete(pv, cell: Mapping, electrolyte: Mapping):
    """Make ``pv`` (``pybamm.ParameterValues``, updated in place) the complete
    values of the cell: Prada2013 for the LFP material, then the cell assembly
    and the electrolyte. Entries of ``pv`` named like Prada2013's are replaced.

    Raises:
        ParameterError: As :func:`lfp_cell_with_electrolyte`.
    """
    check_cell(cell, electrolyte)
    pv.update(
        dict(pybamm.ParameterValues("Prada2013").items()), check_already_exists=False
    )
    pv.update(cell_entries(cell), check_already_exists=False)
    pv.update(counter_electrode_entries(cell, electrolyte), check_already_exists=False)


def lfp_cell_with_electrolyte(cell: Mapping, electrolyte: Mapping, cell_overrides=None):
    """PyBaMM parameter values of a Li | electrolyte | LFP cell from cell-level
    values and any electrolyte (e.g. PyBaMM's liquid one, to compare with
    PyBaMM's own half-cell model). For the Cheng2023 cells use the complete sets
    instead: ``parameters.get("Li|CPCSE|LFP").to_pybamm(extra=...)``.

    Args:
        cell: Cell-level values by name (``CELL_ENTRIES``), e.g.
            ``parameters.get("Cheng2023 cells").as_dict()``.
        electrolyte: PyBaMM electrolyte entries (``ELECTROLYTE_ENTRIES``).
        cell_overrides: PyBaMM entries set last (e.g. to reproduce another
            geometry in a test).

    Returns:
        ``pybamm.ParameterValues`` based on Prada2013 with the cell, the
        electrolyte, the Li counter electrode and "Nominal cell capacity [A.h]".

    Raises:
        ParameterError: On missing entries, a void fraction outside [0, 1), a
            lower voltage cut-off not below the upper one, or a numeric "Ambient
            temperature [K]" outside the electrolyte's range.
    """
    check_cell(cell, electrolyte)
    pv = pybamm.ParameterValues("Prada2013")
    pv.update(cell_entries(cell))
    pv.update(counter_electrode_entries(cell, electrolyte), check_already_exists=False)
    if cell_overrides:
        pv.update(dict(cell_overrides), check_already_exists=False)
    return pv


def model(options=None):
    """PyBaMM's half-cell DFN with a Li metal counter electrode and contact
    resistance (the Li interphase film): a :class:`LFPSolidStateCell`."""
    return LFPSolidStateCell(options)


class LFPSolidStateCell(pybamm.lithium_ion.DFN):
    """Li metal | polymer electrolyte | LiFePO4 cell: PyBaMM's DFN with the
    working electrode "positive" (LFP) and the contact resistance (the Li
    interphase film) fixed, see the module docstring.

    Its default parameter values are the Li | CPCSE | LFP cell of Cheng2023 (set
    "Li|CPCSE|LFP"). PyBaMM's half-cell eSOH gives it a state of charge, so
    ``Simulation.solve(initial_soc=0.5)`` and ``initial_soc="3.4 V"`` work.

    Args:
        options: Further DFN options (the two fixed ones cannot be changed).
        name: Model name.

    Raises:
        ParameterError: If ``options`` try to change a fixed option.
    """

    def __init__(self, options=None, name="Li|SSE|LFP solid-state cell", build=True):
        options = dict(options or {})
        clash = {
            k: v for k, v in options.items() if k in LFP_OPTIONS and v != LFP_OPTIONS[k]
        }
        if clash:
            raise ParameterError(
                f"LFPSolidStateCell fixes the options {LFP_OPTIONS}; got {clash} "
                "(for other cells use pybamm.lithium_ion.DFN)"
            )
        super().__init__({**options, **LFP_OPTIONS}, name=name, build=build)

    @property
    def default_parameter_values(self):
        """The Li | CPCSE | LFP cell of Cheng2023 (parameter set "Li|CPCSE|LFP")."""
        from sim import parameters

        return parameters.get("Li|CPCSE|LFP").to_pybamm()


def lithiated_stoichiometry(pv, voltage):
    """LFP stoichiometry where its OCP equals ``voltage`` (on the lithiated side), a
    rested discharged state to start from."""
    from scipy.optimize import brentq

    U = pv["Positive electrode OCP [V]"]

    def ocp(s):
        return float(pybamm.Scalar(0).evaluate() + U(pybamm.Scalar(s)).evaluate())

    return brentq(lambda s: ocp(s) - voltage, 0.5, 0.99999)


__all__ = [
    "CELL_ENTRIES",
    "OPTIONAL_CELL_ENTRIES",
    "LFP_OPTIONS",
    "LFPSolidStateCell",
    "cathode_of",
    "cell_entries",
    "check_cell",
    "complete",
    "counter_electrode_entries",
    "ELECTROLYTE_ENTRIES",
    "cathode_geometry",
    "check_electrolyte",
    "check_voltage_window",
    "lfp_cell_with_electrolyte",
    "lithiated_stoichiometry",
    "model",
]
