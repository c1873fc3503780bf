"""Ionic conductivity of a polymer electrolyte filled with rod-like inorganic fillers
that wrap themselves in a Li+-conducting interfacial shell.

The picture (Cheng2023 for GdOOH in PEO/LiTFSI; the classical composite-polymer-
electrolyte picture of Nan & Smith, Mater. Sci. Eng. B 10 (1991) 99): each filler is
an insulating inorganic core (a cylinder, diameter d, length L) surrounded by a
shell of polymer electrolyte of thickness t in which Li+ moves faster (conductivity
sigma_s) than in the bulk polymer (sigma_p). What is computed, step by step:

1. **wt% -> volume fractions** (:func:`volume_fractions`). A loading w (wt% of the
   whole film) of filler powder is a mass fraction (1 - f_org) of inorganic core
   (density rho_core) and f_org of organic ligand (oleylamine/oleic acid, measured
   by TGA, density rho_org); the rest is polymer electrolyte (rho_m). Volumes add.
   The ligand is counted with the polymer phase (it sits in the shell or dissolves
   in the matrix): it moves the core fraction, not the conduction.

2. **Dispersion limit: agglomeration above a size-dependent loading**
   (:func:`dispersion_limit`). Rods stay individually dispersed (isotropic) while
   their number density n is below Onsager's isotropic-phase boundary
   ``n b = c_I = 3.290`` with ``b = <V_ex>/2`` (L. Onsager, Ann. N.Y. Acad. Sci. 51
   (1949) 627; c_I from the exact solution, G. J. Vroege and H. N. W. Lekkerkerker,
   Rep. Prog. Phys. 55 (1992) 1241). Above it rods order and, being attractive,
   bundle: Cheng2023 sees cluster chains "align into bundles at high
   concentrations" (Fig. 2a-c). ``<V_ex>`` is the isotropically averaged excluded
   volume of two spherocylinders of radius R and length L (I. Balberg et al., Phys.
   Rev. B 30 (1984) 3933)::

       <V_ex> = (32 pi/3) R^3 + 8 pi R^2 L + pi R L^2

   taken on the particle's hard envelope: core plus bound ligand layer. The limit
   therefore scales as d^2 / (L (d + 2 l)): sub-nm chains reach it at a few wt%,
   70 nm wires at tens of vol%. Filler above the limit is assumed to condense into
   compact bundles (the dispersed concentration stays at the limit, like a
   solubility limit); bundles are insulating and their internal interface is lost.
   Onsager's criterion is exact for slender rods (L/d >> 1); for short thick rods it
   only says that crowding is not what limits their dispersion.

3. **Shell coverage: hard core, penetrable shell** (:func:`microstructure`). The
   shells of dispersed fillers may overlap (cherry-pit model, S. Torquato, Random
   Heterogeneous Materials, Springer 2002, ch. 3). Treating shell centres as a
   Poisson field in the core-free volume 1 - phi, the fraction of that volume left
   outside every shell is ``exp(-n V_sh / (1 - phi))``; V_sh is the shell volume of
   one filler (a cylinder of radius r + t and length L + 2t minus the core). The
   coated volume (cores plus the union of shells) is then::

       p = phi_d + (1 - phi) (1 - exp(-n_d V_sh / (1 - phi)))

   exact in the dilute limit (p = phi_d (1 + V_sh/V_core)) and saturating at 1.
   ``interfacial fraction`` = (p - phi_d)/(1 - phi) is the share of the electrolyte
   (and, at uniform salt concentration, of the Li+) that sits in shells: the
   quantity 7Li NMR resolves as "mobile Li+ at the interface".

4. **Coated filler -> equivalent homogeneous particle.** A cylinder with an
   insulating core (area fraction gamma of its cross-section) in a shell of
   conductivity sigma_s conducts ``(1 - gamma) sigma_s`` along its axis (parallel
   paths) and ``sigma_s (1 - gamma)/(1 + gamma)`` across it (exact coated-cylinder
   result, the 2-D Maxwell/Hashin form; C.-W. Nan, Prog. Mater. Sci. 37 (1993) 1;
   A. Sihvola, Electromagnetic Mixing Formulas and Applications, IEE 1999). With
   overlapping shells gamma = phi_d / p, the core share of the coated volume. The
   particle's shape enters through the depolarization factors of the prolate
   spheroid with the coated cylinder's aspect ratio (L + 2t)/(2(r + t)) (J. A.
   Osborn, Phys. Rev. 67 (1945) 351).

5. **Bruggeman's symmetric effective medium, randomly oriented ellipsoids**
   (:func:`bruggeman_conductivity`; D. A. G. Bruggeman, Ann. Phys. 416 (1935) 636;
   D. Polder and J. H. van Santen, Physica 12 (1946) 257). Phases: bulk polymer
   (spheres), coated fillers (spheroids, random orientation), bundles (insulating
   spheres). sigma solves::

       sum_j f_j (1/3) sum_k (s_jk - sigma) / (sigma + N_jk (s_jk - sigma)) = 0

   with N_jk the depolarization factors (N_axis, (1 - N_axis)/2 twice). It reduces to
   Maxwell's dilute limits (insulating spheres: 1 - 3 phi/2; randomly oriented
   insulating needles: 1 - 5 phi/3) and has a percolation threshold for the coated
   phase (sigma_p -> 0) that falls with the aspect ratio,
   ``p_c = 9 N (1 - N) / (2 + 15 N - 9 N^2)`` (A. Celzard et al., Phys. Rev. B 53
   (1996) 6209; N the axial depolarization factor): the reason thin, long shells
   connect at a small loading. For needles this EMT threshold (~ ln(a)/a^2) lies
   below the excluded-volume estimate of percolation theory (~ 1/a); both are far
   below the coated fractions that matter here.

Why the curve has a maximum and where: below the dispersion limit every added
filler adds shell (with diminishing returns as shells overlap); above it, added
filler only adds insulating bundles, so the conductivity stops rising and falls
slowly. The optimum loading is therefore set by the filler's geometry through the
Onsager limit and the shell overlap; nothing places it by hand. How steeply the
conductivity falls beyond the optimum depends on what bundles do to the dispersed
network, which this model keeps minimal (bundles only dilute). For fillers whose
limit lies beyond the range studied (thick wires) the model gives no interior
maximum.

Temperature enters only through sigma_p(T) and sigma_s(T)
(:mod:`sim.physics.polymer_electrolyte`). Because the Bruggeman equation is
homogeneous, sigma_eff = sigma_p F(sigma_s/sigma_p) at a fixed microstructure:
:func:`conductivity_ratio_table` tabulates F once so that a PyBaMM model can use the
composite conductivity as an interpolant with symbolic temperature laws; beyond the
table (ln rho outside :data:`LN_RATIO_RANGE`, e.g. close to the polymer's VTF T0)
ln F is continued along its asymptotic power law, on the NumPy path
(:func:`ln_conductivity_factor`) as on the PyBaMM path.

SI units throughout (m, kg.m-3, S.m-1); the loading in wt% as the paper gives it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sim.errors import ParameterError

ONSAGER_ISOTROPIC_CONCENTRATION = 3.290
"""Onsager's dimensionless concentration ``n b`` at the isotropic-phase boundary of
monodisperse slender hard rods (Vroege & Lekkerkerker, Rep. Prog. Phys. 55 (1992)
1241, Table 1)."""


def _finite(value, name, unit):
    """Float of ``value``; ParameterError naming it if not a finite number."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ParameterError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(x):
        raise ParameterError(f"{name} must be finite, got {value!r} {unit}".strip())
    return x


