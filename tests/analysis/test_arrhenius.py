"""Arrhenius/VTF analysis on plain arrays (sim/analysis/arrhenius.py) and the
activation-energy consistency check, on synthetic data with known answers."""

import numpy as np
import pytest

from sim.analysis.arrhenius import (
    BOLTZMANN_EV,
    activation_energy_consistency,
    arrhenius_fit,
    two_point_activation_energy,
    vtf_fit,
)
from sim.errors import DataError

T = 273.15 + np.arange(20.0, 81.0, 10.0)


def arrhenius(T, s0, ea):
    return s0 * np.exp(-ea / (BOLTZMANN_EV * np.asarray(T)))


def vtf(T, A, B, T0):
    T = np.asarray(T)
    return A / np.sqrt(T) * np.exp(-B / (T - T0))


def test_arrhenius_fit_recovers_known_activation_energy():
    sigma = arrhenius(T, 3.0e2, 0.32)
    fit = arrhenius_fit(T, sigma)
    assert fit.activation_energy == pytest.approx(0.32, rel=1e-10)
    assert fit.conductivity(T) == pytest.approx(sigma, rel=1e-10)
    assert fit.activation_energy_stderr < 1e-10
    # sigma T form
    fit_t = arrhenius_fit(T, arrhenius(T, 1e5, 0.5) / T, sigma_times_T=True)
    assert fit_t.activation_energy == pytest.approx(0.5, rel=1e-10)
    # independent of the unit of sigma (S/cm vs S/m)
    assert arrhenius_fit(T, 100 * sigma).activation_energy == pytest.approx(0.32)


def test_arrhenius_fit_with_noise_reports_a_meaningful_standard_error():
    rng = np.random.default_rng(7)
    errors = []
    for _ in range(200):
        noisy = arrhenius(T, 3.0e2, 0.32) * np.exp(rng.normal(0, 0.05, T.size))
        fit = arrhenius_fit(T, noisy)
        errors.append((fit.activation_energy - 0.32) / fit.activation_energy_stderr)
    # standardized errors of a correct fit: mean ~0, spread ~1 (t with 5 dof)
    assert abs(np.mean(errors)) < 0.2
    assert 0.8 < np.std(errors) < 1.6


def test_two_point_activation_energy_is_the_analytic_value():
    ea = two_point_activation_energy(298.15, 5.2e-4, 333.15, 1.6e-3)
    expected = BOLTZMANN_EV * np.log(1.6e-3 / 5.2e-4) / (1 / 298.15 - 1 / 333.15)
    assert ea == pytest.approx(expected, rel=1e-12)
    assert ea == pytest.approx(0.275, abs=0.001)


def test_vtf_fit_recovers_parameters_with_and_without_t0():
    Tw = np.linspace(260.0, 370.0, 12)
    sigma = vtf(Tw, 15.0, 700.0, 180.0)
    fit = vtf_fit(Tw, sigma, vogel_temperature=180.0)
    assert fit.prefactor == pytest.approx(15.0, rel=1e-9)
    assert fit.pseudo_activation_temperature == pytest.approx(700.0, rel=1e-9)
    free = vtf_fit(Tw, sigma)
    assert free.vogel_temperature == pytest.approx(180.0, abs=0.5)
    assert free.pseudo_activation_temperature == pytest.approx(700.0, rel=0.01)
    # negative control: an Arrhenius line misses the VTF curvature, its Ea lies
    # between the local VTF slopes at the ends of the range
    ea = arrhenius_fit(Tw, sigma).activation_energy
    local = fit.pseudo_activation_energy(Tw)
    assert local[-1] < ea < local[0]
    assert (
        np.max(np.abs(np.log(arrhenius_fit(Tw, sigma).conductivity(Tw) / sigma))) > 0.02
    )


def test_consistent_data_pass_the_check():
    sigma = arrhenius([298.15, 333.15], 2.0, 0.2)
    check = activation_energy_consistency([298.15, 333.15], sigma, 0.2)
    assert check.checkable and check.consistent is True
    assert check.implied_activation_energy == pytest.approx(0.2, rel=1e-10)
    assert check.conductivities_from_reported_energy == pytest.approx(sigma, rel=1e-10)


def test_cpcse_numbers_fail_the_check():
    check = activation_energy_consistency([298.15, 333.15], [5.2e-4, 1.6e-3], 0.11)
    assert check.consistent is False
    assert check.implied_activation_energy == pytest.approx(0.275, abs=0.001)
    # the reported Ea through the 60 C value: 1.0e-3 S/cm at 25 C, not 5.2e-4
    assert check.conductivities_from_reported_energy[0] == pytest.approx(
        1.6e-3 * np.exp(-0.11 / BOLTZMANN_EV * (1 / 298.15 - 1 / 333.15)), rel=1e-12
    )
    # anchored at the other point instead
    low = activation_energy_consistency(
        [298.15, 333.15], [5.2e-4, 1.6e-3], 0.11, reference_temperature=298.15
    )
    assert low.conductivities_from_reported_energy[1] == pytest.approx(
        8.16e-4, rel=2e-3
    )


def test_single_temperature_cannot_be_checked_but_implies_values():
    check = activation_energy_consistency([333.15], [9.1e-4], 0.16)
    assert not check.checkable and check.consistent is None
    assert np.isnan(check.implied_activation_energy)
    assert check.conductivity_from_reported_energy(298.15) == pytest.approx(
        4.73e-4, rel=2e-3
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (([300.0], [1e-3]), "needs at least 2 points"),
        (([300.0, 300.0], [1e-3, 2e-3]), "two distinct temperatures"),
        (([300.0, 310.0], [1e-3, 0.0]), "conductivities must be > 0"),
        (([-300.0, 310.0], [1e-3, 2e-3]), "temperatures must be absolute, in K"),
        (([300.0, 310.0], [1e-3]), "equal length"),
        (([300.0, np.nan], [1e-3, 2e-3]), "finite"),
    ],
)
def test_bad_arrhenius_inputs_raise(args, message):
    with pytest.raises(DataError, match=message):
        arrhenius_fit(*args)


def test_bad_vtf_and_check_inputs_raise():
    with pytest.raises(DataError, match="T0 = 300 K must lie below"):
        vtf_fit([300.0, 320.0], [1e-3, 2e-3], vogel_temperature=300.0)
    with pytest.raises(DataError, match="at least 4 points"):
        vtf_fit([300.0, 310.0, 320.0], [1e-3, 2e-3, 3e-3])
    with pytest.raises(DataError, match="not one of the reported temperatures"):
        activation_energy_consistency([300.0], [1e-3], 0.2, reference_temperature=310.0)
    with pytest.raises(DataError, match="activation energy must be finite"):
        activation_energy_consistency([300.0], [1e-3], float("nan"))
