"""Galvanostatic Li plating/stripping of a Li | electrolyte | Li cell, as a cycler
runs it: at each current density, ``cycles`` cycles of a half cycle one way and a
half cycle back, continuously, until the electrolyte depletes at an electrode (the
model's event; where a real cell grows dendrites and shorts).

Current densities are given in the paper's unit, mA/cm2 (positive magnitudes); the
first half cycle of each cycle plates Li on the working electrode (PyBaMM's
positive current, negative voltage).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pybamm

from sim.errors import ProtocolError
from sim.models.symmetric_lithium_cell import SymmetricLithiumCell


@dataclass(frozen=True)
class StepCycling:
    """Step-current plating/stripping protocol.

    Attributes:
        current_densities: Magnitudes [mA.cm-2], each > 0.
        half_cycle_time: Duration of each half cycle [s], > 0.
        cycles_per_step: Full cycles (there and back) at each current, >= 1.
    """

    current_densities: tuple[float, ...]
    half_cycle_time: float = 3600.0
    cycles_per_step: int = 1

    def __post_init__(self):
        densities = tuple(self.current_densities)
        if not densities:
            raise ProtocolError("give at least one current density [mA.cm-2]")
        bad = [i for i in densities if not (np.isfinite(i) and i > 0)]
        if bad:
            raise ProtocolError(
                f"current densities {bad} mA/cm2 are not allowed: give magnitudes "
                "> 0 (the protocol alternates the direction itself)"
            )
        if not (np.isfinite(self.half_cycle_time) and self.half_cycle_time > 0):
            raise ProtocolError(
                f"half-cycle time {self.half_cycle_time!r} s: must be > 0"
            )
        if not isinstance(self.cycles_per_step, int) or self.cycles_per_step < 1:
            raise ProtocolError(
                f"cycles per step {self.cycles_per_step!r}: must be an integer >= 1"
            )
        object.__setattr__(self, "current_densities", densities)


def run_step_cycling(parameter_values, protocol, points_per_half_cycle=60):
    """Run the protocol; stop at the first depletion.

    Returns:
        dict with the curves ("Time [s]", "Voltage [V]", "Current density
        [mA.cm-2]", "Minimum electrolyte concentration at the electrodes
        [mol.m-3]"), "depleted" (bool), "depletion time [s]" and "depletion
        current density [mA.cm-2]" (NaN if none), and "solution".

    Raises:
        ProtocolError: If the solver stops before the protocol's end without a
            depletion (a numerical failure, not a result).
    """
    area = parameter_values["Electrode area [m2]"]
    steps = []
    for i_mA in protocol.current_densities:
        current = i_mA * 10 * area  # mA/cm2 -> A/m2 -> A
        for _ in range(protocol.cycles_per_step):
            for sign in (1, -1):
                steps.append(
                    pybamm.step.current(
                        sign * current,
                        duration=protocol.half_cycle_time,
                        period=protocol.half_cycle_time / points_per_half_cycle,
                    )
                )
    sim = pybamm.Simulation(
        SymmetricLithiumCell(),
        parameter_values=parameter_values,
        experiment=pybamm.Experiment(steps),
    )
    level = pybamm.logger.level
    pybamm.logger.setLevel("CRITICAL")  # depletion ends the run: reported below
    try:
        sol = sim.solve(calc_esoh=False)
    finally:
        pybamm.logger.setLevel(level)
    t = sol["Time [s]"].entries
    i_cm = sol["Current density [mA.cm-2]"].entries
    c_min = sol["Minimum electrolyte concentration at the electrodes [mol.m-3]"]
    depleted = "depleted" in str(sol.termination)
    planned = len(steps) * protocol.half_cycle_time
    if not depleted and t[-1] < planned * (1 - 1e-9):
        raise ProtocolError(
            f"the solver stopped at {t[-1]:.0f} s of {planned:.0f} s without "
            f"depletion ({sol.termination}): a numerical failure, not a result; "
            "the protocol cannot be simulated with these parameters (try smaller "
            "current densities or shorter half cycles)"
        )
    return {
        "Time [s]": t,
        "Voltage [V]": sol["Voltage [V]"].entries,
        "Current density [mA.cm-2]": i_cm,
        "Minimum electrolyte concentration at the electrodes [mol.m-3]": c_min.entries,
        "depleted": depleted,
        "depletion time [s]": float(t[-1]) if depleted else float("nan"),
        "depletion current density [mA.cm-2]": float(abs(i_cm[-1]))
        if depleted
        else float("nan"),
        "solution": sol,
    }


def depletion_times(parameter_values, current_densities, duration):
    """For each current density [mA.cm-2], one constant-current half cycle of
    ``duration`` [s] from rest: the time [s] at which the salt at an electrode
    depletes, NaN if it does not. The model is built once (current as input)."""
    pv = parameter_values.copy()
    pv["Current function [A]"] = pybamm.InputParameter("Current [A]")
    area = pv["Electrode area [m2]"]
    sim = pybamm.Simulation(SymmetricLithiumCell(), parameter_values=pv)
    out = []
    for i_mA in current_densities:
        if not (np.isfinite(i_mA) and i_mA > 0):
            raise ProtocolError(f"current density {i_mA!r} mA/cm2: must be > 0")
        sol = sim.solve([0, duration], inputs={"Current [A]": i_mA * 10 * area})
        depleted = "depleted" in str(sol.termination)
        out.append(float(sol.t[-1]) if depleted else float("nan"))
    return np.asarray(out)


__all__ = ["StepCycling", "depletion_times", "run_step_cycling"]
