"""Scan-rate CV series: the same electrode swept at several scan rates, each at
steady state, with the model's true split of the current into its stores.

For each scan rate the cell starts at rest at the upper vertex and runs
``cycles`` cycles; the last one is kept (steady state: later cycles repeat it,
apart from the slow fade). The result keeps, besides time, voltage and current,
the current of every store the model has (double layer, fast surface sites,
carbon insertion, each Sb alloying step): what a kinetic analysis of measured CVs
(b-values, Dunn's k1 v + k2 v^1/2 split) tries to infer, known exactly here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.errors import ProtocolError
from sim.protocols import checks
from sim.protocols.contract import Cell, runner
from sim.protocols.cyclic_voltammetry import CyclicVoltammetry, simulate_cv
from sim.protocols.recording import result


@dataclass(frozen=True)
class ScanRateSeries:
    """CVs between ``v_low`` and ``v_high`` [V] at each of ``scan_rates`` [V/s],
    ``cycles`` cycles each (the last kept), ``points_per_sweep`` points a sweep."""

    scan_rates: tuple
    v_high: float
    v_low: float
    cycles: int = 2
    points_per_sweep: int = 400

    def __post_init__(self):
        try:
            rates = tuple(self.scan_rates)
        except TypeError:
            raise ProtocolError(
                f"scan_rates = {self.scan_rates!r}: give a sequence"
            ) from None
        if not 1 <= len(rates) <= 100:
            raise ProtocolError(f"{len(rates)} scan rates: give 1..100")
        cvs = [self.cv(nu) for nu in rates]
        checks.setattrs(self, scan_rates=tuple(cv.scan_rate for cv in cvs))

    def cv(self, scan_rate):
        """The CV protocol at one scan rate."""
        return CyclicVoltammetry(
            self.v_high, self.v_low, scan_rate, cycles=self.cycles,
            points_per_sweep=self.points_per_sweep,
        )  # fmt: skip


def _last_cycles(cell, protocol):
    out = {}
    for k, nu in enumerate(protocol.scan_rates):
        if cell.progress:
            cell.progress(k / len(protocol.scan_rates), f"{nu * 1e3:.1f} mV/s")
        quiet = Cell(cell.model, cell.parameter_values, cell.inputs, cell.solver, None)
        res = simulate_cv(quiet, protocol.cv(nu))
        last = res["Cycle number"] == protocol.cycles
        out[nu] = {name: np.asarray(res[name])[last] for name in res}
    return out


@runner(ScanRateSeries)
def simulate_scan_rate_series(cell, protocol):
    """Columns: the last cycle at every scan rate, one after another, with
    "Scan rate [V.s-1]"; every store current the model has."""
    series = _last_cycles(cell, protocol)
    names = list(next(iter(series.values())))
    cols = {n: np.concatenate([c[n] for c in series.values()]) for n in names}
    cols["Scan rate [V.s-1]"] = np.concatenate(
        [np.full(len(c["Time [s]"]), nu) for nu, c in series.items()]
    )
    return result(cell, protocol, None, cols)


def true_capacitive_fraction(curves, direction_sign=None):
    """Charge fraction of one full cycle carried by the fast, non-diffusive stores
    (double layer + surface sites + the conductive additive's sites, none of
    them limited by solid diffusion): integral |i_fast| dt / integral |i| dt."""
    t = curves["Time [s]"]
    fast = curves["Double-layer current [A]"].copy()
    for name in ("Surface storage current [A]", "Conductive additive current [A]"):
        if name in curves:
            fast = fast + curves[name]
    total = curves["Current [A]"]
    return float(np.trapezoid(np.abs(fast), t) / np.trapezoid(np.abs(total), t))
