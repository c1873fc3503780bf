"""Protocols: the experiments a cycler runs, as PyBaMM experiments, validated first.

Each protocol is a small dataclass that checks itself against the cell's voltage
window (an impossible protocol raises :class:`ProtocolError` naming what is wrong
and what is allowed) and turns itself into a ``pybamm.Experiment``. Runners solve a
model built once and return plain numpy arrays, so the analysis functions in
:mod:`sim.analysis` see the same kind of data a cycler file gives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pybamm

from sim.errors import ProtocolError


def _check_positive(name, value):
    if not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise ProtocolError(f"{name} = {value!r}: must be a finite number > 0")


@dataclass(frozen=True)
class CyclicVoltammetry:
    """Triangular potential sweeps starting (at rest) at ``v_start``.

    v_high, v_low : vertex potentials [V]
    scan_rate : [V.s-1] (0.1 mV/s is 1e-4 V/s)
    cycles : number of full cycles (each a cathodic then an anodic sweep when
        starting at ``v_high``)
    points_per_sweep : output points per sweep
    """

    v_high: float
    v_low: float
    scan_rate: float
    cycles: int = 1
    start: str = "high"
    points_per_sweep: int = 500

    def validate(self, window=None):
        _check_positive("scan rate [V.s-1]", self.scan_rate)
        for name in ("v_high", "v_low"):
            v = getattr(self, name)
            if not isinstance(v, (int, float)) or not math.isfinite(v):
                raise ProtocolError(
                    f"CV {name} = {v!r}: must be a finite potential in V"
                )
        if self.v_low >= self.v_high:
            raise ProtocolError(
                f"CV window [{self.v_low}, {self.v_high}] V: the lower vertex must be "
                "below the upper vertex"
            )
        if not isinstance(self.cycles, int) or self.cycles < 1:
            raise ProtocolError(f"CV cycles = {self.cycles!r}: must be an integer >= 1")
        if self.start not in ("high", "low"):
            raise ProtocolError(f"CV start = {self.start!r}: must be 'high' or 'low'")
        if not isinstance(self.points_per_sweep, int) or self.points_per_sweep < 10:
            raise ProtocolError("points_per_sweep must be an integer >= 10")
        if window is not None:
            lo, hi = window
            if self.v_low < lo - 1e-12 or self.v_high > hi + 1e-12:
                raise ProtocolError(
                    f"CV window [{self.v_low}, {self.v_high}] V lies outside the cell's "
                    f"allowed window [{lo}, {hi}] V (voltage cut-offs of the parameter set)"
                )

    @property
    def v_start(self):
        return self.v_high if self.start == "high" else self.v_low

    @property
    def sweep_duration(self):
        return (self.v_high - self.v_low) / self.scan_rate

    def sweeps(self):
        """List of (v_from, v_to) for each sweep in order."""
        a, b = (
            (self.v_high, self.v_low)
            if self.start == "high"
            else (self.v_low, self.v_high)
        )
        return [(a, b), (b, a)] * self.cycles

    def experiment(self):
        self.validate()
        T = self.sweep_duration
        nu = self.scan_rate
        period = T / self.points_per_sweep
        steps = []
        for v_from, v_to in self.sweeps():
            sign = -1.0 if v_to < v_from else 1.0
            steps.append(
                pybamm.step.voltage(_ramp(v_from, sign * nu), duration=T, period=period)
            )
        return pybamm.Experiment(steps)


def _ramp(v0, rate):
    def v(t):
        return v0 + rate * t

    return v


def active_mass_g(parameter_values):
    """Mass of active material in the cell [g]: loading x electrode area."""
    pv = parameter_values
    return pv["Active material mass loading [kg.m-2]"] * pv["Electrode area [m2]"] * 1e3


def check_termination(solution, what):
    """Raise ProtocolError if a *model* event (not the protocol's own cut-off or
    duration) stopped the run, e.g. the electrode running out of porosity."""
    term = str(solution.termination)
    if term.startswith("event:") and "[experiment]" not in term:
        raise ProtocolError(f"{what} stopped early: {term.removeprefix('event: ')}")


def _window(pv):
    return (pv["Lower voltage cut-off [V]"], pv["Upper voltage cut-off [V]"])


def run_cv(
    model,
    parameter_values,
    protocol,
    *,
    solver=None,
    progress=None,
    variables=(),
    var_pts=None,
):
    """Run a CV and return a dict of numpy arrays: time, voltage, current, the
    cycle number and sweep index of every point, plus any extra ``variables``.

    The first point of each sweep after the first is dropped (it duplicates the
    previous sweep's last point).
    """
    protocol.validate(_window(parameter_values))
    solver = solver or model.default_solver
    sim = pybamm.Simulation(
        model,
        parameter_values=parameter_values,
        experiment=protocol.experiment(),
        solver=solver,
        var_pts=var_pts,
    )
    n_sweeps = len(protocol.sweeps())

    def callback_progress(i):
        if progress:
            progress(i / n_sweeps, f"sweep {i}/{n_sweeps}")

    callbacks = _ProgressCallback(callback_progress) if progress else None
    sol = sim.solve(callbacks=callbacks)
    check_termination(sol, "the CV")
    if len(sol.cycles) != n_sweeps:
        raise ProtocolError(
            f"the CV stopped after {len(sol.cycles)} of {n_sweeps} sweeps "
            f"({sol.termination}); the cell could not follow the protocol"
        )
    names = [
        "Time [s]",
        "Voltage [V]",
        "Current [A]",
        "Specific current [mA.g-1]",
        *variables,
    ]
    out = {n: [] for n in names}
    out["Cycle number"] = []
    out["Sweep"] = []
    for k, cyc in enumerate(sol.cycles):
        sl = slice(1, None) if k > 0 else slice(None)
        for n in names:
            out[n].append(np.asarray(cyc[n].entries)[sl])
        n_pts = len(out["Time [s]"][-1])
        out["Cycle number"].append(np.full(n_pts, k // 2 + 1))
        out["Sweep"].append(np.full(n_pts, k + 1))
    return {n: np.concatenate(v) for n, v in out.items()}


class _ProgressCallback(pybamm.callbacks.Callback):
    def __init__(self, fn):
        self.fn = fn
        self.done = 0

    def on_step_end(self, logs):
        self.done += 1
        self.fn(self.done)


@dataclass(frozen=True)
class GalvanostaticSodiation:
    """Constant-current sodiation (discharge) from rest until ``v_cutoff``.

    specific_current : [A.g-1] per gram of active composite (paper convention)
    """

    specific_current: float
    v_cutoff: float
    points: int = 400

    def validate(self, window=None):
        _check_positive("specific current [A.g-1]", self.specific_current)
        if window is not None and not window[0] - 1e-12 <= self.v_cutoff < window[1]:
            raise ProtocolError(
                f"cut-off {self.v_cutoff} V outside the cell's window {list(window)} V"
            )


def run_galvanostatic_sodiation(model, parameter_values, protocol, *, solver=None):
    """Return arrays of time, voltage, current and specific capacity."""
    protocol.validate(_window(parameter_values))
    pv = parameter_values.copy()
    mass_g = active_mass_g(pv)
    current = protocol.specific_current * mass_g
    pv.update({"Lower voltage cut-off [V]": protocol.v_cutoff})
    capacity_Ah = pv["Nominal cell capacity [A.h]"]
    t_max = 1.5 * 3600 * capacity_Ah / current
    exp = pybamm.Experiment(
        [
            pybamm.step.current(
                current,
                duration=t_max,
                termination=f"{protocol.v_cutoff} V",
                period=t_max / protocol.points,
            )
        ]
    )
    sim = pybamm.Simulation(model, parameter_values=pv, experiment=exp, solver=solver)
    sol = sim.solve()
    check_termination(sol, "the galvanostatic sodiation")
    names = ["Time [s]", "Voltage [V]", "Current [A]", "Specific capacity [mA.h.g-1]"]
    return {n: np.asarray(sol[n].entries) for n in names}, sol
