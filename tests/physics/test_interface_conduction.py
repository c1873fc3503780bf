"""Effective medium with interfacial shells (sim/physics/interface_conduction.py):
analytic limits, geometry-driven percolation and dispersion limit, bad inputs."""

import math
import re

import numpy as np
import pytest

from sim.errors import ParameterError
from sim.physics import interface_conduction as ic

RHO_M = 1240.0
SIGMA_P = 2.0e-3  # S/m


def chains(length=500e-9, diameter=0.95e-9, organic=0.5, ligand=0.97e-9):
    return ic.Filler("chains", diameter, length, 7000.0, organic, 850.0, ligand)


def bare(diameter, length):
    """Organic-free insulating rods (core only)."""
    return ic.Filler("rods", diameter, length, 7000.0, 0.0, 850.0, 0.0)


def conductivity(filler, loading, shell, sigma_shell, agglomeration=False):
    micro = ic.microstructure(loading, filler, shell, RHO_M, agglomeration)
    return ic.composite_conductivity(micro, SIGMA_P, sigma_shell), micro


# ---- the tests --------------------------------------------------------


@pytest.mark.parametrize("sigma_shell", [0.0, SIGMA_P, 100 * SIGMA_P])
def test_zero_filler_returns_polymer_conductivity_exactly(sigma_shell):
    sigma, micro = conductivity(chains(), 0.0, 8e-9, sigma_shell, agglomeration=True)
    assert sigma == SIGMA_P
    assert micro.coated_fraction == 0 and micro.interfacial_fraction == 0
    no_filler = ic.microstructure(3.0, None, 8e-9, RHO_M)
    assert ic.composite_conductivity(no_filler, SIGMA_P, sigma_shell) == SIGMA_P


def test_insulating_spheres_follow_bruggeman_exactly():
    # Bruggeman for insulating spheres: sigma = sigma_p (1 - 3 phi / 2), exactly
    for phi in (0.01, 0.2, 0.5):
        phases = [ic.Phase(1 - phi, SIGMA_P, SIGMA_P), ic.Phase(phi, 0.0, 0.0)]
        assert ic.bruggeman_conductivity(phases) == pytest.approx(
            SIGMA_P * (1 - 1.5 * phi), rel=1e-12
        )
    # and an organic-free filler with length = diameter is a sphere in the model
    sigma, micro = conductivity(bare(10e-9, 10e-9), 5.0, 0.0, 0.0)
    assert sigma == pytest.approx(SIGMA_P * (1 - 1.5 * micro.core_fraction), rel=1e-12)


@pytest.mark.parametrize("aspect", [1.0, 5.0, 500.0, 1e4])
def test_insulating_rods_without_shell_follow_the_dilute_maxwell_limit(aspect):
    # dilute randomly oriented insulating spheroids: 1 - sigma/sigma_p =
    # (phi/3) sum_k 1/(1 - N_k); for needles the sum -> 1 + 2 + 2, i.e. 5 phi/3
    d = 1e-9
    filler = bare(d, aspect * d)
    n = ic.depolarization_factor(aspect)
    coefficient = (1 / (1 - n) + 2 / (1 - (1 - n) / 2)) / 3
    sigma, micro = conductivity(filler, 0.005, 0.0, 0.0)
    phi = micro.core_fraction
    assert phi < 2e-3
    assert (1 - sigma / SIGMA_P) / phi == pytest.approx(coefficient, rel=2 * phi)
    if aspect >= 1e4:
        assert coefficient == pytest.approx(5 / 3, rel=2e-3)


def test_shell_as_conductive_as_the_polymer_is_invisible():
    # sigma_s = sigma_p: the coated rods act like the bare insulating cores
    filler = chains(organic=0.0)
    for loading in (0.002, 0.01):
        with_shell, m = conductivity(filler, loading, 3e-9, SIGMA_P)
        without, m0 = conductivity(filler, loading, 0.0, 0.0)
        assert m.coated_fraction > 10 * m0.core_fraction  # shells are there
        loss_shell, loss_bare = 1 - with_shell / SIGMA_P, 1 - without / SIGMA_P
        assert loss_shell == pytest.approx(loss_bare, rel=5 * m.coated_fraction)


def test_insulating_shell_acts_as_a_larger_insulating_filler():
    # sigma_s = 0: a core of radius r coated to r + t is an insulating rod of
    # radius r + t and length L + 2t (same number of rods)
    r, L, t = 5e-9, 500e-9, 3e-9
    coated_filler = bare(2 * r, L)
    larger = bare(2 * (r + t), L + 2 * t)
    for loading in (0.01, 0.05):
        sigma, m = conductivity(coated_filler, loading, t, 0.0)
        phi_large = (
            m.dispersed_core_fraction * larger.core_volume / coated_filler.core_volume
        )
        w_large = ic.loading_for_core_fraction(phi_large, larger, RHO_M)
        sigma_large, m_large = conductivity(larger, w_large, 0.0, 0.0)
        assert m_large.core_fraction == pytest.approx(phi_large, rel=1e-12)
        loss, loss_large = 1 - sigma / SIGMA_P, 1 - sigma_large / SIGMA_P
        assert loss == pytest.approx(loss_large, rel=5 * phi_large)


