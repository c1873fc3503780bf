"""Long galvanostatic cycling with capacity fade, fast.

A cycle is a constant-current sodiation to the lower cut-off and a desodiation to
the upper cut-off, at a specific current in A/g (per gram of active material, the
papers' convention). The reversible capacity of a cycle is its desodiation capacity.

Fade comes from the loss of connected Sb (:mod:`sim.physics.volume_change`), which
changes by well under 1 % per cycle. Simulating every cycle is therefore wasteful,
and the runner can *skip cycles* (a documented acceleration, validated against full
cycling in the tests):

1. simulate one full cycle starting at rest at the upper cut-off with the damage
   state reached so far (connected Sb fraction ``s``, sodium trapped in isolated Sb
   ``n``; both enter the model as ``[input]`` initial values, so the model is built
   and discretised once and only re-solved);
2. read the damage that cycle did: ``s -> s r`` and ``n -> n + dn``;
3. jump ``skip - 1`` cycles ahead assuming each does the same damage (``s`` is
   multiplied by ``r`` per cycle, since its loss rate is proportional to ``s``;
   ``n`` grows by ``dn`` per cycle), and go to 1.

With ``skip = 1`` every cycle is simulated, each restarting from equilibrium at the
upper cut-off with the damage reached so far. A restart forgets what a continuous
run carries from cycle to cycle (sodium left in slow stores after the charge, the
electrolyte profile, the buffer filling), so only the *reversible* (desodiation)
capacity is reported: it agrees with continuous cycling within ~0.2 % (tested),
whereas a restart's sodiation capacity and coulombic efficiency would be
artefacts. The damage profile across the electrode is replaced by its average at
each restart, fine for the thin electrodes here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from sim.errors import ProtocolError
from sim.protocols import checks
from sim.protocols.cc_cycle import cycle_simulation, solve_cycle
from sim.protocols.contract import Cell, runner
from sim.protocols.recording import result, step_columns

S0 = "Initial connected Sb fraction"
N0 = "Initial sodium in isolated Sb [mol.m-3]"


@dataclass(frozen=True)
class GalvanostaticCycling:
    """Constant-current cycles between the cell's voltage cut-offs.

    specific_current : [A.g-1] per gram of active material
    cycles : number of cycles (1..100000)
    skip : simulate every ``skip``-th cycle (1 = all, at most ``cycles``); see
        the module docstring
    points_per_step : output points per nominal-capacity half cycle
    """

    specific_current: float
    cycles: int
    skip: int = 1
    points_per_step: int = 60

    def __post_init__(self):
        checks.setattrs(
            self,
            specific_current=checks.real(
                "specific current [A.g-1]", self.specific_current, high=1000.0
            ),
            cycles=checks.integer("cycles", self.cycles, high=checks.MAX_CYCLES),
        )
        checks.setattrs(
            self,
            skip=checks.integer("skip", self.skip, high=self.cycles),
            points_per_step=checks.integer(
                "points_per_step", self.points_per_step, high=checks.MAX_POINTS
            ),
        )

    def validate(self):
        """Kept for old callers: the checks run on construction."""

    def simulated_cycles(self):
        """The cycles simulated: every ``skip``-th, and always the last one."""
        return sorted(set(range(1, self.cycles + 1, self.skip)) | {self.cycles})


def _damage_cell(cell):
    """The cell with its damage state as inputs (build once for every restart)."""
    if not cell.has(S0):
        raise ProtocolError(
            "cycling with fade needs the volume-change model (model option "
            "'volume change': True) and its damage state parameters"
        )
    pv = cell.parameter_values.copy()
    pv.update({S0: "[input]", N0: "[input]"})
    inputs = {S0: 1.0, N0: 0.0, **cell.inputs}
    return Cell(cell.model, pv, inputs, cell.solver, None)  # progress per cycle


def _one_cycle(cell, sim, protocol, cycle, current, period, s, n):
    what = f"cycle {cycle} at {protocol.specific_current} A/g"
    return solve_cycle(cell, sim, current, period, what, inputs={S0: s, N0: n})


def _damage_after(desod_step, s, n, jump):
    """Damage state ``jump`` cycles on, repeating this cycle's damage."""
    s_end = float(np.ravel(desod_step["Average connected Sb fraction"].entries)[-1])
    n_end = float(np.mean(desod_step["Sodium in isolated Sb [mol.m-3]"].entries[:, -1]))
    return s * (s_end / s) ** jump, n + (n_end - n) * jump


@runner(GalvanostaticCycling)
def simulate_cycling(cell, protocol):
    """Columns: the standard ones of every simulated cycle ("Time [s]" restarts
    at each simulated cycle; "Cycle number" is the real cycle number); table
    "Cycles": per simulated cycle, "Cycle number", "Reversible capacity
    [mA.h.g-1]" (desodiation) and "Connected Sb fraction" (at its start). The
    Result's solution is the list of the simulated cycles' solutions."""
    user, cell = cell, _damage_cell(cell)
    mass = cell.active_mass_g()
    if mass is None:
        raise ProtocolError("cycling in A/g needs the cell's active mass")
    current = protocol.specific_current * mass
    period = 3600 * cell.value("Nominal cell capacity [A.h]") / current
    period /= protocol.points_per_step
    sim = cycle_simulation(cell)  # one build for every current
    simulated = protocol.simulated_cycles()
    s, n = cell.inputs[S0], cell.inputs[N0]
    table = {
        "Cycle number": [],
        "Reversible capacity [mA.h.g-1]": [],
        "Connected Sb fraction": [],
    }
    parts, solutions = [], []
    t0 = time.perf_counter()
    for i, cycle in enumerate(simulated):
        sol = _one_cycle(cell, sim, protocol, cycle, current, period, s, n)
        solutions.append(sol)
        cols = step_columns(cell, sol)
        cols["Cycle number"] = np.full(len(cols["Time [s]"]), cycle)
        parts.append(cols)
        q = sol.cycles[0].steps[1]["Specific capacity [mA.h.g-1]"].entries
        table["Cycle number"].append(cycle)
        table["Reversible capacity [mA.h.g-1]"].append(float(q[0] - q[-1]))
        table["Connected Sb fraction"].append(s)
        if user.progress:
            user.progress(
                cycle / protocol.cycles,
                f"cycle {cycle}/{protocol.cycles} ({time.perf_counter() - t0:.1f} s)",
            )
        if i + 1 < len(simulated):
            s, n = _damage_after(sol.cycles[0].steps[1], s, n, simulated[i + 1] - cycle)
    columns = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    return result(user, protocol, solutions, columns, tables={"Cycles": table})


from sim.protocols.rate_test import RateTest  # noqa: E402, F401
