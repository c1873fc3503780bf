"""Cyclic voltammetry: triangular potential sweeps from the cell's rest potential.

A potentiostat starts a CV from the cell at rest. A sweep that starts at another
potential first jumps the electrode there, which draws a capacitive and faradaic
spike that no laboratory CV shows (starting at 2.0 V on a cell at rest at 2.5 V
records a current 18x the real peak). :func:`simulate` therefore refuses a start
potential different from the cell's "Initial voltage [V]": start the cell at that
potential instead (``parameter_set.to_pybamm(extra={"Initial voltage [V]": v})``
for the Sb/C model, which computes its equilibrium start state from it).
"""

from __future__ import annotations

from dataclasses import dataclass

import pybamm

from sim.errors import ProtocolError
from sim.protocols import checks
from sim.protocols.contract import built_simulation, check_termination, runner
from sim.protocols.recording import result, step_columns

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


@runner(CyclicVoltammetry)
def simulate_cv(cell, protocol, variables=()):
    """Columns: the standard ones; "Cycle number" counts CV cycles (two sweeps
    each), "Step number" (= "Sweep") the sweeps."""
    protocol.validate(cell.window())
    check_start(cell, protocol)
    sim = built_simulation(cell, ("cv", protocol), protocol.experiment)
    n_sweeps = len(protocol.sweeps())
    sol = cell.solve(sim, total=n_sweeps, what="sweep")
    check_termination(sol, "the CV")
    if len(sol.cycles) != n_sweeps:
        raise ProtocolError(
            f"the CV stopped after {len(sol.cycles)} of {n_sweeps} sweeps "
            f"({sol.termination}); the cell could not follow the protocol"
        )
    cols = step_columns(cell, sol, variables=variables, drop_joins=True)
    cols["Sweep"] = cols["Step number"]
    cols["Cycle number"] = (cols["Step number"] - 1) // 2 + 1
    return result(cell, protocol, sol, cols)