def _positive(value, name, unit):
    x = _finite(value, name, unit)
    if x <= 0:
        raise ParameterError(f"{name} must be > 0 {unit}, got {x:g}".rstrip())
    return x


def _nonnegative(value, name, unit):
    x = _finite(value, name, unit)
    if x < 0:
        raise ParameterError(f"{name} must be >= 0 {unit}, got {x:g}".rstrip())
    return x


@dataclass(frozen=True)
class Filler:
    """A rod-like filler: inorganic core plus organic ligand.

    Attributes:
        name: Label, e.g. ``"cluster chains"``.
        core_diameter: Diameter of the inorganic core [m].
        length: Length of the core [m].
        core_density: Density of the inorganic core [kg.m-3].
        organic_mass_fraction: Mass fraction of organic ligand in the filler
            powder (TGA) [-], in [0, 1).
        organic_density: Density of the ligand [kg.m-3].
        ligand_layer_thickness: Thickness of the bound ligand layer [m]: the hard
            envelope used for crowding (Onsager), not the conducting shell.

    Raises:
        ParameterError: If a value is not physical.
    """

    name: str
    core_diameter: float
    length: float
    core_density: float
    organic_mass_fraction: float
    organic_density: float
    ligand_layer_thickness: float = 0.0

    def __post_init__(self):
        _positive(self.core_diameter, f"{self.name} core diameter", "m")
        _positive(self.length, f"{self.name} length", "m")
        _positive(self.core_density, f"{self.name} core density", "kg.m-3")
        _positive(self.organic_density, f"{self.name} organic density", "kg.m-3")
        _nonnegative(
            self.ligand_layer_thickness, f"{self.name} ligand layer thickness", "m"
        )
        f = _finite(self.organic_mass_fraction, "organic mass fraction", "")
        if not 0 <= f < 1:
            raise ParameterError(
                f"{self.name} organic mass fraction must be in [0, 1), got {f:g}"
            )

    @property
    def radius(self) -> float:
        """Core radius [m]."""
        return self.core_diameter / 2

    @property
    def core_volume(self) -> float:
        """Volume of one core, a cylinder [m3]."""
        return math.pi * self.radius**2 * self.length

    @property
    def aspect_ratio(self) -> float:
        """Length over diameter of the core [-]."""
        return self.length / self.core_diameter


