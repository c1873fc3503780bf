"""Bruggeman's symmetric effective medium of randomly oriented spheroids, and the
coated filler as an equivalent homogeneous particle (steps 4-5 of
:mod:`sim.physics.interface_conduction`; D. A. G. Bruggeman, Ann. Phys. 416 (1935)
636; D. Polder and J. H. van Santen, Physica 12 (1946) 257; depolarization factors
J. A. Osborn, Phys. Rev. 67 (1945) 351; percolation threshold A. Celzard et al.,
Phys. Rev. B 53 (1996) 6209)::

    sum_j f_j (1/3) sum_k (s_jk - sigma) / (sigma + N_jk (s_jk - sigma)) = 0
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sim.errors import ParameterError
from sim.physics.filler_geometry import (
    Filler,
    check_shell_thickness,
    coated_aspect_ratio,
)
from sim.physics.filler_microstructure import Microstructure, microstructure
from sim.physics.validated_numbers import nonnegative, positive


def depolarization_factor(aspect_ratio) -> float:
    """Depolarization factor along the symmetry axis of a spheroid with axis ratio
    ``aspect_ratio`` (> 1 prolate, 1 sphere, < 1 oblate); Osborn 1945."""
    a = positive(aspect_ratio, "aspect ratio", "")
    if abs(a - 1) < 1e-9:
        return 1 / 3
    if a > 1:
        one_minus_e2 = 1 / a**2
        e = math.sqrt(1 - one_minus_e2)
        return one_minus_e2 / e**3 * (math.atanh(e) - e)
    e = math.sqrt(1 / a**2 - 1)
    return (1 + e**2) / e**3 * (e - math.atan(e))


def percolation_threshold(aspect_ratio) -> float:
    """Volume fraction at which randomly oriented conducting spheroids percolate in
    an insulating matrix in Bruggeman's EMT: ``9 N (1 - N) / (2 + 15 N - 9 N^2)``
    (Celzard et al. 1996); 1/3 for spheres, falling with the aspect ratio."""
    n = depolarization_factor(aspect_ratio)
    return 9 * n * (1 - n) / (2 + 15 * n - 9 * n**2)


@dataclass(frozen=True)
class Phase:
    """One phase of a Bruggeman mixture of randomly oriented spheroids.

    Attributes:
        fraction: Volume fraction [-].
        sigma_axial: Conductivity along the spheroid axis [S.m-1].
        sigma_transverse: Conductivity across it [S.m-1].
        aspect_ratio: Axis ratio of the spheroid (1 for spheres).
    """

    fraction: float
    sigma_axial: float
    sigma_transverse: float
    aspect_ratio: float = 1.0


def _residual_terms(phases: Sequence[Phase]):
    """(fraction/3, conductivity, depolarization) triples of every direction."""
    terms = []
    for p in phases:
        if p.fraction == 0:
            continue
        n = depolarization_factor(p.aspect_ratio)
        m = (1 - n) / 2
        for s, nk in (
            (p.sigma_axial, n),
            (p.sigma_transverse, m),
            (p.sigma_transverse, m),
        ):
            terms.append((p.fraction / 3, s, nk))
    return terms


def _residual(sigma, terms):
    return sum(f * (s - sigma) / (sigma + n * (s - sigma)) for f, s, n in terms)


def bruggeman_conductivity(phases: Sequence[Phase]) -> float:
    """Effective conductivity [S.m-1] of randomly oriented spheroidal phases by
    Bruggeman's symmetric effective-medium equation (see the module docstring).

    The residual falls monotonically with sigma, so the root is unique; it is
    found by bracketing in log(sigma). Returns 0 when no conducting phase
    percolates. If sigma equals one phase's conductivity exactly (e.g. a single
    phase), that value is returned exactly.

    Raises:
        ParameterError: On negative fractions or conductivities, fractions not
            summing to 1, or no conducting phase.
    """
    total = 0.0
    for p in phases:
        for value, what in (
            (p.fraction, "volume fraction"),
            (p.sigma_axial, "conductivity"),
            (p.sigma_transverse, "conductivity"),
        ):
            nonnegative(value, f"phase {what}", "")
        total += p.fraction
    if abs(total - 1) > 1e-9:
        raise ParameterError(f"phase volume fractions must sum to 1, got {total:.12g}")
    terms = _residual_terms(phases)
    sigmas = [s for _, s, _ in terms if s > 0]
    if not sigmas:
        raise ParameterError("at least one phase must conduct (conductivity > 0)")
    for s in sorted(set(sigmas)):
        if _residual(s, terms) == 0:
            return s
    hi = max(sigmas)
    lo = min(sigmas) * 1e-15
    if _residual(lo, terms) <= 0:
        return 0.0  # no conducting path
    from scipy.optimize import brentq

    x = brentq(
        lambda ln_s: _residual(math.exp(ln_s), terms),
        math.log(lo),
        math.log(hi),
        xtol=1e-13,
        rtol=1e-15,
        maxiter=200,
    )
    return math.exp(x)


def coated_particle_conductivity(sigma_shell, core_share):
    """(axial, transverse) conductivity of a coated cylinder with an insulating core
    occupying ``core_share`` (gamma) of its cross-section [S.m-1]."""
    g = core_share
    return (1 - g) * sigma_shell, sigma_shell * (1 - g) / (1 + g)


def composite_phases(micro: Microstructure, sigma_polymer, sigma_shell):
    """The Bruggeman phases of a filled electrolyte: bulk polymer (spheres), coated
    fillers (random spheroids), bundles (insulating spheres)."""
    s_ax, s_tr = coated_particle_conductivity(sigma_shell, micro.core_share_of_coated)
    return [
        Phase(micro.matrix_fraction, sigma_polymer, sigma_polymer),
        Phase(micro.coated_fraction, s_ax, s_tr, micro.coated_aspect_ratio),
        Phase(micro.bundled_core_fraction, 0.0, 0.0),
    ]


def composite_conductivity(micro: Microstructure, sigma_polymer, sigma_shell):
    """Effective conductivity [S.m-1] of the filled electrolyte.

    ``sigma_polymer`` and ``sigma_shell`` may be numbers or equal-shape arrays
    (e.g. over temperature); the result has their shape.

    Raises:
        ParameterError: On a non-positive polymer conductivity or a negative
            shell conductivity.
    """
    sp, ss = np.broadcast_arrays(
        np.asarray(sigma_polymer, dtype=float), np.asarray(sigma_shell, dtype=float)
    )
    out = np.empty(sp.shape)
    for idx in np.ndindex(sp.shape):
        if not sp[idx] > 0:
            raise ParameterError(
                f"polymer conductivity must be > 0 S.m-1, got {sp[idx]:g}"
            )
        if not ss[idx] >= 0:
            raise ParameterError(
                f"interface (shell) conductivity must be >= 0 S.m-1, got {ss[idx]:g}"
            )
        out[idx] = bruggeman_conductivity(composite_phases(micro, sp[idx], ss[idx]))
    return out if out.shape else float(out)


def percolation_onset_loading(
    filler: Filler, shell_thickness, matrix_density, agglomeration: bool = False
) -> float:
    """Loading [wt%] at which the coated fillers reach the EMT percolation threshold
    of their shape (the conductivity of an insulating matrix turns non-zero);
    ``inf`` if they never do (e.g. when agglomeration caps the coated fraction).
    """
    t = check_shell_thickness(shell_thickness)
    p_c = percolation_threshold(coated_aspect_ratio(filler, t))

    def excess(w):
        return (
            microstructure(w, filler, t, matrix_density, agglomeration).coated_fraction
            - p_c
        )

    w_max = 99.999
    if excess(w_max) < 0:
        return math.inf
    from scipy.optimize import brentq

    return brentq(excess, 0.0, w_max, xtol=1e-12, rtol=1e-12)


__all__ = [
    "Phase",
    "bruggeman_conductivity",
    "coated_particle_conductivity",
    "composite_conductivity",
    "composite_phases",
    "depolarization_factor",
    "percolation_onset_loading",
    "percolation_threshold",
]
