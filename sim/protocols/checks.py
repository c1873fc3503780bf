"""Checks a protocol runs on its own settings when it is constructed.

Numbers may be Python or numpy scalars; booleans are refused where a number is
expected (``cycles=True`` is a mistake, not one cycle). Every count has an upper
bound, so a slip of the keyboard (``cycles=10**9``, ``points_per_decade=10**9``)
is one clear :class:`ProtocolError`, not an hour of solving or a MemoryError.
"""

from __future__ import annotations

import math
import numbers

from sim.errors import ProtocolError

MAX_POINTS = 100_000
"""Largest number of output points per step, sweep or decade a protocol accepts."""

MAX_CYCLES = 100_000
"""Largest number of cycles a protocol accepts."""


def real(what, value, *, low=0.0, high=math.inf, low_open=True, high_open=False):
    """``value`` as a float in the interval, or ProtocolError.

    The interval is ``(low, high]`` by default (``low_open``/``high_open`` set
    which ends are excluded); infinite and NaN values are always refused.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ProtocolError(f"{what} = {value!r}: must be a number")
    v = float(value)
    below = v <= low if low_open else v < low
    above = v >= high if high_open else v > high
    if not math.isfinite(v) or below or above:
        lo = f"{'>' if low_open else '>='} {low:g}"
        hi = "" if math.isinf(high) else f" and {'<' if high_open else '<='} {high:g}"
        raise ProtocolError(f"{what} = {value!r}: must be a finite number {lo}{hi}")
    return v


def integer(what, value, *, low=1, high=MAX_CYCLES):
    """``value`` as an int in ``[low, high]``, or ProtocolError (bools refused)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ProtocolError(f"{what} = {value!r}: must be an integer in {low}..{high}")
    v = int(value)
    if not low <= v <= high:
        raise ProtocolError(f"{what} = {value!r}: must be an integer in {low}..{high}")
    return v


def potential(what, value):
    """A finite potential [V] (any sign), as a float, or ProtocolError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ProtocolError(f"{what} = {value!r}: must be a finite potential in V")
    if not math.isfinite(float(value)):
        raise ProtocolError(f"{what} = {value!r}: must be a finite potential in V")
    return float(value)


def choice(what, value, allowed):
    """``value`` if it is one of ``allowed``, else ProtocolError naming them."""
    if value not in allowed:
        raise ProtocolError(f"{what} = {value!r}: must be one of {list(allowed)}")
    return value


def setattrs(obj, **values):
    """Store normalised values on a frozen dataclass (inside ``__post_init__``)."""
    for name, value in values.items():
        object.__setattr__(obj, name, value)
