"""The Sb/C half cell as a PyBaMM-native model: complete parameter sets, PyBaMM's
own Simulation, Experiment, plots, EIS and initial-state tools with nothing else
given; a start state that follows the initial voltage; Arrhenius temperature
dependence; the electrolyte's temperature range."""

import matplotlib
import numpy as np
import pybamm
import pytest

from sim import parameters
from sim.errors import ParameterError
from sim.models.sb_carbon import SbCarbonHalfCell
from sim.physics.temperature import arrhenius

matplotlib.use("Agg")

SETS = ("SbQD@C", "commercial Sb")
CARBON_ONLY = {"Sb phase": False, "surface storage": False, "additive storage": False}


@pytest.mark.parametrize("name", SETS)
def test_pybamm_parameter_values_are_complete(name):
    pv = pybamm.ParameterValues(name)
    options = parameters.get(name).model_options
    model = SbCarbonHalfCell(options)
    sol = pybamm.Simulation(model, parameter_values=pv).solve([0, 60])
    # at rest at the set's initial voltage: no current anywhere
    assert sol["Voltage [V]"].entries[0] == pytest.approx(pv["Initial voltage [V]"])
    assert np.max(np.abs(sol["Faradaic current [A]"].entries)) < _tiny(pv)
    assert pv["Nominal cell capacity [A.h]"] > 0


def test_default_parameter_values_and_bare_simulation():
    model = SbCarbonHalfCell()
    assert model.default_parameter_values["Initial voltage [V]"] == 2.5
    sol = pybamm.Simulation(model).solve([0, 3600])
    assert sol["Voltage [V]"].entries[-1] == pytest.approx(2.5, abs=1e-6)


def test_options_through_pybamm():
    model = SbCarbonHalfCell({"surface form": "differential", "Sb steps": 2})
    assert model.options["surface form"] == "differential"
    assert model.options["working electrode"] == "positive"
    assert model.options["Sb steps"] == 2 and model.options["grain contact"] is True
    assert model.store_currents == [
        "Double-layer current [A]",
        "Surface storage current [A]",
        "Conductive additive current [A]",
        "Carbon insertion current [A]",
        "Sb current [A]",
    ]
    with pytest.raises(ParameterError, match="'surface form' must be 'differential'"):
        SbCarbonHalfCell({"surface form": "false"})
    with pytest.raises(ParameterError, match="allowed options"):
        SbCarbonHalfCell({"thermal": "lumped"})
    with pytest.raises(ParameterError, match="integer 1..6"):
        SbCarbonHalfCell({"Sb steps": 0})


@pytest.mark.slow  # over 3 s; the default suite keeps the cheaper checks of the same idea
def test_string_experiment_and_plots():
    exp = pybamm.Experiment(
        [
            "Discharge at 0.1 mA until 0.5 V",
            "Rest for 10 minutes",
            "Charge at 0.1 mA until 2 V",
        ]
    )
    sol = pybamm.Simulation(SbCarbonHalfCell(), experiment=exp).solve()
    assert len(sol.cycles) == 3
    assert sol.cycles[0]["Voltage [V]"].entries[-1] == pytest.approx(0.5, abs=0.01)
    assert sol["Voltage [V]"].entries[-1] == pytest.approx(2.0, abs=0.01)
    # the passed charge is counted both ways
    q = sol["Throughput capacity [A.h]"].entries[-1]
    assert q > 2 * abs(sol["Discharge capacity [A.h]"].entries[-1])
    pybamm.QuickPlot(sol)
    fig, ax = sol.plot_voltage_components(show_plot=False)
    assert ax.get_legend_handles_labels()[1]
    matplotlib.pyplot.close("all")
    # the components add up to the voltage
    parts = (
        sol["Battery open-circuit voltage [V]"].entries
        + sol["Battery particle concentration overpotential [V]"].entries
        + sol["X-averaged battery reaction overpotential [V]"].entries
        + sol["X-averaged battery concentration overpotential [V]"].entries
        + sol["X-averaged battery electrolyte ohmic losses [V]"].entries
        + sol["X-averaged battery solid phase ohmic losses [V]"].entries
        - sol["Contact overpotential [V]"].entries
    )
    np.testing.assert_allclose(parts, sol["Voltage [V]"].entries, atol=1e-6)


