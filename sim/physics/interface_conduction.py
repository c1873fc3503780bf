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
   (and, at uniform salt concentration, of the Li+) that sits in shells. (The
   Cheng2023 sets no longer read the 7Li NMR "mobile" fraction as this volume:
   a mobile share is a free-ion or amorphous share, not a shell volume.)

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
(:mod:`sim.physics.polymer_electrolyte`; in the Cheng2023 sets sigma_p is the
semicrystalline bulk polymer of :mod:`sim.physics.polymer_crystallinity` and
sigma_s the amorphous polymer times an enhancement). Because the Bruggeman equation is
homogeneous, sigma_eff = sigma_p F(sigma_s/sigma_p) at a fixed microstructure:
:func:`conductivity_ratio_table` tabulates F once so that a PyBaMM model can use the
composite conductivity as an interpolant with symbolic temperature laws; beyond the
table (ln rho outside :data:`LN_RATIO_RANGE`, e.g. close to the polymer's VTF T0)
ln F is continued along its asymptotic power law, on the NumPy path
(:func:`ln_conductivity_factor`) as on the PyBaMM path.

SI units throughout (m, kg.m-3, S.m-1); the loading in wt% as the paper gives it.

The steps live in one module each, all re-exported here:
:mod:`sim.physics.filler_geometry` (1-2), :mod:`sim.physics.filler_microstructure`
(3), :mod:`sim.physics.effective_medium` (4-5) and
:mod:`sim.physics.conductivity_table` (the tabulated factor F).
"""

from __future__ import annotations

from sim.physics.conductivity_table import (
    LN_RATIO_FLOOR,
    LN_RATIO_POINTS,
    LN_RATIO_RANGE,
    conductivity_ratio_table,
    ln_conductivity_factor,
    ratio_table_slopes,
)
from sim.physics.effective_medium import (
    Phase,
    bruggeman_conductivity,
    coated_particle_conductivity,
    composite_conductivity,
    composite_phases,
    depolarization_factor,
    percolation_onset_loading,
    percolation_threshold,
)
from sim.physics.filler_geometry import (
    ONSAGER_ISOTROPIC_CONCENTRATION,
    Filler,
    check_loading,
    check_shell_thickness,
    coated_aspect_ratio,
    dispersion_limit,
    excluded_volume,
    loading_for_core_fraction,
    shell_volume,
    volume_fractions,
)
from sim.physics.filler_microstructure import NO_FILLER, Microstructure, microstructure

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
