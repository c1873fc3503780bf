"""Polymer electrolytes (sim/physics/polymer_electrolyte.py) and the Cheng2023
parameter sets PPSE, CNCSE, CPCSE: temperature laws on numbers and PyBaMM symbols,
PyBaMM entries, calibration reproducibility, bad inputs."""

import math

import numpy as np
import pybamm
import pytest
from sim.experiments import calibration_cheng2023 as calibration
from sim.experiments import reported_cheng2023 as reported

from sim import parameters
from sim.analysis.arrhenius import arrhenius_fit
from sim.errors import ParameterError
from sim.physics import polymer_electrolyte as pe
from sim.physics.polymer_electrolyte import NAMES, PolymerElectrolyte

SETS = ("PPSE", "CNCSE", "CPCSE")
KB = 8.617333262e-5


@pytest.fixture(scope="module")
def electrolytes():
    return {n: PolymerElectrolyte.from_parameter_set(parameters.get(n)) for n in SETS}


def evaluate(entries, name, c, T):
    pv = pybamm.ParameterValues(entries)
    symbol = pybamm.FunctionParameter(
        name, {"c": pybamm.Scalar(c), "T": pybamm.Scalar(T)}
    )
    return float(np.asarray(pv.process_symbol(symbol).evaluate()).item())


# ---- temperature laws ------------------------------------------------------------


def test_vtf_and_arrhenius_forms_on_numbers_and_symbols():
    T = np.array([280.0, 300.0, 350.0])
    A, B, T0 = 12.0, 700.0, 180.0
    expected = A / np.sqrt(T) * np.exp(-B / (T - T0))
    assert pe.vtf_conductivity(T, A, B, T0) == pytest.approx(expected, rel=1e-14)
    s_ref, ea, t_ref = 0.1, 0.3, 298.15
    arr = s_ref * np.exp(-ea / KB * (1 / T - 1 / t_ref))
    assert pe.arrhenius_conductivity(T, s_ref, ea, t_ref) == pytest.approx(
        arr, rel=1e-14
    )
    for k, t in enumerate(T):
        sym = pe.vtf_conductivity(pybamm.Scalar(t), A, B, pybamm.Scalar(T0))
        assert isinstance(sym, pybamm.Symbol)
        assert sym.evaluate() == pytest.approx(expected[k], rel=1e-14)
        sym = pe.arrhenius_conductivity(pybamm.Scalar(t), s_ref, ea, t_ref)
        assert sym.evaluate() == pytest.approx(arr[k], rel=1e-14)


def test_vtf_pseudo_activation_energy_is_the_local_arrhenius_slope():
    A, B, T0, T = 10.0, 700.0, 180.0, 310.0
    h = 1e-4
    slope = (
        np.log(pe.vtf_conductivity(T + h, A, B, T0))
        - np.log(pe.vtf_conductivity(T - h, A, B, T0))
    ) / (1 / (T + h) - 1 / (T - h))
    assert pe.vtf_pseudo_activation_energy(T, B, T0) == pytest.approx(
        -KB * slope, rel=1e-7
    )


def test_temperature_at_or_below_t0_raises_a_clear_error(electrolytes):
    with pytest.raises(ParameterError, match=r"at or below the VTF temperature T0"):
        pe.vtf_conductivity(np.array([300.0, 180.0]), 10.0, 700.0, 180.0)
    cp = electrolytes["CPCSE"]
    with pytest.raises(ParameterError, match=r"T0 = 172\.64 K"):
        cp.conductivity(170.0)
    with pytest.raises(ParameterError, match="must be finite and > 0 K"):
        pe.arrhenius_conductivity(-5.0, 1.0, 0.3, 298.15)


def test_concentration_factor_and_nernst_einstein():
    c0, c_max = 1000.0, 1500.0
    c = np.linspace(1.0, 4000.0, 4000)
    g = pe.concentration_factor(c, c0, c_max)
    assert pe.concentration_factor(c0, c0, c_max) == 1.0
    assert c[np.argmax(g)] == pytest.approx(c_max, abs=1.0)
    sigma, T, t_plus = 0.05, 333.15, 0.4
    D = pe.nernst_einstein_diffusivity(sigma, c0, T, t_plus)
    F, R = 96485.33212, 8.314462618
    assert D * F**2 * c0 / (2 * t_plus * (1 - t_plus) * R * T * sigma) == pytest.approx(
        1.0, rel=1e-14
    )
    # PEO/LiTFSI at EO:Li 20 and 1.24 g/cm3: ~1.06 mol/L
    assert pe.salt_concentration(20, 1240.0) == pytest.approx(
        1240.0 / (20 * 0.044053 + 0.28709), rel=1e-12
    )


# ---- the composite electrolytes ----------------------------------------------------


def test_unfilled_and_zero_loading_give_the_polymer_exactly(electrolytes):
    T = np.array([293.15, 333.15])
    pp = electrolytes["PPSE"]
    # computed in logarithms: equal to rounding
    assert pp.conductivity(T) == pytest.approx(pp.polymer_conductivity(T), rel=1e-13)
    cp0 = electrolytes["CPCSE"].updated(loading=0.0)
    assert np.array_equal(cp0.conductivity(T), pp.conductivity(T))


