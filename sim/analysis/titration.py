"""GITT analysis on plain arrays (simulated or measured): find the pulses, and
estimate a diffusion coefficient per pulse by Weppner-Huggins (WH).

Weppner & Huggins, J. Electrochem. Soc. 124 (1977) 1569, for spheres of radius R
(V_M / S = R / 3)::

    D = 4 / (pi tau) (R / 3)^2 (dE_s / dE_t)^2

with tau the pulse duration, dE_s the change of the relaxed (end-of-rest) voltage
across the pulse and dE_t the voltage change *during* the pulse without the ohmic
jump. dE_t is taken from a straight-line fit of E against sqrt(t - t_0) over the
pulse (E is linear in sqrt(t) for semi-infinite diffusion), times sqrt(tau), so the
jump at t_0 drops out. For spheres the formula carries a curvature bias that grows
with sqrt(D tau)/R (measured: -20 % at tau = 0.01 R^2/D). Valid for tau << R^2/D, a solid solution and small steps; on
two-phase plateaus dE_s -> 0 and WH reports spuriously small D (Kang & Chueh,
J. Electrochem. Soc. 168 (2021) 120504 review the scatter this causes).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from sim.analysis._arrays import increasing_time, paired_arrays
from sim.errors import DataError


@dataclass(frozen=True)
class Pulse:
    start: int  # index of the first point of the pulse
    end: int  # index of its last point
    rest_end: int  # index of the last point of the following rest
    before: int  # index of the last point of the preceding rest


def find_pulses(time, current, min_points=5):
    """Pulses = runs of nonzero current between rests (zero current).

    A pulse is complete when a rest comes before it (its voltage before the
    pulse, the relaxed state Weppner-Huggins needs) and after it; a record that
    starts with the current on, or ends before the last rest, leaves that pulse
    out (start a titration record with a rest). ``min_points``: fewest samples
    of a pulse."""
    t, i = paired_arrays(time, current, ("time", "current"), 3, "a GITT record")
    increasing_time(t, "a GITT record")
    scale = np.max(np.abs(i))
    if scale == 0:
        raise DataError("no current pulses: the current is zero throughout")
    on = np.abs(i) > 1e-6 * scale
    edges = np.flatnonzero(np.diff(on.astype(int)))
    starts = [e + 1 for e in edges if not on[e]]
    ends = [e for e in edges if on[e]]
    pulses = []
    for s in starts:
        later = [e for e in ends if e >= s]
        if not later or s == 0:
            continue
        e = later[0]
        nxt = [x for x in starts if x > e]
        rest_end = (nxt[0] - 1) if nxt else t.size - 1
        if e - s + 1 >= min_points and rest_end > e:
            pulses.append(Pulse(start=s, end=e, rest_end=rest_end, before=s - 1))
    if not pulses:
        raise DataError("no complete pulse (current on, then a rest) found")
    return pulses


def weppner_huggins(time, voltage, pulse, length, geometry="sphere"):
    """WH diffusion coefficient [m2/s] of one pulse (see module docstring).

    length : particle radius (``"sphere"``, V_M/S = R/3) or film thickness
    (``"planar"``, V_M/S = L) [m].
    """
    if geometry not in ("sphere", "planar"):
        raise DataError(f"geometry {geometry!r}: must be 'sphere' or 'planar'")
    length = _positive_length(length)
    vs = length / 3 if geometry == "sphere" else length
    t, E = paired_arrays(time, voltage, ("time", "voltage"), 3, "a GITT record")
    _check_pulse(pulse, t.size)
    sl = slice(pulse.start, pulse.end + 1)
    tau = t[pulse.end] - t[pulse.before]
    if tau <= 0:
        raise DataError("pulse of zero duration")
    s = np.sqrt(np.maximum(t[sl] - t[pulse.before], 0))
    slope = np.polyfit(s, E[sl], 1)[0]
    dE_t = slope * np.sqrt(tau)
    dE_s = E[pulse.rest_end] - E[pulse.before]
    if dE_t == 0:
        return np.nan
    return 4 / (np.pi * tau) * vs**2 * (dE_s / dE_t) ** 2


def _positive_length(length):
    try:
        value = float(length)
    except (TypeError, ValueError):
        raise DataError(
            f"diffusion length must be a number in m, got {length!r}"
        ) from None
    if not np.isfinite(value) or value <= 0:
        raise DataError(f"diffusion length = {length!r} m: must be a finite number > 0")
    return value


def _check_pulse(pulse, n):
    """A pulse's indices must lie in the record and in order."""
    if not isinstance(pulse, Pulse):
        raise DataError(f"pulse must be a Pulse from find_pulses, got {pulse!r}")
    indices = (pulse.before, pulse.start, pulse.end, pulse.rest_end)
    if not (0 <= pulse.before < pulse.start <= pulse.end < pulse.rest_end < n):
        raise DataError(
            f"pulse indices (before, start, end, rest end) = {indices} do not fit a "
            f"record of {n} points; take the pulses from find_pulses on this record"
        )


