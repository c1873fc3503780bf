"""Calibration of the SbQD@C parameters the paper does not give, in one place and
reproducible: ``python -m sim.experiments.calibration [capacity|peaks|fade|all]``
(and ``sensitivity``: the 1 A/g retention against the assumed buffer relaxation
time).

Each step fits as few parameters as the data can carry, to reported numbers named
here; everything else in ``sim reproduce`` is a consequence. The fitted values are
written into ``parameters/qiu2021_sbqd_carbon.py`` by hand, with this module named
as their source.

1. ``capacity``: composite-grain radius L (the Sb diffusion length, = carbon particle
   radius) and the fast-surface-site capacity, by least squares of relative errors
   over the fresh-cell capacities Qiu2021 reports: the rate test (573, 478, 462,
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

The stored values were fitted before the grain-contact element (the impedance arc,
issue 6) and the Na counter-electrode double layer were added. Re-running ``all``
with them (2026-11-22) gives a grain radius of 0.6419 um (stored 0.643), surface
sites of 9.24 mAh/g (8.67), Sb potentials 5 mV lower (sodiation 0.7157 / 0.5384 V,
desodiation 0.7257 / 0.7057 V) and the same isolation coefficient (0.00391). They
were not adopted: with the stored values the Sb/C rows moved by at most 10 mV or
0.01 in b when the contact was added (one b-value row now misses its 0.07
tolerance by 0.0001, one dQ/dV row now passes by 0.002), while the re-fitted
potentials merge the 0.70 V cathodic peak into the 0.5 V one at 0.9 mV/s
(Fig. 5c loses a peak), a sign that the peak fit (cycle 2 at 0.1 mV/s only) is
not identifiable enough to be refitted blindly. Refitting the peaks over all scan
rates is the better fix, and open.
"""

from __future__ import annotations

import sys

import numpy as np
from sim.experiments import reported

from sim import parameters
from sim.models.sb_carbon import SbCarbonHalfCell
from sim.protocols import GalvanostaticCycling, simulate

RATES = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0)


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


def fit_capacity(base=None):
    """Least squares over (grain radius [um], surface-site capacity [mAh/g])."""
    from scipy.optimize import least_squares

    base = base or parameters.get("SbQD@C")
    data = reported_fresh_capacities()
    y = np.array([v for _, v in data])

    def residuals(p):
        L, q = p[0] * 1e-6, p[1]
        ps = base.updated(
            {
                "Sb diffusion length [m]": L,
                "Carbon particle radius [m]": L,
                "Surface storage capacity [mA.h.g-1]": q,
            }
        )
        c = fresh_capacities(ps)
        return np.array([c[i] for i, _ in data]) / y - 1

    x0 = [
        base["Sb diffusion length [m]"] * 1e6,
        base["Surface storage capacity [mA.h.g-1]"],
    ]
    res = least_squares(
        residuals, x0, bounds=([0.2, 1.0], [2.0, 100.0]), diff_step=0.02
    )
    return res.x[0] * 1e-6, res.x[1], res.fun


def fit_peaks(base=None, iterations=6, damping=0.8):
    """Shift the site potentials until the simulated cycle-2 peaks are on target
    (damped fixed-point iteration; a step's sodiation potential is kept at least
    10 mV below its desodiation potential)."""
    from sim.experiments.qiu2021_fig5a import cycle_peaks, simulate

    from sim.analysis.cv import peaks_near

    ps = base or parameters.get("SbQD@C")
    names = {
        "sod1": "Sb step 1 sodiation potential [V]",
        "sod2": "Sb step 2 sodiation potential [V]",
        "des1": "Sb step 1 desodiation potential [V]",
        "des2": "Sb step 2 desodiation potential [V]",
    }
    targets = {
        "sod1": ("cathodic", reported.value("CV cathodic peak 1")),
        "sod2": ("cathodic", reported.value("CV cathodic peak 2")),
        "des": ("anodic", reported.value("CV anodic peak")),
    }
    for _ in range(iterations):
        peaks = cycle_peaks(simulate(parameter_set=ps, cycles=2), 2)
        miss = {}
        for key, (direction, target) in targets.items():
            p = peaks_near(peaks[direction], target, 0.12)
            miss[key] = target - p.potential
        des1 = ps[names["des1"]] + damping * miss["des"]
        des2 = ps[names["des2"]] + damping * miss["des"]
        sod1 = min(ps[names["sod1"]] + damping * miss["sod1"], des1 - 0.01)
        sod2 = min(ps[names["sod2"]] + damping * miss["sod2"], des2 - 0.01)
        ps = ps.updated(
            {
                names["sod1"]: sod1,
                names["sod2"]: sod2,
                names["des1"]: des1,
                names["des2"]: des2,
            }
        )
    return {n: ps[n] for n in names.values()}, miss


def relaxation_time_sensitivity(times=(150.0, 300.0, 600.0, 1200.0)):
    """How the 'predicted' 1 A/g retention depends on the assumed buffer relaxation
    time (the isolation coefficient refitted to the 0.1 A/g retention each time).
    Returns a list of (tau_b, beta, retention at 1 A/g after 100 cycles)."""
    from sim.experiments.qiu2021_fig7bd_cycling import (
        fit_isolation_coefficient,
        retention,
        simulate,
    )

    out = []
    for tau in times:
        base = parameters.get("SbQD@C").updated({"Buffer relaxation time [s]": tau})
        beta, _ = fit_isolation_coefficient(base=base)
        ps = base.updated({"Sb isolation coefficient": beta})
        out.append((tau, beta, retention(simulate("SbQD@C", 1.0, 100, 10, ps))))
    return out


def main(argv=None):
    steps = (argv or sys.argv[1:]) or ["all"]
    if "capacity" in steps or "all" in steps:
        L, q, err = fit_capacity()
        print(f"grain radius L = {L:.3e} m, surface-site capacity = {q:.2f} mAh/g")
        print("relative errors [%]:", np.round(100 * err, 1))
    if "peaks" in steps or "all" in steps:
        values, miss = fit_peaks()
        for n, v in values.items():
            print(f"{n} = {v:.4f}")
        print("last peak misses [V]:", {k: round(v, 4) for k, v in miss.items()})
    if "fade" in steps or "all" in steps:
        from sim.experiments.qiu2021_fig7bd_cycling import fit_isolation_coefficient

        beta, reached = fit_isolation_coefficient()
        print(f"Sb isolation coefficient = {beta:.5f} (retention {reached:.2f} %)")
    if "sensitivity" in steps:
        for tau, beta, r in relaxation_time_sensitivity():
            print(f"tau_b = {tau:6.0f} s: beta = {beta:.5f}, 1 A/g retention {r:.2f} %")


if __name__ == "__main__":
    main()
