"""Reading impedance spectra: intercepts, the Warburg slope, the characteristic time
and an equivalent-circuit fit. Plain arrays in, numbers out, so measured spectra
(a cycler's EIS export) go through the same functions as simulated ones.

Conventions: frequencies ``f`` in Hz, impedance ``Z = Z' + j Z''`` in Ohm with the
electrochemical sign (capacitive ``Z'' < 0``; Nyquist plots show ``-Z''``).

What Qiu et al. 2021 read off their spectra (Fig. 6), and how it is done here:

- the charge-transfer semicircle: the diameter of the mid-frequency arc, from an
  equivalent-circuit fit (:func:`fit_circuit`);
- the Warburg coefficient sigma from ``Z' = R + sigma omega^-1/2`` (their Eq. 6) on
  the low-frequency part (:func:`warburg_coefficient`);
- the characteristic time tau0 = 1/f where the phase angle is -45 degrees, "the
  transition between resistive and capacitive behaviour"
  (:func:`characteristic_time`).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from sim.errors import DataError

DEFAULT_CIRCUIT = "R0-p(R1,CPE1)-p(R2-Wo1,CPE2)"
"""Rs; the mid-frequency arc (R_ct with a constant-phase element); the electrode's
low-frequency branch: the faradaic resistance of the storage reactions in series
with a finite-length reflective Warburg element (diffusion into the grains), both
in parallel with the double layer (a second CPE). Qiu2021's Eq. 6 also has a film
resistance R_f in series: a series resistance cannot be told apart from Rs by any
fit, so it is part of ``R0`` here (the model has no SEI film)."""

CIRCUIT_NAMES = {
    "R0": "Rs [Ohm]",
    "R1": "Rct [Ohm]",
    "CPE1_0": "CPE Q [F.s^(n-1)]",
    "CPE1_1": "CPE n",
    "R2": "Low-frequency faradaic resistance [Ohm]",
    "Wo1_0": "Warburg Z0 [Ohm]",
    "Wo1_1": "Warburg tau [s]",
    "CPE2_0": "Double-layer CPE Q [F.s^(n-1)]",
    "CPE2_1": "Double-layer CPE n",
}


def spectrum(frequency, z_re, z_im):
    """Validated (f, Z) from separate real and imaginary parts.

    Raises :class:`DataError` for unequal lengths, non-finite values, fewer than 5
    points, non-positive or repeated frequencies."""
    f = np.asarray(frequency, dtype=float)
    re = np.asarray(z_re, dtype=float)
    im = np.asarray(z_im, dtype=float)
    if f.ndim != 1 or f.shape != re.shape or f.shape != im.shape:
        raise DataError(
            "frequency, Z_re and Z_im must be 1-D arrays of equal length, got "
            f"shapes {f.shape}, {re.shape}, {im.shape}"
        )
    return _checked(f, re + 1j * im)


def _checked(f, z):
    f = np.asarray(f, dtype=float)
    z = np.asarray(z, dtype=complex)
    if f.ndim != 1 or f.shape != z.shape:
        raise DataError(
            f"frequency and impedance must be 1-D arrays of equal length, got "
            f"shapes {f.shape} and {z.shape}"
        )
    if f.size < 5:
        raise DataError(f"an impedance spectrum needs at least 5 points, got {f.size}")
    if not (np.all(np.isfinite(f)) and np.all(np.isfinite(z))):
        raise DataError("frequency and impedance must be finite (found NaN or inf)")
    if np.any(f <= 0):
        raise DataError("frequencies must be > 0 Hz")
    if np.unique(f).size != f.size:
        raise DataError("frequencies must not repeat")
    order = np.argsort(f)
    return f[order], z[order]


def high_frequency_intercept(frequency, impedance):
    """Real-axis intercept at high frequency [Ohm]: where ``-Z''`` crosses zero
    (interpolated between the two points around the crossing, scanning down from
    the highest frequency), or ``Z'`` at the highest frequency if the spectrum never
    becomes inductive."""
    f, z = _checked(frequency, impedance)
    neg_im = -z.imag[::-1]  # from the highest frequency down
    re = z.real[::-1]
    if neg_im[0] > 0:  # capacitive already at the top: nothing to interpolate
        return float(re[0])
    capacitive = np.nonzero(neg_im > 0)[0]
    if capacitive.size == 0:
        raise DataError("the spectrum is inductive at every frequency")
    b = capacitive[0]
    a = b - 1
    w = neg_im[a] / (neg_im[a] - neg_im[b])
    return float(re[a] + w * (re[b] - re[a]))


def phase_deg(impedance):
    """Phase angle of Z in degrees (capacitive negative)."""
    return np.degrees(np.angle(np.asarray(impedance, dtype=complex)))


def characteristic_time(frequency, impedance, phase=-45.0):
    """tau0 = 1/f at the highest frequency where the phase reaches ``phase`` [s].

    Scanning down from high frequency, the first crossing of ``phase`` marks where
    the response turns from resistive to capacitive (Qiu2021, Fig. 6e). The
    crossing is interpolated in log f. Raises :class:`DataError` if the phase never
    reaches that value (the spectrum stays resistive over the measured range)."""
    f, z = _checked(frequency, impedance)
    ph = phase_deg(z)[::-1]
    lf = np.log10(f)[::-1]
    beyond = np.nonzero(ph <= phase)[0]
    if beyond.size == 0:
        raise DataError(
            f"the phase never reaches {phase} degrees between {f[0]:.3g} and "
            f"{f[-1]:.3g} Hz: no characteristic time in this range"
        )
    k = beyond[0]
    if k == 0:
        return float(1 / f[-1])
    w = (ph[k - 1] - phase) / (ph[k - 1] - ph[k])
    return float(1 / 10 ** (lf[k - 1] + w * (lf[k] - lf[k - 1])))


@dataclass(frozen=True)
class WarburgFit:
    """``Z' = intercept + sigma omega^-1/2`` on the chosen frequency window."""

    sigma: float  # Ohm s^-1/2
    intercept: float  # Ohm
    r_squared: float
    f_min: float
    f_max: float
    n_points: int


