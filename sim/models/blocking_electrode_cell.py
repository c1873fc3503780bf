"""Stainless steel | polymer electrolyte | stainless steel: the blocking-electrode
cell in which conductivity is measured by impedance.

No charge crosses the steel/electrolyte interfaces, so no salt is made or consumed:
the only charge stored at an interface is its double layer, ~C_dl x 10 mV ~ 1e-8
mol/m2 against ~0.05 mol/m2 of salt in the film, so the salt stays at c0 and the
field in the bulk is uniform. The cell is then, exactly for these assumptions:

* the bulk: ionic resistance ``R_b = L / (kappa(c0, T) A)`` in parallel with the
  geometric capacitance ``C_g = eps_r eps_0 A / L`` (displacement current);
* a double layer at each electrode, in series, capacity ``C_dl A``.

States: the potential drop across the bulk ``V_b`` and the double-layer voltages
``V_dl`` at both electrodes::

    C_g dV_b/dt    = I - V_b / R_b
    C_dl A dV_L/dt = I,    C_dl A dV_R/dt = -I
    V = -(V_b + V_L - V_R)

(PyBaMM's sign convention: V = -I Z, so ``pybamm.EISSimulation`` returns Z with a
positive real part.) The spectrum is a bulk semicircle (apex at
``1 / (2 pi R_b C_g)``, above 1 MHz for conductive films) followed by a vertical
double-layer spike whose real-axis intercept is ``R_b``; reading it off
(:func:`sim.analysis.blocking_electrode.bulk_resistance`) and converting it to
``sigma = L / (R_b A)`` is the experimenter's route to Fig. 3e/f.

The current comes from "Current function [A]"; "Voltage [V]" and "Current [A]" are
exposed, so ``pybamm.EISSimulation(model, values, skip_surface_form_check=True)``
works. "Ambient temperature [K]" may be an ``[input]``: one build, every
temperature.
"""

from __future__ import annotations

import pybamm

from sim.errors import ParameterError
from sim.physics.polymer_electrolyte import check_cell_temperature

P = pybamm.Parameter
EPSILON_0 = 8.8541878128e-12  # F/m

PARAMETERS = (
    "Electrolyte thickness [m]",
    "Electrode area [m2]",
    "Electrolyte relative permittivity",
    "Blocking electrode double-layer capacity [F.m-2]",
    "Initial concentration in electrolyte [mol.m-3]",
    "Electrolyte conductivity [S.m-1]",
    "Ambient temperature [K]",
)


class BlockingElectrodeCell(pybamm.lithium_ion.BaseModel):
    """SS | electrolyte | SS blocking-electrode cell. See the module docstring."""

    def __init__(self, name="SS|electrolyte|SS blocking cell"):
        super().__init__({}, name)
        L = P("Electrolyte thickness [m]")
        A = P("Electrode area [m2]")
        T = P("Ambient temperature [K]")
        c0 = P("Initial concentration in electrolyte [mol.m-3]")
        kappa = pybamm.FunctionParameter(
            "Electrolyte conductivity [S.m-1]",
            {"Electrolyte concentration [mol.m-3]": c0, "Temperature [K]": T},
        )
        R_b = L / (kappa * A)
        C_g = P("Electrolyte relative permittivity") * EPSILON_0 * A / L
        C_dl = P("Blocking electrode double-layer capacity [F.m-2]") * A
        I = pybamm.FunctionParameter("Current function [A]", {"Time [s]": pybamm.t})

        V_b = pybamm.Variable("Bulk potential drop [V]")
        V_L = pybamm.Variable("Counter electrode double-layer voltage [V]")
        V_R = pybamm.Variable("Working electrode double-layer voltage [V]")
        self.rhs[V_b] = (I - V_b / R_b) / C_g
        self.rhs[V_L] = I / C_dl
        self.rhs[V_R] = -I / C_dl
        for var in (V_b, V_L, V_R):
            self.initial_conditions[var] = pybamm.Scalar(0)
        voltage = -(V_b + V_L - V_R)
        self.variables = {
            "Time [s]": pybamm.t,
            "Voltage [V]": voltage,
            "Battery voltage [V]": voltage,
            "Current [A]": I,
            "Bulk potential drop [V]": V_b,
            "Counter electrode double-layer voltage [V]": V_L,
            "Working electrode double-layer voltage [V]": V_R,
            "Ionic current [A]": V_b / R_b,
            "Bulk resistance [Ohm]": R_b,
            "Geometric capacitance [F]": C_g,
            "Electrolyte conductivity [S.m-1]": kappa,
        }

    @property
    def default_geometry(self):
        return pybamm.Geometry({})

    @property
    def default_var_pts(self):
        return {}

    @property
    def default_submesh_types(self):
        return {}

    @property
    def default_spatial_methods(self):
        return {}

    @property
    def default_solver(self):
        return pybamm.IDAKLUSolver(rtol=1e-8, atol=1e-12)


def parameter_values(cell, electrolyte, extra=None):
    """``pybamm.ParameterValues`` of the blocking cell at rest (see
    :func:`sim.models.symmetric_lithium_cell.parameter_values` for the arguments).

    Raises:
        ParameterError: Listing missing entries, or for a numeric "Ambient
            temperature [K]" at or below the electrolyte's VTF T0 (an
            ``"[input]"`` temperature is checked by the caller before solving,
            :func:`sim.physics.polymer_electrolyte.check_cell_temperature`).
    """
    values = {k: v for k, v in cell.items() if k in PARAMETERS}
    values.update(electrolyte)  # incl. any parameters its functions read
    values.update(extra or {})
    missing = [k for k in PARAMETERS if k not in values]
    if missing:
        raise ParameterError(f"blocking cell parameters missing: {missing}")
    check_cell_temperature(values, values["Ambient temperature [K]"])
    values = {
        k: pybamm.InputParameter(k) if isinstance(v, str) and v == "[input]" else v
        for k, v in values.items()
    }
    values["Current function [A]"] = 0.0
    values["Nominal cell capacity [A.h]"] = 1e-6
    return pybamm.ParameterValues(values)


__all__ = ["PARAMETERS", "BlockingElectrodeCell", "parameter_values"]
