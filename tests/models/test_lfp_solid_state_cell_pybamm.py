"""LFPSolidStateCell: PyBaMM's half-cell DFN with the Li | CPCSE | LFP set as its
default, a state of charge from PyBaMM's half-cell eSOH, string experiments and
PyBaMM's plots."""

import warnings

import matplotlib.pyplot as plt
import pybamm
import pytest

from sim.errors import ParameterError
from sim.models.lfp_solid_state_cell import LFP_OPTIONS, LFPSolidStateCell


@pytest.fixture(scope="module")
def model():
    return LFPSolidStateCell()


def test_fixed_options_and_default_values(model):
    for key, value in LFP_OPTIONS.items():
        assert model.options[key] == value
    pv = model.default_parameter_values
    assert pv["Ambient temperature [K]"] == pytest.approx(303.15)
    assert pv["Separator porosity"] == 1.0
    with pytest.raises(ParameterError, match="fixes the options"):
        LFPSolidStateCell({"working electrode": "both"})


def test_initial_soc_as_voltage_starts_at_that_open_circuit_voltage(model):
    pv = model.default_parameter_values
    pv["Current function [A]"] = 0.0
    sol = pybamm.Simulation(model, parameter_values=pv).solve(
        [0, 60], initial_soc="3.4 V"
    )
    assert sol["Voltage [V]"].entries[0] == pytest.approx(3.4, abs=1e-4)


def test_initial_soc_fraction_sets_the_stoichiometry_between_the_limits(model):
    pv = model.default_parameter_values
    c_max = pv["Maximum concentration in positive electrode [mol.m-3]"]
    sto = {}
    for soc in (0.0, 0.5, 1.0):
        sim = pybamm.Simulation(model, parameter_values=pv)
        sim.set_initial_state(soc)
        c = sim.parameter_values[
            "Initial concentration in positive electrode [mol.m-3]"
        ]
        sto[soc] = c / c_max
    assert sto[1.0] < sto[0.5] < sto[0.0]  # charged LFP is delithiated
    assert sto[0.5] == pytest.approx((sto[0.0] + sto[1.0]) / 2, rel=1e-6)


def test_string_experiment_from_a_state_of_charge_and_plots(model):
    experiment = pybamm.Experiment(["Discharge at 1C until 2.5 V"])
    sol = pybamm.Simulation(model, experiment=experiment).solve(initial_soc=0.5)
    pv = model.default_parameter_values
    q = sol["Discharge capacity [A.h]"].entries[-1]
    # half of the window delivered at 1C (less the polarization at the end)
    assert 0.3 < q / pv["Nominal cell capacity [A.h]"] < 0.55
    pybamm.QuickPlot(sol)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        sol.plot_voltage_components(show_plot=False)
    plt.close("all")


def test_registered_as_a_pybamm_model():
    assert isinstance(pybamm.Model("LFPSolidStateCell"), LFPSolidStateCell)
