"""Impedance: PyBaMM's frequency-domain EIS on the Sb/C model against analytic
limits (ohmic intercept, Randles arc, Warburg slope, the grain-contact resistance),
and the spectrum analysis on synthetic spectra with known answers."""

import numpy as np
import pybamm
import pytest

from sim.analysis.circuit_fit import DEFAULT_CIRCUIT, fit_circuit
from sim.analysis.spectra import (
    characteristic_time,
    high_frequency_intercept,
    spectrum,
    warburg_coefficient,
)
from sim.errors import DataError, ProtocolError
from sim.models.sb_carbon import (
    R_CARBON,
    SbCarbonHalfCell,
    validate_options,
)
from sim.physics.initial_state import carbon_stoichiometry_at, equilibrium
from sim.protocols.impedance import (
    CHARGE,
    DISCHARGE,
    ImpedanceProtocol,
    eis_var_pts,
    state_vector,
)

F = pybamm.constants.F.value
CARBON_ONLY = {"Sb phase": False, "surface storage": False, "additive storage": False}


def _ev(pv, expr):
    return float(pv.process_symbol(expr).evaluate())


def _eis(model, pv, freqs, var_pts=None):
    sim = pybamm.EISSimulation(model, parameter_values=pv, var_pts=var_pts)
    return sim.solve(freqs).impedance


def test_high_frequency_intercept_is_the_ohmic_resistance(sbqd):
    """Series + separator electrolyte + electrode (electrolyte and solid in
    parallel along the thickness, the transmission-line limit); everything
    capacitive is shorted at 10 MHz. On the separator mesh of the impedance
    experiment (48 cells): the finite-volume intercept converges as 1/N (+0.36 Ohm
    with 12 cells, +0.09 with 48)."""
    model = SbCarbonHalfCell(validate_options(sbqd.model_options))
    pv = sbqd.to_pybamm()
    var_pts = eis_var_pts(model)
    z = _eis(model, pv, np.logspace(5, 7, 9), var_pts=var_pts)
    geo = model.cell_geometry
    A, L_w = _ev(pv, geo.A), _ev(pv, geo.L_w)
    kappa = pv["Electrolyte conductivity [S.m-1]"]
    c0 = pv["Initial concentration in electrolyte [mol.m-3]"]
    T = pv["Ambient temperature [K]"]
    k0 = _ev(pv, kappa(pybamm.Scalar(c0), pybamm.Scalar(T)))
    eps_s, b_s = pv["Separator porosity"], pv["Separator Bruggeman coefficient"]
    eps_w = pv["Working electrode porosity"]
    b_w = pv["Working electrode Bruggeman coefficient"]
    r_e = 1 / (k0 * eps_w**b_w)  # Ohm m, electrolyte in the electrode
    r_s = 1 / pv["Working electrode conductivity [S.m-1]"]
    expected = (
        pv["Series resistance [Ohm]"]
        + pv["Separator thickness [m]"] / (k0 * eps_s**b_s * A)
        + L_w * r_e * r_s / (r_e + r_s) / A
    )
    hf = high_frequency_intercept(np.logspace(5, 7, 9), z)
    assert hf == pytest.approx(expected, rel=0.02)


@pytest.fixture(scope="module")
def lumped_carbon(sbqd):
    """Carbon-only cell made lumped: electrolyte and solid conduct perfectly, the
    Na counter electrode is ideal, the carbon diffuses fast; what remains is the
    carbon's charge transfer in parallel with the double layer (a Randles arc)."""
    ps = sbqd.updated(
        {
            "Series resistance [Ohm]": 0.0,
            "Sodium metal exchange-current density [A.m-2]": 1e6,
            "Working electrode conductivity [S.m-1]": 1e6,
            "Carbon diffusivity [m2.s-1]": 1e-10,
            "Carbon rate constant [m.s-1]": 5e-11,
            # the carbon's chemical capacitance (~0.15 F) in series with R_ct must
            # dwarf the double layer (78 uF) for a clean Randles arc
            "Double-layer capacity [F.m-2]": 1e-3,
        }
    )
    model = SbCarbonHalfCell(CARBON_ONLY)
    pv = model.complete_values(ps.to_pybamm(extra={"Initial voltage [V]": 0.3}))
    pv.update(
        {
            "Electrolyte conductivity [S.m-1]": 1e4,
            "Electrolyte diffusivity [m2.s-1]": 1e-6,
        }
    )
    return model, pv


