"""Sb/C composite electrode against sodium metal: a porous-electrode (DFN-type) half
cell with two solid phases, multistep alloying with hysteresis, fast surface storage
and double-layer charging.

Geometry (x from the Na metal counter electrode to the Cu current collector)::

    Na metal | separator (electrolyte) | working electrode (SbQD@C + Super P + CMC) | Cu
    x = 0      x in [0, L_s]             x in [L_s, L_s + L_w]

Working-electrode phases and their stores of sodium (all per electrode volume):

1. **Sb** in 3 nm dots (``Sb steps`` alloying steps, default 2: Sb -> a-Na1.7Sb near
   0.7 V, a-Na1.7Sb -> Na3Sb near 0.5 V). Each step j is a site with occupancy
   ``theta_j`` (0..1) and capacity ``X_j c_Sb,max``; its current follows the
   hysteretic mass-action kinetics of :mod:`sim.physics.site_kinetics`: separate
   sodiation/desodiation standard potentials and a zero-current band between
   them. Solid diffusion enters through the quadratic-profile surface correction
   (Subramanian 2005), with the Sb particle radius as length.
2. **Carbon** (the functional carbon framework of the composite): hard-carbon-like Na
   insertion, Fickian diffusion in spherical particles (radius r), Butler-Volmer
   kinetics, an OCP from Chayambuka et al. (2022). This phase alone, with the
   double layer, is exactly PyBaMM's DFN half cell (tested).
3. **Surface storage**: fast defect/interfacial sites on the carbon (needed by the
   capacity budget: 573 mAh/g cannot come from Sb + bulk carbon insertion), one broad
   reversible site, rate constant in s-1.
4. **Double layer** on the BET area: ``a_dl C_dl d(phi_s - phi_e)/dt`` (the
   "differential surface form"), so capacitive current exists.

Electrolyte: concentrated-solution transport (Doyle-Fuller-Newman) in separator and
electrode with Bruggeman tortuosity. Counter electrode: Na metal with symmetric
Butler-Volmer kinetics and a double layer (so that impedance spectra show its
charge transfer as an arc, not as a frequency-independent resistance). A series
resistance stands for contacts and cell hardware. Electrons reach the active grains
through a contact resistance and capacitance (:meth:`SbCarbonHalfCell._grain_contact`,
model option ``"grain contact"``).

Sign conventions follow PyBaMM: "Current [A]" > 0 is discharge, i.e. *sodiation* of
the working electrode; interfacial current densities are anodic-positive; phase
currents reported in [A] carry the sign of "Current [A]".

Geometry quantities (porosity, volume fractions, particle radii, specific areas,
thickness) are computed once, in :meth:`SbCarbonHalfCell._electrode_geometry`, from
the electrode recipe via :mod:`sim.physics.electrode_composition`. The mesh is laid
on the pristine electrode; volume change (Sb swells 3.9x) is meant to enter there as
sodiation-dependent fractions, radius and area, with thickness change as a stretch
of that reference coordinate (a Lagrangian description), not by moving the mesh.

The model works with ``pybamm.Experiment`` (current, voltage and voltage-function
steps), and with ``"[input]"`` parameters for everything that does not change the
mesh (the loading, porosity-derived thickness, separator thickness and carbon radius
set the mesh and must be numbers).
"""

from __future__ import annotations

import pybamm

from sim.errors import ParameterError
from sim.physics.electrode_composition import (
    RECIPE_PARAMETERS,
    composition_from,
    specific_area_spheres,
)
from sim.physics.electrolyte_transport import electrolyte_transport
from sim.physics.site_kinetics import hysteretic_site_current
from sim.physics.volume_change import molar_volume_ratio, smooth_min

P = pybamm.Parameter

# Spatial variables (shared by geometry, mesh sizes and output integrals)
X_S = pybamm.SpatialVariable("x_s", ["separator"], coord_sys="cartesian")
X_W = pybamm.SpatialVariable("x_w", ["working electrode"], coord_sys="cartesian")
R_CARBON = pybamm.SpatialVariable(
    "r_C",
    ["carbon particle"],
    auxiliary_domains={"secondary": "working electrode"},
    coord_sys="spherical polar",
)

DEFAULT_OPTIONS = {
    "Sb steps": 2,
    "Sb phase": True,
    "surface storage": True,
    "volume change": True,
    "grain contact": True,
}


def validate_options(options):
    """Merge user options with the defaults; unknown keys or bad values raise
    :class:`ParameterError` naming what is allowed."""
    options = dict(options or {})
    unknown = sorted(set(options) - set(DEFAULT_OPTIONS))
    if unknown:
        raise ParameterError(
            f"unknown model option(s) {unknown}; allowed options: "
            f"{sorted(DEFAULT_OPTIONS)}"
        )
    merged = {**DEFAULT_OPTIONS, **options}
    n = merged["Sb steps"]
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 6:
        raise ParameterError(
            f"model option 'Sb steps' = {n!r}: must be an integer 1..6"
        )
    for key in ("Sb phase", "surface storage", "volume change", "grain contact"):
        if not isinstance(merged[key], bool):
            raise ParameterError(
                f"model option {key!r} = {merged[key]!r}: must be True/False"
            )
    return merged


def sb_step_names(j):
    """Parameter names of alloying step j (1-based)."""
    return {
        "fraction": f"Sb step {j} capacity fraction",
        "U_sod": f"Sb step {j} sodiation potential [V]",
        "U_des": f"Sb step {j} desodiation potential [V]",
        "w": f"Sb step {j} isotherm width",
        "k": f"Sb step {j} rate constant [m.s-1]",
    }


# The electrode recipe: it sets the geometry (and so the mesh)
RECIPE = ("Electrode area [m2]", *RECIPE_PARAMETERS.values())


