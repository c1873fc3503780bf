"""A number or claim reported in a paper next to its simulated counterpart.

:class:`Comparison` holds one row of the reported-vs-simulated table: the
reported value, the simulated one, a tolerance (absolute, relative, a factor,
or none for a qualitative claim) and the row's *basis* (:data:`BASES`): a row
is "predicted" only if the simulation was told neither that number nor
anything fitted to it.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from sim.errors import DataError

COMPARISON_COLUMNS = (
    "experiment",
    "quantity",
    "reported",
    "simulated",
    "unit",
    "tolerance",
    "pass",
    "basis",
    "source",
)
"""Columns of ``comparison.csv`` and of the table in ``comparison.md``."""

BASES = {
    "predicted": "the simulation was not told this number",
    "fitted": "a parameter was fitted to this number (alone or with others)",
    "input": "the number is a parameter of the model, read back by a simulated "
    "measurement (checks the measurement chain, not the physics)",
    "check": "a consistency check (between reported numbers, or of the simulation "
    "against itself), not a reproduction",
}
"""What a comparison row's agreement means; the summary counts predictions apart."""

_RELATIVE = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*%\s*$")
_FACTOR = re.compile(r"^\s*x\s*(\d+(?:\.\d*)?|\.\d+)\s*$")


def _is_number(value: Any) -> bool:
    """Return True for real numbers (including NumPy scalars), False for bools."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _is_bool(value: Any) -> bool:
    """Return True for Python and NumPy booleans."""
    return isinstance(value, bool | np.bool_)


def _fmt(value: Any) -> str:
    """Format a reported or simulated value for the comparison tables."""
    if _is_bool(value):
        return "true" if value else "false"
    if _is_number(value):
        return f"{float(value):.4g}"
    return str(value)


@dataclass
class Comparison:
    """A number or claim reported in a paper next to its simulated counterpart.

    Attributes:
        quantity: What is compared, e.g. ``"capacity after 5 cycles"``.
        reported: The paper's number, or for a qualitative claim a string
            describing the claim.
        simulated: The simulated number; for a claim a bool (whether the
            simulation shows it) or a string that must equal ``reported``
            (case-insensitive).
        unit: Unit of ``reported``/``simulated``; ``"-"`` if dimensionless.
        tolerance: Absolute tolerance in ``unit`` (float), relative tolerance
            as a string like ``"10%"`` (of ``reported``), a factor as a string
            like ``"x1.5"`` (``reported/1.5 <= simulated <= 1.5 reported``, for
            quantities known only to their order of magnitude), or None for a
            claim.
        source: Where in the paper the reported value is, e.g. ``"Fig. 5a"``.
        experiment: Name of the experiment; set by :func:`run`.
        basis: One of :data:`BASES`: ``"predicted"`` (default), ``"fitted"``,
            ``"input"`` or ``"check"``.

    Raises:
        ValueError: On an invalid tolerance, or a numeric tolerance with a
            non-numeric reported value (programming errors).
    """

    quantity: str
    reported: Any
    simulated: Any
    unit: str
    tolerance: float | str | None
    source: str
    experiment: str = ""
    basis: str = "predicted"

    def __post_init__(self) -> None:
        """Check the basis, and that the tolerance fits the kind of comparison."""
        if self.basis not in BASES:
            raise ValueError(
                f"basis {self.basis!r} of {self.quantity!r}: must be one of "
                f"{sorted(BASES)}"
            )
        tol = self.tolerance
        if tol is None:
            if not (_is_bool(self.simulated) or isinstance(self.simulated, str)):
                raise ValueError(
                    f"claim {self.quantity!r} (tolerance None) needs a bool or str "
                    f"simulated value, got {self.simulated!r}"
                )
            return
        if isinstance(tol, str):
            factor = _FACTOR.match(tol)
            if not (_RELATIVE.match(tol) or (factor and float(factor.group(1)) >= 1)):
                raise ValueError(
                    f"tolerance {tol!r} of {self.quantity!r} is not like '10%' or "
                    "'x1.5' (a factor >= 1)"
                )
        elif not _is_number(tol) or not tol >= 0:
            raise ValueError(
                f"tolerance of {self.quantity!r} must be a number >= 0, "
                f"a string like '10%' or None, got {tol!r}"
            )
        if not _is_number(self.reported):
            raise ValueError(
                f"{self.quantity!r} has a numeric tolerance but reported value "
                f"{self.reported!r} is not a number"
            )

    @property
    def passed(self) -> bool:
        """Whether the simulation reproduces the reported value or claim."""
        if self.tolerance is None:
            if isinstance(self.simulated, str):
                return (
                    self.simulated.strip().lower() == str(self.reported).strip().lower()
                )
            return bool(self.simulated)
        if not _is_number(self.simulated) or not math.isfinite(float(self.simulated)):
            return False
        error = abs(float(self.simulated) - float(self.reported))
        factor = isinstance(self.tolerance, str) and _FACTOR.match(self.tolerance)
        if factor:
            k, ref, sim = (
                float(factor.group(1)),
                float(self.reported),
                float(self.simulated),
            )
            if ref <= 0 or sim <= 0:
                return False
            return ref / k <= sim <= ref * k
        if isinstance(self.tolerance, str):
            fraction = float(_RELATIVE.match(self.tolerance).group(1)) / 100
            return error <= fraction * abs(float(self.reported))
        return error <= float(self.tolerance)

    def tolerance_text(self) -> str:
        """Return the tolerance as ``"±0.05"``, ``"±10%"`` or ``"claim"``."""
        if self.tolerance is None:
            return "claim"
        if isinstance(self.tolerance, str):
            text = self.tolerance.strip().replace(" ", "")
            return f"×/÷{text[1:]}" if _FACTOR.match(text) else "±" + text
        return f"±{float(self.tolerance):.4g}"

    def as_row(self) -> dict[str, str]:
        """Return the comparison as strings keyed by :data:`COMPARISON_COLUMNS`.

        ``pass`` is ``"yes"`` or ``"no"``.
        """
        return {
            "experiment": self.experiment,
            "quantity": self.quantity,
            "reported": _fmt(self.reported),
            "simulated": _fmt(self.simulated),
            "unit": self.unit,
            "tolerance": self.tolerance_text(),
            "pass": "yes" if self.passed else "no",
            "basis": self.basis,
            "source": self.source,
        }


def claim_at_every(
    quantity: str,
    reported: str,
    outcomes: Sequence[bool],
    over: str,
    source: str,
    basis: str = "predicted",
) -> Comparison:
    """A claim "... at every <over>" from one outcome per case: passes if all hold,
    and says how many did in its quantity (``"(true at 3 of 4 states)"``).

    Raises:
        DataError: If there are no cases: a claim over nothing is neither true
            nor false, and must not appear as a row (``all([])`` is True).
    """
    outcomes = [bool(o) for o in outcomes]
    if not outcomes:
        raise DataError(
            f"claim {quantity!r} has no {over} to compare: a comparison with no "
            "data is not a row"
        )
    return Comparison(
        f"{quantity} (true at {sum(outcomes)} of {len(outcomes)} {over})",
        reported,
        all(outcomes),
        "-",
        None,
        source,
        basis=basis,
    )


def summary_line(comparisons: Sequence[Comparison]) -> str:
    """Return ``"N of M reported numbers reproduced within tolerance (K of P
    predictions)"``: the rows whose basis is ``"predicted"`` are counted apart,
    since agreement with a fitted or input number says less."""
    n_pass = sum(c.passed for c in comparisons)
    predicted = [c for c in comparisons if c.basis == "predicted"]
    k = sum(c.passed for c in predicted)
    return (
        f"{n_pass} of {len(comparisons)} reported numbers reproduced within tolerance"
        f" ({k} of {len(predicted)} predictions)"
    )


def summary_of_rows(rows: Sequence[Mapping[str, str]]) -> str:
    """:func:`summary_line` for table rows (strings, as in ``comparison.csv``)."""
    n_pass = sum(r["pass"] == "yes" for r in rows)
    predicted = [r for r in rows if r["basis"] == "predicted"]
    k = sum(r["pass"] == "yes" for r in predicted)
    return (
        f"{n_pass} of {len(rows)} reported numbers reproduced within tolerance"
        f" ({k} of {len(predicted)} predictions)"
    )
