"""Conservation of charge and sodium, and the capacity implied by the parameters."""

import numpy as np
import pybamm
import pytest

from sim.models.sb_carbon import SbCarbonHalfCell, validate_options
from sim.physics.capacity import window_capacity
from sim.protocols import (
    CyclicVoltammetry,
    GalvanostaticSodiation,
    simulate,
)

F = pybamm.constants.F.value
STORES = ["Sb", "Carbon insertion", "Surface storage", "Conductive additive"]


@pytest.fixture(scope="module")
def cv_solution(sbqd):
    """One CV cycle at 0.5 mV/s (faster than Fig. 5a: more double-layer charge and
    more electrolyte polarisation, a harder test)."""
    res = simulate(
        SbCarbonHalfCell(),
        sbqd.to_pybamm(),
        CyclicVoltammetry(2.5, 0.01, 5e-4, cycles=1),
    )
    names = [
        "Current [A]",
        "Discharge capacity [A.h]",
        "Double-layer charge [C]",
        "Sodium in solid phases [mol]",
        "Sodium in electrolyte [mol]",
        "Salt exchanged with reservoir [mol]",
        "Faradaic current [A]",
        "Double-layer current [A]",
        *[f"{s} current [A]" for s in STORES],
    ]
    return {n: res.solution[n].entries for n in names}


def _delta(x, k):
    return x[k] - x[0]


def test_charge_conservation_over_a_cv(cv_solution):
    s = cv_solution
    q = s["Discharge capacity [A.h]"] * 3600  # C passed, sodiation positive
    stored = s["Sodium in solid phases [mol]"] * F + s["Double-layer charge [C]"]
    k = int(np.argmax(q))  # end of the cathodic sweep: the largest charge passed
    assert q[k] > 0.5  # coulombs: a real amount of sodiation happened
    for idx in (k, -1):
        assert abs(_delta(stored, idx) - _delta(q, idx)) <= 1e-3 * q[k]


def test_sodium_conservation_over_a_cv(cv_solution):
    """Na from the counter electrode ends up in the solid, the electrolyte in the
    pores, or (with the electrolyte the swelling Sb pushes out) the cell's
    reservoir."""
    s = cv_solution
    q = s["Discharge capacity [A.h]"] * 3600
    n_total = (
        s["Sodium in solid phases [mol]"]
        + s["Sodium in electrolyte [mol]"]
        + s["Salt exchanged with reservoir [mol]"]
    )
    # the exchange is not negligible: without it the balance would fail
    assert np.ptp(s["Salt exchanged with reservoir [mol]"]) * F > 2e-3 * np.max(q)
    k = int(np.argmax(q))
    for idx in (k, -1):
        assert abs(_delta(n_total, idx) * F - _delta(q, idx)) <= 1e-3 * q[k]


def test_current_components_sum_to_total(cv_solution):
    s = cv_solution
    parts = sum(s[f"{name} current [A]"] for name in STORES)
    np.testing.assert_allclose(parts, s["Faradaic current [A]"], rtol=1e-9, atol=1e-12)
    total = s["Faradaic current [A]"] + s["Double-layer current [A]"]
    scale = np.max(np.abs(s["Current [A]"]))
    assert np.max(np.abs(total - s["Current [A]"])) < 1e-3 * scale


def test_slow_sodiation_delivers_the_capacity_implied_by_parameters(sbqd):
    options = validate_options(None)
    pv = sbqd.to_pybamm(extra={"Initial voltage [V]": 2.5})
    expected = sum(window_capacity(pv, options, 2.5, 0.01).values())
    curves = simulate(SbCarbonHalfCell(), pv, GalvanostaticSodiation(0.005, 0.01))
    delivered = curves["Specific capacity [mA.h.g-1]"][-1]
    assert curves["Voltage [V]"][-1] == pytest.approx(0.01, abs=2e-3)
    assert delivered == pytest.approx(expected, rel=0.02)
    # the budget itself, by arithmetic: Sb -> Na3Sb 3F/M_Sb per gram of Sb, the
    # carbon's insertion capacity, then the surface sites, the conductive
    # additive's sites and the double layer (at most their full capacities)
    parts = window_capacity(pv, options, 2.5, 0.01)
    w_Sb = pv["Sb mass fraction in active material"]
    sb = 3 * 96485.33212 / pv["Sb molar mass [kg.mol-1]"] / 3.6e3 * w_Sb  # mAh/g
    carbon = pv["Carbon insertion capacity [mA.h.g-1]"] * (1 - w_Sb)
    rest = expected - sb - carbon
    assert sb == pytest.approx(437.2, abs=0.5) and carbon == pytest.approx(
        84.5, abs=0.5
    )
    additive = (
        pv["Conductive additive storage capacity [mA.h.g-1]"]
        * pv["Conductive additive mass fraction in electrode"]
        / pv["Active material mass fraction in electrode"]
    )
    # the additive's broad site is not full at 0.01 V: most of it, not all
    assert 0.5 * additive < parts["Conductive additive"] < additive
    assert (
        0
        < rest
        < pv["Surface storage capacity [mA.h.g-1]"] + additive + parts["Double layer"]
    )
    assert sum(parts.values()) == pytest.approx(expected)
