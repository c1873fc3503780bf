"""Scan-rate kinetics of cyclic voltammograms: b-value and Dunn decomposition.

Works on plain numpy arrays, so simulated and measured CVs are treated alike.
Sign convention as in :mod:`sim.analysis.cv`: anodic current positive, cathodic
negative (PyBaMM's "Current [A]" is the opposite; pass ``-I`` for it). Scan
rates may be in any unit (V/s, mV/s) as long as one unit is used throughout;
``b`` and every charge *fraction* are unit-free, the fitted prefactors are not.

Methods
-------
**b-value** (:func:`b_value`). The peak current is assumed to follow the power
law ``|i_p| = a v**b``; ``b`` is the slope of the least-squares line through
``log10|i_p|`` against ``log10 v``. ``b = 0.5`` is the signature of
semi-infinite diffusion control (Randles-Sevcik, ``i_p ~ v**0.5``), ``b = 1``
of a surface-controlled (capacitive) process (``i = C v``).

**Dunn decomposition** (:func:`dunn_decomposition`). At each fixed potential
the current of one sweep direction is split as ``i(V) = k1(V) v + k2(V) v**0.5``
(the first term "capacitive", the second "diffusion-controlled"). ``k1`` and
``k2`` are found at every potential by a two-parameter linear least-squares fit
over the scan rates. This is equivalent to the usual straight-line fit of
``i / v**0.5 = k1 v**0.5 + k2`` but weights the residuals of ``i`` rather than
of ``i / v**0.5``; both are exact for exact data. :func:`common_grid_sweeps`
prepares the input: it cuts one sweep direction out of each full CV record and
interpolates it onto a common potential grid.

**Capacitive fraction** (:meth:`Dunn.capacitive_fraction`). The share of the
sweep's charge carried by the capacitive term at one scan rate. On a linear
sweep ``dt = |dV| / v``, so charge ratios are ratios of potential integrals::

    fraction = integral |k1 v| dV / denominator

where the denominator is, by choice (``denominator=``):

* ``"components"`` (default without a measured current):
  ``integral (|k1 v| + |k2 v**0.5|) dV``. Always in [0, 1], and the
  capacitive and diffusive fractions add up to 1.
* ``"total"``: ``integral |i| dV`` with ``i`` the measured current at that
  scan rate if given (default when ``measured_current`` is passed), else the
  fitted ``k1 v + k2 v**0.5``. This is the "area under the CV" form most
  papers use; it can exceed 1 where ``k1 v`` and ``k2 v**0.5`` have opposite
  signs.

Known pitfalls
--------------
* Peak shift with scan rate. Both methods assume the peak (b-value) or the
  current at a fixed potential (Dunn) scales with ``v`` only. Polarisation
  (ohmic drop, slow charge transfer) moves the peaks with ``v``, so at a fixed
  potential the current rises on one flank and falls on the other. The fit then
  returns negative ``k1`` or ``k2`` there: a "capacitive" current of the wrong
  sign. The absolute values above count such regions as charge of either
  kind instead of letting them cancel, which keeps the fraction in [0, 1] but
  does not make the split physical there; inspect ``k1`` and ``k2`` (and
  ``rms_residual``) before quoting a fraction.
* The fraction depends on the scan rate: ``k1 v / (k2 v**0.5)`` grows as
  ``v**0.5``, so always state the scan rate it refers to.
* "Capacitive" means "proportional to v": double-layer charging,
  surface-limited pseudocapacitance and fast intercalation into small
  particles (finite diffusion length) all land in ``k1``, so the Dunn
  fraction can far exceed the share of truly non-faradaic storage. A b-value
  between 0.5 and 1 signals a mixture but is not itself a fraction.
* Peak currents for :func:`b_value` must belong to the same redox peak at every
  scan rate (track it with :func:`sim.analysis.cv.peaks_near`); they include
  the capacitive background unless it is subtracted first. ``b`` can drift with
  the range of scan rates fitted, and at high rates ohmic drop lowers it.
* With exactly two scan rates every fit is exact: there is no residual, and the
  standard error of ``b`` is undefined (nan).
* The decomposition uses only the potential window covered by every scan
  rate (the overlap), and one sweep direction at a time. Measured potentials
  that step backwards by noise are split into many short sweeps by
  :func:`sim.analysis.cv.split_sweeps`; smooth or round them first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from sim.analysis.cv import split_sweeps, sweep_direction
from sim.analysis.enclosed_fraction import (  # noqa: F401 (re-exported)
    enclosed_capacitive_fraction,
    integral_up,
)
from sim.analysis.enclosed_fraction import positive_scan_rate as _positive_rate
from sim.errors import DataError

_DIRECTIONS = ("cathodic", "anodic")
_DENOMINATORS = ("components", "total")


# --------------------------------------------------------------------- checks
def _scan_rates(scan_rates, *, what="scan_rates"):
    v = np.asarray(scan_rates, dtype=float)
    if v.ndim != 1:
        raise DataError(f"{what} must be a 1-D sequence, got shape {v.shape}")
    if v.size < 2:
        raise DataError(
            f"{what}: at least 2 scan rates are needed for a fit, got {v.size}"
        )
    if not np.all(np.isfinite(v)):
        raise DataError(f"{what} must be finite (found NaN or inf): {v.tolist()}")
    if np.any(v <= 0):
        raise DataError(f"{what} must all be > 0, got {v.tolist()}")
    if np.unique(v).size < 2:
        raise DataError(
            f"{what} must contain at least 2 different values, got {v.tolist()}"
        )
    return v


def _integral(grid, y):
    """|integral y dV| by the trapezoidal rule; the grid may run either way."""
    return abs(float(np.trapezoid(y, grid)))


# ------------------------------------------------------------------- b-value
@dataclass(frozen=True)
class BValue:
    """Power-law fit ``|i_p| = a v**b`` (see :func:`b_value`)."""

    b: float
    b_stderr: float  # standard error of the slope; nan for 2 scan rates
    log10_a: float  # intercept, in log10 of the current unit at v = 1 rate unit
    r_squared: float  # of the log-log line; nan if all log10|i_p| are equal


def b_value(scan_rates, peak_currents) -> BValue:
    """Fit ``log10|i_p| = b log10(v) + log10(a)`` by least squares.

    ``peak_currents`` are the signed currents of one redox peak, one per scan
    rate; they must all be anodic (> 0) or all cathodic (< 0).
    """
    v = _scan_rates(scan_rates)
    i = np.asarray(peak_currents, dtype=float)
    if i.shape != v.shape:
        raise DataError(
            f"scan_rates and peak_currents must have equal lengths, got "
            f"{v.size} and {i.shape}"
        )
    if not np.all(np.isfinite(i)):
        raise DataError(
            f"peak_currents must be finite (found NaN or inf): {i.tolist()}"
        )
    if np.any(i == 0):
        raise DataError(f"peak_currents must be nonzero, got {i.tolist()}")
    if not (np.all(i > 0) or np.all(i < 0)):
        raise DataError(
            "peak_currents have mixed signs; pass the peaks of one direction "
            f"only (all anodic > 0 or all cathodic < 0), got {i.tolist()}"
        )
    x = np.log10(v)
    y = np.log10(np.abs(i))
    n = x.size
    x_mean, y_mean = x.mean(), y.mean()
    sxx = float(np.sum((x - x_mean) ** 2))
    b = float(np.sum((x - x_mean) * (y - y_mean)) / sxx)
    log10_a = float(y_mean - b * x_mean)
    ss_res = float(np.sum((y - (b * x + log10_a)) ** 2))
    ss_tot = float(np.sum((y - y_mean) ** 2))
    stderr = float(np.sqrt(ss_res / (n - 2) / sxx)) if n > 2 else float("nan")
    r_squared = 1.0 - ss_res / ss_tot if ss_tot > 0 else float("nan")
    return BValue(b=b, b_stderr=stderr, log10_a=log10_a, r_squared=r_squared)


# --------------------------------------------------------- Dunn decomposition
@dataclass(frozen=True, eq=False)
class Dunn:
    """Result of :func:`dunn_decomposition` on one sweep direction.

    ``k1`` is in current / scan-rate units, ``k2`` in current / scan-rate**0.5.
    """

    scan_rates: np.ndarray  # (n_rates,)
    potential: np.ndarray  # (n_potentials,) the grid, as given
    k1: np.ndarray  # (n_potentials,)
    k2: np.ndarray  # (n_potentials,)
    rms_residual: np.ndarray  # (n_potentials,) of the fit over the scan rates

    def capacitive_current(self, v) -> np.ndarray:
        """``k1 v`` on the potential grid at scan rate ``v``."""
        return self.k1 * _positive_rate(v)

    def diffusive_current(self, v) -> np.ndarray:
        """``k2 v**0.5`` on the potential grid at scan rate ``v``."""
        return self.k2 * np.sqrt(_positive_rate(v))

    def total_current(self, v) -> np.ndarray:
        """The fitted current ``k1 v + k2 v**0.5`` at scan rate ``v``."""
        return self.capacitive_current(v) + self.diffusive_current(v)

    def capacitive_fraction(
        self, v, measured_current=None, *, denominator: str | None = None
    ) -> float:
        """Capacitive share of the sweep's charge at scan rate ``v``.

        ``integral |k1 v| dV`` divided by

        * ``denominator="components"``: ``integral (|k1 v| + |k2 v**0.5|) dV``
          (in [0, 1]; the default when no ``measured_current`` is given), or
        * ``denominator="total"``: ``integral |i| dV`` with ``i`` the
          ``measured_current`` on the grid if given (then the default), else
          the fitted ``k1 v + k2 v**0.5``.

        See the module docstring for why absolute values are used.
        """
        cap = np.abs(self.capacitive_current(v))
        if denominator is None:
            denominator = "components" if measured_current is None else "total"
        if denominator not in _DENOMINATORS:
            raise DataError(
                f"denominator must be one of {_DENOMINATORS}, got {denominator!r}"
            )
        if denominator == "components":
            if measured_current is not None:
                raise DataError(
                    "measured_current is only used with denominator='total'; "
                    "drop it or choose denominator='total'"
                )
            total = cap + np.abs(self.diffusive_current(v))
        elif measured_current is None:
            total = np.abs(self.total_current(v))
        else:
            i = np.asarray(measured_current, dtype=float)
            if i.shape != self.potential.shape:
                raise DataError(
                    f"measured_current must have the shape of the potential grid "
                    f"{self.potential.shape}, got {i.shape}"
                )
            if not np.all(np.isfinite(i)):
                raise DataError("measured_current must be finite (found NaN or inf)")
            total = np.abs(i)
        q_total = _integral(self.potential, total)
        if q_total == 0:
            raise DataError(
                "the total charge of the sweep is zero; the capacitive fraction "
                "is undefined"
            )
        return _integral(self.potential, cap) / q_total

    def diffusive_fraction(self, v) -> float:
        """``1 - capacitive_fraction(v)`` with the "components" denominator."""
        return 1.0 - self.capacitive_fraction(v, denominator="components")


def dunn_decomposition(scan_rates, potential_grid, currents) -> Dunn:
    """Fit ``i = k1 v + k2 v**0.5`` at every potential of one sweep direction.

    ``currents[j, m]`` is the current at ``scan_rates[j]`` and
    ``potential_grid[m]`` (see :func:`common_grid_sweeps`). The grid must be
    strictly monotonic, in either direction.
    """
    v = _scan_rates(scan_rates)
    grid = np.asarray(potential_grid, dtype=float)
    i = np.asarray(currents, dtype=float)
    if grid.ndim != 1 or grid.size < 2:
        raise DataError(
            f"potential_grid must be a 1-D array of at least 2 points, got shape "
            f"{grid.shape}"
        )
    if i.shape != (v.size, grid.size):
        raise DataError(
            f"currents must have shape (n_scan_rates, n_potentials) = "
            f"({v.size}, {grid.size}), got {i.shape}"
        )
    if not np.all(np.isfinite(grid)):
        raise DataError("potential_grid must be finite (found NaN or inf)")
    if not np.all(np.isfinite(i)):
        raise DataError("currents must be finite (found NaN or inf)")
    dV = np.diff(grid)
    if not (np.all(dV > 0) or np.all(dV < 0)):
        raise DataError(
            "potential_grid must be strictly increasing or strictly decreasing"
        )
    # Columns scaled to unit norm: v and v**0.5 differ by orders of magnitude.
    X = np.column_stack([v, np.sqrt(v)])
    norms = np.linalg.norm(X, axis=0)
    coef, _, rank, _ = np.linalg.lstsq(X / norms, i, rcond=None)
    if rank < 2:
        raise DataError(
            "the scan rates do not separate v from v**0.5; use at least 2 "
            "different scan rates"
        )
    k1, k2 = coef / norms[:, None]
    rms = np.sqrt(np.mean((X @ np.vstack([k1, k2]) - i) ** 2, axis=0))
    return Dunn(scan_rates=v, potential=grid, k1=k1, k2=k2, rms_residual=rms)


def common_grid_sweeps(
    cv_by_rate: Mapping[float, tuple], direction: str, n_points: int = 200
) -> tuple[np.ndarray, np.ndarray]:
    """One sweep direction of several CVs, interpolated onto a common grid.

    ``cv_by_rate`` maps each scan rate to a ``(voltage, current)`` record of
    one steady cycle. From each record the monotonic sweep of ``direction``
    ("cathodic" or "anodic") spanning the widest potential range is taken
    (the last one on a tie) and linearly interpolated onto ``n_points``
    equally spaced potentials over the overlap of all sweeps' ranges. A sample
    at a vertex belongs to the sweep that ends there, as it was recorded at the
    end of that sweep (the current jumps at a vertex: the capacitive part
    changes sign).

    Returns ``(grid, currents)``: the grid runs in the sweep direction
    (decreasing for cathodic), ``currents`` has shape ``(len(cv_by_rate),
    n_points)`` with rows in the order of ``cv_by_rate``, ready for
    ``dunn_decomposition(list(cv_by_rate), grid, currents)``.
    """
    if direction not in _DIRECTIONS:
        raise DataError(f"direction must be one of {_DIRECTIONS}, got {direction!r}")
    if isinstance(n_points, bool) or int(n_points) != n_points or n_points < 2:
        raise DataError(f"n_points must be an integer >= 2, got {n_points!r}")
    if len(cv_by_rate) < 1:
        raise DataError("cv_by_rate is empty; give {scan_rate: (voltage, current)}")
    sweeps = []
    for rate, (voltage, current) in cv_by_rate.items():
        _positive_rate(rate)
        best = None
        for k, (V, I) in enumerate(split_sweeps(voltage, current)):
            if k > 0:
                # split_sweeps shares each vertex point between the sweeps it
                # joins; it was recorded at the end of the earlier one.
                V, I = V[1:], I[1:]
            if V.size < 2:
                continue
            try:
                d = sweep_direction(V)
            except DataError:  # a flat piece at a vertex
                continue
            if d == direction and (best is None or np.ptp(V) >= np.ptp(best[0])):
                best = (V, I)
        if best is None:
            raise DataError(
                f"the CV record at scan rate {rate} has no {direction} sweep"
            )
        V, I = best
        # np.interp needs increasing, distinct abscissae: sort and drop
        # repeated potentials (held points), keeping the first reading.
        order = np.argsort(V, kind="stable")
        V, I = V[order], I[order]
        keep = np.r_[True, np.diff(V) > 0]
        sweeps.append((V[keep], I[keep]))
    lo = max(V[0] for V, _ in sweeps)
    hi = min(V[-1] for V, _ in sweeps)
    if not lo < hi:
        ranges = ", ".join(
            f"{rate}: [{V[0]:.4g}, {V[-1]:.4g}] V"
            for rate, (V, _) in zip(cv_by_rate, sweeps, strict=True)
        )
        raise DataError(
            f"the {direction} sweeps have no potential range in common ({ranges})"
        )
    grid = np.linspace(lo, hi, int(n_points))
    if direction == "cathodic":
        grid = grid[::-1]
    currents = np.vstack([np.interp(grid, V, I) for V, I in sweeps])
    return grid, currents
