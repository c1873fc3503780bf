"""Physical constants, in SI units (CODATA 2018 exact values where defined).

One definition for the whole package: models use the PyBaMM scalars below, plain
NumPy code the floats. They are the same numbers as ``pybamm.constants``.
"""

FARADAY = 96485.33212
"""Faraday constant [C.mol-1]."""

GAS_CONSTANT = 8.314462618
"""Molar gas constant [J.mol-1.K-1]."""

BOLTZMANN_EV = 8.617333262e-5
"""Boltzmann constant [eV.K-1]."""

ZERO_CELSIUS = 273.15
"""0 degC in kelvin."""

__all__ = ["BOLTZMANN_EV", "FARADAY", "GAS_CONSTANT", "ZERO_CELSIUS"]
