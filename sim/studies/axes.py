"""One varied parameter of a design study (an axis of the design space).

An axis is read from a study file's ``[[parameters]]`` table in one of three
forms:

    {name = "...", values = [1e-9, 5e-9, 1e-8]}                # a list
    {name = "...", range = [1e-9, 1e-7], points = 5, scale = "log"}  # a range
    {name = "...", distribution = "loguniform", low = 1e-9, high = 1e-7}

``scale`` is ``"linear"`` (default) or ``"log"``. ``also = ["..."]`` gives the
same value to further parameters that stand for one physical quantity (e.g. the
grain radius of SbQD@C is both "Carbon particle radius [m]" and "Sb diffusion
length [m]"). A distribution is
``"uniform"``/``"loguniform"`` (``low``, ``high``) or ``"normal"`` (``mean``,
``std``, optional ``low``/``high`` truncation). Every axis knows its bounds and
its scale, so a sampler maps a unit-cube coordinate u in [0, 1] to a value
(:meth:`Axis.from_unit`) and a sensitivity analysis works in the same
coordinates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sim.errors import SimError


class StudyError(SimError):
    """A study file (or study object) is invalid: what is wrong, what is allowed."""


SCALES = ("linear", "log")
DISTRIBUTIONS = ("uniform", "loguniform", "normal")


@dataclass(frozen=True)
class Axis:
    """A varied parameter.

    Attributes:
        name: The parameter's name in the parameter set (with its unit).
        values: The listed values (a values list or a range with points), or
            None for a distribution.
        low, high: Bounds of the values (for a normal distribution: the
            truncation bounds, mean -/+ 4 std by default).
        scale: ``"linear"`` or ``"log"`` (how a sampler spreads points).
        distribution: None, ``"uniform"``, ``"loguniform"`` or ``"normal"``.
        mean, std: Of a normal distribution.
        also: Further parameter names that take the same value.
    """

    name: str
    values: tuple | None
    low: float
    high: float
    scale: str = "linear"
    distribution: str | None = None
    mean: float | None = None
    std: float | None = None
    also: tuple = ()

    @property
    def is_list(self) -> bool:
        """True for a values list or a range (a grid can use it as it is)."""
        return self.values is not None

    def from_unit(self, u: float) -> float:
        """The value at unit-cube coordinate ``u`` in [0, 1] (log axes and
        log-uniform distributions in log space; a normal distribution by its
        truncated inverse CDF; a values list by nearest listed value)."""
        u = min(max(float(u), 0.0), 1.0)
        if self.distribution == "normal":
            from scipy.stats import norm

            lo = norm.cdf(self.low, self.mean, self.std)
            hi = norm.cdf(self.high, self.mean, self.std)
            return float(norm.ppf(lo + u * (hi - lo), self.mean, self.std))
        if (
            self.values is not None
            and self.distribution is None
            and not _numeric(self.values)
        ):
            return self.values[min(int(u * len(self.values)), len(self.values) - 1)]
        if self.scale == "log" or self.distribution == "loguniform":
            return math.exp(math.log(self.low) + u * math.log(self.high / self.low))
        return self.low + u * (self.high - self.low)


def _numeric(values) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)


def _number(name, key, value) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise StudyError(f"parameter {name!r}: {key} = {value!r} must be a number")
    if not math.isfinite(value):
        raise StudyError(f"parameter {name!r}: {key} = {value!r} must be finite")
    return float(value)


def axis_from_table(table) -> Axis:
    """An :class:`Axis` from one ``[[parameters]]`` table of a study file."""
    from dataclasses import replace

    if isinstance(table, dict) and "also" in table:
        also = table["also"]
        if not isinstance(also, list) or not all(
            isinstance(a, str) and a.strip() for a in also
        ):
            raise StudyError(
                f"parameter {table.get('name')!r}: also must be a list of names"
            )
        rest = {k: v for k, v in table.items() if k != "also"}
        return replace(axis_from_table(rest), also=tuple(also))
    if not isinstance(table, dict):
        raise StudyError(f"[[parameters]] entries must be tables, got {table!r}")
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise StudyError(f"[[parameters]] entry {table!r} needs a name = '...'")
    forms = [k for k in ("values", "range", "distribution") if k in table]
    if len(forms) != 1:
        raise StudyError(
            f"parameter {name!r}: give exactly one of values = [...], "
            f"range = [low, high] (with points = N), or distribution = "
            f"{'/'.join(DISTRIBUTIONS)}; got {forms or 'none'}"
        )
    allowed = {
        "values": {"name", "values", "scale"},
        "range": {"name", "range", "points", "scale"},
        "distribution": {"name", "distribution", "low", "high", "mean", "std"},
    }[forms[0]]
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise StudyError(
            f"parameter {name!r}: unknown key(s) {unknown}; allowed with "
            f"{forms[0]}: {sorted(allowed)}"
        )
    scale = table.get("scale", "linear")
    if scale not in SCALES:
        raise StudyError(f"parameter {name!r}: scale = {scale!r}; allowed: {SCALES}")
    if forms[0] == "values":
        values = table["values"]
        if not isinstance(values, list) or not values:
            raise StudyError(f"parameter {name!r}: values must be a non-empty list")
        if _numeric(values):
            nums = [_number(name, "values", v) for v in values]
            if scale == "log" and min(nums) <= 0:
                raise StudyError(f"parameter {name!r}: log scale needs values > 0")
            return Axis(name, tuple(nums), min(nums), max(nums), scale)
        if not all(isinstance(v, str) for v in values):
            raise StudyError(
                f"parameter {name!r}: values must be all numbers or all strings"
            )
        return Axis(name, tuple(values), math.nan, math.nan, "linear")
    if forms[0] == "range":
        rng = table["range"]
        if not isinstance(rng, list) or len(rng) != 2:
            raise StudyError(f"parameter {name!r}: range must be [low, high]")
        low, high = (_number(name, "range", v) for v in rng)
        points = table.get("points")
        if isinstance(points, bool) or not isinstance(points, int) or points < 2:
            raise StudyError(
                f"parameter {name!r}: a range needs points = N (an integer >= 2)"
            )
        if not low < high:
            raise StudyError(f"parameter {name!r}: range needs low < high")
        if scale == "log":
            if low <= 0:
                raise StudyError(f"parameter {name!r}: log scale needs low > 0")
            r = math.log(high / low)
            values = [low * math.exp(r * k / (points - 1)) for k in range(points)]
        else:
            values = [low + (high - low) * k / (points - 1) for k in range(points)]
        values[-1] = high
        return Axis(name, tuple(values), low, high, scale)
    dist = table["distribution"]
    if dist not in DISTRIBUTIONS:
        raise StudyError(
            f"parameter {name!r}: distribution = {dist!r}; allowed: {DISTRIBUTIONS}"
        )
    if dist == "normal":
        for key in ("mean", "std"):
            if key not in table:
                raise StudyError(f"parameter {name!r}: a normal needs {key} = ...")
        mean = _number(name, "mean", table["mean"])
        std = _number(name, "std", table["std"])
        if std <= 0:
            raise StudyError(f"parameter {name!r}: std must be > 0")
        low = _number(name, "low", table.get("low", mean - 4 * std))
        high = _number(name, "high", table.get("high", mean + 4 * std))
        if not low < high:
            raise StudyError(f"parameter {name!r}: needs low < high")
        return Axis(name, None, low, high, "linear", dist, mean, std)
    for key in ("low", "high"):
        if key not in table:
            raise StudyError(f"parameter {name!r}: {dist} needs low and high")
    low, high = _number(name, "low", table["low"]), _number(name, "high", table["high"])
    if not low < high:
        raise StudyError(f"parameter {name!r}: needs low < high")
    if dist == "loguniform" and low <= 0:
        raise StudyError(f"parameter {name!r}: loguniform needs low > 0")
    return Axis(
        name, None, low, high, "log" if dist == "loguniform" else "linear", dist
    )