def check_loading(loading_wt_pct) -> float:
    """The loading as a float; ParameterError unless 0 <= loading < 100 wt%."""
    w = _finite(loading_wt_pct, "filler loading", "wt%")
    if not 0 <= w < 100:
        raise ParameterError(
            f"filler loading must be in [0, 100) wt% (the rest is polymer "
            f"electrolyte), got {w:g} wt%"
        )
    return w


def check_shell_thickness(shell_thickness) -> float:
    """The shell thickness [m]; ParameterError if negative or not finite."""
    return _nonnegative(shell_thickness, "interfacial shell thickness", "m")


def volume_fractions(loading_wt_pct, filler: Filler, matrix_density):
    """Volume fractions (core, organic ligand) of a film with ``loading_wt_pct``
    wt% filler powder, volumes additive.

    Returns:
        ``(phi_core, phi_organic)`` [-]; the polymer electrolyte takes the rest.

    Raises:
        ParameterError: For a loading outside [0, 100) wt% or a non-positive
            matrix density.
    """
    w = check_loading(loading_wt_pct) / 100
    rho_m = _positive(matrix_density, "polymer electrolyte density", "kg.m-3")
    f = filler.organic_mass_fraction
    v_core = w * (1 - f) / filler.core_density
    v_org = w * f / filler.organic_density
    v_matrix = (1 - w) / rho_m
    total = v_core + v_org + v_matrix
    return v_core / total, v_org / total


def loading_for_core_fraction(phi_core, filler: Filler, matrix_density) -> float:
    """Inverse of :func:`volume_fractions`: the loading [wt%] that gives a core
    volume fraction ``phi_core`` (in [0, 1)); ``inf`` if no loading below 100 wt%
    does (the organic ligand takes volume too)."""
    phi = _finite(phi_core, "core volume fraction", "")
    if not 0 <= phi < 1:
        raise ParameterError(f"core volume fraction must be in [0, 1), got {phi:g}")
    f = filler.organic_mass_fraction
    a = (1 - f) / filler.core_density  # core volume per kg filler
    b = f / filler.organic_density
    m = 1 / _positive(matrix_density, "polymer electrolyte density", "kg.m-3")
    # phi (a w + b w + m (1 - w)) = a w  ->  w = phi m / (a - phi (a + b - m))
    denominator = a - phi * (a + b - m)
    w = phi * m / denominator if denominator > 0 else math.inf
    return 100 * w if w < 1 else math.inf


def depolarization_factor(aspect_ratio) -> float:
    """Depolarization factor along the symmetry axis of a spheroid with axis ratio
    ``aspect_ratio`` (> 1 prolate, 1 sphere, < 1 oblate); Osborn 1945."""
    a = _positive(aspect_ratio, "aspect ratio", "")
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


def excluded_volume(radius, length) -> float:
    """Isotropically averaged excluded volume of two spherocylinders of radius R
    and cylinder length L [m3] (Balberg et al. 1984)."""
    r = _positive(radius, "radius", "m")
    L = _nonnegative(length, "length", "m")
    return 32 * math.pi / 3 * r**3 + 8 * math.pi * r**2 * L + math.pi * r * L**2


def dispersion_limit(filler: Filler) -> float:
    """Largest core volume fraction that stays dispersed (Onsager's isotropic
    boundary on the core + ligand envelope) [-]."""
    envelope_r = filler.radius + filler.ligand_layer_thickness
    envelope_L = filler.length + 2 * filler.ligand_layer_thickness
    b = excluded_volume(envelope_r, envelope_L) / 2
    return min(1.0, ONSAGER_ISOTROPIC_CONCENTRATION / b * filler.core_volume)