def test_tg_lowered_with_the_crystallinity_the_filler_suppresses(electrolytes):
    tg = {n: e.glass_transition_temperature for n, e in electrolytes.items()}
    assert tg["CPCSE"] == pytest.approx(
        reported.value("glass transition CPCSE") + 273.15, abs=0.01
    )
    assert tg["CPCSE"] < tg["CNCSE"] < tg["PPSE"]
    cp = electrolytes["CPCSE"]
    assert cp.vogel_temperature == pytest.approx(tg["CPCSE"] - 50.0, rel=1e-14)


def test_pybamm_entries_match_numpy_for_every_set(electrolytes):
    for name in SETS:
        e = electrolytes[name]
        entries = pe.electrolyte_entries(parameters.get(name))
        for key in (
            "Electrolyte conductivity [S.m-1]",
            "Electrolyte diffusivity [m2.s-1]",
            "Cation transference number",
            "Thermodynamic factor",
            "Initial concentration in electrolyte [mol.m-3]",
        ):
            assert key in entries
        assert entries["Cation transference number"] == e.transference_number
        for T in (283.15, 298.15, 353.15):
            for c in (300.0, e.salt_concentration, 2500.0):
                sigma = evaluate(entries, "Electrolyte conductivity [S.m-1]", c, T)
                D = evaluate(entries, "Electrolyte diffusivity [m2.s-1]", c, T)
                assert sigma == pytest.approx(e.conductivity(T, c), rel=1e-7)
                assert D == pytest.approx(e.diffusivity(T, c), rel=1e-7)


def test_transport_functions_accept_inputs():
    ps = parameters.get("CPCSE").updated(
        {
            "Cation transference number": "[input]",
            "Polymer VTF prefactor [S.m-1.K0.5]": "[input]",
            "Polymer crystal melting temperature [K]": "[input]",
        }
    )
    pv = ps.to_pybamm()  # complete: the electrolyte entries included
    symbol = pybamm.FunctionParameter(
        "Electrolyte diffusivity [m2.s-1]",
        {"c": pybamm.Scalar(800.0), "T": pybamm.Scalar(320.0)},
    )
    processed = pv.process_symbol(symbol)
    base = PolymerElectrolyte.from_parameter_set(parameters.get("CPCSE"))
    for t_plus, a, tm in ((0.62, 201.3, 363.7), (0.3, 20.0, 310.0)):
        inputs = {
            "Cation transference number": t_plus,
            "Polymer VTF prefactor [S.m-1.K0.5]": a,
            "Polymer crystal melting temperature [K]": tm,
        }
        e = base.updated(
            transference_number=t_plus,
            vtf_prefactor=a,
            melting_temperature=tm,
        )
        got = float(np.asarray(processed.evaluate(inputs=inputs)).item())
        assert got == pytest.approx(e.diffusivity(320.0, 800.0), rel=1e-6)


def test_microstructure_parameters_cannot_be_inputs():
    ps = parameters.get("CPCSE").updated({"Filler loading [wt%]": "[input]"})
    with pytest.raises(ParameterError, match="sets the filler microstructure"):
        pe.electrolyte_entries(ps)
    with pytest.raises(ParameterError, match="numeric evaluation needs numbers"):
        PolymerElectrolyte.from_parameter_set(ps)


# ---- the parameter sets ------------------------------------------------------------


def test_sets_are_registered_valid_and_sourced():
    for name in SETS:
        ps = parameters.get(name)
        ps.validate()
        for key in ps.names():
            assert ps.param(key).source.strip()
        table = ps.format_table()
        assert "Cation transference number" in table
        assert "assumption:" in table and "fitted" in table
    assert parameters.get("cpcse").name == "CPCSE"


def test_sets_carry_the_reported_numbers():
    cp, cn = parameters.get("CPCSE"), parameters.get("CNCSE")
    assert cp[NAMES["t_plus"]] == reported.value("transference number CPCSE")
    assert cn[NAMES["t_plus"]] == reported.value("transference number CNCSE")
    assert cp[NAMES["d"]] == pytest.approx(
        reported.value("cluster chain diameter") * 1e-9
    )
    assert cn[NAMES["d"]] == pytest.approx(reported.value("nanowire diameter") * 1e-9)
    assert cp[NAMES["loading"]] == reported.value("optimum loading cluster chains")
    assert cn[NAMES["loading"]] == reported.value("optimum loading nanowires")
    assert cp[NAMES["f_org"]] == reported.value("organic mass fraction") / 100
    # one interface for both GdOOH fillers
    keys = ("t_shell", "beta", "delta_c", "dTg", "ligand", "rho_core", "A", "B")
    for key in (*keys, "x_max", "Tm", "w_m"):
        assert cp[NAMES[key]] == cn[NAMES[key]]
    pp = parameters.get("PPSE")
    for key in ("A", "B", "x_max", "Tm", "w_m", "Tg"):
        assert pp[NAMES[key]] == cp[NAMES[key]]


