"""Every parameter set is a PyBaMM parameter set after installation."""

import tomllib
from importlib import metadata
from pathlib import Path

import numpy as np
import pybamm
import pytest
from sim.parameters.pybamm_sets import ENTRY_POINTS

from sim import parameters
from sim.constants import FARADAY, GAS_CONSTANT
from sim.errors import ParameterError

ROOT = Path(__file__).resolve().parents[2]


def _declared(group):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return project["entry-points"][group]


def test_every_set_is_declared_as_an_entry_point():
    declared = _declared("pybamm_parameter_sets")
    assert set(declared) == set(ENTRY_POINTS) == set(parameters.available())
    for name, function in ENTRY_POINTS.items():
        assert declared[name] == f"sim.parameters.pybamm_sets:{function}"


def test_installed_entry_points_match_pyproject():
    """The installed metadata is not stale (re-run `pip install -e .` if this fails)."""
    installed = {e.name for e in metadata.entry_points(group="pybamm_parameter_sets")}
    assert set(ENTRY_POINTS) <= installed


@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
def test_pybamm_parameter_values_by_name(name):
    pv = pybamm.ParameterValues(name)
    expected = parameters.get(name).to_pybamm()
    assert set(pv.keys()) == set(expected.keys())


CHENG_ELECTROLYTES = ("PPSE", "CNCSE", "CPCSE")


def _conductivity(pv):
    c0 = pv["Initial concentration in electrolyte [mol.m-3]"]
    T = pv["Ambient temperature [K]"]
    sigma = pv["Electrolyte conductivity [S.m-1]"](pybamm.Scalar(c0), pybamm.Scalar(T))
    return float(np.squeeze(pv.evaluate(sigma)))


@pytest.mark.parametrize("name", CHENG_ELECTROLYTES)
def test_electrolyte_sets_are_complete_symmetric_cells(name):
    from sim.models.symmetric_lithium_cell import SymmetricLithiumCell

    pv = pybamm.ParameterValues(name)
    cells = parameters.get("Cheng2023 cells")
    assert pv["Electrolyte thickness [m]"] == cells["Electrolyte thickness [m]"]
    assert (
        pv["Ambient temperature [K]"] == parameters.get(name)["Ambient temperature [K]"]
    )
    pv["Current function [A]"] = 1e-3 * pv["Electrode area [m2]"]  # 0.1 uA/cm2
    sol = pybamm.Simulation(SymmetricLithiumCell(), parameter_values=pv).solve(
        [0, 1e-2], t_interp=np.array([0, 1e-2])
    )
    # a few ms after the step: the bulk, both films and charge transfers
    r_bulk = pv["Electrolyte thickness [m]"] / _conductivity(pv)
    r_f = pv["Lithium interphase resistance [Ohm.m2]"]
    T, j0 = (
        pv["Ambient temperature [K]"],
        pv["Lithium exchange-current density [A.m-2]"],
    )
    r_ct = GAS_CONSTANT * T / (FARADAY * j0)
    expected = -1e-3 * (r_bulk + 2 * r_f + 2 * r_ct)
    assert sol["Voltage [V]"].entries[-1] == pytest.approx(expected, rel=0.01)


@pytest.mark.parametrize("name", CHENG_ELECTROLYTES)
def test_lfp_cell_sets_run_the_lfp_model(name):
    from sim.models.lfp_solid_state_cell import LFPSolidStateCell

    pv = pybamm.ParameterValues(f"Li|{name}|LFP")
    assert pv["Ambient temperature [K]"] == pytest.approx(303.15)
    experiment = pybamm.Experiment(["Discharge at 1C for 2 minutes"])
    sim = pybamm.Simulation(
        LFPSolidStateCell(), parameter_values=pv, experiment=experiment
    )
    sol = sim.solve(initial_soc=0.5)
    assert 3.0 < sol["Voltage [V]"].entries[-1] < 3.45


