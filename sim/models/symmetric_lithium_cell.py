"""Li | polymer electrolyte | Li symmetric cell.

PyBaMM has no symmetric lithium cell (its issue #2691); this is one, written out in
one class in the style of PyBaMM's basic models.

Geometry (x through the electrolyte film, thickness L)::

    Li (counter) | interphase film | polymer electrolyte | film | Li (working)
    x = 0                                                          x = L

Sign convention (PyBaMM's): "Current [A]" > 0 strips Li from the counter electrode
(x = 0) and plates it on the working electrode (x = L); "Voltage [V]" is the working
electrode's potential minus the counter electrode's, so it is negative while current
is positive (V = -I R for a resistor), and the impedance PyBaMM computes,
``-dV/dI``, is positive.

Equations (per unit area, c salt concentration, phi_e potential of a Li reference
electrode in the electrolyte):

* salt: ``dc/dt = -div N``, ``N = -D grad c + t+ i_e / F``; at both electrodes the
  anions are blocked, so ``-D dc/dx = (1 - t+) i / F`` (salt is conserved);
* charge: ``div i_e = 0``,
  ``i_e = kappa (2 (1 - t+) chi R T / F grad ln c - grad phi_e)``; with t+ and chi
  constants (as here) this is ``i_e = -kappa grad psi`` with
  ``psi = phi_e - 2 (1 - t+) chi R T / F ln(c / c0)``, the form solved;
* each Li electrode: an interphase film (SEI/passivation layer, resistance R_f in
  parallel with its capacitance C_f) in series with the Li/film interface, where a
  double layer C_dl is in parallel with symmetric Butler-Volmer kinetics,
  ``j = 2 j0 (c_s / c0)^(1/2) sinh(F eta / (2 R T))`` (c_s the salt concentration
  next to the electrode)::

      C_f  d(eta_f)/dt  = i_a - eta_f / R_f
      C_dl d(eta_ct)/dt = i_a - j(eta_ct)

  with ``i_a`` the anodic current of that electrode (+i at x = 0, -i at x = L).
  The double-layer and film charges (~1e-8 mol/m2) are neglected in the salt
  balance next to the ~0.05 mol/m2 of salt in the film.
* cell voltage: ``V = phi_e(L) + eta_ct,R + eta_f,R`` with
  ``phi_e(0) = -(eta_ct,L + eta_f,L)`` (counter electrode grounded).

At small current, after the double layers charge (~1 ms) and before the salt
profile develops, ``V = -I (L/kappa + 2 R_ct + 2 R_f) / A`` with
``R_ct = R T / (F j0)``; at steady state the concentration polarization
``2 (1 - t+)^2 chi R T L i / (F^2 D c0)`` adds to it
(:mod:`sim.physics.concentration_polarization`). Both are tested.

Events: the salt next to either electrode falls below 0.1 % of c0 ("Electrolyte
depleted at an electrode"): where a real cell grows dendrites (Sand's time).

The model takes its current from "Current function [A]" and exposes "Voltage [V]"
and "Current [A]", so it runs with ``pybamm.Experiment`` (current and voltage steps)
and ``pybamm.EISSimulation`` (``skip_surface_form_check=True``).
"""

from __future__ import annotations

import pybamm

from sim.errors import ParameterError
from sim.physics.electrolyte_transport import electrolyte_transport
from sim.physics.polymer_electrolyte import check_cell_temperature

P = pybamm.Parameter
X = pybamm.SpatialVariable("x_e", ["electrolyte"], coord_sys="cartesian")

DEPLETION_FRACTION = 1e-3
"""Salt next to an electrode below this fraction of c0 ends the solve (event)."""

ELECTROLYTE_PARAMETERS = (
    "Initial concentration in electrolyte [mol.m-3]",
    "Electrolyte conductivity [S.m-1]",
    "Electrolyte diffusivity [m2.s-1]",
    "Cation transference number",
    "Thermodynamic factor",
    "Ambient temperature [K]",
)
"""The electrolyte enters as PyBaMM's standard entries (functions of c_e and T)."""

