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

import math
import time
from dataclasses import dataclass

import numpy as np
import pybamm

from sim.errors import ProtocolError
from sim.protocols import active_mass_g, check_termination

S0 = "Initial connected Sb fraction"
N0 = "Initial sodium in isolated Sb [mol.m-3]"


@dataclass(frozen=True)
class GalvanostaticCycling:
    """Constant-current cycles between the cell's voltage cut-offs.

    specific_current : [A.g-1] per gram of active material
    cycles : number of cycles
    skip : simulate every ``skip``-th cycle (1 = all); see the module docstring
    """

    specific_current: float
    cycles: int
    skip: int = 1
    points_per_step: int = 60

    def validate(self):
        c = self.specific_current
        if not isinstance(c, (int, float)) or not math.isfinite(c) or c <= 0:
            raise ProtocolError(
                f"specific current = {c!r} A/g: must be a finite number > 0"
            )
        for name in ("cycles", "skip", "points_per_step"):
            v = getattr(self, name)
            if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                raise ProtocolError(f"{name} = {v!r}: must be an integer >= 1")


def _one_cycle_experiment(current, v_low, v_high, period):
    return pybamm.Experiment(
        [
            (
                pybamm.step.current(current, termination=f"{v_low} V", period=period),
                pybamm.step.current(-current, termination=f"{v_high} V", period=period),
            )
        ]
    )


def run_cycling(model, parameter_values, protocol, *, progress=None, solver=None):
    """Cycle a cell; returns a dict of numpy arrays, one entry per *simulated*
    cycle: "Cycle number", "Specific capacity [mA.h.g-1]" (reversible,
    desodiation) and "Connected Sb fraction" (at the start of the cycle); plus
    "voltage profiles": a list of (cycle, capacity array, voltage array) for the
    first and last simulated cycles.
    """
    protocol.validate()
    pv = parameter_values.copy()
    if S0 not in pv.keys():
        raise ProtocolError(
            "cycling with fade needs the volume-change model (model option "
            "'volume change': True) and its damage state parameters"
        )
    v_low, v_high = pv["Lower voltage cut-off [V]"], pv["Upper voltage cut-off [V]"]
    mass_g = active_mass_g(pv)
    current = protocol.specific_current * mass_g
    # output spacing: a fraction of the time to pass the nominal capacity
    t_nominal = 3600 * pv["Nominal cell capacity [A.h]"] / current
    period = t_nominal / protocol.points_per_step
    pv.update({S0: "[input]", N0: "[input]"})
    sim = pybamm.Simulation(
        model,
        parameter_values=pv,
        experiment=_one_cycle_experiment(current, v_low, v_high, period),
        solver=solver or model.default_solver,
    )

    # the simulated cycles: every skip-th, and always the last one
    simulated = sorted(
        set(range(1, protocol.cycles + 1, protocol.skip)) | {protocol.cycles}
    )
    s, n = 1.0, 0.0
    rows = {k: [] for k in ("cycle", "desod", "s")}
    profiles = []
    t0 = time.perf_counter()
    for i, cycle in enumerate(simulated):
        sol = sim.solve(inputs={S0: s, N0: n})
        check_termination(sol, f"cycle {cycle} at {protocol.specific_current} A/g")
        if len(sol.cycles) != 1 or len(sol.cycles[0].steps) != 2:
            raise ProtocolError(
                f"cycle {cycle} at {protocol.specific_current} A/g did not complete "
                f"({sol.termination}): the cell cannot follow this protocol"
            )
        sod_step, desod_step = sol.cycles[0].steps
        q_sod = sod_step["Specific capacity [mA.h.g-1]"].entries
        q_des = desod_step["Specific capacity [mA.h.g-1]"].entries
        sod = float(q_sod[-1] - q_sod[0])
        desod = float(q_des[0] - q_des[-1])
        rows["cycle"].append(cycle)
        rows["desod"].append(desod)
        rows["s"].append(s)
        if i in (0, len(simulated) - 1):
            V = np.r_[
                sod_step["Voltage [V]"].entries, desod_step["Voltage [V]"].entries
            ]
            q = np.r_[q_sod - q_sod[0], sod - (q_des - q_des[0])]
            profiles.append((cycle, q, V))
        if progress:
            progress(
                cycle / protocol.cycles,
                f"cycle {cycle}/{protocol.cycles} ({time.perf_counter() - t0:.1f} s)",
            )
        if i + 1 < len(simulated):
            # damage done by this cycle, repeated for every cycle up to the next one
            jump = simulated[i + 1] - cycle
            s_end = float(
                np.ravel(desod_step["Average connected Sb fraction"].entries)[-1]
            )
            n_end = float(
                np.mean(desod_step["Sodium in isolated Sb [mol.m-3]"].entries[:, -1])
            )
            s = s * (s_end / s) ** jump
            n = n + (n_end - n) * jump
    return {
        "Cycle number": np.asarray(rows["cycle"]),
        "Specific capacity [mA.h.g-1]": np.asarray(rows["desod"]),
        "Connected Sb fraction": np.asarray(rows["s"]),
        "voltage profiles": profiles,
    }


