"""Detection of logging gaps."""

import numpy as np

from sim.data.gaps import find_gaps


def test_regular_logging_has_no_gaps():
    t = np.arange(0.0, 1000.0, 5.0)
    assert len(find_gaps(t)["Row"]) == 0


def test_a_stop_of_the_logger_is_a_gap():
    t = np.r_[np.arange(0.0, 600.0, 10.0), np.arange(4000.0, 4600.0, 10.0)]
    gaps = find_gaps(t, np.ones(len(t)))
    assert list(gaps["Row"]) == [60]
    assert gaps["Start time [s]"][0] == 590.0
    assert gaps["Duration [s]"][0] == 3410.0
    assert gaps["Typical interval [s]"][0] == 10.0


def test_slow_logging_of_a_rest_step_is_no_gap():
    # 1 s logging under current, then a rest step logged every 10 min
    t = np.r_[np.arange(0.0, 100.0, 1.0), 100.0 + np.arange(0.0, 7200.0, 600.0)]
    steps = np.r_[np.ones(100), np.full(12, 2)]
    assert len(find_gaps(t, steps)["Row"]) == 0
    # ... but the same data without step numbers (one median) report gaps
    assert len(find_gaps(t)["Row"]) > 0


def test_short_intervals_never_are_gaps():
    t = np.r_[np.arange(0.0, 10.0, 0.1), 40.0, 40.1, 40.2]
    assert len(find_gaps(t)["Row"]) == 0  # 30 s < MIN_GAP_S


def test_slow_impedance_points_are_no_gaps():
    # a spectrum: fast high-frequency points, then one point every 5 min
    t = np.r_[np.arange(0.0, 20.0, 0.5), 20.0 + 300.0 * np.arange(1, 6)]
    impedance = np.ones(len(t), dtype=bool)
    assert len(find_gaps(t)["Row"]) > 0
    assert len(find_gaps(t, skip=impedance)["Row"]) == 0
