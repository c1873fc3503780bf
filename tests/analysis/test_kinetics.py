"""b-value and Dunn decomposition on synthetic CVs with known answers: the fits
recover the generating constants, the capacitive fraction matches its analytic
value, bad inputs raise DataError naming the problem."""

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy.stats import linregress

from sim.analysis.kinetics import (
    b_value,
    common_grid_sweeps,
    dunn_decomposition,
)
from sim.errors import DataError
from sim.plots import shaded_capacitive_plot

RATES = np.array([0.1, 0.3, 0.5, 0.7, 0.9]) * 1e-3  # [V/s]

# Cathodic sweep: k1 [A/(V/s)] linear in V, k2 [A/(V/s)^0.5] a baseline plus a
# Gaussian peak, both negative (cathodic current).
K1_A, K1_B = 2.0, 0.5
K2_BASE, K2_PEAK, V_PEAK, WIDTH = 0.02, 0.08, 0.7, 0.1


def k1_true(V):
    return -(K1_A + K1_B * V)


def k2_true(V):
    return -(K2_BASE + K2_PEAK * np.exp(-(((V - V_PEAK) / WIDTH) ** 2)))


def k1_integral(lo, hi):
    """integral of |k1| dV over [lo, hi]."""
    return K1_A * (hi - lo) + K1_B * (hi**2 - lo**2) / 2


def k2_integral(lo, hi):
    """integral of |k2| dV over [lo, hi]."""
    gauss = (
        K2_PEAK
        * WIDTH
        * math.sqrt(math.pi)
        / 2
        * (math.erf((hi - V_PEAK) / WIDTH) - math.erf((lo - V_PEAK) / WIDTH))
    )
    return K2_BASE * (hi - lo) + gauss


# ------------------------------------------------------------------ Dunn fit
@pytest.fixture(scope="module")
def synthetic():
    grid = np.linspace(2.5, 0.01, 4001)  # cathodic: decreasing
    currents = np.array([k1_true(grid) * v + k2_true(grid) * np.sqrt(v) for v in RATES])
    return grid, currents, dunn_decomposition(RATES, grid, currents)


def test_dunn_recovers_k1_k2(synthetic):
    grid, _, d = synthetic
    np.testing.assert_allclose(d.k1, k1_true(grid), rtol=1e-6)
    np.testing.assert_allclose(d.k2, k2_true(grid), rtol=1e-6)
    assert np.max(d.rms_residual) < 1e-12
    v = RATES[2]
    np.testing.assert_allclose(d.capacitive_current(v), k1_true(grid) * v, rtol=1e-6)
    np.testing.assert_allclose(
        d.diffusive_current(v), k2_true(grid) * np.sqrt(v), rtol=1e-6
    )


@pytest.mark.parametrize("v", RATES)
def test_capacitive_fraction_matches_analytic(synthetic, v):
    grid, currents, d = synthetic
    q_cap = k1_integral(0.01, 2.5) * v
    q_dif = k2_integral(0.01, 2.5) * math.sqrt(v)
    expected = q_cap / (q_cap + q_dif)
    assert 0.1 < expected < 0.9  # a real mixture, not a trivial limit
    assert d.capacitive_fraction(v) == pytest.approx(expected, rel=1e-6)
    assert d.diffusive_fraction(v) == pytest.approx(1 - expected, rel=1e-6)
    # k1 and k2 have the same sign here, so all denominators agree
    assert d.capacitive_fraction(v, denominator="total") == pytest.approx(
        expected, rel=1e-6
    )
    j = int(np.flatnonzero(RATES == v)[0])
    assert d.capacitive_fraction(v, currents[j]) == pytest.approx(expected, rel=1e-6)


def test_capacitive_fraction_grows_with_scan_rate(synthetic):
    _, _, d = synthetic
    fractions = [d.capacitive_fraction(v) for v in RATES]
    assert np.all(np.diff(fractions) > 0)


def test_opposite_signs_components_vs_total():
    """Where k1 and k2 have opposite signs (peak shift), the 'components'
    fraction stays in [0, 1] while the 'total' one exceeds it."""
    grid = np.linspace(0.0, 1.0, 101)
    k1 = np.full_like(grid, 2.0)
    k2 = np.full_like(grid, -0.01)
    currents = np.array([k1 * v + k2 * np.sqrt(v) for v in RATES])
    d = dunn_decomposition(RATES, grid, currents)
    v = 1e-4
    cap, dif = 2.0 * v, 0.01 * math.sqrt(v)
    assert d.capacitive_fraction(v) == pytest.approx(cap / (cap + dif), rel=1e-9)
    assert d.capacitive_fraction(v, denominator="total") == pytest.approx(
        cap / abs(cap - dif), rel=1e-9
    )
    assert d.capacitive_fraction(v, denominator="total") > 1


