"""Concentration polarization of a binary electrolyte between two lithium electrodes:
limiting current, Sand's time, and what the Bruce-Vincent method measures.

A binary salt in a film of thickness ``L`` between Li electrodes carries a current
density ``i``: cations are made at one electrode and consumed at the other, anions
are blocked. In concentrated-solution theory (Newman) the salt flux is
``N = -D grad c + t+ i / F`` and the current ``i = kappa (2 (1 - t+) chi RT/F grad
ln c - grad phi_e)`` (``phi_e`` measured by a Li reference electrode, ``chi`` the
thermodynamic factor), so blocked anions need ``grad c = -(1 - t+) i / (F D)``.

* **Limiting current** (steady state, constant ``D``, linear profile): the salt at
  the plating electrode reaches zero when ``(1 - t+) i L / (2 F D) = c0``::

      i_lim = 2 F D c0 / ((1 - t+) L)

* **Sand's time** (semi-infinite electrolyte, constant current; Sand 1901, Bard &
  Faulkner eq. 8.2.14 with the migration factor of a binary salt, Bai et al.,
  Energy Environ. Sci. 9 (2016) 3221)::

      t_Sand = pi D (F c0)^2 / (4 (i (1 - t+))^2)

  A finite film depletes only if ``i > i_lim``; then at about ``t_Sand`` when
  ``t_Sand << L^2 / D``.

* **Bruce-Vincent steady-state current fraction.** With a small voltage step
  ``dV`` and interfacial resistance ``R_i``, the steady state adds to the bulk
  resistance ``R_b = L / kappa`` the concentration polarization
  ``2 (1 - t+)^2 chi R T L / (F^2 D c0)`` (per unit area). The Bruce-Vincent
  number is therefore ::

      t_BV = I_ss R_b / (dV - I_ss R_i,ss) = 1 / (1 + N),
      N = 2 chi (1 - t+)^2 R T kappa / (F^2 D c0)

  For an ideal dilute solution, ``chi = 1`` and Nernst-Einstein
  ``kappa = F^2 c0 D / (2 R T t+ (1 - t+))``, ``N = (1 - t+) / t+`` and
  ``t_BV = t+``. Otherwise the Bruce-Vincent number is not the model's ``t+``
  (Balsara & Newman, J. Electrochem. Soc. 162 (2015) A2720).

All functions take floats or numpy arrays in SI units.
"""

from __future__ import annotations

import numpy as np

from sim.constants import FARADAY as F
from sim.constants import GAS_CONSTANT as R


def limiting_current_density(D, c0, t_plus, thickness):
    """Steady-state limiting current density [A.m-2] of a binary salt film between
    two Li electrodes (constant D): ``2 F D c0 / ((1 - t+) L)``."""
    return 2 * F * np.asarray(D) * c0 / ((1 - np.asarray(t_plus)) * thickness)


def sand_time(D, c0, t_plus, current_density):
    """Sand's time [s]: salt depletion at a planar electrode in a semi-infinite
    binary electrolyte under constant current density [A.m-2]."""
    i = np.asarray(current_density, dtype=float)
    return np.pi * np.asarray(D) * (F * c0) ** 2 / (4 * (i * (1 - t_plus)) ** 2)


def depletes(D, c0, t_plus, thickness, current_density, duration):
    """Whether a constant current for ``duration`` [s] empties the salt at the plating
    electrode of a film: needs ``i > i_lim`` and enough time. The time is estimated
    by Sand's formula (semi-infinite), a lower bound for a finite film. Returns
    ``(depletes, t_Sand)``."""
    i_lim = limiting_current_density(D, c0, t_plus, thickness)
    t_s = sand_time(D, c0, t_plus, current_density)
    return bool(current_density > i_lim and t_s < duration), float(t_s)


def concentration_polarization_number(kappa, D, c0, t_plus, chi, T):
    """``N = 2 chi (1 - t+)^2 R T kappa / (F^2 D c0)``: steady-state concentration
    polarization of a Li|electrolyte|Li cell in units of its bulk resistance."""
    return 2 * chi * (1 - t_plus) ** 2 * R * T * kappa / (F**2 * D * c0)


def bruce_vincent_expected(kappa, D, c0, t_plus, chi, T):
    """What a (small-step) Bruce-Vincent experiment returns for an electrolyte with
    these concentrated-solution properties: ``1 / (1 + N)``."""
    return 1 / (1 + concentration_polarization_number(kappa, D, c0, t_plus, chi, T))


def nernst_einstein_conductivity(D, c0, t_plus, T):
    """Conductivity [S.m-1] of an ideal dilute binary salt with salt diffusivity D and
    cation transference number t+: ``F^2 c0 D / (2 R T t+ (1 - t+))``."""
    return F**2 * c0 * D / (2 * R * T * t_plus * (1 - t_plus))


__all__ = [
    "bruce_vincent_expected",
    "concentration_polarization_number",
    "depletes",
    "limiting_current_density",
    "nernst_einstein_conductivity",
    "sand_time",
]
