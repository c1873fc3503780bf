"""Whether parameters can be solve-time inputs: the agreement check.

A parameter given as ``"[input]"`` is built once and set at solve time; a
parameter that sets the mesh, a tabulated start state or a value the parameter
set computes with at build time cannot be an input, and sometimes a build with
it as an input runs but computes something else (a derived value taken from
the placeholder, not from the input). So before a design study or a fit solves
as inputs, it solves one point both ways - every value fixed, and the
candidates as inputs - and keeps the inputs only if the outputs agree
(:func:`same`). A study compares its metrics at its first point
(:func:`sim.studies.evaluate.decide_inputs`), a fit its simulated curves at a
probe point away from the set's values, against the measurement's noise
(:func:`same_curve`,
:meth:`sim.fitting.simulator.ProtocolSimulator.decide_inputs`).
"""

from __future__ import annotations

import math

import numpy as np

PROBE_RTOL = 1e-3
"""Relative agreement required between the two builds. They differ only by the
solver's integration error (relative tolerance 1e-4 at most), so a difference
above 1e-3 is a different model, not noise."""


def same(a, b, rtol=PROBE_RTOL, atol=1e-12) -> bool:
    """Whether ``a`` (the input build's) agrees with ``b`` (the fixed build's):
    numbers within ``rtol`` of each other (both NaN agree); arrays of one shape
    within ``rtol`` times the largest magnitude of ``b``."""
    if np.ndim(a) == 0 and np.ndim(b) == 0:
        x, y = float(a), float(b)
        if math.isnan(x) and math.isnan(y):
            return True
        return math.isclose(x, y, rel_tol=rtol, abs_tol=atol)
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if x.shape != y.shape or not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        return False
    scale = float(np.max(np.abs(y))) if y.size else 0.0
    return bool(np.all(np.abs(x - y) <= rtol * scale + atol))


def same_curve(a, b, noise, weights=None, fraction=0.25, quantile=0.9) -> bool:
    """Whether two simulated curves of one measurement agree for fitting: at
    ``quantile`` of the compared samples (``weights`` > 0) within ``fraction``
    of the measurement's ``noise``. A quantile, not the maximum: the two builds
    reach a cut-off within the solver's tolerance of each other (2 s apart on a
    5 h Sb/C rate test, measured), which moves the few samples on the steep end
    of a step by many noise widths; a build that computes something else moves
    a large part of the curve."""
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if x.shape != y.shape or not np.all(np.isfinite(x)):
        return False
    d = np.abs(x - y)
    if weights is not None:
        d = d[np.asarray(weights) > 0]
    return bool(d.size == 0 or np.quantile(d, quantile) <= fraction * noise)


def largest_difference(a, b) -> float:
    """The largest difference of two curves relative to the second's largest
    magnitude (for the note that says why inputs were refused)."""
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if x.shape != y.shape:
        return math.inf
    scale = max(float(np.max(np.abs(y))) if y.size else 0.0, 1e-300)
    return float(np.max(np.abs(x - y)) / scale) if y.size else 0.0
