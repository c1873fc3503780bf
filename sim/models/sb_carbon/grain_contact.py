"""Electronic contact of the active grains with the conducting network.

Electrons reach the grains (composite grains of SbQD@C, bare particles of
commercial Sb; radius = the "Sb diffusion length") through contacts with a
resistance ``r_c`` and a capacitance ``C_c`` per grain surface, in series with
everything at the grain/electrolyte interface (faradaic and double layer). This
is the particle-contact element of Gaberscek et al., Electrochem. Solid-State
Lett. 11 (2008) A170, who showed that the mid-frequency arc of porous electrodes
is largely electronic contact resistance. Qiu2021 (Fig. 6c) ascribes the growth
of that arc on sodiation to the lower electronic conductivity of NaxSb; here the
contact resistivity is interpolated log-linearly (as for a semiconductor whose
carrier density changes with composition) between Sb and Na3Sb::

    r_c = r_c0 k^y,  y = x / 3  (0 for Sb, 1 for Na3Sb)
    a_g (eta_c / r_c + C_c d eta_c / dt) = J_total
"""

from __future__ import annotations

from dataclasses import dataclass

import pybamm

P = pybamm.Parameter


@dataclass(frozen=True)
class GrainContact:
    """r_c: contact resistivity [Ohm.m2]; a_g: grain surface [m-1]; eta_c: the
    contact drop phi_s - phi_grain [V] (a state)."""

    r_c: pybamm.Symbol
    a_g: pybamm.Symbol
    eta_c: pybamm.Symbol


def add_grain_contact(model, options, sb, J_total, geo):
    """Add the contact's state equation to ``model``; returns the
    :class:`GrainContact`, or None when the option is off."""
    if not (options["Sb phase"] and options["grain contact"]):
        return None
    x_over_3 = sb.x_Na / P("Sodium per Sb at full sodiation")
    r_c = (
        P("Grain contact resistance [Ohm.m2]")
        * P("Na3Sb/Sb contact resistance ratio") ** x_over_3
    )
    eta_c = pybamm.Variable(
        "Grain contact overpotential [V]", domain="working electrode"
    )
    model.rhs[eta_c] = (J_total / geo.a_grain - eta_c / r_c) / P(
        "Grain contact capacitance [F.m-2]"
    )
    model.initial_conditions[eta_c] = pybamm.Scalar(0)
    return GrainContact(r_c, geo.a_grain, eta_c)
