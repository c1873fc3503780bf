"""Li | electrolyte | Li symmetric cell: analytic limits (ohmic + charge transfer +
film at small current, steady-state concentration polarization, Sand's time,
limiting current), lithium and salt conservation, bad inputs."""

import numpy as np
import pybamm
import pytest

from sim.errors import ParameterError
from sim.models.symmetric_lithium_cell import (
    SymmetricLithiumCell,
    X,
    symmetric_cell_with_electrolyte,
)
from sim.physics import concentration_polarization as cp


def solve(pv, t_end, t_interp, current_density, model=None, var_pts=None):
    pv = pv.copy()
    pv["Current function [A]"] = current_density * pv["Electrode area [m2]"]
    sim = pybamm.Simulation(
        model or SymmetricLithiumCell(), parameter_values=pv, var_pts=var_pts
    )
    return sim.solve([0, t_end], t_interp=np.asarray(t_interp, dtype=float))


def resistances(symmetric, D=2e-12, t_plus=0.4, chi=1.0):
    """Analytic area-specific resistances [Ohm.m2]: bulk, one charge transfer, one
    film, concentration polarization at steady state."""
    kappa = cp.nernst_einstein_conductivity(D, symmetric.C0, t_plus, symmetric.T)
    r_b = symmetric.CELL["Electrolyte thickness [m]"] / kappa
    r_ct = (
        cp.R
        * symmetric.T
        / (cp.F * symmetric.CELL["Lithium exchange-current density [A.m-2]"])
    )
    r_f = symmetric.CELL["Lithium interphase resistance [Ohm.m2]"]
    r_c = r_b * cp.concentration_polarization_number(
        kappa, D, symmetric.C0, t_plus, chi, symmetric.T
    )
    return r_b, r_ct, r_f, r_c


def test_small_current_polarization_is_ohmic_plus_charge_transfer_plus_film(symmetric):
    i = 0.01  # A/m2 = 1 uA/cm2: linear response
    pv = symmetric_cell_with_electrolyte(symmetric.CELL, symmetric.electrolyte())
    sol = solve(pv, 0.02, [0, 0.02], i)
    r_b, r_ct, r_f, _ = resistances(symmetric)
    expected = -i * (r_b + 2 * r_ct + 2 * r_f)
    # double layers and films have charged (tau < 0.3 ms), the salt has not moved
    assert sol["Voltage [V]"].entries[-1] == pytest.approx(expected, rel=0.01)


def test_steady_state_adds_the_concentration_polarization(symmetric):
    i = 0.01
    pv = symmetric_cell_with_electrolyte(symmetric.CELL, symmetric.electrolyte())
    sol = solve(pv, 40000, [0, 40000], i)  # L^2/D = 1250 s
    r_b, r_ct, r_f, r_c = resistances(symmetric)
    expected = -i * (r_b + 2 * r_ct + 2 * r_f + r_c)
    assert sol["Voltage [V]"].entries[-1] == pytest.approx(expected, rel=0.01)
    # a model that ignored the diffusion potential would miss by r_c / total
    assert r_c / (r_b + 2 * r_ct + 2 * r_f) > 0.02


def test_sand_time_semi_infinite(symmetric):
    D, t_plus = 1e-11, 0.3
    cell = {**symmetric.CELL, "Electrolyte thickness [m]": 4e-4}  # L^2/D = 1.6e4 s
    pv = symmetric_cell_with_electrolyte(
        cell, symmetric.electrolyte(D=D, t_plus=t_plus)
    )
    i = 40.0  # A/m2
    t_sand = cp.sand_time(D, symmetric.C0, t_plus, i)
    assert 20 < t_sand < 200  # diffusion length 2 sqrt(D t) << L
    sol = solve(pv, 3 * t_sand, [0, 3 * t_sand], i, var_pts={X: 200})
    assert "depleted" in sol.termination
    t_model = sol["Time [s]"].entries[-1]
    assert t_model == pytest.approx(t_sand, rel=0.03)


def test_limiting_current_separates_depletion_from_steady_state(symmetric):
    D, t_plus = 2e-12, 0.4
    pv = symmetric_cell_with_electrolyte(
        symmetric.CELL, symmetric.electrolyte(D=D, t_plus=t_plus)
    )
    i_lim = cp.limiting_current_density(
        D, symmetric.C0, t_plus, symmetric.CELL["Electrolyte thickness [m]"]
    )
    below = solve(pv, 20000, [0, 20000], 0.9 * i_lim)
    assert below["Time [s]"].entries[-1] == pytest.approx(20000)
    c_min = below["Minimum electrolyte concentration at the electrodes [mol.m-3]"]
    assert c_min.entries[-1] == pytest.approx(0.1 * symmetric.C0, rel=0.05)  # 1 - 0.9
    above = solve(pv, 20000, [0, 20000], 1.1 * i_lim)
    assert "depleted" in above.termination


