"""Temperature dependence of ionic conductivity on plain arrays (simulated or
measured): Arrhenius and VTF fits, and a check that reported conductivities and a
reported activation energy agree.

* :func:`arrhenius_fit`: least-squares straight line through ln(sigma) (or
  ln(sigma T)) against 1/T; ``Ea = -k_B x slope``, as a paper's "Arrhenius plot"
  (log10 sigma against 1000/T with a fitted line) does. The result does not depend
  on the unit of sigma.
* :func:`vtf_fit`: ``sigma = A T^(-1/2) exp(-B/(T - T0))``, linear in
  1/(T - T0) for a given T0; with T0 unknown, T0 is the value that minimises the
  residual (needs at least four temperatures).
* :func:`activation_energy_consistency`: given reported sigma(T) at one or more
  temperatures and a reported Ea, the Ea those conductivities imply (two or more
  temperatures) and the conductivities the reported Ea implies at each
  temperature, anchored at one reported point. One reported temperature cannot
  test an Ea; the check then returns the implied values only.

Temperatures in K, activation energies in eV.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from sim.analysis._arrays import paired_arrays
from sim.constants import BOLTZMANN_EV
from sim.errors import DataError

MIN_TEMPERATURE = 150.0
"""[K]. No electrolyte conducts measurably below this: a lower value is almost
certainly a temperature in degrees Celsius."""


def _temperatures_and_conductivities(T, sigma, min_points, what):
    t, s = paired_arrays(T, sigma, ("temperature", "conductivity"), min_points, what)
    if np.any(t < MIN_TEMPERATURE):
        raise DataError(
            f"temperatures must be absolute, in K: got {np.min(t):.4g} K, below "
            f"{MIN_TEMPERATURE:g} K (degrees Celsius given as kelvin? add 273.15)"
        )
    if np.any(s <= 0):
        raise DataError("conductivities must be > 0 (a logarithm is taken)")
    return t, s


@dataclass(frozen=True)
class ArrheniusFit:
    """``sigma = exp(ln_prefactor) exp(-Ea / (k_B T))`` (divided by T when fitted
    with ``sigma_times_T``).

    Attributes:
        activation_energy: Ea [eV].
        ln_prefactor: ln of the prefactor (unit of sigma, or sigma K).
        activation_energy_stderr: Standard error of Ea [eV] (nan for two points).
        sigma_times_T: Whether ln(sigma T) was fitted.
    """

    activation_energy: float
    ln_prefactor: float
    activation_energy_stderr: float
    sigma_times_T: bool = False

    def conductivity(self, T):
        """Conductivity of the fitted line at temperature(s) T [K]."""
        t = np.asarray(T, dtype=float)
        s = np.exp(self.ln_prefactor - self.activation_energy / (BOLTZMANN_EV * t))
        return s / t if self.sigma_times_T else s


def arrhenius_fit(T, sigma, sigma_times_T=False, activated=True) -> ArrheniusFit:
    """Least-squares Arrhenius line through (1/T, ln sigma).

    Args:
        T: Temperatures [K], at least two distinct.
        sigma: Conductivities (any unit), > 0.
        sigma_times_T: Fit ln(sigma T) instead (the ``sigma T`` form of hopping
            models).
        activated: Refuse a line with Ea <= 0 (conduction that does not rise
            with temperature is not thermally activated: swapped or misordered
            columns). False returns any slope (e.g. inside a root search).

    Raises:
        DataError: On fewer than two distinct temperatures or non-positive values.
    """
    t, s = _temperatures_and_conductivities(T, sigma, 2, "an Arrhenius fit")
    if np.unique(t).size < 2:
        raise DataError("an Arrhenius fit needs at least two distinct temperatures")
    x = 1 / t
    y = np.log(s * t) if sigma_times_T else np.log(s)
    (slope, intercept), residuals, *_ = np.polyfit(x, y, 1, full=True)
    stderr = math.nan
    if t.size > 2:
        ssr = float(residuals[0]) if residuals.size else 0.0
        sxx = float(np.sum((x - x.mean()) ** 2))
        stderr = BOLTZMANN_EV * math.sqrt(ssr / (t.size - 2) / sxx)
    if activated and slope >= 0:
        raise DataError(
            f"the conductivity does not rise with temperature (Arrhenius slope gives "
            f"Ea = {-slope * BOLTZMANN_EV:.3g} eV <= 0): thermally activated "
            "conduction needs Ea > 0; check the temperature and conductivity "
            "columns (swapped, or conductivities in another order?)"
        )
    return ArrheniusFit(
        float(-slope * BOLTZMANN_EV), float(intercept), stderr, sigma_times_T
    )


def two_point_activation_energy(T1, sigma1, T2, sigma2) -> float:
    """Ea [eV] of the Arrhenius line through two points."""
    return arrhenius_fit([T1, T2], [sigma1, sigma2]).activation_energy


@dataclass(frozen=True)
class VTFFit:
    """``sigma = A T^(-1/2) exp(-B / (T - T0))``.

    Attributes:
        prefactor: A (unit of sigma times K^0.5).
        pseudo_activation_temperature: B [K].
        vogel_temperature: T0 [K].
        rms_residual: Root-mean-square residual of ln(sigma).
    """

    prefactor: float
    pseudo_activation_temperature: float
    vogel_temperature: float
    rms_residual: float

    def conductivity(self, T):
        """Conductivity of the fitted law at temperature(s) T [K] (> T0).

        Raises:
            DataError: At or below T0, where the VTF law has no meaning.
        """
        t = np.asarray(T, dtype=float)
        self._check_above_t0(t)
        return (
            self.prefactor
            / np.sqrt(t)
            * np.exp(-self.pseudo_activation_temperature / (t - self.vogel_temperature))
        )

    def _check_above_t0(self, t):
        if not np.all(np.isfinite(t)) or np.any(t <= self.vogel_temperature):
            raise DataError(
                f"the VTF law holds only above T0 = {self.vogel_temperature:.2f} K; "
                f"got T = {np.min(t):.4g} K"
            )

    def pseudo_activation_energy(self, T):
        """Local apparent Ea [eV]: ``k_B (B T^2/(T - T0)^2 - T/2)``."""
        t = np.asarray(T, dtype=float)
        self._check_above_t0(t)
        B, T0 = self.pseudo_activation_temperature, self.vogel_temperature
        return BOLTZMANN_EV * (B * t**2 / (t - T0) ** 2 - t / 2)


def _vtf_linear(t, s, T0):
    x = 1 / (t - T0)
    y = np.log(s * np.sqrt(t))
    slope, intercept = np.polyfit(x, y, 1)
    rms = float(np.sqrt(np.mean((y - (slope * x + intercept)) ** 2)))
    return float(np.exp(intercept)), float(-slope), rms


def vtf_fit(T, sigma, vogel_temperature=None) -> VTFFit:
    """VTF fit of sigma(T).

    Args:
        T: Temperatures [K].
        sigma: Conductivities, > 0.
        vogel_temperature: T0 [K] if known (e.g. Tg - 50 K; then two temperatures
            suffice); None to fit it too (at least four temperatures).

    Raises:
        DataError: On too few points, non-positive values, or T0 not below every
            temperature.
    """
    if vogel_temperature is not None:
        t, s = _temperatures_and_conductivities(T, sigma, 2, "a VTF fit with T0")
        T0 = float(vogel_temperature)
        if not math.isfinite(T0) or T0 >= t.min():
            raise DataError(
                f"VTF temperature T0 = {T0:g} K must lie below every temperature "
                f"(lowest: {t.min():g} K)"
            )
        A, B, rms = _vtf_linear(t, s, T0)
        return VTFFit(A, B, T0, rms)
    t, s = _temperatures_and_conductivities(T, sigma, 4, "a VTF fit of T0")
    from scipy.optimize import minimize_scalar

    upper = t.min() - 1e-3 * t.min()
    res = minimize_scalar(
        lambda T0: _vtf_linear(t, s, T0)[2], bounds=(1.0, upper), method="bounded"
    )
    A, B, rms = _vtf_linear(t, s, float(res.x))
    return VTFFit(A, B, float(res.x), rms)


@dataclass(frozen=True)
class ConsistencyCheck:
    """Reported conductivities against a reported activation energy.

    Attributes:
        temperatures: Reported temperatures [K].
        conductivities: Reported conductivities (unit as given).
        reported_activation_energy: Reported Ea [eV].
        implied_activation_energy: Ea of the Arrhenius line through the reported
            conductivities [eV]; nan with a single temperature.
        reference_temperature: The reported point the reported Ea is anchored at.
        conductivities_from_reported_energy: What the reported Ea, anchored at the
            reference point, predicts at each reported temperature.
        relative_tolerance: Allowed |implied - reported| / reported.
    """

    temperatures: np.ndarray
    conductivities: np.ndarray
    reported_activation_energy: float
    implied_activation_energy: float
    reference_temperature: float
    conductivities_from_reported_energy: np.ndarray
    relative_tolerance: float

    @property
    def checkable(self) -> bool:
        """Whether at least two temperatures were reported."""
        return math.isfinite(self.implied_activation_energy)

    @property
    def consistent(self) -> bool | None:
        """Whether the implied Ea matches the reported one within the tolerance;
        None when only one temperature was reported."""
        if not self.checkable:
            return None
        diff = abs(self.implied_activation_energy - self.reported_activation_energy)
        return diff <= self.relative_tolerance * abs(self.reported_activation_energy)

    def conductivity_from_reported_energy(self, T):
        """Conductivity the reported Ea predicts at T [K], through the reference
        point."""
        i = int(np.argmin(np.abs(self.temperatures - self.reference_temperature)))
        s_ref = self.conductivities[i]
        t = np.asarray(T, dtype=float)
        return s_ref * np.exp(
            -self.reported_activation_energy
            / BOLTZMANN_EV
            * (1 / t - 1 / self.reference_temperature)
        )


def activation_energy_consistency(
    T,
    sigma,
    reported_activation_energy,
    relative_tolerance=0.1,
    reference_temperature=None,
) -> ConsistencyCheck:
    """Compare reported conductivities sigma(T) with a reported activation energy.

    Args:
        T: Temperatures of the reported conductivities [K] (one or more).
        sigma: The reported conductivities, > 0.
        reported_activation_energy: The reported Ea [eV].
        relative_tolerance: Allowed relative difference between implied and
            reported Ea.
        reference_temperature: Which reported point anchors the reported Ea
            (default: the highest temperature).

    Raises:
        DataError: On bad arrays, a non-finite Ea, or a reference temperature that
            is not one of ``T``.
    """
    t, s = _temperatures_and_conductivities(T, sigma, 1, "a consistency check")
    ea = float(reported_activation_energy)
    if not math.isfinite(ea):
        raise DataError(f"reported activation energy must be finite, got {ea!r}")
    tol = float(relative_tolerance)
    if not tol >= 0:
        raise DataError(f"relative tolerance must be >= 0, got {relative_tolerance!r}")
    t_ref = float(t.max()) if reference_temperature is None else reference_temperature
    if not np.any(np.isclose(t, t_ref)):
        raise DataError(
            f"reference temperature {t_ref!r} K is not one of the reported "
            f"temperatures {t.tolist()}"
        )
    implied = (
        arrhenius_fit(t, s).activation_energy if np.unique(t).size >= 2 else math.nan
    )
    check = ConsistencyCheck(t, s, ea, implied, float(t_ref), np.array([]), tol)
    predicted = np.atleast_1d(check.conductivity_from_reported_energy(t))
    return ConsistencyCheck(t, s, ea, implied, float(t_ref), predicted, tol)


__all__ = [
    "ArrheniusFit",
    "ConsistencyCheck",
    "VTFFit",
    "activation_energy_consistency",
    "arrhenius_fit",
    "two_point_activation_energy",
    "vtf_fit",
]