@pytest.mark.parametrize("name", CHENG_ELECTROLYTES)
def test_blocking_cell_sets_give_the_bulk_resistance(name):
    from sim.models.blocking_electrode_cell import BlockingElectrodeCell

    pv = pybamm.ParameterValues(f"SS|{name}|SS")
    z = pybamm.EISSimulation(BlockingElectrodeCell(), pv).solve([1e3]).impedance
    r_bulk = pv["Electrolyte thickness [m]"] / (
        _conductivity(pv) * pv["Electrode area [m2]"]
    )
    assert float(np.real(z[0])) == pytest.approx(r_bulk, rel=1e-3)


def test_completion_keeps_what_the_caller_gives():
    pv = parameters.get("CPCSE").to_pybamm(extra={"Electrolyte thickness [m]": 1e-4})
    assert pv["Electrolyte thickness [m]"] == 1e-4
    pv = parameters.get("Li|CPCSE|LFP").updated({"Cation transference number": 0.5})
    assert pv.to_pybamm()["Cation transference number"] == 0.5


@pytest.mark.parametrize(
    "name", [*CHENG_ELECTROLYTES, "Li|CPCSE|LFP", "SS|PPSE|SS", "Li|CNCSE|LFP"]
)
@pytest.mark.parametrize("T", [25.0, 60.0, 400.0])
def test_temperature_typed_in_celsius_or_too_hot_is_refused(name, T):
    pset = parameters.get(name).updated({"Ambient temperature [K]": T})
    electrolyte = name.split("|")[1] if "|" in name else name
    with pytest.raises(ParameterError) as info:
        pset.to_pybamm()
    message = str(info.value)
    assert "\n" not in message
    assert f"{electrolyte}: 'Ambient temperature [K]' must be above the VTF" in message
    assert "393.15 K (120 C)" in message
    assert "a temperature in C typed as K lies below T0" in message
    # the range is fine just inside
    parameters.get(name).updated({"Ambient temperature [K]": 393.0}).validate()


def test_blocking_set_with_an_input_temperature_matches_the_numeric_one():
    from sim.models.blocking_electrode_cell import BlockingElectrodeCell

    pset = parameters.get("SS|CPCSE|SS")
    frequencies = np.array([1e3, 1e5])
    z_number = (
        pybamm.EISSimulation(BlockingElectrodeCell(), pset.to_pybamm())
        .solve(frequencies)
        .impedance
    )
    pv = pset.updated({"Ambient temperature [K]": "[input]"}).to_pybamm()
    eis = pybamm.EISSimulation(BlockingElectrodeCell(), pv)
    T = pset["Ambient temperature [K]"]
    z_input = eis.solve(frequencies, inputs={"Ambient temperature [K]": T}).impedance
    assert np.asarray(z_input) == pytest.approx(np.asarray(z_number), rel=1e-9)
    z_hot = eis.solve(frequencies, inputs={"Ambient temperature [K]": T + 30})
    assert np.real(z_hot.impedance[1]) < np.real(z_number[1])  # conducts better


CHENG_CELL_SETS = [
    f"{cell}"
    for e in ("PPSE", "CNCSE", "CPCSE")
    for cell in (e, f"Li|{e}|LFP", f"SS|{e}|SS")
]


@pytest.mark.parametrize("name", CHENG_CELL_SETS)
def test_a_cell_temperature_given_as_extra_is_checked_like_the_sets_own(name):
    """``to_pybamm(extra=...)`` overrides the temperature; the completion checks
    the value the cell will run at, with the one range (T0, 120 C)."""
    from sim.physics.polymer_electrolyte import MAX_TEMPERATURE, electrolyte_entries

    ps = parameters.get(name)
    T0 = electrolyte_entries(ps)["Electrolyte VTF temperature T0 [K]"]
    for bad in (T0, 25.0, MAX_TEMPERATURE):
        with pytest.raises(ParameterError, match=r"393.15\) K"):
            ps.to_pybamm(extra={"Ambient temperature [K]": bad})
    pv = ps.to_pybamm(extra={"Ambient temperature [K]": 353.15})  # 80 C
    assert pv["Ambient temperature [K]"] == 353.15
