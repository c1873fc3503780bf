"""Rate-capability test: galvanostatic cycles at one specific current after
another, run continuously as a cycler runs it (no restarts), then back at the
first rate to show how much capacity the high rates cost."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.errors import ProtocolError
from sim.protocols import checks
from sim.protocols.cc_cycle import cycle_simulation, solve_cycle
from sim.protocols.contract import runner
from sim.protocols.recording import result, step_columns


@dataclass(frozen=True)
class RateTest:
    """``cycles_per_rate`` cycles at each specific current [A/g] of ``rates`` in
    turn, then ``return_cycles`` cycles back at the first rate."""

    rates: tuple
    cycles_per_rate: int = 5
    return_cycles: int = 5
    points_per_step: int = 80

    def __post_init__(self):
        try:
            rates = tuple(self.rates)
        except TypeError:
            raise ProtocolError(
                f"rates = {self.rates!r}: give a sequence of specific currents [A/g]"
            ) from None
        if not rates:
            raise ProtocolError("a rate test needs at least one specific current")
        checks.setattrs(
            self,
            rates=tuple(
                checks.real("specific current [A.g-1]", c, high=1000.0) for c in rates
            ),
            cycles_per_rate=checks.integer(
                "cycles_per_rate", self.cycles_per_rate, high=1000
            ),
            return_cycles=checks.integer(
                "return_cycles", self.return_cycles, low=0, high=1000
            ),
            points_per_step=checks.integer(
                "points_per_step", self.points_per_step, high=checks.MAX_POINTS
            ),
        )

    def validate(self):
        """Kept for old callers: the checks run on construction."""

    def schedule(self):
        """Specific current of every cycle, in order."""
        sched = [c for c in self.rates for _ in range(self.cycles_per_rate)]
        return sched + [self.rates[0]] * self.return_cycles


@runner(RateTest)
def simulate_rate_test(cell, protocol):
    """Columns: the standard ones and "Set specific current [A.g-1]"; table
    "Cycles": "Cycle number", "Set specific current [A.g-1]", "Reversible
    capacity [mA.h.g-1]" (desodiation capacity of each cycle). One built
    simulation serves every rate (:mod:`sim.protocols.cc_cycle`)."""
    mass = cell.active_mass_g()
    if mass is None:
        raise ProtocolError("a rate test in A/g needs the cell's active mass")
    schedule = protocol.schedule()
    q_nominal = cell.value("Nominal cell capacity [A.h]")
    sim = cycle_simulation(cell)
    sol = None
    for k, c in enumerate(schedule, 1):
        current = c * mass
        period = 3600 * q_nominal / current / protocol.points_per_step
        what = f"the rate test (cycle {k} at {c:g} A/g)"
        sol = solve_cycle(cell, sim, current, period, what, previous=sol)
        if cell.progress:
            cell.progress(k / len(schedule), f"cycle {k}/{len(schedule)} at {c:g} A/g")
    cols = step_columns(cell, sol)
    cols["Set specific current [A.g-1]"] = np.asarray(schedule)[
        cols["Cycle number"] - 1
    ]
    reversible = []
    for cyc in sol.cycles:
        q = cyc.steps[1]["Specific capacity [mA.h.g-1]"].entries
        reversible.append(float(q[0] - q[-1]))
    table = {
        "Cycle number": np.arange(1, len(schedule) + 1),
        "Set specific current [A.g-1]": np.asarray(schedule),
        "Reversible capacity [mA.h.g-1]": np.asarray(reversible),
    }
    return result(cell, protocol, sol, cols, tables={"Cycles": table})
