"""Bruce-Vincent (Evans-Vincent-Bruce) transference number from a potentiostatic
polarization of a Li | electrolyte | Li cell (plain numbers: works on measured data).

Evans, Vincent & Bruce, Polymer 28 (1987) 2324; Bruce & Vincent, J. Electroanal.
Chem. 225 (1987) 1::

    t+ = I_ss (dV - I_0 R_0) / (I_0 (dV - I_ss R_ss))

dV: applied voltage step; I_0, I_ss: initial and steady-state currents; R_0, R_ss:
interfacial resistances (from impedance) before and after the polarization. The
initial current is hard to measure (the double layers charge first); the common
practice, used by :func:`initial_current`, is ``I_0 = dV / (R_b + R_0)`` from the
impedance before the step.

What the number means for a concentrated solution:
:func:`sim.physics.concentration_polarization.bruce_vincent_expected`.
"""

from __future__ import annotations

import numpy as np

from sim.analysis._arrays import increasing_time, paired_arrays
from sim.errors import DataError


def _positive(name, value):
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise DataError(f"{name} must be a number > 0, got {value!r}") from None
    if not np.isfinite(v) or v <= 0:
        raise DataError(f"{name} must be a finite number > 0, got {value!r}")
    return v


def bruce_vincent(delta_v, i_0, i_ss, r_0, r_ss):
    """Bruce-Vincent transference number.

    Args:
        delta_v: Magnitude of the voltage step [V].
        i_0, i_ss: Magnitudes of the initial and steady-state currents [A].
        r_0, r_ss: Interfacial resistances before and after [Ohm].

    Raises:
        DataError: If a value is not positive/finite; if the interfaces alone
            take the whole step (``dV <= I R``: no voltage is left across the
            electrolyte, the formula is meaningless); if the steady-state current
            exceeds the initial one (a polarization only lets the current decay:
            the two are swapped, or the record is not a polarization); or if the
            result lies outside [0, 1] (the currents and resistances do not belong
            to one measurement).
    """
    dv = _positive("voltage step", delta_v)
    i0 = _positive("initial current", i_0)
    iss = _positive("steady-state current", i_ss)
    r0 = _positive("initial interfacial resistance", r_0)
    rss = _positive("steady-state interfacial resistance", r_ss)
    if dv <= i0 * r0 or dv <= iss * rss:
        raise DataError(
            f"the interfaces take the whole voltage step (dV = {dv:.4g} V, "
            f"I_0 R_0 = {i0 * r0:.4g} V, I_ss R_ss = {iss * rss:.4g} V): check the "
            "currents and resistances"
        )
    if iss > i0:
        raise DataError(
            f"steady-state current {iss:.4g} A exceeds the initial current "
            f"{i0:.4g} A: under a constant voltage step the current only decays "
            "(swapped values, or not a polarization record)"
        )
    t_plus = iss * (dv - i0 * r0) / (i0 * (dv - iss * rss))
    if not 0 <= t_plus <= 1:
        raise DataError(
            f"the Bruce-Vincent formula gives t+ = {t_plus:.4g}, outside [0, 1]: the "
            "stated currents and resistances cannot come from one polarization "
            "(check R_0 and R_ss: a large interfacial growth R_ss >> R_0 is needed "
            "for this)"
        )
    return t_plus


def initial_current(delta_v, r_bulk, r_0):
    """``I_0 = dV / (R_b + R_0)`` [A] from the impedance before the step."""
    return _positive("voltage step", delta_v) / (
        _positive("bulk resistance", r_bulk) + _positive("interfacial resistance", r_0)
    )


def steady_state_current(time, current, window=0.05):
    """Steady-state current [A]: the mean over the last ``window`` fraction of the
    record, with its relative drift over that window (a check that it is steady).

    Returns:
        ``(I_ss, drift)``; ``drift = (|I| at the window's start - |I| at the end) /
        I_ss``, > 0 for a still decaying current. Judging it is the caller's job
        (:data:`sim.protocols.bruce_vincent.DRIFT_TOLERANCE`).
    """
    t, i = paired_arrays(time, current, ("time", "current"), 5, "a polarization")
    increasing_time(t, "the polarization record")
    if not 0 < float(window) <= 1:
        raise DataError(f"window = {window!r}: must be a fraction in (0, 1]")
    if t[-1] <= t[0]:
        raise DataError("the polarization record has zero duration")
    i = np.abs(i)
    tail = t >= t[-1] - window * (t[-1] - t[0])
    i_ss = float(np.mean(i[tail]))
    drift = float((i[tail][0] - i[tail][-1]) / i_ss)
    return i_ss, drift


__all__ = ["bruce_vincent", "initial_current", "steady_state_current"]
