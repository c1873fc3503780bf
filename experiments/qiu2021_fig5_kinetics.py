"""Qiu2021 Fig. 5c-g: CVs at 0.1-0.9 mV/s, b-values and the Dunn "capacitive"
split, for SbQD@C and commercial Sb, next to the model's true split of its current.

What a researcher does with measured CVs (fit i_p = a v^b at each peak; fit
i(V) = k1 v + k2 v^1/2 at each potential) is done here on the simulated CVs with
:mod:`sim.analysis.kinetics`, and compared with what the model knows: which store
carried the current (double layer, fast surface sites, the conductive additive,
carbon insertion, each Sb step; :mod:`sim.protocols.scan_rate_series`).

Conventions (decided here, stated in the report):
- b-values use the cycle's steady CV (2nd cycle at each rate). The paper does not
  say which b belongs to which peak; the three reported values (0.70, 0.84, 0.77)
  are mapped a priori in the order the paper's Fig. 5a text lists the peaks:
  anodic 0.77 V, cathodic 0.70 V, cathodic 0.50 V.
- The Dunn capacitive fraction is the area the k1 v curve encloses over the area
  the CV encloses (what Fig. 5d shades): int (k1_an - k1_cat) v dV / int (i_an -
  i_cat) dV, each sweep on its own grid.
- "True fast" fraction: charge through the double layer, the fast surface sites and
  the conductive additive's sites (no solid diffusion in any of them) over all
  charge passed in the cycle.
- "Peaks nearly fixed" is read as: every peak moves by less than 50 mV from 0.1 to
  0.9 mV/s.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from sim.experiments import reported
from sim.experiments.qiu2021_fig5_series import (
    B_TOLERANCE,
    MATERIALS,
    SCAN_RATES,
    components_fraction,
    cv_figure,
    dunn_analysis,
    enclosed_fractions,
    fast_fraction,
    largest_peaks,
    peak_rows,
    series_curves,
    simulate,
    store_dunn_shares,
    true_split,
)

from sim import parameters
from sim.harness import Comparison, ExperimentResult, register
from sim.models.sb_carbon import (
    validate_options,
)
from sim.plots import shaded_capacitive_plot


@register(
    "qiu2021_fig5c",
    title="SbQD@C CVs at 0.1-0.9 mV/s and b-values (Qiu2021 Fig. 5c, S3)",
    source="Qiu et al., Small Methods 5 (2021) 2100188, Fig. 5c and Fig. S3",
    cost=15,
)
def run_5c(progress):
    series = simulate("SbQD@C", progress=progress)
    rows, tracked, shifts, bvals = peak_rows("SbQD@C", series, with_b_rows=True)
    table = {
        "Peak": [],
        "Scan rate [mV.s-1]": [],
        "Peak potential [V]": [],
        "Peak current [A]": [],
    }
    if tracked is None:  # peaks merged: the largest peak of each sweep instead
        tracked = {
            f"largest {d}": a for d, a in largest_peaks(series, "SbQD@C").items()
        }
    for label, arr in tracked.items():
        for nu, (pot, cur) in zip(SCAN_RATES, arr, strict=True):
            table["Peak"].append(label)
            table["Scan rate [mV.s-1]"].append(nu * 1e3)
            table["Peak potential [V]"].append(pot)
            table["Peak current [A]"].append(cur)
    btable = {
        "Peak": list(bvals),
        "b [-]": [f.b for f in bvals.values()],
        "b standard error [-]": [f.b_stderr for f in bvals.values()],
        "R squared [-]": [f.r_squared for f in bvals.values()],
    }
    notes = (
        "b from i_p = a v^b over 0.1-0.9 mV/s on the steady (2nd) cycle; each peak "
        "followed to the nearest peak at the next rate. The paper's b-values are "
        "mapped to peaks in the order its Fig. 5a text lists them (anodic 0.77, "
        "cathodic 0.70, cathodic 0.50 V), an assumption fixed before comparing; "
        + (
            f"{_mappings_passing(bvals)} of the 6 possible mappings would pass every "
            "b-value row, so the agreement depends on it. "
            if bvals
            else "here the peaks cannot be followed (they merge as the scan rate "
            "rises: the polarisation of the cell grows with its current), so "
            "there are no b-values; the table holds the largest peak of each "
            "sweep. "
        )
        + "Peak shifts from 0.1 to 0.9 mV/s: "
        + ", ".join(f"{k} {1e3 * v:.0f} mV" for k, v in shifts.items())
        + ". b < 1 here does not mean Randles-Sevcik diffusion control: the sites "
        "in the dots are close to equilibrium; Na transport through the composite "
        "grains and the site kinetics lower and broaden the peaks and move them."
    )
    return ExperimentResult(
        curves=series_curves("SbQD@C", series),
        figures={"figure.png": cv_figure("SbQD@C", series)},
        tables={"peaks.csv": table, "b_values.csv": btable},
        comparisons=rows,
        notes=notes,
    )


def _mappings_passing(bvals, tolerance=B_TOLERANCE):
    """How many of the assignments of the paper's three b-values to the three
    tracked peaks would put every simulated b within ``tolerance``."""
    from itertools import permutations

    sims = [f.b for f in bvals.values()]
    return sum(
        all(abs(s - r) <= tolerance for s, r in zip(sims, perm, strict=True))
        for perm in permutations(reported.value("b-values"))
    )


@register(
    "qiu2021_fig5e",
    title="Commercial Sb CVs at 0.1-0.9 mV/s (Qiu2021 Fig. 5e)",
    source="Qiu et al., Small Methods 5 (2021) 2100188, Fig. 5e",
    cost=28,
)
def run_5e(progress):
    sbqd = simulate("SbQD@C", progress=lambda f, m: progress(0.5 * f, "SbQD@C " + m))
    series = simulate("commercial Sb", progress=lambda f, m: progress(0.5 + 0.5 * f, m))
    _, _, shifts_sb, _ = peak_rows("SbQD@C", sbqd, with_b_rows=False)
    # commercial Sb: one cathodic and one anodic peak survive; track the largest
    shift_cs = {
        d: float(np.ptp(a[:, 0]))
        for d, a in largest_peaks(series, "commercial Sb").items()
    }
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
        "peak, which move much more with scan rate than SbQD@C's: Na has to diffuse "
        "through micrometre NaxSb. SbQD@C's peaks move too (by "
        f"{1e3 * max_sb:.0f} mV at most), from the assumed Na counter electrode "
        "and series resistance, the Sb site kinetics and Na transport through the "
        "composite grains (the same transport that the rate test calibrates); "
        "this run does not separate them. The paper's 'nearly fixed' peaks "
        "together with "
        "its rate losses point to a rate-limiting process that the 0.1-0.9 mV/s "
        "CVs do not feel; the model does not have one."
    )
    return ExperimentResult(
        curves=series_curves("commercial Sb", series),
        figures={"figure.png": cv_figure("commercial Sb", series)},
        comparisons=rows,
        notes=notes,
    )


@register(
    "qiu2021_fig5g",
    title="Capacitive fraction vs scan rate: Dunn estimate vs the model's true split "
    "(Qiu2021 Fig. 5d,f,g)",
    source="Qiu et al., Small Methods 5 (2021) 2100188, Fig. 5d, 5f, 5g",
    cost=14,
)
def run_5g(progress):
    """Dunn capacitive fractions of both materials next to the model's true
    split of its charge between the stores."""
    results = _dunn_results(progress)
    cols = _dunn_table(results)
    rows = _dunn_rows(results)
    fig = _dunn_figure(results)
    notes = _dunn_notes(results)
    return ExperimentResult(
        curves=cols,
        figures={"figure.png": fig},
        comparisons=rows,
        notes=notes,
    )


def _dunn_results(progress):
    """Per material: (series, Dunn fits, enclosed fractions, true splits, Dunn
    shares by store, charge per half cycle at each scan rate)."""
    results = {}
    for k, material in enumerate(MATERIALS):
        series = simulate(
            material,
            progress=lambda f, m, k=k, material=material: progress(
                (k + f) / len(MATERIALS), f"{material} {m}"
            ),
        )
        options = validate_options(parameters.get(material).model_options)
        fits = dunn_analysis(series)
        dunn = enclosed_fractions(fits)
        by_store = store_dunn_shares(series, options, fits)
        splits = [true_split(series[nu], options) for nu in SCAN_RATES]
        charge = [
            abs(np.trapezoid(series[nu]["Current [A]"], series[nu]["Time [s]"]))
            for nu in SCAN_RATES
        ]
        q_cycle = [
            0.5
            * np.trapezoid(np.abs(series[nu]["Current [A]"]), series[nu]["Time [s]"])
            for nu in SCAN_RATES
        ]
        del charge
        results[material] = (series, fits, dunn, splits, by_store, np.array(q_cycle))

    return results


def _dunn_table(results):
    """One row per material and scan rate: fractions and shares by store."""
    stores = sorted({s for r in results.values() for s in r[4]})
    cols = {
        "Material": [],
        "Scan rate [mV.s-1]": [],
        "Capacitive fraction Dunn [%]": [],
        "Charge per half cycle [A.s]": [],
    }
    for st in stores:
        cols[f"{st} share of Dunn capacitive area [%]"] = []
        cols[f"{st} share of charge [%]"] = []
    for material, (_, _, dunn, splits, by_store, q) in results.items():
        for k, nu in enumerate(SCAN_RATES):
            cols["Material"].append(material)
            cols["Scan rate [mV.s-1]"].append(nu * 1e3)
            cols["Capacitive fraction Dunn [%]"].append(100 * dunn[k])
            cols["Charge per half cycle [A.s]"].append(q[k])
            for st in stores:
                cols[f"{st} share of Dunn capacitive area [%]"].append(
                    100 * by_store[st][k] if st in by_store else 0.0
                )
                cols[f"{st} share of charge [%]"].append(100 * splits[k].get(st, 0.0))

    return cols


def _dunn_rows(results):
    """SbQD@C's Dunn fractions against the paper's, and two consistency rows."""
    dunn_sb = results["SbQD@C"][2]
    dunn_cs = results["commercial Sb"][2]
    rows = [
        Comparison(
            f"SbQD@C Dunn capacitive fraction at {nu * 1e3:.1f} mV/s (enclosed area)",
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

    return rows


def _dunn_figure(results):
    """Fractions against scan rate, shares by store, a Fig. 5d-like shaded CV."""
    fig, axes = plt.subplots(1, 3, figsize=(16, 4.4))
    ax = axes[0]
    mv = np.asarray(SCAN_RATES) * 1e3
    for material, color in (("SbQD@C", "C0"), ("commercial Sb", "C3")):
        dunn = results[material][2]
        ax.plot(
            mv, 100 * dunn, "o-", color=color, label=f"{material}: Dunn (enclosed area)"
        )
    ax.plot(
        mv, reported.value("capacitive fraction"), "k*", ms=10, label="Qiu2021 SbQD@C"
    )
    ax.set_xlabel("Scan rate [mV s$^{-1}$]")
    ax.set_ylabel("Capacitive fraction [%]")
    ax.set_ylim(0, 105)
    ax.legend(fontsize=7)
    # what the Dunn 'capacitive' area is made of, SbQD@C
    ax = axes[1]
    by_store = results["SbQD@C"][4]
    bottom = np.zeros(len(SCAN_RATES))
    for st in by_store:
        vals = 100 * by_store[st]
        ax.bar(mv, vals, width=0.12, bottom=bottom, label=st)
        bottom += vals
    ax.set_xlabel("Scan rate [mV s$^{-1}$]")
    ax.set_ylabel("Share of the Dunn 'capacitive' area [%]")
    ax.set_title("SbQD@C: which store the fit calls capacitive")
    ax.legend(fontsize=7)
    # Fig. 5d-like: SbQD@C at 0.5 mV/s
    series, fits, dunn, *_ = results["SbQD@C"]
    nu = 5e-4
    k = SCAN_RATES.index(nu)
    gc, ic, dc = fits["cathodic"]
    ga, ia, da = fits["anodic"]
    shaded_capacitive_plot(
        axes[2],
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

    return fig


def _dunn_notes(results):
    """The notes of the report: what the enclosed-area fraction measures."""
    _, _, dunn, splits, by_store, q = results["SbQD@C"]
    alt = [100 * components_fraction(results["SbQD@C"][1], nu) for nu in SCAN_RATES]
    k5 = SCAN_RATES.index(5e-4)
    fast = 100 * fast_fraction(splits[k5])
    sb_area = 100 * sum(v[k5] for st, v in by_store.items() if st.startswith("Sb step"))
    ref = reported.value("capacitive fraction")
    notes = (
        "Dunn fraction = area enclosed by k1 v over area enclosed by the CV (what "
        "Fig. 5d shades). Because i = k1 v + k2 v^1/2 fits the CVs, this fraction is "
        "close to Q_inf/Q(v): it reports how little the charge per cycle falls with "
        "scan rate, not which mechanism stores it. The model's charge per half "
        f"cycle falls only {100 * (1 - q[-1] / q[0]):.1f} % from 0.1 to 0.9 mV/s, "
        f"hence {100 * dunn[0]:.0f}-{100 * dunn[-1]:.0f} %; the paper's "
        f"{ref[0]:g} -> {ref[-1]:g} % would need about "
        f"{100 * (1 - ref[0] / ref[-1]):.0f} % of the charge per cycle lost over "
        "that range. Running the same (linear) fit on each store's current shows what "
        f"the 'capacitive' area is made of at 0.5 mV/s: Sb alloying {sb_area:.0f} "
        f"points of the {100 * dunn[k5]:.0f} %, while the double layer, the fast "
        "surface sites and the conductive additive carry only "
        f"{fast:.1f} % of the charge. Large Dunn fractions "
        "need not mean surface storage: fast insertion into 3 nm dots looks "
        "'capacitive' to the fit. The paper does not define its integration; with "
        "the per-potential convention |k1 v| / (|k1 v| + |k2 v^1/2|) the SbQD@C "
        "fractions would be " + ", ".join(f"{a:.0f}" for a in alt) + " % at "
        "0.1-0.9 mV/s (reported for transparency; the enclosed-area convention was "
        "fixed before comparing)."
    )
    return notes