def titration_curve(time, current, voltage, pulses):
    """Relaxed voltage at each rest end against the state reached, from the charge
    passed: returns (state 0..1 of the titration, relaxed voltage, total charge [A.s]).
    This is the GITT estimate of the equilibrium curve, of the direction measured."""
    t, I = paired_arrays(time, current, ("time", "current"), 3, "a GITT record")
    _, V = paired_arrays(time, voltage, ("time", "voltage"), 3, "a GITT record")
    increasing_time(t, "a GITT record")
    pulses = list(pulses)
    if not pulses:
        raise DataError("no pulses given: find them with find_pulses(time, current)")
    for pulse in pulses:
        _check_pulse(pulse, t.size)
    q = np.r_[0, np.cumsum(0.5 * (I[1:] + I[:-1]) * np.diff(t))]
    q_total = q[pulses[-1].rest_end]
    if q_total == 0:
        raise DataError("no net charge passed in the titration")
    idx = [p.before for p in pulses] + [pulses[-1].rest_end]
    return q[idx] / q_total, V[idx], float(q_total)


SWITCH_SETTLE = 1.0
"""[s] after a current switch, samples left out of a pulse fit (the cell's double
layer is still charging; the fitted single particle has none)."""


def _settled_weights(time, current):
    """Domain (time-spacing) weights, zero for the samples within SWITCH_SETTLE
    of a current switch (and the sample taken at the switching instant)."""
    t = np.asarray(time, dtype=float)
    I = np.asarray(current, dtype=float)
    dt = np.diff(t)
    spacing = np.r_[dt[0], dt] + np.r_[dt, dt[-1]]
    w = spacing / spacing.mean()
    switches = t[1:][np.abs(np.diff(I)) > 1e-9 * max(np.abs(I).max(), 1e-300)]
    for ts in switches:
        w[(t >= ts) & (t < ts + SWITCH_SETTLE)] = 0.0
    # the sample recorded at the switch with the old current is the rest's end:
    # it stays; the one with the new current at the same instant is excluded
    return w


TAU_BOUNDS = (1e-2, 1e8)
"""[s] the diffusion times a pulse fit may report."""

R0_BOUNDS = (1e-6, 1e7)
"""[Ohm] the series resistances a pulse fit may report."""

TAU_GRID_PER_DECADE = 2
"""Points per decade of the coarse log grid over TAU_BOUNDS on which a pulse fit
looks for the basin of its best diffusion time before refining it."""

LOG_TAU_TOLERANCE = 1e-3
"""Tolerance of the refined ln(tau) (a relative 0.1 % in D)."""

SOLVER_TOLERANCE = 1e-8
"""Relative and absolute tolerance of the pulse fits' solves. PyBOP's recommended
solver uses 1e-6, at which the cost over tau has small steps where the solver's
step sequence across the current switches changes, and a fit can settle on one
of them instead of the optimum of the converged model (any optimiser: the
Nelder-Mead of GITTPulseFit did too)."""

_FAILED = 1e6
"""[V] stand-in cost of a diffusion time whose solve fails (for the Brent
searches, which need finite values)."""

_MODEL_CACHE = {}
_MODEL_CACHE_SIZE = 4


