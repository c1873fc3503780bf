"""Li | electrolyte | NCM811 cell (sim/models/ncm811_solid_state_cell.py): the
cathode from its loading, and agreement with PyBaMM's independent single-class
half cell (BasicDFNHalfCell) given a liquid electrolyte (within 2 mV)."""

import numpy as np
import pybamm
import pytest

from sim import parameters
from sim.errors import ParameterError
from sim.models import lfp_solid_state_cell as lfp
from sim.models import ncm811_solid_state_cell as ncm


@pytest.fixture(scope="module")
def cell():
    return parameters.get("Cheng2023 cells").as_dict()


def liquid_electrolyte():
    """Chen2020's LiPF6 in EC:EMC, as PyBaMM entries."""
    pv = pybamm.ParameterValues("Chen2020")
    return {k: pv[k] for k in lfp.ELECTROLYTE_ENTRIES}


def test_cathode_mass_and_capacity_follow_the_loading(cell):
    pv = ncm.ncm811_cell_with_electrolyte(cell, liquid_electrolyte())
    eps = pv["Positive electrode active material volume fraction"]
    c_max = pv["Maximum concentration in positive electrode [mol.m-3]"]
    L = pv["Positive electrode thickness [m]"]
    mass = eps * L * c_max * ncm.NCM811_MOLAR_MASS  # kg/m2
    assert mass == pytest.approx(cell["NCM811 mass loading [kg.m-2]"], rel=1e-12)
    assert ncm.theoretical_capacity() == pytest.approx(275.5, abs=0.2)  # mAh/g
    with pytest.raises(ParameterError, match="must be below"):
        ncm.ncm811_cell_with_electrolyte(
            {**cell, "NCM811 lower voltage cut-off [V]": 4.5}, liquid_electrolyte()
        )


def test_matches_pybamm_basic_half_cell_with_a_liquid_electrolyte(cell):
    # interphases are PyBaMM's contact resistance, which the basic model lacks
    pv = ncm.ncm811_cell_with_electrolyte(
        {
            **cell,
            "Lithium interphase resistance [Ohm.m2]": 1e-12,
            "Cathode interphase resistance [Ohm.m2]": 0.0,
        },
        liquid_electrolyte(),
    )
    pv["Initial concentration in positive electrode [mol.m-3]"] = (
        0.3 * pv["Maximum concentration in positive electrode [mol.m-3]"]
    )
    pv["Current function [A]"] = pv["Nominal cell capacity [A.h]"]  # 1C
    t = np.linspace(0, 1200, 241)
    ours = pybamm.Simulation(ncm.model(), parameter_values=pv).solve(
        [0, 1200], t_interp=t
    )
    basic = pybamm.Simulation(
        pybamm.lithium_ion.BasicDFNHalfCell({"working electrode": "positive"}),
        parameter_values=pv,
    ).solve([0, 1200], t_interp=t)
    n = min(len(ours.t), len(basic.t))
    assert n > 100
    v1 = ours["Voltage [V]"].entries[:n]
    v2 = basic["Voltage [V]"].entries[:n]
    assert np.max(np.abs(v1[5:n] - v2[5:n])) < 2e-3