def warburg_coefficient(frequency, impedance, f_min=0.01, f_max=0.1):
    """Warburg coefficient sigma [Ohm.s^-1/2] from the slope of Z' vs omega^-1/2
    (Qiu2021 Eqs. 5-6, omega = 2 pi f) over ``f_min <= f <= f_max``.

    Raises :class:`DataError` if fewer than 3 points fall in the window."""
    f, z = _checked(frequency, impedance)
    if not (0 < f_min < f_max):
        raise DataError(f"need 0 < f_min < f_max, got {f_min} and {f_max}")
    sel = (f >= f_min * (1 - 1e-9)) & (f <= f_max * (1 + 1e-9))
    if sel.sum() < 3:
        raise DataError(
            f"only {int(sel.sum())} points between {f_min} and {f_max} Hz: the "
            "Warburg fit needs at least 3"
        )
    x = (2 * np.pi * f[sel]) ** -0.5
    y = z.real[sel]
    slope, icpt = np.polyfit(x, y, 1)
    resid = y - (slope * x + icpt)
    ss = np.sum((y - y.mean()) ** 2)
    r2 = 1 - np.sum(resid**2) / ss if ss > 0 else 1.0
    return WarburgFit(
        float(slope),
        float(icpt),
        float(r2),
        float(f[sel].min()),
        float(f[sel].max()),
        int(sel.sum()),
    )


@dataclass(frozen=True)
class CircuitFit:
    circuit: str
    parameters: dict  # element name (impedance.py's) -> value
    rmse: float  # Ohm, over all points, |Z_fit - Z|
    relative_rmse: float  # root mean square of |Z_fit - Z| / |Z|

    def named(self):
        """Parameters under readable names (for the default circuit)."""
        return {CIRCUIT_NAMES.get(k, k): v for k, v in self.parameters.items()}


