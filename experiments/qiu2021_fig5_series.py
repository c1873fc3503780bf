"""Qiu2021 Fig. 5c-g, the shared part: the scan-rate CV series of each material
(simulated once per material) and its analysis as a researcher would do it on
measured CVs (peak tracking and b-values, the Dunn k1 v + k2 v^1/2 split),
next to the model's true split of its current into its stores. The registered
figures are in :mod:`sim.experiments.qiu2021_fig5_kinetics`, whose docstring
states the conventions.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from sim.experiments import reported

from sim import parameters
from sim.analysis.cv import (
    charge_shares,
    find_sweep_peaks,
    longest_sweeps,
    track_peak,
)
from sim.analysis.kinetics import (
    b_value,
    common_grid_sweeps,
    dunn_decomposition,
    enclosed_capacitive_fraction,
)
from sim.errors import DataError
from sim.harness import Comparison
from sim.models.sb_carbon import (
    shared_model,
)
from sim.models.sb_carbon.outputs import store_current_names
from sim.protocols import ScanRateSeries
from sim.protocols import simulate as run_protocol

SCAN_RATES = (1e-4, 3e-4, 5e-4, 7e-4, 9e-4)  # V/s
MATERIALS = ("SbQD@C", "commercial Sb")
PEAKS = (  # (label, direction, position at 0.1 mV/s used to track it, paper b key)
    ("anodic 0.77 V", "anodic", 0.77, 0),
    ("cathodic 0.70 V", "cathodic", 0.70, 1),
    ("cathodic 0.50 V", "cathodic", 0.50, 2),
)
B_TOLERANCE = 0.07  # b-value row tolerance (absolute)
_CACHE: dict = {}


def simulate(material, parameter_set=None, progress=None):
    """Scan-rate series of one material (cached per material for the default set)."""
    if parameter_set is None and material in _CACHE:
        return _CACHE[material]
    ps = parameter_set or parameters.get(material)
    v_lo, v_hi = reported.value("CV window")
    res = run_protocol(
        shared_model(ps.model_options),
        ps.to_pybamm(extra={"Initial voltage [V]": v_hi}),
        ScanRateSeries(SCAN_RATES, v_high=v_hi, v_low=v_lo),
        progress=progress,
    )
    rate = res["Scan rate [V.s-1]"]
    series = {nu: {n: res[n][rate == nu] for n in res} for nu in SCAN_RATES}
    if parameter_set is None:
        _CACHE[material] = series
    return series


def sweeps_paper_sign(curves):
    """{direction: (V, I)} with the paper's sign (anodic positive)."""
    return longest_sweeps(curves["Voltage [V]"], -curves["Current [A]"])


def track_peaks(series, window=0.08):
    """Peak (potential, current) of each tracked peak at each scan rate: a peak is
    followed from its 0.1 mV/s position to the *nearest* peak at the next rate
    (window below half the 0.2 V spacing of the paper's cathodic peaks); raises if
    a peak is lost or two trackers land on the same peak."""
    tracked = {}
    for label, direction, start, _ in PEAKS:
        sweeps = [sweeps_paper_sign(series[nu])[direction] for nu in SCAN_RATES]
        try:
            tracked[label] = track_peak(sweeps, start, window)
        except DataError as exc:
            raise DataError(f"peak '{label}' lost: {exc}") from exc
    cath = [k for k, d, *_ in PEAKS if d == "cathodic"]
    a, b = (tracked[k][:, 0] for k in cath)
    if np.any(np.abs(a - b) < 1e-6):
        raise DataError("two cathodic peak trackers followed the same peak")
    return tracked


def dunn_analysis(series, current_name="Current [A]"):
    """Dunn fits of both sweeps of one current (the total, or one store's) and,
    per scan rate, the enclosed-area capacitive fraction of the *total* CV."""
    records = {nu: (c["Voltage [V]"], -c[current_name]) for nu, c in series.items()}
    fits = {}
    for d in ("cathodic", "anodic"):
        grid, currents = common_grid_sweeps(records, d, n_points=300)
        fits[d] = (grid, currents, dunn_decomposition(list(records), grid, currents))
    return fits


def enclosed_fractions(fits):
    """Enclosed-area capacitive fraction at each scan rate."""
    return np.array(
        [
            enclosed_capacitive_fraction(
                nu,
                (fits["cathodic"][0], fits["cathodic"][1][k], fits["cathodic"][2]),
                (fits["anodic"][0], fits["anodic"][1][k], fits["anodic"][2]),
            )
            for k, nu in enumerate(SCAN_RATES)
        ]
    )


def store_dunn_shares(series, options, total_fits):
    """The Dunn 'capacitive' area split by store: the same fit run on each store's
    current (the fit is linear, so the store parts add up to the total's k1 area),
    each over the area the total CV encloses. {store: array over scan rates}."""
    from sim.analysis.kinetics import integral_up as _integral_up

    out = {}
    for name in store_current_names(options):
        fits = dunn_analysis(series, name)
        shares = []
        for k, nu in enumerate(SCAN_RATES):
            gc, ic, _ = total_fits["cathodic"]
            ga, ia, _ = total_fits["anodic"]
            tot = _integral_up(ga, ia[k]) - _integral_up(gc, ic[k])
            cap = _integral_up(
                fits["anodic"][0], fits["anodic"][2].capacitive_current(nu)
            )
            cap -= _integral_up(
                fits["cathodic"][0], fits["cathodic"][2].capacitive_current(nu)
            )
            shares.append(cap / tot)
        out[name.replace(" current [A]", "")] = np.array(shares)
    return out


