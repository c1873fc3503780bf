"""Users' mistakes get the project's own error naming what is wrong and what is
allowed, before any model is built; the CLI exits nonzero without a traceback."""

import subprocess
import sys

import pytest

from sim import parameters
from sim.analysis.cv import find_sweep_peaks, split_sweeps, sweep_direction
from sim.errors import DataError, ParameterError, ProtocolError
from sim.models.sb_carbon import SbCarbonHalfCell
from sim.protocols import CyclicVoltammetry, GalvanostaticSodiation, simulate


@pytest.mark.parametrize(
    "name,value,allowed",
    [
        ("Working electrode porosity", 1.3, "(0, 1)"),
        ("Separator thickness [m]", -1e-6, "> 0"),
        ("Sb particle radius [m]", 0.0, "> 0"),
        ("Carbon rate constant [m.s-1]", -1e-11, "> 0"),
        ("Carbon insertion capacity [mA.h.g-1]", -250.0, "> 0"),
        ("Sb density [kg.m-3]", float("nan"), "> 0"),
    ],
)
def test_nonphysical_values_raise_parameter_error(sbqd, name, value, allowed):
    bad = sbqd.updated({name: value})
    with pytest.raises(ParameterError) as err:
        bad.to_pybamm()
    msg = str(err.value)
    assert name in msg and allowed in msg


def test_mass_fractions_above_one_are_rejected(sbqd):
    bad = sbqd.updated({"Binder mass fraction in electrode": 0.4})
    with pytest.raises(ParameterError, match="sum to 1"):
        bad.to_pybamm()


def test_hysteresis_order_is_checked(sbqd):
    bad = sbqd.updated({"Sb step 2 sodiation potential [V]": 0.9})
    with pytest.raises(ParameterError, match="desodiation potential"):
        bad.to_pybamm()


def test_unknown_parameter_name_suggests_close_match(sbqd):
    with pytest.raises(ParameterError, match="Working electrode porosity"):
        sbqd.updated({"Working electrode porosty": 0.4})


def test_unknown_parameter_set_lists_available():
    with pytest.raises(ParameterError, match="SbQD@C"):
        parameters.get("SbQD")


def test_unknown_model_option():
    with pytest.raises(ParameterError, match="allowed options"):
        SbCarbonHalfCell({"Sb stepz": 2})
    with pytest.raises(ParameterError, match="integer 1..6"):
        SbCarbonHalfCell({"Sb steps": 0})


def test_missing_parameter_is_named(sbqd):
    from sim.parameter_set import ParameterSet

    params = {n: sbqd.param(n) for n in sbqd.names() if n != "Sb rate constant [m.s-1]"}
    incomplete = ParameterSet("incomplete", "test", params)
    cv = CyclicVoltammetry(v_high=2.5, v_low=0.01, scan_rate=1e-4)
    with pytest.raises(ParameterError, match="Sb rate constant"):
        simulate(SbCarbonHalfCell(), incomplete.to_pybamm(), cv)
    completed = ParameterSet("incomplete", "test", params, completion=sbqd.completion)
    with pytest.raises(ParameterError, match="Sb rate constant"):
        completed.to_pybamm()


@pytest.mark.parametrize(
    "kwargs,match",
    [
        (dict(v_high=2.5, v_low=0.01, scan_rate=0.0), "scan rate"),
        (dict(v_high=0.01, v_low=2.5, scan_rate=1e-4), "lower vertex"),
        (dict(v_high=3.5, v_low=0.01, scan_rate=1e-4), "outside the cell's allowed"),
        (dict(v_high=2.5, v_low=0.01, scan_rate=1e-4, cycles=0), "cycles"),
    ],
)
def test_impossible_cv_protocols(sbqd, kwargs, match):
    pv = sbqd.to_pybamm()
    with pytest.raises(ProtocolError, match=match):
        simulate(SbCarbonHalfCell(), pv, CyclicVoltammetry(**kwargs))


def test_cv_analysis_rejects_unusable_data():
    with pytest.raises(DataError, match="equal length"):
        split_sweeps([1, 2, 3], [1, 2])
    with pytest.raises(DataError, match="monotonic"):
        sweep_direction([1.0, 0.5, 0.7, 0.2])
    with pytest.raises(DataError, match="finite"):
        find_sweep_peaks([1.0] * 5 + [float("nan")] * 6, list(range(11)))


