"""Bruce-Vincent: the formula on plain numbers, and a simulated experiment on the
symmetric cell. On an ideal dilute solution (thermodynamic factor 1, Nernst-Einstein
conductivity, no film growth) it must return the model's t+; on a non-ideal one it
must return 1 / (1 + N) instead, which is NOT t+ (negative control)."""

import pytest
from test_symmetric_cell import C0, CELL, T, electrolyte  # noqa: I001

from sim.analysis.bruce_vincent import bruce_vincent, initial_current
from sim.bruce_vincent import run_bruce_vincent
from sim.errors import DataError, ProtocolError
from sim.models.symmetric_lithium_cell import parameter_values
from sim.physics import concentration_polarization as cp


def test_formula_on_numbers():
    # R_b = 10, R_0 = R_ss = 40 Ohm, dV = 10 mV, ideal t+ = 0.5: the steady state
    # doubles the bulk resistance
    i0 = initial_current(0.01, 10, 40)
    iss = 0.01 / (10 + 40 + 10)
    assert bruce_vincent(0.01, i0, iss, 40, 40) == pytest.approx(0.5)


def test_formula_rejects_unphysical_input():
    with pytest.raises(DataError, match="whole voltage step"):
        bruce_vincent(0.01, 1e-3, 5e-4, 20, 20)
    with pytest.raises(DataError, match="> 0"):
        bruce_vincent(0.01, -1e-4, 5e-5, 20, 20)


@pytest.mark.parametrize("t_plus", [0.3, 0.62])
def test_ideal_dilute_solution_returns_the_model_transference_number(t_plus):
    pv = parameter_values(CELL, electrolyte(D=2e-12, t_plus=t_plus))
    out = run_bruce_vincent(pv, delta_v=0.01, hold_time=4 * 3600)
    assert out["steady-state drift"] < 1e-3
    # the read-off resistances are the model's
    A = CELL["Electrode area [m2]"]
    kappa = cp.nernst_einstein_conductivity(2e-12, C0, t_plus, T)
    assert out["R_b [Ohm]"] * A == pytest.approx(
        CELL["Electrolyte thickness [m]"] / kappa, rel=1e-3
    )
    assert out["t+ (Bruce-Vincent)"] == pytest.approx(t_plus, abs=0.01)


def test_non_ideal_solution_returns_one_over_one_plus_n_not_t_plus():
    D, t_plus, chi, kappa = 2e-12, 0.4, 2.0, 0.02
    pv = parameter_values(CELL, electrolyte(D=D, t_plus=t_plus, chi=chi, kappa=kappa))
    out = run_bruce_vincent(pv, delta_v=0.01, hold_time=4 * 3600)
    expected = cp.bruce_vincent_expected(kappa, D, C0, t_plus, chi, T)
    assert out["t+ (Bruce-Vincent)"] == pytest.approx(expected, abs=0.01)
    assert abs(expected - t_plus) > 0.1


def test_bad_step_is_one_clear_error():
    pv = parameter_values(CELL, electrolyte())
    with pytest.raises(ProtocolError, match=r"\(0, 0.1\] V"):
        run_bruce_vincent(pv, delta_v=0.5)