class _TitrationModel:
    """PyBOP's single-particle diffusion model (``pybop.lithium_ion.SPDiffusion``)
    of one titration, built once: the titration's equilibrium curve, capacity and
    current record are fixed, the diffusion time and the initial stoichiometry are
    inputs, so every pulse and every trial diffusion time re-solves the same built
    model (PyBOP's recommended IDAKLU solver, as GITTPulseFit uses, with
    SOLVER_TOLERANCE). Each solve runs from zero on the pulse's own times, as
    PyBOP's does on a pulse's dataset; the current is the record's at the pulse's
    start plus that time (a third input).

    The series resistance enters the model's voltage linearly (V = U(surface
    stoichiometry) - R0 I in SPDiffusion), and the stoichiometry does not depend
    on it: the model is solved for U, and R0 is applied by the caller."""

    OUTPUT = "Open-circuit voltage [V]"
    TAU = "Particle diffusion time scale [s]"
    STO = "Initial stoichiometry"
    T0 = "Pulse start time [s]"

    def __init__(self, t_knots, I_knots, xs, ys, q_total):
        import pybamm
        import pybop

        def ocp(sto):
            return pybamm.Interpolant(
                xs, ys, sto, name="titration_ocv", extrapolate=True
            )

        def current(time):
            # (a function of the time: PyBaMM gives an Interpolant value the
            # parameter's own input, the time, as its child)
            return pybamm.Interpolant(
                t_knots, I_knots, time + pybamm.InputParameter(self.T0)
            )

        pv = pybamm.ParameterValues(
            {
                "Theoretical electrode capacity [A.s]": abs(q_total),
                self.STO: "[input]",
                "Electrode OCP [V]": ocp,
                self.TAU: "[input]",
                # applied outside the solve (see the class docstring)
                "Series resistance [Ohm]": 0.0,
                "Nominal cell capacity [A.h]": abs(q_total) / 3600,
                # PyBOP's linear interpolant of the dataset's current (here of the
                # titration's record: a pulse is a contiguous part of its knots)
                "Current function [A]": current,
            }
        )
        self.sim = pybamm.Simulation(
            pybop.lithium_ion.SPDiffusion(),
            parameter_values=pv,
            solver=_solver(self.OUTPUT),
        )
        self.sim.build()

    def open_circuit_voltage(self, taus, sto0, t):
        """U at the times ``t`` (from the initial stoichiometry ``sto0`` at t[0])
        for each diffusion time in ``taus``; None where the solve fails or stops
        early (a surface stoichiometry limit), as PyBOP's failure cost."""
        t0 = float(t[0])
        inputs = [
            {self.STO: float(sto0), self.TAU: float(x), self.T0: t0} for x in taus
        ]
        options = {"t_eval": [0.0, float(t[-1] - t0)], "t_interp": t - t0}
        try:
            if len(inputs) == 1:
                solutions = [self.sim.solve(inputs=inputs[0], **options)]
            else:  # one call: IDAKLU solves the input sets together
                solutions = list(self.sim.solve(inputs=inputs, **options))
        except Exception:  # one by one, a failed solve is no solution (PyBOP)
            solutions = []
            for x in inputs:
                try:
                    solutions.append(self.sim.solve(inputs=x, **options))
                except Exception:
                    solutions.append(None)
        out = []
        for sol in solutions:
            if sol is None or getattr(sol, "termination", "") == "failure":
                out.append(None)
                continue
            u = np.asarray(sol[self.OUTPUT].data, dtype=float).ravel()
            out.append(u if u.size == t.size and np.all(np.isfinite(u)) else None)
        return out


def _solver(output):
    """PyBOP's recommended solver (IDAKLU) with SOLVER_TOLERANCE."""
    import pybop

    solver = pybop.pybamm.RecommendedSolver(output_variables=[output])
    solver.rtol = solver.atol = SOLVER_TOLERANCE
    return solver


def _titration_model(t_knots, I_knots, xs, ys, q_total):
    """The built model of a titration, from a small cache keyed by its content
    (the pulses of one titration share it)."""
    h = hashlib.blake2b(digest_size=16)
    scalars = np.asarray([q_total, SOLVER_TOLERANCE], dtype=float)
    for a in (t_knots, I_knots, xs, ys, scalars):
        h.update(np.ascontiguousarray(a, dtype=float).tobytes())
    key = h.digest()
    model = _MODEL_CACHE.pop(key, None)
    if model is None:
        model = _TitrationModel(t_knots, I_knots, xs, ys, q_total)
    _MODEL_CACHE[key] = model  # most recently used last
    while len(_MODEL_CACHE) > _MODEL_CACHE_SIZE:
        _MODEL_CACHE.pop(next(iter(_MODEL_CACHE)))
    return model


def series_resistance(ocv, voltage, current, weights):
    """The series resistance that minimises the weighted squared error of
    V = U - R0 I against ``voltage`` (closed-form weighted least squares, R0 is
    linear in the model voltage), clipped to R0_BOUNDS (the error is convex in
    R0, so the clipped value is the bounded optimum)."""
    U, V, I, w = (np.asarray(a, dtype=float) for a in (ocv, voltage, current, weights))
    denominator = np.sum(w * I * I)
    if denominator <= 0:
        return R0_BOUNDS[0]
    r0 = np.sum(w * I * (U - V)) / denominator
    return float(np.clip(r0, *R0_BOUNDS))


