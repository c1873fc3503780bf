"""The start state of the cell: every store at rest at the start voltage.

A simulated experiment that starts "equilibrated at 2.5 V" must start with every
store of sodium at rest at that potential, or the first points carry a spurious
current. The start state is therefore an *expression* of the parameters, not a
number stored once: set "Initial voltage [V]" (by hand, or as "[input]"), or let
PyBaMM's ``Simulation.solve(initial_soc=...)`` set the working electrode's
initial concentration, and the cell starts at rest there.

The start voltage is read through a *virtual positive electrode*, the half-cell
electrode PyBaMM's electrode-SOH tools know (``"working electrode": "positive"``):

- its stoichiometry z is the equilibrium sodium fraction of the electrode
  (carbon + Sb steps + surface sites, double layer aside) on the start branch;
- its OCP U(z) is the electrode's equilibrium potential, a table computed from
  the parameters (see :mod:`.completion`);
- "Initial concentration in positive electrode [mol.m-3]" is by default
  ``c_max z(V0)`` with V0 = "Initial voltage [V]", and the start voltage is
  ``U(c_init / c_max)``. The two tables are the same nodes read both ways
  (piecewise-linear), so the round trip V0 -> z -> V is exact, and PyBaMM's
  ``initial_soc`` (which writes c_init) and "Initial voltage [V]" agree.

At the start voltage the Sb sites sit on their isotherm of the start branch
(:data:`START_BRANCH`: desodiation for a fresh electrode, any occupancy between
the two branch isotherms being at rest), the surface sites on theirs, and the
carbon at the stoichiometry where its OCP is the start voltage (the inverse OCP,
a derived interpolant of the same table).
"""

from __future__ import annotations

from dataclasses import dataclass

import pybamm

from sim.constants import FARADAY, GAS_CONSTANT
from sim.models.sb_carbon.parameter_names import START_BRANCH, sb_step_names
from sim.physics.site_kinetics import isotherm

P = pybamm.Parameter

VIRTUAL_OCP = "Positive electrode OCP [V]"
VIRTUAL_C_MAX = "Maximum concentration in positive electrode [mol.m-3]"
VIRTUAL_C_INIT = "Initial concentration in positive electrode [mol.m-3]"
VIRTUAL_STO = "Positive particle stoichiometry"
CARBON_INVERSE_OCP = "Carbon stoichiometry at OCP"
"""Derived function: the carbon stoichiometry where its OCP is a given potential."""
ZERO_CHARGE_POTENTIAL = "Virtual electrode zero-charge potential [V]"
"""Top of the virtual electrode's table, where its stoichiometry is 0 (the
double-layer charge counts from there)."""
VIRTUAL_CAPACITANCE = "Virtual electrode capacitance [F.m-3]"
"""The capacitive (linear-in-potential) part of the virtual electrode's charge:
the double layer, or at least 1 % of the capacity (see :mod:`.completion`)."""
EQUILIBRIUM_FRACTION = "Equilibrium sodium fraction"
"""Derived function: z(V), the inverse of the virtual OCP."""


def start_voltage():
    """The start voltage [V]: the virtual electrode's OCP at its initial
    stoichiometry."""
    z0 = P(VIRTUAL_C_INIT) / P(VIRTUAL_C_MAX)
    return pybamm.FunctionParameter(VIRTUAL_OCP, {VIRTUAL_STO: z0})


def default_initial_concentration():
    """c_max z(V0), V0 = "Initial voltage [V]" (the default of
    "Initial concentration in positive electrode [mol.m-3]")."""
    z = pybamm.FunctionParameter(
        EQUILIBRIUM_FRACTION, {"Potential [V]": P("Initial voltage [V]")}
    )
    return P(VIRTUAL_C_MAX) * z


@dataclass(frozen=True)
class RestState:
    """Expressions of the rest state at ``voltage``: carbon stoichiometry, Sb
    step occupancies (one per step), surface-site and additive occupancies (None
    if off)."""

    voltage: pybamm.Symbol
    carbon_stoichiometry: pybamm.Symbol
    sb_occupancy: tuple
    surface_occupancy: pybamm.Symbol | None
    additive_occupancy: pybamm.Symbol | None = None


def rest_state(options, voltage=None):
    """:class:`RestState` at ``voltage`` (default: :func:`start_voltage`)."""
    V = start_voltage() if voltage is None else voltage
    f = FARADAY / (GAS_CONSTANT * P("Ambient temperature [K]"))
    sto_C = pybamm.FunctionParameter(CARBON_INVERSE_OCP, {"Potential [V]": V})
    sb = []
    if options["Sb phase"]:
        on_sod = P(START_BRANCH)
        for j in range(1, options["Sb steps"] + 1):
            n = sb_step_names(j)
            U0 = P(n["U_des"]) + on_sod * (P(n["U_sod"]) - P(n["U_des"]))
            sb.append(isotherm(V, U0, P(n["w"]), f))
    surface = None
    if options["surface storage"]:
        surface = isotherm(
            V,
            P("Surface storage standard potential [V]"),
            P("Surface storage isotherm width"),
            f,
        )
    additive = None
    if options["additive storage"]:
        additive = isotherm(
            V,
            P("Conductive additive storage standard potential [V]"),
            P("Conductive additive storage isotherm width"),
            f,
        )
    return RestState(V, sto_C, tuple(sb), surface, additive)
