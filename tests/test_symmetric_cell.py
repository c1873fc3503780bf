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
    parameter_values,
)
from sim.physics import concentration_polarization as cp

T = 303.15
C0 = 1000.0
CELL = {
    "Ambient temperature [K]": T,
    "Electrolyte thickness [m]": 50e-6,
    "Electrode area [m2]": 2e-4,
    "Lithium exchange-current density [A.m-2]": 10.0,
    "Lithium interphase resistance [Ohm.m2]": 0.015,
    "Lithium interphase capacitance [F.m-2]": 0.01,
    "Lithium double-layer capacity [F.m-2]": 0.1,
}


def electrolyte(D=2e-12, t_plus=0.4, chi=1.0, kappa=None):
    """Constant D, t+, chi; conductivity proportional to c (a dilute solution),
    Nernst-Einstein by default."""
    k0 = cp.nernst_einstein_conductivity(D, C0, t_plus, T) if kappa is None else kappa
    return {
        "Initial concentration in electrolyte [mol.m-3]": C0,
        "Electrolyte conductivity [S.m-1]": lambda c, T: k0 * c / C0,
        "Electrolyte diffusivity [m2.s-1]": lambda c, T: D + 0 * c,
        "Cation transference number": t_plus,
        "Thermodynamic factor": chi,
    }


def solve(pv, t_end, t_interp, current_density, model=None, var_pts=None):
    pv = pv.copy()
    pv["Current function [A]"] = current_density * pv["Electrode area [m2]"]
    sim = pybamm.Simulation(
        model or SymmetricLithiumCell(), parameter_values=pv, var_pts=var_pts
    )
    return sim.solve([0, t_end], t_interp=np.asarray(t_interp, dtype=float))


def resistances(D=2e-12, t_plus=0.4, chi=1.0):
    """Analytic area-specific resistances [Ohm.m2]: bulk, one charge transfer, one
    film, concentration polarization at steady state."""
    kappa = cp.nernst_einstein_conductivity(D, C0, t_plus, T)
    r_b = CELL["Electrolyte thickness [m]"] / kappa
    r_ct = cp.R * T / (cp.F * CELL["Lithium exchange-current density [A.m-2]"])
    r_f = CELL["Lithium interphase resistance [Ohm.m2]"]
    r_c = r_b * cp.concentration_polarization_number(kappa, D, C0, t_plus, chi, T)
    return r_b, r_ct, r_f, r_c


def test_small_current_polarization_is_ohmic_plus_charge_transfer_plus_film():
    i = 0.01  # A/m2 = 1 uA/cm2: linear response
    pv = parameter_values(CELL, electrolyte())
    sol = solve(pv, 0.02, [0, 0.02], i)
    r_b, r_ct, r_f, _ = resistances()
    expected = -i * (r_b + 2 * r_ct + 2 * r_f)
    # double layers and films have charged (tau < 0.3 ms), the salt has not moved
    assert sol["Voltage [V]"].entries[-1] == pytest.approx(expected, rel=0.01)


def test_steady_state_adds_the_concentration_polarization():
    i = 0.01
    pv = parameter_values(CELL, electrolyte())
    sol = solve(pv, 40000, [0, 40000], i)  # L^2/D = 1250 s
    r_b, r_ct, r_f, r_c = resistances()
    expected = -i * (r_b + 2 * r_ct + 2 * r_f + r_c)
    assert sol["Voltage [V]"].entries[-1] == pytest.approx(expected, rel=0.01)
    # a model that ignored the diffusion potential would miss by r_c / total
    assert r_c / (r_b + 2 * r_ct + 2 * r_f) > 0.02


def test_sand_time_semi_infinite():
    D, t_plus = 1e-11, 0.3
    cell = {**CELL, "Electrolyte thickness [m]": 4e-4}  # L^2/D = 1.6e4 s
    pv = parameter_values(cell, electrolyte(D=D, t_plus=t_plus))
    i = 40.0  # A/m2
    t_sand = cp.sand_time(D, C0, t_plus, i)
    assert 20 < t_sand < 200  # diffusion length 2 sqrt(D t) << L
    sol = solve(pv, 3 * t_sand, [0, 3 * t_sand], i, var_pts={X: 200})
    assert "depleted" in sol.termination
    t_model = sol["Time [s]"].entries[-1]
    assert t_model == pytest.approx(t_sand, rel=0.03)


def test_limiting_current_separates_depletion_from_steady_state():
    D, t_plus = 2e-12, 0.4
    pv = parameter_values(CELL, electrolyte(D=D, t_plus=t_plus))
    i_lim = cp.limiting_current_density(
        D, C0, t_plus, CELL["Electrolyte thickness [m]"]
    )
    below = solve(pv, 20000, [0, 20000], 0.9 * i_lim)
    assert below["Time [s]"].entries[-1] == pytest.approx(20000)
    c_min = below["Minimum electrolyte concentration at the electrodes [mol.m-3]"]
    assert c_min.entries[-1] == pytest.approx(0.1 * C0, rel=0.05)  # 1 - 0.9
    above = solve(pv, 20000, [0, 20000], 1.1 * i_lim)
    assert "depleted" in above.termination


def test_lithium_and_salt_conservation():
    i = 2.0
    pv = parameter_values(CELL, electrolyte())
    sol = solve(pv, 3600, np.linspace(0, 3600, 50), i)
    A = CELL["Electrode area [m2]"]
    salt = sol["Salt in electrolyte [mol]"].entries
    assert np.allclose(salt, C0 * CELL["Electrolyte thickness [m]"] * A, rtol=1e-6)
    stripped = sol["Lithium stripped from counter electrode [mol]"].entries[-1]
    plated = sol["Lithium plated on working electrode [mol]"].entries[-1]
    passed = i * A * 3600 / cp.F
    assert stripped == pytest.approx(passed, rel=1e-4)
    assert plated == pytest.approx(passed, rel=1e-4)
    # the salt profile is antisymmetric about the middle (same kinetics both sides)
    c = sol["Electrolyte concentration [mol.m-3]"].entries[:, -1]
    assert c[0] - C0 == pytest.approx(C0 - c[-1], rel=0.02)


def test_missing_electrolyte_entry_is_one_clear_error():
    el = electrolyte()
    del el["Cation transference number"]
    with pytest.raises(ParameterError, match="Cation transference number"):
        parameter_values(CELL, el)


def test_thickness_cannot_be_an_input():
    with pytest.raises(ParameterError, match="sets the mesh"):
        parameter_values(CELL, electrolyte(), {"Electrolyte thickness [m]": "[input]"})


def test_bad_protocols_and_names_are_one_clear_error():
    from experiments._cheng2023_cells import check_electrolyte_name
    from sim.errors import ProtocolError
    from sim.symmetric_cycling import StepCycling

    with pytest.raises(ProtocolError, match="magnitudes > 0"):
        StepCycling((0.1, -0.2))
    with pytest.raises(ProtocolError, match="half-cycle time"):
        StepCycling((0.1,), half_cycle_time=0)
    with pytest.raises(ProtocolError, match="cycles per step"):
        StepCycling((0.1,), cycles_per_step=0)
    with pytest.raises(ParameterError, match="allowed: PPSE, CNCSE, CPCSE"):
        check_electrolyte_name("CPSE")
