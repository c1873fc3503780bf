"""A simulated Bruce-Vincent experiment on a Li | electrolyte | Li cell, done the
way a laboratory does it:

1. impedance at rest (bulk resistance R_b and interfacial resistance R_0 read off
   the spectrum, :func:`sim.analysis.blocking_electrode.interfacial_resistance`);
2. a small potentiostatic step dV held until the current is steady;
3. impedance at the end of the polarization (R_ss), linearised about the polarized
   state;
4. ``t+ = I_ss (dV - I_0 R_0) / (I_0 (dV - I_ss R_ss))`` with
   ``I_0 = dV / (R_b + R_0)`` (:mod:`sim.analysis.transference`).

The runner takes the cell model like every other runner (e.g.
``simulate(SymmetricLithiumCell(), pv, BruceVincent())``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pybamm

from sim.analysis.blocking_electrode import interfacial_resistance
from sim.analysis.transference import (
    bruce_vincent,
    initial_current,
    steady_state_current,
)
from sim.errors import ProtocolError
from sim.physics.polymer_electrolyte import check_cell_temperature
from sim.protocols import checks
from sim.protocols.contract import built_simulation, cached, runner
from sim.protocols.recording import result, step_columns

FREQUENCIES = tuple(float(f) for f in np.logspace(6, -3, 91))
"""Hz: 1 MHz to 1 mHz, 10 points per decade."""

DRIFT_TOLERANCE = 1e-3
"""Largest relative change of the current over the last 5 % of the hold
(:func:`sim.analysis.transference.steady_state_current`) accepted as steady.
Why 1e-3: for an exponential approach with time constant tau, the current still
exceeds its final value by about drift x tau / (0.05 x hold); with the hold at
least tau long (the salt profile's L^2/(pi^2 D)) that is below 2 %, so I_ss and
the transference number are off by less than 2 %. A larger drift means the hold
was too short for the electrolyte's diffusivity: lengthen it."""


@dataclass(frozen=True)
class BruceVincent:
    """Potentiostatic step ``delta_v`` [V] held for ``hold_time`` [s], with
    spectra at ``frequencies`` [Hz] before and after; ``points`` output points
    over the hold."""

    delta_v: float = 0.01
    hold_time: float = 4 * 3600.0
    frequencies: tuple = FREQUENCIES
    points: int = 400

    def __post_init__(self):
        dv = self.delta_v
        if (
            isinstance(dv, bool)
            or not isinstance(dv, int | float | np.number)
            or not (0 < dv <= 0.1)
        ):
            raise ProtocolError(
                f"Bruce-Vincent voltage step {dv!r} V: must be in (0, 0.1] V (a "
                "small step, so the cell responds linearly)"
            )
        try:
            freqs = tuple(float(f) for f in self.frequencies)
        except (TypeError, ValueError):
            raise ProtocolError(
                "frequencies: give a sequence of numbers [Hz]"
            ) from None
        if len(freqs) < 5 or len(freqs) > 10_000:
            raise ProtocolError(f"{len(freqs)} frequencies: give 5..10000")
        for f in freqs:
            checks.real("frequency [Hz]", f, high=1e9)
        checks.setattrs(
            self,
            delta_v=float(dv),
            hold_time=checks.real("hold time [s]", self.hold_time, high=1e7),
            frequencies=freqs,
            points=checks.integer(
                "points", self.points, low=10, high=checks.MAX_POINTS
            ),
        )


def _spectrum(cell, model, key):
    """Impedance of ``model`` (built once per key) at the protocol frequencies."""

    def build():
        return pybamm.EISSimulation(model, cell.parameter_values)

    return cached(cell, key, build)


def _table(freqs, z):
    return {"Frequency [Hz]": freqs, "Z_re [Ohm]": z.real, "Z_im [Ohm]": z.imag}


@runner(BruceVincent)
def simulate_bruce_vincent(cell, protocol):
    """Columns: the current transient (standard columns); tables "Impedance
    before" and "Impedance after"; summary: "R_b [Ohm]", "R_0 [Ohm]", "R_ss
    [Ohm]", "I_0 [A]", "I_ss [A]", "steady-state drift", "t+ (Bruce-Vincent)".

    Raises:
        ProtocolError: If the current has not settled by the end of the hold.
        ParameterError: If an ``"Ambient temperature [K]"`` input is at or below
            the electrolyte's VTF T0 (checked before solving).
    """
    check_cell_temperature(
        cell.parameter_values,
        cell.inputs.get("Ambient temperature [K]"),
        "input 'Ambient temperature [K]'",
    )
    freqs = np.asarray(protocol.frequencies)
    inputs = cell.inputs or None
    z0 = (
        _spectrum(cell, cell.model, ("eis at rest",))
        .solve(freqs, inputs=inputs)
        .impedance
    )
    r_b, r_0 = interfacial_resistance(freqs, z0)
    # PyBaMM's sign: V < 0 while Li is plated on the working electrode (I > 0)
    hold = protocol.hold_time
    step = pybamm.step.voltage(
        -protocol.delta_v, duration=hold, period=hold / protocol.points
    )
    sim = built_simulation(
        cell, ("bruce-vincent hold", protocol), lambda: pybamm.Experiment([step])
    )
    sol = cell.solve(sim)
    cols = step_columns(cell, sol)
    i_ss, drift = steady_state_current(cols["Time [s]"], cols["Current [A]"])
    if not abs(drift) <= DRIFT_TOLERANCE:
        raise ProtocolError(
            f"Bruce-Vincent: the current has not settled after the {hold:g} s "
            f"hold (it changed by {100 * abs(drift):.3g} % over the last 5 % of "
            f"the hold; at most {100 * DRIFT_TOLERANCE:g} % is accepted as steady): "
            "hold longer, about L^2/(pi^2 D) of the electrolyte or more"
        )
    polarized = cell.model.set_initial_conditions_from(sol, inplace=False)
    eis_after = pybamm.EISSimulation(polarized, cell.parameter_values)
    z_ss = eis_after.solve(freqs, inputs=inputs).impedance
    _, r_ss = interfacial_resistance(freqs, z_ss)
    i_0 = initial_current(protocol.delta_v, r_b, r_0)
    summary = {
        "R_b [Ohm]": r_b, "R_0 [Ohm]": r_0, "R_ss [Ohm]": r_ss, "I_0 [A]": i_0,
        "I_ss [A]": i_ss, "steady-state drift": drift,
        "t+ (Bruce-Vincent)": bruce_vincent(protocol.delta_v, i_0, i_ss, r_0, r_ss),
    }  # fmt: skip
    tables = {
        "Impedance before": _table(freqs, z0),
        "Impedance after": _table(freqs, z_ss),
    }
    return result(cell, protocol, sol, cols, tables=tables, summary=summary)


__all__ = ["DRIFT_TOLERANCE", "FREQUENCIES", "BruceVincent"]