def fit_pulse(
    time,
    current,
    voltage,
    pulse,
    state,
    relaxed_voltage,
    q_total,
    length,
    start=None,
):
    """Fit one pulse (with its rest) with PyBOP's single spherical particle
    (``pybop.lithium_ion.SPDiffusion``, the model of PyBOP's GITTPulseFit) on the
    titration's own equilibrium curve: the diffusion time tau = R^2/D and a series
    resistance R0, minimising PyBOP's RMSE cost (``pybop.RootMeanSquaredError``)
    with "domain" (time-spacing) weights and the samples within SWITCH_SETTLE of a
    current switch left out.

    What differs from PyBOP's GITTPulseFit: not its optimiser loop (a 2-D
    Nelder-Mead in log space, which could stop on the flat cost of small tau) but
    a variable projection of the same least-squares problem. R0 enters the
    model's voltage linearly (V = U - R0 I), so for each trial tau the model is
    solved once and the best R0 within R0_BOUNDS follows in closed form
    (:func:`series_resistance`); the remaining 1-D cost over ln(tau) is scanned on
    a log grid over TAU_BOUNDS (TAU_GRID_PER_DECADE, solved in one call) and
    refined by Brent's method from the grid's best point and its neighbours, to
    LOG_TAU_TOLERANCE. The model is built once per titration (the pulse's initial
    stoichiometry, start time and tau are its inputs) and solved with
    SOLVER_TOLERANCE instead of PyBOP's 1e-6. ``start`` = (tau [s], R0 [Ohm]),
    e.g. a neighbouring pulse's fit, adds its tau to the grid (R0 needs no start).
    Returns (D [m2/s], tau [s], R0 [Ohm], RMSE of the fitted voltage [V])."""
    import pybop
    from scipy.optimize import brent, minimize_scalar

    t = np.asarray(time, dtype=float)
    I = np.asarray(current, dtype=float)
    V = np.asarray(voltage, dtype=float)
    idx = np.arange(pulse.before, pulse.rest_end + 1)
    # the fitted particle's stoichiometry must rise with the charge passed in
    # PyBaMM's sign (PyBOP's SPDiffusion: positive current fills the particle and
    # V = U - R0 I): the titration's state for a sodiation (q_total > 0), one
    # minus it for a desodiation, whose current keeps its own (negative) sign, so
    # the series resistance raises the voltage during a desodiation pulse
    flip = q_total < 0
    sto_of_state = np.asarray(state, dtype=float)
    if flip:
        sto_of_state = 1.0 - sto_of_state
    order = np.argsort(sto_of_state)
    xs, ys = sto_of_state[order], np.asarray(relaxed_voltage, dtype=float)[order]
    xs, keep = np.unique(xs, return_index=True)
    ys = ys[keep]

    q = np.r_[0, np.cumsum(0.5 * (I[1:] + I[:-1]) * np.diff(t))]
    sto0 = (1.0 - q[pulse.before] / q_total) if flip else q[pulse.before] / q_total
    # the current is PyBOP's linear interpolant of the record; the titration's
    # whole record when its times increase strictly (one model for all its
    # pulses), else the pulse's own samples
    if np.all(np.diff(t) > 0):
        model = _titration_model(t, I, xs, ys, q_total)
    else:
        model = _titration_model(t[idx], I[idx], xs, ys, q_total)

    dataset = pybop.Dataset(
        {
            "Time [s]": t[idx] - t[pulse.before],
            "Current [A]": I[idx],
            "Voltage [V]": V[idx],
        }
    )
    # the single particle has no double layer: samples taken while the cell's
    # double layer charges after a current switch (the sample at the switching
    # instant and the first SWITCH_SETTLE seconds) do not weigh in the cost;
    # the rest are weighted by their time spacing (PyBOP's "domain" weighting)
    weights = _settled_weights(dataset["Time [s]"], dataset["Current [A]"])
    rmse = pybop.RootMeanSquaredError(dataset)
    rmse.weighting = weights  # (PyBOP 26.3 compares an array weighting to str)
    I_fit, V_fit = dataset["Current [A]"], dataset["Voltage [V]"]

    tried = {}  # ln(tau) (rounded: a point is solved once) -> (cost, R0)

    def evaluate(log_taus):
        log_taus = [round(float(u), 9) for u in log_taus]
        new = list(dict.fromkeys(u for u in log_taus if u not in tried))
        ocvs = model.open_circuit_voltage(np.exp(new), sto0, t[idx]) if new else []
        for u, U in zip(new, ocvs, strict=True):
            if U is None:
                tried[u] = (np.inf, np.nan)
                continue
            r0 = series_resistance(U, V_fit, I_fit, weights)
            tried[u] = (float(rmse(np.atleast_2d(U - r0 * I_fit - V_fit))), r0)
        return [tried[u][0] for u in log_taus]

    lo, hi = np.log(TAU_BOUNDS)
    n = int(round(TAU_GRID_PER_DECADE * np.log10(TAU_BOUNDS[1] / TAU_BOUNDS[0])))
    grid = list(np.linspace(lo, hi, n + 1))
    if start is not None:
        tau_start = float(start[0])
        if np.isfinite(tau_start) and tau_start > 0:
            grid.append(float(np.clip(np.log(tau_start), lo, hi)))
    grid = sorted(set(grid))
    costs = np.asarray(evaluate(grid))
    if not np.any(np.isfinite(costs)):
        raise DataError(
            "no diffusion time within the bounds gives a model solution of this pulse"
        )
    j = int(np.argmin(np.where(np.isfinite(costs), costs, np.inf)))

    def cost_of(u):
        c = evaluate([float(u)])[0]
        return c if np.isfinite(c) else _FAILED

    # refine between the best grid point's neighbours: Brent from the grid's
    # triple where it brackets a minimum, else bounded Brent (the best grid
    # point at a bound, or level with a neighbour)
    if 0 < j < len(grid) - 1 and costs[j] < min(costs[j - 1], costs[j + 1]):
        # (a shifted variable >= 1, so that Brent's relative tolerance is about
        # LOG_TAU_TOLERANCE in ln(tau))
        shift = 1.0 - lo
        brent(
            lambda y: cost_of(y - shift),
            brack=tuple(grid[i] + shift for i in (j - 1, j, j + 1)),
            tol=LOG_TAU_TOLERANCE / (grid[j] + shift),
            maxiter=100,
        )
    else:
        minimize_scalar(
            cost_of,
            bounds=(grid[max(j - 1, 0)], grid[min(j + 1, len(grid) - 1)]),
            method="bounded",
            options={"xatol": LOG_TAU_TOLERANCE},
        )
    best = min(tried, key=lambda u: tried[u][0])
    cost, r0 = tried[best]
    tau = float(np.exp(best))
    return length**2 / tau, tau, float(r0), float(cost)