def test_randles_arc_diameter_and_apex(lumped_carbon):
    model, pv = lumped_carbon
    geo = model.cell_geometry
    A, L_w = _ev(pv, geo.A), _ev(pv, geo.L_w)
    a_C, a_dl = _ev(pv, geo.a_C), _ev(pv, geo.a_dl)
    c_max = _ev(pv, geo.c_C_max)
    c = carbon_stoichiometry_at(pv, pv["Initial voltage [V]"]) * c_max
    f_RT = F / (pybamm.constants.R.value * pv["Ambient temperature [K]"])
    j0 = F * pv["Carbon rate constant [m.s-1]"] * np.sqrt(c * (c_max - c))
    R_ct = 1 / (f_RT * j0 * a_C * L_w * A)
    C_dl = pv["Double-layer capacity [F.m-2]"] * a_dl * L_w * A
    f_apex = 1 / (2 * np.pi * R_ct * C_dl)
    freqs = f_apex * np.logspace(-1.5, 1.5, 151)
    z = _eis(model, pv, freqs)
    k = np.argmax(-z.imag)
    assert -z.imag[k] == pytest.approx(R_ct / 2, rel=0.02)
    assert freqs[k] == pytest.approx(f_apex, rel=0.05)
    # and the diameter on the real axis: the arc closes at Rs + R_ct (Rs ~ 0 here)
    assert z.real[0] - z.real[-1] == pytest.approx(R_ct, rel=0.03)


def test_warburg_slope_of_solid_diffusion(sbqd):
    """Fast kinetics, a tiny double layer, slow diffusion in the carbon: between
    omega >> D/R^2 and the mesh limit the response is semi-infinite diffusion,
    Z' = sigma omega^-1/2 with sigma = |dU/dc| / (F S sqrt(2 D))."""
    D = 1e-14
    ps = sbqd.updated(
        {
            "Series resistance [Ohm]": 0.0,
            "Sodium metal exchange-current density [A.m-2]": 1e6,
            "Working electrode conductivity [S.m-1]": 1e6,
            "Carbon diffusivity [m2.s-1]": D,
            "Carbon rate constant [m.s-1]": 1e-6,
            "Double-layer capacity [F.m-2]": 1e-5,
        }
    )
    model = SbCarbonHalfCell(CARBON_ONLY)
    pv = model.complete_values(ps.to_pybamm(extra={"Initial voltage [V]": 0.3}))
    pv.update(
        {
            "Electrolyte conductivity [S.m-1]": 1e4,
            "Electrolyte diffusivity [m2.s-1]": 1e-6,
        }
    )
    geo = model.cell_geometry
    A, L_w = _ev(pv, geo.A), _ev(pv, geo.L_w)
    a_C, R = _ev(pv, geo.a_C), _ev(pv, geo.R_C)
    c_max = _ev(pv, geo.c_C_max)
    sto = carbon_stoichiometry_at(pv, pv["Initial voltage [V]"])
    ocp = pv["Carbon OCP [V]"]
    h = 1e-4
    dU_dsto = (
        _ev(pv, ocp(pybamm.Scalar(sto + h))) - _ev(pv, ocp(pybamm.Scalar(sto - h)))
    ) / (2 * h)
    sigma = abs(dU_dsto / c_max) / (F * a_C * L_w * A * np.sqrt(2 * D))
    # window: penetration depth sqrt(D/omega) from R/8 down to R/30 (mesh R/300)
    w = D / R**2 * np.array([64, 900])
    freqs = np.logspace(np.log10(w[0] / 2 / np.pi), np.log10(w[1] / 2 / np.pi), 12)
    z = _eis(model, pv, freqs, var_pts={**model.default_var_pts, R_CARBON: 300})
    fit = warburg_coefficient(freqs, z, freqs[0], freqs[-1])
    assert fit.r_squared > 0.999
    assert fit.sigma == pytest.approx(sigma, rel=0.05)


