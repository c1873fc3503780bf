"""Any cycler program written as step strings in the papers' units:

    ExperimentSteps(("Discharge at 0.1 A/g until 0.01 V", "Rest for 1 hour",
                     "Charge at 0.1 A/g until 2.5 V"), cycles=3)

The strings are turned into PyBaMM steps in amperes for the cell being simulated
(:func:`sim.specific_units.experiment_steps`: A/g, mA/g, A/kg per gram of active
material, mA/cm2 and A/m2 per electrode area, C-rates and PyBaMM's own units),
and the program is repeated ``cycles`` times, one PyBaMM cycle per repetition.
"""

from __future__ import annotations

from dataclasses import dataclass

import pybamm

from sim.errors import ProtocolError
from sim.protocols import checks
from sim.protocols.contract import built_simulation, check_termination, runner
from sim.protocols.recording import result, step_columns
from sim.specific_units import experiment_steps


@dataclass(frozen=True)
class ExperimentSteps:
    """A program of step strings, repeated ``cycles`` times; ``period`` [s] is
    the output spacing of every step (None: PyBaMM's default)."""

    steps: tuple
    cycles: int = 1
    period: float | None = None

    def __post_init__(self):
        steps = (self.steps,) if isinstance(self.steps, str) else self.steps
        try:
            steps = tuple(steps)
        except TypeError:
            raise ProtocolError(f"steps = {self.steps!r}: give step strings") from None
        if not steps or not all(isinstance(s, str) and s.strip() for s in steps):
            raise ProtocolError(
                f"steps = {self.steps!r}: give at least one non-empty step string, "
                "e.g. 'Discharge at 0.1 A/g until 0.01 V'"
            )
        period = self.period
        if period is not None:
            period = checks.real("period [s]", period, high=1e6)
        checks.setattrs(
            self,
            steps=steps,
            cycles=checks.integer("cycles", self.cycles, high=checks.MAX_CYCLES),
            period=period,
        )


@runner(ExperimentSteps)
def simulate_steps(cell, protocol):
    """Columns: the standard ones (both points kept at each step change)."""
    steps = tuple(
        experiment_steps(protocol.steps, cell.parameter_values, period=protocol.period)
    )
    key = ("steps", protocol, tuple((s.value, s.duration) for s in steps))
    sim = built_simulation(
        cell, key, lambda: pybamm.Experiment([steps] * protocol.cycles)
    )
    sol = cell.solve(sim, total=len(steps) * protocol.cycles, what="step")
    check_termination(sol, "the experiment")
    return result(cell, protocol, sol, step_columns(cell, sol))
