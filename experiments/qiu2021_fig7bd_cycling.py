"""Qiu2021 Fig. 7b,d: long cycling of SbQD@C at 0.1 A/g (160 cycles) and 1 A/g (100
cycles), and of commercial Sb at the same rates.

Fade is the loss of connected Sb driven by the volume change the buffer does not
take (:mod:`sim.physics.volume_change`), one mechanism and one coefficient for both
materials. That coefficient ("Sb isolation coefficient") is fitted to ONE number,
the SbQD@C retention after 160 cycles at 0.1 A/g (:func:`fit_isolation_coefficient`,
``python -m sim.experiments.qiu2021_fig7bd_cycling --fit``); everything else here (1 A/g
retention, the capacities, commercial Sb) is then a prediction.

Retention is the reversible (desodiation) capacity of the last cycle over that of
cycle 1 (the model has no first-cycle SEI loss, so cycle 1 is already reversible).
Cycles are skipped (every ``SKIP``-th is simulated, see :mod:`sim.protocols.cycling`);
``curves.csv`` holds the simulated cycles only.
"""

from __future__ import annotations

import argparse
import time

import matplotlib.pyplot as plt
import numpy as np
from sim.experiments import reported

from sim import parameters
from sim.harness import Comparison, ExperimentResult, register
from sim.models.sb_carbon import (
    SbCarbonHalfCell,
)
from sim.protocols import GalvanostaticCycling
from sim.protocols import simulate as run_protocol

SKIP = 5
RUNS = [  # material, specific current [A/g], cycles
    ("SbQD@C", 0.1, 160),
    ("SbQD@C", 1.0, 100),
    ("commercial Sb", 0.1, 160),
    ("commercial Sb", 1.0, 100),
]


def simulate(material, rate, cycles, skip=SKIP, parameter_set=None, progress=None):
    """Cycle one material; returns its :class:`sim.result.Result` (per-cycle
    capacities in its "Cycles" table, :func:`capacities`)."""
    ps = parameter_set or parameters.get(material)
    model = SbCarbonHalfCell(ps.model_options)
    return run_protocol(
        model,
        ps.to_pybamm(),
        GalvanostaticCycling(rate, cycles, skip),
        progress=progress,
    )


def capacities(result):
    """(simulated cycle numbers, reversible capacity of each [mA.h.g-1])."""
    table = result.table("Cycles")
    return table["Cycle number"], table["Reversible capacity [mA.h.g-1]"]


def retention(result):
    """Last simulated cycle's reversible capacity over the first's [%]."""
    c = capacities(result)[1]
    return 100 * c[-1] / c[0]


def voltage_profiles(result):
    """(cycle, charge passed [mA.h.g-1], voltage) of the first and last
    simulated cycles."""
    cycles = capacities(result)[0]
    out = []
    for cycle in sorted({int(cycles[0]), int(cycles[-1])}):
        one = result.cycles(cycle)
        q = one["Specific capacity [mA.h.g-1]"]
        out.append(
            (cycle, np.r_[0.0, np.cumsum(np.abs(np.diff(q)))], one["Voltage [V]"])
        )
    return out


def fit_isolation_coefficient(target=None, skip=10, base=None):
    """Fit the Sb isolation coefficient to the SbQD@C retention after 160 cycles at
    0.1 A/g (Qiu2021: 95.9 %). Returns (beta, retention reached)."""
    from scipy.optimize import brentq

    target = (
        reported.value("retention after 160 cycles at 0.1 A/g")
        if target is None
        else target
    )
    base = base or parameters.get("SbQD@C")

    def miss(beta):
        ps = base.updated({"Sb isolation coefficient": beta})
        return retention(simulate("SbQD@C", 0.1, 160, skip, ps)) - target

    beta = brentq(miss, 1e-4, 0.05, xtol=1e-5)
    return beta, miss(beta) + target


