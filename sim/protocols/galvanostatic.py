"""Galvanostatic sodiation: one constant-current discharge from rest to a cut-off.

The current is given per gram of active material (A/g, the papers' unit) and
turned into amperes with the cell's active mass (:mod:`sim.specific_units`). The
step is allowed 1.5x the time to pass the cell's nominal capacity; the cut-off
ends it first unless the cell stores more than that.
"""

from __future__ import annotations

from dataclasses import dataclass

import pybamm

from sim.errors import ProtocolError
from sim.protocols import checks
from sim.protocols.contract import Cell, built_simulation, check_termination, runner
from sim.protocols.recording import result, step_columns


@dataclass(frozen=True)
class GalvanostaticSodiation:
    """Constant-current sodiation (discharge) from rest until ``v_cutoff``.

    specific_current : [A.g-1] per gram of active composite (paper convention)
    v_cutoff : [V], inside the cell's voltage window
    points : output points over the allowed duration
    """

    specific_current: float
    v_cutoff: float
    points: int = 400

    def __post_init__(self):
        checks.setattrs(
            self,
            specific_current=checks.real(
                "specific current [A.g-1]", self.specific_current, high=1000.0
            ),
            v_cutoff=checks.potential("cut-off", self.v_cutoff),
            points=checks.integer("points", self.points, low=2, high=checks.MAX_POINTS),
        )

    def validate(self, window=None):
        if window is not None and not window[0] - 1e-12 <= self.v_cutoff < window[1]:
            raise ProtocolError(
                f"cut-off {self.v_cutoff} V outside the cell's window {list(window)} V"
            )


def _mass(cell):
    mass = cell.active_mass_g()
    if mass is None:
        raise ProtocolError(
            "a current in A/g needs the cell's active mass: the parameter values "
            "need 'Active material mass loading [kg.m-2]' and 'Electrode area [m2]'"
        )
    return mass


@runner(GalvanostaticSodiation)
def simulate_sodiation(cell, protocol):
    protocol.validate(cell.window())
    pv = cell.parameter_values.copy()
    pv.update({"Lower voltage cut-off [V]": protocol.v_cutoff})
    cell = Cell(cell.model, pv, cell.inputs, cell.solver, cell.progress)
    current = protocol.specific_current * _mass(cell)
    t_max = 1.5 * 3600 * cell.value("Nominal cell capacity [A.h]") / current

    def experiment():
        return pybamm.Experiment(
            [
                pybamm.step.current(
                    current,
                    duration=t_max,
                    termination=f"{protocol.v_cutoff} V",
                    period=t_max / protocol.points,
                )
            ]
        )

    sim = built_simulation(cell, ("sodiation", protocol, current, t_max), experiment)
    sol = cell.solve(sim)
    check_termination(sol, "the galvanostatic sodiation")
    return result(cell, protocol, sol, step_columns(cell, sol))
