"""The bases and texts of the Qiu2021 comparison rows (issue 14), on stand-in data
(no simulation): which rows are inputs, checks or fits, the error for a claim
over nothing, the dropped commercial-Sb rate row, and the per-cell loading fit."""

from types import SimpleNamespace

import numpy as np
import pytest
from sim.experiments import qiu2021_fig5_kinetics as fig5k
from sim.experiments import qiu2021_fig6_impedance as fig6
from sim.experiments import qiu2021_fig6gh as fig6gh
from sim.experiments import qiu2021_fig7bd_cycling as fig7bd
from sim.experiments import qiu2021_fig7c as fig7c
from sim.experiments import reported

from sim import parameters


@pytest.fixture(autouse=True)
def _close_figures():
    """The experiments' run functions make figures; close them (other tests
    check that none is left open)."""
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


# ---- Fig. 6 impedance --------------------------------------------------------


def _impedance_data(rct):
    """data[material] = (rows, history, timings, set) with Rct per stop from
    ``rct[material][stop]``."""
    data = {}
    for m in fig6.MATERIALS:
        rows = [
            {
                "spectrum": SimpleNamespace(direction=d, target_potential=v),
                "rct": rct[m][(d, v)],
                "warburg": SimpleNamespace(sigma=100.0 if m == "SbQD@C" else 200.0),
            }
            for d, v in fig6.PROTOCOL.stops
        ]
        data[m] = (rows, {}, {}, {fig6.RATIO: 10.0})
    return data


def _rct(sodiated, base=20.0):
    """Rct per stop: ``base`` at 2.5 V, ``sodiated`` x base at 0.01 V, log-linear."""
    out = {}
    for d, v in fig6.PROTOCOL.stops:
        out[(d, v)] = base * sodiated ** ((2.5 - v) / 2.49)
    return out


def test_rct_trend_rows_are_input_and_name_the_ratio():
    data = _impedance_data({"SbQD@C": _rct(2.0), "commercial Sb": _rct(3.0, 30.0)})
    rows = fig6._trend_rows(data)
    assert len(rows) == 4
    assert all(r.basis == "input" for r in rows)
    assert all("contact resistance ratio = 10" in r.quantity for r in rows)
    assert all(r.passed for r in rows)


def test_rct_recovery_rows_are_checks():
    data = _impedance_data({"SbQD@C": _rct(2.0), "commercial Sb": _rct(3.0, 30.0)})
    rows = [r for r in fig6._cycle_and_material_rows(data) if "after the" in r.quantity]
    assert len(rows) == 2
    assert all(r.basis == "check" for r in rows)


def test_semicircle_claim_counts_the_stops():
    data = _impedance_data({"SbQD@C": _rct(2.0), "commercial Sb": _rct(3.0, 30.0)})
    row = next(
        r for r in fig6._cycle_and_material_rows(data) if "semicircle" in r.quantity
    )
    n = len(fig6.PROTOCOL.stops)
    assert f"true at {n} of {n} stops" in row.quantity and row.passed


@pytest.mark.parametrize(
    "values, rising",
    [
        # the simulated Rct with the contact resistance ratio set to 1 (flat to
        # within the fit noise): not a trend (regression: these passed before)
        ([28.38, 28.38, 28.39, 28.61], True),
        ([20.21, 20.29, 20.13], False),
        ([28.61, 28.39, 28.38], False),
    ],
)
def test_flat_rct_is_not_a_trend(values, rising):
    assert not fig6._monotone(values, rising)


def test_real_trend_is_a_trend():
    assert fig6._monotone([20.1, 20.6, 33.9, 38.8], True)
    assert fig6._monotone([38.7, 21.0, 20.1], False)
    assert not fig6._monotone([20.1, 30.0, 25.0, 38.8], True)  # step back > 1 %


# ---- Fig. 6g,h GITT ----------------------------------------------------------


def _titration(d_wh, d_fit):
    n = len(d_wh)
    state = np.linspace(0.05, 0.95, n)
    r = {
        "state": state,
        "D_wh": np.asarray(d_wh, float),
        "D_fit": np.asarray(d_fit, float),
        "rmse": np.where(np.isfinite(d_fit), 1e-3, 1e-2),
    }
    return {"sodiation": r, "desodiation": dict(r)}


def test_gitt_row_with_no_accepted_fit_fails_and_says_so():
    nan = np.full(5, np.nan)
    data = {
        "SbQD@C": (None, _titration(np.full(5, 2e-16), np.full(5, 3e-16)), 5e-16),
        "commercial Sb": (None, _titration(np.full(5, 1e-17), nan), 5e-16),
    }
    wh, fit = fig6gh._rows(data)
    assert wh.passed and "true at 10 of 10 states" in wh.quantity
    assert not fit.passed
    assert "commercial Sb 0 of 10" in fit.quantity
    assert "SbQD@C 10 of 10" in fit.quantity
    assert fit.simulated == "no data to compare"
    assert "0 of 0" not in fit.quantity