def first_arc(frequency, impedance):
    """Indices (in ascending-frequency order) of the apex and the closing valley
    of the highest-frequency arc: scanning down from the highest frequency, the
    first local maximum of -Z'' and the first local minimum after it. Without a
    valley (the response turns capacitive without closing), the valley is the
    point of the steepest phase change below the apex."""
    f, z = _checked(frequency, impedance)
    y = -z.imag[::-1]  # from the highest frequency down
    n = len(y)
    apex = next(
        (i for i in range(1, n - 1) if y[i] >= y[i - 1] and y[i] > y[i + 1]), None
    )
    if apex is None:
        apex = int(np.argmax(y))
    valley = next(
        (i for i in range(apex + 1, n - 1) if y[i] <= y[i - 1] and y[i] < y[i + 1]),
        None,
    )
    if valley is None:
        ph = np.abs(np.angle(z[::-1]))
        tail = np.diff(ph[apex:])
        valley = apex + (int(np.argmax(tail)) if tail.size else 0)
    return n - 1 - apex, n - 1 - valley


_BOUNDS = (
    [0, 0, 0, 0.5, 0, 0, 0, 0, 0.5],
    [np.inf, np.inf, np.inf, 1, np.inf, np.inf, np.inf, np.inf, 1],
)
"""Bounds of :data:`DEFAULT_CIRCUIT`: values >= 0, CPE exponents 0.5..1."""


def _default_guesses(f, z):
    """Start values for :data:`DEFAULT_CIRCUIT` read off the spectrum, two ways
    to find the arc: the first arc from high frequency (:func:`first_arc`), and
    the lowest -Z'' between 0.1 Hz and 10 kHz (which also works when the arc is
    only a shoulder on a capacitive line)."""
    r0 = high_frequency_intercept(f, z)
    neg_im = -z.imag
    c2 = 1 / (2 * np.pi * f[0] * max(neg_im[0], 1e-12))
    mid = (f > 0.1) & (f < 1e4)
    if not np.any(mid):
        mid = np.ones_like(f, dtype=bool)
    kv2 = np.nonzero(mid)[0][np.argmin(neg_im[mid])]
    above = f >= f[kv2]
    kp2 = np.nonzero(above)[0][np.argmax(neg_im[above])]
    guesses = []
    for kp, kv in (first_arc(f, z), (kp2, kv2)):
        r1 = max(z.real[kv] - r0, 1e-3 * max(abs(r0), 1.0))
        q1 = 1 / (2 * np.pi * f[kp] * r1)
        guesses.append([r0, r1, q1, 0.95, abs(z[0]), abs(z[0]), 1 / f[0], c2, 0.95])
    return guesses


def _default_circuit_impedance(params, f):
    """:data:`DEFAULT_CIRCUIT` from the ``impedance`` package's own element
    functions (R, CPE, Wo, series s, parallel p), composed once instead of being
    re-parsed from a string at every evaluation as ``CustomCircuit.fit`` does
    (which made a fit take seconds)."""
    from impedance.models.circuits.elements import CPE, R, Wo, p, s

    r0, r1, q1, n1, r2, z0, tau, q2, n2 = params
    return s(
        [
            R([r0], f),
            p([R([r1], f), CPE([q1, n1], f)]),
            p([s([R([r2], f), Wo([z0, tau], f)]), CPE([q2, n2], f)]),
        ]
    )


