"""Equivalent-circuit fits of impedance spectra (simulated or measured), with the
``impedance`` package's circuit syntax and element definitions, and standard
errors of the fitted values from the Jacobian at the optimum, so a value the
spectrum does not determine is flagged instead of reported as if measured.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from sim.analysis.spectra import _checked, first_arc, high_frequency_intercept
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


@dataclass(frozen=True)
class CircuitFit:
    """An equivalent-circuit fit with its parameters' standard errors.

    ``poorly_determined`` lists the parameters whose standard error exceeds their
    value: the spectrum does not determine them (e.g. a Warburg element on a
    blocking state), so their values mean little.
    """

    circuit: str
    parameters: dict  # element name (impedance.py's) -> value
    rmse: float  # Ohm, over all points, |Z_fit - Z|
    relative_rmse: float  # root mean square of |Z_fit - Z| / |Z|
    standard_errors: dict = field(default_factory=dict)  # name -> std (same unit)

    @property
    def poorly_determined(self):
        """Names of parameters whose standard error exceeds their magnitude."""
        return [
            k
            for k, v in self.parameters.items()
            if not self.standard_errors.get(k, 0.0) <= abs(v)
        ]

    def named(self):
        """Parameters under readable names (for the default circuit)."""
        return {CIRCUIT_NAMES.get(k, k): v for k, v in self.parameters.items()}


_BOUNDS = (
    [0, 0, 0, 0.5, 0, 0, 0, 0, 0.5],
    [np.inf, np.inf, np.inf, 1, np.inf, np.inf, np.inf, np.inf, 1],
)
"""Bounds of :data:`DEFAULT_CIRCUIT`: values >= 0, CPE exponents 0.5..1."""


_LOW_FREQUENCY_SCALES = ((1.0, 1.0), (1e-2, 1.0), (1.0, 1e-4), (1e-2, 1e-4))
"""Factors on the low-frequency branch's start (faradaic resistance and Warburg
Z0; Warburg time) tried from each arc guess. From one start only, spectra that
agree to five digits were seen to end in different local minima (arc diameters
17.9 and 20.6 Ohm, relative misfit 0.5 % and 2.9 %): the low-frequency branch
can start far from where it ends, e.g. when it acts as a capacitor."""


def _default_guesses(f, z):
    """Start values for :data:`DEFAULT_CIRCUIT` read off the spectrum, two ways
    to find the arc: the first arc from high frequency (:func:`first_arc`), and
    the lowest -Z'' between 0.1 Hz and 10 kHz (which also works when the arc is
    only a shoulder on a capacitive line); each with the low-frequency branch
    started at the values read off the spectrum and at smaller ones
    (:data:`_LOW_FREQUENCY_SCALES`), in a fixed order."""
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
        for r_scale, tau_scale in _LOW_FREQUENCY_SCALES:
            r2 = r_scale * abs(z[0])
            tau = tau_scale / f[0]
            guesses.append([r0, r1, q1, 0.95, r2, r2, tau, c2, 0.95])
    return guesses


def _series(*zs):
    """Impedances in series (impedance.py's ``s``)."""
    return sum(zs)


def _parallel(*zs):
    """Impedances in parallel (impedance.py's ``p``)."""
    return 1 / sum(1 / z for z in zs)


def _cpe(q, alpha, omega):
    """Constant-phase element 1 / (Q (j omega)^alpha) (impedance.py's ``CPE``)."""
    return 1.0 / (q * (1j * omega) ** alpha)


def _open_warburg(z0, tau, omega):
    """Finite-space (reflective) Warburg element Z0 coth(sqrt(j omega tau)) /
    sqrt(j omega tau) (impedance.py's ``Wo``)."""
    x = np.sqrt(1j * omega * tau)
    return z0 / (x * np.tanh(x))


def default_circuit_impedance(params, f):
    """:data:`DEFAULT_CIRCUIT` evaluated directly, with the element definitions of
    the ``impedance`` package (R, CPE, Wo, series s, parallel p: the same
    formulas, checked against ``CustomCircuit`` in the tests). Composed once
    instead of being re-parsed from a string at every evaluation as
    ``CustomCircuit.fit`` does (which made a fit take seconds), and without
    importing the package, whose plotting module pulls in a charting library
    (about 2 s per process)."""
    r0, r1, q1, n1, r2, z0, tau, q2, n2 = params
    omega = 2 * np.pi * np.asarray(f, dtype=float)
    return _series(
        r0 + 0 * omega,
        _parallel(r1 + 0 * omega, _cpe(q1, n1, omega)),
        _parallel(r2 + _open_warburg(z0, tau, omega), _cpe(q2, n2, omega)),
    )


class _DefaultCircuit:
    """The default circuit with the two methods of ``CustomCircuit`` that
    :func:`fit_circuit` uses (``predict`` and ``get_param_names``)."""

    def __init__(self, values):
        self.parameters_ = np.asarray(values, dtype=float)

    def predict(self, f):
        return default_circuit_impedance(self.parameters_, f)

    @staticmethod
    def get_param_names():
        return list(CIRCUIT_NAMES), None


def _circuit_model(circuit, values):
    """An object with ``predict(f)`` and ``get_param_names()`` for ``circuit``
    at ``values``: the direct default circuit, or impedance.py's
    ``CustomCircuit`` for any other circuit string."""
    if circuit == DEFAULT_CIRCUIT:
        return _DefaultCircuit(values)
    from impedance.models.circuits import CustomCircuit

    model = CustomCircuit(circuit=circuit, initial_guess=list(values))
    model.parameters_ = np.asarray(values)
    return model


def _least_squares(circuit, f, z, guess, bounds, method):
    """Parameters of ``circuit`` fitted to Z(f), residuals weighted by |Z| (as
    impedance.py's ``weight_by_modulus``), with SciPy's least_squares."""
    from scipy.optimize import least_squares

    if circuit == DEFAULT_CIRCUIT:
        model = default_circuit_impedance
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

    def residuals_of_rows(xs):
        """Residuals at each row of ``xs`` (k points x p coordinates): the
        default circuit broadcasts over points, one call for all of them."""
        params = np.exp(xs) if log else xs
        with np.errstate(all="ignore"):
            if log:
                dz = (model(params.T[:, :, None], f) - z) / weight
            else:
                dz = np.array([model(row, f) for row in params]) - z
                dz = dz / weight
        # overflowing trial values (e.g. a Warburg time of 1e12 s) count as far
        # off instead of handing NaN to LAPACK
        res = np.concatenate([dz.real, dz.imag], axis=-1)
        return np.nan_to_num(res, nan=1e6, posinf=1e6, neginf=-1e6)

    def residuals(x):
        return residuals_of_rows(np.asarray(x, dtype=float)[None, :])[0]

    jac = "2-point"
    if log:  # every column in one vectorised call (SciPy's makes p calls)

        def jac(x):
            return _forward_difference(residuals_of_rows, x, lo, hi)

    result = least_squares(
        residuals, x0, jac=jac, bounds=(lo, hi), method=method, max_nfev=2000
    )
    std = _standard_errors(result.jac, result.fun)
    if log:  # d(value) = value d(ln value)
        result.x = np.exp(result.x)
        std = result.x * std
    if not np.all(np.isfinite(result.x)):
        raise ValueError("the fit diverged")
    return result.x, std


def _forward_difference(residuals_of_rows, x, lo, hi):
    """Jacobian of the residuals at ``x`` by forward differences, with SciPy's
    default steps for them (sqrt(eps) max(1, |x|), reversed where the step
    would leave the bounds, the step actually taken after rounding), all p
    columns from one call of ``residuals_of_rows`` on p + 1 points."""
    x = np.asarray(x, dtype=float)
    h = np.sqrt(np.finfo(float).eps) * np.where(x >= 0, 1.0, -1.0)
    h = h * np.maximum(1.0, np.abs(x))
    below, above = x - lo, hi - x
    leaves = (x + h < lo) | (x + h > hi)
    fits = np.abs(h) <= np.maximum(below, above)
    h = np.where(leaves & fits, -h, h)
    h = np.where(~fits, np.where(above >= below, above, -below), h)
    points = np.vstack([x, x + np.diag(h)])
    steps = np.diag(points[1:]) - x
    r = residuals_of_rows(points)
    return ((r[1:] - r[0]) / steps[:, None]).T


def _standard_errors(jac, residuals):
    """Standard errors of least-squares parameters from the Jacobian at the
    optimum: sqrt(diag((J^T J)^-1) s^2), s^2 = SSR / (n_data - n_params); inf for
    a parameter the data do not determine (singular J^T J)."""
    n, p = jac.shape
    dof = n - p
    s2 = float(residuals @ residuals) / dof if dof > 0 else np.inf
    with np.errstate(all="ignore"):
        u, sv, vt = np.linalg.svd(jac, full_matrices=False)
        tol = np.finfo(float).eps * max(jac.shape) * (sv[0] if sv.size else 0.0)
        inv = np.where(sv > tol, 1 / sv**2, np.inf)
        variances = (vt.T**2) @ inv * s2
    return np.sqrt(np.where(np.isfinite(variances), variances, np.inf))


def _count_parameters(circuit, initial_guess):
    if initial_guess is not None:
        return len(initial_guess)
    if circuit == DEFAULT_CIRCUIT:
        return len(_BOUNDS[0])
    return 0  # refused below: other circuits need a guess


def fit_circuit(frequency, impedance, circuit=DEFAULT_CIRCUIT, initial_guess=None):
    """Fit an equivalent circuit whose elements are the ``impedance`` package's
    (impedance.py, its circuit syntax and element definitions).

    The residuals are weighted by |Z| (each point counts in relative terms, like
    impedance.py's ``weight_by_modulus``) and minimised with SciPy's trust-region
    reflective least squares. For the default circuit (:data:`DEFAULT_CIRCUIT`)
    the logarithms of its (positive) values are fitted, from eight starts read
    off the spectrum (:func:`_default_guesses`; the best fit wins, the first of
    equal ones, so the same spectrum always gives the same fit), with the CPE
    exponents bounded to 0.5..1, and the circuit is composed once from impedance.py's element
    functions (fast); other circuits need ``initial_guess`` and are evaluated
    through ``CustomCircuit``. Returns a :class:`CircuitFit` (the best start);
    raises :class:`DataError` if every attempt fails."""
    f, z = _checked(frequency, impedance)
    n_params = _count_parameters(circuit, initial_guess)
    if f.size < n_params:
        raise DataError(
            f"{f.size} frequencies for {n_params} parameters of {circuit!r}: a fit "
            "needs at least as many frequencies as parameters (the values and "
            "their uncertainties are otherwise not determined); measure more "
            "frequencies or fit a smaller circuit"
        )
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
                values, std = _least_squares(circuit, f, z, guess, bounds, method)
        except (RuntimeError, ValueError, FloatingPointError) as err:
            errors.append(f"{method}: {err}")
            continue
        model = _circuit_model(circuit, values)
        with np.errstate(all="ignore"):
            rel = float(
                np.sqrt(np.mean(np.abs(model.predict(f) - z) ** 2 / np.abs(z) ** 2))
            )
        if not np.isfinite(rel):
            errors.append(f"{method}: the fitted circuit is not finite")
            continue
        if best is None or rel < best[0]:
            best = (rel, model, std)
    if best is None:
        raise DataError(
            f"equivalent-circuit fit of {circuit!r} failed: {'; '.join(errors)}"
        )
    model = best[1]
    names = model.get_param_names()[0]
    params = dict(zip(names, (float(p) for p in model.parameters_), strict=True))
    errors_by_name = dict(zip(names, (float(e) for e in best[2]), strict=True))
    z_fit = model.predict(f)
    rmse = float(np.sqrt(np.mean(np.abs(z_fit - z) ** 2)))
    rel = float(np.sqrt(np.mean(np.abs(z_fit - z) ** 2 / np.abs(z) ** 2)))
    return CircuitFit(circuit, params, rmse, rel, errors_by_name)
