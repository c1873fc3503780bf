"""Salt concentration and transport of a salt-in-polymer electrolyte.

* PEO/LiTFSI salt concentration from the EO:Li ratio and the film density;
* "Electrolyte conductivity [S.m-1]" sigma(c, T) = sigma(T) g(c)/g(c0),
  ``g(c) = (c/c_max) exp(1 - c/c_max)``: the usual conductivity maximum of
  salt-in-polymer electrolytes at c_max; equal to the composite value at the
  film's salt concentration c0 (assumption about the shape; only the
  neighbourhood of c0 matters in a cell);
* "Electrolyte diffusivity [m2.s-1]" from the Nernst-Einstein relation of an ideal
  binary electrolyte, ``D = 2 t+ (1 - t+) R T sigma / (F^2 c)`` (no measured salt
  diffusivity for these films).
"""

from __future__ import annotations

from sim.constants import FARADAY, GAS_CONSTANT
from sim.errors import ParameterError
from sim.expressions import exp

M_EO = 44.053e-3
"""Molar mass of an ethylene-oxide repeat unit C2H4O [kg.mol-1]."""
M_LITFSI = 287.09e-3
"""Molar mass of LiTFSI, LiN(SO2CF3)2 [kg.mol-1]."""


def concentration_factor(c, c0, c_max):
    """g(c)/g(c0) with ``g(c) = (c/c_max) exp(1 - c/c_max)``: 1 at c0, 0 at c = 0,
    maximum at c_max. Written as ``(c/c0) exp((c0 - c)/c_max)``."""
    return c / c0 * exp((c0 - c) / c_max)


def nernst_einstein_diffusivity(sigma, c, T, t_plus):
    """Salt diffusivity of an ideal binary electrolyte [m2.s-1]:
    ``2 t+ (1 - t+) R T sigma / (F^2 c)``."""
    return 2 * t_plus * (1 - t_plus) * GAS_CONSTANT * T * sigma / (FARADAY**2 * c)


def salt_concentration(eo_per_li, density):
    """LiTFSI concentration [mol.m-3] of PEO/LiTFSI with ``eo_per_li`` ethylene
    oxide units per Li and film density [kg.m-3] (volumes of the film)."""
    eo = float(eo_per_li)
    if not eo > 0:
        raise ParameterError(f"EO:Li ratio must be > 0, got {eo_per_li!r}")
    mass_per_mol_li = eo * M_EO + M_LITFSI  # kg of film per mol Li
    return float(density) / mass_per_mol_li


__all__ = [
    "M_EO",
    "M_LITFSI",
    "concentration_factor",
    "nernst_einstein_diffusivity",
    "salt_concentration",
]
