"""Qiu2021 Fig. 5a: CV of SbQD@C vs Na+/Na, five cycles at 0.1 mV/s, 2.5-0.01 V.

The electrode starts at rest at 2.5 V (equilibrium state of every store, so no
spurious first spike). Peaks of cycles 2-5 are compared with the paper's 0.77 V
(anodic) and 0.70 / 0.50 V (cathodic). The Sb step potentials of the parameter set
are fitted so that the simulated cycle-2 peaks sit there
(``python -m sim.experiments.calibration peaks``): these rows are fitted, and check
that the peaks stay put over cycles 2-5, not an independent prediction.

Not modelled: the first-cycle irreversible reduction near 0.26 V (SEI formation);
the model's first cycle therefore matches the later ones.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from sim.experiments import reported

from sim import parameters
from sim.analysis.cv import find_sweep_peaks, peaks_near, split_sweeps
from sim.harness import Comparison, ExperimentResult, register
from sim.models.sb_carbon import shared_model
from sim.protocols import CyclicVoltammetry
from sim.protocols import simulate as run_protocol

PEAK_TOLERANCE = 0.05  # V, from the issue


def simulate(parameter_set=None, scan_rate=1e-4, cycles=5, progress=None):
    """Run the Fig. 5a CV for a parameter set; returns its :class:`sim.result.Result`."""
    ps = parameter_set or parameters.get("SbQD@C")
    v_lo, v_hi = reported.value("CV window")
    pv = ps.to_pybamm(extra={"Initial voltage [V]": v_hi})
    protocol = CyclicVoltammetry(
        v_high=v_hi, v_low=v_lo, scan_rate=scan_rate, cycles=cycles
    )
    return run_protocol(shared_model(), pv, protocol, progress=progress)


def cycle_peaks(curves, cycle):
    """Cathodic and anodic peaks of one cycle (paper sign: cathodic negative)."""
    one = curves.cycles(cycle)
    V, I = one["Voltage [V]"], -one["Current [A]"]
    out = {"cathodic": [], "anodic": []}
    for v, i in split_sweeps(V, I):
        for p in find_sweep_peaks(v, i):
            out[p.direction].append(p)
    return out


@register(
    "qiu2021_fig5a",
    title="CV of SbQD@C at 0.1 mV/s, five cycles (Qiu2021 Fig. 5a)",
    source="Qiu et al., Small Methods 5 (2021) 2100188, Fig. 5a",
    cost=8,
)
def run(progress):
    curves = simulate(progress=progress)
    I_paper = -curves["Current [A]"]  # anodic positive, as plotted in the paper
    n_cycles = int(curves["Cycle number"].max())
    targets = [
        ("CV anodic peak", "anodic", "Anodic peak potential (fitted)"),
        ("CV cathodic peak 1", "cathodic", "Cathodic peak potential, a-NaxSb (fitted)"),
        ("CV cathodic peak 2", "cathodic", "Cathodic peak potential, Na3Sb (fitted)"),
    ]
    found = {key: [] for key, _, _ in targets}
    for cycle in range(2, n_cycles + 1):
        peaks = cycle_peaks(curves, cycle)
        for key, direction, _ in targets:
            p = peaks_near(peaks[direction], reported.value(key), 0.15)
            found[key].append(np.nan if p is None else p.potential)
    comparisons = []
    for key, _, label in targets:
        sims = np.asarray(found[key])
        # the worst cycle decides: every cycle 2-5 must be within tolerance
        worst = (
            sims[np.nanargmax(np.abs(sims - reported.value(key)))]
            if np.any(np.isfinite(sims))
            else np.nan
        )
        comparisons.append(
            Comparison(
                quantity=f"{label}, cycles 2-{n_cycles} (worst cycle)",
                reported=reported.value(key),
                simulated=float(worst) if np.all(np.isfinite(sims)) else np.nan,
                unit="V",
                tolerance=PEAK_TOLERANCE,
                source=reported.source(key),
                basis="fitted",
            )
        )

    fig, ax = plt.subplots(figsize=(6, 4.5))
    colors = plt.cm.viridis(np.linspace(0, 0.85, n_cycles))
    for cycle in range(1, n_cycles + 1):
        sel = curves["Cycle number"] == cycle
        ax.plot(
            curves["Voltage [V]"][sel],
            curves["Specific current [mA.g-1]"][sel] * -1,
            color=colors[cycle - 1],
            lw=1.2,
            label=f"cycle {cycle}",
        )
    for key, _, _ in targets:
        ax.axvline(reported.value(key), color="0.6", ls=":", lw=1)
    ax.set_xlabel("Potential vs Na$^+$/Na [V]")
    ax.set_ylabel("Specific current [mA g$^{-1}$] (anodic > 0)")
    ax.set_title("SbQD@C, 0.1 mV s$^{-1}$ (dotted: Qiu2021 peaks)")
    ax.legend(fontsize=8)
    fig.tight_layout()

    out = {
        "Time [s]": curves["Time [s]"],
        "Voltage [V]": curves["Voltage [V]"],
        "Current [A]": curves["Current [A]"],
        "Specific current [mA.g-1]": curves["Specific current [mA.g-1]"],
        "Cycle number": curves["Cycle number"],
    }
    notes = (
        "Current sign in `curves.csv` is PyBaMM's (positive = sodiation); the figure "
        "uses the paper's (anodic positive). The sodiation/desodiation potentials "
        "of the two Sb steps are fitted so that the simulated cycle-2 peaks sit at "
        "the reported ones (experiments/calibration.py): these rows are fitted, "
        "not predicted. The model's own polarisation at 0.1 mV/s (Na counter "
        "electrode, series resistance, kinetics and grain diffusion) moves the "
        "peaks away from the fitted step potentials; the fit accounts for it. The "
        "first-cycle SEI peak "
        f"({reported.value('CV first-cycle SEI peak'):g} V) is not modelled."
    )
    del I_paper
    return ExperimentResult(
        curves=out, figures={"figure.png": fig}, comparisons=comparisons, notes=notes
    )
