"""Standard deviations, correlations and identifiability of fitted parameters.

The fitting layer minimises ``sum(residuals(x)**2)``, each residual already
divided by its data point's noise standard deviation (so at the truth the sum of
squares is about ``n``, the number of data points). At the optimum, the
Gauss-Newton approximation of the posterior covariance is ``(J^T J)^-1``, ``J``
the Jacobian of the residuals in the *fitting coordinates*: ``log x`` for a
parameter fitted in log space (diffusivities, rate constants), ``x`` itself
otherwise. This module

* computes ``J`` by central differences (:func:`jacobian`);
* turns it into standard deviations, a correlation matrix and, per parameter, a
  verdict "identifiable or not" with the reason in words a user understands
  (:func:`estimate` -> :class:`Uncertainty`);
* optionally profiles the cost along each parameter over its bounds, which tells
  a parameter the data do not constrain at all ("the cost hardly changes over
  its whole range") from one that is merely uncertain;
* writes the result as sentences (:func:`correlation_words`), a markdown table
  (:func:`uncertainty_table`) and a figure (:func:`posterior_figure`).

Nothing here raises for a model that fails at some parameter values: a
parameter whose Jacobian column cannot be computed gets NaN and is reported as
not identifiable, with the error. Only mistakes in the arguments (lengths that
do not match, values outside their bounds, ...) raise
:class:`~sim.errors.ParameterError` or :class:`~sim.errors.DataError`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from sim.errors import DataError, ParameterError

RANK_RTOL = 1e-8
"""A singular value of the column-scaled Jacobian below ``RANK_RTOL`` times the
largest one is a direction the data do not determine (a null direction)."""

NULL_COMPONENT = 0.05
"""A parameter whose (scaled) component in the null space exceeds this is one of
the parameters the data do not determine; smaller components are numerical noise
of the finite differences."""


# ---------------------------------------------------------------------------
# arguments


def _as_bool_list(log_scale, p):
    if isinstance(log_scale, bool | np.bool_):
        return [bool(log_scale)] * p
    flags = [bool(v) for v in log_scale]
    if len(flags) != p:
        raise ParameterError(
            f"log_scale has {len(flags)} entries for {p} parameters: give one "
            "True/False per parameter"
        )
    return flags


def _checked(x, names, log_scale, bounds, rel_step=1e-3):
    """x (float array), names, log flags, bounds (p x 2 natural units)."""
    x = np.asarray(x, dtype=float)
    if x.ndim != 1 or x.size == 0:
        raise ParameterError(
            f"x must be a non-empty vector of parameter values, got shape {x.shape}"
        )
    p = x.size
    if names is None:
        names = [f"parameter {i}" for i in range(p)]
    names = [str(n) for n in names]
    if len(names) != p:
        raise ParameterError(f"{len(names)} names given for {p} parameter values")
    if len(set(names)) != p:
        raise ParameterError(f"parameter names repeat: {names}")
    log = _as_bool_list(log_scale, p)
    if bounds is None:
        bounds = [(None, None)] * p
    bounds = list(bounds)
    if len(bounds) != p:
        raise ParameterError(f"{len(bounds)} bounds given for {p} parameters")
    b = np.empty((p, 2))
    for i, pair in enumerate(bounds):
        try:
            lo, hi = (None, None) if pair is None else pair
        except (TypeError, ValueError):
            raise ParameterError(
                f"the bounds of {names[i]} must be a pair (lower, upper), got {pair!r}"
            ) from None
        lo = -math.inf if lo is None else float(lo)
        hi = math.inf if hi is None else float(hi)
        if not lo < hi:
            raise ParameterError(
                f"the bounds of {names[i]} are ({lo:g}, {hi:g}): the lower bound "
                "must be below the upper one"
            )
        b[i] = lo, hi
    for i in range(p):
        if not math.isfinite(x[i]):
            raise ParameterError(f"{names[i]} = {x[i]}: the value must be finite")
        if log[i]:
            if x[i] <= 0:
                raise ParameterError(
                    f"{names[i]} = {x[i]:g} is fitted in log space, so it must be "
                    "positive"
                )
            if b[i, 0] < 0:
                raise ParameterError(
                    f"{names[i]} is fitted in log space: its lower bound "
                    f"{b[i, 0]:g} must not be negative"
                )
        if not b[i, 0] <= x[i] <= b[i, 1]:
            raise ParameterError(
                f"{names[i]} = {x[i]:g} is outside its bounds "
                f"({b[i, 0]:g}, {b[i, 1]:g})"
            )
    if not 0 < rel_step < 0.5:
        raise ParameterError(f"rel_step = {rel_step}: it must be in (0, 0.5)")
    return x, names, log, b


def _coordinates(x, log):
    return np.array([math.log(v) if lg else v for v, lg in zip(x, log, strict=True)])


def _natural(u, log):
    return np.array([math.exp(v) if lg else v for v, lg in zip(u, log, strict=True)])


def _coordinate_bounds(b, log):
    cb = b.copy()
    for i, lg in enumerate(log):
        if lg:
            with np.errstate(divide="ignore"):
                cb[i] = np.log(b[i])  # a lower bound of 0 becomes -inf
    return cb


def _call(residuals, x, n=None):
    """The residual vector at x, or (None, reason) when it fails."""
    try:
        r = np.asarray(residuals(np.array(x, dtype=float)), dtype=float).ravel()
    except Exception as exc:  # the model failed there: reported, never raised
        return None, f"{type(exc).__name__}: {exc}"
    if n is not None and r.size != n:
        return None, f"returned {r.size} residuals instead of {n}"
    bad = int((~np.isfinite(r)).sum())
    if bad:
        return None, f"{bad} of {r.size} residuals were not finite"
    return r, ""


def _residuals_at(residuals, x):
    try:
        r = np.asarray(residuals(np.array(x, dtype=float)), dtype=float).ravel()
    except Exception as exc:
        raise ParameterError(
            "the residuals cannot be evaluated at the given parameter values "
            f"({type(exc).__name__}: {exc}): no uncertainty can be estimated there"
        ) from exc
    if r.size == 0:
        raise DataError("the residual function returned no residuals (no data?)")
    bad = int((~np.isfinite(r)).sum())
    if bad:
        raise DataError(
            f"{bad} of {r.size} residuals at the given parameter values are not "
            "finite (NaN in the data or the model output?)"
        )
    return r


# ---------------------------------------------------------------------------
# the Jacobian


def _step(u_i, lo, hi, log_i, rel_step):
    """The finite-difference step of one fitting coordinate.

    Log coordinates: ``rel_step`` itself (a step of ``rel_step`` in ``log x`` is a
    relative change of ``rel_step`` in x). Linear coordinates: ``rel_step * |x|``,
    or ``rel_step * (hi - lo)`` for a value near 0 (``|x| < 1e-3 (hi - lo)``),
    or ``rel_step`` for a value of 0 without finite bounds.
    """
    if log_i:
        return rel_step
    width = hi - lo
    if math.isfinite(width) and abs(u_i) < 1e-3 * width:
        return rel_step * width
    return rel_step * (abs(u_i) if u_i != 0 else 1.0)


def _jacobian(residuals, x, log, b, rel_step, r0):
    """(J, failures): J in the fitting coordinates, failures {column: reason}."""
    u0 = _coordinates(x, log)
    cb = _coordinate_bounds(b, log)
    n, p = r0.size, x.size
    J = np.full((n, p), np.nan)
    failures = {}

    def at(i, du):
        u = u0.copy()
        u[i] += du
        xi = _natural(u, log)
        # exp(log x) may round just outside a bound that x sits on
        xi[i] = min(max(xi[i], b[i, 0]), b[i, 1])
        return _call(residuals, xi, n)

    for i in range(p):
        lo, hi = cb[i]
        h = _step(u0[i], lo, hi, log[i], rel_step)
        up, down = u0[i] + h <= hi, u0[i] - h >= lo
        if up and down:  # central, second order
            rp, why = at(i, h)
            rm, why2 = at(i, -h) if rp is not None else (None, "")
            if rp is None or rm is None:
                failures[i] = why or why2
                continue
            J[:, i] = (rp - rm) / (2 * h)
            continue
        # one-sided, away from the bound; second order when 2h fits inside
        sign = 1.0 if up else -1.0
        if not (up or down):  # the bounds are closer than h on both sides
            room_up, room_down = hi - u0[i], u0[i] - lo
            sign = 1.0 if room_up >= room_down else -1.0
            h = max(room_up, room_down)
        if (sign > 0 and u0[i] + 2 * h <= hi) or (sign < 0 and u0[i] - 2 * h >= lo):
            r1, why = at(i, sign * h)
            r2, why2 = at(i, 2 * sign * h) if r1 is not None else (None, "")
            if r1 is None or r2 is None:
                failures[i] = why or why2
                continue
            J[:, i] = sign * (-3 * r0 + 4 * r1 - r2) / (2 * h)
        else:
            r1, why = at(i, sign * h)
            if r1 is None:
                failures[i] = why
                continue
            J[:, i] = sign * (r1 - r0) / h
    return J, failures


def jacobian(residuals, x, *, log_scale, bounds, rel_step=1e-3) -> np.ndarray:
    """The Jacobian of the residuals in the fitting coordinates (n x p).

    Column ``i`` is ``d residuals / d u_i`` with ``u_i = log x_i`` for a
    parameter fitted in log space and ``u_i = x_i`` otherwise, by central
    differences with the step of :func:`_step` (``rel_step`` in ``log x``;
    ``rel_step |x|`` for a linear parameter, ``rel_step (hi - lo)`` near 0).
    Where a step would leave the bounds (natural units, ``(lo, hi)`` pairs,
    ``None`` for no bound), the difference is one-sided away from the bound
    (second order, ``(-3 r0 + 4 r(h) - r(2h)) / 2h``, when two steps fit inside,
    first order otherwise). When a residual call raises, returns non-finite
    values or a different number of residuals, that column is NaN.

    Args:
        residuals: ``residuals(x) -> array``, x in natural units.
        x: the parameter values (natural units), e.g. the optimum.
        log_scale: one bool per parameter (or one bool for all).
        bounds: one ``(lower, upper)`` pair per parameter, natural units.
        rel_step: the relative step.
    """
    x, _, log, b = _checked(x, None, log_scale, bounds, rel_step)
    r0 = _residuals_at(residuals, x)
    return _jacobian(residuals, x, log, b, rel_step, r0)[0]


# ---------------------------------------------------------------------------
# the result


def _json(v):
    """Plain JSON data: arrays to lists, NaN and infinities to None."""
    if isinstance(v, dict):
        return {str(k): _json(w) for k, w in v.items()}
    if isinstance(v, list | tuple):
        return [_json(w) for w in v]
    if isinstance(v, np.ndarray):
        return _json(v.tolist())
    if isinstance(v, bool | np.bool_):
        return bool(v)
    if isinstance(v, int | np.integer):
        return int(v)
    if isinstance(v, float | np.floating):
        v = float(v)
        return v if math.isfinite(v) else None
    return v


@dataclass
class Uncertainty:
    """Standard deviations, correlations and identifiability at a fit's optimum.

    Attributes:
        names: the parameter names (with units, e.g. ``"Sb diffusivity [m2.s-1]"``).
        x: the parameter values, natural units.
        std: standard deviations, natural units (delta method for log-space
            parameters: ``std = x * std_coordinate``); NaN where undefined (a
            parameter the data do not determine, or whose Jacobian failed).
        std_coordinate: standard deviations in the fitting coordinates (of
            ``log x`` for log-space parameters).
        correlation: p x p correlation matrix, NaN where undefined. Between two
            parameters the data do not determine it is the correlation along the
            undetermined direction(s) (r = -1: only their product is determined).
        covariance: p x p covariance in the fitting coordinates (NaN rows and
            columns for parameters the data do not determine).
        reduced_chi2: ``SSE / (n - p)`` (NaN when n <= p).
        identifiable: one bool per parameter.
        reasons: ``""`` for an identifiable parameter, else why not, in words.
        log_scale: one bool per parameter.
        bounds: p x 2, natural units (+-inf for none).
        relative_std: ``std / |x|`` for a linear parameter, ``std_coordinate``
            (known within a factor ``exp(std_coordinate)``) for a log one.
        profiles: name -> (values, costs), the cost (sum of squares) along each
            parameter over its bounds with the others at x (when profiled).
        n_data: the number of residuals.
        sse: the sum of squares at x.
        scaled_by_chi2: whether the covariance was multiplied by reduced_chi2.
        max_relative_std, max_correlation: the thresholds used.
        profile_threshold: the cost increase a profile must exceed somewhere in
            its range not to be flat (1, times reduced_chi2 when scaled).
    """

    names: list
    x: np.ndarray
    std: np.ndarray
    std_coordinate: np.ndarray
    correlation: np.ndarray
    covariance: np.ndarray
    reduced_chi2: float
    identifiable: list
    reasons: list
    log_scale: list = field(default_factory=list)
    bounds: np.ndarray | None = None
    relative_std: np.ndarray | None = None
    profiles: dict = field(default_factory=dict)
    n_data: int = 0
    sse: float = math.nan
    scaled_by_chi2: bool = True
    max_relative_std: float = 0.5
    max_correlation: float = 0.95
    profile_threshold: float = 1.0

    def to_dict(self) -> dict:
        """Plain JSON-able data (lists, floats, str, bool; NaN -> None)."""
        return _json(
            {
                "names": list(self.names),
                "x": self.x,
                "std": self.std,
                "std_coordinate": self.std_coordinate,
                "relative_std": self.relative_std,
                "correlation": self.correlation,
                "covariance": self.covariance,
                "reduced_chi2": self.reduced_chi2,
                "identifiable": list(self.identifiable),
                "reasons": list(self.reasons),
                "log_scale": list(self.log_scale),
                "bounds": self.bounds,
                "profiles": {
                    k: {"values": v, "costs": c} for k, (v, c) in self.profiles.items()
                },
                "n_data": self.n_data,
                "sse": self.sse,
                "scaled_by_chi2": self.scaled_by_chi2,
                "max_relative_std": self.max_relative_std,
                "max_correlation": self.max_correlation,
                "profile_threshold": self.profile_threshold,
            }
        )


# ---------------------------------------------------------------------------
# the estimate


def _profile(residuals, x, i, log, b, points, n):
    """(values, costs) along parameter i over its bounds, or None (unbounded)."""
    lo, hi = b[i]
    if not (math.isfinite(lo) and math.isfinite(hi)) or (log[i] and lo <= 0):
        return None
    grid = np.geomspace(lo, hi, points) if log[i] else np.linspace(lo, hi, points)
    values = np.unique(np.append(grid, x[i]))
    costs = np.empty(values.size)
    for k, v in enumerate(values):
        xk = x.copy()
        xk[i] = v
        r, _ = _call(residuals, xk, n)
        costs[k] = np.nan if r is None else float(r @ r)
    return values, costs


def _fmt(v):
    return f"{v:.4g}" if np.isfinite(v) else "n/a"


def estimate(
    residuals,
    x,
    names,
    *,
    log_scale,
    bounds,
    rel_step=1e-3,
    scale_by_chi2=True,
    max_relative_std=0.5,
    max_correlation=0.95,
    profile_points=0,
) -> Uncertainty:
    """Standard deviations, correlations and identifiability at x (the optimum).

    The covariance is the Gauss-Newton ``(J^T J)^-1`` in the fitting coordinates
    (:func:`jacobian`), from a singular value decomposition of J with its columns
    scaled to unit norm. Singular values below ``RANK_RTOL`` times the largest are
    directions the data do not determine: the parameters with components larger
    than ``NULL_COMPONENT`` in them get NaN standard deviations and are flagged
    (alone: "the cost does not change"; with others: "only their combination is
    determined"); the covariance of the others is the pseudo-inverse's. A
    parameter whose Jacobian column failed is left out of the decomposition (the
    others' standard deviations are then those with it held fixed).

    With ``scale_by_chi2`` the covariance is multiplied by the reduced chi-square
    ``SSE / (n - p)``, i.e. the noise level is estimated from the misfit rather
    than taken from the residuals' weights.

    A parameter is identifiable when its relative standard deviation (``std /
    |x|``; for a log-space parameter ``std(log x)``, a factor ``exp(std)``) is
    below ``max_relative_std`` and its correlation with every other parameter is
    below ``max_correlation`` in magnitude.

    With ``profile_points > 0`` the cost is also evaluated at that many values of
    each parameter over its bounds (log-spaced for a log-space parameter; the
    others at x; parameters without finite bounds are not profiled). A profile
    whose cost stays within ``profile_threshold`` (1, times the reduced
    chi-square when ``scale_by_chi2``) over the whole range is "not determined".

    Args:
        residuals: ``residuals(x) -> array`` of weighted residuals (each divided
            by its noise standard deviation), x in natural units.
        x: the parameter values (natural units), normally the optimum.
        names: one name per parameter, with units.
        log_scale: one bool per parameter (or one for all): fitted in log space.
        bounds: one ``(lower, upper)`` pair per parameter, natural units.
        rel_step: the finite-difference step (see :func:`jacobian`).
        scale_by_chi2: multiply the covariance by the reduced chi-square.
        max_relative_std: the largest relative std of an identifiable parameter.
        max_correlation: the largest |r| with another parameter.
        profile_points: values per parameter profile (0: no profiles).

    Raises:
        ParameterError: arguments that do not fit together, values outside their
            bounds, or residuals that cannot be evaluated at x itself.
        DataError: non-finite residuals at x, or (with ``scale_by_chi2``) no more
            data points than parameters.
    """
    x, names, log, b = _checked(x, names, log_scale, bounds, rel_step)
    if not max_relative_std > 0:
        raise ParameterError(f"max_relative_std = {max_relative_std}: must be > 0")
    if not 0 < max_correlation <= 1:
        raise ParameterError(f"max_correlation = {max_correlation}: must be in (0, 1]")
    if (
        int(profile_points) != profile_points
        or (0 < profile_points < 3)
        or (profile_points < 0)
    ):
        raise ParameterError(
            f"profile_points = {profile_points}: give 0 (no profiles) or at least 3"
        )
    profile_points = int(profile_points)
    p = x.size
    r0 = _residuals_at(residuals, x)
    n = r0.size
    sse = float(r0 @ r0)
    reduced = sse / (n - p) if n > p else math.nan
    if scale_by_chi2 and n <= p:
        raise DataError(
            f"{n} data points for {p} parameters: the noise level cannot be "
            "estimated from the misfit (pass scale_by_chi2=False to trust the "
            "residuals' weights)"
        )
    scale = reduced if scale_by_chi2 else 1.0

    J, failures = _jacobian(residuals, x, log, b, rel_step, r0)
    ok = np.array([i not in failures for i in range(p)])
    cols = np.flatnonzero(ok)

    cov = np.full((p, p), np.nan)
    corr = np.full((p, p), np.nan)
    null = np.zeros(p, dtype=bool)
    if cols.size:
        Js = J[:, cols]
        norms = np.linalg.norm(Js, axis=0)
        d = np.where(norms > 0, norms, 1.0)
        _, s, vt = np.linalg.svd(Js / d, full_matrices=False)
        smax = s[0] if s.size and s[0] > 0 else 0.0
        keep = s > RANK_RTOL * smax if smax > 0 else np.zeros(s.size, dtype=bool)
        if s.size < cols.size:  # n < p: complete the right singular vectors
            vt = np.linalg.svd((Js / d).T, full_matrices=True)[0].T
            s = np.append(s, np.zeros(cols.size - s.size))
            keep = np.append(keep, np.zeros(cols.size - keep.size, dtype=bool))
        v_null = vt[~keep].T
        weight = np.linalg.norm(v_null, axis=1)
        null_sub = weight > NULL_COMPONENT
        # the pseudo-inverse over the determined directions, unscaled
        v_keep = vt[keep].T
        cov_s = (v_keep / s[keep] ** 2) @ v_keep.T
        cov_sub = cov_s / np.outer(d, d) * scale
        sd = np.sqrt(np.clip(np.diag(cov_sub), 0, None))
        with np.errstate(divide="ignore", invalid="ignore"):
            corr_sub = cov_sub / np.outer(sd, sd)
        # along the undetermined directions: the correlation of the null space
        gram = v_null @ v_null.T
        gw = np.sqrt(np.clip(np.diag(gram), 0, None))
        with np.errstate(divide="ignore", invalid="ignore"):
            corr_null = gram / np.outer(gw, gw)
        for a, i in enumerate(cols):
            null[i] = null_sub[a]
            for c, j in enumerate(cols):
                if null_sub[a] and null_sub[c]:
                    corr[i, j] = corr_null[a, c]
                elif not (null_sub[a] or null_sub[c]):
                    corr[i, j] = corr_sub[a, c]
                    cov[i, j] = cov_sub[a, c]
            corr[i, i] = 1.0
        corr = np.clip(corr, -1.0, 1.0)
    std_u = np.sqrt(np.diag(cov))  # NaN for failed and null parameters
    std = np.array(
        [x[i] * std_u[i] if log[i] else std_u[i] for i in range(p)], dtype=float
    )
    rel = np.full(p, np.nan)
    for i in range(p):
        if log[i]:
            rel[i] = std_u[i]
        else:
            ref = abs(x[i])
            if ref == 0 and math.isfinite(b[i, 1] - b[i, 0]):
                ref = b[i, 1] - b[i, 0]
            rel[i] = std_u[i] / ref if ref > 0 else math.inf

    profiles = {}
    threshold = 1.0 * scale
    flat = np.zeros(p, dtype=bool)
    flat_rise = np.full(p, np.nan)
    if profile_points:
        for i in range(p):
            prof = _profile(residuals, x, i, log, b, profile_points, n)
            if prof is None:
                continue
            profiles[names[i]] = prof
            good = np.isfinite(prof[1])
            if good.sum() >= 2:
                rise = float(prof[1][good].max() - min(prof[1][good].min(), sse))
                flat_rise[i] = rise
                flat[i] = rise <= threshold

    identifiable, reasons = [], []
    for i in range(p):
        why = []
        name = names[i]
        if i in failures:
            why.append(
                f"the residuals could not be evaluated near the fitted value "
                f"({failures[i]}): the uncertainty of {name} is unknown"
            )
        if flat[i]:
            lo, hi = b[i]
            why.append(
                f"the cost hardly changes over its whole range ({_fmt(lo)} to "
                f"{_fmt(hi)}: at most +{flat_rise[i]:.3g}): {name} cannot be "
                "determined from these data"
            )
        partners = [
            j
            for j in range(p)
            if j != i and np.isfinite(corr[i, j]) and abs(corr[i, j]) >= max_correlation
        ]
        if null[i] and not partners and not flat[i]:
            why.append(
                f"the cost does not change when {name} changes (its residuals do "
                f"not depend on it here): {name} cannot be determined from these data"
            )
        if partners:
            listed = ", ".join(f"{names[j]} (r = {corr[i, j]:.3f})" for j in partners)
            why.append(
                f"correlated with {listed}: only their combination is determined"
            )
        if i not in failures and not null[i] and not rel[i] < max_relative_std:
            if log[i]:
                why.append(
                    f"too uncertain: known only within a factor "
                    f"{_fmt(math.exp(min(rel[i], 700)))} (std of log = "
                    f"{_fmt(rel[i])} > {_fmt(max_relative_std)})"
                )
            else:
                why.append(
                    f"too uncertain: relative std {_fmt(100 * rel[i])} % "
                    f"(> {_fmt(100 * max_relative_std)} %)"
                )
        identifiable.append(not why)
        reasons.append("; ".join(why))

    return Uncertainty(
        names=names,
        x=x,
        std=std,
        std_coordinate=std_u,
        correlation=corr,
        covariance=cov,
        reduced_chi2=reduced,
        identifiable=identifiable,
        reasons=reasons,
        log_scale=log,
        bounds=b,
        relative_std=rel,
        profiles=profiles,
        n_data=n,
        sse=sse,
        scaled_by_chi2=bool(scale_by_chi2),
        max_relative_std=float(max_relative_std),
        max_correlation=float(max_correlation),
        profile_threshold=threshold,
    )


# ---------------------------------------------------------------------------
# words, table, figure


def correlation_words(unc: Uncertainty, threshold=None) -> list[str]:
    """One sentence per pair of parameters correlated above ``threshold``
    (default: ``unc.max_correlation``), strongest first."""
    t = unc.max_correlation if threshold is None else threshold
    pairs = []
    p = len(unc.names)
    for i in range(p):
        for j in range(i + 1, p):
            r = unc.correlation[i, j]
            if np.isfinite(r) and abs(r) >= t:
                pairs.append((abs(r), i, j, r))
    words = []
    for _, i, j, r in sorted(pairs, reverse=True):
        a, b = unc.names[i], unc.names[j]
        how = "raising" if r > 0 else "lowering"
        words.append(
            f"{a} and {b} are strongly correlated (r = {r:.3f}): raising one and "
            f"{how} the other fits the data almost equally well, so the data "
            "determine only their combination, not each separately."
        )
    return words


def uncertainty_table(unc: Uncertainty) -> str:
    """A markdown table: parameter, value, std, relative std (or the factor for a
    log-space parameter), identifiable, reason; numbers to 4 significant digits."""
    lines = [
        "| Parameter | Value | Std | Relative std / factor | Identifiable | Reason |",
        "|---|---|---|---|---|---|",
    ]
    for i, name in enumerate(unc.names):
        rel = unc.relative_std[i] if unc.relative_std is not None else math.nan
        log = unc.log_scale[i] if unc.log_scale else False
        if not np.isfinite(rel):
            spread = "n/a"
        elif log:
            spread = f"×{_fmt(math.exp(min(rel, 700)))}"
        else:
            spread = f"{_fmt(100 * rel)} %"
        reason = unc.reasons[i].replace("|", "\\|") or "–"
        lines.append(
            f"| {name.replace('|', chr(92) + '|')} | {_fmt(unc.x[i])} | "
            f"{_fmt(unc.std[i])} | {spread} | "
            f"{'yes' if unc.identifiable[i] else 'no'} | {reason} |"
        )
    return "\n".join(lines) + "\n"


def posterior_figure(unc: Uncertainty):
    """The correlation matrix as a heatmap and, when profiles exist, one panel per
    profiled parameter (cost against value, log x for log-space parameters, the
    fitted value and the flatness threshold marked). Agg canvas; not saved."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    p = len(unc.names)
    profiled = [n for n in unc.names if n in unc.profiles]
    k = len(profiled)
    ncols = min(3, k) if k else 0
    nrows = math.ceil(k / ncols) if k else 0
    side = max(3.5, 0.9 * p + 2)
    # room for the long parameter names below and left of the matrix and for
    # the colour bar (at the matrix's bare size they and the title overlapped)
    width = side + 3.0 + 3.4 * ncols
    height = max(side + 1.5, 2.8 * nrows)
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    if k:
        grid = fig.add_gridspec(nrows, 1 + ncols, width_ratios=[side] + [3.4] * ncols)
        ax = fig.add_subplot(grid[:, 0])
    else:
        ax = fig.add_subplot(1, 1, 1)
    corr = np.ma.masked_invalid(np.asarray(unc.correlation, dtype=float))
    im = ax.imshow(corr, vmin=-1, vmax=1, cmap="RdBu_r")
    ax.set_facecolor("0.85")  # undefined cells
    ax.set_xticks(range(p), unc.names, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(p), unc.names, fontsize=8)
    for i in range(p):
        for j in range(p):
            r = unc.correlation[i, j]
            ax.text(
                j,
                i,
                f"{r:.2f}" if np.isfinite(r) else "n/a",
                ha="center",
                va="center",
                fontsize=7,
                color="white" if np.isfinite(r) and abs(r) > 0.6 else "black",
            )
    ax.set_title("Parameter correlations", fontsize=10)
    fig.colorbar(im, ax=ax, label="correlation r", shrink=0.8)
    for m, name in enumerate(profiled):
        i = unc.names.index(name)
        pax = fig.add_subplot(grid[m // ncols, 1 + m % ncols])
        values, costs = unc.profiles[name]
        good = np.isfinite(costs)
        pax.plot(values[good], costs[good], "o-", ms=3, color="C0")
        if (~good).any():
            bottom = np.nanmin(costs) if good.any() else 0.0
            pax.plot(
                values[~good], np.full((~good).sum(), bottom), "rx", label="failed"
            )
        pax.axvline(unc.x[i], color="0.4", ls="--", lw=1, label="fitted value")
        if good.any():
            base = min(np.nanmin(costs), unc.sse)
            pax.axhline(
                base + unc.profile_threshold,
                color="C3",
                ls=":",
                lw=1,
                label=f"minimum + {unc.profile_threshold:.3g}",
            )
        pax.legend(frameon=False, fontsize=6)
        if unc.log_scale and unc.log_scale[i]:
            pax.set_xscale("log")
        pax.set_xlabel(name, fontsize=8)
        pax.set_ylabel("cost (sum of squares)", fontsize=8)
        pax.tick_params(labelsize=7)
        verdict = "identifiable" if unc.identifiable[i] else "not identifiable"
        pax.set_title(
            verdict, fontsize=8, color="black" if unc.identifiable[i] else "C3"
        )
    return fig
