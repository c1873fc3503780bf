"""Cheng2023 Fig. 3g: Li | SSE | Li cells at step-increased current densities, 0.05
to 0.5 mA/cm2 with 1 h half cycles (0.05 to 0.5 mAh/cm2), for PPSE, CNCSE, CPCSE.

The paper sees CPCSE cycle stably and CNCSE and PPSE short at high current. The
model has no dendrites; what it has is the cause the textbook gives for them: the
salt next to the plating electrode running out (Sand's time; Bai et al., Energy
Environ. Sci. 9 (2016) 3221). The run stops at the first depletion, and a table
gives, per electrolyte and step, the limiting current ``2 F D c0 / ((1 - t+) L)``
and Sand's time from the electrolyte's own D and t+ at the cell temperature, next
to the depletion time the model finds in one half cycle from rest.
"""

from __future__ import annotations

import time

import matplotlib.pyplot as plt
import numpy as np
from sim.experiments import _cheng2023_cells as cells
from sim.experiments import reported_cheng2023 as reported

from sim.harness import Comparison, ExperimentResult, register
from sim.models.symmetric_lithium_cell import DEPLETION_FRACTION, SymmetricLithiumCell
from sim.physics import concentration_polarization as cp
from sim.protocols import StepCycling, simulate
from sim.protocols.step_cycling import depletion_times

CYCLES_PER_STEP = 2  # assumption: the text gives no number of cycles per step
PROTOCOL = StepCycling(
    reported.value("step currents"),
    half_cycle_time=reported.value("step half-cycle time") * 3600,
    cycles_per_step=CYCLES_PER_STEP,
)


CURVE_COLUMNS = (
    "Electrolyte",
    "Time [s]",
    "Voltage [V]",
    "Current density [mA.cm-2]",
    "Minimum electrolyte concentration at the electrodes [mol.m-3]",
)
TABLE_COLUMNS = (
    "Electrolyte",
    "Current density [mA.cm-2]",
    "Limiting current density [mA.cm-2]",
    "Sand time (analytic) [h]",
    "Depletion time in one half cycle from rest (model) [h]",
    "Depletes within the half cycle (model)",
)


def depletion_rows(name, model, pv, L):
    """Per step: analytic limiting current and Sand's time (D, t+ at c0), and the
    model's depletion time in one half cycle from rest."""
    tr = cells.transport_at(pv)
    i_lim = cp.limiting_current_density(tr["D"], tr["c0"], tr["t+"], L) / 10
    t_model = depletion_times(
        model, pv, PROTOCOL.current_densities, PROTOCOL.half_cycle_time
    )
    rows = []
    for i_mA, t_dep in zip(PROTOCOL.current_densities, t_model, strict=True):
        t_sand = cp.sand_time(tr["D"], tr["c0"], tr["t+"], i_mA * 10)
        values = (
            name,
            i_mA,
            float(i_lim),
            float(t_sand) / 3600,
            t_dep / 3600,
            bool(np.isfinite(t_dep)),
        )
        rows.append(dict(zip(TABLE_COLUMNS, values, strict=True)))
    return rows


def plot(ax, name, run):
    """Voltage of one electrolyte's cell over the steps (``run``: the
    :class:`sim.result.Result` of :class:`StepCycling`)."""
    summary = run.summary
    ax.plot(
        np.asarray(run["Time [s]"]) / 3600,
        1e3 * np.asarray(run["Voltage [V]"]),
        color=cells.COLORS[name],
        lw=0.8,
    )
    label = (
        f"{name}: salt depleted at {summary['depletion current density [mA.cm-2]']:g} "
        f"mA/cm2 after {summary['depletion time [s]'] / 3600:.1f} h"
        if summary["depleted"]
        else f"{name}: no depletion up to 0.5 mA/cm2"
    )
    ax.set_title(label, fontsize=9)
    ax.set_ylabel("Voltage [mV]")


def comparisons(first_depletion):
    """CPCSE stable, PPSE and CNCSE depleting (the model's shorting proxy)."""

    def depletion_current(name):
        v = first_depletion[name]
        return v if np.isfinite(v) else np.inf

    cp_i = depletion_current("CPCSE")
    shorting = reported.value("shorting electrolytes")
    # one claim, one row: "CPCSE stable; CNCSE and PPSE short at high current"
    return [
        Comparison(
            "CPCSE cycles through 0.05-0.5 mA/cm2 without salt depletion (the "
            "model's short proxy) while CNCSE and PPSE deplete within the steps "
            "(first depletion: "
            + ", ".join(f"{n} {first_depletion[n]:g}" for n in cells.ELECTROLYTES)
            + " mA/cm2; nan = none)",
            "CNCSE and PPSE short at high current, CPCSE stable",
            bool(
                np.isinf(cp_i)
                and all(np.isfinite(first_depletion[n]) for n in shorting)
            ),
            "-",
            None,
            reported.source("shorting electrolytes"),
        )
    ]