def analyse_titration(
    time, current, voltage, length, geometry="sphere", fit=True, max_rmse=5e-3
):
    """Per pulse of one titration direction: state at mid-pulse, WH D, fitted D and
    the fit's RMSE. Pulses whose state lies within 5 % of either end are not fitted
    (the single-particle model cannot follow the ends of the equilibrium curve). A
    fit that does not reproduce its pulse within ``max_rmse`` [V] is not a
    measurement: its D is reported as NaN (the RMSE is kept)."""
    pulses = find_pulses(time, current)
    paired_arrays(time, voltage, ("time", "voltage"), 3, "a GITT record")
    state, relaxed, q_total = titration_curve(time, current, voltage, pulses)
    out = {"state": [], "D_wh": [], "D_fit": [], "rmse": []}
    previous = None  # the last accepted fit starts the next one (warm start)
    for k, p in enumerate(pulses):
        mid = 0.5 * (state[k] + state[k + 1])
        out["state"].append(mid)
        out["D_wh"].append(weppner_huggins(time, voltage, p, length, geometry))
        d_fit = rmse = np.nan
        if fit and 0.05 < state[k] and state[k + 1] < 0.95:
            # the last accepted pulse's tau joins the fit's grid (warm start);
            # if the fit fails with it (no finite cost), it is tried without
            for start in (previous, None) if previous is not None else (None,):
                try:
                    d_fit, tau, r0, rmse = fit_pulse(
                        time,
                        current,
                        voltage,
                        p,
                        state,
                        relaxed,
                        q_total,
                        length,
                        start=start,
                    )
                except Exception:  # a pulse that cannot be fitted is NaN, not hidden
                    d_fit = rmse = np.nan
                if np.isfinite(rmse):
                    break
            if not (np.isfinite(rmse) and rmse <= max_rmse):
                d_fit = np.nan  # the fit does not reproduce the pulse
            else:
                previous = (tau, r0)
        out["D_fit"].append(d_fit)
        out["rmse"].append(rmse)
    return {k: np.asarray(v) for k, v in out.items()}