CELL_PARAMETERS = (
    "Electrolyte thickness [m]",
    "Electrode area [m2]",
    "Lithium exchange-current density [A.m-2]",
    "Lithium interphase resistance [Ohm.m2]",
    "Lithium interphase capacitance [F.m-2]",
    "Lithium double-layer capacity [F.m-2]",
)

NOT_INPUT = ("Electrolyte thickness [m]",)
"""Sets the mesh: must be a number."""

CAPACITY_PER_AREA = 1.0
"""A.h.m-2: the "Nominal cell capacity [A.h]" per electrode area that PyBaMM's
C-rate steps use, 0.1 mAh/cm2 (= 1 A.h/m2), the capacity of one of Cheng2023's
half cycles (0.1 mA/cm2 for 1 h); so "1C" is 0.1 mA/cm2."""


def required_parameters():
    """Names of the parameters the model reads (besides "Current function [A]")."""
    return [*CELL_PARAMETERS, *ELECTROLYTE_PARAMETERS]


class SymmetricLithiumCell(pybamm.lithium_ion.BaseModel):
    """Li | electrolyte | Li symmetric cell. See the module docstring.

    It derives from PyBaMM's lithium-ion base model only so that PyBaMM's
    experiment steps (which read the model's ``param`` and ``options``) work; all
    equations are written here.
    """

    def __init__(self, name="Li|electrolyte|Li symmetric cell"):
        super().__init__({}, name)
        F = pybamm.constants.F
        Rg = pybamm.constants.R
        T = P("Ambient temperature [K]")
        f = F / (Rg * T)
        L = P("Electrolyte thickness [m]")
        A = P("Electrode area [m2]")

        ######################
        # Variables
        ######################
        c_e = pybamm.Variable(
            "Electrolyte concentration [mol.m-3]", domain="electrolyte"
        )
        eta_ct_L = pybamm.Variable(
            "Counter electrode charge-transfer overpotential [V]"
        )
        eta_f_L = pybamm.Variable("Counter electrode film overpotential [V]")
        eta_ct_R = pybamm.Variable(
            "Working electrode charge-transfer overpotential [V]"
        )
        eta_f_R = pybamm.Variable("Working electrode film overpotential [V]")
        # per unit area, so the solver's absolute tolerance fits every state
        q = pybamm.Variable("Throughput capacity per area [A.h.m-2]")
        n_Li_L = pybamm.Variable("Lithium stripped per area [mol.m-2]")
        n_Li_R = pybamm.Variable("Lithium plated per area [mol.m-2]")

        I = pybamm.FunctionParameter("Current function [A]", {"Time [s]": pybamm.t})
        i_cell = I / A  # current density through the film, counter -> working

        ######################
        # Electrolyte properties
        ######################
        c0 = P("Initial concentration in electrolyte [mol.m-3]")
        kappa, D_e, t_plus, chi = electrolyte_transport(c_e, T)

        ######################
        # Interfaces: film (R_f || C_f) in series with double layer || Butler-Volmer
        ######################
        j0 = P("Lithium exchange-current density [A.m-2]")
        R_f = P("Lithium interphase resistance [Ohm.m2]")
        C_f = P("Lithium interphase capacitance [F.m-2]")
        C_dl = P("Lithium double-layer capacity [F.m-2]")
        c_L = pybamm.boundary_value(c_e, "left")
        c_R = pybamm.boundary_value(c_e, "right")
        j0_L = j0 * (pybamm.maximum(c_L, 0) / c0) ** 0.5
        j0_R = j0 * (pybamm.maximum(c_R, 0) / c0) ** 0.5
        j_far_L = 2 * j0_L * pybamm.sinh(f * eta_ct_L / 2)  # anodic: stripping
        j_far_R = 2 * j0_R * pybamm.sinh(f * eta_ct_R / 2)  # anodic (< 0: plating)
        i_a_L = i_cell  # anodic current density of each electrode
        i_a_R = -i_cell
        self.rhs[eta_ct_L] = (i_a_L - j_far_L) / C_dl
        self.rhs[eta_ct_R] = (i_a_R - j_far_R) / C_dl
        self.rhs[eta_f_L] = (i_a_L - eta_f_L / R_f) / C_f
        self.rhs[eta_f_R] = (i_a_R - eta_f_R / R_f) / C_f
        for eta in (eta_ct_L, eta_ct_R, eta_f_L, eta_f_R):
            self.initial_conditions[eta] = pybamm.Scalar(0)
        eta_L = eta_ct_L + eta_f_L
        eta_R = eta_ct_R + eta_f_R

        ######################
        # Charge conservation in the electrolyte
        ######################
        # With t+ and chi constant, i_e = -kappa grad(psi) where
        # psi = phi_e - 2 (1 - t+) chi R T / F ln(c / c0) is the "ohmic" part of the
        # electrolyte potential; solving for psi keeps the diffusion potential out
        # of the boundary ghost cells (it appears, through c at the boundaries, only
        # where the salt profile really is).
        diffusion_potential = 2 * (1 - t_plus) * chi / f * pybamm.log(c_e / c0)
        psi = pybamm.Variable("Electrolyte ohmic potential [V]", domain="electrolyte")
        i_e = -kappa * pybamm.grad(psi)
        self.algebraic[psi] = L**2 * pybamm.div(i_e)
        log_c_L = 2 * (1 - t_plus) * chi / f * pybamm.log(c_L / c0)
        log_c_R = 2 * (1 - t_plus) * chi / f * pybamm.log(c_R / c0)
        self.boundary_conditions[psi] = {
            "left": (-eta_L - log_c_L, "Dirichlet"),
            "right": (-i_cell / pybamm.boundary_value(kappa, "right"), "Neumann"),
        }
        self.initial_conditions[psi] = pybamm.Scalar(0)
        phi_e = psi + diffusion_potential

        ######################
        # Salt conservation
        ######################
        N_e = -D_e * pybamm.grad(c_e) + t_plus * i_e / F
        self.rhs[c_e] = -pybamm.div(N_e)
        self.boundary_conditions[c_e] = {
            "left": (
                -(1 - t_plus) * i_cell / (F * pybamm.boundary_value(D_e, "left")),
                "Neumann",
            ),
            "right": (
                -(1 - t_plus) * i_cell / (F * pybamm.boundary_value(D_e, "right")),
                "Neumann",
            ),
        }
        self.initial_conditions[c_e] = c0

        ######################
        # Lithium metal inventories and charge throughput
        ######################
        self.rhs[n_Li_L] = j_far_L / F
        self.rhs[n_Li_R] = -j_far_R / F
        self.rhs[q] = i_cell / 3600
        for var in (n_Li_L, n_Li_R, q):
            self.initial_conditions[var] = pybamm.Scalar(0)

        ######################
        # Voltage, events, output variables
        ######################
        phi_e_R = pybamm.boundary_value(psi, "right") + log_c_R
        phi_e_L = -eta_L
        voltage = phi_e_R + eta_R
        threshold = DEPLETION_FRACTION * c0
        self.events += [
            pybamm.Event(
                "Electrolyte depleted at an electrode",
                pybamm.minimum(c_L, c_R) - threshold,
            )
        ]
        self.variables = {
            "Time [s]": pybamm.t,
            "Time [h]": pybamm.t / 3600,
            "Voltage [V]": voltage,
            "Battery voltage [V]": voltage,
            "Current [A]": I,
            "Current density [A.m-2]": i_cell,
            "Current density [mA.cm-2]": i_cell / 10,
            "Throughput capacity [A.h]": A * q,
            "Electrolyte concentration [mol.m-3]": c_e,
            "Electrolyte potential [V]": phi_e,
            "Electrolyte ohmic potential [V]": psi,
            "x [m]": pybamm.PrimaryBroadcast(0, "electrolyte") + X,
            "Electrolyte concentration at counter electrode [mol.m-3]": c_L,
            "Electrolyte concentration at working electrode [mol.m-3]": c_R,
            "Minimum electrolyte concentration at the electrodes [mol.m-3]": (
                pybamm.minimum(c_L, c_R)
            ),
            "Salt in electrolyte [mol]": A * pybamm.Integral(c_e, X),
            "Electrolyte ohmic and diffusion potential drop [V]": phi_e_R - phi_e_L,
            "Counter electrode charge-transfer overpotential [V]": eta_ct_L,
            "Working electrode charge-transfer overpotential [V]": eta_ct_R,
            "Counter electrode film overpotential [V]": eta_f_L,
            "Working electrode film overpotential [V]": eta_f_R,
            "Counter electrode faradaic current density [A.m-2]": j_far_L,
            "Working electrode faradaic current density [A.m-2]": j_far_R,
            "Lithium stripped from counter electrode [mol]": A * n_Li_L,
            "Lithium plated on working electrode [mol]": A * n_Li_R,
            "Electrolyte thickness [m]": L,
        }

    # ------------------------------------------------------------------
    @property
    def default_geometry(self):
        return pybamm.Geometry(
            {
                "electrolyte": {
                    X: {
                        "min": pybamm.Scalar(0),
                        "max": P("Electrolyte thickness [m]"),
                    }
                }
            }
        )

    @property
    def default_var_pts(self):
        return {X: 60}

    @property
    def default_submesh_types(self):
        # uniform: PyBaMM's symmetric exponential mesh gave depletion times 10 %
        # off Sand's (checked); 60 cells resolve a 3 um depletion layer in 50 um
        return {"electrolyte": pybamm.Uniform1DSubMesh}

    @property
    def default_spatial_methods(self):
        return {"electrolyte": pybamm.FiniteVolume()}

    @property
    def default_solver(self):
        return pybamm.IDAKLUSolver(rtol=1e-7, atol=1e-9)

    @property
    def default_quick_plot_variables(self):
        return ["Voltage [V]", "Current [A]", "Electrolyte concentration [mol.m-3]"]


