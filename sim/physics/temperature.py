"""Temperature dependence of rate constants and transport properties.

Thermally activated quantities follow Arrhenius' law about a reference
temperature T_ref at which their values are given::

    k(T) = k(T_ref) exp(Ea / R (1 / T_ref - 1 / T))

(e.g. Ecker et al., J. Electrochem. Soc. 162 (2015) A1836, and PyBaMM's own
parameter sets). With T = T_ref every factor is exactly 1, so results at the
reference temperature do not move. Works on numbers and PyBaMM expressions.
"""

from __future__ import annotations

from sim.constants import GAS_CONSTANT, ZERO_CELSIUS
from sim.errors import ParameterError
from sim.expressions import exp

REFERENCE_TEMPERATURE = 298.15
"""[K], 25 C: the temperature the parameter values are given at."""


def arrhenius(activation_energy, T, T_ref=REFERENCE_TEMPERATURE):
    """exp(Ea/R (1/T_ref - 1/T)): the factor a quantity given at ``T_ref`` [K]
    gains at ``T`` [K] for an activation energy ``Ea`` [J.mol-1]."""
    return exp(activation_energy / GAS_CONSTANT * (1 / T_ref - 1 / T))


def check_temperature(T, low, high, what):
    """Refuse a temperature [K] outside [low, high] K with a message naming
    ``what`` (e.g. the electrolyte) and the range in C and K."""
    if not low <= T <= high:
        raise ParameterError(
            f"temperature {T} K is outside the range {what} is meant for: "
            f"{low - ZERO_CELSIUS:g} to {high - ZERO_CELSIUS:g} C "
            f"({low:g} to {high:g} K); give the temperature in kelvin"
        )
