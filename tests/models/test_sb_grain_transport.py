"""Composite-grain transport with isolated dots (model option "Sb placement":
"embedded", a what-if on SbQD@C's values): the dots sit inside the carbon grains
and take their Na from the grain's carbon; and the carbon's slow plateau (pore
filling)."""

import numpy as np
import pybamm
import pytest

from sim import parameters
from sim.errors import ParameterError
from sim.models.sb_carbon import SbCarbonHalfCell
from sim.physics.carbon_plateau import plateau_factor
from sim.protocols import GalvanostaticSodiation, simulate

GRAIN = "Carbon particle radius [m]"
DOT = "Sb particle radius [m]"


EMBEDDED = {"Sb placement": "embedded"}


def _embedded(ps):
    """(model, values) of the embedded placement with the set's values."""
    model = SbCarbonHalfCell({**ps.model_options, **EMBEDDED})
    return model, model.complete_values(ps.to_pybamm())


def _sodiation_capacity(ps, rate=2.0):
    model, pv = _embedded(ps)
    r = simulate(model, pv, GalvanostaticSodiation(rate, 0.01, points=60))
    return float(r["Specific capacity [mA.h.g-1]"][-1])


@pytest.fixture(scope="module")
def capacities():
    # grains of 0.2 um: the radius a capacity fit with this placement gives
    ps = parameters.get("SbQD@C").updated({GRAIN: 2e-7})
    base = _sodiation_capacity(ps)
    return {
        "base": base,
        "grain x2": _sodiation_capacity(ps.updated({GRAIN: 4e-7})),
        "dots 10 nm": _sodiation_capacity(ps.updated({DOT: 5e-9})),
    }


@pytest.mark.slow  # over 3 s; the default suite keeps the cheaper checks of the same idea
def test_the_grain_radius_sets_the_rate_capability(capacities):
    """Na crosses the grain's carbon to reach the dots: a grain twice as large
    delivers much less at 2 A/g."""
    assert capacities["grain x2"] < 0.85 * capacities["base"]


@pytest.mark.slow  # over 3 s; the default suite keeps the cheaper checks of the same idea
def test_quantum_dot_size_changes_only_the_exchange_area(capacities):
    """Dots of 3 nm and of 10 nm diameter are both uniform and exchange Na fast
    with the carbon around them (3.3x less area for the larger ones), so the
    2 A/g capacity barely moves: the grain's carbon limits."""
    change = capacities["dots 10 nm"] / capacities["base"] - 1
    assert abs(change) < 0.05


def test_dots_too_large_to_be_uniform_are_refused():
    ps = parameters.get("SbQD@C").updated({DOT: 2.5e-7})
    with pytest.raises(ParameterError, match="Sb dots, not bulk Sb.*commercial Sb"):
        ps.to_pybamm()


def test_embedded_dots_need_carbon():
    ps = parameters.get("commercial Sb")
    model = SbCarbonHalfCell({"surface storage": False, **EMBEDDED})
    with pytest.raises(ParameterError, match="no carbon.*'connected'"):
        model.check_values(model.complete_values(ps.to_pybamm()))


def test_dots_and_carbon_equilibrate_at_rest():
    """After a sodiation pulse and a rest, every node of the grain has its dots'
    OCP equal to its carbon's (the exchange drives them together) and each
    grain is uniform (electrode positions may differ: each keeps its own
    hysteresis state)."""
    # small grains: the rest relaxes the grain within the test's 5 hours (the
    # dots' capacity slows the grain's diffusion by ~60x on the Sb steps)
    ps = parameters.get("SbQD@C").updated({GRAIN: 1e-7})
    model = SbCarbonHalfCell(
        {"volume change": False, "grain contact": False, **EMBEDDED}
    )
    pv = model.complete_values(ps.to_pybamm(extra={"Initial voltage [V]": 0.8}))
    I = 0.5 * pv["Active material mass loading [kg.m-2]"] * pv["Electrode area [m2]"]
    exp = pybamm.Experiment(
        [f"Discharge at {I * 1e3} A for 600 seconds", "Rest for 5 hours"]
    )
    sol = pybamm.Simulation(model, parameter_values=pv, experiment=exp).solve()
    U_sb = sol["Sb OCP [V]"].entries[..., -1]
    U_c = sol["Carbon OCP [V]"].entries[..., -1]
    sto = sol["Carbon particle concentration [mol.m-3]"].entries[..., -1]
    assert np.max(np.ptp(sto, axis=0) / np.mean(sto, axis=0)) < 1e-3
    assert np.max(np.abs(U_sb - U_c)) < 1e-3
    # the pulse did move Na into the dots: their OCP is below the start
    assert np.mean(U_sb) < 0.8 - 0.02


def test_plateau_diffusivity_law():
    assert plateau_factor(0.0, 0.01, 0.4) == pytest.approx(1.0, abs=1e-5)
    assert plateau_factor(1.0, 0.01, 0.4) == pytest.approx(0.01, abs=1e-5)
    assert plateau_factor(0.4, 0.01, 0.4) == pytest.approx(0.505)
    assert plateau_factor(np.linspace(0, 1, 5), 1.0, 0.4) == pytest.approx(1.0)
    theta = pybamm.Scalar(0.7)
    assert plateau_factor(theta, 0.1, 0.4).evaluate() == pytest.approx(
        plateau_factor(0.7, 0.1, 0.4)
    )