def test_two_scan_rates_are_an_exact_fit():
    grid = np.linspace(0.0, 1.0, 11)
    rates = RATES[[0, -1]]
    currents = np.array([3.0 * v + 0.05 * np.sqrt(v) + 0 * grid for v in rates])
    d = dunn_decomposition(rates, grid, currents)
    np.testing.assert_allclose(d.k1, 3.0, rtol=1e-9)
    np.testing.assert_allclose(d.k2, 0.05, rtol=1e-9)


# ------------------------------------------------------------------- b-value
def test_b_pure_capacitor_is_one():
    C = 0.37  # [A/(V/s)]
    fit = b_value(RATES, C * RATES)
    assert fit.b == pytest.approx(1.0, abs=1e-9)
    assert fit.log10_a == pytest.approx(math.log10(C), abs=1e-9)
    assert fit.r_squared == pytest.approx(1.0, abs=1e-12)
    assert fit.b_stderr < 1e-9


def test_b_randles_sevcik_is_one_half():
    n, F, A, c, D, R, T = 1, 96485.0, 1.13e-4, 5.0, 1e-13, 8.314, 298.15
    i_p = -0.4463 * n * F * A * c * np.sqrt(n * F * RATES * D / (R * T))  # cathodic
    fit = b_value(RATES, i_p)
    assert fit.b == pytest.approx(0.5, abs=1e-9)
    assert fit.b == pytest.approx(0.5, abs=0.02)


def test_b_mixture_lies_between():
    i_p = 0.3 * RATES + 0.004 * np.sqrt(RATES)
    fit = b_value(RATES, i_p)
    assert 0.55 < fit.b < 0.95
    assert fit.r_squared < 1.0


def test_b_stderr_matches_linregress():
    rng = np.random.default_rng(3)
    i_p = 0.01 * RATES**0.7 * (1 + 0.05 * rng.standard_normal(RATES.size))
    fit = b_value(RATES, i_p)
    ref = linregress(np.log10(RATES), np.log10(i_p))
    assert fit.b == pytest.approx(ref.slope, rel=1e-12)
    assert fit.b_stderr == pytest.approx(ref.stderr, rel=1e-9)
    assert fit.log10_a == pytest.approx(ref.intercept, rel=1e-12)
    assert fit.r_squared == pytest.approx(ref.rvalue**2, rel=1e-9)


def test_b_two_points_has_nan_stderr():
    fit = b_value([1e-4, 4e-4], [1e-3, 2e-3])
    assert fit.b == pytest.approx(0.5, abs=1e-12)
    assert math.isnan(fit.b_stderr)


# --------------------------------------------------------- common_grid_sweeps
def _current(V, v, direction):
    """Synthetic CV current: capacitive box + a Gaussian peak per direction."""
    if direction == "cathodic":
        return -(2.0 * v + 0.08 * np.sqrt(v) * np.exp(-(((V - 0.7) / 0.1) ** 2)))
    return 2.0 * v + 0.06 * np.sqrt(v) * np.exp(-(((V - 1.0) / 0.12) ** 2))


def _triangular_record(v, v_low=0.01, v_high=2.5, n=3001):
    down = np.linspace(v_high, v_low, n)
    up = np.linspace(v_low, v_high, n)[1:]
    V = np.r_[down, up]
    I = np.r_[_current(down, v, "cathodic"), _current(up, v, "anodic")]
    return V, I


@pytest.fixture(scope="module")
def records():
    # slightly different vertices and sampling per rate: the grid is the overlap
    lows = [0.01, 0.02, 0.01, 0.05, 0.01]
    npts = [3001, 2001, 4001, 2501, 3001]
    return {
        float(v): _triangular_record(v, v_low=lo, n=n)
        for v, lo, n in zip(RATES, lows, npts, strict=True)
    }


