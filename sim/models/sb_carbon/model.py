"""Sb/C composite electrode against sodium metal: a porous-electrode (DFN-type) half
cell with two solid phases, multistep alloying with hysteresis, fast surface storage
and double-layer charging.

The pieces, one idea per module of this package: :mod:`.options` (PyBaMM options
plus the project's), :mod:`.parameter_names`, :mod:`.geometry` (recipe -> volume
fractions, areas, capacities; the mesh), :mod:`.sodium_stores` (carbon insertion,
surface sites), :mod:`.sb_alloy` (Na diffusion in NaxSb, multistep alloying with a
hysteresis state), :mod:`.swelling` (Sb volume change, buffer,
isolation), :mod:`.grain_contact`, :mod:`.start_state` (every store at rest at the
start voltage), :mod:`.outputs` (PyBaMM's standard variables and the model's own)
and :mod:`.completion` (complete parameter values). This module writes the cell's
conservation laws:

- charge in the solid (Ohm's law, gradients in the current configuration) and in
  the electrolyte (concentrated-solution theory, Bruggeman tortuosity);
- the double layer on the BET area, ``a_dl C_dl d(phi_s - phi_e)/dt = J_total -
  J_faradaic`` (PyBaMM's "differential surface form");
- the Na metal counter electrode: symmetric Butler-Volmer and a double layer (so
  that impedance spectra show its charge transfer as an arc);
- salt in the electrolyte; a series resistance for contacts and hardware.

Sign conventions follow PyBaMM: "Current [A]" > 0 is discharge, i.e. *sodiation* of
the working electrode; interfacial current densities are anodic-positive; phase
currents reported in [A] carry the sign of "Current [A]". Works with
``pybamm.Experiment`` and with ``"[input]"`` parameters for everything that does
not set the mesh or the tabulated rest state (see
:data:`.parameter_names.NOT_INPUT`).
"""

from __future__ import annotations

import pybamm

from sim.constants import FARADAY, GAS_CONSTANT
from sim.models.sb_carbon import outputs
from sim.models.sb_carbon.cell_states import Charge, Electrolyte, cell_states
from sim.models.sb_carbon.completion import (
    add_model_values,
    check,
    check_completed_for,
    check_temperature,
)
from sim.models.sb_carbon.geometry import (
    R_CARBON,
    R_SB,
    X_S,
    X_W,
    electrode_geometry,
    pybamm_geometry,
)
from sim.models.sb_carbon.grain_contact import add_grain_contact
from sim.models.sb_carbon.options import SbCarbonOptions, validate_options
from sim.models.sb_carbon.sb_alloy import SB_PARTICLE, add_sb, sb_phase
from sim.models.sb_carbon.sodium_stores import (
    Interface,
    Store,
    add_additive_storage,
    add_carbon,
    add_surface_storage,
)
from sim.models.sb_carbon.start_state import rest_state
from sim.models.sb_carbon.swelling import add_swelling_equations, swelling
from sim.physics.electrolyte_transport import electrolyte_transport
from sim.physics.temperature import arrhenius

P = pybamm.Parameter

EVENT_MARGIN = 5e-3
"""[V] safety events sit this far outside the cut-offs (a cell at rest exactly at
a cut-off must still solve); protocols terminate steps at the cut-offs."""