def test_cli_params_prints_every_value_with_source():
    r = subprocess.run(
        [sys.executable, "-m", "sim", "params", "SbQD@C"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0
    ps = parameters.get("SbQD@C")
    for name in ps.names():
        assert name in r.stdout
    assert "Qiu2021" in r.stdout and "assumption:" in r.stdout


@pytest.mark.parametrize(
    "name",
    [
        "Working electrode porosity",
        "Active material mass loading [kg.m-2]",
        "Sb step 1 desodiation potential [V]",
        "Ambient temperature [K]",
    ],
)
def test_input_not_allowed_where_mesh_or_start_state_needs_a_number(sbqd, name):
    with pytest.raises(ParameterError, match="cannot be '\\[input\\]'"):
        sbqd.updated({name: "[input]"}).to_pybamm()


def test_model_steps_must_match_parameter_set(sbqd):
    with pytest.raises(ParameterError, match="defines 2 Sb alloying step"):
        SbCarbonHalfCell({"Sb steps": 1}).complete_values(sbqd.to_pybamm())


def test_model_steps_must_match_values_given_to_simulate(sbqd):
    cv = CyclicVoltammetry(v_high=2.5, v_low=0.01, scan_rate=1e-4)
    with pytest.raises(ParameterError, match="defines 2 Sb alloying step"):
        simulate(SbCarbonHalfCell({"Sb steps": 1}), sbqd.to_pybamm(), cv)


def test_model_options_the_values_lack_parameters_for_name_the_option():
    # the commercial Sb set has no surface storage: its parameters are absent
    commercial = parameters.get("commercial Sb")
    assert commercial.model_options.get("surface storage") is False
    pv = commercial.to_pybamm()
    protocol = GalvanostaticSodiation(specific_current=1.0, v_cutoff=1.0)
    with pytest.raises(ParameterError, match="'surface storage'") as err:
        simulate(SbCarbonHalfCell(), pv, protocol)
    assert "Surface storage capacity [mA.h.g-1]" in str(err.value)
    # with the set's own options the same values run
    res = simulate(SbCarbonHalfCell(commercial.model_options), pv, protocol)
    assert res["Voltage [V]"][-1] < res["Voltage [V]"][0]


def test_values_completed_for_other_model_options_are_refused(sbqd):
    """Tables made for the full model do not fit the carbon-only model (its
    capacity and start tables lack the Sb and the surface sites)."""
    carbon = SbCarbonHalfCell({"Sb phase": False, "surface storage": False})
    cv = CyclicVoltammetry(v_high=2.5, v_low=0.01, scan_rate=1e-3, cycles=1)
    pv = sbqd.to_pybamm()
    with pytest.raises(ParameterError, match="complete_values"):
        simulate(carbon, pv, cv)
    res = simulate(carbon, carbon.complete_values(pv), cv)
    assert "Sb current [A]" not in res


@pytest.mark.parametrize("T", [25.0, 400.0])
def test_temperature_outside_electrolyte_range_on_pybamm_values_is_refused(sbqd, T):
    pv = sbqd.to_pybamm()
    pv["Ambient temperature [K]"] = T  # e.g. Celsius typed on the PyBaMM values
    cv = CyclicVoltammetry(v_high=2.5, v_low=0.01, scan_rate=1e-4)
    with pytest.raises(ParameterError, match="give the temperature in kelvin"):
        simulate(SbCarbonHalfCell(), pv, cv)


def test_zero_surface_storage_capacity_is_rejected(sbqd):
    # switch the store off with the model option, not with a zero capacity
    with pytest.raises(ParameterError, match="Surface storage capacity"):
        sbqd.updated({"Surface storage capacity [mA.h.g-1]": 0.0}).to_pybamm()


def test_initial_voltage_outside_window_is_rejected(sbqd):
    with pytest.raises(ParameterError, match="initial voltage inside"):
        sbqd.updated({"Initial voltage [V]": 3.0}).to_pybamm()


def test_missing_cut_off_is_named(sbqd):
    from sim.parameter_set import ParameterSet

    keep = [n for n in sbqd.names() if n != "Lower voltage cut-off [V]"]
    params = {n: sbqd.param(n) for n in keep}
    incomplete = ParameterSet("no cut-off", "test", params, completion=sbqd.completion)
    with pytest.raises(ParameterError, match="Lower voltage cut-off"):
        incomplete.to_pybamm()


def test_broken_data_table_raises_data_error(tmp_path, monkeypatch):
    import sim.parameters.qiu2021_sbqd_carbon as mod

    bad = tmp_path / "hard_carbon_ocp_Chayambuka2022.csv"
    bad.write_text("sto,U\n0.1,1.0\n0.05,oops\n")
    monkeypatch.setattr(mod, "_DATA", str(tmp_path))
    with pytest.raises(DataError, match="hard_carbon_ocp"):
        mod.hard_carbon_ocp_Chayambuka2022_extended(0.5)