def test_gitt_rows_count_states_when_fits_exist():
    data = {
        "SbQD@C": (None, _titration(np.full(5, 2e-16), [3e-16] * 4 + [1e-18]), 5e-16),
        "commercial Sb": (
            None,
            _titration(np.full(5, 1e-17), np.full(5, 1e-17)),
            5e-16,
        ),
    }
    _, fit = fig6gh._rows(data)
    assert "true at 8 of 10 states" in fit.quantity and not fit.passed


def test_accepted_fits_counts_finite_estimates():
    t = _titration(np.ones(4), [1.0, np.nan, 2.0, np.nan])
    assert fig6gh.accepted_fits(t) == (4, 8)


# ---- Fig. 7c / 5b ------------------------------------------------------------


def _fake_rate_test(material, parameter_set=None, progress=None):
    """Stand-in for the rate test: a synthetic cycle-2 profile with dQ/dV peaks
    at the paper's potentials, 4 points per cycle elsewhere."""
    n_cycles = len(fig7c.PROTOCOL.schedule())
    cols = {k: [] for k in ("Cycle number", "Step", "Voltage [V]", "Time [s]")}
    cols["Specific capacity [mA.h.g-1]"] = []
    V = np.linspace(2.5, 0.01, 600)

    def sig(x):
        return 1 / (1 + np.exp(-x))

    for c in range(1, n_cycles + 1):
        for step, v in (("sodiation", V), ("desodiation", V[::-1])):
            if c == 2:
                q = (
                    300 * sig((0.70 - v) / 0.03) + 200 * sig((0.50 - v) / 0.03)
                    if step == "sodiation"
                    else 500 * sig((v - 0.77) / 0.03)
                )
            else:
                v, q = v[:4], np.linspace(0, 1, 4)
            cols["Cycle number"] += [c] * len(v)
            cols["Step"] += [step] * len(v)
            cols["Voltage [V]"] += list(v)
            cols["Time [s]"] += list(np.arange(len(v), dtype=float))
            cols["Specific capacity [mA.h.g-1]"] += list(q)
    scale = 1.0 if material == "SbQD@C" else 0.9
    return {k: np.asarray(v) for k, v in cols.items()}, scale * np.linspace(
        500, 300, n_cycles
    )


def test_rate_rows_have_no_commercial_sb_claim(monkeypatch):
    monkeypatch.setattr(fig7c, "simulate", _fake_rate_test)
    out = fig7c.run_7c(lambda f, m: None)
    assert len(out.comparisons) == len(fig7c.RATES)
    assert not any("commercial" in r.quantity for r in out.comparisons)
    assert all(r.basis == "fitted" for r in out.comparisons)
    assert "what-if" in out.notes


def test_dqdv_rows_are_fitted_against_the_fig5a_peaks(monkeypatch):
    monkeypatch.setattr(fig7c, "simulate", _fake_rate_test)
    rows = fig7c.run_5b(lambda f, m: None).comparisons
    assert len(rows) == 3
    for r in rows:
        assert r.basis == "fitted"
        assert "Fig. 5a peaks the site potentials were fitted to" in r.quantity
        assert r.passed  # the synthetic peaks sit at the reported potentials


# ---- Fig. 7b,d cycling ---------------------------------------------------------


def test_first_cycle_capacities_are_derived_from_the_reported_ones():
    assert reported.value(fig7bd.FIRST_CYCLE[0.1]) == pytest.approx(492.9 / 0.959)
    assert reported.value(fig7bd.FIRST_CYCLE[1.0]) == pytest.approx(374.8 / 0.928)
    assert "492.9" in reported.source(fig7bd.FIRST_CYCLE[0.1])


class _FakeCycling:
    """Stand-in Result: first-cycle capacity a linear function of the loading
    (``slope`` mAh/g per mg on the 1.44 cm2 disc), then a linear fade."""

    def __init__(self, capacity, retention=0.95, n=5):
        self._cap = capacity * np.linspace(1, retention, n)

    def table(self, name):
        return {
            "Cycle number": np.arange(1, len(self._cap) + 1),
            "Reversible capacity [mA.h.g-1]": self._cap,
        }


def _fake_simulate(slope):
    def simulate(material, rate, cycles, skip=1, parameter_set=None, progress=None):
        mg = parameter_set[fig7bd.LOADING] * parameter_set["Electrode area [m2]"] * 1e6
        return _FakeCycling(500.0 - slope * (mg - 0.5))

    return simulate


