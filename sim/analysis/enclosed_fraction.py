"""The capacitive fraction as Fig. 5d-style plots shade it: the area the Dunn
capacitive current k1 v encloses over the area the CV encloses (see
:func:`enclosed_capacitive_fraction` for what that does and does not measure)."""

from __future__ import annotations

import numpy as np

from sim.errors import DataError


def positive_scan_rate(v):
    """``v`` as a float, or DataError unless it is finite and > 0."""
    v = float(v)
    if not (np.isfinite(v) and v > 0):
        raise DataError(f"the scan rate must be finite and > 0, got {v}")
    return v


def integral_up(grid, y):
    """Signed integral of y dV from the lowest to the highest potential."""
    grid = np.asarray(grid, dtype=float)
    order = np.argsort(grid)
    return float(np.trapezoid(np.asarray(y, dtype=float)[order], grid[order]))


def enclosed_capacitive_fraction(scan_rate, cathodic, anodic):
    """Capacitive fraction as Fig. 5d-style plots shade it: the area the k1 v curve
    encloses over the area the CV encloses,

        int (k1_an - k1_cat) v dV / int (i_an - i_cat) dV,

    each sweep on its own grid (signed: regions where k1 has the "wrong" sign
    cancel instead of adding). ``cathodic`` and ``anodic`` are (grid, current at
    this scan rate on that grid, Dunn fit of that sweep).

    What it measures: since i = k1 v + k2 v^1/2 fits the CVs, the enclosed area is
    the charge per cycle over the sweep time, and the fraction is close to
    Q_inf / Q(v), the charge per cycle extrapolated to infinite rate over the
    charge at v. It therefore reports how little the cycle's charge falls with
    scan rate, not which mechanism stores it.
    """
    v = positive_scan_rate(scan_rate)
    (gc, ic, dc), (ga, ia, da) = cathodic, anodic
    cap = integral_up(ga, da.capacitive_current(v)) - integral_up(
        gc, dc.capacitive_current(v)
    )
    tot = integral_up(ga, ia) - integral_up(gc, ic)
    if not np.isfinite(tot) or tot <= 0:
        raise DataError(
            "the CV encloses no positive area (anodic current must lie above the "
            "cathodic one): check the current sign (anodic positive) and the sweeps"
        )
    return cap / tot
