"""A measured record's own current (or voltage) as the control:

    MeasuredControl(times, values, control="current")

The cell is driven by the samples as the cycler logged them, linearly
interpolated in between (PyBaMM's drive-cycle step ``pybamm.step.current`` of
a two-column array; ``pybamm.step.voltage`` of an interpolant in time), and
the simulation reports the other quantity at every sample time. A current
control's flat runs (samples within the cycler's resolution, 0.01 % of the
largest current, of the run's first) keep only their ends as nodes
(:func:`nodes`): the solver stops at every node, and a constant-current
record then re-solves as fast as its ideal steps. This is how a record is simulated
when its steps are not ideal ones (a current that drifts within a step, a
pulse train, a drive cycle, a potential program that is neither a sweep nor a
hold), or when a user wants the record's own control instead of the
idealised steps (:func:`sim.data.protocol_from` with ``control="measured"``).

Control "current" (PyBaMM's sign: positive = discharge): the voltage is
simulated. The run stops if the voltage leaves ``v_low..v_high`` (default:
the cell's cut-offs; :func:`sim.data.protocol_from` sets them 50 mV beyond the
record's own range, so that a cell that follows the record is never stopped by
its noise). Control "voltage": the current is simulated.

Between two samples the control is a straight line, so a current switched
between two logged samples ramps over that interval instead of jumping; the
charge passed then differs from a sharp switch by half the current change times
the interval, once per switch (a record logged every 10 s at 1 mA: 1.4 uAh per
switch).
"""

from __future__ import annotations

import hashlib
import numbers
from dataclasses import dataclass, field

import numpy as np
import pybamm

from sim.errors import ProtocolError
from sim.protocols import checks
from sim.protocols.contract import Cell, built_simulation, check_termination, runner
from sim.protocols.recording import result, step_columns

MAX_SAMPLES = 2_000_000
"""Most samples a measured control may have (a year logged every 16 s)."""

CONTROLS = ("current", "voltage")


@dataclass(frozen=True, eq=False)
class MeasuredControl:
    """Drive the cell with measured samples.

    times : [s] strictly increasing, from any start (shifted to start at 0)
    values : [A] (control "current", discharge positive) or [V] ("voltage")
    control : "current" or "voltage"
    v_low, v_high : [V] the voltage range a current-controlled run may not
        leave (None: the cell's cut-offs)
    """

    times: tuple = field(repr=False)
    values: tuple = field(repr=False)
    control: str = "current"
    v_low: float | None = None
    v_high: float | None = None
    digest: str = field(init=False, repr=False)

    def __post_init__(self):
        checks.choice("control", self.control, CONTROLS)
        try:
            t = np.asarray(self.times, dtype=float)
            y = np.asarray(self.values, dtype=float)
        except (TypeError, ValueError):
            raise ProtocolError(
                "times and values of a measured control must be numbers"
            ) from None
        if t.ndim != 1 or y.shape != t.shape:
            raise ProtocolError(
                f"a measured control needs one value per time: got {t.shape} times "
                f"and {y.shape} values"
            )
        if not 2 <= t.size <= MAX_SAMPLES:
            raise ProtocolError(
                f"a measured control has {t.size} samples: must be 2..{MAX_SAMPLES}"
            )
        if not (np.all(np.isfinite(t)) and np.all(np.isfinite(y))):
            raise ProtocolError("a measured control has non-finite times or values")
        if np.any(np.diff(t) <= 0):
            k = int(np.flatnonzero(np.diff(t) <= 0)[0]) + 1
            raise ProtocolError(
                f"the times of a measured control must increase strictly: sample {k} "
                f"at {t[k]:g} s follows {t[k - 1]:g} s (sim.data.protocol_from "
                "separates samples logged at the same time)"
            )
        limits = [
            None if v is None else checks.potential(name, v)
            for name, v in (("v_low", self.v_low), ("v_high", self.v_high))
        ]
        if None not in limits and not limits[0] < limits[1]:
            raise ProtocolError(
                f"v_low = {limits[0]} V must be below v_high = {limits[1]} V"
            )
        t = t - t[0]
        digest = hashlib.sha1(
            t.tobytes() + y.tobytes() + self.control.encode()
        ).hexdigest()
        checks.setattrs(
            self,
            times=tuple(t.tolist()),
            values=tuple(y.tolist()),
            v_low=limits[0],
            v_high=limits[1],
            digest=digest,
        )

    def _key(self):
        return (self.digest, self.control, self.v_low, self.v_high)

    def __eq__(self, other):
        return type(other) is type(self) and other._key() == self._key()

    def __hash__(self):
        return hash(self._key())

    @property
    def duration(self):
        """[s] from the first sample to the last."""
        return self.times[-1]

    def __repr__(self):
        return (
            f"MeasuredControl({len(self.times)} samples over {self.duration:g} s, "
            f"control={self.control!r}, v_low={self.v_low}, v_high={self.v_high})"
        )


