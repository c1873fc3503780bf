"""Refusing a state of charge for cells that have none.

A Li | electrolyte | Li symmetric cell and a steel | electrolyte | steel blocking
cell store no charge that a state of charge could count: both electrodes of the
symmetric cell are the same Li metal (its open-circuit voltage is 0 V at any
amount of Li moved), and the blocking cell only charges its double layers.
``pybamm.Simulation.solve(initial_soc=...)`` nevertheless runs PyBaMM's
electrode-state-of-health (eSOH) calculation, which reads and evaluates the
electrodes' OCPs and active material volume fractions (:data:`OCP_NAMES`; all
functions in PyBaMM). These cells' parameter values therefore hold, under those
names, a function that raises one :class:`sim.errors.ParameterError` saying
so. The cell models never read the
names, so nothing else changes. (A user's own parameter values without these
entries get PyBaMM's KeyError for the missing OCP instead.)
"""

from __future__ import annotations

from sim.errors import ParameterError

OCP_NAMES = (
    "Positive electrode OCP [V]",
    "Negative electrode OCP [V]",
    "Positive electrode active material volume fraction",
    "Negative electrode active material volume fraction",
)
"""The electrode functions PyBaMM's eSOH reads first (the OCPs when it sets up,
the active material when it computes the electrode capacities)."""


def refusing_ocp(cell: str):
    """An "electrode OCP" function that raises one ParameterError: ``cell`` has
    no state of charge (used when PyBaMM is asked for ``initial_soc``)."""

    def no_state_of_charge(sto, *args):
        raise ParameterError(
            f"initial_soc is not allowed for the {cell}: it has no state of charge "
            "(no electrode whose open-circuit potential changes with its lithium "
            "content); solve without initial_soc, it starts at rest (salt at c0, "
            "no polarization). A state of charge applies to LFPSolidStateCell."
        )

    return no_state_of_charge


def refusal_entries(cell: str) -> dict:
    """The :data:`OCP_NAMES` entries, each a :func:`refusing_ocp` for ``cell``."""
    return {name: refusing_ocp(cell) for name in OCP_NAMES}


__all__ = ["OCP_NAMES", "refusal_entries", "refusing_ocp"]