def test_eis_without_flags():
    freqs = np.logspace(-1, 5, 7)
    z = pybamm.EISSimulation(SbCarbonHalfCell()).solve(freqs).impedance
    assert np.all(np.isfinite(z))
    assert np.all(z.real > 0)


def _tiny(pv):
    """1e-3 of a 0.1 A/g current [A]: what 'at rest' must beat."""
    mass_kg = pv["Active material mass loading [kg.m-2]"] * pv["Electrode area [m2]"]
    return 1e-3 * 100 * mass_kg


@pytest.mark.parametrize("target", [0.5, "1.0 V"])
@pytest.mark.parametrize("name", SETS)
def test_initial_soc_starts_at_rest(name, target):
    """PyBaMM's own initial-state route (half-cell eSOH on the virtual positive
    electrode) starts the cell at rest, at the requested voltage; bulk Sb, which
    stores next to nothing at 1 V, is the hard case for its solver."""
    pv = pybamm.ParameterValues(name)
    model = SbCarbonHalfCell(parameters.get(name).model_options)
    sol = pybamm.Simulation(model, parameter_values=pv).solve(
        [0, 1], initial_soc=target
    )
    assert abs(sol["Double-layer current [A]"].entries[0]) < _tiny(pv)
    V0 = sol["Voltage [V]"].entries[0]
    ocv = sol["Battery open-circuit voltage [V]"].entries[0]
    assert V0 == pytest.approx(ocv, abs=1e-5)
    if isinstance(target, str):
        assert V0 == pytest.approx(1.0, abs=1e-3)
    else:
        assert pv["Lower voltage cut-off [V]"] < V0 < pv["Upper voltage cut-off [V]"]


def test_initial_voltage_by_hand_and_round_trip():
    pv = pybamm.ParameterValues("SbQD@C")
    pv["Initial voltage [V]"] = 1.0
    sol = pybamm.Simulation(SbCarbonHalfCell(), parameter_values=pv).solve([0, 1])
    assert sol["Voltage [V]"].entries[0] == pytest.approx(1.0, abs=1e-4)
    assert abs(sol["Double-layer current [A]"].entries[0]) < _tiny(pv)
    # the same voltage through PyBaMM's initial-state route: same start
    sim = pybamm.Simulation(
        SbCarbonHalfCell(), parameter_values=pybamm.ParameterValues("SbQD@C")
    )
    other = sim.solve([0, 1], initial_soc="1.0 V")
    assert other["Voltage [V]"].entries[0] == pytest.approx(1.0, abs=1e-4)
    np.testing.assert_allclose(
        other["Sb stoichiometry logit"].entries[..., 0],
        sol["Sb stoichiometry logit"].entries[..., 0],
        rtol=1e-5,
    )


def test_initial_voltage_as_input():
    pv = pybamm.ParameterValues("SbQD@C")
    pv["Initial voltage [V]"] = "[input]"
    sim = pybamm.Simulation(SbCarbonHalfCell(), parameter_values=pv)
    for V in (0.6, 1.5):
        sol = sim.solve([0, 1], inputs={"Initial voltage [V]": V})
        assert sol["Voltage [V]"].entries[0] == pytest.approx(V, abs=1e-4)
        assert abs(sol["Faradaic current [A]"].entries[0]) < _tiny(pv)


