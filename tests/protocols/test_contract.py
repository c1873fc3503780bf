"""One runner signature for every protocol: simulate() builds a model once per
(model, parameter values, mesh, experiment) and re-solves it with ``inputs``.

For each protocol (cheap settings): the re-solve at a second input value agrees
with a fresh build at that value within solver tolerance, the two input values
give different answers (so the input really reaches the solve), and the second
call builds nothing new. Plus the Result's standard columns, units and signs."""

import numpy as np
import pytest

from sim.models.sb_carbon import SbCarbonHalfCell
from sim.protocols import (
    CyclicVoltammetry,
    GalvanostaticCycling,
    GalvanostaticSodiation,
    GITTProtocol,
    ImpedanceProtocol,
    RateTest,
    simulate,
)
from sim.protocols.contract import build_count
from sim.protocols.impedance import DISCHARGE
from sim.specific_units import active_mass_g

K1 = "Sb rate constant [m.s-1]"
SLOW, FAST = 1e-14, 1e-11


def _sweep(sbqd, protocol, quantity, tol=2e-3, differ=0.01):
    model = SbCarbonHalfCell()
    pv = sbqd.updated({K1: "[input]"}).to_pybamm()
    first = simulate(model, pv, protocol, inputs={K1: FAST})
    n_built = build_count()
    again = simulate(model, pv, protocol, inputs={K1: SLOW})
    assert build_count() == n_built, "the second call must not build again"
    fresh = simulate(SbCarbonHalfCell(), sbqd.updated({K1: SLOW}).to_pybamm(), protocol)
    a, b, c = (np.atleast_1d(quantity(r)) for r in (again, fresh, first))
    scale = np.max(np.abs(b))
    assert np.max(np.abs(a - b)) <= tol * scale
    assert np.max(np.abs(a - c)) > differ * scale
    assert again.inputs == {K1: SLOW} and again.protocol is protocol
    return again


def _on_common_time(r, name, n=200):
    t = r["Time [s]"]
    grid = np.linspace(t[0], t[-1], n)
    return np.interp(grid, t, r[name])


def test_cv_resolves_with_inputs(sbqd):
    cv = CyclicVoltammetry(2.5, 0.01, 9e-4, points_per_sweep=200)
    r = _sweep(sbqd, cv, lambda r: r["Current [A]"], tol=1e-3, differ=0.05)
    assert set(np.unique(r["Cycle number"])) == {1} and set(r["Step number"]) == {1, 2}
    assert np.all(np.diff(r["Time [s]"]) > 0)


def test_cv_runner_matches_the_protocols_pybamm_experiment(sbqd):
    """The runner re-solves one built model under potential control for every
    scan rate: its CV is the one the protocol's own pybamm.Experiment of
    voltage steps gives, and a second scan rate builds nothing new."""
    import pybamm

    model, pv = SbCarbonHalfCell(), sbqd.to_pybamm()
    cv = CyclicVoltammetry(2.5, 0.01, 9e-4, points_per_sweep=200)
    r = simulate(model, pv, cv)
    sol = pybamm.Simulation(
        model, parameter_values=pv, experiment=cv.experiment()
    ).solve()
    t, i = sol["Time [s]"].entries, sol["Current [A]"].entries
    expected = np.interp(r["Time [s]"], t, i)
    assert np.max(np.abs(r["Current [A]"] - expected)) < 1e-3 * np.max(np.abs(i))
    n_built = build_count()
    slower = simulate(
        model, pv, CyclicVoltammetry(2.5, 0.01, 5e-4, points_per_sweep=200)
    )
    assert build_count() == n_built
    assert slower["Time [s]"][-1] == pytest.approx(2 * 2.49 / 5e-4)


def test_galvanostatic_sodiation_resolves_with_inputs(sbqd):
    p = GalvanostaticSodiation(2.0, 0.01, points=100)
    _sweep(sbqd, p, lambda r: _on_common_time(r, "Voltage [V]"), tol=2e-3)


@pytest.mark.slow  # over 3 s; the default suite keeps the cheaper checks of the same idea
def test_cycling_resolves_with_inputs(sbqd):
    p = GalvanostaticCycling(2.0, 1, points_per_step=40)
    _sweep(sbqd, p, lambda r: r.table("Cycles")["Reversible capacity [mA.h.g-1]"],
           differ=1e-3)  # fmt: skip


@pytest.mark.slow  # over 3 s; the default suite keeps the cheaper checks of the same idea
def test_rate_test_resolves_with_inputs(sbqd):
    p = RateTest((2.0,), cycles_per_rate=1, return_cycles=0, points_per_step=40)
    _sweep(sbqd, p, lambda r: r.table("Cycles")["Reversible capacity [mA.h.g-1]"],
           differ=1e-3)  # fmt: skip


