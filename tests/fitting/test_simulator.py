"""The simulated curve is compared with the measurement step by step."""

import numpy as np
import pytest

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


def _second_difference_noise(y):
    """The earlier estimate, for the negative controls: second differences of
    the samples, their robust spread / sqrt(6)."""
    d2 = np.diff(y, 2)
    return 1.4826 * np.median(np.abs(d2 - np.median(d2))) / np.sqrt(6.0)


def test_noise_of_a_sloping_record_logged_unevenly():
    """A voltage falling 0.5 mV/s, logged at uneven times (5-60 s apart, as a
    cycler logging on voltage change or on time does), 1 mV of noise: the
    divided differences on the real time grid find the noise within 20 %
    (five draws; the estimator's own scatter at 300 samples is about 7 %);
    second differences of the samples read the uneven grid as noise (more
    than 3x high)."""
    from sim.fitting.simulator import noise_std

    rng = np.random.default_rng(3)
    t = np.cumsum(rng.uniform(5, 60, 300))
    v = 3.0 - 5e-4 * t
    errors, old = [], []
    for _ in range(5):
        noisy = v + rng.normal(0, 1e-3, t.size)
        errors.append(noise_std(noisy, times=t) / 1e-3 - 1)
        old.append(_second_difference_noise(noisy) / 1e-3)
    assert max(abs(e) for e in errors) < 0.2, errors
    assert min(old) > 3, old


def test_noise_of_a_steep_record():
    """A rate test's shape: a 2 V fall in 600 s logged every 12 s, then a slow
    5 h curve logged every 60 s, 1 mV of noise: within 20 % in five draws
    (the higher orders cancel the steep part's curvature)."""
    from sim.fitting.simulator import noise_std

    t = np.r_[np.arange(0, 600, 12.0), 600 + np.arange(0, 18000, 60.0)]
    fast = 2.5 - 2.0 * (np.exp(3 * t / 600) - 1) / (np.e**3 - 1)
    slow = 0.5 + 0.4 * (1 - np.exp(-np.maximum(t - 600, 0) / 3000))
    v = np.where(t < 600, fast, slow)
    rng = np.random.default_rng(5)
    for _ in range(5):
        noisy = v + rng.normal(0, 1e-3, t.size)
        assert noise_std(noisy, times=t) == pytest.approx(1e-3, rel=0.2)


def test_a_current_records_floor_is_a_fraction_of_its_current():
    """A CV's current (3 mA peaks, 1 % noise = 30 uA): the current's floor
    (0.01 % of the largest current) leaves the estimate at the noise, while
    the voltage channel's 0.1 mV floor, read as 0.1 mA, hid it (3x high)."""
    from sim.fitting.simulator import VOLTAGE_RESOLUTION, noise_floor, noise_std

    t = np.linspace(0, 2000, 601)
    i = 3e-3 * np.exp(-(((t - 500) / 60) ** 2)) - 3e-3 * np.exp(
        -(((t - 1500) / 60) ** 2)
    )
    noisy = i + np.random.default_rng(4).normal(0, 3e-5, t.size)
    floor = noise_floor("Current [A]", noisy)
    assert floor < 1e-6
    assert noise_std(noisy, floor=floor, times=t) == pytest.approx(3e-5, rel=0.1)
    assert noise_std(noisy, floor=VOLTAGE_RESOLUTION, times=t) > 3 * 3e-5
    assert noise_floor("Voltage [V]", noisy) == VOLTAGE_RESOLUTION


def test_noise_needs_one_time_per_value():
    from sim.fitting.simulator import noise_std

    with pytest.raises(ValueError, match="6 times for 7 values"):
        noise_std(np.zeros(7), times=np.arange(6.0))
