"""The Sb phase in the time and frequency domain: relaxation after a pulse with
the analytic Fickian time constant, a PyBOP pulse fit that recovers the model's
diffusivity, impedance at rest inside the hysteresis loop, scanning curves."""

import numpy as np
import pybamm
import pytest

from sim import parameters
from sim.models.sb_carbon import SbCarbonHalfCell

BARE = {
    "surface storage": False,
    "additive storage": False,
    "volume change": False,
    "grain contact": False,
    "Sb placement": "connected",
}
BETA1 = 4.493409457909064  # first root of tan(b) = b: slowest mode of a sphere


@pytest.fixture(scope="module")
def bulk():
    """Bulk (commercial) Sb, the Sb phase alone: one particle size, one D."""
    model = SbCarbonHalfCell(BARE)
    ps = parameters.get("commercial Sb")
    pv = model.complete_values(ps.to_pybamm(), branch="sodiation")
    return model, pv


def _pulse_then_rest(model, pv, V0, current, pulse, rest, n=400):
    pv = pv.copy()
    pv["Initial voltage [V]"] = V0
    exp = pybamm.Experiment(
        [f"Discharge at {current} A for {pulse} seconds", f"Rest for {rest} seconds"],
        period=f"{rest / n} seconds",
    )
    sol = pybamm.Simulation(model, parameter_values=pv, experiment=exp).solve()
    return sol


def test_relaxation_after_a_pulse_has_the_fickian_time_constant(bulk):
    model, pv = bulk
    L, D = pv["Sb diffusion length [m]"], pv["Sb diffusivity [m2.s-1]"]
    tau1 = L**2 / (BETA1**2 * D)  # slowest mode of Fickian relaxation
    I = 1e-4
    sol = _pulse_then_rest(model, pv, 0.70, I, 60, 16 * tau1)
    rest = sol.cycles[1]
    t = rest["Time [s]"].entries - rest["Time [s]"].entries[0]
    V = rest["Voltage [V]"].entries
    dV = np.abs(V - V[-1])
    sel = (t > 2.5 * tau1) & (t < 6 * tau1)
    slope = np.polyfit(t[sel], np.log(dV[sel]), 1)[0]
    assert -1 / slope == pytest.approx(tau1, rel=0.10)
    # a diffusion tail of millivolts is left 1 s into the rest (an algebraic
    # surface correction leaves none: it relaxes with the current)
    assert abs(V[np.searchsorted(t, 1.0)] - V[-1]) > 5e-4


def _ocp(pv, U0, y, T):
    """U(y) of the isotherm with step potentials U0, inverted numerically."""
    from scipy.optimize import brentq

    from sim.constants import FARADAY, GAS_CONSTANT
    from sim.physics.multistep_ocp import logit_stoichiometry

    w = [pv[f"Sb step {j} isotherm width"] for j in (1, 2)]
    X = [pv[f"Sb step {j} capacity fraction"] for j in (1, 2)]
    f = FARADAY / (GAS_CONSTANT * T)
    target = np.log(y / (1 - y))
    return brentq(
        lambda U: logit_stoichiometry(U, U0, w, X, f) - target, -1, 4, xtol=1e-14
    )


