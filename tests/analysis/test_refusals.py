"""Analysis functions refuse what they cannot answer (issue 13): each case used to
return a plausible number for impossible input, or a bare IndexError/ValueError.
Every test names its case."""

import numpy as np
import pytest

from sim.analysis.arrhenius import arrhenius_fit, vtf_fit
from sim.analysis.circuit_fit import DEFAULT_CIRCUIT, fit_circuit
from sim.analysis.cv import find_sweep_peaks
from sim.analysis.dqdv import dqdv, dqdv_peaks
from sim.analysis.spectra import spectrum
from sim.analysis.titration import (
    Pulse,
    analyse_titration,
    find_pulses,
    titration_curve,
    weppner_huggins,
)
from sim.analysis.transference import bruce_vincent, steady_state_current
from sim.errors import DataError


def _half_cycle(n=400):
    """A discharge from 1.5 to 0.1 V with a plateau at 0.7 V (one dQ/dV peak)."""
    v = np.linspace(1.5, 0.1, n)
    q = 0.5 * (1.5 - v) / 1.4 + 0.5 / (1 + np.exp((v - 0.7) / 0.02))
    return v, q


def test_dqdv_whole_cycle_is_refused_not_34_spurious_peaks():
    v, q = _half_cycle()
    grid, dq = dqdv(v, q)  # one step: fine
    assert len(dqdv_peaks(grid, dq)) >= 1
    cycle_v = np.r_[v, v[::-1]]
    cycle_q = np.r_[q, q[-1] + q]
    with pytest.raises(DataError, match=r"runs back by 1400 mV .* \(a whole cycle\?\)"):
        dqdv(cycle_v, cycle_q)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"window": 2}, "window = 2: must be an integer >= 5"),
        ({"window": 20}, "must be odd"),
        ({"n_points": 1}, "n_points = 1"),
        ({"window": 21.0}, "must be an integer"),
    ],
)
def test_dqdv_bad_settings_are_data_errors(kwargs, message):
    v, q = _half_cycle()
    with pytest.raises(DataError, match=message):
        dqdv(v, q, **kwargs)


def test_dqdv_peaks_of_nothing_is_a_data_error():
    with pytest.raises(DataError, match="needs at least 3 points"):
        dqdv_peaks([], [])


@pytest.mark.parametrize(
    "call",
    [
        lambda: find_sweep_peaks(["a", "b", "c"], [1, 2, 3]),
        lambda: steady_state_current(["0", "x"] * 5, np.ones(10)),
        lambda: spectrum(["1", "x", "3", "4", "5"], np.ones(5), np.ones(5)),
        lambda: dqdv(["one volt"] * 50, np.arange(50)),
    ],
    ids=["cv", "bruce-vincent", "spectrum", "dqdv"],
)
def test_text_arrays_are_data_errors(call):
    with pytest.raises(DataError, match="must be numbers"):
        call()


def test_bruce_vincent_steady_current_above_initial_is_refused():
    """Used to return t+ = 5.27."""
    with pytest.raises(DataError, match="exceeds the initial current"):
        bruce_vincent(0.01, i_0=1e-6, i_ss=5e-6, r_0=100.0, r_ss=120.0)


def test_bruce_vincent_t_plus_outside_0_1_is_refused():
    # I_ss < I_0 but R_ss far below R_0: the formula exceeds 1
    with pytest.raises(DataError, match="outside \\[0, 1\\]"):
        bruce_vincent(0.01, i_0=1e-5, i_ss=9e-6, r_0=1.0, r_ss=1000.0)
    assert 0 < bruce_vincent(0.01, 1e-5, 4e-6, 100.0, 110.0) < 1


@pytest.mark.parametrize(
    ("time", "current", "message"),
    [
        (np.arange(10.0)[::-1], np.ones(10), "time must not decrease"),
        (np.full(10, np.nan), np.ones(10), "finite"),
        (np.arange(10.0), np.full(10, np.nan), "finite"),
    ],
    ids=["reversed time", "nan time", "nan current"],
)
def test_steady_state_current_refuses_unusable_records(time, current, message):
    """Used to return (4.0, -2.0) for reversed time and (nan, nan) for NaN data."""
    with pytest.raises(DataError, match=message):
        steady_state_current(time, current)


def _gitt_record():
    t = np.linspace(0, 300, 301)
    i = np.where((t > 10) & (t <= 110), 1e-4, 0.0)
    v = 1.0 - 0.02 * np.sqrt(np.clip(t - 10, 0, 100)) * (t <= 110) - 0.1 * (t > 110)
    return t, i, v


