"""Cyclic voltammetry: triangular potential sweeps from the cell's rest potential.

A potentiostat starts a CV from the cell at rest. A sweep that starts at another
potential first jumps the electrode there, which draws a capacitive and faradaic
spike that no laboratory CV shows (starting at 2.0 V on a cell at rest at 2.5 V
records a current 18x the real peak). :func:`simulate` therefore refuses a start
potential different from the cell's "Initial voltage [V]": start the cell at that
potential instead (``parameter_set.to_pybamm(extra={"Initial voltage [V]": v})``
for the Sb/C model, which computes its equilibrium start state from it).

The runner builds the cell under potential control once (the potential a ramp
whose start, rate and start time are inputs) and re-solves it sweep by sweep,
for every scan rate and window; :meth:`CyclicVoltammetry.experiment` gives the
same sweeps as a ``pybamm.Experiment`` for PyBaMM users (tested to agree).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pybamm

from sim.errors import ProtocolError
from sim.protocols import checks
from sim.protocols.contract import cached, check_termination, runner
from sim.protocols.recording import recorded_names, result, standard_columns

START_TOLERANCE = 1e-3
"""V: largest difference between the CV's start potential and the cell's rest
potential ("Initial voltage [V]") accepted."""


@dataclass(frozen=True)
class CyclicVoltammetry:
    """Triangular potential sweeps starting (at rest) at ``v_start``.

    v_high, v_low : vertex potentials [V]
    scan_rate : [V.s-1] (0.1 mV/s is 1e-4 V/s), at most 1 V/s
    cycles : number of full cycles (each a cathodic then an anodic sweep when
        starting at ``v_high``)
    start : "high" or "low", the vertex the cell rests at before the first sweep
    points_per_sweep : output points per sweep
    """

    v_high: float
    v_low: float
    scan_rate: float
    cycles: int = 1
    start: str = "high"
    points_per_sweep: int = 500

    def __post_init__(self):
        checks.setattrs(
            self,
            scan_rate=checks.real("scan rate [V.s-1]", self.scan_rate, high=1.0),
            v_high=checks.potential("CV v_high", self.v_high),
            v_low=checks.potential("CV v_low", self.v_low),
            cycles=checks.integer("CV cycles", self.cycles, high=1000),
            start=checks.choice("CV start", self.start, ("high", "low")),
            points_per_sweep=checks.integer(
                "points_per_sweep",
                self.points_per_sweep,
                low=10,
                high=checks.MAX_POINTS,
            ),
        )
        if self.v_low >= self.v_high:
            raise ProtocolError(
                f"CV window [{self.v_low}, {self.v_high}] V: the lower vertex must be "
                "below the upper vertex"
            )

    def validate(self, window=None):
        """Check the vertices lie in the cell's voltage ``window`` (low, high)."""
        if window is not None:
            lo, hi = window
            if self.v_low < lo - 1e-12 or self.v_high > hi + 1e-12:
                raise ProtocolError(
                    f"CV window [{self.v_low}, {self.v_high}] V lies outside the "
                    f"cell's allowed window [{lo}, {hi}] V (voltage cut-offs of the "
                    "parameter set)"
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
        """The sweeps as a ``pybamm.Experiment`` of voltage-ramp steps."""
        T = self.sweep_duration
        period = T / self.points_per_sweep
        steps = []
        for v_from, v_to in self.sweeps():
            sign = -1.0 if v_to < v_from else 1.0
            steps.append(
                pybamm.step.voltage(
                    _ramp(v_from, sign * self.scan_rate), duration=T, period=period
                )
            )
        return pybamm.Experiment(steps)


def _ramp(v0, rate):
    def v(t):
        return v0 + rate * t

    return v


def check_start(cell, protocol):
    """ProtocolError unless the CV starts at the cell's rest potential."""
    if not cell.has("Initial voltage [V]"):
        return
    v_rest = cell.value("Initial voltage [V]")
    if abs(v_rest - protocol.v_start) > START_TOLERANCE:
        raise ProtocolError(
            f"the CV starts at {protocol.v_start} V but the cell rests at "
            f"{v_rest:.4g} V ('Initial voltage [V]'): the jump would record a "
            "spurious current spike. Start the cell at the CV's start potential "
            "(e.g. parameter_set.to_pybamm(extra={'Initial voltage [V]': "
            f"{protocol.v_start}}}) for the Sb/C model) or start the CV at the rest "
            "potential"
        )


SWEEP_START_POTENTIAL = "CV sweep start potential [V]"
SWEEP_RATE = "CV sweep rate [V.s-1]"
SWEEP_START_TIME = "CV sweep start time [s]"
"""Inputs of the built CV model: its applied potential is
start potential + rate * (t - start time) during each sweep (rate signed)."""


def _ramp_potential(t):
    return pybamm.InputParameter(SWEEP_START_POTENTIAL) + pybamm.InputParameter(
        SWEEP_RATE
    ) * (t - pybamm.InputParameter(SWEEP_START_TIME))


def _built_sweeps(cell):
    """The cell under potential control, the potential a linear ramp whose start,
    rate and start time are inputs: built once for every scan rate, window and
    sweep (a ``pybamm.Experiment`` of voltage steps builds a model per sweep
    function, i.e. per scan rate). The control is PyBaMM's own, as a voltage
    step of an experiment adds it (``pybamm.step.voltage``)."""

    def build():
        model = cell.model.new_copy()
        pv = cell.parameter_values.copy()
        control = pybamm.external_circuit.VoltageFunctionControl(
            model.param, model.options
        )
        pybamm.step.BaseStepImplicit.add_control_submodel(model, control, pv)
        pv.update({"Voltage function [V]": _ramp_potential}, check_already_exists=False)
        sim = pybamm.Simulation(
            model,
            parameter_values=pv,
            solver=cell.build_solver(),
        )
        sim.build()
        return sim

    return cached(cell, ("cv sweeps",), build)


@runner(CyclicVoltammetry)
def simulate_cv(cell, protocol, variables=()):
    """Columns: the standard ones; "Cycle number" counts CV cycles (two sweeps
    each), "Step number" (= "Sweep") the sweeps. Every sweep re-solves one
    built model (:func:`_built_sweeps`); its solution is the sum of the
    sweeps'."""
    protocol.validate(cell.window())
    check_start(cell, protocol)
    sim = _built_sweeps(cell)
    sweeps = protocol.sweeps()
    T = protocol.sweep_duration
    t_grid = np.linspace(0.0, T, protocol.points_per_sweep + 1)
    names = recorded_names(cell, variables)
    cols = {n: [] for n in [*names, "Step number"]}
    solution, previous = None, pybamm.EmptySolution()
    for k, (v_from, v_to) in enumerate(sweeps, 1):
        t0 = (k - 1) * T
        inputs = {
            **cell.inputs,
            SWEEP_START_POTENTIAL: v_from,
            SWEEP_RATE: protocol.scan_rate * (1.0 if v_to > v_from else -1.0),
            SWEEP_START_TIME: t0,
        }
        try:
            step = sim.solver.step(
                previous, sim.built_model, T, t_interp=t_grid, inputs=inputs, save=False
            )
        except pybamm.SolverError as exc:
            raise ProtocolError(
                f"the CV stopped in sweep {k} of {len(sweeps)}: {exc}"
            ) from None
        check_termination(step, "the CV")
        if step.t[-1] < t0 + T * (1 - 1e-9):
            raise ProtocolError(
                f"the CV stopped after {k - 1} of {len(sweeps)} sweeps "
                f"({step.termination}); the cell could not follow the protocol"
            )
        sl = slice(1, None) if k > 1 else slice(None)  # the vertex once
        for n in names:
            cols[n].append(np.asarray(step[n].entries)[sl])
        cols["Step number"].append(np.full(len(cols[names[0]][-1]), k))
        solution = step if solution is None else solution + step
        previous = step
        if cell.progress:
            cell.progress(k / len(sweeps), f"sweep {k}/{len(sweeps)}")
    out = {n: np.concatenate(v) for n, v in cols.items()}
    out = standard_columns(
        cell, out, keep_capacity="Discharge capacity [A.h]" in variables
    )
    out["Sweep"] = out["Step number"]
    out["Cycle number"] = (out["Step number"] - 1) // 2 + 1
    return result(cell, protocol, solution, out)