RESOLUTION = 1e-4
"""Samples of a current control that differ from a run's first by less than
this fraction of the largest current (a cycler's current resolution, 0.01 %
of its range) are one flat run: only its first and last are nodes of the
control (see :func:`nodes`)."""


def nodes(values, tol):
    """Indices of the samples that are nodes of a piecewise-linear control:
    within a run of samples all within ``tol`` of the run's first value, only
    the first and the last (the line between them is then within ``2 tol`` of
    every sample it replaces). The solver stops at every node: a record of
    constant-current steps logged every 5 s became 3.3x slower to re-solve
    than the same steps as ideal ones when every sample was a node."""
    y = np.asarray(values, dtype=float)
    keep = np.zeros(len(y), dtype=bool)
    keep[0] = keep[-1] = True
    start = y[0]
    for k in range(1, len(y)):
        if abs(y[k] - start) > tol:  # a new run starts at k
            keep[k - 1] = keep[k] = True
            start = y[k]
    return np.flatnonzero(keep)


def _widened(cell, low, high):
    """The cell with its cut-offs moved out to ``low..high`` where these lie
    beyond them (so that the model's own cut-off events do not end the run
    before the protocol's limits)."""
    cut_low, cut_high = cell.window()
    if low >= cut_low and high <= cut_high:
        return cell
    pv = cell.parameter_values.copy()
    pv.update(
        {
            "Lower voltage cut-off [V]": min(low, cut_low),
            "Upper voltage cut-off [V]": max(high, cut_high),
        }
    )
    return Cell(cell.model, pv, cell.inputs, cell.solver, cell.progress)


@runner(MeasuredControl)
def simulate_measured(cell, protocol):
    """Columns: the standard ones, at every sample time (and the solver's own
    steps in between); summary "Ended early at [s]" when the voltage limits
    stopped a current-controlled run before the record's end, else None."""
    cut_low, cut_high = cell.window()
    low = cut_low if protocol.v_low is None else protocol.v_low
    high = cut_high if protocol.v_high is None else protocol.v_high
    if protocol.control == "voltage":  # the record's own range must stay allowed
        low, high = min(low, min(protocol.values)), max(high, max(protocol.values))
    cell = _widened(cell, low, high)
    times = np.asarray(protocol.times)
    values = np.asarray(protocol.values)

    def control(t):  # PyBaMM calls it with 0 once (a check), then a symbol
        if isinstance(t, numbers.Number):
            return float(np.interp(t, times, values))
        return pybamm.Interpolant(times, values, t, name="Measured control")

    def experiment():
        if protocol.control == "voltage":
            # a function of time, stepped through adaptively: as a drive-cycle
            # table (the solver stopping at every sample) PyBaMM's voltage
            # control failed to converge on a plain linear sweep
            step = pybamm.step.voltage(control, duration=protocol.duration)
        else:
            # a drive-cycle table: the solver stops at every node, so a
            # switch between two samples logged a microsecond apart is met
            # exactly (stepped over adaptively, it fails the error test)
            keep = nodes(values, RESOLUTION * float(np.max(np.abs(values))))
            step = pybamm.step.current(
                np.column_stack([times[keep], values[keep]]),
                termination=[
                    pybamm.step.VoltageTermination(low, operator="<"),
                    pybamm.step.VoltageTermination(high, operator=">"),
                ],
            )
        return pybamm.Experiment([step])

    sim = built_simulation(cell, ("measured", protocol), experiment)
    sol = cell.solve(sim, what="record", t_interp=times)
    check_termination(sol, "the measured control")
    columns = step_columns(cell, sol)
    end = float(columns["Time [s]"][-1]) if len(columns["Time [s]"]) else 0.0
    early = end if end < protocol.duration * (1 - 1e-9) - 1e-6 else None
    return result(cell, protocol, sol, columns, summary={"Ended early at [s]": early})
