"""Qiu2021 Fig. 6g,h: GITT through a full sodiation and desodiation of SbQD@C and
commercial Sb, with the Na diffusion coefficient per pulse estimated two ways and
compared with the diffusivity the model actually uses.

Settings (the paper gives none; typical): pulses of 10 min at 0.1 A/g (16.7 mAh/g
each), rests of 20 min, from rest at 2.5 V down to 0.01 V and back.

Estimates per pulse (sim/analysis/titration.py, usable on measured GITT records):
1. Weppner-Huggins for spheres, with the electrode's real diffusion geometry: the
   length Na diffuses in the solid to reach the Sb
   (:func:`sim.models.sb_carbon.sb_alloy.sb_transport`), i.e. the composite-grain
   radius for SbQD@C (Na crosses the grain's carbon to the dots) and the particle
   radius for commercial Sb;
2. a physics-based fit of each pulse and its rest on PyBOP's single-particle
   model (SPDiffusion, the model of PyBOP's GITTPulseFit: one spherical particle,
   the titration's own relaxed-voltage curve as OCV, fitted diffusion time R^2/D
   and series resistance; the resistance in closed form, the diffusion time by a
   1-D search, :func:`sim.analysis.titration.fit_pulse`).
The model's diffusivity on that path (the grain's carbon for SbQD@C, NaxSb for
commercial Sb; the report's notes give its value) is drawn beside the estimates: they differ from it, and from each other,
because a GITT electrode is not one solid-solution particle (several stores,
two-phase steps, hysteresis).

A claim "at every state" over no states is an error
(:func:`sim.harness.comparison.claim_at_every`); where a method gives no usable
estimate for a material, its row says so with the counts and fails.
"""

from __future__ import annotations

import time

import matplotlib.pyplot as plt
import numpy as np

from sim import parameters
from sim.analysis.titration import analyse_titration
from sim.errors import DataError
from sim.harness import Comparison, ExperimentResult, register
from sim.harness.comparison import claim_at_every
from sim.models.sb_carbon import (
    shared_model,
    validate_options,
)
from sim.models.sb_carbon.sb_alloy import sb_transport
from sim.protocols import GITTProtocol
from sim.protocols import simulate as run_protocol

MATERIALS = ("SbQD@C", "commercial Sb")
DIRECTIONS = ("sodiation", "desodiation")
PROTOCOL = GITTProtocol(specific_current=0.1, pulse_time=600.0, rest_time=1200.0)
M2S_TO_CM2S = 1e4


def simulate(material, parameter_set=None):
    """GITT record and per-pulse diffusivities of one material."""
    ps = parameter_set or parameters.get(material)
    g = run_protocol(
        shared_model(ps.model_options),
        ps.to_pybamm(),
        PROTOCOL,
    )
    length, diffusivity = sb_transport(ps, validate_options(ps.model_options))
    direction = np.asarray(g["Direction"])
    results = {}
    for d in ("sodiation", "desodiation"):
        sel = direction == d
        results[d] = analyse_titration(
            g["Time [s]"][sel], g["Current [A]"][sel], g["Voltage [V]"][sel], length
        )
    return g, results, diffusivity


@register(
    "qiu2021_fig6gh",
    title="GITT and Na diffusion coefficients, SbQD@C vs commercial Sb (Qiu2021 Fig. 6g,h)",
    source="Qiu et al., Small Methods 5 (2021) 2100188, Fig. 6g,h",
    cost=85,
)
def run(progress):
    """GITT of both materials; apparent diffusivities by two methods."""
    t0 = time.perf_counter()
    data = {}
    for k, material in enumerate(MATERIALS):
        progress(k / len(MATERIALS), f"{material}: GITT and pulse fits")
        data[material] = simulate(material)
    runtime = time.perf_counter() - t0

    curves, diff = _export(data)
    rows = _rows(data)
    fig = _diffusivity_figure(data)
    figv = _voltage_figure(data)
    notes = _notes(data, runtime)
    return ExperimentResult(
        curves=curves,
        figures={"figure.png": fig, "gitt_voltage.png": figv},
        tables={"diffusivity.csv": diff},
        comparisons=rows,
        notes=notes,
    )