@pytest.mark.slow  # over 3 s; the default suite keeps the cheaper checks of the same idea
def test_gitt_resolves_with_inputs(sbqd):
    p = GITTProtocol(
        specific_current=1.0, pulse_time=120.0, rest_time=120.0, max_pulses=2
    )
    r = _sweep(sbqd, p, lambda r: r.table("Pulses")["Voltage at pulse end [V]"],
               differ=1e-4)  # fmt: skip
    assert (
        list(r.table("Pulses")["Direction"]) == ["sodiation"] * 2 + ["desodiation"] * 2
    )


@pytest.mark.slow  # over 3 s; the default suite keeps the cheaper checks of the same idea
def test_impedance_resolves_with_inputs(sbqd):
    p = ImpedanceProtocol(stops=((DISCHARGE, 2.5), (DISCHARGE, 0.6)), formation_cycles=1,
                          specific_current=1.0, f_min=0.1, f_max=1e3, points_per_decade=2)  # fmt: skip
    r = _sweep(sbqd, p, lambda r: r.table("Impedance")["Z_re [Ohm]"], differ=1e-3)
    z = r.table("Impedance")
    assert len(z["Frequency [Hz]"]) == 2 * len(p.frequencies())
    assert np.all(z["Z_re [Ohm]"] > 0)


def test_result_columns_units_and_signs(sbqd):
    """A sodiation (discharge) is positive current, its capacity grows, and the
    specific columns are the amperes and ampere-hours per gram of active mass."""
    pv = sbqd.to_pybamm()
    r = simulate(SbCarbonHalfCell(), pv, GalvanostaticSodiation(2.0, 0.01, points=100))
    mass = active_mass_g(pv)
    assert np.all(r["Current [A]"] > 0)
    assert r["Specific current [mA.g-1]"] == pytest.approx(
        r["Current [A]"] * 1e3 / mass
    )
    assert r["Specific current [mA.g-1]"][5] == pytest.approx(2000.0, rel=1e-9)
    q = r["Capacity [A.h]"]
    assert np.all(np.diff(q) > 0)
    # constant current: Q = I t
    assert q[-1] == pytest.approx(
        r["Current [A]"][0] * r["Time [s]"][-1] / 3600, rel=1e-6
    )
    assert r["Specific capacity [mA.h.g-1]"] == pytest.approx(q * 1e3 / mass)
    assert r["Voltage [V]"][-1] == pytest.approx(0.01, abs=1e-3)
    # the model's store currents add up to the cell current (charge conservation)
    stores = [n for n in r if n.endswith("current [A]") and n != "Current [A]"]
    assert "Double-layer current [A]" in stores
    total = sum(r[n] for n in stores)
    assert np.max(np.abs(total - r["Current [A]"])) < 1e-6 * np.max(r["Current [A]"])


def test_changed_parameter_values_are_a_new_build(sbqd):
    """The cache is keyed by the values' contents at call time: changing a value
    in place (not an input) rebuilds, and the answer follows the new value."""
    model = SbCarbonHalfCell()
    pv = sbqd.to_pybamm()
    p = GalvanostaticSodiation(2.0, 0.01, points=50)
    before = simulate(model, pv, p)
    n = build_count()
    pv.update({"Series resistance [Ohm]": 10 * pv["Series resistance [Ohm]"]})
    after = simulate(model, pv, p)
    assert build_count() == n + 1
    assert after["Voltage [V]"][5] < before["Voltage [V]"][5] - 1e-3


def test_step_strings_in_paper_units_run_like_the_dedicated_protocol(sbqd):
    """'Discharge at 2 A/g until 0.01 V' as a step string passes the same charge
    as GalvanostaticSodiation(2 A/g, 0.01 V): one physics, two routes."""
    from sim.protocols import ExperimentSteps

    pv = sbqd.to_pybamm()
    model = SbCarbonHalfCell()
    steps = ExperimentSteps(
        ("Discharge at 2 A/g until 0.01 V", "Rest for 10 minutes"), period=20.0
    )
    r = simulate(model, pv, steps)
    ref = simulate(model, pv, GalvanostaticSodiation(2.0, 0.01, points=200))
    sod = r.steps(1)
    assert sod["Specific current [mA.g-1]"][3] == pytest.approx(2000.0, rel=1e-12)
    q, q_ref = (
        sod["Specific capacity [mA.h.g-1]"][-1],
        ref["Specific capacity [mA.h.g-1]"][-1],
    )
    assert q == pytest.approx(q_ref, rel=2e-3)
    rest = r.steps(2)
    assert np.all(rest["Current [A]"] == 0) and rest["Voltage [V]"][-1] > 0.01