def test_impedance_inside_the_loop_has_the_sb_warburg_coefficient(bulk):
    """At rest halfway between the branches (h = 0), fast kinetics, a tiny double
    layer, no electrolyte limitation: between omega >> D/L^2 and the mesh limit
    the Sb particles respond as semi-infinite diffusion, Z' = sigma omega^-1/2
    with sigma = |dU/dy| / (c_max F S sqrt(2 D)), S the diffusion spheres'
    surface. The hysteresis state moves with the charge passed, which adds a
    purely capacitive term: it leaves Z' alone."""
    from sim.analysis.spectra import warburg_coefficient
    from sim.constants import FARADAY, GAS_CONSTANT
    from sim.models.sb_carbon.geometry import R_SB
    from sim.physics.multistep_ocp import stoichiometry

    model, pv = bulk
    D = 1e-14
    pv = pv.copy()
    pv.update(
        {
            "Series resistance [Ohm]": 0.0,
            "Sodium metal exchange-current density [A.m-2]": 1e6,
            "Working electrode conductivity [S.m-1]": 1e6,
            "Sb diffusivity [m2.s-1]": D,
            "Sb rate constant [m.s-1]": 1e-6,
            "Double-layer capacity [F.m-2]": 1e-5,
            "Electrolyte conductivity [S.m-1]": 1e4,
            "Electrolyte diffusivity [m2.s-1]": 1e-6,
            "Start on sodiation branch": 0.5,  # h = 0: inside the loop
            "Initial voltage [V]": 0.68,
        }
    )
    geo = model.cell_geometry

    def ev(e):
        return float(np.ravel(pv.process_symbol(e).evaluate())[0])

    A, L_w, eps_Sb, c_max = (ev(e) for e in (geo.A, geo.L_w, geo.eps_Sb, geo.c_Sb_max))
    L = pv["Sb diffusion length [m]"]
    S = 3 * eps_Sb / L * L_w * A
    sim = pybamm.EISSimulation(
        model, parameter_values=pv, var_pts={**model.default_var_pts, R_SB: 300}
    )
    T = pv["Ambient temperature [K]"]
    # the start state: on the isotherm of the mid potentials, at h = 0
    mid = [
        (
            pv[f"Sb step {j} sodiation potential [V]"]
            + pv[f"Sb step {j} desodiation potential [V]"]
        )
        / 2
        for j in (1, 2)
    ]
    y = stoichiometry(
        0.68,
        mid,
        [pv[f"Sb step {j} isotherm width"] for j in (1, 2)],
        [pv[f"Sb step {j} capacity fraction"] for j in (1, 2)],
        FARADAY / (GAS_CONSTANT * T),
    )
    h = 1e-5
    dU_dy = (_ocp(pv, mid, y + h, T) - _ocp(pv, mid, y - h, T)) / (2 * h)
    sigma = abs(dU_dy) / (c_max * FARADAY * S * np.sqrt(2 * D))
    w = D / L**2 * np.array([64, 900])
    freqs = np.logspace(np.log10(w[0] / 2 / np.pi), np.log10(w[1] / 2 / np.pi), 12)
    z = sim.solve(freqs).impedance
    fit = warburg_coefficient(freqs, z, freqs[0], freqs[-1])
    assert fit.r_squared > 0.999
    assert fit.sigma == pytest.approx(sigma, rel=0.05)


def test_scanning_curves_inside_the_loop(bulk):
    """Slow cycling of the Sb between two potentials inside the hysteresis loop:
    the state h leaves the branch and swings back and forth (scanning curves),
    the charge exchanged per inner cycle is far below what the two branches hold
    between the same potentials, and a repeated inner cycle closes on itself
    (the cell returns to the same charge at the same potential: no net current
    in a closed loop beyond the drift of the first cycle)."""
    model, pv = bulk
    pv = pv.copy()
    pv["Initial voltage [V]"] = 0.45  # sodiated, on the sodiation branch
    lo, hi = 0.45, 0.62  # inside the step-2 loop (sodiation 0.53, desodiation 0.71 V)
    I = 2e-5
    steps = []
    for _ in range(3):
        steps += [
            f"Charge at {I} A until {hi} V",
            f"Hold at {hi} V until {I / 20} A",
            f"Discharge at {I} A until {lo} V",
            f"Hold at {lo} V until {I / 20} A",
        ]
    sol = pybamm.Simulation(
        model, parameter_values=pv, experiment=pybamm.Experiment(steps)
    ).solve()
    h = sol["Sb hysteresis state"].entries.mean(axis=0)
    Q = sol["Discharge capacity [A.h]"].entries
    assert h.max() > -0.5 and h.min() < -0.9  # leaves the branch and returns
    ends = [c["Discharge capacity [A.h]"].entries[-1] for c in sol.cycles[3::4]]
    swing = Q.max() - Q.min()
    assert abs(ends[2] - ends[1]) < 0.02 * swing  # the inner loop closes
    # an electrode that stayed on its sodiation branch (no hysteresis state)
    # would exchange far more between lo and hi than the inner loop does
    from sim.constants import FARADAY, GAS_CONSTANT
    from sim.physics.multistep_ocp import stoichiometry

    T = pv["Ambient temperature [K]"]
    f = FARADAY / (GAS_CONSTANT * T)
    w = [pv[f"Sb step {j} isotherm width"] for j in (1, 2)]
    X = [pv[f"Sb step {j} capacity fraction"] for j in (1, 2)]
    sod = [pv[f"Sb step {j} sodiation potential [V]"] for j in (1, 2)]
    branch_gap = stoichiometry(lo, sod, w, X, f) - stoichiometry(hi, sod, w, X, f)
    geo = model.cell_geometry
    n_Sb = float(
        np.ravel(
            pv.process_symbol(geo.eps_Sb * geo.c_Sb_max * geo.L_w * geo.A).evaluate()
        )[0]
    )
    full_loop_Ah = branch_gap * n_Sb * FARADAY / 3600
    assert swing < 0.5 * full_loop_Ah


