"""Validation rules for single parameter values, constraints linking several, and
value formatting.

A :class:`Rule` says in words what is allowed (used in error messages) and tests
a value; :data:`RULES` holds them by name, and a parameter module adds its own
with :func:`register_rule` (e.g. the temperature range its electrolyte is meant
for). A :class:`Constraint` links several parameters (e.g. mass fractions that
sum to at most 1).
"""

from __future__ import annotations

import difflib
import numbers
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sim.expressions import INPUT


@dataclass(frozen=True)
class Rule:
    """A validation rule for single parameter values.

    Attributes:
        description: Allowed range in words, used in error messages,
            e.g. ``"must be > 0"``.
        test: Returns True when a value is allowed. For numeric rules it is
            only called with finite real numbers.
        numeric: Whether the rule expects a real number. Numeric rules reject
            NaN, infinities and non-numbers before ``test`` is called.
    """

    description: str
    test: Callable[[Any], bool]
    numeric: bool = True


RULES: dict[str, Rule] = {
    "positive": Rule("must be > 0", lambda v: v > 0),
    "nonnegative": Rule("must be >= 0", lambda v: v >= 0),
    "fraction": Rule("must be in (0, 1)", lambda v: 0 < v < 1),
    "fraction_closed": Rule("must be in [0, 1]", lambda v: 0 <= v <= 1),
    "fraction_nonzero": Rule("must be in (0, 1]", lambda v: 0 < v <= 1),
    "temperature": Rule("must be in (0, 1000) K", lambda v: 0 < v < 1000),
    "any": Rule("must be a finite number", lambda v: True),
    "nonzero": Rule("must be a finite number other than 0", lambda v: v != 0),
    "callable": Rule("must be a function", callable, numeric=False),
    "text": Rule(
        "must be a non-empty string",
        lambda v: isinstance(v, str) and bool(v.strip()),
        numeric=False,
    ),
}
"""Validation rules by name. Extend with :func:`register_rule`."""


def register_rule(
    name: str, description: str, test: Callable[[Any], bool], numeric: bool = True
) -> None:
    """Add a validation rule usable as ``Param(..., check=name)``.

    Args:
        name: Rule name; must not already exist.
        description: Allowed range in words, e.g. ``"must be in (0, 2) V"``.
        test: Returns True when a value is allowed.
        numeric: Whether values must be finite real numbers.

    Raises:
        ValueError: If a rule with this name already exists.
    """
    if name in RULES:
        raise ValueError(f"validation rule {name!r} already exists")
    RULES[name] = Rule(description, test, numeric)


def _is_number(value: Any) -> bool:
    """Return True for real numbers (including NumPy scalars), False for bools."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def format_value(value: Any, precision: int = 6) -> str:
    """Format a parameter value for messages and tables.

    Numbers use ``precision`` significant digits, callables their function
    name, and anything else ``str``.
    """
    if _is_number(value):
        return f"{float(value):.{precision}g}"
    if callable(value):
        return getattr(value, "__name__", repr(value))
    return str(value)


def _suggest(name: str, candidates: Iterable[str]) -> str:
    """Return a 'did you mean' hint for an unknown name (may be empty)."""
    matches = difflib.get_close_matches(name, list(candidates), n=3, cutoff=0.5)
    if not matches:
        return ""
    return "; did you mean " + " or ".join(repr(m) for m in matches) + "?"


@dataclass(frozen=True)
class Constraint:
    """A condition linking several parameters.

    Attributes:
        description: The condition in words, e.g.
            ``"volume fractions sum to at most 1"``.
        names: Names of the parameters involved.
        check: Called with ``{name: value}`` for ``names``; returns True when
            the condition holds.
        explain: Optional; called with the same values when the condition is
            broken, returns what they imply in words (e.g. ``"T0 = 231.2 K"``),
            so the message is computed from the values being validated rather
            than fixed when the set was made.
    """

    description: str
    names: tuple[str, ...]
    check: Callable[[dict[str, Any]], bool]
    explain: Callable[[dict[str, Any]], str] | None = None


__all__ = ["INPUT", "RULES", "Constraint", "Rule", "format_value", "register_rule"]
