"""Scan-rate CV series: the same electrode swept at several scan rates, each at
steady state, with the model's true split of the current into its stores.

For each scan rate the cell starts at rest at the upper vertex and runs
``cycles`` cycles; the last one is kept (steady state: later cycles repeat it,
apart from the slow fade). The result keeps, besides time, voltage and current,
the current of every store the model has (double layer, fast surface sites,
carbon insertion, each Sb alloying step): what a kinetic analysis of measured CVs
(b-values, Dunn's k1 v + k2 v^1/2 split) tries to infer, known exactly here.
"""

from __future__ import annotations

import numpy as np

from sim.protocols import CyclicVoltammetry, run_cv


#: store currents, by name, in PyBaMM sign (positive = sodiation)
def store_currents(options):
    names = ["Double-layer current [A]", "Carbon insertion current [A]"]
    if options["surface storage"]:
        names.append("Surface storage current [A]")
    if options["Sb phase"]:
        names += [f"Sb step {j} current [A]" for j in range(1, options["Sb steps"] + 1)]
    return names


def run_scan_rate_series(
    model, parameter_values, scan_rates, *, v_high, v_low, cycles=2, progress=None
):
    """Run a CV at each scan rate [V/s]; returns {scan rate: curves of the last
    cycle} where curves are the arrays of :func:`sim.protocols.run_cv` plus the
    store currents."""
    variables = store_currents(model.sim_options)
    out = {}
    for k, nu in enumerate(scan_rates):
        if progress:
            progress(k / len(scan_rates), f"{nu * 1e3:.1f} mV/s")
        curves = run_cv(
            model,
            parameter_values,
            CyclicVoltammetry(v_high, v_low, nu, cycles=cycles, points_per_sweep=400),
            variables=variables,
        )
        last = curves["Cycle number"] == cycles
        out[nu] = {name: np.asarray(v)[last] for name, v in curves.items()}
    return out


def true_capacitive_fraction(curves, direction_sign=None):
    """Charge fraction of one full cycle carried by the fast, non-diffusive stores
    (double layer + surface sites): integral |i_fast| dt / integral |i| dt."""
    t = curves["Time [s]"]
    fast = curves["Double-layer current [A]"].copy()
    if "Surface storage current [A]" in curves:
        fast = fast + curves["Surface storage current [A]"]
    total = curves["Current [A]"]
    return float(np.trapezoid(np.abs(fast), t) / np.trapezoid(np.abs(total), t))