def required_parameters(options=None):
    """Names of the parameters the model reads, for the given options."""
    options = validate_options(options)
    names = [
        *RECIPE,
        "Working electrode Bruggeman coefficient",
        "Working electrode conductivity [S.m-1]",
        "Separator thickness [m]",
        "Separator porosity",
        "Separator Bruggeman coefficient",
        "Series resistance [Ohm]",
        "Carbon insertion capacity [mA.h.g-1]",
        "Carbon particle radius [m]",
        "Carbon diffusivity [m2.s-1]",
        "Carbon OCP [V]",
        "Carbon rate constant [m.s-1]",
        "BET specific surface area [m2.kg-1]",
        "Double-layer capacity [F.m-2]",
        "Initial concentration in electrolyte [mol.m-3]",
        "Electrolyte conductivity [S.m-1]",
        "Electrolyte diffusivity [m2.s-1]",
        "Cation transference number",
        "Thermodynamic factor",
        "Sodium metal exchange-current density [A.m-2]",
        "Sodium metal double-layer capacity [F.m-2]",
        "Ambient temperature [K]",
        "Lower voltage cut-off [V]",
        "Upper voltage cut-off [V]",
    ]
    if options["Sb phase"]:
        names += [
            "Sb particle radius [m]",
            "Sb diffusion length [m]",
            "Sb molar mass [kg.mol-1]",
            "Sodium per Sb at full sodiation",
            "Sb diffusivity [m2.s-1]",
        ]
        for j in range(1, options["Sb steps"] + 1):
            names += list(sb_step_names(j).values())
    if options["Sb phase"] and options["volume change"]:
        names += [
            "NaSb molar volume per Sb [m3.mol-1]",
            "Na3Sb molar volume per Sb [m3.mol-1]",
            "Buffer pore volume [m3.kg-1]",
            "Buffer relaxation time [s]",
            "Sb isolation coefficient",
        ]
    if options["Sb phase"] and options["grain contact"]:
        names += [
            "Grain contact resistance [Ohm.m2]",
            "Grain contact capacitance [F.m-2]",
            "Na3Sb/Sb contact resistance ratio",
        ]
    if options["surface storage"]:
        names += [
            "Surface storage capacity [mA.h.g-1]",
            "Surface storage standard potential [V]",
            "Surface storage isotherm width",
            "Surface storage rate constant [s-1]",
        ]
    return names


# Parameters that set the mesh or the equilibrium start state: they are evaluated
# before the model is solved, so they cannot be "[input]" (solve-time) parameters.
NOT_INPUT = (
    *RECIPE,
    "Separator thickness [m]",
    "Carbon particle radius [m]",
    "Carbon OCP [V]",
    "Carbon insertion capacity [mA.h.g-1]",
    "Ambient temperature [K]",
    "Surface storage standard potential [V]",
    "Surface storage isotherm width",
    "Surface storage capacity [mA.h.g-1]",
    "Sodium per Sb at full sodiation",
    "Sb molar mass [kg.mol-1]",
    "BET specific surface area [m2.kg-1]",
    "Double-layer capacity [F.m-2]",
    "Lower voltage cut-off [V]",
    "Upper voltage cut-off [V]",
    "Initial voltage [V]",
)


def _not_input(options):
    names = list(NOT_INPUT)
    for j in range(1, options["Sb steps"] + 1):
        n = sb_step_names(j)
        names += [n["fraction"], n["U_sod"], n["U_des"], n["w"]]
    return names


# Initial-state parameters, computed by :func:`sim.physics.initial_state.equilibrium`
def initial_state_names(options=None):
    options = validate_options(options)
    names = ["Initial voltage [V]", "Initial carbon stoichiometry"]
    if options["Sb phase"]:
        names += [
            f"Initial Sb step {j} occupancy" for j in range(1, options["Sb steps"] + 1)
        ]
    if options["surface storage"]:
        names += ["Initial surface storage occupancy"]
    if options["Sb phase"] and options["volume change"]:
        names += [
            "Initial connected Sb fraction",
            "Initial sodium in isolated Sb [mol.m-3]",
        ]
    return names


