"""Qiu2021 Fig. 7b,d: long cycling of SbQD@C at 0.1 A/g (160 cycles) and 1 A/g (100
cycles), and of commercial Sb at the same rates.

Each reported cell is its own cell. The paper's cycling cells start below its
rate-test cell at the same current (first-cycle capacity = capacity after
N cycles / retention, :mod:`sim.experiments.reported`). The material parameters
are shared; the active mass loading is a per-cell parameter, within the paper's
stated range (0.5-1.0 mg per electrode), fitted per SbQD@C cell to that cell's
first-cycle capacity (:func:`fit_loading`, a bounded scalar fit of a few one-cycle
simulations). If the loading cannot move the capacity enough the fit stops at a
bound and the rows and notes say so; the range is not widened. Commercial Sb has
no reported cycling numbers: its cells keep the parameter set's loading.

Fade is the loss of connected Sb driven by the volume change the buffer does not
take (:mod:`sim.physics.volume_change`), one mechanism and one coefficient for both
materials. That coefficient ("Sb isolation coefficient") is fitted to ONE number,
the SbQD@C retention after 160 cycles at 0.1 A/g (:func:`fit_isolation_coefficient`,
``python -m sim.experiments.qiu2021_fig7bd_cycling --fit``); the 1 A/g retention
and commercial Sb's fade are then predictions. The capacities after N cycles are
the fitted first-cycle capacity times the retention: they repeat the retention
rows' claims and are not counted as predictions.

Retention is the reversible (desodiation) capacity of the last cycle over that of
cycle 1 (the model has no first-cycle SEI loss, so cycle 1 is already reversible).
Cycles are skipped (every ``SKIP``-th is simulated, see :mod:`sim.protocols.cycling`);
``curves.csv`` holds the simulated cycles only.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
from sim.experiments import reported

from sim import parameters
from sim.harness import Comparison, ExperimentResult, register
from sim.models.sb_carbon import (
    shared_model,
)
from sim.protocols import GalvanostaticCycling
from sim.protocols import simulate as run_protocol

SKIP = 10  # retention within 0.4 points of every cycle simulated (test)
LOADING = "Active material mass loading [kg.m-2]"
FIRST_CYCLE = {  # SbQD@C cell at this rate: its reported first-cycle capacity
    0.1: "first-cycle capacity of the 0.1 A/g cycling cell",
    1.0: "first-cycle capacity of the 1 A/g cycling cell",
}
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
    model = shared_model(ps.model_options)
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


@dataclass(frozen=True)
class LoadingFit:
    """The active mass loading fitted to one cell's first-cycle capacity."""

    rate: float  # specific current [A/g]
    target: float  # reported first-cycle capacity [mAh/g]
    loading: float  # fitted loading [kg/m2]
    capacity: float  # simulated first-cycle capacity at that loading [mAh/g]
    bounds: tuple  # loading range [kg/m2]
    at_bound: str  # "" if the target was reached inside the range, else "lower"/"upper"
    evaluations: int  # one-cycle simulations used
    range_capacities: tuple  # simulated first-cycle capacity at the bounds [mAh/g]

    def mass_mg(self, area):
        """Loading as mass per electrode [mg] for an electrode area [m2]."""
        return self.loading * area * 1e6

    def text(self, area):
        """How the row texts name the fitted loading."""
        lo, hi = (b * area * 1e6 for b in self.bounds)
        out = f"fitted loading {self.mass_mg(area):.3g} mg per electrode"
        if self.at_bound:
            c_lo, c_hi = self.range_capacities
            out += (
                f", at the {self.at_bound} bound of {lo:g}-{hi:g} mg: the loading "
                f"cannot move the capacity to the cell's ({c_lo:.1f} to {c_hi:.1f} "
                "mAh/g over the range)"
            )
        return out


def loading_bounds(ps):
    """The paper's stated loading range as kg/m2 on the set's electrode area."""
    lo, hi = reported.value("mass loading range")  # mg per electrode
    area = ps["Electrode area [m2]"]
    return lo * 1e-6 / area, hi * 1e-6 / area