def _least_squares(circuit, f, z, guess, bounds, method):
    """Parameters of ``circuit`` fitted to Z(f), residuals weighted by |Z| (as
    impedance.py's ``weight_by_modulus``), with SciPy's least_squares."""
    from scipy.optimize import least_squares

    if circuit == DEFAULT_CIRCUIT:
        model = _default_circuit_impedance
    else:
        from impedance.models.circuits import CustomCircuit

        cc = CustomCircuit(circuit=circuit, initial_guess=list(guess))

        def model(params, freqs):
            cc.parameters_ = np.asarray(params)
            return cc.predict(freqs, use_initial=False)

    weight = np.abs(z)
    x0 = np.asarray(guess, dtype=float)
    # the default circuit's values are all positive and span ten decades
    # (Q ~ 1e-5, R ~ 1e2): fit their logarithms, which conditions the problem
    log = circuit == DEFAULT_CIRCUIT
    if log:
        lo = np.log(np.maximum(np.asarray(bounds[0], dtype=float), 1e-300))
        lo[np.asarray(bounds[0]) <= 0] = -np.inf
        hi = np.log(np.asarray(bounds[1], dtype=float))
        x0 = np.clip(np.log(np.maximum(x0, 1e-300)), lo + 1e-12, hi - 1e-12)
    else:
        lo, hi = bounds if bounds is not None else (-np.inf, np.inf)

    def residuals(x):
        params = np.exp(x) if log else x
        with np.errstate(all="ignore"):
            dz = (model(params, f) - z) / weight
        # overflowing trial values (e.g. a Warburg time of 1e12 s) count as far
        # off instead of handing NaN to LAPACK
        res = np.concatenate([dz.real, dz.imag])
        return np.nan_to_num(res, nan=1e6, posinf=1e6, neginf=-1e6)

    result = least_squares(residuals, x0, bounds=(lo, hi), method=method, max_nfev=2000)
    if log:
        result.x = np.exp(result.x)
    if not np.all(np.isfinite(result.x)):
        raise ValueError("the fit diverged")
    return result.x


def fit_circuit(frequency, impedance, circuit=DEFAULT_CIRCUIT, initial_guess=None):
    """Fit an equivalent circuit whose elements are the ``impedance`` package's
    (impedance.py, its circuit syntax and element definitions).

    The residuals are weighted by |Z| (each point counts in relative terms, like
    impedance.py's ``weight_by_modulus``) and minimised with SciPy's trust-region
    reflective least squares. For the default circuit (:data:`DEFAULT_CIRCUIT`)
    the logarithms of its (positive) values are fitted, from two starts read off
    the spectrum (:func:`_default_guesses`), with the CPE exponents bounded to
    0.5..1, and the circuit is composed once from impedance.py's element
    functions (fast); other circuits need ``initial_guess`` and are evaluated
    through ``CustomCircuit``. Returns a :class:`CircuitFit` (the best start);
    raises :class:`DataError` if every attempt fails."""
    from impedance.models.circuits import CustomCircuit

    f, z = _checked(frequency, impedance)
    bounds = None
    if initial_guess is None:
        if circuit != DEFAULT_CIRCUIT:
            raise DataError(
                f"circuit {circuit!r} needs an initial_guess (automatic guesses "
                f"exist only for {DEFAULT_CIRCUIT!r})"
            )
        guesses, bounds = _default_guesses(f, z), _BOUNDS
    else:
        guesses = [list(initial_guess)]
    # trust-region reflective from every start; the best fit wins
    best, errors = None, []
    for guess in guesses:
        method = "trf"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                values = _least_squares(circuit, f, z, guess, bounds, method)
        except (RuntimeError, ValueError, FloatingPointError) as err:
            errors.append(f"{method}: {err}")
            continue
        model = CustomCircuit(circuit=circuit, initial_guess=list(values))
        model.parameters_ = np.asarray(values)
        with np.errstate(all="ignore"):
            rel = float(
                np.sqrt(np.mean(np.abs(model.predict(f) - z) ** 2 / np.abs(z) ** 2))
            )
        if not np.isfinite(rel):
            errors.append(f"{method}: the fitted circuit is not finite")
            continue
        if best is None or rel < best[0]:
            best = (rel, model, guess)
    if best is None:
        raise DataError(
            f"equivalent-circuit fit of {circuit!r} failed: {'; '.join(errors)}"
        )
    model = best[1]
    names = model.get_param_names()[0]
    params = dict(zip(names, (float(p) for p in model.parameters_), strict=True))
    z_fit = model.predict(f)
    rmse = float(np.sqrt(np.mean(np.abs(z_fit - z) ** 2)))
    rel = float(np.sqrt(np.mean(np.abs(z_fit - z) ** 2 / np.abs(z) ** 2)))
    return CircuitFit(circuit, params, rmse, rel)