class SbCarbonHalfCell(pybamm.lithium_ion.BaseModel):
    """SbQD@C | NaClO4 in PC | Na half cell. See the module docstring.

    Parameters
    ----------
    options : dict, optional
        ``{"Sb steps": int, "Sb phase": bool, "surface storage": bool}``. With
        ``"Sb phase": False, "surface storage": False`` the model reduces to a
        one-phase DFN half cell with a double layer (PyBaMM's DFN half cell with
        ``"surface form": "differential"``).
    """

    def __init__(self, options=None, name="SbQD@C half cell"):
        self.sim_options = validate_options(options)
        super().__init__({"working electrode": "positive"}, name)
        opts = self.sim_options
        F = pybamm.constants.F
        Rg = pybamm.constants.R
        T = P("Ambient temperature [K]")
        f = F / (Rg * T)

        ######################
        # Geometry and recipe
        ######################
        geo = self._electrode_geometry()
        L_w, A = geo["L_w"], geo["A"]
        m_active = geo[
            "m_active"
        ]  # kg of active material (SbQD@C composite, or bulk Sb)

        ######################
        # Variables
        ######################
        Q = pybamm.Variable("Discharge capacity [A.h]")
        c_e_s = pybamm.Variable(
            "Separator electrolyte concentration [mol.m-3]", domain="separator"
        )
        c_e_w = pybamm.Variable(
            "Working electrolyte concentration [mol.m-3]", domain="working electrode"
        )
        c_e = pybamm.concatenation(c_e_s, c_e_w)
        phi_e_s = pybamm.Variable(
            "Separator electrolyte potential [V]", domain="separator"
        )
        phi_e_w = pybamm.Variable(
            "Working electrolyte potential [V]", domain="working electrode"
        )
        phi_e = pybamm.concatenation(phi_e_s, phi_e_w)
        phi_s = pybamm.Variable(
            "Working electrode potential [V]", domain="working electrode"
        )
        delta_phi = pybamm.Variable(
            "Working electrode surface potential difference [V]",
            domain="working electrode",
        )
        c_C = pybamm.Variable(
            "Carbon particle concentration [mol.m-3]",
            domain="carbon particle",
            auxiliary_domains={"secondary": "working electrode"},
        )

        ######################
        # Sb state and volume change (reference configuration: the pristine electrode)
        ######################
        theta_Sb = []
        if opts["Sb phase"]:
            for j in range(1, opts["Sb steps"] + 1):
                theta_Sb.append(
                    pybamm.Variable(
                        f"Sb step {j} occupancy", domain="working electrode"
                    )
                )
        vol = self._volume_change(theta_Sb, geo)
        lam = vol["lambda"]  # local stretch dx/dX on the electrode
        lam_all = pybamm.concatenation(pybamm.PrimaryBroadcast(1, "separator"), lam)

        ######################
        # Electrolyte properties
        ######################
        c_e0 = P("Initial concentration in electrolyte [mol.m-3]")
        eps_s = pybamm.PrimaryBroadcast(P("Separator porosity"), "separator")
        V_e_w = vol["V_e"]  # electrolyte volume per reference electrode volume
        eps_w = V_e_w / lam  # porosity in the current configuration
        eps = pybamm.concatenation(eps_s, eps_w)
        V_e = pybamm.concatenation(eps_s, V_e_w)
        tor = pybamm.concatenation(
            eps_s ** P("Separator Bruggeman coefficient"),
            eps_w ** P("Working electrode Bruggeman coefficient"),
        )
        kappa, D_e, t_plus, chi = electrolyte_transport(c_e, T)
        c_e_ratio_w = c_e_w / c_e0

        ######################
        # Interfacial currents (anodic positive) per REFERENCE electrode volume
        ######################
        J_far = {}  # name -> volumetric faradaic current [A.m-3]
        stored_Na = {}  # name -> mol per reference electrode volume

        # Carbon phase: Butler-Volmer, diffusion in spheres (carbon does not swell)
        c_C_max = geo["c_C_max"]
        c_C_surf = pybamm.surf(c_C)
        sto_C_surf = c_C_surf / c_C_max
        U_C = pybamm.FunctionParameter(
            "Carbon OCP [V]", {"Carbon stoichiometry": sto_C_surf}
        )
        j0_C = (
            F
            * P("Carbon rate constant [m.s-1]")
            * c_e_ratio_w**0.5
            * pybamm.maximum(c_C_surf, 0) ** 0.5
            * pybamm.maximum(c_C_max - c_C_surf, 0) ** 0.5
        )
        eta_C = delta_phi - U_C
        j_C = 2 * j0_C * pybamm.sinh(f * eta_C / 2)
        J_far["Carbon insertion"] = geo["a_C"] * j_C
        stored_Na["Carbon insertion"] = geo["eps_C"] * pybamm.r_average(c_C)

        # Sb phase: hysteretic alloying sites on the connected (active) Sb
        j_Sb = []
        c_sites0 = []
        if opts["Sb phase"]:
            v = vol["v"]
            R0_Sb = geo["R_Sb"]
            D_Sb = P("Sb diffusivity [m2.s-1]")
            # distance Na travels in the solid to reach the Sb: the particle radius
            # for bare particles, the composite grain radius for dots inside carbon
            L_D = P("Sb diffusion length [m]")
            for j, theta in enumerate(theta_Sb, start=1):
                n = sb_step_names(j)
                c_site0 = P(n["fraction"]) * geo["c_Sb_max"]  # per pristine Sb volume
                c_site = c_site0 / v  # per current Sb volume
                K_ref = F * P(n["k"]) * c_site0
                K = F * P(n["k"]) * c_site * c_e_ratio_w**0.5
                # quadratic profile over L_D (swelling with the Sb), written per Sb
                # surface: theta_surf = theta_avg - (L^2/(15 D)) |dtheta/dt|; for
                # L_D = R0 it is R v^(1/3) / (5 D F c_site) of a single particle
                gamma = L_D**2 * v ** (4 / 3) / (5 * D_Sb * R0_Sb * F * c_site0)
                j_site = hysteretic_site_current(
                    theta,
                    delta_phi,
                    P(n["U_sod"]),
                    P(n["U_des"]),
                    P(n["w"]),
                    K,
                    gamma,
                    f,
                    eps=1e-6 * K_ref,
                )
                j_Sb.append(j_site)
                c_sites0.append(c_site0)
                J_far[f"Sb step {j}"] = vol["a_Sb"] * j_site
                stored_Na[f"Sb step {j}"] = geo["eps_Sb"] * vol["s"] * c_site0 * theta
            if vol["n_trap"] is not None:
                stored_Na["Isolated Sb"] = vol["n_trap"]

        # Surface storage: one broad reversible site, volumetric capacity Q_ss
        if opts["surface storage"]:
            theta_ss = pybamm.Variable(
                "Surface storage occupancy", domain="working electrode"
            )
            Q_ss = geo["Q_ss"]  # C per m3 of reference electrode
            J_ss = hysteretic_site_current(
                theta_ss,
                delta_phi,
                P("Surface storage standard potential [V]"),
                P("Surface storage standard potential [V]"),
                P("Surface storage isotherm width"),
                Q_ss * P("Surface storage rate constant [s-1]"),
                0,
                f,
                eps=1e-9 * Q_ss * P("Surface storage rate constant [s-1]"),
            )
            J_far["Surface storage"] = J_ss
            stored_Na["Surface storage"] = Q_ss * theta_ss / F

        J_faradaic = sum(J_far.values())

        ######################
        # Charge conservation (gradients in the current configuration: d/dx = d/dX/lambda)
        ######################
        sigma_w = P("Working electrode conductivity [S.m-1]")
        i_cell = (
            pybamm.FunctionParameter("Current function [A]", {"Time [s]": pybamm.t}) / A
        )
        i_s = -sigma_w * pybamm.grad(phi_s) / lam
        self.boundary_conditions[phi_s] = {
            "left": (pybamm.Scalar(0), "Neumann"),
            "right": (
                -i_cell * pybamm.boundary_value(lam, "right") / sigma_w,
                "Neumann",
            ),
        }
        J_total = -pybamm.div(i_s)  # all interfacial current, faradaic + double layer
        # phi_s is tied to phi_e by the surface potential difference (a state),
        # plus the drop across the grains' electronic contact if it is modelled
        contact = self._grain_contact(theta_Sb, J_total, geo)
        self.algebraic[phi_s] = phi_s - phi_e_w - delta_phi - contact
        self.initial_conditions[phi_s] = P("Initial voltage [V]")

        i_e = (
            kappa
            * tor
            * (
                2 * (1 - t_plus) * chi * Rg * T / F * pybamm.grad(c_e) / c_e
                - pybamm.grad(phi_e)
            )
            / lam_all
        )
        scale = L_w**2
        self.algebraic[phi_e] = scale * (
            pybamm.div(i_e)
            - pybamm.concatenation(pybamm.PrimaryBroadcast(0, "separator"), J_total)
        )
        # Na metal counter electrode, symmetric Butler-Volmer
        j0_Na = (
            P("Sodium metal exchange-current density [A.m-2]")
            * (pybamm.boundary_value(c_e, "left") / c_e0) ** 0.5
        )
        # its double layer (a state) carries the current at high frequency; under
        # direct current it relaxes in R_ct C_dl ~ 1e-4 s to the Butler-Volmer value
        eta_Na = pybamm.Variable("Sodium metal overpotential [V]")
        self.rhs[eta_Na] = (i_cell - 2 * j0_Na * pybamm.sinh(f * eta_Na / 2)) / P(
            "Sodium metal double-layer capacity [F.m-2]"
        )
        self.initial_conditions[eta_Na] = pybamm.Scalar(0)
        self.boundary_conditions[phi_e] = {
            "left": (-eta_Na, "Dirichlet"),
            "right": (pybamm.Scalar(0), "Neumann"),
        }
        self.initial_conditions[phi_e] = pybamm.Scalar(0)

        # Double layer: a_dl C_dl d(delta_phi)/dt = J_total - J_faradaic
        C_dl_v = geo["a_dl"] * P("Double-layer capacity [F.m-2]")
        J_dl = J_total - J_faradaic
        self.rhs[delta_phi] = J_dl / C_dl_v
        self.initial_conditions[delta_phi] = P("Initial voltage [V]")

        ######################
        # Solid stores
        ######################
        D_C = P("Carbon diffusivity [m2.s-1]")
        self.rhs[c_C] = -pybamm.div(-D_C * pybamm.grad(c_C))
        self.boundary_conditions[c_C] = {
            "left": (pybamm.Scalar(0), "Neumann"),
            "right": (-j_C / (F * D_C), "Neumann"),
        }
        self.initial_conditions[c_C] = P("Initial carbon stoichiometry") * c_C_max
        for j, (theta, j_site, c_site0) in enumerate(
            zip(theta_Sb, j_Sb, c_sites0, strict=True), start=1
        ):
            # per active Sb atom: area grows as v^(2/3) while the sites stay
            self.rhs[theta] = (
                -3 * vol["v"] ** (2 / 3) * j_site / (geo["R_Sb"] * F * c_site0)
            )
            self.initial_conditions[theta] = P(f"Initial Sb step {j} occupancy")
        if opts["surface storage"]:
            self.rhs[theta_ss] = -J_ss / Q_ss
            self.initial_conditions[theta_ss] = P("Initial surface storage occupancy")
        self._volume_change_equations(vol, theta_Sb, c_sites0, geo)

        ######################
        # Electrolyte concentration
        ######################
        # Pores that Sb fills expel electrolyte to the cell's flooded reservoir and
        # refill from it when Sb shrinks. Salt leaves/enters with the local
        # concentration; advection across the electrode is negligible (Peclet
        # number q L / D ~ 1e-5), so it is not resolved:
        #   d(V_e c)/dt = -div N + J_far/F + c dV_e/dt  =>  V_e dc/dt = -div N + J_far/F
        N_e = -tor * D_e * pybamm.grad(c_e) / lam_all + t_plus * i_e / F
        J_far_e = pybamm.concatenation(
            pybamm.PrimaryBroadcast(0, "separator"), J_faradaic
        )
        self.rhs[c_e] = (-pybamm.div(N_e) + J_far_e / F) / V_e
        D_e_left = pybamm.boundary_value(tor * D_e, "left")
        self.boundary_conditions[c_e] = {
            "left": (-(1 - t_plus) * i_cell / (F * D_e_left), "Neumann"),
            "right": (pybamm.Scalar(0), "Neumann"),
        }
        self.initial_conditions[c_e] = c_e0
        if vol["dV_e_dt"] is not None:
            n_res = pybamm.Variable("Salt exchanged with reservoir [mol]")
            self.rhs[n_res] = -A * pybamm.Integral(c_e_w * vol["dV_e_dt"], X_W)
            self.initial_conditions[n_res] = pybamm.Scalar(0)

        ######################
        # Capacity counter, voltage, events
        ######################
        I = i_cell * A
        self.rhs[Q] = I / 3600
        self.initial_conditions[Q] = pybamm.Scalar(0)
        R_series = P("Series resistance [Ohm]")
        voltage = pybamm.boundary_value(phi_s, "right") - I * R_series
        # safety events 5 mV outside the cut-offs (a cell at rest exactly at a
        # cut-off must still solve); protocols terminate steps at the cut-offs
        margin = 5e-3
        self.events += [
            pybamm.Event(
                "Minimum voltage [V]", voltage - self.param.voltage_low_cut + margin
            ),
            pybamm.Event(
                "Maximum voltage [V]", self.param.voltage_high_cut + margin - voltage
            ),
            pybamm.Event(
                "Minimum carbon surface stoichiometry", pybamm.min(sto_C_surf) - 1e-12
            ),
            pybamm.Event(
                "Maximum carbon surface stoichiometry",
                1 - 1e-6 - pybamm.max(sto_C_surf),
            ),
            pybamm.Event(
                "Zero electrolyte concentration cut-off", pybamm.min(c_e) - 0.002
            ),
            pybamm.Event(
                "Electrolyte-filled porosity exhausted: the Sb expansion has filled "
                "the buffer pores and the electrode porosity (porosity < 0.02)",
                pybamm.min(eps_w) - 0.02,
            ),
        ]

        ######################
        # Output variables
        ######################
        x_w = X_W
        x_all = pybamm.SpatialVariable("x", ["separator", "working electrode"])

        def over_electrode(J):
            return A * pybamm.Integral(J, x_w)

        def electrode_average(field):
            # over the pristine electrode (pybamm.x_average does not know the custom
            # domain names); for Sb-borne quantities this is the average per Sb atom
            return pybamm.Integral(field, x_w) / L_w

        def as_cell_current(J):  # volumetric anodic current -> [A], sodiation positive
            return -over_electrode(J)

        specific = 1 / m_active  # I [A] / m [kg] == mA per g
        Na_stored = {k: over_electrode(v) for k, v in stored_Na.items()}
        dl_charge = -over_electrode(C_dl_v * delta_phi)
        Q_solid = sum(Na_stored.values())
        self.variables = {
            "Time [s]": pybamm.t,
            "Time [h]": pybamm.t / 3600,
            "Voltage [V]": voltage,
            "Battery voltage [V]": voltage,
            "Current [A]": I,
            "Current variable [A]": I,
            "Current density [A.m-2]": i_cell,
            "Specific current [mA.g-1]": I * specific,
            "Discharge capacity [A.h]": Q,
            "Specific capacity [mA.h.g-1]": Q * specific,
            "Active mass [kg]": m_active,
            "Electrolyte concentration [mol.m-3]": c_e,
            "Electrolyte potential [V]": phi_e,
            "Working electrode potential [V]": phi_s,
            "Working electrode surface potential difference [V]": delta_phi,
            "Carbon particle concentration [mol.m-3]": c_C,
            "Carbon surface stoichiometry": sto_C_surf,
            "Carbon OCP [V]": U_C,
            "Sodium metal overpotential [V]": eta_Na,
            "Double-layer current [A]": as_cell_current(J_dl),
            "Faradaic current [A]": as_cell_current(J_faradaic),
            "Double-layer charge [C]": dl_charge,
            "Sodium in solid phases [mol]": Q_solid,
            "Sodium in electrolyte [mol]": A * pybamm.Integral(V_e * c_e, x_all),
            "Pristine electrode thickness [m]": L_w,
            "Electrode thickness [m]": vol["thickness"],
            "Working electrode thickness [m]": vol["thickness"],
            "Electrode thickness change [%]": 100 * (vol["thickness"] / L_w - 1),
            "Local stretch": lam,
            "Position in pristine electrode [m]": pybamm.PrimaryBroadcast(
                0, "working electrode"
            )
            + X_W,
            "Working electrode porosity": eps_w,
            "Average porosity": pybamm.Integral(V_e_w, X_W) / pybamm.Integral(lam, X_W),
            "Electrolyte volume fraction": eps,
            "Carbon specific surface area [m-1]": geo["a_C"],
            "Double-layer specific area [m-1]": geo["a_dl"],
        }
        for store, J in J_far.items():
            self.variables[f"{store} current [A]"] = as_cell_current(J)
        for store, n_store in Na_stored.items():
            label = store if store.startswith("Sb") else store[0].lower() + store[1:]
            self.variables[f"Sodium in {label} [mol]"] = n_store
        if vol["dV_e_dt"] is not None:
            self.variables["Salt exchanged with reservoir [mol]"] = n_res
        if opts["Sb phase"]:
            self.variables["Sb alloying current [A]"] = sum(
                self.variables[f"Sb step {j} current [A]"]
                for j in range(1, opts["Sb steps"] + 1)
            )
            x_Na = vol["x_Na"]
            self.variables["Sb sodiation state x in NaxSb"] = x_Na
            self.variables["Average Sb sodiation state x in NaxSb"] = electrode_average(
                x_Na
            )
            self.variables["Sb particle radius [m]"] = geo["R_Sb"] * vol["v"] ** (
                1 / 3
            ) + pybamm.PrimaryBroadcast(0, "working electrode")
            # per current electrode volume
            self.variables["Sb specific surface area [m-1]"] = vol["a_Sb"] / lam
            self.variables["Sb volume ratio V/V0"] = vol["v"]
            self.variables["Sb volume fraction"] = (
                geo["eps_Sb"] * (1 + vol["dV_Sb"] / geo["eps_Sb"]) / lam
            )
            self.variables["Buffered Sb expansion"] = vol["absorbed"]
            self.variables["Unbuffered Sb expansion"] = vol["excess"]
            self.variables["Connected Sb fraction"] = vol[
                "s"
            ] + pybamm.PrimaryBroadcast(0, "working electrode")
            self.variables["Average connected Sb fraction"] = electrode_average(
                self.variables["Connected Sb fraction"]
            )
            for j, th in enumerate(theta_Sb, 1):
                self.variables[f"Sb step {j} occupancy"] = th
        if opts["surface storage"]:
            self.variables["Surface storage occupancy"] = theta_ss
        if self._contact is not None:
            r_c, a_g = self._contact["r_c"], self._contact["a_g"]
            self.variables["Grain contact overpotential [V]"] = self._contact["eta_c"]
            self.variables["Grain contact resistance [Ohm.m2]"] = r_c
            # all grains in parallel
            self.variables["Grain contact resistance [Ohm]"] = 1 / over_electrode(
                a_g / r_c
            )

    # ------------------------------------------------------------------
    def _grain_contact(self, theta_Sb, J_total, geo):
        """Electronic contact of the active grains with the conducting network.

        Electrons reach the grains (composite grains of SbQD@C, bare particles of
        commercial Sb; radius = the "Sb diffusion length") through contacts with a
        resistance ``r_c`` and a capacitance ``C_c`` per grain surface, in series
        with everything at the grain/electrolyte interface (faradaic and double
        layer). This is the particle-contact element of Gaberscek et al.,
        Electrochem. Solid-State Lett. 11 (2008) A170, who showed that the
        mid-frequency arc of porous electrodes is largely electronic contact
        resistance. Qiu2021 (Fig. 6c) ascribes the growth of that arc on
        sodiation to the lower electronic conductivity of NaxSb; here the contact
        resistivity is interpolated log-linearly (as for a semiconductor whose
        carrier density changes with composition) between Sb and Na3Sb::

            r_c = r_c0 k^x,  x = sum_j X_j theta_j  (0 for Sb, 1 for Na3Sb)
            a_g (eta_c / r_c + C_c d eta_c / dt) = J_total

        Returns the contact drop ``eta_c = phi_s - phi_grain`` (0 if off).
        """
        self._contact = None
        if not (self.sim_options["Sb phase"] and self.sim_options["grain contact"]):
            return pybamm.Scalar(0)
        x_Na = sum(
            P(sb_step_names(j)["fraction"]) * theta
            for j, theta in enumerate(theta_Sb, start=1)
        )
        r_c = (
            P("Grain contact resistance [Ohm.m2]")
            * P("Na3Sb/Sb contact resistance ratio") ** x_Na
        )
        a_g = geo["a_grain"]
        eta_c = pybamm.Variable(
            "Grain contact overpotential [V]", domain="working electrode"
        )
        self.rhs[eta_c] = (J_total / a_g - eta_c / r_c) / P(
            "Grain contact capacitance [F.m-2]"
        )
        self.initial_conditions[eta_c] = pybamm.Scalar(0)
        self._contact = {"r_c": r_c, "a_g": a_g, "eta_c": eta_c}
        return eta_c

    def _volume_change(self, theta_Sb, geo):
        """Sb volume change and the electrode's response, per reference volume.

        See :mod:`sim.physics.volume_change`. Returns a dict of expressions: Na per
        Sb ``x_Na``, volume ratio ``v``, Sb expansion ``dV_Sb``, buffered
        (``absorbed``) and unbuffered (``excess``) parts, stretch ``lambda``,
        electrolyte volume ``V_e``, Sb surface per reference volume ``a_Sb``,
        connected Sb fraction ``s``, isolated-Sb sodium ``n_trap``, thickness, and
        the state variables (created here, equations set in
        :meth:`_volume_change_equations`). With the option off (or no Sb phase)
        the stretch is 1 and nothing depends on sodiation: the foundation model.
        """
        opts = self.sim_options
        one = pybamm.PrimaryBroadcast(1, "working electrode")
        zero = pybamm.PrimaryBroadcast(0, "working electrode")
        eps_e0 = geo["eps_e"]
        out = {
            "x_Na": None,
            "v": one,
            "dV_Sb": zero,
            "absorbed": zero,
            "excess": zero,
            "lambda": one,
            "V_e": eps_e0,
            "s": pybamm.Scalar(1),
            "n_trap": None,
            "u": None,
            "dV_e_dt": None,
            "a_Sb": geo.get("a_Sb"),
            "thickness": geo["L_w"],
        }
        if not opts["Sb phase"]:
            return out
        n_full = P("Sodium per Sb at full sodiation")
        x_Na = n_full * sum(
            P(sb_step_names(j)["fraction"]) * th for j, th in enumerate(theta_Sb, 1)
        )
        out["x_Na"] = x_Na
        if not opts["volume change"]:
            return out

        V_Sb = P("Sb molar mass [kg.mol-1]") / P("Sb density [kg.m-3]")
        V_NaSb = P("NaSb molar volume per Sb [m3.mol-1]")
        V_Na3Sb = P("Na3Sb molar volume per Sb [m3.mol-1]")
        v = molar_volume_ratio(x_Na, V_Sb, V_NaSb, V_Na3Sb)
        eps_Sb0 = geo["eps_Sb"]
        s_conn = pybamm.Variable("Connected Sb fraction", domain="working electrode")
        n_trap = pybamm.Variable(
            "Sodium in isolated Sb [mol.m-3]", domain="working electrode"
        )
        u = pybamm.Variable("Buffer filling", domain="working electrode")
        # expansion of connected Sb at its state, plus isolated Sb frozen at the state
        # it was cut off in (linear in its trapped sodium: mean partial molar volume)
        V_Na_mean = (V_Na3Sb - V_Sb) / n_full
        dV_Sb = eps_Sb0 * s_conn * (v - 1) + n_trap * V_Na_mean
        b = P("Buffer pore volume [m3.kg-1]") * geo["rho_active_v"]
        smooth = 1e-4  # volume fraction over which min() is rounded
        absorbed = smooth_min(u, dV_Sb, smooth)
        excess = dV_Sb - absorbed
        lam = 1 + excess
        out.update(
            {
                "v": v,
                "dV_Sb": dV_Sb,
                "absorbed": absorbed,
                "excess": excess,
                "lambda": lam,
                "V_e": eps_e0 - absorbed,
                "s": s_conn,
                "n_trap": n_trap,
                "u": u,
                "u_target": smooth_min(dV_Sb, b, smooth),
                "a_Sb": 3 * eps_Sb0 * s_conn * v ** (2 / 3) / geo["R_Sb"],
                "thickness": pybamm.Integral(lam, X_W),
                "V_Sb": V_Sb,
                "V_NaSb": V_NaSb,
                "V_Na3Sb": V_Na3Sb,
                "smooth": smooth,
            }
        )
        return out

    def _volume_change_equations(self, vol, theta_Sb, c_sites0, geo):
        """Equations of the buffer filling, the connected Sb fraction and the sodium
        trapped in isolated Sb (only with the volume change on)."""
        if vol["u"] is None:
            return
        u, s_conn, n_trap = vol["u"], vol["s"], vol["n_trap"]
        tau_b = P("Buffer relaxation time [s]")
        self.rhs[u] = (vol["u_target"] - u) / tau_b
        # at rest the buffer holds what it can of the expansion of isolated Sb
        b = P("Buffer pore volume [m3.kg-1]") * geo["rho_active_v"]
        V_Na_mean = (vol["V_Na3Sb"] - vol["V_Sb"]) / P(
            "Sodium per Sb at full sodiation"
        )
        n_trap0 = P("Initial sodium in isolated Sb [mol.m-3]")
        self.initial_conditions[u] = smooth_min(n_trap0 * V_Na_mean, b, 1e-4)

        # d(excess)/dt from sodiation and buffer filling (isolation itself moves no
        # volume: isolated Sb keeps its state), written out with the chain rule
        n_full = P("Sodium per Sb at full sodiation")
        dx_dt = n_full * sum(
            P(sb_step_names(j)["fraction"]) * self.rhs[th]
            for j, th in enumerate(theta_Sb, 1)
        )
        x = vol["x_Na"]
        V_Sb, V_NaSb, V_Na3Sb = vol["V_Sb"], vol["V_NaSb"], vol["V_Na3Sb"]
        slope_lo = (V_NaSb - V_Sb) / V_Sb
        slope_hi = (V_Na3Sb - V_NaSb) / 2 / V_Sb
        below = pybamm.sigmoid(x, 1, 200)  # ~1 for x < 1 (between Sb and NaSb)
        dv_dx = slope_lo * below + slope_hi * (1 - below)
        dV_dt = geo["eps_Sb"] * s_conn * dv_dx * dx_dt
        a, bb, sm = u, vol["dV_Sb"], vol["smooth"]
        root = pybamm.sqrt((a - bb) ** 2 + sm**2)
        d_min_du = (1 - (a - bb) / root) / 2
        d_min_dV = (1 + (a - bb) / root) / 2
        d_excess_dt = dV_dt * (1 - d_min_dV) - d_min_du * self.rhs[u]
        swing = pybamm.sqrt(d_excess_dt**2 + (1e-12) ** 2)  # |d excess/dt|, smooth
        beta = P("Sb isolation coefficient")
        self.rhs[s_conn] = -beta * s_conn * swing
        self.initial_conditions[s_conn] = P("Initial connected Sb fraction")
        # sodium in the Sb that is cut off
        Na_per_connected = geo["eps_Sb"] * sum(
            c0 * th for c0, th in zip(c_sites0, theta_Sb, strict=True)
        )
        self.rhs[n_trap] = -self.rhs[s_conn] * Na_per_connected
        self.initial_conditions[n_trap] = n_trap0
        # electrolyte volume change, for the reservoir salt balance
        vol["dV_e_dt"] = -(d_min_du * self.rhs[u] + d_min_dV * dV_dt)

    # ------------------------------------------------------------------
    def _electrode_geometry(self):
        """All geometry of the cell as PyBaMM expressions, in one place.

        Returns a dict with thickness ``L_w``, separator thickness ``L_s``, area ``A``,
        active mass, electrolyte porosity ``eps_e`` (broadcast on the electrode),
        phase volume fractions, particle radii, specific areas and volumetric
        capacities.
        """
        F = pybamm.constants.F
        loading = P("Active material mass loading [kg.m-2]")
        comp = composition_from({name: P(name) for name in RECIPE_PARAMETERS.values()})
        L_w = comp.thickness
        A = P("Electrode area [m2]")
        rho_active_v = loading / L_w  # kg of active material per m3 of electrode
        R_C = P("Carbon particle radius [m]")
        eps_C = comp.eps_carbon
        geo = {
            "L_s": P("Separator thickness [m]"),
            "L_w": L_w,
            "A": A,
            "m_active": loading * A,
            "eps_e": pybamm.PrimaryBroadcast(
                P("Working electrode porosity"), "working electrode"
            ),
            "eps_C": eps_C,
            "eps_Sb": comp.eps_Sb,
            "eps_inert": comp.eps_inert,
            "R_C": R_C,
            "a_C": specific_area_spheres(eps_C, R_C),
            # mA.h.g-1 -> C.kg-1 is x 3600; per m3 of carbon: x density
            "c_C_max": 3600
            * P("Carbon insertion capacity [mA.h.g-1]")
            * P("Active-material carbon density [kg.m-3]")
            / F,
            "a_dl": P("BET specific surface area [m2.kg-1]") * rho_active_v,
            "rho_active_v": rho_active_v,
        }
        if self.sim_options["Sb phase"]:
            R_Sb = P("Sb particle radius [m]")
            geo["R_Sb"] = R_Sb
            geo["a_Sb"] = specific_area_spheres(comp.eps_Sb, R_Sb)
            # active grains: composite grains (Sb dots in carbon) or bare
            # particles, both of radius "Sb diffusion length" (see the parameters)
            geo["a_grain"] = specific_area_spheres(
                eps_C + comp.eps_Sb, P("Sb diffusion length [m]")
            )
            geo["c_Sb_max"] = (
                P("Sodium per Sb at full sodiation")
                * P("Sb density [kg.m-3]")
                / P("Sb molar mass [kg.mol-1]")
            )
        if self.sim_options["surface storage"]:
            geo["Q_ss"] = 3600 * P("Surface storage capacity [mA.h.g-1]") * rho_active_v
        return geo

    # ------------------------------------------------------------------
    # Mesh and discretisation defaults
    @property
    def default_geometry(self):
        geo = self._electrode_geometry()
        L_s, L_w = geo["L_s"], geo["L_w"]
        x_s, x_w, r_C = X_S, X_W, R_CARBON
        return pybamm.Geometry(
            {
                "separator": {x_s: {"min": pybamm.Scalar(0), "max": L_s}},
                "working electrode": {x_w: {"min": L_s, "max": L_s + L_w}},
                "carbon particle": {r_C: {"min": pybamm.Scalar(0), "max": geo["R_C"]}},
            }
        )

    @property
    def default_var_pts(self):
        return {X_S: 12, X_W: 16, R_CARBON: 10}

    @property
    def default_submesh_types(self):
        return {
            "separator": pybamm.Uniform1DSubMesh,
            "working electrode": pybamm.Uniform1DSubMesh,
            "carbon particle": pybamm.Uniform1DSubMesh,
        }

    @property
    def default_spatial_methods(self):
        fv = pybamm.FiniteVolume()
        return {"separator": fv, "working electrode": fv, "carbon particle": fv}

    @property
    def default_solver(self):
        return pybamm.IDAKLUSolver(rtol=1e-6, atol=1e-6)

    @property
    def default_quick_plot_variables(self):
        return ["Voltage [V]", "Current [A]", "Electrolyte concentration [mol.m-3]"]


