"""The Li | electrolyte | Li cell through PyBaMM's own tools: string experiments
with nothing but the model, QuickPlot, the voltage split, EIS without flags, and
the refused state of charge."""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pybamm
import pytest

from sim.errors import ParameterError
from sim.models.symmetric_lithium_cell import SymmetricLithiumCell

COMPONENTS = (
    "Battery open-circuit voltage [V]",
    "Battery particle concentration overpotential [V]",
    "X-averaged battery reaction overpotential [V]",
    "X-averaged battery concentration overpotential [V]",
    "X-averaged battery electrolyte ohmic losses [V]",
    "X-averaged battery solid phase ohmic losses [V]",
)


@pytest.fixture(scope="module")
def experiment_solution():
    experiment = pybamm.Experiment(
        ["Discharge at 0.1 mA for 1 hour", "Rest for 30 minutes"]
    )
    sim = pybamm.Simulation(SymmetricLithiumCell(), experiment=experiment)
    return sim.solve()


def test_string_experiment_runs_with_the_default_values(experiment_solution):
    sol = experiment_solution
    assert SymmetricLithiumCell().calc_esoh is False
    assert sol.t[-1] == pytest.approx(5400.0)
    # 0.1 mA for 1 h, then rest: 1e-4 A.h through the cell, all of it one way
    assert sol["Throughput capacity [A.h]"].entries[-1] == pytest.approx(1e-4, 1e-6)
    assert sol["Discharge capacity [A.h]"].entries[-1] == pytest.approx(1e-4, 1e-6)
    # Li moved from the counter to the working electrode: I t / F
    moved = sol["Lithium plated on working electrode [mol]"].entries[-1]
    assert moved == pytest.approx(1e-4 * 3600 / 96485.33212, rel=1e-4)
    v = sol["Voltage [V]"].entries
    assert v[sol.t < 3600].max() < 0  # plating on the working electrode
    assert sol["Terminal voltage [V]"].entries == pytest.approx(v)


def test_voltage_components_sum_to_the_voltage(experiment_solution):
    sol = experiment_solution
    total = sum(sol[name].entries for name in COMPONENTS)
    total = total - sol["Contact overpotential [V]"].entries
    v = sol["Voltage [V]"].entries
    assert np.max(np.abs(total - v)) < 1e-9 + 1e-6 * np.max(np.abs(v))
    # each part carries some of the polarization while the current flows
    during = sol.t < 3600
    for name in COMPONENTS[2:]:
        assert np.max(np.abs(sol[name].entries[during])) > 1e-6, name


def test_quick_plot_and_voltage_components_plot(experiment_solution):
    pybamm.QuickPlot(experiment_solution)
    with warnings.catch_warnings():
        # PyBaMM divides by the voltage at t = 0 (its cell count); harmless here
        warnings.simplefilter("ignore", RuntimeWarning)
        fig, ax = experiment_solution.plot_voltage_components(show_plot=False)
    assert len(ax.collections) >= 4
    plt.close("all")


def test_eis_without_flags_gives_the_cell_resistance_at_low_frequency():
    model = SymmetricLithiumCell()
    pv = model.default_parameter_values
    assert model.options["surface form"] == "differential"
    frequencies = np.array([1e-4, 1e5])
    z = pybamm.EISSimulation(model, pv).solve(frequencies).impedance
    z_flag = (
        pybamm.EISSimulation(SymmetricLithiumCell(), pv, skip_surface_form_check=True)
        .solve(frequencies)
        .impedance
    )
    assert z == pytest.approx(z_flag)
    # high frequency: the electrolyte bulk, L / (kappa A)
    c0 = pv["Initial concentration in electrolyte [mol.m-3]"]
    T = pv["Ambient temperature [K]"]
    sigma = pv["Electrolyte conductivity [S.m-1]"]
    kappa = float(np.squeeze(pv.evaluate(sigma(pybamm.Scalar(c0), pybamm.Scalar(T)))))
    r_bulk = pv["Electrolyte thickness [m]"] / (kappa * pv["Electrode area [m2]"])
    assert z[1].real == pytest.approx(r_bulk, rel=0.02)
    assert z[0].real > z[1].real  # interfaces and concentration polarization add


@pytest.mark.parametrize("initial_soc", [0.5, "3.4 V"])
def test_initial_soc_is_refused_with_one_clear_error(initial_soc):
    sim = pybamm.Simulation(SymmetricLithiumCell())
    with pytest.raises(ParameterError, match="no state of charge"):
        sim.solve([0, 10], initial_soc=initial_soc)
    experiment = pybamm.Experiment(["Rest for 1 minute"])
    sim = pybamm.Simulation(SymmetricLithiumCell(), experiment=experiment)
    with pytest.raises(ParameterError, match="initial_soc is not allowed"):
        sim.solve(initial_soc=initial_soc)


def test_registered_as_a_pybamm_model():
    assert isinstance(pybamm.Model("SymmetricLithiumCell"), SymmetricLithiumCell)