def _carbon_charge_transfer_resistance(T):
    """Low-frequency-limit-free measure of the kinetics: the real-axis diameter
    of the carbon's Randles arc in a lumped carbon-only cell."""
    ps = parameters.get("SbQD@C").updated(
        {
            "Series resistance [Ohm]": 0.0,
            "Sodium metal exchange-current density [A.m-2]": 1e6,
            "Working electrode conductivity [S.m-1]": 1e6,
            "Carbon diffusivity [m2.s-1]": 1e-10,
            "Carbon rate constant [m.s-1]": 5e-11,
            "Double-layer capacity [F.m-2]": 1e-3,
            "Ambient temperature [K]": T,
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
    freqs = np.logspace(-3, 4, 71)
    z = pybamm.EISSimulation(model, pv).solve(freqs).impedance
    k = (freqs > 1e-2) & (freqs < 1e-1)
    return z.real[0] - z.real[-1], np.min(-z.imag[k]), pv


def test_charge_transfer_resistance_is_arrhenius():
    """R_ct ~ RT/(F j0): j0 scales with the Arrhenius factor, so
    R_ct(T)/R_ct(Tref) = (T/Tref) / arrhenius(Ea, T)."""
    r_ref, _, pv = _carbon_charge_transfer_resistance(298.15)
    r_hot, _, _ = _carbon_charge_transfer_resistance(318.15)
    Ea = pv["Carbon reaction activation energy [J.mol-1]"]
    expected = (318.15 / 298.15) / arrhenius(Ea, 318.15, 298.15)
    assert r_hot / r_ref == pytest.approx(expected, rel=0.03)
    assert expected < 0.5  # a real test: the kinetics speed up a lot


@pytest.mark.parametrize("name", SETS)
def test_kelvin_typo_is_refused(name):
    ps = parameters.get(name).updated({"Ambient temperature [K]": 25})
    with pytest.raises(ParameterError, match=r"-30..80 C.*NaClO4/PC"):
        ps.to_pybamm()


def test_diffusivity_reads_transference_number_and_temperature():
    pv = pybamm.ParameterValues("SbQD@C")
    D = pv["Electrolyte diffusivity [m2.s-1]"]
    c, T = pybamm.Scalar(1000.0), pybamm.Scalar(298.15)
    D0 = pv.evaluate(D(c, T))
    assert D0 == pytest.approx(8.5e-11, rel=0.02)
    pv["Cation transference number"] = 0.3
    assert pv.evaluate(D(c, T)) == pytest.approx(D0 * 0.3 * 0.7 / (0.45 * 0.55))
    hot = pv.evaluate(D(c, pybamm.Scalar(318.15)))
    Ea = pv["Electrolyte conductivity activation energy [J.mol-1]"]
    ratio = 318.15 / 298.15 * arrhenius(Ea, 318.15, 298.15)
    assert hot / pv.evaluate(D(c, T)) == pytest.approx(ratio)


def test_sodiation_branch_start_is_at_rest_inside_the_hysteresis_band():
    """After a sodiation the Sb sites sit on their sodiation isotherm: at 0.6 V,
    between the branches of step 1, less sodium than on the desodiation branch,
    and still no current."""
    ps = parameters.get("SbQD@C")
    occupancy = {}
    for branch in ("desodiation", "sodiation"):
        model = SbCarbonHalfCell()
        pv = ps.to_pybamm(extra={"Initial voltage [V]": 0.6})
        model.complete_values(pv, branch=branch)
        sol = pybamm.Simulation(model, parameter_values=pv).solve([0, 1])
        assert sol["Voltage [V]"].entries[0] == pytest.approx(0.6, abs=1e-4)
        assert abs(sol["Faradaic current [A]"].entries[0]) < _tiny(pv)
        occupancy[branch] = sol["Average Sb sodiation state x in NaxSb"].entries[0]
    assert occupancy["sodiation"] < occupancy["desodiation"] - 0.1


def test_the_start_branch_can_be_asked_for_as_an_extra():
    """ps.to_pybamm(extra={..., "Start on sodiation branch": 1}) completes the
    values as complete_values(..., branch="sodiation") does (a fitted dataset's
    start state is given this way); other values are refused."""
    ps = parameters.get("SbQD@C")
    start = {"Initial voltage [V]": 0.6}
    asked = ps.to_pybamm(extra={**start, "Start on sodiation branch": 1})
    completed = SbCarbonHalfCell().complete_values(
        ps.to_pybamm(extra=start), branch="sodiation"
    )
    fresh = ps.to_pybamm(extra=start)
    z = "Initial concentration in positive electrode [mol.m-3]"
    for name in ("Start on sodiation branch", z):
        assert asked[name] == completed[name], name
    assert asked["Start on sodiation branch"] != fresh["Start on sodiation branch"]
    for bad in (2, 0.5):
        with pytest.raises(ParameterError, match="Start on sodiation branch"):
            ps.to_pybamm(extra={**start, "Start on sodiation branch": bad})