def _export(data):
    """The GITT records and the per-pulse diffusivities of both materials."""
    curves = {
        k: []
        for k in ("Material", "Direction", "Time [s]", "Voltage [V]", "Current [A]")
    }
    diff = {
        k: []
        for k in (
            "Sodiation state",
            "Direction",
            "Material",
            "D Weppner-Huggins [cm2.s-1]",
            "D fitted [cm2.s-1]",
            "D model [cm2.s-1]",
        )
    }
    for material, (g, results, d_model) in data.items():
        n = len(g["Time [s]"])
        curves["Material"] += [material] * n
        curves["Direction"] += list(g["Direction"])
        curves["Time [s]"] += list(g["Time [s]"])
        curves["Voltage [V]"] += list(g["Voltage [V]"])
        curves["Current [A]"] += list(g["Current [A]"])
        for d, r in results.items():
            m = len(r["state"])
            # sodiation state: fraction of the full sodiation reached (desodiation runs
            # from 1 back to 0)
            x = r["state"] if d == "sodiation" else 1 - r["state"]
            diff["Sodiation state"] += list(x)
            diff["Direction"] += [d] * m
            diff["Material"] += [material] * m
            diff["D Weppner-Huggins [cm2.s-1]"] += list(r["D_wh"] * M2S_TO_CM2S)
            diff["D fitted [cm2.s-1]"] += list(r["D_fit"] * M2S_TO_CM2S)
            diff["D model [cm2.s-1]"] += [d_model * M2S_TO_CM2S] * m

    return curves, diff


def above_at_matching_states(a, b, key):
    """One outcome per SbQD@C pulse (``a``) whose state lies inside the range of
    commercial Sb's (``b``) finite estimates: is its apparent D above commercial
    Sb's, log-interpolated to the same state? Empty if either has fewer than two
    usable estimates."""
    ok_b = np.isfinite(b[key]) & (b[key] > 0)
    if ok_b.sum() < 2:
        return []
    lo, hi = b["state"][ok_b].min(), b["state"][ok_b].max()
    out = []
    for s, v in zip(a["state"], a[key], strict=True):
        if not np.isfinite(v) or s < lo or s > hi:
            continue
        ref = np.exp(np.interp(s, b["state"][ok_b], np.log(b[key][ok_b])))
        out.append(bool(v > ref))
    return out


def accepted_fits(results):
    """(pulse fits accepted, pulse fits tried) over both directions of one
    material: a fit is tried where it has an RMSE and accepted where it gave D."""
    n_ok = n_tried = 0
    for r in results.values():
        n_tried += int(np.sum(np.isfinite(r["rmse"])))
        n_ok += int(np.sum(np.isfinite(r["D_fit"])))
    return n_ok, n_tried


def _rows(data):
    """SbQD@C's apparent D above commercial Sb at matching states, per method.

    A claim over no states is an error (:func:`claim_at_every` raises). Where a
    method gives no usable estimate for a material (e.g. no PyBOP pulse fit was
    accepted), the row says so, with the counts, and fails: the paper's
    comparison could not be made on the simulated record."""
    claim = "SbQD@C apparent D above commercial Sb"
    reported = "at every state"
    source = "Qiu2021 Fig. 6g,h text"
    rows = []
    for method, key in (("Weppner-Huggins", "D_wh"), ("PyBOP fit", "D_fit")):
        outcomes = []
        for d in ("sodiation", "desodiation"):
            outcomes += above_at_matching_states(
                data["SbQD@C"][1][d], data["commercial Sb"][1][d], key
            )
        counts = ""
        if key == "D_fit":
            counts = "; accepted pulse fits: " + ", ".join(
                "{} {} of {}".format(m, *accepted_fits(data[m][1])) for m in MATERIALS
            )
        try:
            rows.append(
                claim_at_every(
                    f"{claim} ({method}{counts})", reported, outcomes, "states", source
                )
            )
        except DataError:
            rows.append(
                Comparison(
                    f"{claim} ({method}{counts}): no state where both materials "
                    "have an estimate, the comparison cannot be made",
                    reported,
                    "no data to compare",
                    "-",
                    None,
                    source,
                )
            )

    return rows


def _diffusivity_figure(data):
    """Apparent D against sodiation state, both directions and methods."""
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.3), sharey=True)
    for ax, d in zip(axes, ("sodiation", "desodiation"), strict=True):
        for material, color in (("SbQD@C", "C0"), ("commercial Sb", "C3")):
            r = data[material][1][d]
            x = r["state"] if d == "sodiation" else 1 - r["state"]
            ax.semilogy(
                x,
                r["D_wh"] * M2S_TO_CM2S,
                "o-",
                color=color,
                ms=3,
                label=f"{material}: Weppner-Huggins",
            )
            ax.semilogy(
                x,
                r["D_fit"] * M2S_TO_CM2S,
                "s--",
                color=color,
                ms=3,
                mfc="none",
                label=f"{material}: PyBOP fit",
            )
        d_model = data["SbQD@C"][2] * M2S_TO_CM2S
        ax.axhline(d_model, color="k", ls=":", label="model diffusivity (both)")
        ax.set_xlabel("Sodiation state (fraction of full sodiation)")
        ax.set_title(d)
    axes[0].set_ylabel("Na diffusion coefficient [cm$^2$ s$^{-1}$]")
    axes[0].legend(fontsize=7)
    fig.tight_layout()

    return fig


