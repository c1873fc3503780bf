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
Butler-Volmer kinetics. A series resistance stands for contacts and cell hardware.

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
from sim.physics.electrode_composition import composition, specific_area_spheres
from sim.physics.site_kinetics import hysteretic_site_current

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

DEFAULT_OPTIONS = {"Sb steps": 2, "Sb phase": True, "surface storage": True}


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
    for key in ("Sb phase", "surface storage"):
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


def required_parameters(options=None):
    """Names of the parameters the model reads, for the given options."""
    options = validate_options(options)
    names = [
        "Electrode area [m2]",
        "Active material mass loading [kg.m-2]",
        "Sb mass fraction in active material",
        "Active material mass fraction in electrode",
        "Conductive additive mass fraction in electrode",
        "Binder mass fraction in electrode",
        "Sb density [kg.m-3]",
        "Active-material carbon density [kg.m-3]",
        "Conductive additive density [kg.m-3]",
        "Binder density [kg.m-3]",
        "Working electrode porosity",
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
        "Ambient temperature [K]",
        "Lower voltage cut-off [V]",
        "Upper voltage cut-off [V]",
    ]
    if options["Sb phase"]:
        names += [
            "Sb particle radius [m]",
            "Sb molar mass [kg.mol-1]",
            "Sodium per Sb at full sodiation",
            "Sb diffusivity [m2.s-1]",
        ]
        for j in range(1, options["Sb steps"] + 1):
            names += list(sb_step_names(j).values())
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
    "Electrode area [m2]",
    "Active material mass loading [kg.m-2]",
    "Sb mass fraction in active material",
    "Active material mass fraction in electrode",
    "Conductive additive mass fraction in electrode",
    "Binder mass fraction in electrode",
    "Sb density [kg.m-3]",
    "Active-material carbon density [kg.m-3]",
    "Conductive additive density [kg.m-3]",
    "Binder density [kg.m-3]",
    "Working electrode porosity",
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
        # Electrolyte properties
        ######################
        c_e0 = P("Initial concentration in electrolyte [mol.m-3]")
        eps_s = pybamm.PrimaryBroadcast(P("Separator porosity"), "separator")
        eps_w = geo["eps_e"]
        eps = pybamm.concatenation(eps_s, eps_w)
        tor = pybamm.concatenation(
            eps_s ** P("Separator Bruggeman coefficient"),
            eps_w ** P("Working electrode Bruggeman coefficient"),
        )
        kappa = pybamm.FunctionParameter(
            "Electrolyte conductivity [S.m-1]",
            {"Electrolyte concentration [mol.m-3]": c_e, "Temperature [K]": T},
        )
        D_e = pybamm.FunctionParameter(
            "Electrolyte diffusivity [m2.s-1]",
            {"Electrolyte concentration [mol.m-3]": c_e, "Temperature [K]": T},
        )
        t_plus = P("Cation transference number")
        chi = P("Thermodynamic factor")
        c_e_ratio_w = c_e_w / c_e0

        ######################
        # Interfacial currents (anodic positive) [A.m-3 of electrode]
        ######################
        J_far = {}  # name -> volumetric faradaic current
        stored_Na = {}  # name -> mol per electrode volume (for conservation)

        # Carbon phase: Butler-Volmer, diffusion in spheres
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

        # Sb phase: hysteretic alloying sites
        theta_Sb = []
        j_Sb = []
        if opts["Sb phase"]:
            R_Sb = geo["R_Sb"]
            c_Sb_max = geo["c_Sb_max"]
            D_Sb = P("Sb diffusivity [m2.s-1]")
            for j in range(1, opts["Sb steps"] + 1):
                n = sb_step_names(j)
                theta = pybamm.Variable(
                    f"Sb step {j} occupancy", domain="working electrode"
                )
                c_site = P(n["fraction"]) * c_Sb_max
                K_ref = F * P(n["k"]) * c_site
                K = K_ref * c_e_ratio_w**0.5
                gamma = R_Sb / (5 * D_Sb * F * c_site)
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
                theta_Sb.append((theta, c_site))
                j_Sb.append(j_site)
                J_far[f"Sb step {j}"] = geo["a_Sb"] * j_site
                stored_Na[f"Sb step {j}"] = geo["eps_Sb"] * c_site * theta

        # Surface storage: one broad reversible site, volumetric capacity Q_ss
        if opts["surface storage"]:
            theta_ss = pybamm.Variable(
                "Surface storage occupancy", domain="working electrode"
            )
            Q_ss = geo["Q_ss"]  # C per m3 of electrode
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
        # Charge conservation
        ######################
        sigma_w = P("Working electrode conductivity [S.m-1]")
        i_cell = (
            pybamm.FunctionParameter("Current function [A]", {"Time [s]": pybamm.t}) / A
        )
        i_s = -sigma_w * pybamm.grad(phi_s)
        self.boundary_conditions[phi_s] = {
            "left": (pybamm.Scalar(0), "Neumann"),
            "right": (-i_cell / sigma_w, "Neumann"),
        }
        J_total = -pybamm.div(i_s)  # all interfacial current, faradaic + double layer
        # phi_s is tied to phi_e by the surface potential difference (a state)
        self.algebraic[phi_s] = phi_s - phi_e_w - delta_phi
        self.initial_conditions[phi_s] = P("Initial voltage [V]")

        i_e = (
            kappa
            * tor
            * (
                2 * (1 - t_plus) * chi * Rg * T / F * pybamm.grad(c_e) / c_e
                - pybamm.grad(phi_e)
            )
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
        eta_Na = 2 / f * pybamm.arcsinh(i_cell / (2 * j0_Na))
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
        for j, ((theta, c_site), j_site) in enumerate(
            zip(theta_Sb, j_Sb, strict=True), start=1
        ):
            self.rhs[theta] = -3 * j_site / (geo["R_Sb"] * F * c_site)
            self.initial_conditions[theta] = P(f"Initial Sb step {j} occupancy")
        if opts["surface storage"]:
            self.rhs[theta_ss] = -J_ss / Q_ss
            self.initial_conditions[theta_ss] = P("Initial surface storage occupancy")

        ######################
        # Electrolyte concentration
        ######################
        N_e = -tor * D_e * pybamm.grad(c_e) + t_plus * i_e / F
        J_far_e = pybamm.concatenation(
            pybamm.PrimaryBroadcast(0, "separator"), J_faradaic
        )
        self.rhs[c_e] = (-pybamm.div(N_e) + J_far_e / F) / eps
        D_e_left = pybamm.boundary_value(tor * D_e, "left")
        self.boundary_conditions[c_e] = {
            "left": (-(1 - t_plus) * i_cell / (F * D_e_left), "Neumann"),
            "right": (pybamm.Scalar(0), "Neumann"),
        }
        self.initial_conditions[c_e] = c_e0

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
        ]

        ######################
        # Output variables
        ######################
        x_w = X_W
        x_all = pybamm.SpatialVariable("x", ["separator", "working electrode"])

        def over_electrode(J):
            return A * pybamm.Integral(J, x_w)

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
            "Sodium in electrolyte [mol]": A * pybamm.Integral(eps * c_e, x_all),
            "Working electrode thickness [m]": L_w,
            "Working electrode porosity": eps_w,
            "Electrolyte volume fraction": eps,
            "Carbon specific surface area [m-1]": geo["a_C"],
            "Double-layer specific area [m-1]": geo["a_dl"],
        }
        for store, J in J_far.items():
            self.variables[f"{store} current [A]"] = as_cell_current(J)
            label = store if store.startswith("Sb") else store.lower()
            self.variables[f"Sodium in {label} [mol]"] = Na_stored[store]
        if opts["Sb phase"]:
            self.variables["Sb alloying current [A]"] = sum(
                self.variables[f"Sb step {j} current [A]"]
                for j in range(1, opts["Sb steps"] + 1)
            )
            x_Na = sum(
                P(sb_step_names(j)["fraction"]) * th
                for j, (th, _) in enumerate(theta_Sb, 1)
            )
            x_Na = x_Na * P("Sodium per Sb at full sodiation")
            self.variables["Sb sodiation state x in NaxSb"] = x_Na
            self.variables["Average Sb sodiation state x in NaxSb"] = pybamm.x_average(
                x_Na
            )
            self.variables["Sb particle radius [m]"] = pybamm.PrimaryBroadcast(
                geo["R_Sb"], "working electrode"
            )
            self.variables["Sb specific surface area [m-1]"] = geo["a_Sb"]
            for j, (th, _) in enumerate(theta_Sb, 1):
                self.variables[f"Sb step {j} occupancy"] = th
        if opts["surface storage"]:
            self.variables["Surface storage occupancy"] = theta_ss

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
        comp = composition(
            loading=loading,
            w_Sb=P("Sb mass fraction in active material"),
            w_active=P("Active material mass fraction in electrode"),
            w_additive=P("Conductive additive mass fraction in electrode"),
            w_binder=P("Binder mass fraction in electrode"),
            rho_Sb=P("Sb density [kg.m-3]"),
            rho_carbon=P("Active-material carbon density [kg.m-3]"),
            rho_additive=P("Conductive additive density [kg.m-3]"),
            rho_binder=P("Binder density [kg.m-3]"),
            porosity=P("Working electrode porosity"),
        )
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
        }
        if self.sim_options["Sb phase"]:
            R_Sb = P("Sb particle radius [m]")
            geo["R_Sb"] = R_Sb
            geo["a_Sb"] = specific_area_spheres(comp.eps_Sb, R_Sb)
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

    options = validate_options(options)
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
    mass_g = (
        pv["Active material mass loading [kg.m-2]"] * pv["Electrode area [m2]"] * 1e3
    )
    pv.update(
        {
            "Current function [A]": 0.0,
            "Nominal cell capacity [A.h]": specific * mass_g / 1e3,
        },
        check_already_exists=False,
    )
    return pv
