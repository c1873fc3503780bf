"""MeasuredControl: a record's own current or voltage drives the cell. Against
the ideal protocols it stands for (the same cell, the same control), charge
conservation, the early stop at the voltage limits, and its own checks."""

from pathlib import Path

import numpy as np
import pytest

from sim.data.protocol import strictly_increasing
from sim.errors import ProtocolError
from sim.models.half_cell import half_cell_from_file
from sim.protocols import (
    CyclicVoltammetry,
    ExperimentSteps,
    MeasuredControl,
    simulate,
)

EXAMPLE = (
    Path(__file__).resolve().parents[2]
    / "experiments"
    / "half_cells"
    / "hard_carbon_example.toml"
)


@pytest.fixture(scope="module")
def cell():
    model, ps = half_cell_from_file(EXAMPLE)
    return model, ps.to_pybamm()


def test_measured_current_reproduces_the_ideal_steps(cell):
    """A discharge-rest-charge record driven by its own logged current gives
    the voltage the ideal steps gave, at every sample (within 1 mV: the switch
    between two samples is a 1 us ramp, the rest solver tolerance; measured
    0.56 mV at most, 0.07 mV rms), and passes the same charge."""
    model, pv = cell
    steps = ExperimentSteps(
        (
            "Discharge at 0.5C until 0.01 V",
            "Rest for 20 minutes",
            "Charge at 0.5C until 1.2 V",
        ),
        period=20.0,
    )
    ideal = simulate(model, pv, steps)
    t = strictly_increasing(ideal["Time [s]"])
    record = MeasuredControl(t, ideal["Current [A]"], v_low=-0.04, v_high=1.25)
    res = simulate(model, pv, record)
    assert res.summary["Ended early at [s]"] is None
    assert np.allclose(res["Time [s]"], t)  # reported at the samples
    dv = res["Voltage [V]"] - ideal["Voltage [V]"]
    assert np.max(np.abs(dv)) < 1e-3
    assert np.sqrt(np.mean(dv**2)) < 2e-4
    # charge: the model's own counter against the integral of the control
    i = np.asarray(record.values)
    q = np.sum(0.5 * (i[1:] + i[:-1]) * np.diff(t)) / 3600
    assert res["Capacity [A.h]"][-1] == pytest.approx(q, rel=1e-4, abs=1e-9)
    assert ideal["Capacity [A.h]"][-1] == pytest.approx(q, rel=2e-3)


def test_measured_voltage_reproduces_the_cv_current(cell):
    """Two CV cycles replayed with their own logged potential: the current of
    the CV protocol within 0.5 % of its peak (measured 0.06 %)."""
    model, pv = cell
    cv = simulate(
        model, pv, CyclicVoltammetry(v_high=1.2, v_low=0.05, scan_rate=1e-3, cycles=2)
    )
    t = np.asarray(cv["Time [s]"])
    keep = np.r_[np.diff(t) > 0, True]
    record = MeasuredControl(t[keep], cv["Voltage [V]"][keep], control="voltage")
    res = simulate(model, pv, record)
    i = np.interp(t[keep], res["Time [s]"], res["Current [A]"])
    peak = np.max(np.abs(cv["Current [A]"]))
    assert np.max(np.abs(i - cv["Current [A]"][keep])) < 5e-3 * peak


def test_a_record_the_cell_cannot_follow_stops_at_the_limit(cell):
    """Three nominal capacities of discharge: the run stops at v_low (no
    error), says when, and the voltage there is the limit."""
    model, pv = cell
    current = pv["Nominal cell capacity [A.h]"]  # 1C
    t = np.linspace(0.0, 3 * 3600.0, 200)
    res = simulate(model, pv, MeasuredControl(t, np.full(200, current), v_low=0.005))
    end = res.summary["Ended early at [s]"]
    assert end is not None and 0 < end < 3 * 3600.0
    assert res["Voltage [V]"][-1] == pytest.approx(0.005, abs=1e-4)


def test_re_solves_and_equality_by_content(cell):
    from sim.protocols import build_count

    model, pv = cell
    t, i = np.linspace(0, 600, 61), np.full(61, 1e-4)
    a = MeasuredControl(t, i)
    b = MeasuredControl(t + 100.0, list(i))  # same record, shifted start
    assert a == b and hash(a) == hash(b)
    assert a != MeasuredControl(t, 2 * i)
    simulate(model, pv, a)
    n = build_count()
    simulate(model, pv, b)
    assert build_count() == n  # the cached build, re-solved
    assert "61 samples over 600 s" in repr(a)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(times=[0, 1, 2], values=[0, 1]), "one value per time"),
        (dict(times=[0], values=[0]), "must be 2"),
        (dict(times=[0, 1, 1], values=[0, 1, 2]), "increase strictly"),
        (dict(times=[0, 1, np.nan], values=[0, 1, 2]), "non-finite"),
        (dict(times=[0, 1], values=["a", "b"]), "must be numbers"),
        (dict(times=[0, 1], values=[0, 1], control="power"), "must be one of"),
        (dict(times=[0, 1], values=[0, 1], v_low=2.0, v_high=1.0), "below v_high"),
    ],
)
def test_bad_records_are_refused(kwargs, message):
    with pytest.raises(ProtocolError, match=message):
        MeasuredControl(**kwargs)


def test_nodes_of_a_current_control():
    """Flat runs keep their ends only; a slow drift keeps enough nodes that
    the line through them is within 2 tol of every sample."""
    from sim.protocols.measured_control import nodes

    steps = np.r_[np.full(100, 1e-3), np.zeros(50), np.full(100, -1e-3)]
    assert list(nodes(steps, 1e-7)) == [0, 99, 100, 149, 150, 249]
    t = np.arange(1000.0)
    drift = 1e-3 * (1 + 0.3 * np.sin(t / 80))
    tol = 1e-6
    keep = nodes(drift, tol)
    assert 10 < len(keep) < len(t)
    assert np.max(np.abs(np.interp(t, t[keep], drift[keep]) - drift)) <= 2 * tol
