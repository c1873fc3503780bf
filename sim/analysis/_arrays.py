"""Input checks shared by the analysis functions (plain arrays from simulations or
measurements): one clear DataError for whatever makes the data unusable."""

from __future__ import annotations

import numpy as np

from sim.errors import DataError


def paired_arrays(x, y, names, min_points, what):
    """Two 1-D float arrays of equal length, at least ``min_points`` long, finite.

    names : the two quantities' names for messages, e.g. ("voltage", "current")
    what : what a record is, for the length message, e.g. "a CV sweep"
    """
    a = np.asarray(x, dtype=float)
    b = np.asarray(y, dtype=float)
    if a.ndim != 1 or a.shape != b.shape:
        raise DataError(
            f"{names[0]} and {names[1]} must be 1-D arrays of equal length, got "
            f"shapes {a.shape} and {b.shape}"
        )
    if a.size < min_points:
        raise DataError(f"{what} needs at least {min_points} points, got {a.size}")
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        raise DataError(f"{names[0]} and {names[1]} must be finite (found NaN or inf)")
    return a, b
