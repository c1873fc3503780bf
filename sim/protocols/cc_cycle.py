"""One constant-current cycle - a sodiation (discharge) to the lower cut-off and
a desodiation (charge) back to the upper cut-off - built once per cell and
voltage window, whatever the current.

The current is an ``[input]`` of the PyBaMM experiment's steps (PyBaMM keys a
step's built model by its value, so a numeric current per rate would build and
discretise the model again for every rate: 12 builds for a rate test of six
rates). Its value is given at solve time, and so is the output spacing (the
step's ``t_interp``), so a rate test or a cycling run at any current re-solves
one built simulation. A rate test chains the cycles with ``starting_solution``
(a continuous run, as a cycler does it); long cycling restarts each cycle from
rest with its damage state (:mod:`sim.protocols.cycling`).
"""

from __future__ import annotations

import numpy as np
import pybamm

from sim.errors import ProtocolError
from sim.protocols.contract import built_simulation, check_termination

CURRENT = "Cycle current [A]"
"""The input a cycle's steps read their current from (sodiation positive)."""

MAX_CAPACITY_FACTOR = 6.0
"""A half cycle may last at most this many nominal-capacity half cycles at its
current (far above any cell whose "Nominal cell capacity [A.h]" is its
capacity): its output times run to there."""

LOWEST_C_RATE = 1e-3
"""The lowest current a cycle runs at, as a C-rate of the nominal capacity: it
sets the steps' duration (the same for every current, so one build serves all;
a step ends at its cut-off long before)."""


def _time_cap(cell, current):
    q_nominal = cell.value("Nominal cell capacity [A.h]")
    return MAX_CAPACITY_FACTOR * 3600 * q_nominal / current


def _lowest_current(cell):
    return LOWEST_C_RATE * cell.value("Nominal cell capacity [A.h]")


def cycle_simulation(cell):
    """The (cached) built simulation of one cycle between the cell's cut-offs,
    at any current from :data:`LOWEST_C_RATE` up."""
    v_low, v_high = cell.window()
    duration = _time_cap(cell, _lowest_current(cell))
    current = pybamm.InputParameter(CURRENT)

    def experiment():
        return pybamm.Experiment(
            [
                (
                    pybamm.step.current(
                        current, termination=f"< {v_low} V", duration=duration
                    ),
                    pybamm.step.current(
                        -current, termination=f"> {v_high} V", duration=duration
                    ),
                )
            ]
        )

    key = ("constant-current cycle", v_low, v_high, duration)
    return built_simulation(cell, key, experiment)


def solve_cycle(cell, sim, current, period, what, *, inputs=None, previous=None):
    """One cycle at ``current`` [A] (> 0) with an output point every ``period``
    [s], continuing ``previous`` (a solution of ``sim``) or from the initial
    state. Raises ProtocolError unless both steps ended at their cut-offs."""
    if not current >= _lowest_current(cell):
        raise ProtocolError(
            f"{what}: {current:g} A is below the lowest current a cycle runs at, "
            f"{_lowest_current(cell):g} A (C/{1 / LOWEST_C_RATE:g} of the cell's "
            '"Nominal cell capacity [A.h]")'
        )
    end = _time_cap(cell, current)
    t_interp = np.unique(np.r_[np.arange(0.0, end, period), end])
    n_before = len(previous.cycles) if previous is not None else 0
    sol = cell.solve(
        sim,
        inputs={**(inputs or {}), CURRENT: current},
        starting_solution=previous,
        t_interp=t_interp,
    )
    check_termination(sol, what)
    cycles = sol.cycles[n_before:]
    steps = cycles[0].steps if len(cycles) == 1 and cycles[0] is not None else []
    ended = ["[experiment]" in str(getattr(s, "termination", "")) for s in steps]
    if len(steps) != 2 or not all(ended):
        raise ProtocolError(
            f"{what} did not complete ({sol.termination}): the cell did not reach "
            "its voltage cut-offs (it cannot follow this protocol, or holds more "
            f'than {MAX_CAPACITY_FACTOR:g}x its "Nominal cell capacity [A.h]")'
        )
    return sol
