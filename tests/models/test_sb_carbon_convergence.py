"""Slow checks (run with: python -m pytest -m slow).

Mesh convergence: refining every mesh 4x moves the Fig. 5a CV peaks by < 5 mV and the
peak currents by < 2 %, so the default mesh is fine enough for the reported
comparisons (tolerance 50 mV)."""

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
from sim.protocols import CyclicVoltammetry


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
    assert {X_S, X_W, R_CARBON} == set(SbCarbonHalfCell().default_var_pts)
    coarse, fine = _peaks(sbqd, 1), _peaks(sbqd, 4)
    assert coarse.shape == fine.shape and len(coarse) >= 3
    assert np.max(np.abs(coarse[:, 0] - fine[:, 0])) < 5e-3
    np.testing.assert_allclose(coarse[:, 1], fine[:, 1], rtol=0.02)
