"""Li | electrolyte | LiFePO4 cell (PyBaMM's half-cell DFN with the project's cell
assembly): the cathode recipe, the capacity per gram, and agreement with PyBaMM's
independent single-class half cell (BasicDFNHalfCell) given a liquid electrolyte."""

import numpy as np
import pybamm
import pytest

from sim import parameters
from sim.errors import ParameterError
from sim.models import lfp_solid_state_cell as lfp


@pytest.fixture(scope="module")
def cell():
    return parameters.get("Cheng2023 cells").as_dict()


def liquid_electrolyte():
    """Prada2013's LiPF6 in EC:EMC, as PyBaMM entries."""
    pv = pybamm.ParameterValues("Prada2013")
    return {k: pv[k] for k in lfp.ELECTROLYTE_ENTRIES}


def test_cathode_recipe():
    geo = lfp.cathode_geometry(0.02, 0.7, 0.2, 0.1, 3600, 1300, 1900, void=0.1)
    fractions = (
        geo["LFP volume fraction"]
        + geo["electrolyte volume fraction"]
        + geo["carbon volume fraction"]
    )
    assert fractions == pytest.approx(0.9)
    # LFP volume per m2 = loading / density
    assert geo["LFP volume fraction"] * geo["thickness [m]"] == pytest.approx(
        0.02 / 3600
    )
    with pytest.raises(ParameterError, match="sum to 1"):
        lfp.cathode_geometry(0.02, 0.7, 0.2, 0.2, 3600, 1300, 1900)


def test_theoretical_capacity_matches_prada_lfp(cell):
    pv = lfp.lfp_cell_with_electrolyte(cell, liquid_electrolyte())
    c_max = pv["Maximum concentration in positive electrode [mol.m-3]"]
    per_gram = 96485.33212 * c_max / cell["LFP density [kg.m-3]"] / 3600  # mAh/g
    assert per_gram == pytest.approx(cell["LFP theoretical capacity [mA.h.g-1]"], 1e-3)


def test_matches_pybamm_basic_half_cell_with_a_liquid_electrolyte(cell):
    # the interphase film is PyBaMM's contact resistance, which the basic model
    # lacks: switch it off for the comparison
    pv = lfp.lfp_cell_with_electrolyte(
        {
            **cell,
            "Lithium interphase resistance [Ohm.m2]": 1e-12,
            "Cathode interphase resistance [Ohm.m2]": 0.0,
        },
        liquid_electrolyte(),
    )
    sto0 = 0.02
    pv["Initial concentration in positive electrode [mol.m-3]"] = (
        sto0 * pv["Maximum concentration in positive electrode [mol.m-3]"]
    )
    pv["Current function [A]"] = pv["Nominal cell capacity [A.h]"]  # 1C discharge
    t = np.linspace(0, 3600, 721)
    ours = pybamm.Simulation(lfp.model(), parameter_values=pv).solve(
        [0, 3600], t_interp=t
    )
    basic = pybamm.Simulation(
        pybamm.lithium_ion.BasicDFNHalfCell({"working electrode": "positive"}),
        parameter_values=pv,
    ).solve([0, 3600], t_interp=t)
    n = min(len(ours.t), len(basic.t))
    assert n > 100
    v1 = ours["Voltage [V]"].entries[:n]
    v2 = basic["Voltage [V]"].entries[:n]
    # (the last point is each model's own cut-off time, compared below)
    assert np.max(np.abs(v1[5 : n - 1] - v2[5 : n - 1])) < 2e-3

    # the delivered capacity to 3.0 V agrees too (the basic model stops at its
    # surface-concentration event, just below 2.8 V, before the 2.5 V cut-off)
    def time_at(sol, volts):
        v, tt = sol["Voltage [V]"].entries, sol["Time [s]"].entries
        k = np.flatnonzero(v < volts)[0]
        return np.interp(volts, v[k : k - 2 : -1], tt[k : k - 2 : -1])

    assert time_at(ours, 3.0) == pytest.approx(time_at(basic, 3.0), rel=2e-3)


def test_slow_discharge_delivers_the_stoichiometry_window(cell):
    pv = lfp.lfp_cell_with_electrolyte(cell, liquid_electrolyte())
    sto0 = 0.02
    pv["Initial concentration in positive electrode [mol.m-3]"] = (
        sto0 * pv["Maximum concentration in positive electrode [mol.m-3]"]
    )
    pv["Current function [A]"] = pv["Nominal cell capacity [A.h]"] / 50  # C/50
    sol = pybamm.Simulation(lfp.model(), parameter_values=pv).solve([0, 50 * 3600])
    q = sol["Discharge capacity [A.h]"].entries[-1] / pv["LFP mass [kg]"]  # mAh/g
    sto_end = sol["Average positive particle stoichiometry"].entries[-1]
    theory = cell["LFP theoretical capacity [mA.h.g-1]"] * (sto_end - sto0)
    assert q == pytest.approx(theory, rel=2e-3)
    assert sto_end > 0.95  # nearly all of the LFP is used at C/50


def test_void_fraction_of_one_is_one_clear_error(cell):
    with pytest.raises(ParameterError, match=r"must be in \[0, 1\)"):
        lfp.cathode_geometry(0.02, 0.7, 0.2, 0.1, 3600, 1300, 1900, void=1.0)
    with pytest.raises(ParameterError, match=r"Cathode void fraction.*\[0, 1\)"):
        lfp.lfp_cell_with_electrolyte(
            {**cell, "Cathode void fraction": 1.0}, liquid_electrolyte()
        )
    with pytest.raises(ParameterError, match=r"must be in \[0, 1\)"):
        parameters.get("Cheng2023 cells").updated(
            {"Cathode void fraction": 1.0}
        ).validate()


@pytest.mark.parametrize("lower, upper", [(4.0, 4.0), (4.2, 2.5)])
def test_voltage_cut_offs_in_the_wrong_order_are_one_clear_error(cell, lower, upper):
    bad = {"Lower voltage cut-off [V]": lower, "Upper voltage cut-off [V]": upper}
    with pytest.raises(ParameterError, match="must be below 'Upper voltage cut-off"):
        lfp.lfp_cell_with_electrolyte({**cell, **bad}, liquid_electrolyte())
    with pytest.raises(ParameterError, match="lower voltage cut-off below the upper"):
        parameters.get("Cheng2023 cells").updated(bad).validate()


def test_cell_temperature_at_or_below_the_electrolyte_t0_is_rejected(cell):
    from sim.experiments import _cheng2023_cells as cells

    from sim.physics.polymer_electrolyte import VOGEL_TEMPERATURE

    T0 = cells.electrolyte("CNCSE")[VOGEL_TEMPERATURE]
    lfp_cell = parameters.get("Li|CNCSE|LFP")
    with pytest.raises(ParameterError, match="VTF temperature T0"):
        lfp_cell.to_pybamm(extra={"Ambient temperature [K]": T0})
    pv = lfp_cell.to_pybamm(extra={"Ambient temperature [K]": T0 + 5.0})
    assert pv["Ambient temperature [K]"] == pytest.approx(T0 + 5.0)
