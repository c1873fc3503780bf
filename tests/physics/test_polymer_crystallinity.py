"""The three-phase medium (sim/physics/polymer_crystallinity.py): insulating PEO
crystallites in the amorphous electrolyte, melting, suppression by filler
surface, and its limits: the two-phase composite without crystals, Bruggeman's
exact results, monotonicity, the amorphous VTF law above melting."""

import numpy as np
import pybamm
import pytest

from sim import parameters
from sim.errors import ParameterError
from sim.physics import interface_conduction as ic
from sim.physics import polymer_crystallinity as pc
from sim.physics.polymer_electrolyte import PolymerElectrolyte, vtf_conductivity


@pytest.fixture(scope="module")
def electrolytes():
    return {
        n: PolymerElectrolyte.from_parameter_set(parameters.get(n))
        for n in ("PPSE", "CNCSE", "CPCSE")
    }


@pytest.mark.parametrize("x", [0.0, 0.1, 0.3, 0.5, 0.65])
def test_blocking_factor_is_bruggemans_insulating_spheres(x):
    # the general Bruggeman root, two sphere phases, one insulating
    phases = [ic.Phase(1 - x, 1.0, 1.0), ic.Phase(x, 0.0, 0.0)]
    assert pc.crystallite_blocking_factor(x) == pytest.approx(
        ic.bruggeman_conductivity(phases), rel=1e-10
    )
    # dilute limit (Maxwell): 1 - 3x/2 to first order, exactly here
    assert pc.crystallite_blocking_factor(x) == pytest.approx(1 - 1.5 * x, abs=1e-15)


def test_blocking_vanishes_at_the_amorphous_percolation_threshold():
    x_c = pc.PERCOLATION_OF_AMORPHOUS
    phases = [ic.Phase(1 - x_c - 1e-9, 1.0, 1.0), ic.Phase(x_c + 1e-9, 0.0, 0.0)]
    assert ic.bruggeman_conductivity(phases) == 0.0
    assert pc.crystallite_blocking_factor(x_c + 0.01) == pc.BLOCKING_FLOOR
    with pytest.raises(ParameterError, match=r"\[0, 2/3\)"):
        pc.film_crystallinity(0.7, 0.0, 0.0)


def test_conductivity_monotonic_in_the_conducting_fraction(electrolytes):
    x = np.linspace(0, 0.66, 67)
    assert np.all(np.diff(pc.crystallite_blocking_factor(x)) < 0)
    # the film: more crystals (larger x_max) conduct less, at every temperature
    e = electrolytes["CNCSE"]
    T = np.array([293.15, 333.15, 353.15])
    sig = [e.updated(crystal_max_fraction=v).conductivity(T) for v in (0.2, 0.4, 0.6)]
    assert np.all(sig[0] > sig[1]) and np.all(sig[1] > sig[2])
    # more filler surface (longer suppression), fewer crystals, more conduction
    sup = [e.updated(suppression_length=d).conductivity(T) for d in (0.5e-6, 2e-6)]
    assert np.all(sup[1] > sup[0])


def test_without_crystals_the_film_is_the_two_phase_composite(electrolytes):
    T = np.array([283.15, 298.15, 333.15])
    for name in ("CNCSE", "CPCSE"):
        e = electrolytes[name].updated(crystal_max_fraction=0.0)
        sigma_a = e.amorphous_conductivity(T)
        two_phase = ic.composite_conductivity(
            e.microstructure, sigma_a, e.interface_enhancement * sigma_a
        )
        assert e.conductivity(T) == pytest.approx(two_phase, rel=1e-9)


def test_unfilled_semicrystalline_polymer_is_bruggeman_exactly(electrolytes):
    e = electrolytes["PPSE"]
    T = np.array([293.15, 333.15, 353.15])
    x = e.crystalline_fraction(T)
    expected = [
        e.amorphous_conductivity(t)
        * ic.bruggeman_conductivity(
            [ic.Phase(1 - xi, 1.0, 1.0), ic.Phase(float(xi), 0.0, 0.0)]
        )
        for t, xi in zip(T, x, strict=True)
    ]
    assert e.conductivity(T) == pytest.approx(expected, rel=1e-10)


def test_above_the_melting_range_the_amorphous_vtf_law_is_recovered(electrolytes):
    e = electrolytes["PPSE"].updated(melting_temperature=333.15)  # 60 C
    T = np.array([373.15, 383.15])  # > 10 melting widths above
    assert np.all(e.crystalline_fraction(T) < 1e-7)
    vtf = vtf_conductivity(
        T, e.vtf_prefactor, e.vtf_pseudo_activation_temperature, e.vogel_temperature
    )
    assert e.conductivity(T) == pytest.approx(vtf, rel=1e-6)
    # and far below it the crystals are all there
    assert e.crystalline_fraction(280.0) == pytest.approx(
        e.crystal_max_fraction, rel=1e-9
    )


def test_melting_curve_and_suppression_laws():
    T = np.array([300.0, 330.0, 360.0])
    m = pc.unmelted_share(T, 330.0, 3.0)
    assert m[1] == pytest.approx(0.5) and m[0] > 0.9999 and m[2] < 1e-4
    # symbolic form gives the same numbers
    for t, v in zip(T, m, strict=True):
        sym = pc.unmelted_share(pybamm.Scalar(t), pybamm.Scalar(330.0), 3.0)
        assert sym.evaluate() == pytest.approx(v, rel=1e-12)
    # 10-90 % over 2 ln 9 widths
    w = 2.0
    lo, hi = pc.unmelted_share(
        np.array([330 - w * np.log(9), 330 + w * np.log(9)]), 330, w
    )
    assert (lo, hi) == pytest.approx((0.9, 0.1), rel=1e-12)
    assert pc.suppressed_share(1e6, 1e-6) == pytest.approx(np.exp(-1.0))
    with pytest.raises(ParameterError, match="melting width"):
        pc.unmelted_share(T, 330.0, 0.0)


def test_tg_follows_the_suppressed_crystallinity(electrolytes):
    pp, cn, cp = (electrolytes[n] for n in ("PPSE", "CNCSE", "CPCSE"))
    for e in (cn, cp):
        expected = pp.polymer_glass_transition - e.glass_transition_rise * (
            e.crystal_max_fraction - e.film_crystallinity
        )
        assert e.glass_transition_temperature == pytest.approx(expected, rel=1e-14)
    assert pp.glass_transition_temperature == pp.polymer_glass_transition
    # XRD ranking: crystals weakest with the chains, then the wires
    assert pp.film_crystallinity > cn.film_crystallinity > cp.film_crystallinity