def test_tight_solves_lower_the_tolerance_only_inside_the_block(sbqd):
    """Calibration objectives solve at rtol <= 1e-6 (tight_solves); outside the
    block the model's default (PyBaMM's 1e-4) applies, and a model whose
    default is already tighter keeps it."""
    from sim.models.symmetric_lithium_cell import SymmetricLithiumCell
    from sim.protocols.contract import Cell, tight_solves

    model, pv = SbCarbonHalfCell(), sbqd.to_pybamm()
    assert Cell(model, pv, None, None, None).solver is None
    with tight_solves(1e-6):
        inside = Cell(model, pv, None, None, None).solver
        assert inside.rtol == 1e-6
        assert Cell(model, pv, None, None, None).solver is inside  # builds reused
        assert SymmetricLithiumCell().default_solver.rtol <= 1e-6
        assert (
            tight_solves
            and Cell(SymmetricLithiumCell(), pv, None, None, None).solver is None
        )
    assert Cell(model, pv, None, None, None).solver is None
    assert model.default_solver.rtol == 1e-4


def test_one_solver_given_to_two_builds_serves_both_in_turn(sbqd):
    """A calibration alternates between parameter sets with one (tight) solver:
    each cached build solves with its own copy of it, so going back to the
    first set re-solves its build instead of failing on a solver already set
    up for the other."""
    from sim.protocols.contract import tight_solves

    model = SbCarbonHalfCell()
    p = CyclicVoltammetry(2.5, 0.01, 5e-3, cycles=1, points_per_sweep=50)
    a, b = sbqd.to_pybamm(), sbqd.updated({"Series resistance [Ohm]": 30.0}).to_pybamm()
    with tight_solves(1e-6):
        first = simulate(model, a, p)
        simulate(model, b, p)
        n = build_count()
        again = simulate(model, a, p)
    assert build_count() == n
    np.testing.assert_allclose(again["Current [A]"], first["Current [A]"], rtol=1e-9)


def test_rate_tests_at_any_rates_share_one_build(sbqd):
    """The rate test's current is a solve-time input: other rates, and the same
    set's values derived again (their derived tables keyed by data), re-solve
    the one build."""
    model = SbCarbonHalfCell()
    p = RateTest((5.0,), cycles_per_rate=1, return_cycles=0, points_per_step=20)
    fast = simulate(model, sbqd.to_pybamm(), p)
    n = build_count()
    other = RateTest((2.0,), cycles_per_rate=1, return_cycles=0, points_per_step=20)
    slow = simulate(model, sbqd.to_pybamm(), other)
    assert build_count() == n, "another rate must not build again"
    q = [r.table("Cycles")["Reversible capacity [mA.h.g-1]"][0] for r in (fast, slow)]
    assert q[0] < 0.9 * q[1]  # the input reaches the solve


@pytest.mark.slow  # ~10 s: builds PyBaMM's experiment with numeric currents
def test_rate_test_matches_pybamm_steps_with_numeric_currents(sbqd):
    """The input-current rate test is PyBaMM's experiment with the currents
    written in as numbers, within solver tolerance."""
    import pybamm

    model = SbCarbonHalfCell()
    p = RateTest((2.0, 5.0), cycles_per_rate=1, return_cycles=0, points_per_step=40)
    got = simulate(model, sbqd.to_pybamm(), p).table("Cycles")[
        "Reversible capacity [mA.h.g-1]"
    ]
    pv = sbqd.to_pybamm()
    mass = active_mass_g(pv)
    v_low, v_high = pv["Lower voltage cut-off [V]"], pv["Upper voltage cut-off [V]"]
    steps = [
        (
            pybamm.step.current(c * mass, termination=f"{v_low} V", period=20.0),
            pybamm.step.current(-c * mass, termination=f"{v_high} V", period=20.0),
        )
        for c in p.schedule()
    ]
    sim = pybamm.Simulation(
        model, parameter_values=pv, experiment=pybamm.Experiment(steps),
        solver=model.default_solver,
    )  # fmt: skip
    numeric = []
    for cyc in sim.solve().cycles:
        q = cyc.steps[1]["Discharge capacity [A.h]"].entries
        numeric.append(float(q[0] - q[-1]) * 1e3 / mass)
    assert got == pytest.approx(numeric, rel=2e-3)
    assert got[1] < 0.95 * got[0]
