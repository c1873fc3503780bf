"""The electrolyte's transport properties as PyBaMM parameters, under PyBaMM's names,
for the custom cell models (Sb/C half cell, Li symmetric cell): the same four
quantities and signatures as PyBaMM's own lithium-ion models, so any PyBaMM
electrolyte (or :func:`sim.physics.polymer_electrolyte.electrolyte_entries`)
plugs in."""

from __future__ import annotations

import pybamm


def electrolyte_transport(c_e, T):
    """``(kappa, D_e, t_plus, chi)``: conductivity [S.m-1] and salt diffusivity
    [m2.s-1] as functions of concentration ``c_e`` [mol.m-3] and temperature ``T``
    [K], cation transference number and thermodynamic factor."""
    inputs = {"Electrolyte concentration [mol.m-3]": c_e, "Temperature [K]": T}
    kappa = pybamm.FunctionParameter("Electrolyte conductivity [S.m-1]", inputs)
    D_e = pybamm.FunctionParameter("Electrolyte diffusivity [m2.s-1]", inputs)
    t_plus = pybamm.Parameter("Cation transference number")
    chi = pybamm.Parameter("Thermodynamic factor")
    return kappa, D_e, t_plus, chi