def fit_loading(rate, target, base=None, xtol_mg=0.01):
    """Fit the active mass loading, inside the paper's range, so that the first
    cycle at ``rate`` gives ``target`` [mAh/g]. Evaluates the range's ends first:
    if the target is not between their capacities the fit stops at the nearer end
    (``at_bound``); otherwise a root inside (Brent). Returns a :class:`LoadingFit`."""
    from scipy.optimize import brentq

    base = base or parameters.get("SbQD@C")
    lo, hi = loading_bounds(base)
    calls = []

    def capacity(loading):
        r = simulate("SbQD@C", rate, 1, 1, base.updated({LOADING: loading}))
        calls.append(loading)
        return float(capacities(r)[1][0])

    c_lo, c_hi = capacity(lo), capacity(hi)
    if (c_lo - target) * (c_hi - target) > 0:
        lower = abs(c_lo - target) <= abs(c_hi - target)
        loading, cap = (lo, c_lo) if lower else (hi, c_hi)
        return LoadingFit(
            rate,
            target,
            loading,
            cap,
            (lo, hi),
            "lower" if lower else "upper",
            2,
            (c_lo, c_hi),
        )
    xtol = xtol_mg * 1e-6 / base["Electrode area [m2]"]
    loading = brentq(lambda m: capacity(m) - target, lo, hi, xtol=xtol)
    cap = capacity(loading)
    return LoadingFit(
        rate, target, loading, cap, (lo, hi), "", len(calls), (c_lo, c_hi)
    )


def cell_parameter_sets(fits):
    """{(material, rate): parameter set}: SbQD@C cells with their fitted loading,
    commercial Sb cells with the set's own."""
    sb = parameters.get("SbQD@C")
    out = {("SbQD@C", f.rate): sb.updated({LOADING: f.loading}) for f in fits}
    for material, rate, _ in RUNS:
        out.setdefault((material, rate), parameters.get(material))
    return out


@register(
    "qiu2021_fig7bd_cycling",
    title="Capacity fade over long cycling, SbQD@C vs commercial Sb (Qiu2021 Fig. 7b,d)",
    source="Qiu et al., Small Methods 5 (2021) 2100188, Fig. 7b,d",
    cost=50,
)
def run(progress):
    """Cycle both materials at both rates; compare fade and capacities."""
    t0 = time.perf_counter()
    progress(0.0, "SbQD@C: loading of each cycling cell")
    fits = [fit_loading(rate, reported.value(key)) for rate, key in FIRST_CYCLE.items()]
    t_fit = time.perf_counter() - t0
    sets = cell_parameter_sets(fits)
    results = {}
    for k, (material, rate, cycles) in enumerate(RUNS):

        def sub(frac, msg, k=k, material=material, rate=rate):
            progress((k + frac) / len(RUNS), f"{material} {rate} A/g: {msg}")

        results[(material, rate)] = simulate(
            material, rate, cycles, parameter_set=sets[(material, rate)], progress=sub
        )
    runtime = time.perf_counter() - t0

    cols = _table(results)
    area = sets[("SbQD@C", 0.1)]["Electrode area [m2]"]
    comparisons = _comparisons(results, {f.rate: f for f in fits}, area)
    fig = _capacity_figure(results)
    figp = _profile_figure(results)
    notes = _notes(results, fits, area, (t_fit, runtime))
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


