"""Segments and protocols detected in synthetic runs of known make-up."""

import numpy as np
import pytest

from sim import data


@pytest.mark.parametrize("step", [False, True])
def test_cv_sweeps_scan_rate_and_vertices(step, synth):
    found = data.detect_protocol(synth.cv_run(step=step))
    assert [s.kind for s in found.segments] == ["sweep"] * 4
    assert found.scan_rate == pytest.approx(1e-3, rel=1e-3)
    assert found.vertices == pytest.approx((0.01, 2.5), abs=2e-3)
    assert found.sweeps[0].scan_rate < 0  # the first sweep goes down


def test_gitt_pulses_are_found_with_their_table(synth):
    found = data.detect_protocol(synth.gitt_run())
    pulses = found.pulses
    assert list(pulses["Pulse"]) == [1, 2, 3, 4, 5]
    np.testing.assert_allclose(pulses["Current [A]"], 1e-4)
    np.testing.assert_allclose(pulses["Pulse time [s]"], 610.0)
    np.testing.assert_allclose(pulses["Rest time [s]"], 1800.0)
    assert np.all(
        pulses["Voltage at pulse end [V]"] < pulses["Voltage before pulse [V]"]
    )


def test_two_pulses_are_no_gitt(synth):
    assert data.detect_protocol(synth.gitt_run(n=2)).pulses == {}


def test_cccv_hold_is_found(synth):
    found = data.detect_protocol(synth.cccv_run())
    assert [s.kind for s in found.segments] == ["constant current", "constant voltage"]
    assert len(found.cccv) == 1


def test_cc_cycles_without_step_numbers(cc_cycles, synth):
    rows = np.array([r[:3] for r in cc_cycles()])
    run = synth.run_of(rows[:, 0], rows[:, 1], rows[:, 2])
    kinds = [s.kind for s in data.segments(run)]
    assert kinds == ["constant current", "rest"] * 4


def test_changing_current_is_other(synth):
    t = np.arange(0.0, 100.0, 1.0)
    run = synth.run_of(
        t, 1.0 + 0.01 * np.sin(t), 1e-3 * (1 + np.sin(t / 5)), np.ones(100)
    )
    assert [s.kind for s in data.segments(run)] == ["other"]


def test_without_current_nothing_is_a_rest():
    from sim.data.standard import measured

    t = np.arange(0.0, 100.0, 1.0)
    run = measured(
        {"Time [s]": t, "Voltage [V]": np.full(100, 1.0)},
        instrument="test",
        fmt="csv",
        source="synthetic",
    )
    assert [s.kind for s in data.segments(run)] == ["other"]


def test_linear_voltage_at_constant_current_is_no_cv(synth):
    t = np.arange(0.0, 4000.0, 10.0)
    down = t < 2000
    v = np.where(down, 2.0 - 1e-3 * t, 1e-3 * t - 2.0)
    i = np.where(down, 1e-3, -1e-3)
    kinds = [s.kind for s in data.segments(synth.run_of(t, v, i))]
    assert kinds == ["constant current", "constant current"]


def test_a_step_and_its_rest_under_one_number_are_two_segments(synth):
    # EC-Lab's GCPL technique numbers a constant-current step and the rest
    # after it alike (one sequence): still a pulse and a rest, hence a GITT
    run = synth.gitt_run()
    step = np.asarray(run["Step number"])
    joined = np.where(step % 2 == 1, step + 1, step)  # each rest joins its pulse
    regrouped = synth.run_of(
        run["Time [s]"], run["Voltage [V]"], run["Current [A]"], joined
    )
    kinds = [s.kind for s in data.segments(regrouped)]
    assert kinds == ["rest"] + ["constant current", "rest"] * 5
    assert list(data.detect_protocol(regrouped).pulses["Pulse"]) == [1, 2, 3, 4, 5]
