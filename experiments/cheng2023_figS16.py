"""Cheng2023 Fig. S16: ionic conductivity against filler loading, 0-15 wt%, for GdOOH
cluster chains (0.95 nm x 500 nm) and nanowires (70 nm x 500 nm) in PEO/LiTFSI at
room temperature (taken as 25 C).

Both curves come from one model (:mod:`sim.physics.interface_conduction`) with the
CPCSE/CNCSE parameter sets, which differ only in the filler's size (and the
loading, varied here). Where the maximum falls is set by geometry: shells of
dispersed fillers add conduction until the fillers reach their dispersion limit
(Onsager crowding of the core + ligand envelope), beyond which added filler
condenses into insulating bundles. The model's curve has no interior peak: it rises
to the dispersion limit and then stays nearly flat, so the argmax of the simulated
curve on a 0.5 wt% grid (the "optimum" row) is set by the grid and by tiny changes on
the plateau; the dispersion-limit loading is given next to it. Whether the curve has
a maximum at all, as the paper's Fig. S16 shows, is a separate claim row per filler:
true only if the conductivity falls by more than :data:`FALL_CRITERION` between the
argmax and 15 wt%.
"""

from __future__ import annotations

import math
from dataclasses import replace

import matplotlib.pyplot as plt
import numpy as np
from sim.experiments import reported_cheng2023 as reported
from sim.experiments.calibration_cheng2023 import ROOM_TEMPERATURE, S_CM

from sim import parameters
from sim.harness import Comparison, ExperimentResult, register
from sim.physics import interface_conduction as ic
from sim.physics.polymer_electrolyte import PolymerElectrolyte

LOADINGS = np.round(np.arange(0.0, 15.0 + 1e-9, 0.5), 10)
"""wt%. The grid of the simulated curve (the argmax is taken on it)."""
FILLERS = (("CPCSE", "cluster chains"), ("CNCSE", "nanowires"))
FALL_CRITERION = 0.05
"""Relative fall of the conductivity from the argmax to the largest loading (15
wt%) that counts as a maximum (a peak, not a plateau)."""


def fall_above_optimum(loadings, sigma):
    """Relative fall ``1 - sigma(largest loading) / max(sigma)`` [-] (0 when the
    maximum is at the largest loading)."""
    sigma = np.asarray(sigma, dtype=float)
    return float(1 - sigma[-1] / sigma[int(np.argmax(sigma))])


def conductivity_vs_loading(set_name, loadings=LOADINGS, T=ROOM_TEMPERATURE):
    """(conductivity [S/cm], interfacial fraction, dispersed fraction of the filler)
    at each loading [wt%] for the filler of parameter set ``set_name``."""
    base = PolymerElectrolyte.from_parameter_set(parameters.get(set_name))
    sigma, interfacial, dispersed = [], [], []
    for w in loadings:
        e = base.updated(loading=float(w))
        m = e.microstructure
        sigma.append(e.conductivity(T) / S_CM)
        interfacial.append(m.interfacial_fraction)
        dispersed.append(
            m.dispersed_core_fraction / m.core_fraction if m.core_fraction else 1.0
        )
    return np.array(sigma), np.array(interfacial), np.array(dispersed)


def optimum_loading(loadings, sigma):
    """Loading of the largest conductivity (first one if tied)."""
    return float(np.asarray(loadings)[int(np.argmax(sigma))])


def dispersion_limit_loading(set_name, **filler_changes):
    """Loading [wt%] at which the set's filler (with ``filler_changes`` applied,
    e.g. ``core_density=8000.0``) reaches its dispersion limit (inf if never below
    100 wt%)."""
    e = PolymerElectrolyte.from_parameter_set(parameters.get(set_name))
    filler = replace(e.filler, **filler_changes)
    limit = ic.dispersion_limit(filler)
    return ic.loading_for_core_fraction(limit, filler, e.density)


def dispersion_limit_sensitivity():
    """The cluster chains' dispersion-limit loading [wt%] when the two least
    certain inputs change: GdOOH density 6 and 8 g/cm3 (with the TGA-derived
    ligand layer following it), ligand layer 0.5 and 2 nm."""
    e = PolymerElectrolyte.from_parameter_set(parameters.get("CPCSE"))
    f = e.filler
    out = {}
    for rho in (6000.0, 8000.0):
        ratio = f.organic_mass_fraction / (1 - f.organic_mass_fraction)
        layer = f.radius * (math.sqrt(1 + ratio * rho / f.organic_density) - 1)
        out[f"GdOOH {rho / 1000:g} g/cm3"] = dispersion_limit_loading(
            "CPCSE", core_density=rho, ligand_layer_thickness=layer
        )
    for layer in (0.5e-9, 2e-9):
        out[f"ligand layer {layer * 1e9:g} nm"] = dispersion_limit_loading(
            "CPCSE", ligand_layer_thickness=layer
        )
    return out


