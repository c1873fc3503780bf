"""The states and intermediate quantities the charge and salt balances of the
Sb/C half cell share, as named objects (see :mod:`.model`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pybamm


@dataclass
class CellStates:
    """The states shared by several parts of the cell."""

    c_e_s: pybamm.Variable
    c_e_w: pybamm.Variable
    phi_e_s: pybamm.Variable
    phi_e_w: pybamm.Variable
    phi_s: pybamm.Variable
    delta_phi: pybamm.Variable
    discharge_capacity: pybamm.Variable
    throughput: pybamm.Variable

    @cached_property
    def c_e(self):
        return pybamm.concatenation(self.c_e_s, self.c_e_w)

    @cached_property
    def phi_e(self):
        return pybamm.concatenation(self.phi_e_s, self.phi_e_w)


@dataclass
class Electrolyte:
    """Electrolyte properties on separator + electrode: conductivity, salt
    diffusivity, t+, thermodynamic factor, porosity (current configuration),
    electrolyte volume per reference volume, tortuosity factor, stretch."""

    kappa: pybamm.Symbol
    D_e: pybamm.Symbol
    t_plus: pybamm.Symbol
    chi: pybamm.Symbol
    eps_w: pybamm.Symbol
    eps: pybamm.Symbol
    V_e: pybamm.Symbol
    tor: pybamm.Symbol
    stretch: pybamm.Symbol


@dataclass
class Charge:
    """Current and potential quantities of the charge balances."""

    i_cell: pybamm.Symbol  # current density [A.m-2], sodiation positive
    i_e: pybamm.Symbol  # electrolyte current density [A.m-2]
    J_total: pybamm.Symbol  # all interfacial current [A.m-3], anodic positive
    J_dl: pybamm.Symbol
    C_dl_v: pybamm.Symbol  # double-layer capacitance per volume [F.m-3]
    eta_Na: pybamm.Symbol
    contact: object  # GrainContact or None
    voltage: pybamm.Symbol = None


def cell_states():
    """New state variables of the electrolyte, the potentials and the counters."""
    we, sep = "working electrode", "separator"
    return CellStates(
        c_e_s=pybamm.Variable(
            "Separator electrolyte concentration [mol.m-3]", domain=sep
        ),
        c_e_w=pybamm.Variable("Working electrolyte concentration [mol.m-3]", domain=we),
        phi_e_s=pybamm.Variable("Separator electrolyte potential [V]", domain=sep),
        phi_e_w=pybamm.Variable("Working electrolyte potential [V]", domain=we),
        phi_s=pybamm.Variable("Working electrode potential [V]", domain=we),
        delta_phi=pybamm.Variable(
            "Working electrode surface potential difference [V]", domain=we
        ),
        discharge_capacity=pybamm.Variable("Discharge capacity [A.h]"),
        throughput=pybamm.Variable("Throughput capacity [A.h]"),
    )
