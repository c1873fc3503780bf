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
  The film grows with the charge passed through it (stated law: each plated or
  stripped layer of Li reacts with the electrolyte and leaves interphase in
  proportion, a constant coulombic loss per cycle, so the resistance grows
  linearly in passed charge)::

      R_f = R_f0 (1 + k q),   dq/dt = |i|,   q(0) = q_0

  (k = 0: no growth, the default; q_0 lets a run start late in a long test).
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
and "Current [A]", so it runs with any ``pybamm.Experiment`` (``calc_esoh`` is
False: there is no electrode state of health) and with ``pybamm.EISSimulation``
(option ``"surface form": "differential"``: the double layers are differential
states). Its default parameter values are the Li | CPCSE | Li cell of Cheng2023
(set "CPCSE"). It has no state of charge: ``initial_soc`` is refused with one
ParameterError (:mod:`sim.models.no_state_of_charge`). The voltage split that
``plot_voltage_components`` reads is exposed under PyBaMM's names (the
interphase films as the "solid phase ohmic losses").
"""

from __future__ import annotations

import pybamm

from sim.models.symmetric_cell_values import (
    CAPACITY_PER_AREA,
    CELL_PARAMETERS,
    ELECTROLYTE_PARAMETERS,
    GROWTH_PARAMETERS,
    cell_entries,
    control_entries,
    required_parameters,
    symmetric_cell_with_electrolyte,
)
from sim.physics.electrolyte_transport import electrolyte_transport

P = pybamm.Parameter
X = pybamm.SpatialVariable("x_e", ["electrolyte"], coord_sys="cartesian")

DEPLETION_FRACTION = 1e-3
"""Salt next to an electrode below this fraction of c0 ends the solve (event)."""


class SymmetricLithiumCell(pybamm.lithium_ion.BaseModel):
    """Li | electrolyte | Li symmetric cell. See the module docstring.

    It derives from PyBaMM's lithium-ion base model so that PyBaMM's experiment
    steps (which read the model's ``param`` and ``options``) work; all equations
    are written here. ``calc_esoh`` is False (no electrode state of health: both
    electrodes are Li metal), and the option ``"surface form": "differential"``
    says what the model has: a differential double layer at each electrode, so
    ``pybamm.EISSimulation`` accepts it without flags.
    """

    def __init__(self, name="Li|electrolyte|Li symmetric cell"):
        super().__init__({"surface form": "differential"}, name)
        self.calc_esoh = False
        T = P("Ambient temperature [K]")
        self._f = pybamm.constants.F / (pybamm.constants.R * T)
        self._current = pybamm.FunctionParameter(
            "Current function [A]", {"Time [s]": pybamm.t}
        )
        # current density through the film, counter -> working
        self._i = self._current / P("Electrode area [m2]")
        c_e = pybamm.Variable(
            "Electrolyte concentration [mol.m-3]", domain="electrolyte"
        )
        kappa, D_e, t_plus, chi = electrolyte_transport(c_e, T)
        c_L = pybamm.boundary_value(c_e, "left")
        c_R = pybamm.boundary_value(c_e, "right")
        eta = self._set_interfaces(c_L, c_R)
        psi, i_e, log_c = self._set_charge_conservation(c_e, kappa, t_plus, chi, eta)
        self._set_salt_conservation(c_e, D_e, t_plus, i_e)
        inventories = self._set_inventories(eta["j_far_L"], eta["j_far_R"])
        self._set_outputs(c_e, c_L, c_R, psi, log_c, eta, inventories)

    def _set_interfaces(self, c_L, c_R):
        """Film (R_f || C_f) in series with a double layer || Butler-Volmer
        kinetics, at each electrode; returns the overpotentials and currents."""
        f, i_cell = self._f, self._i
        c0 = P("Initial concentration in electrolyte [mol.m-3]")
        j0 = P("Lithium exchange-current density [A.m-2]")
        R_f0 = P("Lithium interphase resistance [Ohm.m2]")
        C_f = P("Lithium interphase capacitance [F.m-2]")
        k_growth = P("Lithium interphase growth per passed charge [m2.A-1.h-1]")
        q_f = pybamm.Variable("Interphase passed charge per area [A.h.m-2]")
        self.rhs[q_f] = pybamm.AbsoluteValue(i_cell) / 3600
        self.initial_conditions[q_f] = P("Initial interphase passed charge [A.h.m-2]")
        R_f = R_f0 * (1 + k_growth * q_f)
        C_dl = P("Lithium double-layer capacity [F.m-2]")
        out = {}
        for side, c_s, i_a in (("L", c_L, i_cell), ("R", c_R, -i_cell)):
            where = "Counter" if side == "L" else "Working"
            eta_ct = pybamm.Variable(
                f"{where} electrode charge-transfer overpotential [V]"
            )
            eta_f = pybamm.Variable(f"{where} electrode film overpotential [V]")
            j0_s = j0 * (pybamm.maximum(c_s, 0) / c0) ** 0.5
            j_far = 2 * j0_s * pybamm.sinh(f * eta_ct / 2)  # anodic (> 0: stripping)
            # i_a: the anodic current density of this electrode
            self.rhs[eta_ct] = (i_a - j_far) / C_dl
            self.rhs[eta_f] = (i_a - eta_f / R_f) / C_f
            self.initial_conditions[eta_ct] = pybamm.Scalar(0)
            self.initial_conditions[eta_f] = pybamm.Scalar(0)
            out.update({f"ct_{side}": eta_ct, f"f_{side}": eta_f})
            out[f"j_far_{side}"] = j_far
        out["R_f"] = R_f
        out["q_f"] = q_f
        return out

    def _set_charge_conservation(self, c_e, kappa, t_plus, chi, eta):
        """``div i_e = 0`` for the ohmic potential ``psi`` (see the module
        docstring); returns psi, i_e and the diffusion potentials at both ends.

        With t+ and chi constant, i_e = -kappa grad(psi) where
        psi = phi_e - 2 (1 - t+) chi R T / F ln(c / c0); solving for psi keeps the
        diffusion potential out of the boundary ghost cells (it appears, through
        c at the boundaries, only where the salt profile really is)."""
        f, L = self._f, P("Electrolyte thickness [m]")
        c0 = P("Initial concentration in electrolyte [mol.m-3]")
        psi = pybamm.Variable("Electrolyte ohmic potential [V]", domain="electrolyte")
        i_e = -kappa * pybamm.grad(psi)
        self.algebraic[psi] = L**2 * pybamm.div(i_e)
        log_c = {
            side: 2 * (1 - t_plus) * chi / f * pybamm.log(c / c0)
            for side, c in (
                ("bulk", c_e),
                ("L", pybamm.boundary_value(c_e, "left")),
                ("R", pybamm.boundary_value(c_e, "right")),
            )
        }
        eta_L = eta["ct_L"] + eta["f_L"]
        self.boundary_conditions[psi] = {
            "left": (-eta_L - log_c["L"], "Dirichlet"),
            "right": (-self._i / pybamm.boundary_value(kappa, "right"), "Neumann"),
        }
        self.initial_conditions[psi] = pybamm.Scalar(0)
        return psi, i_e, log_c

    def _set_salt_conservation(self, c_e, D_e, t_plus, i_e):
        """``dc/dt = -div N``, ``N = -D grad c + t+ i_e / F``; anions blocked at
        both electrodes."""
        F = pybamm.constants.F
        N_e = -D_e * pybamm.grad(c_e) + t_plus * i_e / F
        self.rhs[c_e] = -pybamm.div(N_e)
        flux = {
            side: (
                -(1 - t_plus) * self._i / (F * pybamm.boundary_value(D_e, side)),
                "Neumann",
            )
            for side in ("left", "right")
        }
        self.boundary_conditions[c_e] = flux
        self.initial_conditions[c_e] = P(
            "Initial concentration in electrolyte [mol.m-3]"
        )

    def _set_inventories(self, j_far_L, j_far_R):
        """Li stripped and plated per area, and the charge throughput per area
        (per area, so the solver's absolute tolerance fits every state)."""
        F = pybamm.constants.F
        q = pybamm.Variable("Discharge capacity per area [A.h.m-2]")
        q_abs = pybamm.Variable("Throughput capacity per area [A.h.m-2]")
        n_Li_L = pybamm.Variable("Lithium stripped per area [mol.m-2]")
        n_Li_R = pybamm.Variable("Lithium plated per area [mol.m-2]")
        self.rhs[n_Li_L] = j_far_L / F
        self.rhs[n_Li_R] = -j_far_R / F
        self.rhs[q] = self._i / 3600
        self.rhs[q_abs] = pybamm.AbsoluteValue(self._i) / 3600
        for var in (n_Li_L, n_Li_R, q, q_abs):
            self.initial_conditions[var] = pybamm.Scalar(0)
        return {"q": q, "q_abs": q_abs, "n_L": n_Li_L, "n_R": n_Li_R}

    def _set_outputs(self, c_e, c_L, c_R, psi, log_c, eta, inv):
        """Voltage, the depletion event, and the output variables (PyBaMM's
        standard names where PyBaMM's tools read them)."""
        A, L = P("Electrode area [m2]"), P("Electrolyte thickness [m]")
        c0 = P("Initial concentration in electrolyte [mol.m-3]")
        eta_L = eta["ct_L"] + eta["f_L"]
        eta_R = eta["ct_R"] + eta["f_R"]
        phi_e_R = pybamm.boundary_value(psi, "right") + log_c["R"]
        phi_e_L = -eta_L
        voltage = phi_e_R + eta_R
        self.events += [
            pybamm.Event(
                "Electrolyte depleted at an electrode",
                pybamm.minimum(c_L, c_R) - DEPLETION_FRACTION * c0,
            )
        ]
        zero = pybamm.Scalar(0) * pybamm.t
        self.variables = {
            "Time [s]": pybamm.t,
            "Time [min]": pybamm.t / 60,
            "Time [h]": pybamm.t / 3600,
            "Voltage [V]": voltage,
            "Terminal voltage [V]": voltage,
            "Battery voltage [V]": voltage,
            "Current [A]": self._current,
            "Current variable [A]": self._current,
            "Current density [A.m-2]": self._i,
            "Current density [mA.cm-2]": self._i / 10,
            "Throughput capacity [A.h]": A * inv["q_abs"],
            "Discharge capacity [A.h]": A * inv["q"],
            "Electrolyte concentration [mol.m-3]": c_e,
            "Electrolyte potential [V]": psi + log_c["bulk"],
            "Electrolyte ohmic potential [V]": psi,
            "x [m]": pybamm.PrimaryBroadcast(0, "electrolyte") + X,
            "Electrolyte concentration at counter electrode [mol.m-3]": c_L,
            "Electrolyte concentration at working electrode [mol.m-3]": c_R,
            "Minimum electrolyte concentration at the electrodes [mol.m-3]": (
                pybamm.minimum(c_L, c_R)
            ),
            "Salt in electrolyte [mol]": A * pybamm.Integral(c_e, X),
            "Electrolyte ohmic and diffusion potential drop [V]": phi_e_R - phi_e_L,
            "Counter electrode charge-transfer overpotential [V]": eta["ct_L"],
            "Working electrode charge-transfer overpotential [V]": eta["ct_R"],
            "Counter electrode film overpotential [V]": eta["f_L"],
            "Working electrode film overpotential [V]": eta["f_R"],
            "Lithium interphase resistance per electrode [Ohm.m2]": eta["R_f"],
            "Interphase passed charge per area [A.h.m-2]": eta["q_f"],
            "Counter electrode faradaic current density [A.m-2]": eta["j_far_L"],
            "Working electrode faradaic current density [A.m-2]": eta["j_far_R"],
            "Lithium stripped from counter electrode [mol]": A * inv["n_L"],
            "Lithium plated on working electrode [mol]": A * inv["n_R"],
            "Electrolyte thickness [m]": L,
            # the voltage split PyBaMM's plot_voltage_components reads; they sum
            # to the voltage: 0 V open circuit (same metal both sides), charge
            # transfer, diffusion potential, ohmic electrolyte, the interphase
            # films (as the electrodes' ohmic loss); no particles, no contact
            "Battery open-circuit voltage [V]": zero,
            "Battery particle concentration overpotential [V]": zero,
            "X-averaged battery reaction overpotential [V]": eta["ct_R"] - eta["ct_L"],
            "X-averaged battery concentration overpotential [V]": log_c["R"]
            - log_c["L"],
            "X-averaged battery electrolyte ohmic losses [V]": pybamm.boundary_value(
                psi, "right"
            )
            - pybamm.boundary_value(psi, "left"),
            "X-averaged battery solid phase ohmic losses [V]": eta["f_R"] - eta["f_L"],
            "Contact overpotential [V]": zero,
        }

    # ------------------------------------------------------------------
    @property
    def default_parameter_values(self):
        """The Li | CPCSE | Li cell of Cheng2023 (parameter set "CPCSE")."""
        from sim import parameters

        return parameters.get("CPCSE").to_pybamm()

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
        return [
            "Voltage [V]",
            "Current [A]",
            "Electrolyte concentration [mol.m-3]",
            "Electrolyte potential [V]",
        ]


__all__ = [
    "CAPACITY_PER_AREA",
    "CELL_PARAMETERS",
    "DEPLETION_FRACTION",
    "ELECTROLYTE_PARAMETERS",
    "GROWTH_PARAMETERS",
    "SymmetricLithiumCell",
    "cell_entries",
    "control_entries",
    "required_parameters",
    "symmetric_cell_with_electrolyte",
]