def test_grain_contact_adds_its_resistance_to_the_arc(sbqd):
    """Switching the grain contact on adds r_c0 k^(x/3) / (a_g L A) to the real
    part at the valley after the mid-frequency arc; the model's own output for
    the lumped contact resistance says the same."""
    freqs = np.logspace(-1, 6, 57)
    valley = {}
    for contact in (False, True):
        opts = validate_options({**sbqd.model_options, "grain contact": contact})
        model = SbCarbonHalfCell(opts)
        pv = sbqd.to_pybamm(extra={"Initial voltage [V]": 0.3})
        model.complete_values(pv)
        z = _eis(model, pv, freqs)
        # the arc's apex (100 Hz..10 kHz), then the valley below it (down to 1 Hz)
        arc = (freqs > 100) & (freqs < 1e4)
        f_apex = freqs[arc][np.argmax(-z.imag[arc])]
        sel = (freqs > 1) & (freqs < f_apex)
        valley[contact] = z.real[sel][np.argmin(-z.imag[sel])]
    geo = model.cell_geometry
    A, L_w, a_g = _ev(pv, geo.A), _ev(pv, geo.L_w), _ev(pv, geo.a_grain)
    start = equilibrium(pv, pv["Initial voltage [V]"], model.options)
    x_over_3 = sum(
        pv[f"Sb step {j} capacity fraction"] * start[f"Initial Sb step {j} occupancy"]
        for j in (1, 2)
    )
    assert x_over_3 > 0.9  # sodiated: the contact is near its Na3Sb value
    r_c = (
        pv["Grain contact resistance [Ohm.m2]"]
        * pv["Na3Sb/Sb contact resistance ratio"] ** x_over_3
    )
    expected = r_c / (a_g * L_w * A)
    assert valley[True] - valley[False] == pytest.approx(expected, rel=0.05)
    sol = pybamm.Simulation(model, parameter_values=pv).solve([0, 1])
    lumped = sol["Grain contact resistance [Ohm]"].entries[0]
    assert lumped == pytest.approx(expected, rel=1e-6)


def _synthetic(params, freqs, noise=0.0, seed=0):
    from impedance.models.circuits import CustomCircuit

    z = CustomCircuit(DEFAULT_CIRCUIT, initial_guess=params).predict(freqs)
    rng = np.random.default_rng(seed)
    return z * (1 + noise * rng.standard_normal(len(freqs)))


TRUE = [7.0, 25.0, 2e-5, 0.9, 150.0, 400.0, 50.0, 8e-3, 0.95]


@pytest.mark.parametrize("noise", [0.0, 0.005])
def test_circuit_fit_recovers_known_values(noise):
    freqs = np.logspace(-2, 5, 57)
    z = _synthetic(TRUE, freqs, noise)
    fit = fit_circuit(freqs, z)  # starts from values read off the spectrum
    p = fit.parameters
    assert p["R0"] == pytest.approx(TRUE[0], rel=0.02)
    assert p["R1"] == pytest.approx(TRUE[1], rel=0.03)
    assert p["CPE2_0"] == pytest.approx(TRUE[7], rel=0.05)
    assert fit.relative_rmse < max(3 * noise, 1e-3)
    assert fit.named()["Rct [Ohm]"] == p["R1"]


def test_fast_default_circuit_equals_impedance_py():
    from sim.analysis.circuit_fit import default_circuit_impedance

    freqs = np.logspace(-3, 6, 40)
    np.testing.assert_allclose(
        default_circuit_impedance(TRUE, freqs), _synthetic(TRUE, freqs), rtol=1e-12
    )
    # the fit reports the default circuit's values under impedance.py's names
    from impedance.models.circuits import CustomCircuit

    from sim.analysis.circuit_fit import _circuit_model

    names = CustomCircuit(DEFAULT_CIRCUIT, initial_guess=TRUE).get_param_names()[0]
    assert _circuit_model(DEFAULT_CIRCUIT, TRUE).get_param_names()[0] == names


def test_warburg_coefficient_of_an_ideal_warburg():
    freqs = np.logspace(-3, 0, 31)
    omega = 2 * np.pi * freqs
    sigma = 42.0
    z = 5 + sigma * omega**-0.5 * (1 - 1j)
    fit = warburg_coefficient(freqs, z, 0.001, 1.0)
    assert fit.sigma == pytest.approx(sigma, rel=1e-9)
    assert fit.intercept == pytest.approx(5, abs=1e-9)


def test_characteristic_time_of_an_rc():
    """R in series with C: phase -45 deg at omega = 1/(RC)."""
    R, C = 10.0, 1e-3
    freqs = np.logspace(-1, 4, 200)
    z = R + 1 / (1j * 2 * np.pi * freqs * C)
    assert characteristic_time(freqs, z) == pytest.approx(2 * np.pi * R * C, rel=1e-3)
    with pytest.raises(DataError, match="never reaches"):
        characteristic_time(freqs, R + 0 * freqs)


def test_high_frequency_intercept_interpolates_an_inductive_tail():
    freqs = np.logspace(0, 6, 61)
    omega = 2 * np.pi * freqs
    z = 3 + 1j * omega * 1e-6 + 20 / (1 + 1j * omega * 20 * 1e-5)
    hf = high_frequency_intercept(freqs, z)
    # where Im Z = 0 on the way into the arc: slightly above 3 Ohm
    k = np.argmin(np.abs(z.imag[30:])) + 30
    assert hf == pytest.approx(z.real[k], rel=0.05)
    assert 3 < hf < 4