@dataclass(frozen=True)
class RateTest:
    """Rate-capability test: ``cycles_per_rate`` galvanostatic cycles at each
    specific current [A/g] in turn, as cyclers run it (continuously, no restarts),
    then ``return_cycles`` cycles back at the first rate."""

    rates: tuple
    cycles_per_rate: int = 5
    return_cycles: int = 5
    points_per_step: int = 80

    def validate(self):
        if len(self.rates) < 1:
            raise ProtocolError("a rate test needs at least one specific current")
        for c in self.rates:
            GalvanostaticCycling(c, 1).validate()
        for name in ("cycles_per_rate", "return_cycles", "points_per_step"):
            v = getattr(self, name)
            if (
                not isinstance(v, int)
                or isinstance(v, bool)
                or v < (0 if name == "return_cycles" else 1)
            ):
                raise ProtocolError(f"{name} = {v!r}: must be a non-negative integer")

    def schedule(self):
        """Specific current of every cycle, in order."""
        sched = [c for c in self.rates for _ in range(self.cycles_per_rate)]
        return sched + [self.rates[0]] * self.return_cycles


def run_rate_test(model, parameter_values, protocol, *, progress=None, solver=None):
    """Run a rate test continuously; returns per-point curves ("Current density
    [A.g-1]", "Cycle number", "Time [s]", "Voltage [V]", "Specific capacity
    [mA.h.g-1]" counted from the start of each step: sodiation up, desodiation
    from its end back down) and per-cycle reversible capacities."""
    protocol.validate()
    pv = parameter_values
    v_low, v_high = pv["Lower voltage cut-off [V]"], pv["Upper voltage cut-off [V]"]
    mass_g = active_mass_g(pv)
    steps = []
    for c in protocol.schedule():
        current = c * mass_g
        period = (
            3600
            * pv["Nominal cell capacity [A.h]"]
            / current
            / protocol.points_per_step
        )
        steps.append(
            (
                pybamm.step.current(current, termination=f"{v_low} V", period=period),
                pybamm.step.current(-current, termination=f"{v_high} V", period=period),
            )
        )
    sim = pybamm.Simulation(
        model,
        parameter_values=pv,
        experiment=pybamm.Experiment(steps),
        solver=solver or model.default_solver,
    )
    t0 = time.perf_counter()
    sol = sim.solve()
    check_termination(sol, "the rate test")
    if len(sol.cycles) != len(steps):
        raise ProtocolError(
            f"the rate test stopped after {len(sol.cycles)} of {len(steps)} cycles "
            f"({sol.termination})"
        )
    if progress:
        progress(1.0, f"{len(steps)} cycles ({time.perf_counter() - t0:.1f} s)")
    cols = {
        k: []
        for k in (
            "Current density [A.g-1]",
            "Cycle number",
            "Step",
            "Time [s]",
            "Voltage [V]",
            "Specific capacity [mA.h.g-1]",
        )
    }
    reversible = []
    for k, (c, cyc) in enumerate(zip(protocol.schedule(), sol.cycles, strict=True), 1):
        for name, step in zip(("sodiation", "desodiation"), cyc.steps, strict=True):
            q = step["Specific capacity [mA.h.g-1]"].entries
            n = len(q)
            cols["Current density [A.g-1]"] += [c] * n
            cols["Cycle number"] += [k] * n
            cols["Step"] += [name] * n
            cols["Time [s]"] += list(step["Time [s]"].entries)
            cols["Voltage [V]"] += list(step["Voltage [V]"].entries)
            cols["Specific capacity [mA.h.g-1]"] += list(np.abs(q - q[0]))
        q = cyc.steps[1]["Specific capacity [mA.h.g-1]"].entries
        reversible.append(float(q[0] - q[-1]))
    return cols, np.asarray(reversible)