def _check_sb_steps(parameter_set, n_steps):
    """The set must define exactly the model's steps, with fractions summing to 1."""
    defined = 0
    while f"Sb step {defined + 1} capacity fraction" in parameter_set:
        defined += 1
    if defined != n_steps:
        raise ParameterError(
            f"parameter set '{parameter_set.name}' defines {defined} Sb alloying "
            f"step(s) but the model option 'Sb steps' is {n_steps}; they must agree"
        )
    fractions = [
        parameter_set[sb_step_names(j)["fraction"]] for j in range(1, n_steps + 1)
    ]
    numeric = all(isinstance(f, (int, float)) for f in fractions)
    if numeric and abs(sum(fractions) - 1) > 1e-6:
        raise ParameterError(
            f"Sb step capacity fractions {fractions} sum to {sum(fractions):.6g}: "
            "they must sum to 1 (every Sb atom ends as Na3Sb)"
        )
    for j in range(1, n_steps + 1):
        n = sb_step_names(j)
        u_sod, u_des = parameter_set[n["U_sod"]], parameter_set[n["U_des"]]
        if u_sod > u_des:
            raise ParameterError(
                f"parameter '{n['U_sod']}' = {u_sod} V is above '{n['U_des']}' = "
                f"{u_des} V: the sodiation potential must not exceed the desodiation "
                "potential (hysteresis band)"
            )