@pytest.mark.parametrize("direction", ["cathodic", "anodic"])
def test_common_grid_sweeps_values(records, direction):
    grid, currents = common_grid_sweeps(records, direction, n_points=150)
    assert grid.shape == (150,)
    assert currents.shape == (len(RATES), 150)
    # the lower-vertex sample belongs to the cathodic sweep, which ends there
    step = 2.45 / 2500  # of the record reaching down to 0.05 V
    assert min(grid) == pytest.approx(0.05 + (direction == "anodic") * step)
    assert max(grid) == pytest.approx(2.5)
    assert (grid[0] > grid[-1]) == (direction == "cathodic")
    for row, v in zip(currents, RATES, strict=True):
        expected = _current(grid, v, direction)
        np.testing.assert_allclose(row, expected, rtol=1e-3, atol=1e-3 * 2.0 * v)


def test_common_grid_then_dunn(records):
    grid, currents = common_grid_sweeps(records, "cathodic")
    d = dunn_decomposition(list(records), grid, currents)
    np.testing.assert_allclose(d.k1, -2.0, rtol=1e-3)
    k2 = -0.08 * np.exp(-(((grid - 0.7) / 0.1) ** 2))
    np.testing.assert_allclose(d.k2, k2, atol=1e-3 * 0.08)


def test_common_grid_record_starting_anodic():
    V, I = _triangular_record(1e-4)
    # start at the lower vertex: anodic sweep first, then cathodic
    k = np.argmin(V)
    rec = {1e-4: (np.r_[V[k:], V[1:k]], np.r_[I[k:], I[1:k]]), 3e-4: (V, I * 3)}
    grid, currents = common_grid_sweeps(rec, "anodic", n_points=50)
    np.testing.assert_allclose(
        currents[0], _current(grid, 1e-4, "anodic"), rtol=1e-3, atol=1e-7
    )


# ---------------------------------------------------------------- bad inputs
@pytest.mark.parametrize(
    "rates,currents,match",
    [
        ([1e-4], [1e-3], "at least 2 scan rates"),
        ([1e-4, -2e-4, 3e-4], [1e-3, 2e-3, 3e-3], "must all be > 0"),
        ([1e-4, 2e-4, 3e-4], [1e-3, -2e-3, 3e-3], "mixed signs"),
        ([1e-4, 2e-4, 3e-4], [1e-3, 0.0, 3e-3], "nonzero"),
        ([1e-4, 2e-4, 3e-4], [1e-3, np.nan, 3e-3], "finite"),
        ([1e-4, np.nan, 3e-4], [1e-3, 2e-3, 3e-3], "finite"),
        ([1e-4, 2e-4, 3e-4], [1e-3, 2e-3], "equal lengths"),
        ([1e-4, 1e-4], [1e-3, 2e-3], "2 different values"),
    ],
)
def test_b_value_bad_inputs(rates, currents, match):
    with pytest.raises(DataError, match=match):
        b_value(rates, currents)


def _good_dunn_inputs():
    grid = np.linspace(0.0, 1.0, 20)
    return RATES, grid, np.array([v + np.sqrt(v) + 0 * grid for v in RATES])


def test_dunn_one_scan_rate():
    _, grid, currents = _good_dunn_inputs()
    with pytest.raises(DataError, match="at least 2 scan rates"):
        dunn_decomposition(RATES[:1], grid, currents[:1])


def test_dunn_negative_scan_rate():
    rates, grid, currents = _good_dunn_inputs()
    with pytest.raises(DataError, match="> 0"):
        dunn_decomposition(-rates, grid, currents)


def test_dunn_shape_mismatch():
    rates, grid, currents = _good_dunn_inputs()
    with pytest.raises(DataError, match=r"shape \(n_scan_rates, n_potentials\)"):
        dunn_decomposition(rates, grid[:-1], currents)
    with pytest.raises(DataError, match=r"\(5, 20\), got \(20, 5\)"):
        dunn_decomposition(rates, grid, currents.T)


def test_dunn_nan():
    rates, grid, currents = _good_dunn_inputs()
    bad = currents.copy()
    bad[2, 7] = np.nan
    with pytest.raises(DataError, match="currents must be finite"):
        dunn_decomposition(rates, grid, bad)
    bad_grid = grid.copy()
    bad_grid[3] = np.nan
    with pytest.raises(DataError, match="potential_grid must be finite"):
        dunn_decomposition(rates, bad_grid, currents)


