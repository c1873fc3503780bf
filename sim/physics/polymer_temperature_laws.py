"""Temperature laws of polymer electrolytes (numbers, NumPy arrays and PyBaMM
symbols alike).

* **VTF** for the polymer matrix, whose ions move with the segmental motion of the
  chains (H. Vogel 1921, G. S. Fulcher 1925, G. Tammann & W. Hesse 1926; for polymer
  electrolytes M. A. Ratner, in Polymer Electrolyte Reviews 1, Elsevier 1987)::

      sigma_p = A T^(-1/2) exp(-B / (T - T0)),   T0 = Tg - dT

  T0 (the temperature at which segmental motion would freeze) is tied to the glass
  transition measured by DSC, T0 ~ Tg - 50 K being the usual finding (C. A. Angell,
  Chem. Rev. 90 (1990) 523; Ratner 1987). Fillers that lower Tg (less crystalline,
  more mobile polymer) enter through T0 (the Cheng2023 sets: Tg falls with the
  crystallinity the filler suppresses, :mod:`sim.physics.polymer_crystallinity`;
  :func:`glass_transition_temperature` is the older linear law in a shell share).
  The apparent (pseudo-)activation energy of a VTF law,
  ``E(T) = k_B (B T^2/(T - T0)^2 - T/2)``, falls with temperature.
* **Arrhenius** for an interfacial shell of its own law (ion hopping along a
  filler surface; not used by the Cheng2023 sets, whose shells are amorphous
  polymer):
  ``sigma_s = sigma_s,ref exp(-Ea/k_B (1/T - 1/T_ref))``.
"""

from __future__ import annotations

import numpy as np

from sim.constants import BOLTZMANN_EV
from sim.errors import ParameterError
from sim.expressions import exp, is_symbol, log, sqrt


def check_above_vogel(T, T0):
    """Raise ParameterError unless every temperature lies above T0 (numbers only;
    PyBaMM symbols are not checked)."""
    if is_symbol(T, T0):
        return
    t = np.asarray(T, dtype=float)
    if not np.all(np.isfinite(t)):
        raise ParameterError("temperature must be finite")
    if np.any(t <= T0):
        raise ParameterError(
            f"temperature {float(np.min(t)):.2f} K is at or below the VTF "
            f"temperature T0 = {float(T0):.2f} K; the VTF law holds only above T0 "
            "(above ~Tg - 50 K)"
        )


def vtf_log_conductivity(T, prefactor, pseudo_activation_temperature, T0):
    """ln of :func:`vtf_conductivity` (finite where the conductivity underflows).

    Raises:
        ParameterError: If a numeric temperature is at or below T0.
    """
    check_above_vogel(T, T0)
    return log(prefactor) - 0.5 * log(T) - pseudo_activation_temperature / (T - T0)


def vtf_conductivity(T, prefactor, pseudo_activation_temperature, T0):
    """VTF conductivity ``A T^(-1/2) exp(-B / (T - T0))`` [S.m-1 if A in
    S.m-1.K0.5].

    Raises:
        ParameterError: If a numeric temperature is at or below T0.
    """
    check_above_vogel(T, T0)
    return prefactor / sqrt(T) * exp(-pseudo_activation_temperature / (T - T0))


def arrhenius_conductivity(T, sigma_ref, activation_energy, T_ref):
    """Arrhenius conductivity ``sigma_ref exp(-Ea/k_B (1/T - 1/T_ref))``; Ea in eV."""
    if not is_symbol(T):
        t = np.asarray(T, dtype=float)
        if np.any(~np.isfinite(t)) or np.any(t <= 0):
            raise ParameterError("temperature must be finite and > 0 K")
    return sigma_ref * exp(-activation_energy / BOLTZMANN_EV * (1 / T - 1 / T_ref))


def vtf_pseudo_activation_energy(T, pseudo_activation_temperature, T0):
    """Local apparent activation energy of the VTF law, -k_B d ln(sigma)/d(1/T)
    [eV]: ``k_B (B T^2/(T - T0)^2 - T/2)``."""
    check_above_vogel(T, T0)
    B = pseudo_activation_temperature
    return BOLTZMANN_EV * (B * T**2 / (T - T0) ** 2 - T / 2)


def glass_transition_temperature(tg_polymer, shift_full_coverage, interfacial_fraction):
    """Tg of the composite [K]: the polymer's, moved by ``shift_full_coverage`` in
    proportion to the share of polymer in interfacial shells."""
    return tg_polymer + shift_full_coverage * interfacial_fraction


def vtf_parameters_from_arrhenius(
    sigma_at, T_at, activation_energy, T0, fit_temperatures
):
    """VTF (A, B) with a given T0 such that sigma(T_at) = sigma_at and the
    Arrhenius fit over ``fit_temperatures`` returns ``activation_energy`` [eV].

    The Arrhenius slope of ln(sigma) against 1/T does not depend on A, so B is
    found first (one root), then A. Used to turn a reported (sigma, Ea) pair into
    a VTF law.
    """
    from scipy.optimize import brentq

    from sim.analysis.arrhenius import arrhenius_fit

    T = np.asarray(fit_temperatures, dtype=float)

    def excess(B):
        line = arrhenius_fit(T, vtf_conductivity(T, 1.0, B, T0), activated=False)
        return line.activation_energy - activation_energy

    B = brentq(excess, 1.0, 2.0e4, xtol=1e-10)
    A = sigma_at / vtf_conductivity(T_at, 1.0, B, T0)
    return float(A), float(B)


__all__ = [
    "arrhenius_conductivity",
    "check_above_vogel",
    "glass_transition_temperature",
    "vtf_conductivity",
    "vtf_log_conductivity",
    "vtf_parameters_from_arrhenius",
    "vtf_pseudo_activation_energy",
]