def test_percolation_onset_loading_falls_as_aspect_ratio_rises():
    onsets = [
        ic.percolation_onset_loading(chains(length=L), 2e-9, RHO_M)
        for L in (20e-9, 50e-9, 200e-9, 1000e-9)
    ]
    assert all(np.isfinite(onsets))
    assert all(a > b for a, b in zip(onsets, onsets[1:], strict=False))
    thresholds = [ic.percolation_threshold(a) for a in (1.0, 3.0, 10.0, 100.0, 1e3)]
    assert thresholds[0] == pytest.approx(1 / 3, rel=1e-12)
    assert all(a > b for a, b in zip(thresholds, thresholds[1:], strict=False))


def test_emt_conducts_only_above_the_percolation_threshold():
    # conducting spheroids in an insulating matrix: zero below the Celzard
    # threshold, non-zero above it, for the solver as for the formula
    aspect = 20.0
    p_c = ic.percolation_threshold(aspect)
    for p, conducts in ((0.98 * p_c, False), (1.02 * p_c, True)):
        phases = [ic.Phase(1 - p, 0.0, 0.0), ic.Phase(p, 1.0, 1.0, aspect)]
        assert (ic.bruggeman_conductivity(phases) > 1e-6) is conducts


def test_onsager_dispersion_limit_of_slender_rods():
    # slender limit: phi* = 2 c_I V_core / (pi R L^2) with R the envelope radius;
    # finite-length corrections (~8 R/L) vanish as the rods get longer
    for length, rel in ((500e-9, 0.04), (20e-6, 1e-3)):
        f = chains(length=length)
        R = f.radius + f.ligand_layer_thickness
        expected = (
            2
            * ic.ONSAGER_ISOTROPIC_CONCENTRATION
            * f.core_volume
            / (math.pi * R * f.length**2)
        )
        assert ic.dispersion_limit(f) == pytest.approx(expected, rel=rel)
    f = chains()
    # thick short wires are far from crowding at any loading below 100 wt%
    wires = ic.Filler("wires", 70e-9, 500e-9, 7000.0, 0.5, 850.0, 0.97e-9)
    limit = ic.dispersion_limit(wires)
    assert limit > 100 * ic.dispersion_limit(f)
    assert math.isinf(ic.loading_for_core_fraction(limit, wires, RHO_M))


def _argmax_loading(filler, shell=8.3e-9, sigma_shell=50 * SIGMA_P):
    grid = np.arange(0.0, 15.01, 0.5)
    sigma = [
        conductivity(filler, w, shell, sigma_shell, agglomeration=True)[0] for w in grid
    ]
    return grid[int(np.argmax(sigma))]


def test_conductivity_rise_ends_at_the_dispersion_limit():
    """Physics, not a restatement of the grid: below the Onsager limit every added
    chain adds shell (conductivity rises steeply); above it added chains only form
    insulating bundles, so the conductivity no longer rises (a plateau, which the
    paper's clearer maximum would need bundles that also break the network to
    turn into a fall). Would fail if shells saturated before the limit, or if
    bundles still added conduction."""
    thin = chains()
    w_limit = ic.loading_for_core_fraction(ic.dispersion_limit(thin), thin, RHO_M)
    below = np.linspace(0.0, w_limit, 12)
    above = np.linspace(w_limit, 15.0, 12)
    s_below = [conductivity(thin, w, 8.3e-9, 50 * SIGMA_P, True)[0] for w in below]
    s_above = [conductivity(thin, w, 8.3e-9, 50 * SIGMA_P, True)[0] for w in above]
    assert np.all(np.diff(s_below) > 0)
    assert s_below[-1] > 2 * s_below[0]  # the shells matter
    assert max(s_above) <= s_above[0] * (1 + 1e-12)  # no rise beyond the limit
    assert s_above[-1] > 0.9 * s_above[0]  # bundles only dilute: nearly flat
    # the first grid point at or above the limit is where the grid's argmax lands
    assert _argmax_loading(thin) >= w_limit
    # thicker chains crowd later: the optimum moves to a higher loading
    thicker = chains(diameter=1.5e-9)
    assert _argmax_loading(thicker) > _argmax_loading(thin)
    # shorter chains too (the limit scales as 1/L)
    assert _argmax_loading(chains(length=250e-9)) > _argmax_loading(thin)


def test_shells_overlap_and_saturate():
    f = chains()
    low = ic.microstructure(0.01, f, 8e-9, RHO_M, agglomeration=False)
    dilute = low.dispersed_core_fraction * ic.shell_volume(f, 8e-9) / f.core_volume
    assert low.coated_fraction - low.dispersed_core_fraction == pytest.approx(
        dilute, rel=1e-2
    )
    high = ic.microstructure(20.0, f, 8e-9, RHO_M, agglomeration=False)
    assert 0.99 < high.interfacial_fraction <= 1.0


