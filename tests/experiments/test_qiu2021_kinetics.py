"""The pieces of the Fig. 5c-g analysis that are not plain curve fits: the
enclosed-area capacitive fraction, the per-store split of the Dunn area, and peak
tracking across scan rates, on synthetic CVs with known answers."""

import numpy as np
import pytest
from sim.experiments import qiu2021_fig5_series as fig5

from sim.analysis.cv import Peak, nearest_peak
from sim.analysis.kinetics import (
    common_grid_sweeps,
    dunn_decomposition,
    enclosed_capacitive_fraction,
)
from sim.errors import DataError

RATES = fig5.SCAN_RATES


def _cv(nu, k1, k2, n=400):
    """Triangular CV 2.5 -> 0.01 -> 2.5 V; anodic-positive current
    i = sign * (k1(V) v + k2(V) v^1/2) with sign -1 on the cathodic sweep."""
    down = np.linspace(2.5, 0.01, n)
    up = down[::-1][1:]
    V = np.r_[down, up]
    sign = np.r_[-np.ones(n), np.ones(n - 1)]
    return V, sign * (k1(V) * nu + k2(V) * nu**0.5)


def test_enclosed_fraction_equals_analytic_value():
    def k1(V):
        return 2.0 + 0 * V

    def k2(V):
        return 0.05 * np.exp(-((V - 0.6) ** 2) / 0.02)

    records = {nu: _cv(nu, k1, k2) for nu in RATES}
    fits = {}
    for d in ("cathodic", "anodic"):
        grid, cur = common_grid_sweeps(records, d, n_points=2000)
        fits[d] = (grid, cur, dunn_decomposition(list(records), grid, cur))
    for k, nu in enumerate(RATES):
        f = enclosed_capacitive_fraction(
            nu,
            (fits["cathodic"][0], fits["cathodic"][1][k], fits["cathodic"][2]),
            (fits["anodic"][0], fits["anodic"][1][k], fits["anodic"][2]),
        )
        Vg = np.linspace(0.01, 2.5, 20001)
        cap = np.trapezoid(k1(Vg) * nu, Vg)
        dif = np.trapezoid(k2(Vg) * nu**0.5, Vg)
        assert f == pytest.approx(cap / (cap + dif), rel=1e-3)


def test_enclosed_fraction_rejects_wrong_sign():
    records = {nu: _cv(nu, lambda V: 1 + 0 * V, lambda V: 0 * V) for nu in RATES}
    fits = {}
    for d in ("cathodic", "anodic"):
        grid, cur = common_grid_sweeps(records, d)
        fits[d] = (grid, -cur, dunn_decomposition(list(records), grid, -cur))
    with pytest.raises(DataError, match="encloses no positive area"):
        enclosed_capacitive_fraction(
            RATES[0],
            (fits["cathodic"][0], fits["cathodic"][1][0], fits["cathodic"][2]),
            (fits["anodic"][0], fits["anodic"][1][0], fits["anodic"][2]),
        )


def _series_from_stores(stores):
    """A scan-rate series in the model's format (PyBaMM sign: sodiation positive)
    whose total current is the sum of the given store currents."""
    series = {}
    for nu in RATES:
        c = {}
        total = 0
        for name, (k1, k2) in stores.items():
            V, i = _cv(nu, k1, k2)
            c[name] = -i
            total = total + i
        c["Voltage [V]"] = V
        c["Current [A]"] = -total
        c["Time [s]"] = np.r_[0, np.cumsum(np.abs(np.diff(V)))] / nu
        series[nu] = c
    return series


def test_store_shares_add_up_to_the_total_dunn_fraction():
    stores = {
        "Double-layer current [A]": (lambda V: 0.3 + 0 * V, lambda V: 0 * V),
        "Sb current [A]": (
            lambda V: 1.5 * np.exp(-((V - 0.7) ** 2) / 0.01),
            lambda V: 0.02 * np.exp(-((V - 0.7) ** 2) / 0.01),
        ),
        "Carbon insertion current [A]": (lambda V: 0 * V, lambda V: 0.01 + 0 * V),
    }
    series = _series_from_stores(stores)
    options = {
        "surface storage": False,
        "additive storage": False,
        "Sb phase": True,
        "Sb steps": 1,
    }
    fits = fig5.dunn_analysis(series)
    total = fig5.enclosed_fractions(fits)
    shares = fig5.store_dunn_shares(series, options, fits)
    np.testing.assert_allclose(sum(shares.values()), total, rtol=1e-9)
    # the purely diffusive store contributes no capacitive area
    np.testing.assert_allclose(shares["Carbon insertion"], 0, atol=1e-9)


def test_nearest_peak_does_not_jump_to_a_larger_neighbour():
    peaks = [Peak(0.66, -1.0, "cathodic"), Peak(0.49, -3.0, "cathodic")]
    assert nearest_peak(peaks, 0.60, 0.15).potential == 0.66
    assert nearest_peak(peaks, 0.60, 0.05) is None


def test_lost_peak_raises():
    def k1(V):
        return np.exp(-((V - 0.7) ** 2) / 0.001)  # one cathodic/anodic peak only

    series = _series_from_stores({"Sb current [A]": (k1, lambda V: 0 * V)})
    with pytest.raises(DataError, match="lost"):
        fig5.track_peaks(series)
