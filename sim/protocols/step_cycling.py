"""Galvanostatic Li plating/stripping of a Li | electrolyte | Li cell, as a cycler
runs it: at each current density, ``cycles`` cycles of a half cycle one way and a
half cycle back, continuously, until the electrolyte depletes at an electrode (the
model's event; where a real cell grows dendrites and shorts).

Current densities are given in the paper's unit, mA/cm2 (positive magnitudes,
turned into amperes with the cell's "Electrode area [m2]"); the first half cycle
of each cycle plates Li on the working electrode (PyBaMM's positive current,
negative voltage). The runner takes the cell model like every other runner.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pybamm

from sim.errors import ProtocolError
from sim.protocols import checks
from sim.protocols.contract import Cell, built_simulation, runner
from sim.protocols.recording import result, step_columns
from sim.specific_units import specific_to_amperes

C_MIN = "Minimum electrolyte concentration at the electrodes [mol.m-3]"
MAX_CURRENT_DENSITY = 1000.0  # mA/cm2, far above any polymer cell


@dataclass(frozen=True)
class StepCycling:
    """Step-current plating/stripping protocol.

    Attributes:
        current_densities: Magnitudes [mA.cm-2], each > 0.
        half_cycle_time: Duration of each half cycle [s], > 0.
        cycles_per_step: Full cycles (there and back) at each current, >= 1.
        points_per_half_cycle: Output points per half cycle.
    """

    current_densities: tuple[float, ...]
    half_cycle_time: float = 3600.0
    cycles_per_step: int = 1
    points_per_half_cycle: int = 60

    def __post_init__(self):
        try:
            densities = tuple(self.current_densities)
        except TypeError:
            raise ProtocolError(
                f"current densities {self.current_densities!r}: give a sequence"
            ) from None
        if not densities:
            raise ProtocolError("give at least one current density [mA.cm-2]")
        bad = [
            i
            for i in densities
            if isinstance(i, bool) or not isinstance(i, int | float | np.number)
            or not (np.isfinite(i) and 0 < i <= MAX_CURRENT_DENSITY)
        ]  # fmt: skip
        if bad:
            raise ProtocolError(
                f"current densities {bad} mA/cm2 are not allowed: give magnitudes "
                f"> 0 and <= {MAX_CURRENT_DENSITY:g} (the protocol alternates the "
                "direction itself)"
            )
        checks.setattrs(
            self,
            current_densities=tuple(float(i) for i in densities),
            half_cycle_time=checks.real("half-cycle time [s]", self.half_cycle_time, high=1e7),
            cycles_per_step=checks.integer("cycles per step", self.cycles_per_step, high=10_000),
            points_per_half_cycle=checks.integer(
                "points per half cycle", self.points_per_half_cycle, low=2,
                high=checks.MAX_POINTS,
            ),
        )  # fmt: skip

    @property
    def planned_time(self):
        """Duration of the whole protocol [s] if nothing depletes."""
        n = 2 * len(self.current_densities) * self.cycles_per_step
        return n * self.half_cycle_time


def _steps(protocol, parameter_values):
    steps = []
    for i_mA in protocol.current_densities:
        current = specific_to_amperes(i_mA, "mA/cm2", parameter_values)
        for _ in range(protocol.cycles_per_step):
            for sign in (1, -1):
                steps.append(
                    pybamm.step.current(
                        sign * current,
                        duration=protocol.half_cycle_time,
                        period=protocol.half_cycle_time
                        / protocol.points_per_half_cycle,
                    )
                )
    return steps


def _solve_quietly(cell, sim, total):
    level = pybamm.logger.level
    pybamm.logger.setLevel("CRITICAL")  # depletion ends the run: reported below
    try:
        return cell.solve(sim, total=total, what="half cycle")
    finally:
        pybamm.logger.setLevel(level)


@runner(StepCycling)
def simulate_step_cycling(cell, protocol):
    """Columns: the standard ones, "Current density [mA.cm-2]" and the minimum
    salt concentration at the electrodes; summary: "depleted" (bool),
    "depletion time [s]" and "depletion current density [mA.cm-2]" (NaN if
    none).

    Raises:
        ProtocolError: If the solver stops before the protocol's end without a
            depletion (a numerical failure, not a result).
    """
    steps = _steps(protocol, cell.parameter_values)
    sim = built_simulation(
        cell, ("step cycling", protocol), lambda: pybamm.Experiment(steps)
    )
    sol = _solve_quietly(cell, sim, len(steps))
    t = sol["Time [s]"].entries
    depleted = "depleted" in str(sol.termination)
    planned = protocol.planned_time
    if not depleted and t[-1] < planned * (1 - 1e-9):
        raise ProtocolError(
            f"the solver stopped at {t[-1]:.0f} s of {planned:.0f} s without "
            f"depletion ({sol.termination}): a numerical failure, not a result; "
            "the protocol cannot be simulated with these parameters (try smaller "
            "current densities or shorter half cycles)"
        )
    extra = [
        n for n in ("Current density [mA.cm-2]", C_MIN) if n in cell.model.variables
    ]
    cols = step_columns(cell, sol, variables=extra)
    i_end = (
        float(abs(sol["Current density [mA.cm-2]"].entries[-1])) if depleted else np.nan
    )
    summary = {
        "depleted": depleted,
        "depletion time [s]": float(t[-1]) if depleted else float("nan"),
        "depletion current density [mA.cm-2]": i_end,
    }
    return result(cell, protocol, sol, cols, summary=summary)


def depletion_times(model, parameter_values, current_densities, duration):
    """For each current density [mA.cm-2], one constant-current half cycle of
    ``duration`` [s] from rest: the time [s] at which the salt at an electrode
    depletes, NaN if it does not. The model is built once (cached like every
    protocol's), the current a solve-time input."""
    duration = checks.real("duration [s]", duration, high=1e7)
    pv = parameter_values.copy()
    pv["Current function [A]"] = pybamm.InputParameter("Current [A]")
    cell = Cell(model, pv, {"Current [A]": 0.0}, None, None)
    sim = built_simulation(cell, ("constant current",), None)
    out = []
    for i_mA in current_densities:
        if not (np.isfinite(i_mA) and i_mA > 0):
            raise ProtocolError(f"current density {i_mA!r} mA/cm2: must be > 0")
        amps = specific_to_amperes(i_mA, "mA/cm2", pv)
        sol = sim.solve([0, duration], inputs={"Current [A]": amps})
        depleted = "depleted" in str(sol.termination)
        out.append(float(sol.t[-1]) if depleted else float("nan"))
    return np.asarray(out)


__all__ = [
    "StepCycling",
    "depletion_times",
    "simulate_step_cycling",
]
