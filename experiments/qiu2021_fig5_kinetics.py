"""Qiu2021 Fig. 5c-g: CVs at 0.1-0.9 mV/s, b-values and the Dunn "capacitive"
split, for SbQD@C and commercial Sb, next to the model's true split of its current.

What a researcher does with measured CVs (fit i_p = a v^b at each peak; fit
i(V) = k1 v + k2 v^1/2 at each potential) is done here on the simulated CVs with
:mod:`sim.analysis.kinetics`, and compared with what the model knows: which store
carried the current (double layer, fast surface sites, carbon insertion, each Sb
step; :mod:`sim.scan_rate`).

Conventions (decided here, stated in the report):
- b-values use the cycle's steady CV (2nd cycle at each rate). The paper does not
  say which b belongs to which peak; the three reported values (0.70, 0.84, 0.77)
  are mapped a priori in the order the paper's Fig. 5a text lists the peaks:
  anodic 0.77 V, cathodic 0.70 V, cathodic 0.50 V.
- The Dunn capacitive fraction is the area the k1 v curve encloses over the area
  the CV encloses (what Fig. 5d shades): int (k1_an - k1_cat) v dV / int (i_an -
  i_cat) dV, each sweep on its own grid.
- "True fast" fraction: charge through the double layer and the fast surface sites
  over all charge passed in the cycle.
- "Peaks nearly fixed" is read as: every peak moves by less than 50 mV from 0.1 to
  0.9 mV/s.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

import parameters
from experiments import reported
from sim.analysis.cv import find_sweep_peaks, peaks_near, split_sweeps
from sim.analysis.kinetics import (
    b_value,
    common_grid_sweeps,
    dunn_decomposition,
    shaded_capacitive_plot,
)
from sim.harness import Comparison, ExperimentResult, register
from sim.models.sb_carbon_half_cell import (
    SbCarbonHalfCell,
    parameter_values,
    validate_options,
)
from sim.scan_rate import run_scan_rate_series, store_currents

SCAN_RATES = (1e-4, 3e-4, 5e-4, 7e-4, 9e-4)  # V/s
MATERIALS = ("SbQD@C", "commercial Sb")
PEAKS = (  # (label, direction, position at 0.1 mV/s used to track it, paper b key)
    ("anodic 0.77 V", "anodic", 0.77, 0),
    ("cathodic 0.70 V", "cathodic", 0.70, 1),
    ("cathodic 0.50 V", "cathodic", 0.50, 2),
)
_CACHE: dict = {}


def simulate(material, parameter_set=None, progress=None):
    """Scan-rate series of one material (cached per material for the default set)."""
    if parameter_set is None and material in _CACHE:
        return _CACHE[material]
    ps = parameter_set or parameters.get(material)
    v_lo, v_hi = reported.value("CV window")
    series = run_scan_rate_series(
        SbCarbonHalfCell(validate_options(ps.model_options)),
        parameter_values(ps, initial_voltage=v_hi),
        SCAN_RATES,
        v_high=v_hi,
        v_low=v_lo,
        progress=progress,
    )
    if parameter_set is None:
        _CACHE[material] = series
    return series


def sweeps_paper_sign(curves):
    """{direction: (V, I)} with the paper's sign (anodic positive)."""
    out = {}
    for V, I in split_sweeps(curves["Voltage [V]"], -curves["Current [A]"]):
        d = "cathodic" if V[-1] < V[0] else "anodic"
        if d not in out or np.ptp(V) > np.ptp(out[d][0]):
            out[d] = (V, I)
    return out


def track_peaks(series):
    """Peak (potential, current) of each tracked peak at each scan rate; a peak is
    followed from its 0.1 mV/s position to the nearest peak at the next rate."""
    tracked = {label: [] for label, *_ in PEAKS}
    for label, direction, start, _ in PEAKS:
        guess = start
        for nu in SCAN_RATES:
            V, I = sweeps_paper_sign(series[nu])[direction]
            p = peaks_near(find_sweep_peaks(V, I), guess, 0.15)
            tracked[label].append(
                (np.nan, np.nan) if p is None else (p.potential, p.current)
            )
            if p is not None:
                guess = p.potential
    return {k: np.array(v) for k, v in tracked.items()}


def _integral_up(V, f):
    """int f dV from low to high potential, whatever the grid direction."""
    order = np.argsort(V)
    return float(np.trapezoid(np.asarray(f)[order], np.asarray(V)[order]))