def parameter_values(cell, electrolyte, extra=None):
    """``pybamm.ParameterValues`` of the symmetric cell at rest.

    Args:
        cell: Values by name for ``CELL_PARAMETERS`` and "Ambient temperature
            [K]" (e.g. ``parameters.get("Cheng2023 cells").as_dict()``; extra
            names are ignored).
        electrolyte: PyBaMM electrolyte entries (conductivity and diffusivity as
            functions of (c_e, T), t+, thermodynamic factor, c0), plus any
            parameters those functions read (all are passed on).
        extra: Entries set last (e.g. ``"[input]"`` replacements, or a
            temperature override).

    Raises:
        ParameterError: Listing missing entries, a mesh-setting parameter given
            as an input, or a numeric "Ambient temperature [K]" at or below the
            electrolyte's VTF T0 (when its entries carry one,
            :func:`sim.physics.polymer_electrolyte.check_cell_temperature`).
    """
    values = {
        k: cell[k] for k in (*CELL_PARAMETERS, "Ambient temperature [K]") if k in cell
    }
    values.update(electrolyte)  # incl. any parameters its functions read
    values.update(extra or {})
    missing = [k for k in required_parameters() if k not in values]
    if missing:
        raise ParameterError(
            f"symmetric cell parameters missing: {missing}; the cell needs "
            f"{list(CELL_PARAMETERS)} and the electrolyte entries "
            f"{list(ELECTROLYTE_PARAMETERS)}"
        )
    for name in NOT_INPUT:
        if isinstance(values[name], pybamm.InputParameter) or values[name] == "[input]":
            raise ParameterError(f"{name!r} sets the mesh: give a number, not an input")
    check_cell_temperature(values, values["Ambient temperature [K]"])
    values = {
        k: pybamm.InputParameter(k) if isinstance(v, str) and v == "[input]" else v
        for k, v in values.items()
    }
    values.update(
        {
            "Current function [A]": 0.0,
            # PyBaMM's experiments read it (C-rates): 0.1 mAh/cm2 = 1 A.h/m2 x area
            "Nominal cell capacity [A.h]": CAPACITY_PER_AREA
            * values["Electrode area [m2]"],
        }
    )
    return pybamm.ParameterValues(values)


__all__ = [
    "CAPACITY_PER_AREA",
    "CELL_PARAMETERS",
    "DEPLETION_FRACTION",
    "ELECTROLYTE_PARAMETERS",
    "SymmetricLithiumCell",
    "parameter_values",
    "required_parameters",
]
