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
    """Fit one pulse (with its rest) by PyBOP's GITTPulseFit: a single spherical
    particle with the titration's own equilibrium curve, fitting the diffusion time
    tau = R^2/D and a series resistance (PINTS Nelder-Mead in log space; samples
    within SWITCH_SETTLE of a current switch left out). ``start`` = (tau [s],
    R0 [Ohm]) starts the search there (a neighbouring pulse's fit) instead of
    at the guess from the pulse's own voltage step. Returns
    (D [m2/s], tau [s], R0 [Ohm], RMSE of the fitted voltage [V])."""
    import pybamm
    import pybop

    t = np.asarray(time, dtype=float)
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
    xs, ys = sto_of_state[order], np.asarray(relaxed_voltage)[order]
    xs, keep = np.unique(xs, return_index=True)
    ys = ys[keep]

    def ocp(sto):
        return pybamm.Interpolant(xs, ys, sto, name="titration_ocv", extrapolate=True)

    I = np.asarray(current, dtype=float)
    q = np.r_[0, np.cumsum(0.5 * (I[1:] + I[:-1]) * np.diff(t))]
    dataset = pybop.Dataset(
        {
            "Time [s]": t[idx] - t[pulse.before],
            "Current [A]": I[idx],
            "Voltage [V]": np.asarray(voltage, dtype=float)[idx],
        }
    )
    tau_guess = max(10.0, 0.1 * (t[pulse.rest_end] - t[pulse.before]))
    # start the series resistance at the voltage step when the pulse switches on
    # (ohmic + charge-transfer drop; hundreds of Ohm for bulk Sb, ~1 Ohm for nano)
    V_arr = np.asarray(voltage, dtype=float)
    I_pulse = float(np.median(I[pulse.start : pulse.end + 1]))  # not a switch sample
    step = abs(V_arr[min(pulse.start + 1, pulse.end)] - V_arr[pulse.before])
    r0_guess = max(step / abs(I_pulse), 1e-3) if I_pulse != 0 else 1.0
    if start is not None:
        tau_guess, r0_guess = (float(v) for v in start)
    pv = pybamm.ParameterValues(
        {
            "Theoretical electrode capacity [A.s]": abs(q_total),
            "Initial stoichiometry": (1.0 - q[pulse.before] / q_total)
            if flip
            else q[pulse.before] / q_total,
            "Electrode OCP [V]": ocp,
            "Particle diffusion time scale [s]": tau_guess,
            "Series resistance [Ohm]": r0_guess,
            "Nominal cell capacity [A.h]": abs(q_total) / 3600,
            "Current function [A]": 0.0,
        }
    )
    # the single particle has no double layer: samples taken while the cell's
    # double layer charges after a current switch (the sample at the switching
    # instant and the first SWITCH_SETTLE seconds) do not weigh in the cost;
    # the rest are weighted by their time spacing (PyBOP's "domain" weighting)
    weights = _settled_weights(dataset["Time [s]"], dataset["Current [A]"])

    def cost(data, weighting=None):
        rmse = pybop.RootMeanSquaredError(data)
        rmse.weighting = weights  # (PyBOP 26.3 compares an array weighting to str)
        return rmse

    # PINTS Nelder-Mead in log(tau), log(R0): the default gradient-based SciPy
    # method stalls at the initial guess here (tau ~1e2-1e4 s and R0 ~1-1e3 Ohm
    # differ by orders of magnitude), and a linear simplex of 5 % of the start
    # with a 1 % stopping tolerance stops before it has moved
    app = pybop.GITTPulseFit(
        parameter_values=pv,
        cost=cost,
        optimiser=pybop.NelderMead,
        optimiser_options=pybop.PintsOptions(
            relative_tolerance=1e-6,
            absolute_tolerance=1e-9,
            max_unchanged_iterations=20,
        ),
    )
    app.parameters = {
        "Particle diffusion time scale [s]": pybop.Parameter(
            bounds=[1e-2, 1e8], transformation=pybop.LogTransformation()
        ),
        "Series resistance [Ohm]": pybop.Parameter(
            bounds=[1e-6, 1e7], transformation=pybop.LogTransformation()
        ),
    }
    result = app(dataset)
    tau, r0 = (float(v) for v in result.x)
    rmse = float(result.best_cost)  # root-mean-squared voltage error [V]
    return length**2 / tau, tau, r0, rmse


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
            # warm start from the last accepted pulse; if PyBOP fails from there
            # (no finite cost), from the pulse's own guess
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
                except Exception:  # a pulse PyBOP cannot fit is NaN, not hidden
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