def test_pybop_pulse_fit_recovers_the_sb_diffusivity(bulk):
    """GITT on one bulk-Sb particle (the Sb phase alone, an electrolyte that does
    not polarise, fast Sb kinetics so the drop at switch-on is a constant
    resistance, a fine particle mesh): the PyBOP single-particle pulse fit,
    given the particle radius, recovers the model's own D within 10 %.

    Pulses near the end of the titration are left out of the check: their fit
    reads the relaxed-voltage curve beyond its last point (extrapolated)."""
    from sim.analysis.titration import analyse_titration
    from sim.models.sb_carbon.geometry import R_SB

    model, pv = bulk
    pv = pv.copy()
    pv.update(
        {
            "Initial voltage [V]": 0.70,
            "Electrolyte diffusivity [m2.s-1]": 1e-8,
            "Electrolyte conductivity [S.m-1]": 10.0,
            "Sb rate constant [m.s-1]": 1e-6,
        }
    )
    L, D = pv["Sb diffusion length [m]"], pv["Sb diffusivity [m2.s-1]"]
    tau = L**2 / D
    I = 1e-4
    exp = pybamm.Experiment(
        [(f"Discharge at {I} A for 60 seconds", f"Rest for {0.3 * tau} seconds")] * 8,
        period="5 seconds",
    )
    sol = pybamm.Simulation(
        model,
        parameter_values=pv,
        experiment=exp,
        var_pts={**model.default_var_pts, R_SB: 40},
    ).solve()
    t = sol["Time [s]"].entries
    r = analyse_titration(
        t, sol["Current [A]"].entries, sol["Voltage [V]"].entries, length=L
    )
    interior = np.asarray(r["state"]) < 0.75
    fitted = np.asarray(r["D_fit"])[interior]
    assert np.isfinite(fitted).sum() >= 4
    np.testing.assert_allclose(fitted[np.isfinite(fitted)], D, rtol=0.10)
    # the fits are good, not only near: sub-0.1 mV on a 75 mV response
    assert np.nanmax(np.asarray(r["rmse"])[interior]) < 1e-4


def test_double_layer_area_counts_the_conductive_additive():
    """The double layer sits on the active material's BET area and on the
    conductive additive's (Super P): per electrode volume, (S_BET + S_add w_add /
    w_active) * active mass per volume."""
    ps = parameters.get("commercial Sb")
    model = SbCarbonHalfCell(ps.model_options)
    pv = ps.to_pybamm()
    geo = model.cell_geometry

    def ev(e):
        return float(np.ravel(pv.process_symbol(e).evaluate())[0])

    rho = ev(geo.rho_active_v)
    expected = rho * (
        pv["BET specific surface area [m2.kg-1]"]
        + pv["Conductive additive specific surface area [m2.kg-1]"]
        * pv["Conductive additive mass fraction in electrode"]
        / pv["Active material mass fraction in electrode"]
    )
    assert ev(geo.a_dl) == pytest.approx(expected, rel=1e-12)
    # for bulk Sb the additive's area dominates the particles' own
    assert ev(geo.a_dl) > 10 * rho * pv["BET specific surface area [m2.kg-1]"]
