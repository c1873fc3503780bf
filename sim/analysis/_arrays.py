"""Input checks shared by the analysis functions (plain arrays from simulations or
measurements): one clear DataError for whatever makes the data unusable."""

from __future__ import annotations

import numpy as np

from sim.errors import DataError


def float_array(values, name):
    """``values`` as a 1-D float array; text or nested data is a DataError."""
    try:
        a = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise DataError(
            f"{name} must be numbers, got {type(values).__name__} that does not "
            "convert to floats (text in a data column?)"
        ) from None
    if a.ndim != 1:
        raise DataError(f"{name} must be a 1-D array, got shape {a.shape}")
    return a


def paired_arrays(x, y, names, min_points, what):
    """Two 1-D float arrays of equal length, at least ``min_points`` long, finite.

    names : the two quantities' names for messages, e.g. ("voltage", "current")
    what : what a record is, for the length message, e.g. "a CV sweep"
    """
    a = float_array(x, names[0])
    b = float_array(y, names[1])
    if a.shape != b.shape:
        raise DataError(
            f"{names[0]} and {names[1]} must be 1-D arrays of equal length, got "
            f"shapes {a.shape} and {b.shape}"
        )
    if a.size < min_points:
        raise DataError(f"{what} needs at least {min_points} points, got {a.size}")
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        raise DataError(f"{names[0]} and {names[1]} must be finite (found NaN or inf)")
    return a, b


def increasing_time(t, what):
    """Refuse a time axis that is not sorted (decreasing steps)."""
    if np.any(np.diff(t) < 0):
        raise DataError(f"time must not decrease in {what} (unsorted or reversed?)")


def whole_number(value, name, low, high=None):
    """An integer in [low, high] (numpy integers accepted, bools refused)."""
    ok = isinstance(value, int | np.integer) and not isinstance(value, bool)
    if not ok or value < low or (high is not None and value > high):
        upper = f" and <= {high}" if high is not None else ""
        raise DataError(f"{name} = {value!r}: must be an integer >= {low}{upper}")
    return int(value)