@pytest.mark.parametrize(
    ("f", "re", "im", "match"),
    [
        ([1, 2, 3], [1, 2, 3], [1, 2, 3], "at least 5"),
        ([1, 2, 3, 4, 5], [1, 2, 3, 4], [1, 2, 3, 4, 5], "equal length"),
        ([1, 2, 3, 4, np.nan], [1] * 5, [1] * 5, "finite"),
        ([0, 2, 3, 4, 5], [1] * 5, [1] * 5, "> 0 Hz"),
        ([1, 2, 2, 4, 5], [1] * 5, [1] * 5, "repeat"),
    ],
)
def test_broken_spectra_are_refused(f, re, im, match):
    with pytest.raises(DataError, match=match):
        spectrum(f, re, im)


def test_fit_needs_a_guess_for_other_circuits():
    freqs = np.logspace(-2, 5, 30)
    with pytest.raises(DataError, match="initial_guess"):
        fit_circuit(freqs, _synthetic(TRUE, freqs), circuit="R0-p(R1,C1)")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"stops": ((DISCHARGE, 3.0),)}, "voltage window"),
        ({"stops": (("up", 0.5),)}, "direction"),
        ({"stops": ((DISCHARGE, 0.5), (DISCHARGE, 0.8))}, "descending"),
        ({"stops": ((CHARGE, 0.8), (CHARGE, 0.5))}, "ascending"),
        ({"stops": ((CHARGE, 0.8), (DISCHARGE, 0.5))}, "before charge"),
        ({"stops": ()}, "at least one"),
        ({"rest_time": 0}, "rest_time"),
        ({"formation_cycles": 0}, "formation_cycles"),
        ({"specific_current": -1}, "specific current"),
        ({"f_min": 10, "f_max": 1}, "f_min < f_max"),
    ],
)
def test_impossible_impedance_protocols_are_refused(kwargs, match):
    with pytest.raises(ProtocolError, match=match):
        ImpedanceProtocol(**kwargs).validate(0.01, 2.5)


def test_state_vector_refuses_a_different_model(sbqd):
    """A solution of the carbon-only model cannot seed the full model's EIS."""
    carbon = SbCarbonHalfCell(CARBON_ONLY)
    pv_c = carbon.complete_values(sbqd.to_pybamm())
    sol = pybamm.Simulation(carbon, parameter_values=pv_c).solve([0, 1])
    opts = validate_options(sbqd.model_options)
    eis = pybamm.EISSimulation(
        SbCarbonHalfCell(opts),
        parameter_values=sbqd.to_pybamm(),
    )
    eis.build()
    with pytest.raises(ProtocolError, match="not in the protocol"):
        state_vector(eis.built_model, sol)


@pytest.mark.slow  # over 3 s; the default suite keeps the cheaper checks of the same idea
def test_impedance_experiment_on_a_short_protocol(sbqd):
    """The experiment's pipeline (protocol, state hand-over, spectra, fits) on one
    formation cycle and two stops: positive real parts, the same high-frequency
    intercept at both stops (an ohmic quantity), a larger arc when sodiated (the
    grain contact), fits within 10 %."""
    from sim.experiments.qiu2021_fig6_impedance import simulate

    protocol = ImpedanceProtocol(
        stops=((DISCHARGE, 2.5), (DISCHARGE, 0.3)),
        formation_cycles=1,
        points_per_decade=6,
    )
    rows, history, timings = simulate("SbQD@C", sbqd, protocol)
    assert [r["spectrum"].target_potential for r in rows] == [2.5, 0.3]
    for r in rows:
        assert np.all(r["spectrum"].impedance.real > 0)
        assert r["fit"].relative_rmse < 0.1
    assert rows[0]["hf"] == pytest.approx(rows[1]["hf"], rel=0.1)
    assert rows[1]["rct"] > rows[0]["rct"]
    assert rows[1]["spectrum"].sodiation > 2 > rows[0]["spectrum"].sodiation
    assert np.all(np.diff(history["Time [s]"]) >= 0)
    assert timings["spectra"] < 5


def test_eis_mesh_refines_the_models_own_separator_key():
    """The refinement is found by variable name on the model's own mesh keys (no
    import of the Sb/C model in the generic module); overrides by name too."""
    model = SbCarbonHalfCell()
    pts = eis_var_pts(model)
    names = {getattr(k, "name", k): v for k, v in pts.items()}
    assert names["x_s"] == 48 and set(pts) == set(model.default_var_pts)
    names = {
        getattr(k, "name", k): v for k, v in eis_var_pts(model, {"x_w": 30}).items()
    }
    assert names["x_w"] == 30
    with pytest.raises(ProtocolError, match="mesh override 'x_q'"):
        eis_var_pts(model, {"x_q": 30})