def _comparisons(results, fits, area):
    """Per SbQD@C cell: first-cycle capacity (fitted loading), retention, capacity
    after N cycles; then the commercial-Sb consistency check."""
    rows = []
    for rate, cycles, retention_basis, why in (
        (0.1, 160, "fitted", "fitted: sets the isolation coefficient"),
        (
            1.0,
            100,
            "predicted",
            "predicted, given the assumed buffer pore volume and relaxation time",
        ),
    ):
        r, f = results[("SbQD@C", rate)], fits[rate]
        key = FIRST_CYCLE[rate]
        tag = f"{rate:g} A/g"
        rows += [
            Comparison(
                f"SbQD@C first-cycle capacity of the {tag} cycling cell ("
                f"{f.text(area)})",
                reported.value(key),
                float(capacities(r)[1][0]),
                "mA.h.g-1",
                "5%",
                reported.source(key),
                basis="fitted",
            ),
            Comparison(
                f"SbQD@C retention after {cycles} cycles at {tag} ({why}; at the "
                f"cell's fitted loading, {f.mass_mg(area):.3g} mg)",
                reported.value(f"retention after {cycles} cycles at {tag}"),
                retention(r),
                "%",
                2.0,
                reported.source(f"retention after {cycles} cycles at {tag}"),
                basis=retention_basis,
            ),
            Comparison(
                f"SbQD@C capacity after {cycles} cycles at {tag} (= the fitted "
                "first-cycle capacity x the retention: repeats the retention row, "
                "not a separate prediction)",
                reported.value(f"capacity after {cycles} cycles at {tag}"),
                float(capacities(r)[1][-1]),
                "mA.h.g-1",
                "10%",
                reported.source(f"capacity after {cycles} cycles at {tag}"),
                basis="fitted",
            ),
        ]
    sb_slow, sb_fast = results[("SbQD@C", 0.1)], results[("SbQD@C", 1.0)]
    cs_slow, cs_fast = results[("commercial Sb", 0.1)], results[("commercial Sb", 1.0)]
    rows.append(
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
            "Qiu2021 Fig. 7d text ('enhanced cycling stability compared to "
            "metallic Sb electrode')",
            basis="check",
        )
    )
    return rows


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


def _notes(results, fits, area, times):
    """The notes of the report (runtime, method, what is fitted)."""
    t_fit, runtime = times
    tau = parameters.get("SbQD@C")["Buffer relaxation time [s]"]
    cells = []
    for f in fits:
        r = results[("SbQD@C", f.rate)]
        cells.append(
            f"{f.rate:g} A/g cell: reported first cycle {f.target:.0f} mAh/g, "
            f"{f.text(area)} ({f.evaluations} one-cycle simulations), simulated "
            f"first cycle {float(capacities(r)[1][0]):.0f} mAh/g"
        )
    rate_test = dict(
        zip(
            (0.1, 0.2, 0.5, 1.0, 2.0, 5.0), reported.value("rate capacity"), strict=True
        )
    )
    bound = [f for f in fits if f.at_bound]
    return (
        f"Runtime: loading fits {t_fit:.1f} s, all (fits and the four cycling "
        f"runs) {runtime:.1f} s (every {SKIP}th cycle simulated; damage "
        "extrapolated between them, see `sim/protocols/cycling.py`). Each reported "
        "cell is its own cell: material parameters shared, the active mass "
        "loading fitted per SbQD@C cell, inside the paper's stated range, to its "
        "first-cycle capacity (capacity after N cycles / retention). The paper's "
        "rate-test cell gave "
        + ", ".join(f"{rate_test[f.rate]:g} mAh/g at {f.rate:g} A/g" for f in fits)
        + ". "
        + "; ".join(cells)
        + ". "
        + (
            "At a bound the loading cannot move the capacity to the cell's (the "
            "first-cycle capacities over the whole range are given above), so the "
            "difference between the paper's cells is not explained by their "
            "loading in this model; the range was not widened. "
            if bound
            else ""
        )
        + "Retention = last cycle / cycle 1 (reversible capacity). The isolation "
        "coefficient (fraction of connected Sb lost per unit unbuffered volumetric "
        "strain swept) is fitted to the 0.1 A/g retention only (at the parameter "
        "set's loading); the 1 A/g retention is a prediction, set by the buffer's "
        f"relaxation time (assumed {tau:g} s before any fit): at 1 A/g the pores "
        "cannot take the expansion as fast as it comes. It is only as good as that "
        "assumption (refit for other relaxation times: `python -m "
        "sim.experiments.calibration sensitivity`). Commercial Sb cells keep the "
        "parameter set's loading (the paper gives no numbers for them)."
    )


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
