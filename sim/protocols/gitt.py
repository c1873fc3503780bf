"""Galvanostatic intermittent titration (GITT): current pulses separated by rests,
through a full sodiation and then a full desodiation.

Settings (the paper gives none): pulses at a low specific current for a fixed time,
rests long enough for the voltage to relax. :class:`GITTProtocol` refuses settings
that cannot work (no rest, no output points, more pulses than a cycler would run)
on construction, and :func:`simulate` refuses a pulse so strong that the first
one reaches the cut-off at once (no titration to analyse).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pybamm

from sim.errors import ProtocolError
from sim.protocols import checks
from sim.protocols.contract import built_simulation, check_termination, runner
from sim.protocols.recording import result

MAX_PULSES = 10_000


@dataclass(frozen=True)
class GITTProtocol:
    """Pulses of ``specific_current`` [A/g] for ``pulse_time`` [s], each followed
    by a ``rest_time`` [s] rest; at most ``max_pulses`` per direction."""

    specific_current: float = 0.1  # A/g
    pulse_time: float = 600.0  # s
    rest_time: float = 1200.0  # s
    max_pulses: int = 200  # per direction
    points_per_step: int = 30

    def __post_init__(self):
        why = " (a GITT needs current pulses and rests between them)"
        for name, high in (
            ("specific_current", 1000.0),
            ("pulse_time", 1e6),
            ("rest_time", 1e6),
        ):
            try:
                checks.setattrs(
                    self,
                    **{
                        name: checks.real(
                            f"GITT {name}", getattr(self, name), high=high
                        )
                    },
                )
            except ProtocolError as exc:
                raise ProtocolError(str(exc) + why) from None
        checks.setattrs(
            self,
            max_pulses=checks.integer(
                "GITT max_pulses", self.max_pulses, low=2, high=MAX_PULSES
            ),
            points_per_step=checks.integer(
                "GITT points_per_step",
                self.points_per_step,
                low=2,
                high=checks.MAX_POINTS,
            ),
        )

    def validate(self):
        """Kept for old callers: the checks run on construction."""


CHUNK = 8
"""Pulses (with their rests) per solve: a direction is solved chunk by chunk and
stops after the chunk holding its first pulse cut short by the cut-off. One
experiment of ``max_pulses`` pulses would go on pulsing at the cut-off after
it (pulses of seconds, each with its full rest) until ``max_pulses``: measured
on the Fig. 6 GITT, four fifths of the steps, all discarded."""


def _experiment(protocol, current, cutoff, pulses):
    block = (
        pybamm.step.current(
            current,
            duration=protocol.pulse_time,
            termination=f"{cutoff} V",
            period=protocol.pulse_time / protocol.points_per_step,
        ),
        pybamm.step.rest(
            duration=protocol.rest_time,
            period=protocol.rest_time / protocol.points_per_step,
        ),
    )
    return pybamm.Experiment([block] * pulses)


def _cut_short(protocol, cycles):
    """Whether one of these GITT cycles has a pulse cut short (or empty)."""
    for cyc in cycles:
        pulse = cyc.steps[0] if cyc.steps else None
        if _is_empty(pulse) or pulse.t[-1] - pulse.t[0] < 0.5 * protocol.pulse_time:
            return True
    return False


def _is_empty(step):
    return step is None or isinstance(step, pybamm.EmptySolution) or len(step.t) == 0


def _direction_steps(protocol, cycles, direction, cutoff):
    """(direction, pulse number, "pulse"/"rest", step solution) of one direction,
    up to the first pulse cut short by the cut-off (kept, with its rest)."""
    first = cycles[0].steps[0] if cycles and cycles[0].steps else None
    if _is_empty(first) or first.t[-1] - first.t[0] < 0.5 * protocol.pulse_time:
        raise ProtocolError(
            f"the first GITT {direction} pulse reached the {cutoff} V cut-off at "
            f"once: lower the specific current ({protocol.specific_current} A/g) "
            "or start further from the cut-off"
        )
    out = []
    for k, cyc in enumerate(cycles, 1):
        for step, name in zip(cyc.steps, ("pulse", "rest"), strict=False):
            if _is_empty(step):
                return out  # a pulse that starts at the cut-off
            out.append((direction, k, name, step))
            if name == "pulse" and step.t[-1] - step.t[0] < 0.5 * protocol.pulse_time:
                cut = True
                break
        else:
            cut = False
        if cut:
            # the partial pulse's rest, if any, then stop
            if len(cyc.steps) > 1 and not _is_empty(cyc.steps[1]):
                out.append((direction, k, "rest", cyc.steps[1]))
            return out
    return out


def gitt_steps(cell, protocol):
    """Run the GITT; returns (final solution, list of labelled steps)."""
    v_low, v_high = cell.window()
    mass = cell.active_mass_g()
    if mass is None:
        raise ProtocolError("a GITT in A/g needs the cell's active mass")
    current = protocol.specific_current * mass
    records, start = [], None
    for direction, sign, cutoff in (
        ("sodiation", 1, v_low),
        ("desodiation", -1, v_high),
    ):
        n_before = 0 if start is None else len(start.cycles)
        sol, done = start, 0
        while done < protocol.max_pulses:
            pulses = min(CHUNK, protocol.max_pulses - done)
            sim = built_simulation(
                cell,
                ("gitt", direction, protocol, current, cutoff, pulses),
                lambda s=sign, c=cutoff, n=pulses: _experiment(
                    protocol, s * current, c, n
                ),
            )
            kwargs = {} if sol is None else {"starting_solution": sol}
            sol = cell.solve(
                sim,
                total=2 * pulses,
                what=f"{direction} pulses {done + 1}-{done + pulses}, step",
                **kwargs,
            )
            check_termination(sol, f"the GITT {direction}")
            new = sol.cycles[n_before + done :]
            done += pulses
            if len(new) < pulses or _cut_short(protocol, new):
                break
        cycles = sol.cycles[n_before:]
        records += _direction_steps(protocol, cycles, direction, cutoff)
        start = sol
    return start, records


def _pulse_table(records):
    rows = {k: [] for k in ("Direction", "Pulse number", "Pulse start [s]",
                            "Pulse duration [s]", "Voltage at pulse end [V]",
                            "Voltage after rest [V]")}  # fmt: skip
    for direction, k, name, step in records:
        if name == "pulse":
            rows["Direction"].append(direction)
            rows["Pulse number"].append(k)
            rows["Pulse start [s]"].append(float(step.t[0]))
            rows["Pulse duration [s]"].append(float(step.t[-1] - step.t[0]))
            rows["Voltage at pulse end [V]"].append(
                float(step["Voltage [V]"].entries[-1])
            )
            rows["Voltage after rest [V]"].append(np.nan)
        elif rows["Pulse number"] and rows["Pulse number"][-1] == k:
            rows["Voltage after rest [V]"][-1] = float(step["Voltage [V]"].entries[-1])
    return rows


@runner(GITTProtocol)
def simulate_gitt(cell, protocol):
    """Columns: the standard ones (steps numbered in order; both points at a
    current switch kept, see :mod:`sim.protocols.recording`), "Direction",
    "Pulse number", "Step" ("pulse"/"rest"); table "Pulses": one row per pulse."""
    sol, records = gitt_steps(cell, protocol)
    cols = {n: [] for n in ("Time [s]", "Voltage [V]", "Current [A]")}
    labels = {"Direction": [], "Pulse number": [], "Step": [], "Step number": []}
    for number, (direction, k, name, step) in enumerate(records, 1):
        for n in cols:
            cols[n].append(np.asarray(step[n].entries))
        n_pts = len(cols["Time [s]"][-1])
        for lab, value in zip(labels, (direction, k, name, number), strict=True):
            labels[lab] += [value] * n_pts
    out = {n: np.concatenate(v) for n, v in cols.items()}
    out.update({n: np.asarray(v) for n, v in labels.items()})
    t, i = out["Time [s]"], out["Current [A]"]
    q = np.r_[0.0, np.cumsum(0.5 * (i[1:] + i[:-1]) * np.diff(t))] / 3600
    out["Capacity [A.h]"] = q
    out["Specific capacity [mA.h.g-1]"] = q * 1e3 / cell.active_mass_g()
    out["Cycle number"] = np.where(out["Direction"] == "sodiation", 1, 2)
    return result(cell, protocol, sol, out, tables={"Pulses": _pulse_table(records)})