def shell_volume(filler: Filler, shell_thickness) -> float:
    """Volume of the shell around one core [m3]: a cylinder of radius r + t and
    length L + 2t, minus the core."""
    t = check_shell_thickness(shell_thickness)
    outer = math.pi * (filler.radius + t) ** 2 * (filler.length + 2 * t)
    return outer - filler.core_volume


def coated_aspect_ratio(filler: Filler, shell_thickness) -> float:
    """Length over diameter of a coated filler (core plus shell) [-]."""
    t = check_shell_thickness(shell_thickness)
    return (filler.length + 2 * t) / (2 * (filler.radius + t))


@dataclass(frozen=True)
class Microstructure:
    """Volume fractions of a filled polymer electrolyte (all of the whole film).

    Attributes:
        loading: Filler loading [wt%].
        core_fraction: Inorganic cores, dispersed plus bundled.
        organic_fraction: Organic ligand (counted with the polymer phase).
        dispersed_core_fraction: Cores of individually dispersed fillers.
        bundled_core_fraction: Cores condensed into bundles (insulating).
        coated_fraction: Dispersed cores plus the union of their shells.
        coated_aspect_ratio: Aspect ratio of one coated filler.
    """

    loading: float
    core_fraction: float
    organic_fraction: float
    dispersed_core_fraction: float
    bundled_core_fraction: float
    coated_fraction: float
    coated_aspect_ratio: float

    @property
    def matrix_fraction(self) -> float:
        """Bulk polymer electrolyte outside every shell (ligand included)."""
        return max(0.0, 1 - self.coated_fraction - self.bundled_core_fraction)

    @property
    def interfacial_fraction(self) -> float:
        """Share of the electrolyte volume (everything but cores) inside shells.

        Assumption: the organic ligand's volume is counted as electrolyte, both in
        the denominator (everything but the inorganic cores) and inside the shells
        it overlaps, i.e. the ligand is taken to hold Li+ at the film's salt
        concentration like the polymer. Counting it as Li-free would change the
        share compared with the 7Li NMR fraction (and so the fitted shell
        thickness); the paper does not say where the ligand sits.
        """
        return (self.coated_fraction - self.dispersed_core_fraction) / (
            1 - self.core_fraction
        )

    @property
    def core_share_of_coated(self) -> float:
        """gamma: fraction of the coated volume occupied by cores."""
        if self.coated_fraction <= 0:
            return 0.0
        return self.dispersed_core_fraction / self.coated_fraction


NO_FILLER = Microstructure(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0)


def microstructure(
    loading_wt_pct,
    filler: Filler | None,
    shell_thickness,
    matrix_density,
    agglomeration: bool = True,
) -> Microstructure:
    """Volume fractions of cores, bundles and shells for a loading in wt%.

    Args:
        loading_wt_pct: Filler loading [wt%], in [0, 100).
        filler: The filler; None for the plain polymer.
        shell_thickness: Interfacial shell thickness t [m], >= 0.
        matrix_density: Density of the polymer electrolyte [kg.m-3].
        agglomeration: Apply the dispersion limit (False: all filler dispersed).

    Raises:
        ParameterError: On a loading outside [0, 100) wt%, a negative shell
            thickness or a non-positive density.
    """
    w = check_loading(loading_wt_pct)
    t = check_shell_thickness(shell_thickness)
    if filler is None or w == 0:
        return NO_FILLER if filler is None else _empty(filler, t)
    phi, phi_org = volume_fractions(w, filler, matrix_density)
    phi_d = min(phi, dispersion_limit(filler)) if agglomeration else phi
    phi_b = phi - phi_d
    n_d = phi_d / filler.core_volume
    free = 1 - phi
    covered = free * -math.expm1(-n_d * shell_volume(filler, t) / free)
    return Microstructure(
        loading=w,
        core_fraction=phi,
        organic_fraction=phi_org,
        dispersed_core_fraction=phi_d,
        bundled_core_fraction=phi_b,
        coated_fraction=phi_d + covered,
        coated_aspect_ratio=coated_aspect_ratio(filler, t),
    )


def _empty(filler, t):
    return Microstructure(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, coated_aspect_ratio(filler, t))


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
            _nonnegative(value, f"phase {what}", "")
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


