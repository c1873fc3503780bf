"""A simulated Bruce-Vincent experiment on the Li | electrolyte | Li cell, done the
way a laboratory does it:

1. impedance at rest (bulk resistance R_b and interfacial resistance R_0 read off
   the spectrum, :func:`sim.analysis.blocking_electrode.interfacial_resistance`);
2. a small potentiostatic step dV held until the current is steady;
3. impedance at the end of the polarization (R_ss), linearised about the polarized
   state;
4. ``t+ = I_ss (dV - I_0 R_0) / (I_0 (dV - I_ss R_ss))`` with
   ``I_0 = dV / (R_b + R_0)`` (:mod:`sim.analysis.transference`).
"""

from __future__ import annotations

import numpy as np
import pybamm

from sim.analysis.blocking_electrode import interfacial_resistance
from sim.analysis.transference import (
    bruce_vincent,
    initial_current,
    steady_state_current,
)
from sim.errors import ProtocolError
from sim.models.symmetric_lithium_cell import SymmetricLithiumCell
from sim.physics.polymer_electrolyte import check_cell_temperature

FREQUENCIES = np.logspace(6, -3, 91)
"""Hz: 1 MHz to 1 mHz, 10 points per decade."""

DRIFT_TOLERANCE = 1e-3
"""Largest relative change of the current over the last 5 % of the hold
(:func:`sim.analysis.transference.steady_state_current`) accepted as steady.
Why 1e-3: for an exponential approach with time constant tau, the current still
exceeds its final value by about drift x tau / (0.05 x hold); with the hold at
least tau long (the salt profile's L^2/(pi^2 D)) that is below 2 %, so I_ss and
the transference number are off by less than 2 %. A larger drift means the hold
was too short for the electrolyte's diffusivity: lengthen it."""


def run_bruce_vincent(
    parameter_values,
    delta_v=0.01,
    hold_time=4 * 3600.0,
    frequencies=FREQUENCIES,
    inputs=None,
):
    """Simulate the Bruce-Vincent experiment. Returns a dict with the current
    transient ("Time [s]", "Current [A]"), both spectra ("Frequency [Hz]",
    "Impedance before [Ohm]", "Impedance after [Ohm]"), the read-off resistances
    "R_b [Ohm]", "R_0 [Ohm]", "R_ss [Ohm]", "I_0 [A]", "I_ss [A]", the steady
    state's relative drift over the last 5 % of the hold, and "t+ (Bruce-Vincent)".

    Raises:
        ProtocolError: If the step is not in (0, 0.1] V, the hold is not > 0 s, or
            the current has not settled by the end of the hold (relative drift
            over its last 5 % above :data:`DRIFT_TOLERANCE`).
        ParameterError: If an ``"Ambient temperature [K]"`` input is at or below
            the electrolyte's VTF T0 (checked before solving).
    """
    if not 0 < delta_v <= 0.1:
        raise ProtocolError(
            f"Bruce-Vincent voltage step {delta_v!r} V: must be in (0, 0.1] V (a "
            "small step, so the cell responds linearly)"
        )
    if not hold_time > 0:
        raise ProtocolError(f"hold time {hold_time!r} s: must be > 0")
    inputs = inputs or {}
    check_cell_temperature(
        parameter_values,
        inputs.get("Ambient temperature [K]"),
        "input 'Ambient temperature [K]'",
    )
    eis = pybamm.EISSimulation(
        SymmetricLithiumCell(), parameter_values, skip_surface_form_check=True
    )
    z0 = eis.solve(frequencies, inputs=inputs).impedance
    r_b, r_0 = interfacial_resistance(frequencies, z0)

    # PyBaMM's sign: V < 0 while Li is plated on the working electrode (I > 0)
    step = pybamm.step.voltage(-delta_v, duration=hold_time, period=hold_time / 400)
    sim = pybamm.Simulation(
        SymmetricLithiumCell(),
        parameter_values=parameter_values,
        experiment=pybamm.Experiment([step]),
    )
    sol = sim.solve(calc_esoh=False, inputs=inputs)
    t = sol["Time [s]"].entries
    current = sol["Current [A]"].entries
    i_ss, drift = steady_state_current(t, current)
    if not abs(drift) <= DRIFT_TOLERANCE:
        raise ProtocolError(
            f"Bruce-Vincent: the current has not settled after the {hold_time:g} s "
            f"hold (it changed by {100 * abs(drift):.3g} % over the last 5 % of "
            f"the hold; at most {100 * DRIFT_TOLERANCE:g} % is accepted as steady): "
            "hold longer, about L^2/(pi^2 D) of the electrolyte or more"
        )

    polarized = SymmetricLithiumCell()
    polarized.set_initial_conditions_from(sol)
    eis_after = pybamm.EISSimulation(
        polarized, parameter_values, skip_surface_form_check=True
    )
    z_ss = eis_after.solve(frequencies, inputs=inputs).impedance
    _, r_ss = interfacial_resistance(frequencies, z_ss)
    i_0 = initial_current(delta_v, r_b, r_0)
    return {
        "Time [s]": t,
        "Current [A]": current,
        "Frequency [Hz]": np.asarray(frequencies),
        "Impedance before [Ohm]": z0,
        "Impedance after [Ohm]": z_ss,
        "R_b [Ohm]": r_b,
        "R_0 [Ohm]": r_0,
        "R_ss [Ohm]": r_ss,
        "I_0 [A]": i_0,
        "I_ss [A]": i_ss,
        "steady-state drift": drift,
        "t+ (Bruce-Vincent)": bruce_vincent(delta_v, i_0, i_ss, r_0, r_ss),
    }


__all__ = ["DRIFT_TOLERANCE", "FREQUENCIES", "run_bruce_vincent"]
