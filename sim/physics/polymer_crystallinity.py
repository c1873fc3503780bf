"""Semicrystalline PEO: the crystalline volume fraction of the polymer, how it melts
and how filler surface suppresses it, what it does to the glass transition, and the
effective medium of insulating crystallites in the amorphous electrolyte.

Numbers, NumPy arrays and PyBaMM symbols alike (through :mod:`sim.expressions`).

* **Crystalline fraction** of the bulk polymer (outside the filler shells)::

      x_c(T) = x_max exp(-S delta) m(T),   m(T) = 1 / (1 + exp((T - T_m) / w))

  ``x_max`` is the crystalline volume fraction of the unfilled film below melting,
  ``m(T)`` the share not yet melted (a logistic melting curve centred at T_m with
  width w; 10-90 % over ``2 ln 9 w``), and ``exp(-S delta)`` the share of the
  polymer farther than ``delta`` from every filler surface: with S the dispersed
  filler's surface area per unit polymer volume and surfaces placed at random
  (Poisson, as the shells of :mod:`sim.physics.filler_microstructure`), the
  volume within ``delta`` of a surface is ``1 - exp(-S delta)`` in the thin-layer
  limit. Polymer within ``delta`` of a filler does not crystallize (the surface
  hinders lamellar growth and spherulite nucleation: the reading of Cheng2023's
  XRD, Fig. 3a, weaker PEO peaks, most for the cluster chains with the largest
  surface). Bundled filler has lost its surface (its interface is internal).
* **Glass transition**: the amorphous phase of a semicrystalline polymer is
  constrained by the crystals, and its Tg rises with crystallinity (rigid
  amorphous fraction; B. Wunderlich, Prog. Polym. Sci. 28 (2003) 383); Cheng2023
  reads its DSC Tg drop as reduced crystallinity (Fig. 3b). Linear law, measured
  from the unfilled film::

      Tg = Tg_unfilled - k (x_max - x_film),   x_film = x_max exp(-S delta)

  with ``x_film`` the crystallinity the DSC scan sees (below melting).
* **Insulating crystallites in the amorphous electrolyte**: Bruggeman's symmetric
  medium of an insulating sphere phase (fraction x) and a conducting one gives
  exactly ``sigma = sigma_a (1 - 3 x / 2)`` (zero above x = 2/3, where the
  amorphous phase stops percolating); :func:`crystallite_blocking_factor`. The
  filled film is then a two-level medium: amorphous + crystallites make the bulk
  polymer, and the bulk polymer, the coated fillers (their shells amorphous) and
  the bundles make the film (:mod:`sim.physics.effective_medium`). With x = 0 it
  is the two-phase composite; with no filler, the Bruggeman result above.
"""

from __future__ import annotations

import numpy as np

from sim.errors import ParameterError
from sim.expressions import exp, is_symbol

PERCOLATION_OF_AMORPHOUS = 2.0 / 3.0
"""Crystalline (insulating sphere) fraction at which Bruggeman's amorphous phase
stops percolating."""
BLOCKING_FLOOR = 1e-12
"""Smallest blocking factor returned (keeps logarithms finite)."""


def unmelted_share(T, melting_temperature, melting_width):
    """m(T) = 1 / (1 + exp((T - T_m)/w)): share of the crystals not yet melted."""
    if not is_symbol(T, melting_temperature, melting_width):
        if not float(melting_width) > 0:
            raise ParameterError(
                f"crystal melting width must be > 0 K, got {melting_width!r}"
            )
        z = (np.asarray(T, dtype=float) - melting_temperature) / melting_width
        out = 0.5 * (1 - np.tanh(0.5 * z))  # = logistic, no overflow
        return float(out) if np.ndim(out) == 0 else out
    return 1 / (1 + exp((T - melting_temperature) / melting_width))


def suppressed_share(area_per_volume, suppression_length):
    """exp(-S delta): share of the polymer left free to crystallize by the filler
    surface (S [m-1] per unit polymer volume, delta [m])."""
    s = float(area_per_volume)
    d = float(suppression_length)
    if s < 0 or d < 0:
        raise ParameterError(
            "filler surface per volume and crystallinity suppression length must be "
            f">= 0, got {s:g} m-1 and {d:g} m"
        )
    return float(np.exp(-s * d))


def film_crystallinity(max_fraction, area_per_volume, suppression_length):
    """x_film = x_max exp(-S delta): crystalline fraction of the bulk polymer below
    melting (what DSC and XRD at room temperature see)."""
    x = float(max_fraction)
    if not 0 <= x < PERCOLATION_OF_AMORPHOUS:
        raise ParameterError(
            "crystalline volume fraction must be in [0, 2/3) (at 2/3 insulating "
            f"crystallites stop the amorphous phase percolating), got {x:g}"
        )
    return x * suppressed_share(area_per_volume, suppression_length)


def crystalline_fraction(T, film_fraction, melting_temperature, melting_width):
    """x_c(T) = x_film m(T) [-]."""
    return film_fraction * unmelted_share(T, melting_temperature, melting_width)


def crystallite_blocking_factor(x):
    """sigma_bulk / sigma_amorphous = 1 - 3x/2 (Bruggeman, insulating spheres),
    floored at :data:`BLOCKING_FLOOR`."""
    if is_symbol(x):
        import pybamm

        return pybamm.maximum(1 - 1.5 * x, BLOCKING_FLOOR)
    out = np.maximum(1 - 1.5 * np.asarray(x, dtype=float), BLOCKING_FLOOR)
    return float(out) if np.ndim(out) == 0 else out


def crystallinity_glass_transition(tg_unfilled, rise, max_fraction, film_fraction):
    """Tg of a film [K]: ``Tg_unfilled - k (x_max - x_film)``."""
    return tg_unfilled - rise * (max_fraction - film_fraction)


def filler_surface_per_polymer_volume(micro, core_diameter) -> float:
    """S [m-1]: lateral surface of the dispersed cores (4/d per core volume; end
    caps neglected, L >> d) per unit volume of everything but the cores."""
    if micro is None or micro.core_fraction == 0:
        return 0.0
    return 4 * micro.dispersed_core_fraction / core_diameter / (1 - micro.core_fraction)


__all__ = [
    "BLOCKING_FLOOR",
    "PERCOLATION_OF_AMORPHOUS",
    "crystalline_fraction",
    "crystallinity_glass_transition",
    "crystallite_blocking_factor",
    "film_crystallinity",
    "filler_surface_per_polymer_volume",
    "suppressed_share",
    "unmelted_share",
]
