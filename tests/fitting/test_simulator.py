"""The simulated curve is compared with the measurement step by step."""

import numpy as np

from sim.fitting.simulator import _step_by_step, settled, step_starts


def test_a_step_that_ends_early_costs_only_in_that_step():
    # measured: discharge 0-100 s (V falls), rest 100-150 s (V = 3.0)
    t = np.r_[np.arange(0, 101, 10.0), np.arange(100, 151, 10.0)]
    i = np.r_[np.ones(11), np.zeros(6)]
    relax = 0.001 * np.arange(0, 51, 10.0)  # the rest relaxes
    v = np.r_[3.5 - 0.005 * np.arange(0, 101, 10.0), 3.0 + relax]
    # simulated: the discharge ends at 80 s, then the same rest
    ts = np.r_[np.arange(0, 81, 10.0), np.arange(80, 131, 10.0)]
    ts[9:] += 1e-6  # the switch recorded twice, made increasing
    iss = np.r_[np.ones(9), np.zeros(6)]
    vs = np.r_[3.5 - 0.005 * np.arange(0, 81, 10.0), 3.0 + relax]
    y = _step_by_step(t, step_starts(i), ts, vs, step_starts(iss))
    r = y - v
    assert np.allclose(r[11:], 0.0)  # the rest is compared from its own start
    assert np.allclose(r[:9], 0.0) and r[10] > 0  # the early end holds its value
    # plain interpolation in time would shift the rest against the discharge
    plain = np.interp(t, ts, vs) - v
    assert np.max(np.abs(plain[11:])) > 0.015


def test_a_step_the_simulation_did_not_reach_holds_its_last_value():
    t = np.arange(0, 40, 10.0)
    i = np.array([1.0, 1.0, 0.0, 0.0])
    starts = step_starts(i)
    y = _step_by_step(
        t, starts, np.array([0.0, 10.0]), np.array([3.4, 3.3]), np.array([0])
    )
    assert list(y) == [3.4, 3.3, 3.3, 3.3]


def test_samples_right_after_a_switch_do_not_count():
    t = np.arange(0, 6, 0.5)
    i = np.r_[np.ones(6), np.zeros(6)]
    w = settled(t, i)
    assert list(w[:6]) == [1.0] * 6  # the last sample before the switch counts
    assert list(w[6:9]) == [0.0, 0.0, 0.0] and w[9] == 1.0  # 1 s after: counts