def test_volume_fractions_and_their_inverse():
    f = chains()
    phi, phi_org = ic.volume_fractions(2.5, f, RHO_M)
    v_core, v_org, v_m = 0.0125 / 7000, 0.0125 / 850, 0.975 / RHO_M
    total = v_core + v_org + v_m
    assert phi == pytest.approx(v_core / total, rel=1e-14)
    assert phi_org == pytest.approx(v_org / total, rel=1e-14)
    assert ic.loading_for_core_fraction(phi, f, RHO_M) == pytest.approx(2.5, rel=1e-12)


def test_ln_conductivity_factor_exact_inside_and_asymptotic_outside_the_table():
    micro = ic.microstructure(2.5, chains(), 8e-9, RHO_M)
    lo, hi = ic.LN_RATIO_RANGE
    # exact Bruggeman inside the table
    for x in (lo, -3.0, 0.0, 5.0, hi):
        exact = np.log(ic.composite_conductivity(micro, 1.0, np.exp(x)))
        assert ic.ln_conductivity_factor(micro, x) == pytest.approx(exact, rel=1e-12)
    # percolating coated chains: F ~ rho beyond the table (slope 1)...
    ln_rho, ln_f = ic.conductivity_ratio_table(micro)
    s_lo, s_hi = ic.ratio_table_slopes(ln_rho, ln_f)
    assert s_hi == pytest.approx(1.0, abs=1e-6) and abs(s_lo) < 1e-6
    far = ic.ln_conductivity_factor(micro, hi + 500.0)
    assert far - ic.ln_conductivity_factor(micro, hi) == pytest.approx(500.0, rel=1e-6)
    # ...and exactly so where it can still be computed directly
    x = hi + 100.0
    direct = np.log(ic.composite_conductivity(micro, np.exp(-x / 2), np.exp(x / 2)))
    assert ic.ln_conductivity_factor(micro, x) == pytest.approx(
        direct + x / 2, rel=1e-9
    )
    # an insulating shell (ln rho = -inf) is the low-end plateau, not -inf or nan
    zero = ic.ln_conductivity_factor(micro, -np.inf)
    assert zero == pytest.approx(
        np.log(ic.composite_conductivity(micro, 1.0, 0.0)), abs=1e-8
    )


def test_effective_medium_is_homogeneous_of_degree_one():
    micro = ic.microstructure(2.5, chains(), 8e-9, RHO_M)
    a = ic.composite_conductivity(micro, SIGMA_P, 30 * SIGMA_P)
    b = ic.composite_conductivity(micro, 7 * SIGMA_P, 210 * SIGMA_P)
    assert b == pytest.approx(7 * a, rel=1e-10)
    ln_rho, ln_f = ic.conductivity_ratio_table(micro)
    assert np.all(np.diff(ln_f) > 0)  # a better shell never lowers sigma
    assert np.interp(np.log(30.0), ln_rho, ln_f) == pytest.approx(
        np.log(a / SIGMA_P), abs=2e-3
    )


# ---- non-physical inputs ---------------------------------------------------------


@pytest.mark.parametrize(
    "loading, message",
    [
        (-1.0, "filler loading must be in [0, 100) wt%"),
        (100.0, "got 100 wt%"),
        (120.0, "got 120 wt%"),
        (float("nan"), "filler loading must be finite"),
    ],
)
def test_bad_loading_raises(loading, message):
    with pytest.raises(ParameterError, match=re.escape(message)):
        ic.microstructure(loading, chains(), 8e-9, RHO_M)


def test_negative_shell_thickness_raises():
    with pytest.raises(ParameterError, match=r"shell thickness must be >= 0 m"):
        ic.microstructure(2.5, chains(), -1e-9, RHO_M)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"core_diameter": -1e-9}, "core diameter must be > 0"),
        ({"length": 0.0}, "length must be > 0"),
        ({"organic_mass_fraction": 1.0}, "organic mass fraction must be in [0, 1)"),
        ({"ligand_layer_thickness": -1e-9}, "ligand layer thickness must be >= 0"),
    ],
)
def test_bad_filler_raises(kwargs, message):
    values = dict(
        name="x",
        core_diameter=1e-9,
        length=1e-7,
        core_density=7000.0,
        organic_mass_fraction=0.5,
        organic_density=850.0,
        ligand_layer_thickness=1e-9,
    )
    values.update(kwargs)
    with pytest.raises(ParameterError, match=re.escape(message)):
        ic.Filler(**values)


def test_bad_phases_and_conductivities_raise():
    with pytest.raises(ParameterError, match="sum to 1"):
        ic.bruggeman_conductivity([ic.Phase(0.5, 1.0, 1.0)])
    with pytest.raises(ParameterError, match="at least one phase must conduct"):
        ic.bruggeman_conductivity([ic.Phase(1.0, 0.0, 0.0)])
    micro = ic.microstructure(2.5, chains(), 8e-9, RHO_M)
    with pytest.raises(ParameterError, match="polymer conductivity must be > 0"):
        ic.composite_conductivity(micro, 0.0, 1.0)
    with pytest.raises(ParameterError, match="shell\\) conductivity must be >= 0"):
        ic.composite_conductivity(micro, 1.0, -1.0)