class SbCarbonHalfCell(pybamm.lithium_ion.BaseModel):
    """SbQD@C | NaClO4 in PC | Na half cell. See the module docstring.

    Parameters
    ----------
    options : dict, optional
        The project's options ``{"Sb steps": int, "Sb phase": bool, "surface
        storage": bool, "volume change": bool, "grain contact": bool}`` and
        PyBaMM's fixed ``"working electrode": "positive"``, ``"surface form":
        "differential"``; see :mod:`.options`. ``model.options[...]`` reads any
        of them. With ``"Sb phase": False, "surface storage": False`` the model
        is PyBaMM's DFN half cell with a double layer.

    Attributes
    ----------
    cell_geometry : :class:`.geometry.ElectrodeGeometry` expressions.
    store_currents : names of the per-store current variables [A] (double layer,
        surface storage, carbon, Sb), PyBaMM sign.
    """

    def __init__(self, options=None, name="SbQD@C half cell"):
        opts = SbCarbonOptions(options)
        super().__init__(opts, name)
        self.cell_geometry = electrode_geometry(opts)
        self._build()

    # ------------------------------------------------------------------
    def _build(self):
        opts, geo = self.options, self.cell_geometry
        T = P("Ambient temperature [K]")
        st = cell_states()
        sb = sb_phase(opts, geo)
        sw = swelling(opts, sb, geo)
        el = self._electrolyte(st, sw, T)
        iface = Interface(
            st.delta_phi,
            st.c_e_w / P("Initial concentration in electrolyte [mol.m-3]"),
            T,
            FARADAY / (GAS_CONSTANT * T),
        )
        start = rest_state(opts)
        carbon = add_carbon(self, iface, geo, start)
        stores = [carbon.store]
        if sb is not None:
            add_sb(self, sb, iface, geo, sw, start, opts["Sb steps"], carbon)
            J_Sb = sb.volumetric_current
            if sb.embedded:
                # the grain's faradaic current enters through its carbon; what
                # the dots take from the carbon is the Sb's (sum unchanged)
                c = carbon.store
                stores = [Store(c.name, c.current - J_Sb, c.sodium)]
            stores.append(
                Store(
                    "Sb",
                    J_Sb,
                    geo.eps_Sb * sw.s * sb.c_max * pybamm.r_average(sb.stoichiometry),
                )
            )
        theta_ss = None
        if opts["surface storage"]:
            store, theta_ss = add_surface_storage(self, iface, geo, start)
            stores.append(store)
        theta_add = None
        if opts["additive storage"]:
            store, theta_add = add_additive_storage(self, iface, geo, start)
            stores.append(store)
        J_far = sum(s.current for s in stores)
        charge = self._charge_balances(st, el, sw, iface, J_far, sb, start)
        if sb is not None:
            add_swelling_equations(self, sw, sb, geo)
        if sw.n_trap is not None:
            stores.append(outputs.isolated_sb_store(sw))
        n_res = self._salt_balance(st, el, sw, J_far, charge)
        self._capacity_counters(st, charge)
        self._add_events(st, el, carbon, charge)
        self.variables = outputs.output_variables(
            outputs.CellParts(
                geo,
                st,
                el,
                sw,
                carbon,
                sb,
                stores,
                J_far,
                charge,
                theta_ss,
                n_res,
                iface,
                theta_add,
            ),
            opts,
        )
        self.store_currents = outputs.store_current_names(opts)

    def _electrolyte(self, st, sw, T):
        """Transport properties and the pore space (the reference configuration
        stretched by the swelling)."""
        eps_s = pybamm.PrimaryBroadcast(P("Separator porosity"), "separator")
        eps_w = sw.V_e / sw.stretch  # porosity in the current configuration
        kappa, D_e, t_plus, chi = electrolyte_transport(st.c_e, T)
        return Electrolyte(
            kappa=kappa,
            D_e=D_e,
            t_plus=t_plus,
            chi=chi,
            eps_w=eps_w,
            eps=pybamm.concatenation(eps_s, eps_w),
            V_e=pybamm.concatenation(eps_s, sw.V_e),
            tor=pybamm.concatenation(
                eps_s ** P("Separator Bruggeman coefficient"),
                eps_w ** P("Working electrode Bruggeman coefficient"),
            ),
            stretch=pybamm.concatenation(
                pybamm.PrimaryBroadcast(1, "separator"), sw.stretch
            ),
        )

    def _charge_balances(self, st, el, sw, iface, J_far, sb, start):
        """Solid and electrolyte charge, the double layer, the Na metal counter
        electrode (gradients in the current configuration: d/dx = d/dX/lambda)."""
        geo, T = self.cell_geometry, iface.T
        lam_w = sw.stretch
        sigma_w = P("Working electrode conductivity [S.m-1]")
        i_cell = (
            pybamm.FunctionParameter("Current function [A]", {"Time [s]": pybamm.t})
            / geo.A
        )
        i_s = -sigma_w * pybamm.grad(st.phi_s) / lam_w
        self.boundary_conditions[st.phi_s] = {
            "left": (pybamm.Scalar(0), "Neumann"),
            "right": (
                -i_cell * pybamm.boundary_value(lam_w, "right") / sigma_w,
                "Neumann",
            ),
        }
        J_total = -pybamm.div(i_s)  # all interfacial current, faradaic + double layer
        contact = add_grain_contact(self, self.options, sb, J_total, geo)
        eta_c = contact.eta_c if contact is not None else pybamm.Scalar(0)
        self.algebraic[st.phi_s] = st.phi_s - st.phi_e_w - st.delta_phi - eta_c
        self.initial_conditions[st.phi_s] = start.voltage
        i_e = self._electrolyte_current(st, el, T)
        self.algebraic[st.phi_e] = geo.L_w**2 * (
            pybamm.div(i_e)
            - pybamm.concatenation(pybamm.PrimaryBroadcast(0, "separator"), J_total)
        )
        eta_Na = self._sodium_metal(st, iface, i_cell)
        self.initial_conditions[st.phi_e] = pybamm.Scalar(0)
        C_dl_v = geo.a_dl * P("Double-layer capacity [F.m-2]")
        J_dl = J_total - J_far
        self.rhs[st.delta_phi] = J_dl / C_dl_v
        self.initial_conditions[st.delta_phi] = start.voltage
        return Charge(i_cell, i_e, J_total, J_dl, C_dl_v, eta_Na, contact)

    def _electrolyte_current(self, st, el, T):
        return (
            el.kappa
            * el.tor
            * (
                2
                * (1 - el.t_plus)
                * el.chi
                * GAS_CONSTANT
                * T
                / FARADAY
                * pybamm.grad(st.c_e)
                / st.c_e
                - pybamm.grad(st.phi_e)
            )
            / el.stretch
        )

    def _sodium_metal(self, st, iface, i_cell):
        """Na metal counter electrode, symmetric Butler-Volmer. Its double layer (a
        state) carries the current at high frequency; under direct current it
        relaxes in R_ct C_dl ~ 1e-4 s to the Butler-Volmer value."""
        c_e0 = P("Initial concentration in electrolyte [mol.m-3]")
        j0 = (
            P("Sodium metal exchange-current density [A.m-2]")
            * arrhenius(
                P("Sodium metal exchange-current activation energy [J.mol-1]"),
                iface.T,
                P("Reference temperature [K]"),
            )
            * (pybamm.boundary_value(st.c_e, "left") / c_e0) ** 0.5
        )
        eta_Na = pybamm.Variable("Sodium metal overpotential [V]")
        self.rhs[eta_Na] = (i_cell - 2 * j0 * pybamm.sinh(iface.f * eta_Na / 2)) / P(
            "Sodium metal double-layer capacity [F.m-2]"
        )
        self.initial_conditions[eta_Na] = pybamm.Scalar(0)
        self.boundary_conditions[st.phi_e] = {
            "left": (-eta_Na, "Dirichlet"),
            "right": (pybamm.Scalar(0), "Neumann"),
        }
        return eta_Na

    def _salt_balance(self, st, el, sw, J_far, charge):
        """Salt in the electrolyte. Pores that Sb fills expel electrolyte to the
        cell's flooded reservoir and refill from it when Sb shrinks; salt leaves
        and enters with the local concentration; advection across the electrode
        is negligible (Peclet number q L / D ~ 1e-5), so it is not resolved:
        d(V_e c)/dt = -div N + J_far/F + c dV_e/dt => V_e dc/dt = -div N + J_far/F.
        Returns the reservoir exchange state (None without volume change)."""
        c_e = st.c_e
        N_e = (
            -el.tor * el.D_e * pybamm.grad(c_e) / el.stretch
            + el.t_plus * charge.i_e / FARADAY
        )
        J_far_e = pybamm.concatenation(pybamm.PrimaryBroadcast(0, "separator"), J_far)
        self.rhs[c_e] = (-pybamm.div(N_e) + J_far_e / FARADAY) / el.V_e
        D_e_left = pybamm.boundary_value(el.tor * el.D_e, "left")
        self.boundary_conditions[c_e] = {
            "left": (
                -(1 - el.t_plus) * charge.i_cell / (FARADAY * D_e_left),
                "Neumann",
            ),
            "right": (pybamm.Scalar(0), "Neumann"),
        }
        self.initial_conditions[c_e] = P(
            "Initial concentration in electrolyte [mol.m-3]"
        )
        if sw.dV_e_dt is None:
            return None
        n_res = pybamm.Variable("Salt exchanged with reservoir [mol]")
        self.rhs[n_res] = -self.cell_geometry.A * pybamm.Integral(
            st.c_e_w * sw.dV_e_dt, X_W
        )
        self.initial_conditions[n_res] = pybamm.Scalar(0)
        return n_res

    def _capacity_counters(self, st, charge):
        I = charge.i_cell * self.cell_geometry.A
        self.rhs[st.discharge_capacity] = I / 3600
        self.initial_conditions[st.discharge_capacity] = pybamm.Scalar(0)
        self.rhs[st.throughput] = pybamm.AbsoluteValue(I) / 3600
        self.initial_conditions[st.throughput] = pybamm.Scalar(0)
        charge.voltage = pybamm.boundary_value(st.phi_s, "right") - I * P(
            "Series resistance [Ohm]"
        )

    def _add_events(self, st, el, carbon, charge):
        V, sto = charge.voltage, carbon.surface_stoichiometry
        self.events += [
            pybamm.Event(
                "Minimum voltage [V]", V - self.param.voltage_low_cut + EVENT_MARGIN
            ),
            pybamm.Event(
                "Maximum voltage [V]", self.param.voltage_high_cut + EVENT_MARGIN - V
            ),
            pybamm.Event(
                "Minimum carbon surface stoichiometry", pybamm.min(sto) - 1e-12
            ),
            pybamm.Event(
                "Maximum carbon surface stoichiometry", 1 - 1e-6 - pybamm.max(sto)
            ),
            pybamm.Event(
                "Zero electrolyte concentration cut-off", pybamm.min(st.c_e) - 0.002
            ),
            pybamm.Event(
                "Electrolyte-filled porosity exhausted: the Sb expansion has filled "
                "the buffer pores and the electrode porosity (porosity < 0.02)",
                pybamm.min(el.eps_w) - 0.02,
            ),
        ]

    # ------------------------------------------------------------------
    def complete_values(self, parameter_values, branch="desodiation"):
        """Re-complete ``parameter_values`` (in place; returned) for *this*
        model's options and the hysteresis ``branch`` the electrode starts on.

        ``ParameterSet.to_pybamm()`` completes the values for the set's own
        options on the desodiation branch; this is the one way to drive a model
        built with other options (e.g. carbon only) or to start on the
        sodiation branch: ``model.complete_values(ps.to_pybamm(extra=...))``.
        """
        add_model_values(parameter_values, self.options.project, branch)
        return parameter_values

    def check_values(self, parameter_values):
        """Raise ParameterError unless ``parameter_values`` hold what this model
        reads (with its options), were completed for its options (if completed
        at all) and a numeric ambient temperature lies in the range the
        completion recorded. ``sim.protocols.simulate`` calls it
        before building."""
        check(parameter_values, self.options.project, "the parameter values")
        check_completed_for(parameter_values, self.options.project)
        check_temperature(parameter_values)

    @property
    def default_parameter_values(self):
        """The SbQD@C set, complete (PyBaMM's ``ParameterValues("SbQD@C")``)."""
        return pybamm.ParameterValues("SbQD@C")

    @property
    def default_geometry(self):
        return pybamm_geometry(self.cell_geometry)

    @property
    def default_var_pts(self):
        """Separator 6, electrode 8, carbon particle 10, Sb particle 10 cells.
        The electrode is thin (tens of um): going from 12/16 to 6/8 separator
        and electrode cells moved the 0.1-5 A/g rate capacities by < 0.1 % and
        every paper row by < 0.3 % (commercial-Sb CV peak shift: 6 mV of 380),
        for 20-30 % less solve time. The slow convergence test checks the CV
        peaks against 4x this mesh (< 5 mV); the Sb-particle mesh is kept (its
        two-phase front converges slowly, see that test). Spectra refine the
        separator (:data:`sim.protocols.impedance.EIS_VAR_PTS`)."""
        return {X_S: 6, X_W: 8, R_CARBON: 10, R_SB: 10}

    @property
    def default_submesh_types(self):
        return {
            "separator": pybamm.Uniform1DSubMesh,
            "working electrode": pybamm.Uniform1DSubMesh,
            "carbon particle": pybamm.Uniform1DSubMesh,
            SB_PARTICLE: pybamm.Uniform1DSubMesh,
        }

    @property
    def default_spatial_methods(self):
        fv = pybamm.FiniteVolume()
        return {
            "separator": fv,
            "working electrode": fv,
            "carbon particle": fv,
            SB_PARTICLE: fv,
        }

    @property
    def default_solver(self):
        """IDAKLU at PyBaMM's default tolerances (rtol 1e-4, atol 1e-6). Measured
        against rtol 1e-6 on every paper experiment: capacities, retentions,
        peak potentials and b-values move by < 0.05 %; 1.3-1.9x faster. The
        equivalent-circuit Rct of the Fig. 6 spectra moves by up to 15 % (the
        spectra by < 2 %): those circuit fits are ill-conditioned, not the
        solves."""
        return pybamm.IDAKLUSolver(rtol=1e-4, atol=1e-6)

    @property
    def default_quick_plot_variables(self):
        return [
            "Voltage [V]",
            "Current [A]",
            "Electrolyte concentration [mol.m-3]",
            "Working electrode surface potential difference [V]",
        ]


_SHARED: dict = {}


def shared_model(options=None):
    """One :class:`SbCarbonHalfCell` per option set, shared by every caller in
    the process. The protocols' build cache keys a model by identity, so runs
    that share this model and a parameter set's values (a sweep, a fit, the
    paper experiments run in one process) build and discretise it once. Do not
    modify the shared model; construct your own to change it."""
    opts = validate_options(options)
    key = repr(sorted((str(k), repr(v)) for k, v in opts.items()))
    if key not in _SHARED:
        _SHARED[key] = SbCarbonHalfCell(opts)
    return _SHARED[key]
