"""Interphase growth in the Li | electrolyte | Li symmetric cell: the film
resistance R_f = R_f0 (1 + k q) grows with the charge q passed through each Li
electrode; the film polarization is that law integrated over the passed charge
(analytic check), with and without a late start (q_0), and k = 0 is no growth."""

import numpy as np
import pytest

from sim.models.symmetric_lithium_cell import (
    SymmetricLithiumCell,
    symmetric_cell_with_electrolyte,
)
from sim.protocols import StepCycling, simulate

PROTOCOL = StepCycling((0.1,), half_cycle_time=3600.0, cycles_per_step=2)

K = "Lithium interphase growth per passed charge [m2.A-1.h-1]"
Q0 = "Initial interphase passed charge [A.h.m-2]"


def film_overpotential(symmetric, k, q0, t):
    """Counter-electrode film overpotential, film resistance and passed charge at
    times t of two 0.1 mA/cm2 cycles of 1 h half cycles (the Fig. 3h,i protocol)."""
    cell = {**symmetric.CELL, K: k, Q0: q0}
    pv = symmetric_cell_with_electrolyte(cell, symmetric.electrolyte())
    run = simulate(SymmetricLithiumCell(), pv, PROTOCOL)
    sol = run.solution
    time = sol["Time [s]"].entries

    def at(name):
        return np.interp(t, time, sol[name].entries)

    return (
        at("Counter electrode film overpotential [V]"),
        at("Lithium interphase resistance per electrode [Ohm.m2]"),
        at("Interphase passed charge per area [A.h.m-2]"),
        cell["Lithium interphase resistance [Ohm.m2]"],
    )


@pytest.mark.parametrize("q0", [0.0, 50.0])
def test_film_polarization_is_the_growth_law_integrated_over_passed_charge(
    symmetric, q0
):
    i, k = 1.0, 0.05  # A/m2 (0.1 mA/cm2); 5 % per A.h/m2
    t = np.array([1800.0, 3000.0, 5400.0, 9000.0, 12600.0])  # inside half cycles
    eta, r_f, q, r0 = film_overpotential(symmetric, k, q0, t)
    q_exact = q0 + i * t / 3600  # |i| integrated
    assert q == pytest.approx(q_exact, rel=1e-6)
    assert r_f == pytest.approx(r0 * (1 + k * q_exact), rel=1e-6)
    # the film's RC time (R_f C_f < 1 ms) is far below the hour: quasi-steady
    sign = np.sign(np.sin(np.pi * t / 3600))
    assert eta == pytest.approx(sign * i * r0 * (1 + k * q_exact), rel=1e-4)


def test_no_growth_by_default(symmetric):
    # the law's default is R_f = R_f0 (k = 0, q_0 = 0); the k = 0 limit of the
    # integrated law is what the parametrized test checks with k > 0
    pv = symmetric_cell_with_electrolyte(symmetric.CELL, symmetric.electrolyte())
    assert pv[K] == 0.0 and pv[Q0] == 0.0
