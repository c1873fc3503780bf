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
exposed, and the model declares ``"surface form": "differential"`` (its double
layers are differential states), so ``pybamm.EISSimulation(model, values)``
works; ``pybamm.Experiment`` steps work too (``calc_esoh`` False). It has no state
of charge: ``initial_soc`` is refused with one ParameterError. "Ambient temperature [K]" may be an ``[input]``: one build, every
temperature.
"""

from __future__ import annotations

import pybamm

from sim.errors import ParameterError
from sim.expressions import as_pybamm_value
from sim.models.no_state_of_charge import refusal_entries
from sim.physics.polymer_electrolyte import check_cell_temperature

P = pybamm.Parameter
EPSILON_0 = 8.8541878128e-12  # F/m, vacuum permittivity (CODATA 2018)

PARAMETERS = (
    "Electrolyte thickness [m]",
    "Electrode area [m2]",
    "Electrolyte relative permittivity",
    "Blocking electrode double-layer capacity [F.m-2]",
    "Initial concentration in electrolyte [mol.m-3]",
    "Electrolyte conductivity [S.m-1]",
    "Ambient temperature [K]",
)

NOMINAL_CAPACITY = 1e-6
"""A.h. "Nominal cell capacity [A.h]" for PyBaMM's C-rate steps: a blocking cell
stores no faradaic charge, so this only scales "1C" (1 uA)."""


class BlockingElectrodeCell(pybamm.lithium_ion.BaseModel):
    """SS | electrolyte | SS blocking-electrode cell. See the module docstring.

    ``calc_esoh`` is False (no electrodes that store lithium); the option
    ``"surface form": "differential"`` states that the double layers are
    differential states, so ``pybamm.EISSimulation`` accepts the model as it is.
    Default parameter values: the SS | CPCSE | SS cell (set "SS|CPCSE|SS").
    """

    def __init__(self, name="SS|electrolyte|SS blocking cell"):
        super().__init__({"surface form": "differential"}, name)
        self.calc_esoh = False
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
        # charge in coulombs (~1e-5 C for 1 uA x 10 s): within the solver's atol
        q = pybamm.Variable("Discharge capacity [C]")
        q_abs = pybamm.Variable("Throughput capacity [C]")
        self.rhs[V_b] = (I - V_b / R_b) / C_g
        self.rhs[V_L] = I / C_dl
        self.rhs[V_R] = -I / C_dl
        self.rhs[q] = I
        self.rhs[q_abs] = pybamm.AbsoluteValue(I)
        for var in (V_b, V_L, V_R, q, q_abs):
            self.initial_conditions[var] = pybamm.Scalar(0)
        voltage = -(V_b + V_L - V_R)
        zero = pybamm.Scalar(0) * pybamm.t
        self.variables = {
            "Time [s]": pybamm.t,
            "Time [min]": pybamm.t / 60,
            "Time [h]": pybamm.t / 3600,
            "Voltage [V]": voltage,
            "Terminal voltage [V]": voltage,
            "Battery voltage [V]": voltage,
            "Current [A]": I,
            "Current variable [A]": I,
            "Discharge capacity [A.h]": q / 3600,
            "Throughput capacity [A.h]": q_abs / 3600,
            "Bulk potential drop [V]": V_b,
            "Counter electrode double-layer voltage [V]": V_L,
            "Working electrode double-layer voltage [V]": V_R,
            "Ionic current [A]": V_b / R_b,
            "Bulk resistance [Ohm]": R_b,
            "Geometric capacitance [F]": C_g,
            "Electrolyte conductivity [S.m-1]": kappa,
            # the split plot_voltage_components reads: the charged double layers
            # are the voltage the cell keeps at open circuit; the bulk drop is the
            # electrolyte's ohmic loss; nothing else
            "Battery open-circuit voltage [V]": V_R - V_L,
            "Battery particle concentration overpotential [V]": zero,
            "X-averaged battery reaction overpotential [V]": zero,
            "X-averaged battery concentration overpotential [V]": zero,
            "X-averaged battery electrolyte ohmic losses [V]": -V_b,
            "X-averaged battery solid phase ohmic losses [V]": zero,
            "Contact overpotential [V]": zero,
        }

    @property
    def default_parameter_values(self):
        """The SS | CPCSE | SS cell of Cheng2023 (parameter set "SS|CPCSE|SS")."""
        from sim import parameters

        return parameters.get("SS|CPCSE|SS").to_pybamm()

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
        # atol 1e-10: 1e-12 made IDA fail where an experiment step switches the
        # current (the bulk relaxes in ~R_b C_g ~ 1 ns)
        return pybamm.IDAKLUSolver(rtol=1e-8, atol=1e-10)

    @property
    def default_quick_plot_variables(self):
        return [
            "Voltage [V]",
            "Current [A]",
            "Bulk potential drop [V]",
            "Counter electrode double-layer voltage [V]",
        ]


def cell_entries(cell, electrolyte, extra=None) -> dict:
    """The blocking cell's PyBaMM entries at rest, as a dict (see
    :func:`blocking_cell_with_electrolyte`)."""
    values = {k: v for k, v in cell.items() if k in PARAMETERS}
    values.update(electrolyte)  # incl. any parameters its functions read
    values.update(extra or {})
    missing = [k for k in PARAMETERS if k not in values]
    if missing:
        raise ParameterError(f"blocking cell parameters missing: {missing}")
    check_cell_temperature(values, values["Ambient temperature [K]"])
    values = {k: as_pybamm_value(k, v) for k, v in values.items()}
    values.update(control_entries())
    return values


def control_entries() -> dict:
    """Current (0 A), nominal capacity and the OCP entries refusing
    ``initial_soc`` (:mod:`sim.models.no_state_of_charge`)."""
    return {
        "Current function [A]": 0.0,
        "Nominal cell capacity [A.h]": NOMINAL_CAPACITY,
        **refusal_entries("SS|electrolyte|SS blocking cell"),
    }


def blocking_cell_with_electrolyte(cell, electrolyte, extra=None):
    """``pybamm.ParameterValues`` of a blocking cell at rest, from cell-level
    values and any electrolyte (see
    :func:`sim.models.symmetric_cell_values.symmetric_cell_with_electrolyte` for
    the arguments). For the Cheng2023 cells use the complete sets instead:
    ``parameters.get("SS|CPCSE|SS").to_pybamm(extra=...)``.

    Raises:
        ParameterError: Listing missing entries, or for a numeric "Ambient
            temperature [K]" outside the electrolyte's range (an ``"[input]"``
            temperature is checked by the caller before solving,
            :func:`sim.physics.polymer_electrolyte.check_cell_temperature`).
    """
    return pybamm.ParameterValues(cell_entries(cell, electrolyte, extra))


__all__ = [
    "NOMINAL_CAPACITY",
    "PARAMETERS",
    "BlockingElectrodeCell",
    "blocking_cell_with_electrolyte",
    "cell_entries",
    "control_entries",
]
