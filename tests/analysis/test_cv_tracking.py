"""Following CV peaks across scan rates, and the charge share of each part of a
CV's current, on synthetic CVs of known make-up."""

import numpy as np
import pytest

from sim.analysis.cv import charge_shares, longest_sweeps, track_peak
from sim.errors import DataError


def _cycle(peak_down, peak_up, n=400, width=0.02):
    """One CV cycle 1.0 -> 0.2 -> 1.0 V with one Gaussian peak per sweep (paper
    sign: cathodic negative)."""
    down = np.linspace(1.0, 0.2, n)
    up = down[::-1][1:]
    V = np.r_[down, up]
    I = np.r_[
        -np.exp(-(((down - peak_down) / width) ** 2)),
        np.exp(-(((up - peak_up) / width) ** 2)),
    ]
    return V, I


def test_longest_sweeps_and_a_peak_followed_across_scan_rates():
    shifts = [0.0, 0.01, 0.03]  # the peaks move apart as the scan rate rises
    sweeps = [longest_sweeps(*_cycle(0.5 - s, 0.7 + s)) for s in shifts]
    assert all(set(s) == {"cathodic", "anodic"} for s in sweeps)
    cathodic = track_peak([s["cathodic"] for s in sweeps], 0.52, 0.05)
    anodic = track_peak([s["anodic"] for s in sweeps], 0.68, 0.05)
    np.testing.assert_allclose(cathodic[:, 0], [0.5, 0.49, 0.47], atol=2e-3)
    np.testing.assert_allclose(anodic[:, 0], [0.7, 0.71, 0.73], atol=2e-3)
    assert np.all(cathodic[:, 1] < 0) and np.all(anodic[:, 1] > 0)


def test_a_peak_that_jumps_further_than_the_window_is_lost():
    sweeps = [longest_sweeps(*_cycle(v, 0.7))["cathodic"] for v in (0.5, 0.3)]
    with pytest.raises(DataError, match="lost in sweep 2"):
        track_peak(sweeps, 0.5, 0.05)


def test_charge_shares_of_parts_that_add_up_to_the_total():
    t = np.linspace(0.0, 2000.0, 2001)
    V = np.where(t <= 1000.0, 1.0 - 8e-4 * t, 0.2 + 8e-4 * (t - 1000.0))
    sweep = np.where(t <= 1000.0, 1.0, -1.0)  # PyBaMM's sign: sodiation > 0
    a = 3e-3 * sweep  # a quarter of the charge in both sweeps
    b = 9e-3 * sweep
    c = 1e-3 * np.sin(2 * np.pi * t / 1000.0)  # changes sign within each sweep
    shares = charge_shares(t, V, a + b + c, {"a": a, "b": b, "c": c})
    assert sum(shares.values()) == pytest.approx(1.0)
    assert shares["a"] == pytest.approx(0.25, rel=1e-3)
    assert shares["b"] == pytest.approx(0.75, rel=1e-3)
    assert abs(shares["c"]) < 1e-3
    with pytest.raises(DataError, match="no charge"):
        charge_shares(t, V, 0 * t, {"a": 0 * t})
