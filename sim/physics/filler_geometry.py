"""Rod-like fillers in a polymer film: the filler (inorganic core plus organic
ligand), wt% -> volume fractions, Onsager's dispersion limit on the core + ligand
envelope, and the shell around one core (steps 1-2 of
:mod:`sim.physics.interface_conduction`).

Rods stay individually dispersed (isotropic) while their number density n is below
Onsager's isotropic-phase boundary ``n b = c_I = 3.290`` with ``b = <V_ex>/2``
(L. Onsager, Ann. N.Y. Acad. Sci. 51 (1949) 627; Vroege & Lekkerkerker, Rep. Prog.
Phys. 55 (1992) 1241), ``<V_ex>`` the isotropically averaged excluded volume of two
spherocylinders (I. Balberg et al., Phys. Rev. B 30 (1984) 3933).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sim.errors import ParameterError
from sim.physics.validated_numbers import finite, nonnegative, positive

ONSAGER_ISOTROPIC_CONCENTRATION = 3.290
"""Onsager's dimensionless concentration ``n b`` at the isotropic-phase boundary of
monodisperse slender hard rods (Vroege & Lekkerkerker, Rep. Prog. Phys. 55 (1992)
1241, Table 1)."""


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
        positive(self.core_diameter, f"{self.name} core diameter", "m")
        positive(self.length, f"{self.name} length", "m")
        positive(self.core_density, f"{self.name} core density", "kg.m-3")
        positive(self.organic_density, f"{self.name} organic density", "kg.m-3")
        nonnegative(
            self.ligand_layer_thickness, f"{self.name} ligand layer thickness", "m"
        )
        f = finite(self.organic_mass_fraction, "organic mass fraction", "")
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
    w = finite(loading_wt_pct, "filler loading", "wt%")
    if not 0 <= w < 100:
        raise ParameterError(
            f"filler loading must be in [0, 100) wt% (the rest is polymer "
            f"electrolyte), got {w:g} wt%"
        )
    return w


def check_shell_thickness(shell_thickness) -> float:
    """The shell thickness [m]; ParameterError if negative or not finite."""
    return nonnegative(shell_thickness, "interfacial shell thickness", "m")


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
    rho_m = positive(matrix_density, "polymer electrolyte density", "kg.m-3")
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
    phi = finite(phi_core, "core volume fraction", "")
    if not 0 <= phi < 1:
        raise ParameterError(f"core volume fraction must be in [0, 1), got {phi:g}")
    f = filler.organic_mass_fraction
    a = (1 - f) / filler.core_density  # core volume per kg filler
    b = f / filler.organic_density
    m = 1 / positive(matrix_density, "polymer electrolyte density", "kg.m-3")
    # phi (a w + b w + m (1 - w)) = a w  ->  w = phi m / (a - phi (a + b - m))
    denominator = a - phi * (a + b - m)
    w = phi * m / denominator if denominator > 0 else math.inf
    return 100 * w if w < 1 else math.inf


def excluded_volume(radius, length) -> float:
    """Isotropically averaged excluded volume of two spherocylinders of radius R
    and cylinder length L [m3] (Balberg et al. 1984)."""
    r = positive(radius, "radius", "m")
    L = nonnegative(length, "length", "m")
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


__all__ = [
    "ONSAGER_ISOTROPIC_CONCENTRATION",
    "Filler",
    "check_loading",
    "check_shell_thickness",
    "coated_aspect_ratio",
    "dispersion_limit",
    "excluded_volume",
    "loading_for_core_fraction",
    "shell_volume",
    "volume_fractions",
]
