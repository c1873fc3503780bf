"""Volume fractions of a filled polymer film: cores (dispersed and bundled), and
the coated volume of dispersed cores with hard cores and penetrable shells
(cherry-pit model, S. Torquato, Random Heterogeneous Materials, Springer 2002,
ch. 3; step 3 of :mod:`sim.physics.interface_conduction`)::

    p = phi_d + (1 - phi) (1 - exp(-n_d V_sh / (1 - phi)))

Filler above Onsager's dispersion limit condenses into insulating bundles.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sim.physics.filler_geometry import (
    Filler,
    check_loading,
    check_shell_thickness,
    coated_aspect_ratio,
    dispersion_limit,
    shell_volume,
    volume_fractions,
)


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


__all__ = ["NO_FILLER", "Microstructure", "microstructure"]
