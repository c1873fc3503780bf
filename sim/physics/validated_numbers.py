"""Plain-number checks for physics inputs: one ParameterError naming the
quantity, its unit and what is allowed."""

from __future__ import annotations

import math

from sim.errors import ParameterError


def finite(value, name, unit):
    """Float of ``value``; ParameterError naming it if not a finite number."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ParameterError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(x):
        raise ParameterError(f"{name} must be finite, got {value!r} {unit}".strip())
    return x


def positive(value, name, unit):
    x = finite(value, name, unit)
    if x <= 0:
        raise ParameterError(f"{name} must be > 0 {unit}, got {x:g}".rstrip())
    return x


def nonnegative(value, name, unit):
    x = finite(value, name, unit)
    if x < 0:
        raise ParameterError(f"{name} must be >= 0 {unit}, got {x:g}".rstrip())
    return x


__all__ = ["finite", "nonnegative", "positive"]
