"""Bruce-Vincent: the formula on plain numbers, and a simulated experiment on the
symmetric cell. On an ideal dilute solution (thermodynamic factor 1, Nernst-Einstein
conductivity, no film growth) it must return the model's t+; on a non-ideal one it
must return 1 / (1 + N) instead, which is NOT t+ (negative control)."""

import re

import pytest

from sim.analysis.transference import bruce_vincent, initial_current
from sim.errors import DataError, ProtocolError
from sim.models.symmetric_lithium_cell import (
    SymmetricLithiumCell,
    symmetric_cell_with_electrolyte,
)
from sim.physics import concentration_polarization as cp
from sim.protocols import BruceVincent, simulate
from sim.protocols.bruce_vincent import DRIFT_TOLERANCE


def bruce_vincent_summary(pv, inputs=None, **protocol):
    """Summary of a simulated Bruce-Vincent measurement on the symmetric cell."""
    res = simulate(SymmetricLithiumCell(), pv, BruceVincent(**protocol), inputs=inputs)
    return res.summary


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
def test_ideal_dilute_solution_returns_the_model_transference_number(symmetric, t_plus):
    CELL, C0, T = symmetric.CELL, symmetric.C0, symmetric.T
    pv = symmetric_cell_with_electrolyte(
        CELL, symmetric.electrolyte(D=2e-12, t_plus=t_plus)
    )
    out = bruce_vincent_summary(pv, delta_v=0.01, hold_time=4 * 3600)
    assert abs(out["steady-state drift"]) <= DRIFT_TOLERANCE
    # the read-off resistances are the model's
    A = CELL["Electrode area [m2]"]
    kappa = cp.nernst_einstein_conductivity(2e-12, C0, t_plus, T)
    assert out["R_b [Ohm]"] * A == pytest.approx(
        CELL["Electrolyte thickness [m]"] / kappa, rel=1e-3
    )
    assert out["t+ (Bruce-Vincent)"] == pytest.approx(t_plus, abs=0.01)


def test_non_ideal_solution_returns_one_over_one_plus_n_not_t_plus(symmetric):
    C0, T = symmetric.C0, symmetric.T
    D, t_plus, chi, kappa = 2e-12, 0.4, 2.0, 0.02
    el = symmetric.electrolyte(D=D, t_plus=t_plus, chi=chi, kappa=kappa)
    pv = symmetric_cell_with_electrolyte(symmetric.CELL, el)
    out = bruce_vincent_summary(pv, delta_v=0.01, hold_time=4 * 3600)
    expected = cp.bruce_vincent_expected(kappa, D, C0, t_plus, chi, T)
    assert out["t+ (Bruce-Vincent)"] == pytest.approx(expected, abs=0.01)
    assert abs(expected - t_plus) > 0.1


def test_bad_step_is_one_clear_error(symmetric):
    pv = symmetric_cell_with_electrolyte(symmetric.CELL, symmetric.electrolyte())
    with pytest.raises(ProtocolError, match=r"\(0, 0.1\] V"):
        bruce_vincent_summary(pv, delta_v=0.5)


def test_unsettled_current_is_a_protocol_error(symmetric):
    # L^2/(pi^2 D) = 127 s for D = 2e-12 m2/s: a 60 s hold has not settled (the
    # current still falls by far more than 0.1 % over its last 3 s)
    pv = symmetric_cell_with_electrolyte(symmetric.CELL, symmetric.electrolyte(D=2e-12))
    with pytest.raises(ProtocolError, match="has not settled"):
        bruce_vincent_summary(pv, hold_time=60.0)


def test_input_temperature_at_or_below_t0_is_rejected_before_solving():
    from sim.experiments import _cheng2023_cells as cells

    from sim import parameters
    from sim.errors import ParameterError
    from sim.physics.polymer_electrolyte import MAX_TEMPERATURE, VOGEL_TEMPERATURE

    pv = parameters.get("PPSE").to_pybamm(extra={"Ambient temperature [K]": "[input]"})
    T0 = cells.electrolyte("PPSE")[VOGEL_TEMPERATURE]
    assert T0 == pytest.approx(
        float(parameters.get("PPSE")["Polymer glass transition temperature [K]"]) - 50.0
    )
    allowed = f"({T0:.2f}, {MAX_TEMPERATURE:g}) K"
    for T in (T0 - 1.0, MAX_TEMPERATURE):
        with pytest.raises(ParameterError, match=re.escape(allowed)):
            bruce_vincent_summary(pv, inputs={"Ambient temperature [K]": T})