COLORS = {"cluster chains": "tab:red", "nanowires": "tab:blue"}
OPTIMUM_KEY = {
    "cluster chains": "optimum loading cluster chains",
    "nanowires": "optimum loading nanowires",
}


def plot(fig, axes, results):
    """Conductivity against loading (left); shell and dispersed shares (right)."""
    for _, label in FILLERS:
        sigma, interfacial, dispersed = results[label]
        color = COLORS[label]
        axes[0].plot(LOADINGS, sigma, "o-", ms=3, color=color, label=label)
        axes[0].axvline(
            reported.value(OPTIMUM_KEY[label]),
            color=color,
            ls=":",
            label=f"{label}: reported optimum",
        )
        axes[1].plot(LOADINGS, interfacial, "-", color=color, label=f"{label}: shells")
        axes[1].plot(
            LOADINGS, dispersed, "--", color=color, label=f"{label}: dispersed"
        )
    axes[0].plot(
        [reported.value("optimum loading cluster chains")],
        [reported.value("conductivity CPCSE room temperature")],
        "k*",
        ms=10,
        label="CPCSE reported (25 C taken)",
    )
    axes[0].set_yscale("log")
    axes[0].set_xlabel("Filler loading [wt%]")
    axes[0].set_ylabel("Ionic conductivity at 25 C [S cm$^{-1}$]")
    axes[0].legend(fontsize=7)
    axes[1].set_xlabel("Filler loading [wt%]")
    axes[1].set_ylabel("Fraction [-]")
    axes[1].set_title(
        "share of electrolyte in interfacial shells (solid);\n"
        "share of filler dispersed (dashed)",
        fontsize=9,
    )
    axes[1].legend(fontsize=7, loc="center right", bbox_to_anchor=(1.0, 0.74))
    fig.tight_layout()


def shape_text(limit):
    """What sets the argmax, given the dispersion-limit loading [wt%]."""
    if np.isfinite(limit) and limit < LOADINGS[-1]:
        return (
            f"the model's curve rises to the dispersion limit, {limit:.2f} wt%, and "
            "is then nearly flat, so the argmax is set by the grid, not by a peak"
        )
    where = f"{limit:.2f} wt%" if np.isfinite(limit) else "beyond 100 wt%"
    return (
        f"dispersion limit {where}: the model's curve rises over the whole "
        "range, so the argmax is its end, not a peak"
    )


def comparisons(optimum, limits, falls):
    """Per filler: the optimum loading, and whether the curve has a maximum."""
    rows = []
    for _, label in FILLERS:
        key = OPTIMUM_KEY[label]
        rows.append(
            Comparison(
                f"optimum loading, {label} (argmax of the simulated 25 C curve on a "
                f"0.5 wt% grid; {shape_text(limits[label])})",
                reported.value(key),
                optimum[label],
                "wt%",
                0.5,
                reported.source(key),
            )
        )
        rows.append(
            Comparison(
                f"{label}: conductivity falls above the optimum (a maximum, as in "
                "the paper's Fig. S16): more than "
                f"{100 * FALL_CRITERION:g} % lower at {LOADINGS[-1]:g} wt% than at "
                f"the argmax (simulated fall {100 * falls[label]:.2f} %)",
                "conductivity peaks at the optimum loading",
                bool(falls[label] > FALL_CRITERION),
                "-",
                None,
                reported.source(key),
            )
        )
    return rows


def chain_notes(results, optimum, limits, falls):
    """The cluster chains: dispersion limit, plateau, argmax, sensitivity."""
    chain = PolymerElectrolyte.from_parameter_set(parameters.get("CPCSE"))
    chains = results["cluster chains"][0]
    failing = [label for _, label in FILLERS if falls[label] <= FALL_CRITERION]
    claim_outcome = (
        "no maximum for " + " or ".join(failing) + ": the claim fails"
        if failing
        else "both fall: the claims hold"
    )
    w_lim = limits["cluster chains"]
    above = LOADINGS >= w_lim
    plateau = (
        100 * (chains[above].max() - chains[above].min()) / chains[above].max()
        if above.any()
        else np.nan
    )
    sensitivity = dispersion_limit_sensitivity()
    return (
        "Room temperature taken as 25 C. One model, one parameter set per filler "
        "(CPCSE, CNCSE; they differ in filler size only). Predicted, not fitted: "
        "the shape of both curves. The model's cluster-chain curve has no interior "
        "peak: it rises until the chains reach their "
        f"dispersion limit, {w_lim:.2f} wt% (Onsager's isotropic "
        f"boundary n b = {ic.ONSAGER_ISOTROPIC_CONCENTRATION:g} on the "
        f"{chain.filler.core_diameter * 1e9:.2f} nm core + "
        f"{chain.filler.ligand_layer_thickness * 1e9:.2f} nm ligand envelope, "
        f"{chain.filler.length * 1e9:.0f} nm long), and above it stays flat "
        f"within {plateau:.3f} % up to {LOADINGS[-1]:g} wt%: added chains condense "
        "into insulating bundles but the dispersed ones keep their shells. The "
        "argmax on the 0.5 wt% grid "
        f"({optimum['cluster chains']:g} wt%, the optimum row) is therefore a grid "
        "artefact on that plateau, not a peak; its agreement with the paper's "
        "optimum says only that the rise ends near there. The fall from the argmax "
        f"to {LOADINGS[-1]:g} wt% is {100 * falls['cluster chains']:.2f} % "
        f"(cluster chains) and {100 * falls['nanowires']:.2f} % (nanowires), "
        f"against the {100 * FALL_CRITERION:g} % that the claim rows ask of a "
        f"maximum ({claim_outcome}). The limit depends on inputs the paper "
        "does not give: "
        + ", ".join(f"{k}: {v:.2f} wt%" for k, v in sensitivity.items())
        + ". The paper "
        "reports a peak, i.e. a clearer fall, whose size its text does not give; "
        "a stronger fall would need bundles that also pull dispersed chains out of "
        "the network, which nothing in the paper quantifies. "
    )