@register(
    "qiu2021_fig7bd_cycling",
    title="Capacity fade over long cycling, SbQD@C vs commercial Sb (Qiu2021 Fig. 7b,d)",
    source="Qiu et al., Small Methods 5 (2021) 2100188, Fig. 7b,d and 7a",
)
def run(progress):
    """Cycle both materials at both rates; compare fade and capacities."""
    results = {}
    t0 = time.perf_counter()
    for k, (material, rate, cycles) in enumerate(RUNS):

        def sub(frac, msg, k=k, material=material, rate=rate):
            progress((k + frac) / len(RUNS), f"{material} {rate} A/g: {msg}")

        results[(material, rate)] = simulate(material, rate, cycles, progress=sub)
    runtime = time.perf_counter() - t0

    cols = _table(results)
    comparisons = _comparisons(results)
    fig = _capacity_figure(results)
    figp = _profile_figure(results)
    notes = _notes(results, runtime)
    return ExperimentResult(
        curves=cols,
        figures={"figure.png": fig, "voltage_profiles.png": figp},
        comparisons=comparisons,
        notes=notes,
    )


def _table(results):
    """Per simulated cycle: material, rate, cycle, capacity, connected Sb."""
    cols = {
        "Material": [],
        "Current density [A.g-1]": [],
        "Cycle number": [],
        "Specific capacity [mA.h.g-1]": [],
        "Connected Sb fraction [-]": [],
    }
    for (material, rate), r in results.items():
        table = r.table("Cycles")
        n = len(table["Cycle number"])
        cols["Material"] += [material] * n
        cols["Current density [A.g-1]"] += [rate] * n
        cols["Cycle number"] += list(table["Cycle number"])
        cols["Specific capacity [mA.h.g-1]"] += list(
            table["Reversible capacity [mA.h.g-1]"]
        )
        cols["Connected Sb fraction [-]"] += list(table["Connected Sb fraction"])

    return cols


def _comparisons(results):
    """Retention and capacity rows, and the commercial-Sb consistency check."""
    sb_slow, sb_fast = results[("SbQD@C", 0.1)], results[("SbQD@C", 1.0)]
    cs_slow, cs_fast = results[("commercial Sb", 0.1)], results[("commercial Sb", 1.0)]

    def cap(r):
        return float(capacities(r)[1][-1])

    comparisons = [
        Comparison(
            "SbQD@C retention after 160 cycles at 0.1 A/g (fitted: sets the isolation "
            "coefficient)",
            reported.value("retention after 160 cycles at 0.1 A/g"),
            retention(sb_slow),
            "%",
            2.0,
            reported.source("retention after 160 cycles at 0.1 A/g"),
            basis="fitted",
        ),
        Comparison(
            "SbQD@C retention after 100 cycles at 1 A/g (predicted, given the "
            "assumed buffer pore volume and relaxation time)",
            reported.value("retention after 100 cycles at 1 A/g"),
            retention(sb_fast),
            "%",
            2.0,
            reported.source("retention after 100 cycles at 1 A/g"),
        ),
        Comparison(
            "SbQD@C capacity after 160 cycles at 0.1 A/g (start capacity calibrated "
            "with this number among others)",
            reported.value("capacity after 160 cycles at 0.1 A/g"),
            cap(sb_slow),
            "mA.h.g-1",
            "10%",
            reported.source("capacity after 160 cycles at 0.1 A/g"),
            basis="fitted",
        ),
        Comparison(
            "SbQD@C capacity after 100 cycles at 1 A/g (start capacity calibrated "
            "with this number among others)",
            reported.value("capacity after 100 cycles at 1 A/g"),
            cap(sb_fast),
            "mA.h.g-1",
            "10%",
            reported.source("capacity after 100 cycles at 1 A/g"),
            basis="fitted",
        ),
        Comparison(
            "commercial Sb retains less than SbQD@C at 0.1 A/g and at 1 A/g "
            "(consistency: follows from its missing buffer)",
            "commercial Sb fades faster",
            bool(
                retention(cs_slow) < retention(sb_slow)
                and retention(cs_fast) < retention(sb_fast)
            ),
            "-",
            None,
            "Qiu2021 Fig. 7a,b (commercial Sb control)",
            basis="check",
        ),
    ]

    return comparisons


