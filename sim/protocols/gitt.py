"""Galvanostatic intermittent titration (GITT): current pulses separated by rests,
through a full sodiation and then a full desodiation.

Settings (the paper gives none): pulses at a low specific current for a fixed time,
rests long enough for the voltage to relax. :class:`GITTProtocol` refuses settings
that cannot work (no rest, a pulse that reaches the cut-off at once, more pulses
than a cycler would run).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pybamm

from sim.errors import ProtocolError
from sim.protocols import active_mass_g, check_termination


@dataclass(frozen=True)
class GITTProtocol:
    specific_current: float = 0.1  # A/g
    pulse_time: float = 600.0  # s
    rest_time: float = 1200.0  # s
    max_pulses: int = 200  # per direction
    points_per_step: int = 30

    def validate(self):
        for name in ("specific_current", "pulse_time", "rest_time"):
            v = getattr(self, name)
            if not isinstance(v, (int, float)) or not math.isfinite(v) or v <= 0:
                raise ProtocolError(
                    f"GITT {name} = {v!r}: must be a finite number > 0 (a GITT needs "
                    "current pulses and rests between them)"
                )
        if not isinstance(self.max_pulses, int) or self.max_pulses < 2:
            raise ProtocolError("GITT max_pulses must be an integer >= 2")


def run_gitt(model, parameter_values, protocol):
    """Run a GITT sodiation then desodiation; returns a dict of arrays: "Time [s]",
    "Voltage [V]", "Current [A]", "Direction" ("sodiation"/"desodiation"),
    "Pulse number" (0 during the initial rest), "Step" ("pulse"/"rest")."""
    protocol.validate()
    pv = parameter_values
    v_low, v_high = pv["Lower voltage cut-off [V]"], pv["Upper voltage cut-off [V]"]
    mass_g = active_mass_g(pv)
    I = protocol.specific_current * mass_g
    dt_p = protocol.pulse_time / protocol.points_per_step
    dt_r = protocol.rest_time / protocol.points_per_step

    def block(sign, cutoff):
        return (
            pybamm.step.current(
                sign * I,
                duration=protocol.pulse_time,
                termination=f"{cutoff} V",
                period=dt_p,
            ),
            pybamm.step.rest(duration=protocol.rest_time, period=dt_r),
        )

    out = {
        k: []
        for k in (
            "Time [s]",
            "Voltage [V]",
            "Current [A]",
            "Direction",
            "Pulse number",
            "Step",
        )
    }
    start = None
    for direction, sign, cutoff in (
        ("sodiation", 1, v_low),
        ("desodiation", -1, v_high),
    ):
        exp = pybamm.Experiment([block(sign, cutoff)] * protocol.max_pulses)
        sim = pybamm.Simulation(model, parameter_values=pv, experiment=exp)
        sol = sim.solve(starting_solution=start) if start is not None else sim.solve()
        check_termination(sol, f"the GITT {direction}")
        cycles = sol.cycles if start is None else sol.cycles[len(start.cycles) :]
        first = cycles[0].steps[0] if cycles and cycles[0].steps else None
        first_cut = (
            first is None
            or isinstance(first, pybamm.EmptySolution)
            or first.t[-1] - first.t[0] < 0.5 * protocol.pulse_time
        )
        if first_cut:
            raise ProtocolError(
                f"the first GITT {direction} pulse reached the {cutoff} V cut-off at "
                f"once: lower the specific current ({protocol.specific_current} A/g) "
                "or start further from the cut-off"
            )
        done = False
        for k, cyc in enumerate(cycles, 1):
            if done:
                break
            for step, name in zip(cyc.steps, ("pulse", "rest"), strict=False):
                if isinstance(step, pybamm.EmptySolution) or len(step.t) == 0:
                    done = True  # a pulse that starts at the cut-off
                    break
                if (
                    name == "pulse"
                    and step.t[-1] - step.t[0] < 0.5 * protocol.pulse_time
                ):
                    done = True  # cut off early: the last (partial) pulse, kept
                n = len(step.t)
                out["Time [s]"] += list(step["Time [s]"].entries)
                out["Voltage [V]"] += list(step["Voltage [V]"].entries)
                out["Current [A]"] += list(step["Current [A]"].entries)
                out["Direction"] += [direction] * n
                out["Pulse number"] += [k] * n
                out["Step"] += [name] * n
        start = sol
    return {
        k: (np.asarray(v) if k not in ("Direction", "Step") else v)
        for k, v in out.items()
    }
