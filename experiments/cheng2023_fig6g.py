"""Cheng2023 Fig. 6f,g: NCM811 | CPCSE | Li at 0.5 C, the fresh cell.

The cell is :mod:`sim.models.ncm811_solid_state_cell` (PyBaMM's half-cell DFN with
Chen2020's NMC811 electrode, CPCSE as separator and in the cathode's pores, the Li
and cathode interphases of "Cheng2023 cells"). From rest at x = 0.9 (about the
discharged state of Chen2020's electrode) it charges at 0.5 C to the upper cut-off
and discharges at 0.5 C to the lower one. The paper reports 142.8 mAh/g after 250
cycles with 93.7 % retention, i.e. an initial 0.5 C capacity of
142.8 / 0.937 (computed below); the model has no ageing, so its fresh discharge
capacity is compared with that initial value, and the retention itself is not
simulated.
"""

from __future__ import annotations

import time

import matplotlib.pyplot as plt
import numpy as np
from sim.experiments import _cheng2023_cells as cells
from sim.experiments import reported_cheng2023 as reported

from sim import protocols
from sim.harness import Comparison, ExperimentResult, register
from sim.models import ncm811_solid_state_cell as ncm

RATE = 0.5
START_STOICHIOMETRY = 0.9


def simulate(name="CPCSE", cell=None):
    """(curves, discharge capacity [mA.h.g-1], parameter values) of the 0.5 C
    cycle of Li | ``name`` | NCM811."""
    cell = cell or cells.cell_values()
    pv = ncm.ncm811_cell_with_electrolyte(cell, cells.electrolyte(name))
    pv["Initial concentration in positive electrode [mol.m-3]"] = (
        START_STOICHIOMETRY
        * pv["Maximum concentration in positive electrode [mol.m-3]"]
    )
    v_lo = cell["NCM811 lower voltage cut-off [V]"]
    v_hi = cell["NCM811 upper voltage cut-off [V]"]
    program = protocols.ExperimentSteps(
        (
            f"Charge at {RATE:g} C until {v_hi} V",
            f"Discharge at {RATE:g} C until {v_lo} V",
        )
    )
    res = protocols.simulate(ncm.model(), pv, program)
    mass_g = pv["NCM811 mass [kg]"] * 1e3
    steps = np.asarray(res["Step number"])
    q = np.asarray(res["Capacity [A.h]"])
    curves = {
        "Step": [],
        "Time [s]": [],
        "Voltage [V]": [],
        "Specific capacity [mA.h.g-1]": [],
    }
    capacity = {}
    for number, label in zip(np.unique(steps), ("charge", "discharge"), strict=False):
        rows = steps == number
        q_spec = 1e3 * np.abs(q[rows] - q[rows][0]) / mass_g
        capacity[label] = float(q_spec[-1])
        curves["Step"] += [label] * int(rows.sum())
        curves["Time [s]"] += list(np.asarray(res["Time [s]"])[rows])
        curves["Voltage [V]"] += list(np.asarray(res["Voltage [V]"])[rows])
        curves["Specific capacity [mA.h.g-1]"] += list(q_spec)
    if "discharge" not in capacity:
        from sim.errors import ProtocolError

        raise ProtocolError(
            f"{name} NCM811 cycle stopped before the discharge "
            f"({res.solution.termination})"
        )
    return curves, capacity, pv


@register(
    "cheng2023_fig6g",
    title="Li|CPCSE|NCM811 at 0.5 C, fresh cell (Cheng2023 Fig. 6f,g)",
    source="Cheng et al., Adv. Mater. 2023, DOI 10.1002/adma.202303226, Fig. 6g",
)
def run_6g(progress):
    progress(0.0, "CPCSE: 0.5 C charge and discharge")
    t0 = time.monotonic()
    cell = cells.cell_values()
    curves, capacity, pv = simulate("CPCSE", cell)
    runtime = time.monotonic() - t0
    after = reported.value("NCM811 CPCSE 0.5 C after 250 cycles")
    retention = reported.value("NCM811 CPCSE retention after 250 cycles") / 100
    initial = after / retention
    fig, ax = plt.subplots(figsize=(6, 4))
    steps = np.asarray(curves["Step"])
    for label, style in (("charge", "--"), ("discharge", "-")):
        sel = steps == label
        ax.plot(
            np.asarray(curves["Specific capacity [mA.h.g-1]"])[sel],
            np.asarray(curves["Voltage [V]"])[sel],
            style,
            color=cells.COLORS["CPCSE"],
            label=f"model {label}",
        )
    ax.axvline(
        initial,
        color="k",
        ls=":",
        label=f"reported initial ({after:g} / {retention:g})",
    )
    ax.set_xlabel("Specific capacity [mAh g$^{-1}$ NCM811]")
    ax.set_ylabel("Voltage [V]")
    ax.set_title("Li | CPCSE | NCM811, 0.5 C")
    ax.legend(fontsize=8)
    fig.tight_layout()
    rows = [
        Comparison(
            "NCM811 | CPCSE | Li discharge capacity at 0.5 C, fresh cell, against the "
            f"initial capacity the paper implies ({after:g} mAh/g after 250 cycles "
            f"at {100 * retention:g} % retention; no ageing simulated)",
            round(initial, 1),
            capacity["discharge"],
            "mA.h.g-1",
            "10%",
            reported.source("NCM811 CPCSE 0.5 C after 250 cycles"),
        )
    ]
    tau = (
        pv["Positive particle radius [m]"] ** 2
        / pv["Positive particle diffusivity [m2.s-1]"]
    )
    notes = (
        "Chen2020's NMC811 electrode unchanged (radius "
        f"{1e6 * pv['Positive particle radius [m]']:.2f} um, D "
        f"{pv['Positive particle diffusivity [m2.s-1]']:.2g} m2/s: R^2/D = "
        f"{tau / 3600:.2f} h against the 2 h of a 0.5 C step), in a "
        f"{1e6 * pv['Positive electrode thickness [m]']:.1f} um cathode "
        f"({100 * cell['NCM811 mass loading [kg.m-2]']:g} mg/cm2 assumed) filled "
        "with CPCSE at "
        f"{cell['Ambient temperature [K]'] - 273.15:g} C; window "
        f"{cell['NCM811 lower voltage cut-off [V]']:g}-"
        f"{cell['NCM811 upper voltage cut-off [V]']:g} V assumed (the paper gives "
        f"none). Charge {capacity.get('charge', np.nan):.1f}, discharge "
        f"{capacity['discharge']:.1f} mAh/g from rest at x = {START_STOICHIOMETRY:g}. "
        f"Retention ({100 * retention:g} % after 250 cycles) and the LFP retention "
        f"rows ({reported.value('LFP CPCSE retention 1000 cycles 0.5 C'):g} % after "
        "1000 cycles at 0.5 C, "
        f"{reported.value('LFP CPCSE retention 700 cycles 1 C'):g} % after 700 at "
        "1 C) need a cathode ageing law the model does not have: not compared. "
        f"Runtime {runtime:.2f} s."
    )
    progress(1.0, "done")
    return ExperimentResult(
        curves=curves, figures={"figure.png": fig}, comparisons=rows, notes=notes
    )
