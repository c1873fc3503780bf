"""Output variables of the Sb/C half cell: PyBaMM's standard names (so
``QuickPlot``, ``plot_voltage_components``, experiments and ``EISSimulation``
work) and the model's own.

Voltage components (what ``solution.plot_voltage_components()`` stacks), with
their meaning in this cell; they add up to the voltage exactly::

    V = OCV + particle concentration + reaction + electrolyte concentration
        + electrolyte ohmic + solid ohmic - contact

- OCV ("Battery open-circuit voltage [V]"): the equilibrium potential of the
  electrode holding its present charge (connected sodium and the capacitive
  charge the virtual electrode counts),
  read on the start branch of the hysteresis (the virtual electrode's OCP of
  :mod:`.start_state`);
- particle concentration: the carbon's surface-vs-average OCP difference,
  electrode-averaged (the Sb diffusion correction is inside its site kinetics);
- reaction: the electrode's interfacial overpotential (average surface potential
  difference minus OCV and the particle term) plus the Na metal counter
  electrode's charge-transfer overpotential (as PyBaMM sums both electrodes);
- electrolyte concentration / ohmic: the liquid-phase diffusion potential and
  the rest of the electrolyte potential drop from the Na surface to the electrode;
- solid ohmic: the electrode's own drop plus the series resistance;
- contact ("Contact overpotential [V]"): the grains' electronic contact drop.
"""

from __future__ import annotations

from dataclasses import dataclass

import pybamm

from sim.constants import FARADAY, GAS_CONSTANT
from sim.models.sb_carbon.geometry import X_W
from sim.models.sb_carbon.options import DEFAULT_OPTIONS
from sim.models.sb_carbon.sodium_stores import Store
from sim.models.sb_carbon.start_state import (
    VIRTUAL_C_MAX,
    VIRTUAL_CAPACITANCE,
    VIRTUAL_OCP,
    VIRTUAL_STO,
    ZERO_CHARGE_POTENTIAL,
)

P = pybamm.Parameter


@dataclass
class CellParts:
    """Everything the outputs are made of (see :mod:`.model`)."""

    geo: object
    states: object
    electrolyte: object
    swelling: object
    carbon: object
    sb: object
    stores: list
    J_far: pybamm.Symbol
    charge: object
    theta_ss: pybamm.Symbol | None
    salt_exchanged: pybamm.Symbol | None
    interface: object
    theta_add: pybamm.Symbol | None = None


def store_current_names(options):
    """Names of the per-store current variables [A], PyBaMM sign (positive =
    sodiation): double layer, surface storage, conductive additive, carbon, Sb."""
    options = {
        **DEFAULT_OPTIONS,
        **{k: options[k] for k in DEFAULT_OPTIONS if k in options},
    }
    names = ["Double-layer current [A]"]
    if options["surface storage"]:
        names.append("Surface storage current [A]")
    if options["additive storage"]:
        names.append("Conductive additive current [A]")
    names.append("Carbon insertion current [A]")
    if options["Sb phase"]:
        names.append("Sb current [A]")
    return names


def isolated_sb_store(sw):
    """Sodium locked in Sb cut off from the network (takes no current)."""
    return Store("Isolated Sb", None, sw.n_trap)


def _average(field, geo):
    """Average over the pristine electrode (pybamm.x_average does not know the
    custom domain names); for Sb-borne quantities the average per Sb atom."""
    return pybamm.Integral(field, X_W) / geo.L_w


def voltage_components(p):
    """PyBaMM's voltage-component variables (see the module docstring)."""
    geo, st, el, T = p.geo, p.states, p.electrolyte, p.interface.T
    connected = sum(s.sodium for s in p.stores if s.current is not None)
    dl = P(VIRTUAL_CAPACITANCE) * (P(ZERO_CHARGE_POTENTIAL) - st.delta_phi) / FARADAY
    z = _average(connected + dl, geo) / P(VIRTUAL_C_MAX)
    ocv = pybamm.FunctionParameter(VIRTUAL_OCP, {VIRTUAL_STO: z})
    c = p.carbon
    sto_avg = pybamm.r_average(c.concentration) / geo.c_C_max
    U_avg = pybamm.FunctionParameter(
        "Carbon OCP [V]", {"Carbon stoichiometry": sto_avg}
    )
    particle = _average(c.ocp - U_avg, geo)
    eta_Na = p.charge.eta_Na
    reaction = _average(st.delta_phi, geo) - ocv - particle - eta_Na
    RT_F = GAS_CONSTANT * T / FARADAY
    c_left = pybamm.boundary_value(st.c_e, "left")
    concentration = (
        2
        * (1 - el.t_plus)
        * el.chi
        * RT_F
        * (_average(pybamm.log(st.c_e_w), geo) - pybamm.log(c_left))
    )
    electrolyte_drop = _average(st.phi_e_w, geo) + eta_Na
    I = p.charge.i_cell * geo.A
    solid = (
        pybamm.boundary_value(st.phi_s, "right")
        - _average(st.phi_s, geo)
        - I * P("Series resistance [Ohm]")
    )
    contact = p.charge.contact
    eta_c = _average(contact.eta_c, geo) if contact is not None else pybamm.Scalar(0)
    return {
        "Battery open-circuit voltage [V]": ocv,
        "Open-circuit voltage [V]": ocv,
        "Working electrode open-circuit potential [V]": ocv,
        "Battery particle concentration overpotential [V]": particle,
        "X-averaged battery reaction overpotential [V]": reaction,
        "X-averaged working electrode reaction overpotential [V]": reaction + eta_Na,
        "X-averaged battery negative reaction overpotential [V]": -eta_Na,
        "X-averaged battery concentration overpotential [V]": concentration,
        "X-averaged battery electrolyte ohmic losses [V]": electrolyte_drop
        - concentration,
        "X-averaged battery solid phase ohmic losses [V]": solid,
        "Contact overpotential [V]": -eta_c,
    }


