"""Calibration of the SbQD@C parameters the paper does not give, in one place and
reproducible: ``python -m sim.experiments.calibration [capacity|peaks|fade|all]``
fits and prints; ``--check`` re-fits from a start that is not the stored values and
fails (exit status 1) if the stored values differ beyond each parameter's tolerance;
``--check --fast`` only checks that the stored values are a local optimum of each
step's objective. ``sensitivity``: the 1 A/g retention against the assumed buffer
relaxation time.

Each step is a declaration (:class:`sim.calibration.Calibration`): fitted
parameters with bounds and tolerances, the reported targets, the residuals (the
objective is their sum of squares) and the optimiser. To recalibrate after a
physics change, edit the declarations below (or only re-run and copy the printed
values into the parameter module).

Each step fits as few parameters as the data can carry, to reported numbers named
here; everything else in ``sim reproduce`` is a consequence. The fitted values are
written into ``parameters/qiu2021_sbqd_carbon.py`` by hand, with this module named
as their source.

1. ``capacity``: the composite-grain radius L (the Sb diffusion length through the
   grain's network of dots, = carbon particle radius), by least squares of
   relative errors over the fresh-cell capacities Qiu2021 reports: the rate test (573, 478, 462,
   434, 404, 278 mAh/g at 0.1-5 A/g) and the first cycles of the two cycling tests
   (514 at 0.1 A/g = 492.9/0.959; 404 at 1 A/g = 374.8/0.928). These eight are not
   mutually consistent (two different values at 0.1 and at 1 A/g, and a 17 % drop
   from 0.1 to 0.2 A/g that no transport law pairs with the flat 0.2-2 A/g range);
   the least-squares compromise is reported, not hidden.
2. ``peaks``: the sodiation potentials of the two Sb steps and the desodiation
   potential (both steps, keeping their 20 mV offset), so that the simulated Fig. 5a
   peaks (cycle 2, 0.1 mV/s) sit at 0.70, 0.50 and 0.77 V. The Fig. 5a rows are
   therefore fitted, not predicted.
3. ``fade``: the Sb isolation coefficient, to the SbQD@C retention after 160 cycles
   at 0.1 A/g (95.9 %); see :mod:`experiments.qiu2021_fig7bd_cycling`.

The stored values were re-fitted on 2026-12-02 with ``all`` (started from the
previous values), after the carbon's plateau became slow and the conductive
additive got its own store (issue 14). The alternative placement of isolated dots
reached only through the grain's carbon ("Sb placement": "embedded") was
calibrated the same way and rejected: its best grain radius leaves the mid-rate
capacities further from the reported ones, and polarises the 0.1 mV/s CV so much
that the peaks fit cannot reach Fig. 5a's (sodiation held below desodiation)
and the two cathodic peaks merge at the higher scan rates of Fig. 5c. ``all`` chains the steps (each fits with the values
the previous ones gave), so one run reproduces the stored values.

``--check`` re-fits each step from a start that is not the stored values:
``capacity`` and ``fade`` reproduce them; ``peaks`` re-fitted from the reported
peaks lands a few mV away (its test is ``xfail(strict=True)``). The
peaks objective is not smooth: the simulated peak potentials move in steps of the
CV's sampling (~1.5 mV), so the re-fitted potentials are good to a few mV only.
"""

from __future__ import annotations

import sys

import numpy as np
from sim.experiments import reported

from sim import parameters
from sim.calibration import Calibration, Fitted, Target
from sim.calibration import main as calibration_main
from sim.models.sb_carbon import SbCarbonHalfCell
from sim.protocols import GalvanostaticCycling, simulate

RATES = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0)
SET = "SbQD@C"


def fresh_capacities(ps, rates=RATES):
    """Reversible capacity of the first cycle at each specific current [mAh/g]."""
    model = SbCarbonHalfCell()
    pv = ps.updated({"Sb isolation coefficient": 0.0}).to_pybamm()
    return np.array(
        [
            simulate(model, pv, GalvanostaticCycling(r, 1)).table("Cycles")[
                "Reversible capacity [mA.h.g-1]"
            ][0]
            for r in rates
        ]
    )


def reported_fresh_capacities():
    """(rate index, value) pairs of the reported fresh-cell capacities."""
    rate_test = reported.value("rate capacity")
    data = list(enumerate(rate_test))
    data.append(
        (
            0,
            reported.value("capacity after 160 cycles at 0.1 A/g")
            / reported.value("retention after 160 cycles at 0.1 A/g")
            * 100,
        )
    )
    data.append(
        (
            3,
            reported.value("capacity after 100 cycles at 1 A/g")
            / reported.value("retention after 100 cycles at 1 A/g")
            * 100,
        )
    )
    return data


