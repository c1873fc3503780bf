"""Equivalent-circuit fits and the arc diameter read off a spectrum: a spectrum
with three features (a small high-frequency arc, a larger arc, a capacitive
line), as the desodiated SbQD@C cell gives, where a fit from one start ends in a
local minimum."""

import numpy as np
import pytest

from sim.analysis import circuit_fit
from sim.analysis.circuit_fit import default_circuit_impedance, fit_circuit
from sim.analysis.spectra import first_arc_width

FREQUENCIES = np.logspace(-2, 5, 57)
# R0; a 2.37 Ohm arc at ~8 kHz; a 17.9 Ohm arc at ~600 Hz in series with a
# reflective Warburg that acts as a ~9 mF capacitor below 1 Hz
THREE_FEATURES = [6.44, 2.37, 8.4e-6, 1.0, 17.94, 0.0222, 1.97e-4, 1.43e-5, 1.0]


def test_the_fit_finds_the_circuit_that_made_the_spectrum():
    """From the old single start per arc guess this ended at a 2.9 % misfit with
    one 20.6 Ohm arc; the extra starts of the low-frequency branch find the
    circuit (misfit 1e-7)."""
    z = default_circuit_impedance(THREE_FEATURES, FREQUENCIES)
    fit = fit_circuit(FREQUENCIES, z)
    assert fit.relative_rmse < 1e-4
    assert fit.parameters["R1"] == pytest.approx(2.37, rel=1e-3)
    assert fit.parameters["R2"] == pytest.approx(17.94, rel=1e-3)


def test_the_single_start_per_arc_guess_does_not(monkeypatch):
    """Negative control for the test above: with only the low-frequency start
    read off the spectrum, the fit misses."""
    monkeypatch.setattr(circuit_fit, "_LOW_FREQUENCY_SCALES", ((1.0, 1.0),))
    z = default_circuit_impedance(THREE_FEATURES, FREQUENCIES)
    assert fit_circuit(FREQUENCIES, z).relative_rmse > 1e-2


def test_spectra_equal_to_nine_digits_give_the_same_fit():
    z = default_circuit_impedance(THREE_FEATURES, FREQUENCIES)
    a = fit_circuit(FREQUENCIES, z).parameters
    b = fit_circuit(FREQUENCIES, z * (1 + 1e-9)).parameters
    assert a["R1"] == pytest.approx(b["R1"], rel=1e-4)


def test_arc_width_counts_arcs_that_merge_and_stops_where_the_first_closes():
    """Two arcs with time constants 10x apart merge into one semicircle: the
    width is their sum. Two arcs 1e4 x apart are seen as two: the width is the
    first (high-frequency) one's, within the frequency grid's reach."""
    f = np.logspace(-3, 6, 91)
    r0, r1, r2 = 5.0, 20.0, 30.0

    def two_arcs(t1, t2):
        w = 2 * np.pi * f
        return r0 + r1 / (1 + 1j * w * t1) + r2 / (1 + 1j * w * t2) + 1 / (1j * w * 1.0)

    merged = first_arc_width(f, two_arcs(1e-4, 3e-4))
    assert merged == pytest.approx(r1 + r2, rel=0.03)
    apart = first_arc_width(f, two_arcs(1e-5, 1e-1))
    assert apart == pytest.approx(r1, rel=0.03)


def test_kramers_kronig_noise_finds_the_noise_that_second_differences_miss():
    """0.5 % of |Z| on each part of the three-feature spectrum at 36
    frequencies (5 per decade, as the fitting tests' spectra): the Kramers-
    Kronig residuals give it within 20 %; the second differences of Z'/|Z|
    along the frequency axis (the earlier estimate) read the spectrum's
    curvature as noise, more than 2x too high."""
    from sim.analysis.spectra import kramers_kronig_noise

    def noise_std(y):  # the earlier estimate: second differences, robust spread
        d2 = np.diff(y, 2)
        return 1.4826 * np.median(np.abs(d2 - np.median(d2))) / np.sqrt(6.0)

    rng = np.random.default_rng(0)
    f = np.logspace(-2, 5, 36)
    z = default_circuit_impedance(THREE_FEATURES, f)
    noisy = z + 0.005 * np.abs(z) * (
        rng.normal(size=z.size) + 1j * rng.normal(size=z.size)
    )
    assert kramers_kronig_noise(f, noisy) == pytest.approx(0.005, rel=0.2)
    r = np.abs(noisy)
    second = max(noise_std(noisy.real / r), noise_std(noisy.imag / r))
    assert second > 2 * 0.005


def test_one_call_jacobian_is_the_derivative_and_stays_inside_the_bounds():
    """The fit's Jacobian (every column from one vectorised call): forward
    differences of the circuit's residuals agree with central differences at
    a 1e-6 step, and a coordinate sitting on its upper bound is stepped
    backwards (never evaluated outside)."""
    f = FREQUENCIES
    z = default_circuit_impedance(THREE_FEATURES, f)
    x = np.log(np.asarray(THREE_FEATURES)) + 0.1
    seen = []

    def rows(xs):
        seen.append(xs.copy())
        dz = default_circuit_impedance(np.exp(xs).T[:, :, None], f) - z
        return np.concatenate([dz.real, dz.imag], axis=-1)

    lo, hi = np.full(x.size, -np.inf), np.full(x.size, np.inf)
    hi[3] = x[3]  # the CPE exponent on its bound
    jac = circuit_fit._forward_difference(rows, x, lo, hi)
    assert len(seen) == 1 and seen[0].shape == (x.size + 1, x.size)
    assert np.all(seen[0][:, 3] <= hi[3])
    for i in range(x.size):
        e = np.zeros(x.size)
        e[i] = 1e-6
        central = (rows((x + e)[None])[0] - rows((x - e)[None])[0]) / 2e-6
        scale = np.max(np.abs(central))
        assert np.max(np.abs(jac[:, i] - central)) < 1e-5 * scale, i