def test_lithium_and_salt_conservation(symmetric):
    i = 2.0
    pv = symmetric_cell_with_electrolyte(symmetric.CELL, symmetric.electrolyte())
    sol = solve(pv, 3600, np.linspace(0, 3600, 50), i)
    A = symmetric.CELL["Electrode area [m2]"]
    salt = sol["Salt in electrolyte [mol]"].entries
    assert np.allclose(
        salt, symmetric.C0 * symmetric.CELL["Electrolyte thickness [m]"] * A, rtol=1e-6
    )
    stripped = sol["Lithium stripped from counter electrode [mol]"].entries[-1]
    plated = sol["Lithium plated on working electrode [mol]"].entries[-1]
    passed = i * A * 3600 / cp.F
    assert stripped == pytest.approx(passed, rel=1e-4)
    assert plated == pytest.approx(passed, rel=1e-4)
    # the salt profile is antisymmetric about the middle (same kinetics both sides)
    c = sol["Electrolyte concentration [mol.m-3]"].entries[:, -1]
    assert c[0] - symmetric.C0 == pytest.approx(symmetric.C0 - c[-1], rel=0.02)


def test_missing_electrolyte_entry_is_one_clear_error(symmetric):
    el = symmetric.electrolyte()
    del el["Cation transference number"]
    with pytest.raises(ParameterError, match="Cation transference number"):
        symmetric_cell_with_electrolyte(symmetric.CELL, el)


def test_thickness_cannot_be_an_input(symmetric):
    with pytest.raises(ParameterError, match="sets the mesh"):
        symmetric_cell_with_electrolyte(
            symmetric.CELL,
            symmetric.electrolyte(),
            {"Electrolyte thickness [m]": "[input]"},
        )


def test_bad_protocols_and_names_are_one_clear_error(symmetric):
    from sim.experiments._cheng2023_cells import check_electrolyte_name

    from sim.errors import ProtocolError
    from sim.protocols.step_cycling import StepCycling

    with pytest.raises(ProtocolError, match="magnitudes > 0"):
        StepCycling((0.1, -0.2))
    with pytest.raises(ProtocolError, match="half-cycle time"):
        StepCycling((0.1,), half_cycle_time=0)
    with pytest.raises(ProtocolError, match="cycles per step"):
        StepCycling((0.1,), cycles_per_step=0)
    with pytest.raises(ParameterError, match="allowed: PPSE, CNCSE, CPCSE"):
        check_electrolyte_name("CPSE")


def test_nominal_capacity_is_one_half_cycle_of_0p1_mah_per_cm2(symmetric):
    # 0.1 mAh/cm2 = 1 A.h/m2: with 2 cm2 that is 0.2 mAh = 2e-4 A.h
    pv = symmetric_cell_with_electrolyte(symmetric.CELL, symmetric.electrolyte())
    area_cm2 = 1e4 * symmetric.CELL["Electrode area [m2]"]
    assert pv["Nominal cell capacity [A.h]"] == pytest.approx(0.1e-3 * area_cm2)
    # so PyBaMM's "1C" is 0.1 mA/cm2, the current of Cheng2023's 0.1 mAh/cm2 cycles
    step = pybamm.step.c_rate(1, duration=60, period=30)
    sim = pybamm.Simulation(
        SymmetricLithiumCell(),
        parameter_values=pv,
        experiment=pybamm.Experiment([step]),
    )
    sol = sim.solve(calc_esoh=False)
    i = sol["Current density [mA.cm-2]"].entries
    assert np.allclose(np.abs(i), 0.1, rtol=1e-9)


def test_cell_temperature_at_or_below_the_electrolyte_t0_is_rejected():
    from sim import parameters
    from sim.physics import polymer_electrolyte as pe

    cpcse = parameters.get("CPCSE")
    T0 = pe.electrolyte_entries(cpcse)[pe.VOGEL_TEMPERATURE]
    assert T0 == pytest.approx(
        pe.PolymerElectrolyte.from_parameter_set(cpcse).vogel_temperature
    )
    for T in (T0, T0 - 20.0):
        with pytest.raises(ParameterError, match=r"must be above its VTF temperature"):
            cpcse.to_pybamm(extra={"Ambient temperature [K]": T})
    # just above T0 is allowed; an input temperature is checked at solve time
    cpcse.to_pybamm(extra={"Ambient temperature [K]": T0 + 1.0})
    pv = cpcse.to_pybamm(extra={"Ambient temperature [K]": "[input]"})
    assert isinstance(pv["Ambient temperature [K]"], pybamm.InputParameter)


def test_solver_stopping_early_is_a_protocol_error_not_a_runtime_error(
    symmetric, monkeypatch
):
    from sim.errors import ProtocolError
    from sim.protocols import StepCycling, simulate

    original = pybamm.Simulation.solve

    def stops_after_the_first_step(self, *args, **kwargs):
        return original(self, *args, **kwargs).cycles[0]

    monkeypatch.setattr(pybamm.Simulation, "solve", stops_after_the_first_step)
    pv = symmetric_cell_with_electrolyte(symmetric.CELL, symmetric.electrolyte())
    with pytest.raises(ProtocolError, match="numerical failure, not a result"):
        simulate(SymmetricLithiumCell(), pv, StepCycling((0.01,), half_cycle_time=60.0))