def components_fraction(fits, nu):
    from sim.analysis.kinetics import integral_up as _integral_up

    num = den = 0.0
    for d in ("cathodic", "anodic"):
        grid, _, fit = fits[d]
        cap = np.abs(fit.capacitive_current(nu))
        dif = np.abs(fit.diffusive_current(nu))
        num += _integral_up(grid, cap)
        den += _integral_up(grid, cap + dif)
    return num / den


def true_split(curves, options):
    """Share of the charge each store takes in the cycle: per sweep the signed
    charge of the store over the signed charge of the cell, summed over both sweeps
    (no double counting where a store's current changes sign)."""
    names = store_current_names(options)
    shares = charge_shares(
        curves["Time [s]"],
        curves["Voltage [V]"],
        curves["Current [A]"],
        {name: curves[name] for name in names},
    )
    return {name.replace(" current [A]", ""): v for name, v in shares.items()}


def fast_fraction(split):
    return (
        split.get("Double-layer", 0.0)
        + split.get("Surface storage", 0.0)
        + split.get("Conductive additive", 0.0)
    )


def series_curves(material, series):
    cols = {
        k: []
        for k in (
            "Material",
            "Scan rate [mV.s-1]",
            "Time [s]",
            "Voltage [V]",
            "Current [A]",
            "Specific current [mA.g-1]",
        )
    }
    names = sorted(
        {n for c in series.values() for n in c if n.endswith("current [A]")}
        - {"Current [A]"}
    )
    for n in names:
        cols[n] = []
    for nu, c in series.items():
        m = len(c["Time [s]"])
        cols["Material"] += [material] * m
        cols["Scan rate [mV.s-1]"] += [nu * 1e3] * m
        for k in (
            "Time [s]",
            "Voltage [V]",
            "Current [A]",
            "Specific current [mA.g-1]",
        ):
            cols[k] += list(c[k])
        for n in names:
            cols[n] += list(c.get(n, np.zeros(m)))
    return cols


def cv_figure(material, series):
    fig, ax = plt.subplots(figsize=(6, 4.5))
    colors = plt.cm.viridis(np.linspace(0, 0.9, len(series)))
    for color, (nu, c) in zip(colors, series.items(), strict=True):
        ax.plot(
            c["Voltage [V]"],
            -c["Specific current [mA.g-1]"],
            color=color,
            lw=1.1,
            label=f"{nu * 1e3:.1f} mV s$^{{-1}}$",
        )
    ax.set_xlabel("Potential vs Na$^+$/Na [V]")
    ax.set_ylabel("Specific current [mA g$^{-1}$] (anodic > 0)")
    ax.set_title(f"{material}: CVs at 0.1-0.9 mV/s (steady cycle)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def largest_peaks(series, material):
    """The largest peak of each sweep direction at each scan rate, {direction:
    array of (potential, current)}: what can still be followed when the
    individual peaks merge."""
    out = {}
    for direction in ("cathodic", "anodic"):
        found = []
        for nu in SCAN_RATES:
            V, I = sweeps_paper_sign(series[nu])[direction]
            peaks = find_sweep_peaks(V, I)
            if not peaks:
                raise DataError(f"{material}: no {direction} peak at {nu * 1e3} mV/s")
            p = max(peaks, key=lambda p: abs(p.current))
            found.append((p.potential, p.current))
        out[direction] = np.array(found)
    return out


def peak_rows(material, series, with_b_rows):
    """b-value rows of the three tracked peaks, the tracks, each peak's shift over
    the scan rates and the b fits. When a peak cannot be followed (it merges
    with its neighbour as the scan rate rises) the b-value rows say so and fail
    (simulated NaN), and the shifts are those of the largest peak of each
    sweep; the tracks are then None."""
    b_ref = reported.value("b-values")
    try:
        tracked = track_peaks(series)
    except DataError as lost:
        largest = largest_peaks(series, material)
        shifts = {d: float(np.ptp(a[:, 0])) for d, a in largest.items()}
        rows = []
        if with_b_rows:
            rows = [
                Comparison(
                    f"b-value, peak {label} (mapped to the paper's value "
                    f"#{i_ref + 1}): no b-value, the peak cannot be followed "
                    f"over the scan rates ({lost})",
                    b_ref[i_ref],
                    float("nan"),
                    "-",
                    B_TOLERANCE,
                    reported.source("b-values"),
                )
                for label, _, _, i_ref in PEAKS
            ]
        return rows, None, shifts, {}
    rows, shifts, bvals = [], {}, {}
    for label, _, _, i_ref in PEAKS:
        pot, cur = tracked[label][:, 0], tracked[label][:, 1]
        shifts[label] = float(np.max(pot) - np.min(pot))
        fit = b_value(np.asarray(SCAN_RATES), cur)
        bvals[label] = fit
        if with_b_rows:
            rows.append(
                Comparison(
                    f"b-value, peak {label} (mapped to the paper's value "
                    f"#{i_ref + 1}; fit standard error {fit.b_stderr:.3f})",
                    b_ref[i_ref],
                    fit.b,
                    "-",
                    B_TOLERANCE,
                    reported.source("b-values"),
                )
            )
    return rows, tracked, shifts, bvals
