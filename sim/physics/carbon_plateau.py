"""Slow pore filling in the low-voltage plateau of a hard carbon.

Hard carbons store sodium in two regimes: a sloping region (defects and
interlayers, fast) and a plateau below ~0.1 V, where sodium fills closed micro-
and slit pores as quasi-metallic clusters (the late-plateau stage of Au et al.,
Energy Environ. Sci. 18 (2025) 7859). Filling the pores is slow: GITT studies
of hard carbons find the apparent Na diffusivity one to two orders of magnitude
lower in the plateau than on the slope (e.g. Bommier et al., Nano Lett. 15
(2015) 5888). Here that is one law for the carbon's diffusivity in its
stoichiometry theta, a smooth step from D on the slope to r D in the plateau::

    D(theta) = D (r + (1 - r) / (1 + exp((theta - theta_p) / WIDTH)))

theta_p is where the carbon's OCP enters its plateau. With r = 1 the carbon
diffuses with one D, PyBaMM's constant-diffusivity particle (a limiting case the
tests check against PyBaMM's DFN with this function as its diffusivity).
"""

from __future__ import annotations

import numpy as np
import pybamm

WIDTH = 0.03
"""[-] stoichiometry over which the diffusivity steps down (the plateau's onset
in the Chayambuka2022 OCP, 0.21 V at theta 0.3 to 0.11 V at 0.4, is this sharp)."""


def plateau_factor(theta, ratio, onset):
    """D(theta) / D: 1 on the slope, ``ratio`` deep in the plateau. Works on
    numbers, numpy arrays and PyBaMM expressions."""
    if isinstance(theta, pybamm.Symbol):
        slope = 1 / (1 + pybamm.exp((theta - onset) / WIDTH))
    else:
        slope = 1 / (1 + np.exp((np.asarray(theta, dtype=float) - onset) / WIDTH))
    return ratio + (1 - ratio) * slope