def output_variables(p, options):
    """All output variables, by name."""
    geo, st, el, sw, charge = p.geo, p.states, p.electrolyte, p.swelling, p.charge
    x_all = pybamm.SpatialVariable("x", ["separator", "working electrode"])

    def over_electrode(J):
        return geo.A * pybamm.Integral(J, X_W)

    def as_cell_current(J):  # volumetric anodic current -> [A], sodiation positive
        return -over_electrode(J)

    I = charge.i_cell * geo.A
    specific = 1 / geo.m_active  # I [A] / m [kg] == mA per g
    V = charge.voltage
    out = {
        "Time [s]": pybamm.t,
        "Time [min]": pybamm.t / 60,
        "Time [h]": pybamm.t / 3600,
        "Voltage [V]": V,
        "Battery voltage [V]": V,
        "Terminal voltage [V]": V,
        "Current [A]": I,
        "Current variable [A]": I,
        "Current density [A.m-2]": charge.i_cell,
        "Specific current [mA.g-1]": I * specific,
        "Discharge capacity [A.h]": st.discharge_capacity,
        "Throughput capacity [A.h]": st.throughput,
        "Specific capacity [mA.h.g-1]": st.discharge_capacity * specific,
        "Active mass [kg]": geo.m_active,
        "Power [W]": I * V,
        "Electrolyte concentration [mol.m-3]": st.c_e,
        "Electrolyte potential [V]": st.phi_e,
        "Working electrode potential [V]": st.phi_s,
        "Working electrode surface potential difference [V]": st.delta_phi,
        "Carbon particle concentration [mol.m-3]": p.carbon.concentration,
        "Carbon surface stoichiometry": p.carbon.surface_stoichiometry,
        "Carbon OCP [V]": p.carbon.ocp,
        "Sodium metal overpotential [V]": charge.eta_Na,
        "Double-layer current [A]": as_cell_current(charge.J_dl),
        "Faradaic current [A]": as_cell_current(p.J_far),
        "Double-layer charge [C]": -over_electrode(charge.C_dl_v * st.delta_phi),
        "Sodium in solid phases [mol]": sum(over_electrode(s.sodium) for s in p.stores),
        "Sodium in electrolyte [mol]": geo.A * pybamm.Integral(el.V_e * st.c_e, x_all),
        "Pristine electrode thickness [m]": geo.L_w,
        "Electrode thickness [m]": sw.thickness,
        "Working electrode thickness [m]": sw.thickness,
        "Electrode thickness change [%]": 100 * (sw.thickness / geo.L_w - 1),
        "Local stretch": sw.stretch,
        "Position in pristine electrode [m]": pybamm.PrimaryBroadcast(
            0, "working electrode"
        )
        + X_W,
        "Working electrode porosity": el.eps_w,
        "Average porosity": pybamm.Integral(sw.V_e, X_W)
        / pybamm.Integral(sw.stretch, X_W),
        "Electrolyte volume fraction": el.eps,
        "Carbon specific surface area [m-1]": geo.a_C,
        "Double-layer specific area [m-1]": geo.a_dl,
        **voltage_components(p),
    }
    for s in p.stores:
        if s.current is not None:
            out[f"{s.name} current [A]"] = as_cell_current(s.current)
        label = s.name if s.name.startswith("Sb") else s.name[0].lower() + s.name[1:]
        out[f"Sodium in {label} [mol]"] = over_electrode(s.sodium)
    if p.salt_exchanged is not None:
        out["Salt exchanged with reservoir [mol]"] = p.salt_exchanged
    if options["Sb phase"]:
        out.update(_sb_variables(p, options, out))
    if p.theta_ss is not None:
        out["Surface storage occupancy"] = p.theta_ss
    if p.theta_add is not None:
        out["Conductive additive storage occupancy"] = p.theta_add
    if charge.contact is not None:
        gc = charge.contact
        out["Grain contact overpotential [V]"] = gc.eta_c
        out["Grain contact resistance [Ohm.m2]"] = gc.r_c
        out["Grain contact resistance [Ohm]"] = 1 / over_electrode(gc.a_g / gc.r_c)
    return out


def _sb_variables(p, options, out):
    geo, sw = p.geo, p.swelling
    zero = pybamm.PrimaryBroadcast(0, "working electrode")
    connected = sw.s + zero
    v = {
        "Sb alloying current [A]": out["Sb current [A]"],
        "Sb stoichiometry": p.sb.stoichiometry,
        "Sb concentration [mol.m-3]": p.sb.c_max * p.sb.stoichiometry,
        "Sb surface stoichiometry": p.sb.surface_stoichiometry,
        "Sb hysteresis state": p.sb.hysteresis,
        "Sb OCP [V]": p.sb.ocp,
        "Sb overpotential [V]": p.sb.overpotential,
        "Sb sodiation state x in NaxSb": sw.x_Na,
        "Average Sb sodiation state x in NaxSb": _average(sw.x_Na, geo),
        "Sb particle radius [m]": geo.R_Sb * sw.v ** (1 / 3) + zero,
        # per current electrode volume
        "Sb specific surface area [m-1]": sw.a_Sb / sw.stretch,
        "Sb volume ratio V/V0": sw.v,
        "Sb volume fraction": geo.eps_Sb * (1 + sw.dV_Sb / geo.eps_Sb) / sw.stretch,
        "Buffered Sb expansion": sw.absorbed,
        "Unbuffered Sb expansion": sw.excess,
        "Connected Sb fraction": connected,
        "Average connected Sb fraction": _average(connected, geo),
    }
    return v
