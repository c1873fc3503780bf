"""Slow checks (run with: python -m pytest -m slow).

Mesh convergence: refining every mesh 4x moves the Fig. 5a CV peaks by < 5 mV and the
peak currents by < 2 %, so the default mesh is fine enough for the reported
comparisons (tolerance 50 mV). The high-rate capacity is not converged (the
second check, an expected failure): the two-phase front in the Sb particle
converges at first order in its mesh."""

import numpy as np
import pybamm
import pytest

from sim.analysis.cv import find_sweep_peaks, split_sweeps
from sim.models.sb_carbon import (
    R_CARBON,
    X_S,
    X_W,
    SbCarbonHalfCell,
)
from sim.models.sb_carbon.geometry import R_SB
from sim.protocols import CyclicVoltammetry, RateTest, simulate


def _peaks(sbqd, factor):
    model = SbCarbonHalfCell()
    var_pts = {k: v * factor for k, v in model.default_var_pts.items()}
    # a refined mesh: PyBaMM's own Simulation with the protocol's experiment
    sim = pybamm.Simulation(
        model,
        parameter_values=sbqd.to_pybamm(),
        experiment=CyclicVoltammetry(
            2.5, 0.01, 1e-4, points_per_sweep=2000
        ).experiment(),
        var_pts=var_pts,
    )
    sol = sim.solve()
    cv = {n: sol[n].entries for n in ("Voltage [V]", "Current [A]")}
    out = []
    for V, I in split_sweeps(cv["Voltage [V]"], -cv["Current [A]"]):
        out += [(p.potential, p.current) for p in find_sweep_peaks(V, I)]
    return np.array(sorted(out))


@pytest.mark.slow
def test_cv_peaks_converge_with_mesh(sbqd):
    assert {X_S, X_W, R_CARBON, R_SB} == set(SbCarbonHalfCell().default_var_pts)
    coarse, fine = _peaks(sbqd, 1), _peaks(sbqd, 4)
    assert coarse.shape == fine.shape and len(coarse) >= 3
    assert np.max(np.abs(coarse[:, 0] - fine[:, 0])) < 5e-3
    np.testing.assert_allclose(coarse[:, 1], fine[:, 1], rtol=0.02)


def _rate_capacities(sbqd, sb_points):
    class Refined(SbCarbonHalfCell):
        @property
        def default_var_pts(self):
            return {**super().default_var_pts, R_SB: sb_points}

    protocol = RateTest((0.1, 2.0, 5.0), cycles_per_rate=1, return_cycles=0)
    res = simulate(Refined(sbqd.model_options), sbqd.to_pybamm(), protocol)
    return res.table("Cycles")["Reversible capacity [mA.h.g-1]"]


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="known: the 5 A/g capacity differs from its value at 3x the Sb-particle "
    "mesh by more than 3 % (first-order convergence of the two-phase front); the "
    "Sb diffusion length is calibrated at the default mesh and absorbs it",
)
def test_high_rate_capacity_converges_with_the_sb_particle_mesh(sbqd):
    default = _rate_capacities(sbqd, SbCarbonHalfCell().default_var_pts[R_SB])
    fine = _rate_capacities(sbqd, 3 * SbCarbonHalfCell().default_var_pts[R_SB])
    assert default[0] == pytest.approx(fine[0], rel=0.005)  # 0.1 A/g: converged
    np.testing.assert_allclose(default[1:], fine[1:], rtol=0.03)