def test_dunn_non_monotonic_grid():
    rates, grid, currents = _good_dunn_inputs()
    bad = grid.copy()
    bad[[4, 5]] = bad[[5, 4]]
    with pytest.raises(DataError, match="strictly increasing or strictly decreasing"):
        dunn_decomposition(rates, bad, currents)


def test_capacitive_fraction_bad_arguments(synthetic):
    grid, currents, d = synthetic
    with pytest.raises(DataError, match="> 0"):
        d.capacitive_fraction(-1e-4)
    with pytest.raises(DataError, match="shape of the potential grid"):
        d.capacitive_fraction(RATES[0], currents[0][:-1])
    with pytest.raises(DataError, match="only used with denominator='total'"):
        d.capacitive_fraction(RATES[0], currents[0], denominator="components")
    with pytest.raises(DataError, match="one of"):
        d.capacitive_fraction(RATES[0], denominator="measured")


def test_common_grid_missing_direction():
    V = np.linspace(2.5, 0.01, 100)  # a cathodic sweep only
    rec = {1e-4: (V, _current(V, 1e-4, "cathodic"))}
    with pytest.raises(DataError, match="no anodic sweep"):
        common_grid_sweeps(rec, "anodic")


def test_common_grid_empty_overlap():
    rec = {
        1e-4: _triangular_record(1e-4, v_low=1.5, v_high=2.5, n=50),
        2e-4: _triangular_record(2e-4, v_low=0.01, v_high=1.0, n=50),
    }
    with pytest.raises(DataError, match="no potential range in common"):
        common_grid_sweeps(rec, "cathodic")


def test_common_grid_bad_direction(records):
    with pytest.raises(DataError, match="one of"):
        common_grid_sweeps(records, "up")


# ---------------------------------------------------------------------- plot
def test_shaded_plot_labels_and_data(synthetic):
    grid_c = np.linspace(2.5, 0.01, 200)
    grid_a = grid_c[::-1]
    v = RATES[2]
    i_c = _current(grid_c, v, "cathodic")
    i_a = _current(grid_a, v, "anodic")
    fig, ax = plt.subplots()
    try:
        shaded_capacitive_plot(
            ax,
            grid_c,
            i_c,
            0 * i_c - 2 * v,
            grid_a,
            i_a,
            0 * i_a + 2 * v,
            capacitive_fraction=0.42,
        )
        assert ax.get_xlabel() == "Potential vs Na+/Na [V]"
        assert ax.get_ylabel() == "Current [mA]"
        assert len(ax.patches) == 1  # the shaded capacitive loop
        line = ax.get_lines()[0]
        assert np.max(line.get_ydata()) == pytest.approx(1e3 * np.max(i_a))
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        assert "Capacitive (42 %)" in labels
        fig.canvas.draw()
    finally:
        plt.close(fig)

    fig, ax = plt.subplots()
    try:
        shaded_capacitive_plot(
            ax,
            grid_c,
            i_c,
            i_c / 2,
            grid_a,
            i_a,
            i_a / 2,
            current_unit="µA",
            current_scale=1e6,
        )
        assert ax.get_ylabel() == "Current [µA]"
        assert np.min(ax.get_lines()[0].get_ydata()) == pytest.approx(1e6 * np.min(i_c))
    finally:
        plt.close(fig)


def test_shaded_plot_shape_mismatch():
    fig, ax = plt.subplots()
    try:
        g = np.linspace(0, 1, 10)
        with pytest.raises(DataError, match="equal length"):
            shaded_capacitive_plot(ax, g, g, g[:-1], g, g, g)
    finally:
        plt.close(fig)


def test_common_grid_held_vertex_keeps_first_reading():
    """A potentiostatic hold at the lower vertex (current decaying at fixed V)
    does not leak into the sweep: the first reading at that potential is kept."""
    v = 5e-4
    down = np.linspace(2.5, 0.01, 1001)
    up = np.linspace(0.01, 2.5, 1001)[1:]
    i_down = _current(down, v, "cathodic")
    hold = i_down[-1] * np.array([0.5, 0.2, 0.1])  # decaying while held
    V = np.r_[down, [0.01] * 3, up]
    I = np.r_[i_down, hold, _current(up, v, "anodic")]
    grid, currents = common_grid_sweeps({v: (V, I)}, "cathodic", n_points=100)
    assert grid[-1] == pytest.approx(0.01)
    assert currents[0, -1] == pytest.approx(i_down[-1], rel=1e-12)