def test_calibration_is_reproducible_and_fits_its_targets(electrolytes):
    # regression: stored fitted values must be what the calibration returns
    steps = [calibration.CRYSTALLINITY]  # the interphase step simulates cells
    for name, fitted, stored, rel in calibration.compare_with_stored(steps=steps):
        assert rel < 1e-3, (name, fitted, stored)
    s = calibration.S_CM
    cp, pp = electrolytes["CPCSE"], electrolytes["PPSE"]
    assert cp.conductivity(298.15) / s == pytest.approx(5.2e-4, rel=1e-3)
    assert cp.conductivity(333.15) / s == pytest.approx(1.6e-3, rel=1e-3)
    assert pp.conductivity(333.15) / s == pytest.approx(0.8e-4, rel=1e-3)
    T = calibration.ARRHENIUS_TEMPERATURES
    assert arrhenius_fit(T, pp.conductivity(T)).activation_energy == pytest.approx(
        0.32, rel=1e-3
    )
    cn = electrolytes["CNCSE"]
    assert cn.conductivity(333.15) / s == pytest.approx(9.1e-4, rel=1e-3)
    assert cp.glass_transition_temperature == pytest.approx(273.15 - 50.51, abs=0.05)


def test_ambient_temperature_below_t0_is_rejected(electrolytes):
    # CPCSE's T0 is 172.64 K (Tg -50.51 C - 50 K); PPSE's 183.15 K
    for name, T in (("CPCSE", 172.0), ("PPSE", 183.0)):
        assert electrolytes[name].vogel_temperature > T
        ps = parameters.get(name).updated({"Ambient temperature [K]": T})
        with pytest.raises(
            ParameterError, match="must be above the VTF temperature T0"
        ):
            ps.validate()
        parameters.get(name).updated({"Ambient temperature [K]": T + 1.0}).validate()


def test_loading_rule_in_the_set():
    ps = parameters.get("CPCSE").updated({"Filler loading [wt%]": 120.0})
    with pytest.raises(ParameterError, match=r"must be in \[0, 100\) wt%"):
        ps.validate()
    ps = parameters.get("CPCSE").updated({"Interfacial shell thickness [m]": -1e-9})
    with pytest.raises(ParameterError, match="must be >= 0"):
        PolymerElectrolyte.from_parameter_set(ps)


def test_diffusivity_is_finite_as_salt_depletes(electrolytes):
    e = electrolytes["CPCSE"]
    entries = pe.electrolyte_entries(parameters.get("CPCSE"))
    D0 = evaluate(entries, "Electrolyte diffusivity [m2.s-1]", 0.0, 298.15)
    assert math.isfinite(D0) and D0 > 0
    assert D0 == pytest.approx(e.diffusivity(298.15, 0.0), rel=1e-7)


@pytest.mark.parametrize("name", ["CNCSE", "CPCSE"])
def test_pybamm_and_numpy_agree_at_every_temperature_above_t0(electrolytes, name):
    """Both paths compute the composite in logarithms with the same table and
    continuation, so they agree from T0 + 0.01 K (where the amorphous polymer and
    its shells freeze together) through the melting of the crystals to 999 K."""
    e = electrolytes[name]
    T0 = e.vogel_temperature
    entries = pe.electrolyte_entries(parameters.get(name))
    temperatures = [T0 + 0.01, T0 + 0.5, T0 + 2, T0 + 10, 220.0, 298.15, 600.0, 999.0]
    temperatures += [e.melting_temperature + dT for dT in (-5.0, 0.0, 5.0)]
    for T in temperatures:
        numpy_value = e.conductivity(T)
        assert np.isfinite(numpy_value) and numpy_value >= 0
        got = evaluate(entries, "Electrolyte conductivity [S.m-1]", e.c_max * 0.9, T)
        assert got == pytest.approx(
            e.conductivity(T, e.c_max * 0.9), rel=1e-6, abs=1e-300
        )
    # the shells are amorphous polymer: they freeze with it at T0
    assert e.conductivity(T0 + 0.01) < 1e-6 * e.conductivity(298.15)


def test_cell_temperature_check_names_the_allowed_range():
    entries = pe.electrolyte_entries(parameters.get("CPCSE"))
    T0 = entries[pe.VOGEL_TEMPERATURE]
    with pytest.raises(ParameterError) as info:
        pe.check_cell_temperature(entries, T0, "cell temperature")
    message = str(info.value)
    assert "\n" not in message
    assert f"({T0:.2f}, 393.15) K" in message
    for ok in (T0 + 1e-6, 300.0, pe.MAX_TEMPERATURE - 1e-6, "[input]", None):
        pe.check_cell_temperature(entries, ok)
    with pytest.raises(ParameterError, match="below 393.15 K"):
        pe.check_cell_temperature(entries, [300.0, pe.MAX_TEMPERATURE])