def _voltage_figure(data):
    """The GITT voltage records."""
    figv, axv = plt.subplots(figsize=(7, 4))
    for material, color in (("SbQD@C", "C0"), ("commercial Sb", "C3")):
        g = data[material][0]
        axv.plot(
            np.asarray(g["Time [s]"]) / 3600,
            g["Voltage [V]"],
            color=color,
            lw=0.8,
            label=material,
        )
    axv.set_xlabel("Time [h]")
    axv.set_ylabel("Potential vs Na$^+$/Na [V]")
    axv.legend()
    figv.tight_layout()

    return figv


def _notes(data, runtime):
    """The notes of the report: medians, accepted fits, what WH reads."""

    def med(material, d, key):
        v = data[material][1][d][key]
        v = v[np.isfinite(v)]
        return float(np.median(v)) * M2S_TO_CM2S if v.size else np.nan

    ok_sb, tried_sb = accepted_fits(data["SbQD@C"][1])
    ok_cs, tried_cs = accepted_fits(data["commercial Sb"][1])
    d_model = {m: data[m][2] for m in MATERIALS}
    length = {
        m: sb_transport(
            parameters.get(m), validate_options(parameters.get(m).model_options)
        )[0]
        for m in MATERIALS
    }
    wh = {m: np.nanmedian([med(m, d, "D_wh") for d in DIRECTIONS]) for m in MATERIALS}
    below = {m: d_model[m] * M2S_TO_CM2S / wh[m] for m in MATERIALS}
    same_d = np.isclose(d_model["SbQD@C"], d_model["commercial Sb"])
    ranks = "above" if wh["SbQD@C"] > wh["commercial Sb"] else "below"

    rmse_cs = np.concatenate([data["commercial Sb"][1][d]["rmse"] for d in DIRECTIONS])
    near_misses = int(np.sum((rmse_cs > 5e-3) & (rmse_cs <= 1e-2)))

    def fit_ratio(m):
        v = np.concatenate([data[m][1][d]["D_fit"] for d in DIRECTIONS])
        v = v[np.isfinite(v)]
        return float(np.median(v)) / d_model[m] if v.size else np.nan

    t_cs = length["commercial Sb"] ** 2 / d_model["commercial Sb"]
    notes = (
        f"Runtime (both materials, GITT and all pulse fits): {runtime:.1f} s. "
        "The model's Na diffusivity on the way to the Sb: "
        + ", ".join(
            f"{m} {d_model[m] * M2S_TO_CM2S:.2g} cm2/s over {1e6 * length[m]:.2g} um"
            for m in MATERIALS
        )
        + ". Median apparent D, sodiation / desodiation: SbQD@C WH "
        f"{med('SbQD@C', 'sodiation', 'D_wh'):.2g} / "
        f"{med('SbQD@C', 'desodiation', 'D_wh'):.2g}; commercial Sb WH "
        f"{med('commercial Sb', 'sodiation', 'D_wh'):.2g} / "
        f"{med('commercial Sb', 'desodiation', 'D_wh'):.2g} cm2/s. The model's "
        "diffusivity over the median Weppner-Huggins value: "
        + ", ".join(f"{m} {below[m]:.2g}" for m in MATERIALS)
        + ". The formula assumes one solid-solution particle, but each pulse here "
        "also charges other stores and two-phase Sb steps whose relaxed voltage "
        "barely moves (small dE_s), and for the commercial Sb particles the pulse "
        f"({PROTOCOL.pulse_time:.0f} s) is not short against R^2/D "
        f"({t_cs:.0f} s). WH ranks SbQD@C {ranks} commercial Sb"
        + (
            " although the model's D is the same for both: the paper's higher GITT "
            "'D' for SbQD@C need not mean faster Na diffusion in the solid. "
            if same_d
            else ". "
        )
        + "PyBOP pulse fits (one spherical particle on the titration's own OCV) "
        "are accepted only if they reproduce the pulse within 5 mV RMSE: "
        f"{ok_sb} of {tried_sb} SbQD@C pulses and {ok_cs} of {tried_cs} commercial "
        "Sb pulses; the median accepted fit over the model's diffusivity: "
        + ", ".join(
            f"{m} {fit_ratio(m):.2g}" if np.isfinite(fit_ratio(m)) else f"{m} n/a"
            for m in MATERIALS
        )
        + " (for commercial Sb the fit stays below the model's D: at a switch the "
        "current first goes to the conductive additive's store and the double "
        "layer, which hand it over to the 1 um Sb particles over tens of seconds, "
        "a transient one particle cannot follow; "
        f"{near_misses} of the rejected commercial-Sb fits miss the 5 mV limit by "
        "less than a factor 2). A rejected fit's D is left empty rather than "
        "reported; if a "
        "material has no accepted fit, the PyBOP row says so and fails (a claim "
        "'at every state' over no states is not made)."
    )
    return notes