# ---- 1. capacity: grain radius ---------------------------------------------------
_CAPACITY_KEYS = [f"rate capacity at {r} A/g" for r in RATES] + [
    "capacity after 160 cycles at 0.1 A/g / retention (cycle 1)",
    "capacity after 100 cycles at 1 A/g / retention (cycle 1)",
]


def capacity_residuals(ps):
    """Relative errors of the fresh-cell capacities (rate test, cycling starts)."""
    data = reported_fresh_capacities()
    c = fresh_capacities(ps)
    return [c[i] / v - 1 for i, v in data]


CAPACITY = Calibration(
    name="capacity",
    parameter_set=SET,
    fitted=[
        # full-check start: the bounds' midpoint (0.525 um). The surface-site
        # capacity was fitted with it until 2026-12-02; with the additive's own
        # storage and the slow plateau modelled that fit runs to its lower
        # bound (1 mAh/g): the capacities ask for no fast sites, so they are
        # held there (an assumption) and the radius is fitted alone
        Fitted("Sb diffusion length [m]", (0.05e-6, 1.0e-6), scale=1e-6, rtol=3e-3),
    ],
    targets=[
        Target(k, v, "mA.h.g-1")
        for k, (_, v) in zip(_CAPACITY_KEYS, reported_fresh_capacities(), strict=True)
    ],
    residuals=capacity_residuals,
    options={"diff_step": 0.02},
    derived=lambda v, base: {
        "Carbon particle radius [m]": v["Sb diffusion length [m]"]
    },
    description="grain radius (= carbon particle radius)",
)


def fit_capacity(base=None):
    """Least squares over the grain radius [m] from the stored values; returns
    (L, relative errors)."""
    fit = CAPACITY.run(base=base, progress=None)
    return (
        fit.values["Sb diffusion length [m]"],
        np.array(list(fit.residuals.values())),
    )


# ---- 2. peaks: Sb step potentials ------------------------------------------------
SOD1 = "Sb step 1 sodiation potential [V]"
SOD2 = "Sb step 2 sodiation potential [V]"
DES1 = "Sb step 1 desodiation potential [V]"
DES2 = "Sb step 2 desodiation potential [V]"
PEAK_WINDOW = 0.12  # V, a simulated peak is looked for this close to its target
MISSING_PEAK = 1.0  # V, residual of a peak not found
MARGIN = 0.01  # V, a step's sodiation potential is held this far below desodiation
PEAK_TARGETS = [  # (target key, peak direction, parameter it moves)
    ("CV cathodic peak 1", "cathodic", SOD1),
    ("CV cathodic peak 2", "cathodic", SOD2),
    ("CV anodic peak", "anodic", DES1),
]


def peak_residuals(ps):
    """target - simulated peak potential [V] of cycle 2 at 0.1 mV/s (Fig. 5a)."""
    from sim.experiments.qiu2021_fig5a import cycle_peaks
    from sim.experiments.qiu2021_fig5a import simulate as simulate_cv

    from sim.analysis.cv import peaks_near

    peaks = cycle_peaks(simulate_cv(parameter_set=ps, cycles=2), 2)
    out = []
    for key, direction, _ in PEAK_TARGETS:
        target = reported.value(key)
        p = peaks_near(peaks[direction], target, PEAK_WINDOW)
        out.append(MISSING_PEAK if p is None else target - p.potential)
    return out


def _des_offset(base):
    """Step 1 minus step 2 desodiation potential, kept from the stored set (20 mV)."""
    return float(base[DES1]) - float(base[DES2])


def hold_below_desodiation(v, base):
    """The fit's rule: a sodiation potential at most ``MARGIN`` below its step's
    desodiation potential (lowered to it otherwise)."""
    des2 = v[DES1] - _des_offset(base)
    return {
        **v,
        SOD1: min(v[SOD1], round(v[DES1] - MARGIN, 12)),
        SOD2: min(v[SOD2], round(des2 - MARGIN, 12)),
    }


def _solve_peaks(problem, start, iterations=12, damping=0.8, converged=5e-4):
    """Damped fixed-point iteration: each potential moves by ``damping`` times its
    peak's miss (both desodiation potentials by the anodic miss), a sodiation
    potential held ``MARGIN`` below its desodiation potential; stops when every
    miss not held by that margin is below ``converged`` (or after ``iterations``)
    and returns the iterate with the lowest objective. (The simulated peak
    potentials move in steps of the CV's sampling, ~1.5 mV, so the iteration can
    cycle between a few points instead of converging.)
    """
    v = dict(start)
    offset = _des_offset(problem.base)
    best = (np.inf, v)
    for _ in range(iterations):
        r = problem.residuals(v)
        if float(r @ r) < best[0]:
            best = (float(r @ r), v)
        miss = dict(zip([t[2] for t in PEAK_TARGETS], r, strict=True))
        des1 = v[DES1] + damping * miss[DES1]
        sod1 = v[SOD1] + damping * miss[SOD1]
        sod2 = v[SOD2] + damping * miss[SOD2]
        held1 = sod1 > des1 - MARGIN
        held2 = sod2 > des1 - offset - MARGIN
        free = [miss[DES1]] + ([] if held1 else [miss[SOD1]])
        free += [] if held2 else [miss[SOD2]]
        if max(abs(m) for m in free) < converged:
            break
        v = hold_below_desodiation({SOD1: sod1, SOD2: sod2, DES1: des1}, problem.base)
    return best[1]


