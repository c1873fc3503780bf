"""Step cycling and Bruce-Vincent take the cell model like every other runner
and re-solve a built model with inputs (here the interphase resistance)."""

import numpy as np
import pytest

from sim.models.symmetric_lithium_cell import (
    SymmetricLithiumCell,
    symmetric_cell_with_electrolyte,
)
from sim.protocols import BruceVincent, StepCycling, simulate
from sim.protocols.contract import build_count

R = "Lithium interphase resistance [Ohm.m2]"


def test_step_cycling_resolves_with_an_interphase_resistance_input(symmetric):
    el = symmetric.electrolyte(D=2e-12)
    model = SymmetricLithiumCell()
    pv = symmetric_cell_with_electrolyte(symmetric.CELL, el, {R: "[input]"})
    p = StepCycling((0.02,), half_cycle_time=120.0, points_per_half_cycle=20)
    r0 = symmetric.CELL[R]
    warm = simulate(model, pv, p, inputs={R: 3 * r0})
    n = build_count()
    cold = simulate(model, pv, p, inputs={R: r0})
    assert build_count() == n
    fresh = simulate(
        SymmetricLithiumCell(), symmetric_cell_with_electrolyte(symmetric.CELL, el), p
    )
    v, v_fresh = cold["Voltage [V]"], fresh["Voltage [V]"]
    assert np.max(np.abs(v - v_fresh)) < 1e-3 * np.max(np.abs(v_fresh))
    assert np.max(np.abs(warm["Voltage [V]"] - v)) > 0.1 * np.max(np.abs(v))
    # plating first: positive current, negative voltage; 0.02 mA/cm2 on 2 cm2
    i = cold["Current [A]"]
    area_cm2 = 1e4 * symmetric.CELL["Electrode area [m2]"]
    assert i[1] == pytest.approx(0.02e-3 * area_cm2) and v[1] < 0
    assert cold.summary["depleted"] is False
    assert set(cold["Step number"]) == {1, 2}


def test_bruce_vincent_runs_on_the_given_model(symmetric):
    pv = symmetric_cell_with_electrolyte(
        symmetric.CELL, symmetric.electrolyte(D=2e-12, t_plus=0.3)
    )
    r = simulate(SymmetricLithiumCell(), pv, BruceVincent(hold_time=4 * 3600.0))
    assert r.summary["t+ (Bruce-Vincent)"] == pytest.approx(0.3, abs=0.01)
    z = r.table("Impedance before")
    assert len(z["Frequency [Hz]"]) == 91 and np.all(z["Z_re [Ohm]"] > 0)
    assert r["Current [A]"][-1] > 0  # plating on the working electrode