def test_loading_fit_recovers_a_loading_inside_the_range(monkeypatch):
    monkeypatch.setattr(fig7bd, "simulate", _fake_simulate(slope=100.0))
    f = fig7bd.fit_loading(0.1, 470.0)  # reached at 0.8 mg
    area = parameters.get("SbQD@C")["Electrode area [m2]"]
    assert f.at_bound == ""
    assert f.mass_mg(area) == pytest.approx(0.8, abs=0.01)
    assert f.capacity == pytest.approx(470.0, abs=1.5)


@pytest.mark.parametrize(
    "target, bound, mg", [(520.0, "lower", 0.5), (400.0, "upper", 1.0)]
)
def test_loading_fit_stops_at_a_bound_and_says_so(monkeypatch, target, bound, mg):
    monkeypatch.setattr(fig7bd, "simulate", _fake_simulate(slope=10.0))
    f = fig7bd.fit_loading(0.1, target)
    area = parameters.get("SbQD@C")["Electrode area [m2]"]
    assert f.at_bound == bound and f.evaluations == 2
    assert f.mass_mg(area) == pytest.approx(mg)
    assert f"at the {bound} bound of 0.5-1 mg" in f.text(area)


def test_cycling_row_bases(monkeypatch):
    monkeypatch.setattr(fig7bd, "simulate", _fake_simulate(slope=10.0))
    fits = {
        r: fig7bd.fit_loading(r, reported.value(k))
        for r, k in fig7bd.FIRST_CYCLE.items()
    }
    results = {
        ("SbQD@C", 0.1): _FakeCycling(500.0, 0.96),
        ("SbQD@C", 1.0): _FakeCycling(420.0, 0.93),
        ("commercial Sb", 0.1): _FakeCycling(550.0, 0.5),
        ("commercial Sb", 1.0): _FakeCycling(450.0, 0.4),
    }
    area = parameters.get("SbQD@C")["Electrode area [m2]"]
    rows = {
        r.quantity.split(" (")[0]: r for r in fig7bd._comparisons(results, fits, area)
    }
    bases = {q: r.basis for q, r in rows.items()}
    assert bases == {
        "SbQD@C first-cycle capacity of the 0.1 A/g cycling cell": "fitted",
        "SbQD@C retention after 160 cycles at 0.1 A/g": "fitted",
        "SbQD@C capacity after 160 cycles at 0.1 A/g": "fitted",
        "SbQD@C first-cycle capacity of the 1 A/g cycling cell": "fitted",
        "SbQD@C retention after 100 cycles at 1 A/g": "predicted",
        "SbQD@C capacity after 100 cycles at 1 A/g": "fitted",
        "commercial Sb retains less than SbQD@C at 0.1 A/g and at 1 A/g": "check",
    }
    first = rows["SbQD@C first-cycle capacity of the 1 A/g cycling cell"]
    assert "fitted loading 1 mg" in first.quantity and "upper bound" in first.quantity
    assert first.reported == pytest.approx(374.8 / 0.928)


# ---- Fig. 5c b-value mappings ------------------------------------------------


def test_b_value_mappings_are_counted():
    b = {
        k: SimpleNamespace(b=v) for k, v in zip("abc", (0.70, 0.84, 0.77), strict=True)
    }
    assert fig5k._mappings_passing(b) == 2  # identity, and 0.70 <-> 0.77 swapped
    far = {k: SimpleNamespace(b=v) for k, v in zip("abc", (0.1, 0.2, 0.3), strict=True)}
    assert fig5k._mappings_passing(far) == 0


@pytest.mark.parametrize("ratio, rises", [(1.0, False), (10.0, True)])
def test_rct_trend_is_set_by_the_contact_resistance_ratio(ratio, rises):
    """Why the Rct trend rows are basis "input": on a short protocol (one
    formation cycle, stops at 2.5 and 0.3 V on discharge) the arc grows on
    sodiation with the assumed ratio, and does not with the ratio set to 1 (within
    5 %: the Sb reaction, visible at rest since the hysteresis state replaced the
    zero-current band, moves the fitted arc by a few per cent, not upwards)."""
    from sim.protocols.impedance import DISCHARGE, ImpedanceProtocol

    protocol = ImpedanceProtocol(
        stops=((DISCHARGE, 2.5), (DISCHARGE, 0.3)),
        formation_cycles=1,
        points_per_decade=6,
    )
    ps = parameters.get("SbQD@C").updated({fig6.RATIO: ratio})
    rows, _, _ = fig6.simulate("SbQD@C", ps, protocol)
    rct = fig6._trend(rows, fig6.DISCHARGE)
    assert fig6._monotone(rct, rising=True) is rises
    if not rises:
        assert rct[1] == pytest.approx(rct[0], rel=0.05)