def parameter_values(
    parameter_set, options=None, initial_voltage=None, branch="desodiation"
):
    """Validated ``pybamm.ParameterValues`` for the model, at rest at
    ``initial_voltage`` (default: the set's "Initial voltage [V]").

    Checks the set has every parameter the model (with these options) reads, adds
    the equilibrium initial state and the nominal capacity (full capacity of all
    stores, used by PyBaMM for C-rates).
    """
    from sim.physics.capacity import full_capacity
    from sim.physics.initial_state import equilibrium
    from sim.protocols import active_mass_g

    options = validate_options({**parameter_set.model_options, **(options or {})})
    parameter_set.required(required_parameters(options) + ["Initial voltage [V]"])
    fixed = [
        n
        for n in _not_input(options)
        if n in parameter_set and parameter_set[n] == "[input]"
    ]
    if fixed:
        raise ParameterError(
            f"parameter(s) {fixed} cannot be '[input]': they set the mesh or the "
            "equilibrium start state, which are computed before solving; give numbers"
        )
    if options["Sb phase"]:
        _check_sb_steps(parameter_set, options["Sb steps"])
    pv = parameter_set.to_pybamm()
    V0 = pv["Initial voltage [V]"] if initial_voltage is None else initial_voltage
    pv.update(equilibrium(pv, V0, options, branch), check_already_exists=False)
    full = full_capacity(pv, options)
    specific = sum(v for k, v in full.items() if k != "Double layer per volt")
    mass_g = active_mass_g(pv)
    pv.update(
        {
            "Current function [A]": 0.0,
            "Nominal cell capacity [A.h]": specific * mass_g / 1e3,
        },
        check_already_exists=False,
    )
    return pv