def later_text(table):
    """Steps above the analytic (c0) limiting current at which the model's cell
    does not deplete within one half cycle."""
    later = []
    for name in cells.ELECTROLYTES:
        sel = [
            k
            for k, n in enumerate(table["Electrolyte"])
            if n == name
            and table["Current density [mA.cm-2]"][k]
            > table["Limiting current density [mA.cm-2]"][k]
            and not table["Depletes within the half cycle (model)"][k]
        ]
        if sel:
            later.append(
                f"{name} not at "
                + ", ".join(f"{table['Current density [mA.cm-2]'][k]:g}" for k in sel)
                + " mA/cm2 although its c0 estimate is "
                f"{table['Limiting current density [mA.cm-2]'][sel[0]]:.2g}"
            )
    return (
        ": " + "; ".join(later)
        if later
        else "; here every step above the c0 estimate also depletes in the model"
    )


def beyond_text(table):
    """The electrolytes whose analytic limiting current lies above every step:
    they cannot deplete, so a short the paper reports for them is not the
    model's proxy (the reason the claim row fails when it names them)."""
    top = max(PROTOCOL.current_densities)
    beyond = []
    for name in cells.ELECTROLYTES:
        limits = [
            table["Limiting current density [mA.cm-2]"][k]
            for k, n in enumerate(table["Electrolyte"])
            if n == name
        ]
        if limits and min(limits) > top:
            beyond.append(f"{name} ({min(limits):.2g} mA/cm2)")
    if not beyond:
        return ""
    return (
        f" Limiting current above the largest step ({top:g} mA/cm2): "
        + ", ".join(beyond)
        + "; these cannot deplete in the model, so a short the paper reports for "
        "one of them would come from what the model leaves out (dendrites through "
        "a growing interphase or a crystalline film), not from salt depletion."
    )


def notes_text(cell, table, runtimes):
    h = PROTOCOL.half_cycle_time / 3600
    return (
        f"Protocol: {', '.join(f'{i:g}' for i in PROTOCOL.current_densities)} mA/cm2 "
        f"(intermediate steps assumed), {CYCLES_PER_STEP} cycles of {h:g} h + "
        f"{h:g} h each, continuous; a run stops when the salt next to an electrode "
        f"falls below {100 * DEPLETION_FRACTION:g} % of c0 (depletion.csv lists "
        "the analytic limiting current and Sand's time per step, both from D, t+ "
        f"at c0 and {cell['Ambient temperature [K]'] - 273.15:g} C). A cell "
        "depletes in a half "
        "cycle only above its limiting current; Sand's time is then a lower bound "
        "of the model's depletion time (finite film, and the composite sets' "
        "Nernst-Einstein D rises as the salt falls, so the model can deplete later "
        f"and at higher current than these c0 estimates{later_text(table)}). "
        "Depletion is the model's proxy for dendrite growth and "
        "shorting; the model has no dendrites and no mechanical failure, and "
        "this run no interphase growth (cheng2023_fig3i_long has it)."
        + beyond_text(table)
        + " "
        + cells.runtime_text(runtimes)
    )


@register(
    "cheng2023_fig3g",
    title="Li|SSE|Li step-current plating/stripping, limiting current and Sand's "
    "time (Cheng2023 Fig. 3g)",
    source="Cheng et al., Adv. Mater. 2023, DOI 10.1002/adma.202303226, Fig. 3g",
    cost=6,
)
def run_3g(progress):
    cell = cells.cell_values()
    curves = {k: [] for k in CURVE_COLUMNS}
    table = {k: [] for k in TABLE_COLUMNS}
    first_depletion, runtimes = {}, {}
    model = SymmetricLithiumCell()
    fig, axes = plt.subplots(3, 1, figsize=(9, 8), sharex=True)
    for k, name in enumerate(cells.ELECTROLYTES):
        progress(k / 3, f"{name}: step cycling")
        t0 = time.monotonic()
        pv = cells.symmetric_cell(name)
        run = simulate(model, pv, PROTOCOL)
        curves["Electrolyte"] += [name] * len(run["Time [s]"])
        for key in CURVE_COLUMNS[1:]:
            curves[key] += list(run[key])
        first_depletion[name] = run.summary["depletion current density [mA.cm-2]"]
        L = cell["Electrolyte thickness [m]"]
        for row in depletion_rows(name, model, pv, L):
            for key in TABLE_COLUMNS:
                table[key].append(row[key])
        runtimes[name] = time.monotonic() - t0
        plot(axes[k], name, run)
    axes[-1].set_xlabel("Time [h]")
    fig.tight_layout()
    return ExperimentResult(
        curves=curves,
        figures={"figure.png": fig},
        comparisons=comparisons(first_depletion),
        tables={"depletion.csv": table},
        notes=notes_text(cell, table, runtimes),
    )
