"""Build once, re-solve with [input] parameters: the re-solve equals a fresh build
with the same value, and different inputs give different answers."""

import numpy as np
import pybamm

from sim.models.sb_carbon import SbCarbonHalfCell
from sim.protocols import CyclicVoltammetry

NAME = "Sb rate constant [m.s-1]"


def _cv_sim(ps):
    return pybamm.Simulation(
        SbCarbonHalfCell(),
        parameter_values=ps.to_pybamm(),
        experiment=CyclicVoltammetry(
            2.5, 0.01, 9e-4, points_per_sweep=200
        ).experiment(),
    )


def test_input_parameter_resolve_matches_fresh_build(sbqd):
    sim = _cv_sim(sbqd.updated({NAME: "[input]"}))
    slow = sim.solve(inputs={NAME: 1e-14})["Current [A]"].entries
    fast = sim.solve(inputs={NAME: 1e-11})["Current [A]"].entries
    fresh = _cv_sim(sbqd.updated({NAME: 1e-14})).solve()["Current [A]"].entries
    # same answer within solver tolerance (the input path takes other time steps)
    assert np.max(np.abs(slow - fresh)) < 1e-3 * np.max(np.abs(fresh))
    # a 1000x slower step 1 lowers and shifts its cathodic peak: answers differ
    assert np.max(np.abs(slow - fast)) > 0.05 * np.max(np.abs(fast))