def dunn_analysis(series):
    """Dunn fits of both sweeps and, per scan rate, the enclosed-area capacitive
    fraction (see module docstring)."""
    records = {nu: (c["Voltage [V]"], -c["Current [A]"]) for nu, c in series.items()}
    fits = {}
    for d in ("cathodic", "anodic"):
        grid, currents = common_grid_sweeps(records, d, n_points=300)
        fits[d] = (grid, currents, dunn_decomposition(list(records), grid, currents))
    fractions = []
    for k, nu in enumerate(records):
        gc, ic, dc = fits["cathodic"]
        ga, ia, da = fits["anodic"]
        cap = _integral_up(ga, da.capacitive_current(nu)) - _integral_up(
            gc, dc.capacitive_current(nu)
        )
        tot = _integral_up(ga, ia[k]) - _integral_up(gc, ic[k])
        fractions.append(cap / tot)
    return fits, np.array(fractions)


def components_fraction(fits, nu):
    """Alternative convention, for comparison only: per potential |k1 v| over
    |k1 v| + |k2 v^1/2|, integrated over both sweeps (bounded in [0, 1])."""
    num = den = 0.0
    for d in ("cathodic", "anodic"):
        grid, _, fit = fits[d]
        cap = np.abs(fit.capacitive_current(nu))
        dif = np.abs(fit.diffusive_current(nu))
        num += _integral_up(grid, cap)
        den += _integral_up(grid, cap + dif)
    return num / den


def true_split(curves, options):
    """Share of the charge passed in the cycle carried by each store [-]."""
    t = curves["Time [s]"]
    total = np.trapezoid(np.abs(curves["Current [A]"]), t)
    return {
        name.replace(" current [A]", ""): float(
            np.trapezoid(np.abs(curves[name]), t) / total
        )
        for name in store_currents(options)
    }


def _fast_fraction(split):
    return split.get("Double-layer", 0.0) + split.get("Surface storage", 0.0)


def _series_curves(material, series):
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


def _cv_figure(material, series):
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


def _peak_rows(material, series, with_b_rows):
    tracked = track_peaks(series)
    rows, shifts = [], {}
    b_ref = reported.value("b-values")
    for label, _, _, i_ref in PEAKS:
        pot, cur = tracked[label][:, 0], tracked[label][:, 1]
        shifts[label] = (
            float(np.nanmax(pot) - np.nanmin(pot))
            if np.any(np.isfinite(pot))
            else np.nan
        )
        if with_b_rows:
            ok = np.isfinite(cur)
            b = (
                b_value(np.asarray(SCAN_RATES)[ok], cur[ok]).b
                if ok.sum() >= 2
                else np.nan
            )
            rows.append(
                Comparison(
                    f"b-value, peak {label} (mapped to the paper's value #{i_ref + 1})",
                    b_ref[i_ref],
                    b,
                    "-",
                    0.07,
                    reported.source("b-values"),
                )
            )
    return rows, tracked, shifts


@register(
    "qiu2021_fig5c",
    title="SbQD@C CVs at 0.1-0.9 mV/s and b-values (Qiu2021 Fig. 5c, S3)",
    source="Qiu et al., Small Methods 5 (2021) 2100188, Fig. 5c and Fig. S3",
)
def run_5c(progress):
    series = simulate("SbQD@C", progress=progress)
    rows, tracked, shifts = _peak_rows("SbQD@C", series, with_b_rows=True)
    table = {
        "Peak": [],
        "Scan rate [mV.s-1]": [],
        "Peak potential [V]": [],
        "Peak current [A]": [],
    }
    for label, arr in tracked.items():
        for nu, (p, i) in zip(SCAN_RATES, arr, strict=True):
            table["Peak"].append(label)
            table["Scan rate [mV.s-1]"].append(nu * 1e3)
            table["Peak potential [V]"].append(p)
            table["Peak current [A]"].append(i)
    notes = (
        "b from i_p = a v^b over 0.1-0.9 mV/s on the steady (2nd) cycle. The paper's "
        "b-values are mapped to peaks in the order its Fig. 5a text lists them "
        "(anodic 0.77, cathodic 0.70, cathodic 0.50 V): an assumption, the paper does "
        "not say. Peak shifts from 0.1 to 0.9 mV/s: "
        + ", ".join(f"{k} {1e3 * v:.0f} mV" for k, v in shifts.items())
        + ". b < 1 here does not mean 'diffusion control' in the Randles-Sevcik "
        "sense: the sites equilibrate in the dots; the peaks are broadened and "
        "lowered by Na transport through the composite grains and by the cell's "
        "polarisation, which also shifts them."
    )
    return ExperimentResult(
        curves=_series_curves("SbQD@C", series),
        figures={"figure.png": _cv_figure("SbQD@C", series)},
        tables={"peaks.csv": table},
        comparisons=rows,
        notes=notes,
    )


