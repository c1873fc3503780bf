"""Large volume change of alloying Sb and how a porous electrode takes it up.

Molar volume. Sodiating Sb to Na3Sb multiplies its volume by ~3.9 (the paper's
"~390 %" is the final/initial ratio). The molar volume per mole of Sb is
interpolated *piecewise linearly in x* (Na per Sb) through three known phases::

    x = 0  Sb      V_Sb    = M_Sb / rho_Sb      (18.2 cm3/mol)
    x = 1  NaSb    V_NaSb                         (~35.9 cm3/mol Sb)
    x = 3  Na3Sb   V_Na3Sb                        (~71.0 cm3/mol Sb; hexagonal,
                                                  a = 5.366, c = 9.515 A, Z = 2)

i.e. Vegard-like mixing between neighbouring phases (the partial molar volume of Na,
~17.6 cm3/mol, is nearly constant, so the kink at x = 1 is mild). The volume ratio
``v(x) = V(x) / V_Sb`` drives everything else; this is a finite (not small-strain)
description: nothing is linearised in v - 1.

Buffer. The electrode is described on its pristine (reference) configuration. Per
unit reference volume the Sb expansion is ``dV = eps_Sb0 (v - 1)``. The carbon
framework's internal pores (volume ``b`` per unit reference electrode volume) take
it up first; the part they cannot take pushes the grains apart and thickens the
electrode::

    absorbed = smin(dV, b)            (electrolyte-filled pores lost)
    excess   = dV - absorbed          (goes into thickness)
    lambda   = 1 + excess             (local stretch dx/dX; uniaxial, since the
                                       current collector fixes the in-plane size)

Current-configuration fractions follow by dividing reference volumes by lambda:
``eps_e = (eps_e0 - absorbed)/lambda``, ``eps_Sb = eps_Sb0 v / lambda``, ... and they
still sum to one. The Sb particle radius is ``R0 v^(1/3)``, its surface per
reference volume ``3 eps_Sb0 v^(2/3) / R0``. Thickness is ``L = int lambda dX``.

Rate-dependent buffering (optional, ``tau_b > 0``): the pores are filled by plastic
flow of the soft, amorphous NaxSb phase, which is strain-rate sensitive (Pharr, Suo,
Vlassak, J. Power Sources 270 (2014) 569 for lithiated Si). The absorbed volume then
relaxes towards its equilibrium value with a time ``tau_b`` instead of following it
instantly; it can never exceed the expansion itself. At slow rates the buffer keeps
up, at fast rates part of the expansion is transiently unbuffered.

Damage. Expansion the buffer does not take strains the electrode's network; the
fraction of Sb that stays electronically connected decays in proportion to the
unbuffered volumetric strain swept (loss of active material)::

    ds/dt = -beta s |d excess / dt|

``beta`` is the fraction of the remaining Sb isolated per unit unbuffered volumetric
strain swept. In a Na half cell this, not Na-consuming SEI regrowth, is what fades
capacity: the Na metal counter electrode is an unlimited Na source, so lost sodium
lowers coulombic efficiency, not capacity.
"""

from __future__ import annotations

import numpy as np
import pybamm


def _is_symbol(*xs):
    return any(isinstance(x, pybamm.Symbol) for x in xs)


def smooth_min(a, b, scale):
    """min(a, b), smoothed over ``scale`` (same units as a, b)."""
    if _is_symbol(a, b):
        return (a + b - pybamm.sqrt((a - b) ** 2 + scale**2)) / 2
    return (a + b - np.sqrt((a - b) ** 2 + scale**2)) / 2


def molar_volume_ratio(x, V_Sb, V_NaSb, V_Na3Sb):
    """v(x) = V(x)/V_Sb, piecewise linear in x through Sb (0), NaSb (1), Na3Sb (3)."""
    if _is_symbol(x):
        lo = pybamm.minimum(x, 1)
        hi = pybamm.maximum(x - 1, 0)
    else:
        lo = np.minimum(x, 1)
        hi = np.maximum(x - 1, 0)
    V = V_Sb + (V_NaSb - V_Sb) * lo + (V_Na3Sb - V_NaSb) / 2 * hi
    return V / V_Sb


def quasi_static_swelling(eps_Sb0, v, b, eps_e0):
    """The buffer arithmetic above for a buffer that keeps up (``tau_b`` -> 0)
    and a sharp minimum: numbers in, ``(absorbed, excess, eps_e)`` out, i.e. the
    pore volume the Sb took, the relative thickness change ``excess`` and the
    electrolyte-filled porosity ``(eps_e0 - absorbed) / (1 + excess)``, all per
    unit pristine electrode volume. A hand estimate to hold the model against."""
    dV = eps_Sb0 * (np.asarray(v, dtype=float) - 1)
    absorbed = np.minimum(dV, b)
    excess = dV - absorbed
    return absorbed, excess, (eps_e0 - absorbed) / (1 + excess)


def thickness_change_no_buffer(eps_Sb0, v):
    """Analytic relative thickness change of a uniformly sodiated electrode with no
    buffer: every bit of Sb expansion goes into thickness, dL/L0 = eps_Sb0 (v - 1)."""
    return eps_Sb0 * (v - 1)