@pytest.mark.parametrize("length", [0.0, -1e-6, float("nan"), "1e-6 m"])
def test_weppner_huggins_refuses_a_non_positive_length(length):
    t, i, v = _gitt_record()
    pulse = find_pulses(t, i)[0]
    with pytest.raises(DataError, match="diffusion length"):
        weppner_huggins(t, v, pulse, length)


def test_weppner_huggins_refuses_a_short_voltage_array():
    t, i, v = _gitt_record()
    pulse = find_pulses(t, i)[0]
    with pytest.raises(DataError, match="equal length"):
        weppner_huggins(t, v[:100], pulse, 1e-6)


def test_weppner_huggins_pulse_out_of_range_is_a_data_error():
    t, i, v = _gitt_record()
    with pytest.raises(DataError, match="do not fit a record of 301 points"):
        weppner_huggins(t, v, Pulse(start=400, end=500, rest_end=600, before=399), 1e-6)


def test_titration_curve_of_no_pulses_is_a_data_error():
    t, i, v = _gitt_record()
    with pytest.raises(DataError, match="no pulses given"):
        titration_curve(t, i, v, [])


def test_analyse_titration_with_nan_voltages_is_a_data_error():
    """Used to return an all-NaN table."""
    t, i, _ = _gitt_record()
    with pytest.raises(DataError, match="finite"):
        analyse_titration(t, i, np.full(t.size, np.nan), 1e-6, fit=False)


def _randles_spectrum(n, noise=0.005):
    """Rs + (Rct || C) + a semi-infinite Warburg line, with 0.5 % noise."""
    f = np.logspace(5, -2, n)
    w = 2 * np.pi * f
    z = 5 + 1 / (1 / 20 + 1j * w * 1e-5) + (1 - 1j) * 30 / np.sqrt(w)
    rng = np.random.default_rng(1)
    z = z * (1 + noise * (rng.standard_normal(n) + 1j * rng.standard_normal(n)))
    return f, z


def test_fit_circuit_with_fewer_data_than_parameters_is_refused():
    """Used to return R0 = 105 Ohm (true 5) from 5 points and 10 parameters."""
    f, z = _randles_spectrum(5)
    with pytest.raises(DataError, match="5 frequencies for 9 parameters"):
        fit_circuit(f, z)


def test_fit_circuit_reports_standard_errors_and_flags_undetermined_values():
    f, z = _randles_spectrum(60)
    fit = fit_circuit(f, z, DEFAULT_CIRCUIT)
    assert set(fit.standard_errors) == set(fit.parameters)
    assert fit.standard_errors["R0"] < 0.05 * fit.parameters["R0"]
    assert fit.parameters["R0"] == pytest.approx(5, rel=0.05)
    # this spectrum has no finite-length Warburg or second arc to determine:
    # some of the low-frequency branch's values must come out as undetermined
    assert fit.poorly_determined


def test_arrhenius_fit_refuses_celsius_given_as_kelvin():
    """Used to return Ea = 0.007 eV."""
    T = np.array([20.0, 40.0, 60.0, 80.0])
    sigma = 1e-3 * np.exp(-0.3 / 8.617e-5 * (1 / (T + 273.15) - 1 / 298.15))
    with pytest.raises(DataError, match="Celsius given as kelvin"):
        arrhenius_fit(T, sigma)
    fit = arrhenius_fit(T + 273.15, sigma)
    assert fit.activation_energy == pytest.approx(0.3, rel=1e-3)


def test_arrhenius_fit_refuses_a_negative_slope():
    with pytest.raises(DataError, match="does not rise with temperature"):
        arrhenius_fit([300.0, 320.0, 340.0], [3e-3, 2e-3, 1e-3])


def test_vtf_conductivity_below_t0_is_refused():
    """Used to return 4e15."""
    T = np.linspace(293.15, 353.15, 7)
    sigma = 10 / np.sqrt(T) * np.exp(-1000 / (T - 200.0))
    fit = vtf_fit(T, sigma, vogel_temperature=200.0)
    assert fit.conductivity(300.0) == pytest.approx(
        10 / np.sqrt(300) * np.exp(-10), rel=1e-6
    )
    with pytest.raises(DataError, match="only above T0 = 200.00 K"):
        fit.conductivity(150.0)
    with pytest.raises(DataError, match="only above T0"):
        fit.pseudo_activation_energy(199.0)