LN_RATIO_RANGE = (-30.0, 60.0)
"""Range of ln(sigma_s / sigma_p) over which F is tabulated (and computed exactly on
the NumPy path). Wide enough that both ends are in F's asymptotic power laws
(F ~ rho^s with s = 1 once the coated phase percolates, s = 0 otherwise): near
the VTF T0 the polymer freezes and ln(rho) grows without bound, far past 20."""
LN_RATIO_POINTS = 901
"""Table points (spacing 0.1 in ln(rho))."""
LN_RATIO_FLOOR = -1.0e3
"""ln(rho) below this (e.g. an insulating shell, rho = 0) is taken as this value,
so the continuation stays finite; F is flat there (the continuation's residual
slope moves ln F by ~1e-9 at most)."""


def conductivity_ratio_table(
    micro: Microstructure,
    ln_ratio_min=LN_RATIO_RANGE[0],
    ln_ratio_max=LN_RATIO_RANGE[1],
    points=LN_RATIO_POINTS,
):
    """F(rho) = sigma_eff / sigma_p against ln(rho), rho = sigma_s / sigma_p.

    The Bruggeman equation is homogeneous of degree one in the conductivities, so
    at a fixed microstructure sigma_eff = sigma_p F(sigma_s/sigma_p) exactly.
    Beyond the table, :func:`ratio_table_slopes` continues ln F linearly.

    Returns:
        ``(ln_rho, ln_F)`` arrays for interpolation.
    """
    ln_rho = np.linspace(ln_ratio_min, ln_ratio_max, points)
    ln_f = np.log(composite_conductivity(micro, np.ones(points), np.exp(ln_rho)))
    return ln_rho, ln_f


def ratio_table_slopes(ln_rho, ln_f):
    """d ln F / d ln rho at both ends of a table (last two points): the exponents
    of F's power laws beyond it. Returns ``(low-end slope, high-end slope)``."""
    return (
        float((ln_f[1] - ln_f[0]) / (ln_rho[1] - ln_rho[0])),
        float((ln_f[-1] - ln_f[-2]) / (ln_rho[-1] - ln_rho[-2])),
    )


def ln_conductivity_factor(micro: Microstructure, ln_ratio):
    """ln F(rho) = ln(sigma_eff / sigma_p) for ``ln_ratio`` = ln(sigma_s/sigma_p)
    (number or array; -inf allowed for an insulating shell).

    Exact (Bruggeman) inside :data:`LN_RATIO_RANGE`; beyond it continued linearly
    in ln(rho) with the end slopes of the table (F's asymptotic power laws), the
    same continuation the PyBaMM path uses
    (:func:`sim.physics.polymer_electrolyte.electrolyte_entries`), so both agree at
    any temperature above T0, however small sigma_p gets. Working in logarithms
    keeps it finite where sigma_p underflows.
    """
    lo, hi = LN_RATIO_RANGE
    step = (hi - lo) / (LN_RATIO_POINTS - 1)

    def exact(x):
        return float(np.log(composite_conductivity(micro, 1.0, math.exp(x))))

    x = np.maximum(np.asarray(ln_ratio, dtype=float), LN_RATIO_FLOOR)
    out = np.empty(x.shape)
    edge = {}
    for idx in np.ndindex(x.shape):
        v = float(x[idx])
        if lo <= v <= hi:
            out[idx] = exact(v)
            continue
        side = "hi" if v > hi else "lo"
        if side not in edge:
            a, b = (hi - step, hi) if side == "hi" else (lo, lo + step)
            fa, fb = exact(a), exact(b)
            slope = (fb - fa) / (b - a)
            edge[side] = (fb, hi, slope) if side == "hi" else (fa, lo, slope)
        f_end, x_end, slope = edge[side]
        out[idx] = f_end + slope * (v - x_end)
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
    "NO_FILLER",
    "LN_RATIO_FLOOR",
    "LN_RATIO_POINTS",
    "LN_RATIO_RANGE",
    "ONSAGER_ISOTROPIC_CONCENTRATION",
    "Filler",
    "Microstructure",
    "Phase",
    "bruggeman_conductivity",
    "check_loading",
    "check_shell_thickness",
    "coated_aspect_ratio",
    "coated_particle_conductivity",
    "composite_conductivity",
    "composite_phases",
    "conductivity_ratio_table",
    "ln_conductivity_factor",
    "ratio_table_slopes",
    "depolarization_factor",
    "dispersion_limit",
    "excluded_volume",
    "loading_for_core_fraction",
    "microstructure",
    "percolation_onset_loading",
    "percolation_threshold",
    "shell_volume",
    "volume_fractions",
]