@register(
    "qiu2021_fig5e",
    title="Commercial Sb CVs at 0.1-0.9 mV/s (Qiu2021 Fig. 5e)",
    source="Qiu et al., Small Methods 5 (2021) 2100188, Fig. 5e",
)
def run_5e(progress):
    sbqd = simulate("SbQD@C", progress=lambda f, m: progress(0.5 * f, "SbQD@C " + m))
    series = simulate("commercial Sb", progress=lambda f, m: progress(0.5 + 0.5 * f, m))
    _, _, shifts_sb = _peak_rows("SbQD@C", sbqd, with_b_rows=False)
    # commercial Sb: one cathodic and one anodic peak survive; track the largest
    shift_cs = {}
    for direction in ("cathodic", "anodic"):
        pots = []
        for nu in SCAN_RATES:
            V, I = sweeps_paper_sign(series[nu])[direction]
            peaks = find_sweep_peaks(V, I)
            pots.append(
                max(peaks, key=lambda p: abs(p.current)).potential if peaks else np.nan
            )
        shift_cs[direction] = float(np.nanmax(pots) - np.nanmin(pots))
    max_sb = max(shifts_sb.values())
    max_cs = max(shift_cs.values())
    rows = [
        Comparison(
            "SbQD@C peaks shift less with scan rate than commercial Sb's "
            f"(largest shift 0.1-0.9 mV/s: {1e3 * max_sb:.0f} vs {1e3 * max_cs:.0f} mV)",
            "commercial Sb shifts more",
            bool(max_sb < max_cs),
            "-",
            None,
            "Qiu2021 Fig. 5c,e text",
        ),
        Comparison(
            "SbQD@C peak positions nearly fixed with scan rate (read as: every peak "
            f"moves < 50 mV; largest simulated shift {1e3 * max_sb:.0f} mV)",
            "nearly fixed",
            bool(max_sb < 0.05),
            "-",
            None,
            "Qiu2021 Fig. 5c text",
        ),
    ]
    notes = (
        "Commercial Sb (1 um particles) shows one merged cathodic and one anodic "
        "peak here, which move much more with scan rate than SbQD@C's: Na has to "
        "diffuse through micrometre NaxSb. SbQD@C's peaks also move (by "
        f"{1e3 * max_sb:.0f} mV at most): mostly the assumed Na counter-electrode "
        "kinetics (exchange current 10 A/m2) and series resistance, which see "
        "currents ~10x larger at 0.9 than at 0.1 mV/s; the paper's 'nearly fixed' "
        "would need a faster Na electrode and less resistance than assumed."
    )
    return ExperimentResult(
        curves=_series_curves("commercial Sb", series),
        figures={"figure.png": _cv_figure("commercial Sb", series)},
        comparisons=rows,
        notes=notes,
    )