def wire_notes(results, limits, onsets, rows):
    """The nanowires: no interior maximum, and the percolation onsets."""
    chain = PolymerElectrolyte.from_parameter_set(parameters.get("CPCSE"))
    wires = results["nanowires"][0]
    return (
        "Nanowires (70 nm): their dispersion limit "
        + (
            "lies beyond 100 wt%"
            if not np.isfinite(limits["nanowires"])
            else f"is {limits['nanowires']:.0f} wt%"
        )
        + ", so the model has no interior maximum and the conductivity rises "
        f"slowly to {LOADINGS[-1]:g} wt% ({wires[0]:.3g} -> {wires[-1]:.3g} S/cm): "
        "with the "
        f"interfacial shell that explains CPCSE ({chain.shell_thickness * 1e9:.1f} "
        "nm, from the 50.7 % NMR fraction), 70 nm wires at 10 wt% put only "
        f"{100 * results['nanowires'][1][LOADINGS.tolist().index(10.0)]:.2f} % of "
        "the electrolyte into shells. The paper attributes the nanowires' "
        "optimum to agglomeration (they settle within 2 weeks, Fig. S10): a "
        "colloidal instability of poorly stabilised wires that a geometric "
        "crowding criterion does not contain"
        + (
            ", so the nanowire optimum row fails. "
            if not rows[2].passed
            else " (the nanowire optimum row passes nonetheless). "
        )
        + "Percolation onset of the coated fillers (EMT threshold of their shape, "
        f"Celzard 1996): cluster chains {onsets['cluster chains']:.3f} wt%, "
        "nanowires "
        + (
            "never (below the dispersion limit)"
            if not np.isfinite(onsets["nanowires"])
            else f"{onsets['nanowires']:.1f} wt%"
        )
        + "."
    )


def percolation_onsets():
    """Loading [wt%] at which each set's coated fillers percolate."""
    onsets = {}
    for name, label in FILLERS:
        e = PolymerElectrolyte.from_parameter_set(parameters.get(name))
        onsets[label] = ic.percolation_onset_loading(
            e.filler, e.shell_thickness, e.density, agglomeration=True
        )
    return onsets


@register(
    "cheng2023_figS16",
    title="Conductivity vs filler loading, cluster chains and nanowires, 25 C "
    "(Cheng2023 Fig. S16)",
    source="Cheng et al., Adv. Mater. 2023, DOI 10.1002/adma.202303226, Fig. S16",
)
def figS16(progress):
    curves = {
        "Filler": [],
        "Filler loading [wt%]": [],
        "Conductivity [S.cm-1]": [],
        "Interfacial fraction of electrolyte [-]": [],
        "Dispersed fraction of filler [-]": [],
    }
    results = {}
    for k, (set_name, label) in enumerate(FILLERS):
        progress(k / 2, f"{label}: effective medium over {LOADINGS.size} loadings")
        sigma, interfacial, dispersed = conductivity_vs_loading(set_name)
        results[label] = (sigma, interfacial, dispersed)
        curves["Filler"] += [label] * LOADINGS.size
        curves["Filler loading [wt%]"] += LOADINGS.tolist()
        curves["Conductivity [S.cm-1]"] += sigma.tolist()
        curves["Interfacial fraction of electrolyte [-]"] += interfacial.tolist()
        curves["Dispersed fraction of filler [-]"] += dispersed.tolist()
    optimum = {l: optimum_loading(LOADINGS, results[l][0]) for _, l in FILLERS}
    limits = {label: dispersion_limit_loading(name) for name, label in FILLERS}
    falls = {l: fall_above_optimum(LOADINGS, results[l][0]) for _, l in FILLERS}
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.3))
    plot(fig, axes, results)
    rows = comparisons(optimum, limits, falls)
    notes = chain_notes(results, optimum, limits, falls) + wire_notes(
        results, limits, percolation_onsets(), rows
    )
    progress(1.0, "done")
    return ExperimentResult(
        curves=curves, figures={"figure.png": fig}, comparisons=rows, notes=notes
    )