def _capacity_figure(results):
    """Reversible capacity against cycle number at 0.1 and 1 A/g."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), sharey=True)
    for ax, rate in zip(axes, (0.1, 1.0), strict=True):
        for material, color in (("SbQD@C", "C0"), ("commercial Sb", "C3")):
            r = results[(material, rate)]
            ax.plot(
                *capacities(r),
                "o-",
                ms=3,
                color=color,
                label=f"{material} (retention {retention(r):.1f} %)",
            )
        key = (
            "capacity after 160 cycles at 0.1 A/g"
            if rate == 0.1
            else "capacity after 100 cycles at 1 A/g"
        )
        n = 160 if rate == 0.1 else 100
        ax.plot([n], [reported.value(key)], "k*", ms=12, label="Qiu2021 SbQD@C")
        ax.set_title(f"{rate} A g$^{{-1}}$")
        ax.set_xlabel("Cycle number")
        ax.legend(fontsize=8)
    axes[0].set_ylabel("Reversible specific capacity [mA h g$^{-1}$]")
    axes[0].set_ylim(bottom=0)
    fig.tight_layout()

    return fig


def _profile_figure(results):
    """Voltage profiles of the first and last simulated cycles."""
    figp, axp = plt.subplots(figsize=(6, 4.2))
    for (material, rate), r in results.items():
        for cycle, q, V in voltage_profiles(r):
            axp.plot(q, V, lw=1, label=f"{material} {rate} A/g, cycle {cycle}")
    axp.set_xlabel("Specific capacity [mA h g$^{-1}$]")
    axp.set_ylabel("Potential vs Na$^+$/Na [V]")
    axp.legend(fontsize=6)
    figp.tight_layout()

    return figp


def _notes(results, runtime):
    """The notes of the report (runtime, method, what is fitted)."""
    sb_slow, sb_fast = results[("SbQD@C", 0.1)], results[("SbQD@C", 1.0)]
    c0_slow = float(capacities(sb_slow)[1][0])
    c0_fast = float(capacities(sb_fast)[1][0])
    notes = (
        f"Runtime of the four cycling runs: {runtime:.1f} s (every {SKIP}th cycle "
        "simulated; damage extrapolated between them, see `sim/cycling.py`; "
        "simulating every cycle changes the retentions by < 0.2 points). "
        "Retention = last cycle / cycle 1 (reversible capacity). The isolation "
        "coefficient (fraction of connected Sb lost per unit unbuffered volumetric "
        "strain swept) is fitted to the 0.1 A/g retention only; the 1 A/g "
        "retention is a prediction, set by the buffer's relaxation time (assumed "
        "600 s before any fit): at 1 A/g the pores cannot take the expansion as "
        "fast as it comes. It is only as good as that assumption: refitting the "
        "coefficient for tau_b = 150 / 300 / 600 / 1200 s gives 97.5 / 96.0 / 93.1 / "
        "90.1 % at 1 A/g (`python -m sim.experiments.calibration sensitivity`). The "
        "capacity rows depend on the model's fresh-cell "
        f"capacities, {c0_slow:.0f} mAh/g at 0.1 A/g and {c0_fast:.0f} at 1 A/g, "
        "which come from a least-squares calibration over all of the paper's "
        "fresh-cell capacities (experiments/calibration.py). The paper's cycling "
        "cell started at 404 mAh/g at 1 A/g (374.8/0.928) while its rate-test cell "
        "gave 434 at the same rate: no single parameter set meets both, and the "
        "1 A/g capacity row misses by about the difference. No factor was tuned "
        "to close it."
    )
    return notes


def _main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--fit", action="store_true", help="fit the isolation coefficient"
    )
    args = parser.parse_args()
    if args.fit:
        beta, reached = fit_isolation_coefficient()
        print(f"Sb isolation coefficient = {beta:.5f} (retention {reached:.2f} %)")


if __name__ == "__main__":
    _main()