@register(
    "qiu2021_fig5g",
    title="Capacitive fraction vs scan rate: Dunn estimate vs the model's true split "
    "(Qiu2021 Fig. 5d,f,g)",
    source="Qiu et al., Small Methods 5 (2021) 2100188, Fig. 5d, 5f, 5g",
)
def run_5g(progress):
    results = {}
    for k, material in enumerate(MATERIALS):
        series = simulate(
            material,
            progress=lambda f, m, k=k, material=material: progress(
                (k + f) / len(MATERIALS), f"{material} {m}"
            ),
        )
        options = validate_options(parameters.get(material).model_options)
        fits, dunn = dunn_analysis(series)
        splits = [true_split(series[nu], options) for nu in SCAN_RATES]
        results[material] = (series, fits, dunn, splits)

    cols = {
        k: []
        for k in (
            "Material",
            "Scan rate [mV.s-1]",
            "Capacitive fraction Dunn [%]",
            "Fast-store fraction true [%]",
            "Double-layer share [%]",
            "Surface-site share [%]",
            "Carbon insertion share [%]",
            "Sb alloying share [%]",
        )
    }
    for material, (_, _, dunn, splits) in results.items():
        for nu, f_dunn, split in zip(SCAN_RATES, dunn, splits, strict=True):
            cols["Material"].append(material)
            cols["Scan rate [mV.s-1]"].append(nu * 1e3)
            cols["Capacitive fraction Dunn [%]"].append(100 * f_dunn)
            cols["Fast-store fraction true [%]"].append(100 * _fast_fraction(split))
            cols["Double-layer share [%]"].append(100 * split.get("Double-layer", 0.0))
            cols["Surface-site share [%]"].append(
                100 * split.get("Surface storage", 0.0)
            )
            cols["Carbon insertion share [%]"].append(
                100 * split.get("Carbon insertion", 0.0)
            )
            cols["Sb alloying share [%]"].append(
                100 * sum(v for k2, v in split.items() if k2.startswith("Sb step"))
            )

    dunn_sb = results["SbQD@C"][2]
    dunn_cs = results["commercial Sb"][2]
    rows = [
        Comparison(
            f"SbQD@C Dunn capacitive fraction at {nu * 1e3:.1f} mV/s",
            ref,
            100 * f,
            "%",
            7.0,
            reported.source("capacitive fraction"),
        )
        for nu, f, ref in zip(
            SCAN_RATES, dunn_sb, reported.value("capacitive fraction"), strict=True
        )
    ]
    rows += [
        Comparison(
            "SbQD@C Dunn capacitive fraction rises with scan rate",
            "rises",
            bool(np.all(np.diff(dunn_sb) > 0)),
            "-",
            None,
            reported.source("capacitive fraction"),
        ),
        Comparison(
            "SbQD@C more capacitive (Dunn) than commercial Sb at every scan rate",
            "SbQD@C higher",
            bool(np.all(dunn_sb > dunn_cs)),
            "-",
            None,
            "Qiu2021 Fig. 5f,g text",
        ),
    ]

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.3))
    ax = axes[0]
    mv = np.asarray(SCAN_RATES) * 1e3
    for material, color in (("SbQD@C", "C0"), ("commercial Sb", "C3")):
        _, _, dunn, splits = results[material]
        ax.plot(mv, 100 * dunn, "o-", color=color, label=f"{material}: Dunn estimate")
        ax.plot(
            mv,
            [100 * _fast_fraction(s) for s in splits],
            "s--",
            color=color,
            label=f"{material}: true (double layer + surface sites)",
        )
    ax.plot(
        mv, reported.value("capacitive fraction"), "k*", ms=10, label="Qiu2021 SbQD@C"
    )
    ax.set_xlabel("Scan rate [mV s$^{-1}$]")
    ax.set_ylabel("Capacitive fraction [%]")
    ax.legend(fontsize=7)
    # Fig. 5d-like: SbQD@C at 0.5 mV/s
    series, fits, dunn, _ = results["SbQD@C"]
    nu = 5e-4
    k = SCAN_RATES.index(nu)
    gc, ic, dc = fits["cathodic"]
    ga, ia, da = fits["anodic"]
    shaded_capacitive_plot(
        axes[1],
        gc,
        ic[k],
        dc.capacitive_current(nu),
        ga,
        ia[k],
        da.capacitive_current(nu),
        capacitive_fraction=dunn[k],
        title="SbQD@C, 0.5 mV/s: Dunn k1 v shaded",
    )
    fig.tight_layout()

    sb_split = results["SbQD@C"][3][SCAN_RATES.index(5e-4)]
    alt = [100 * components_fraction(results["SbQD@C"][1], nu) for nu in SCAN_RATES]
    notes = (
        "Dunn fraction = area enclosed by k1 v over area enclosed by the CV (what "
        "Fig. 5d shades). Why the Dunn estimate and the model disagree: the fit "
        "calls 'capacitive' any current that scales with v. In 3 nm Sb dots the "
        "alloying sites stay close to equilibrium with the local potential, so a "
        "large part of the *alloying* current scales with v, like a capacitor's; "
        "what does not is the part slowed by Na transport through the composite "
        "grains. Peaks that move with scan rate add further error (k1 and k2 take "
        "opposite signs there). In the model the double layer and the fast surface "
        "sites carry only "
        f"{100 * _fast_fraction(sb_split):.1f} % of the charge at 0.5 mV/s, Sb "
        f"alloying {100 * sum(v for k2, v in sb_split.items() if k2.startswith('Sb step')):.0f} %"
        ": the paper's large 'capacitive' fractions need not mean surface storage. "
        "The paper does not define how its fractions are integrated; this report "
        "uses the Fig. 5d enclosed-area convention, fixed before comparing. With "
        "the per-potential convention |k1 v| / (|k1 v| + |k2 v^1/2|) the SbQD@C "
        "fractions would be " + ", ".join(f"{a:.0f}" for a in alt) + " % at "
        "0.1-0.9 mV/s. What the model would need to give the paper's lower "
        "enclosed-area fractions is more current that does not scale with v away "
        "from the peaks, i.e. stronger transport limitation of the sloping "
        "(carbon, surface) storage; its b-values, which agree with the paper's, "
        "already set the peaks."
    )
    return ExperimentResult(
        curves=cols,
        figures={"figure.png": fig},
        comparisons=rows,
        notes=notes,
    )