PEAKS = Calibration(
    name="peaks",
    parameter_set=SET,
    fitted=[
        # documented full-check start: each potential at its reported peak
        Fitted(SOD1, (0.55, 0.85), start=0.70, rtol=4e-3),
        Fitted(SOD2, (0.35, 0.70), start=0.50, rtol=4e-3),
        Fitted(DES1, (0.60, 0.90), start=0.77, rtol=4e-3),
    ],
    targets=[Target(k, reported.value(k), "V") for k, _, _ in PEAK_TARGETS],
    residuals=peak_residuals,
    solve=_solve_peaks,
    derived=lambda v, base: {DES2: v[DES1] - _des_offset(base)},
    project=hold_below_desodiation,
    description="Sb step potentials to the Fig. 5a peaks (cycle 2, 0.1 mV/s); "
    "step 2 desodiation kept at its stored offset below step 1's",
)


def fit_peaks(base=None):
    """The four step potentials fitted to the Fig. 5a peaks, and the last misses."""
    fit = PEAKS.run(base=base, progress=None)
    b = base or parameters.get(SET)
    values = {**fit.values, DES2: fit.values[DES1] - _des_offset(b)}
    return values, fit.residuals


# ---- 3. fade: Sb isolation coefficient ------------------------------------------
FADE_SKIP = 10  # every 10th cycle simulated (as fit_isolation_coefficient)
FADE_TARGET = "retention after 160 cycles at 0.1 A/g"


def fade_residuals(ps):
    """Simulated minus reported retention after 160 cycles at 0.1 A/g [%]."""
    from sim.experiments.qiu2021_fig7bd_cycling import retention
    from sim.experiments.qiu2021_fig7bd_cycling import simulate as simulate_cycling

    r = retention(simulate_cycling(SET, 0.1, 160, FADE_SKIP, ps))
    return [r - reported.value(FADE_TARGET)]


def _solve_fade(problem, start):
    """Root of the retention miss inside the bounds (Brent; no start needed)."""
    from scipy.optimize import brentq

    name = "Sb isolation coefficient"
    lo, hi = problem.calibration.fitted[0].bounds
    beta = brentq(lambda b: problem.residuals({name: b})[0], lo, hi, xtol=1e-5)
    return {name: beta}


FADE = Calibration(
    name="fade",
    parameter_set=SET,
    fitted=[
        # brentq's xtol 1e-5 is 2.6e-3 of the value: tolerance 5e-3
        Fitted("Sb isolation coefficient", (1e-4, 0.05), rtol=5e-3),
    ],
    targets=[Target(FADE_TARGET, reported.value(FADE_TARGET), "%")],
    residuals=fade_residuals,
    solve=_solve_fade,
    description="Sb isolation coefficient to the 0.1 A/g retention (Fig. 7b)",
)

CALIBRATIONS = [CAPACITY, PEAKS, FADE]
"""The steps (independent: each fits with the others' stored values)."""


def relaxation_time_sensitivity(times=(150.0, 300.0, 600.0, 1200.0)):
    """How the 'predicted' 1 A/g retention depends on the assumed buffer relaxation
    time (the isolation coefficient refitted to the 0.1 A/g retention each time).
    Returns a list of (tau_b, beta, retention at 1 A/g after 100 cycles)."""
    from sim.experiments.qiu2021_fig7bd_cycling import (
        fit_isolation_coefficient,
        retention,
    )
    from sim.experiments.qiu2021_fig7bd_cycling import simulate as simulate_cycling

    out = []
    for tau in times:
        base = parameters.get(SET).updated({"Buffer relaxation time [s]": tau})
        beta, _ = fit_isolation_coefficient(base=base)
        ps = base.updated({"Sb isolation coefficient": beta})
        out.append((tau, beta, retention(simulate_cycling(SET, 1.0, 100, 10, ps))))
    return out


def main(argv=None):
    """``[capacity|peaks|fade|all|sensitivity ...] [--check [--fast]]``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "sensitivity" in argv:
        argv.remove("sensitivity")
        for tau, beta, r in relaxation_time_sensitivity():
            print(f"tau_b = {tau:6.0f} s: beta = {beta:.5f}, 1 A/g retention {r:.2f} %")
        if not argv:
            return 0
    # the fade depends on the capacity step's grain radius and surface sites:
    # each step fits with the values the previous steps gave
    return calibration_main(CALIBRATIONS, argv, chain=True)


if __name__ == "__main__":
    sys.exit(main())
