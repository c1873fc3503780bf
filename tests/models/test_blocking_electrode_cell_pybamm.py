"""The blocking-electrode cell through PyBaMM's own tools: string experiments,
QuickPlot, the voltage split, EIS without flags, the refused state of charge."""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pybamm
import pytest

from sim.errors import ParameterError
from sim.models.blocking_electrode_cell import BlockingElectrodeCell


@pytest.fixture(scope="module")
def solution():
    experiment = pybamm.Experiment(
        [
            "Charge at 0.001 mA for 10 seconds",
            "Rest for 10 seconds",
            "Discharge at 0.001 mA for 10 seconds",
        ]
    )
    return pybamm.Simulation(BlockingElectrodeCell(), experiment=experiment).solve()


def test_string_experiment_charges_the_double_layers_like_a_capacitor(solution):
    pv = BlockingElectrodeCell().default_parameter_values
    c_dl = pv["Blocking electrode double-layer capacity [F.m-2]"]
    area = pv["Electrode area [m2]"]
    v = solution["Voltage [V]"]
    # two double layers in series: V = q / (C_dl A / 2); 1 uA x 10 s
    assert v(10.0) == pytest.approx(2 * 1e-5 / (c_dl * area), rel=1e-4)
    assert v(20.0) == pytest.approx(v(10.0), rel=1e-4)  # rest: the charge stays
    assert abs(v(30.0)) < 1e-6 * abs(v(10.0)) + 1e-5  # discharged again
    assert solution["Throughput capacity [A.h]"].entries[-1] == pytest.approx(
        2e-5 / 3600, rel=1e-6
    )


def test_voltage_components_sum_to_the_voltage_and_plot(solution):
    parts = (
        "Battery open-circuit voltage [V]",
        "X-averaged battery reaction overpotential [V]",
        "X-averaged battery concentration overpotential [V]",
        "X-averaged battery electrolyte ohmic losses [V]",
        "X-averaged battery solid phase ohmic losses [V]",
        "Battery particle concentration overpotential [V]",
    )
    total = sum(solution[p].entries for p in parts)
    total = total - solution["Contact overpotential [V]"].entries
    assert total == pytest.approx(solution["Voltage [V]"].entries, abs=1e-12)
    pybamm.QuickPlot(solution)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # PyBaMM divides by V(0) = 0
        solution.plot_voltage_components(show_plot=False)
    plt.close("all")


def test_eis_without_flags_reads_the_bulk_resistance():
    model = BlockingElectrodeCell()
    assert model.calc_esoh is False
    pv = model.default_parameter_values
    z = pybamm.EISSimulation(model, pv).solve(np.array([1e2, 1e4])).impedance
    c0 = pv["Initial concentration in electrolyte [mol.m-3]"]
    T = pv["Ambient temperature [K]"]
    sigma = pv["Electrolyte conductivity [S.m-1]"]
    kappa = float(np.squeeze(pv.evaluate(sigma(pybamm.Scalar(c0), pybamm.Scalar(T)))))
    r_bulk = pv["Electrolyte thickness [m]"] / (kappa * pv["Electrode area [m2]"])
    assert z.real == pytest.approx([r_bulk, r_bulk], rel=1e-3)
    # the spike: -Im Z = 2 / (omega C_dl A)
    c = (
        pv["Blocking electrode double-layer capacity [F.m-2]"]
        * pv["Electrode area [m2]"]
    )
    assert -z[0].imag == pytest.approx(2 / (2 * np.pi * 1e2 * c), rel=1e-3)


def test_initial_soc_is_refused_with_one_clear_error():
    with pytest.raises(ParameterError, match="no state of charge"):
        pybamm.Simulation(BlockingElectrodeCell()).solve([0, 1], initial_soc=0.5)


def test_registered_as_a_pybamm_model():
    assert isinstance(pybamm.Model("BlockingElectrodeCell"), BlockingElectrodeCell)
