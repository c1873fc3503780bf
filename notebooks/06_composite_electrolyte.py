# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 06. Composite polymer electrolytes: interfaces, crystallinity and temperature
#
# Cheng et al. (Adv. Mater. 2023, DOI 10.1002/adma.202303226) put 2.5 wt% of
# GdOOH "cluster chains" (0.95 nm thick, about 500 nm long) into PEO/LiTFSI and
# report a room-temperature conductivity of 5.2e-4 S/cm (abstract), far above the
# plain polymer. A conductivity measurement gives one number per temperature. The
# model behind this project's electrolyte sets ("PPSE", "CNCSE", "CPCSE") also
# knows *why*: how much filler is dispersed, how much polymer is crystalline, how
# much sits in an interfacial shell, and the true temperature law of the
# amorphous polymer. Here you measure the conductivity the way the paper does and
# compare what the usual analyses conclude with what the model actually holds.
#
# ## What you will learn
#
# - how a loading in wt% becomes a volume, a surface and an interfacial shell,
#   and why sub-nanometre chains give far more interface per gram than 70 nm
#   wires, and bundle at a lower loading;
# - what raises the conductivity in this model (filler surface suppressing the
#   insulating PEO crystals), and what a better-conducting, percolating shell
#   would add on top;
# - how Arrhenius and VTF fits of the same simulated sigma(T) differ, and how
#   their parameters compare with the model's own T0, B and activation energy;
# - what a melting step of crystalline PEO does to an Arrhenius plot;
# - how to check a paper's activation energy against its own conductivities.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sim import parameters
from sim.analysis.arrhenius import (
    activation_energy_consistency,
    arrhenius_fit,
    vtf_fit,
)
from sim.analysis.composite_electrolyte import composition, temperature_breakdown
from sim.models.symmetric_lithium_cell import SymmetricLithiumCell
from sim.protocols import ElectrolyteConductivity, simulate

MODEL = SymmetricLithiumCell()
S_CM = 100.0  # S/m per S/cm
ZERO_C = 273.15


def conductivity(parameter_set, temperatures_c):
    """Conductivity [S/cm] the model's electrolyte has at each temperature [degC]:
    ElectrolyteConductivity evaluates the cell's own conductivity function."""
    pv = parameter_set.to_pybamm()
    res = simulate(MODEL, pv, ElectrolyteConductivity(tuple(temperatures_c)))
    return np.asarray(res["Conductivity [S.m-1]"]) / S_CM


sets = {name: parameters.get(name) for name in ("PPSE", "CNCSE", "CPCSE")}
for name, ps in sets.items():
    loading = ps["Filler loading [wt%]"] if "Filler loading [wt%]" in ps else 0.0
    print(f"{name}: filler loading {loading:g} wt%")

# %% [markdown]
# ## 1. Three electrolytes, two temperatures
#
# The paper reports (quoted from `experiments/reported_cheng2023.py`, with its
# sources): CPCSE 5.2e-4 S/cm at room temperature (abstract and text on Fig. S11)
# and 1.6e-3 S/cm at 60 C (text on Fig. 3e); CNCSE (10 wt% of 70 nm GdOOH
# nanowires) 9.1e-4 S/cm at 60 C (text on Fig. 3e); PPSE (no filler) 0.8e-4 S/cm
# at 60 C (text on Fig. S17). The paper does not say what "room temperature" is;
# the sets take 25 C.
#
# These reported numbers are what the sets were calibrated on, so agreement here
# is the calibration, not a prediction. What the model predicts is everything
# else below: the shape of the loading curves, the temperature law between and
# beyond these points, and the crystallinity behind them.

# %%
reported = {
    ("CPCSE", 25.0): 5.2e-4,
    ("CPCSE", 60.0): 1.6e-3,
    ("CNCSE", 60.0): 9.1e-4,
    ("PPSE", 60.0): 0.8e-4,
}
rows = []
for name, ps in sets.items():
    sigma = conductivity(ps, (25.0, 60.0))
    for T_c, s in zip((25.0, 60.0), sigma, strict=True):
        rows.append(
            {
                "electrolyte": name,
                "T [degC]": T_c,
                "model [S/cm]": f"{s:.3g}",
                "reported [S/cm]": (
                    f"{reported[(name, T_c)]:.3g}" if (name, T_c) in reported else "-"
                ),
            }
        )
print(pd.DataFrame(rows).to_string(index=False))

# %% [markdown]
# ## 2. From wt% to interface: chains against wires
#
# A filler powder is weighed in, but conduction sees volumes and surfaces. The
# model converts a loading into (see `sim/physics/interface_conduction.py`):
#
# - the **core volume fraction**: GdOOH is dense (about 7 g/cm3 assumed) and the
#   powder is half organic ligand (TGA, Cheng2023 Fig. S7), so a few wt% is only
#   a few tenths of a vol%;
# - the **surface per polymer volume**, 4 phi/d for rods of diameter d: at equal
#   volume, a 0.95 nm chain has 70/0.95, about 74 times, the surface of a 70 nm
#   wire;
# - the **dispersion limit**: rods stay dispersed only below Onsager's
#   isotropic-phase density, which scales as d^2/(L (d + 2l)) (l the ligand
#   layer); above it the excess filler bundles and loses its surface;
# - the **coated volume**: each dispersed core wrapped in a shell of polymer (1
#   nm assumed) whose conductivity may differ from the bulk's; and the **EMT
#   percolation threshold** of these coated rods, the coated volume fraction at
#   which they alone would connect, ``9 N (1 - N) / (2 + 15 N - 9 N^2)`` with N
#   the rod's depolarization factor (Celzard et al., Phys. Rev. B 53 (1996)
#   6209): tiny for a long thin rod.
#
# The table is the model's own answer for 1 wt% of each filler.

# %%
keys = [
    "Core volume fraction [-]",
    "Filler surface per polymer volume [m-1]",
    "Coated volume fraction [-]",
    "Dispersion limit loading [wt%]",
    "Percolation threshold of coated fillers [-]",
    "Percolation onset loading [wt%]",
]
fillers = {"cluster chains (CPCSE)": "CPCSE", "nanowires (CNCSE)": "CNCSE"}
table = {
    label: composition(sets[name].updated({"Filler loading [wt%]": 1.0}))
    for label, name in fillers.items()
}
print(pd.DataFrame(table).loc[keys].map(lambda v: f"{v:.3g}").to_string())

# %% [markdown]
# ## 3. Conductivity against loading
#
# Now the measurement of Cheng2023 Fig. S16: the room-temperature conductivity
# for loadings from 0 to 15 wt%, for both fillers. The paper reports a peak at
# 2.5 wt% for the chains and at 10 wt% for the wires (text on Fig. S16). Next to
# the measured curve, the right panel shows what the model holds at each
# loading: the crystalline fraction of the bulk polymer and the share of filler
# that is still dispersed.

# %%
loadings = np.arange(0.0, 15.01, 0.5)
curves = {}
for label, name in fillers.items():
    sigma, crystalline, dispersed = [], [], []
    for w in loadings:
        ps = sets[name].updated({"Filler loading [wt%]": float(w)})
        sigma.append(conductivity(ps, (25.0,))[0])
        c = composition(ps)
        crystalline.append(c["Film crystallinity [-]"])
        cores = c["Core volume fraction [-]"]
        dispersed.append(c["Dispersed core fraction [-]"] / cores if cores else 1.0)
    curves[label] = (np.array(sigma), np.array(crystalline), np.array(dispersed))

colors = {"cluster chains (CPCSE)": "tab:red", "nanowires (CNCSE)": "tab:blue"}
reported_optimum = {"cluster chains (CPCSE)": 2.5, "nanowires (CNCSE)": 10.0}
fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
for label, (sigma, crystalline, dispersed) in curves.items():
    axes[0].semilogy(loadings, sigma, "o-", ms=3, color=colors[label], label=label)
    axes[0].axvline(reported_optimum[label], color=colors[label], ls=":", lw=1)
    axes[1].plot(
        loadings, crystalline, color=colors[label], label=f"{label}: crystalline"
    )
    axes[1].plot(
        loadings, dispersed, "--", color=colors[label], label=f"{label}: dispersed"
    )
axes[0].plot([2.5], [5.2e-4], "k*", ms=10, label="CPCSE reported (Cheng2023)")
axes[0].plot([], [], "k:", lw=1, label="reported optima (Fig. S16 text)")
axes[0].set_xlabel("Filler loading [wt%]")
axes[0].set_ylabel("Conductivity at 25 C [S.cm-1]")
axes[0].legend(fontsize=8)
axes[1].set_xlabel("Filler loading [wt%]")
axes[1].set_ylabel("Fraction [-]")
axes[1].set_title(
    "model truth: crystalline share of bulk polymer, dispersed share of filler",
    fontsize=9,
)
axes[1].legend(fontsize=8)
fig.tight_layout()
plt.show()

# %%
rows = []
for label, name in fillers.items():
    sigma = curves[label][0]
    limit = composition(sets[name])["Dispersion limit loading [wt%]"]
    rows.append(
        {
            "filler": label,
            "loading of max sigma (read off curve) [wt%]": loadings[np.argmax(sigma)],
            "fall from max to 15 wt% [%]": f"{100 * (1 - sigma[-1] / sigma.max()):.2f}",
            "reported optimum [wt%]": reported_optimum[label],
            "model dispersion limit [wt%]": f"{limit:.3g}",
        }
    )
print(pd.DataFrame(rows).to_string(index=False))

# %% [markdown]
# **What the model says, and where it disagrees with the paper.** The calibrated
# sets give the shell no extra conductivity (interface enhancement 1: the paper's
# numbers leave nothing to fit one to). The conductivity rises because the
# filler surface stops the polymer near it from crystallising, and PEO crystals
# block Li+. Look at the right panel: the chains' large surface removes the
# crystals at a small loading, after which the curve is flat; added chains then
# only dilute (and bundle above the dispersion limit). The wires, with far less
# surface per gram, are still partly crystalline at 15 wt%, so their curve keeps
# rising. So the model explains why a sub-nanometre filler works at a low
# loading, but it does **not** reproduce a clear peak: the chains give a plateau
# (look at the "fall" column), and the wires give no maximum below 15 wt%. The
# paper attributes the wires' optimum to agglomeration in the casting mixture
# (Fig. S10), which it does not quantify; the model keeps the wires dispersed
# rather than adding a factor tuned to put a peak at 10 wt% (see the notes of
# `experiments/cheng2023_figS16.py`). The argmax of a flat curve is a fragile
# number: a measured "optimum loading" on a plateau says little.

# %% [markdown]
# ## 4. What if the interface conducted better? Percolation
#
# Many papers, Cheng2023 included, explain the gain by fast Li+ transport along
# the polymer/filler interface. The model can say what that would look like:
# give the shell a conductivity `beta` times that of the amorphous polymer. This
# is a what-if, **not** the calibrated set. The shells of thin long rods
# connect at a tiny coated volume fraction (Section 2), so for the chains the
# gain over the plain-shell curve builds up from a fraction of a wt% and stops at
# the dispersion limit (the kink: bundled chains add no shell). The
# wires' shells are so small a share of the film that even a 1000-fold shell
# conductivity needs about ten times the loading to matter. In a Bruggeman
# medium whose matrix also conducts, the percolation threshold is smeared into
# a gradual rise; it would be a sharp onset only for an insulating matrix.

# %%
fine = np.geomspace(0.01, 15.0, 25)
onset = composition(sets["CPCSE"])["Percolation onset loading [wt%]"]
fig, ax = plt.subplots(figsize=(6.5, 4.2))
for (label, name), beta, style in (
    (("cluster chains", "CPCSE"), 1.0, "-"),
    (("cluster chains", "CPCSE"), 100.0, "--"),
    (("cluster chains", "CPCSE"), 1000.0, ":"),
    (("nanowires", "CNCSE"), 1000.0, ":"),
):
    sigma = [
        conductivity(
            sets[name].updated(
                {
                    "Filler loading [wt%]": float(w),
                    "Interface conductivity enhancement": beta,
                }
            ),
            (25.0,),
        )[0]
        for w in fine
    ]
    color = "tab:red" if name == "CPCSE" else "tab:blue"
    ax.loglog(
        fine, sigma, style, color=color, label=f"{label}, shell = {beta:g} x amorphous"
    )
ax.axvline(onset, color="0.5", lw=1, label="chains: coated volume at EMT threshold")
ax.set_xlabel("Filler loading [wt%]")
ax.set_ylabel("Conductivity at 25 C [S.cm-1]")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 5. Conductivity against temperature: Arrhenius or VTF?
#
# The paper measures from 20 to 80 C and fits a straight line of ln(sigma)
# against 1/T (Fig. 3f): an **Arrhenius** law ``sigma = sigma_0 exp(-Ea/(k_B
# T))``, one activation energy Ea. Ions in an amorphous polymer move with the
# segmental motion of the chains, which freezes out towards a temperature T0
# below the glass transition; the textbook law is **VTF** (Vogel-Fulcher-Tammann)
# ``sigma = A T^(-1/2) exp(-B/(T - T0))``, with B a pseudo-activation
# temperature and T0 usually about Tg - 50 K. On a VTF law the local slope
# ``-k_B d ln(sigma)/d(1/T) = k_B (B T^2/(T - T0)^2 - T/2)`` falls as T rises,
# so an Arrhenius Ea is an average over the range you happened to measure.
#
# Below: the simulated measurement at 20, 30, ..., 80 C (the paper's points),
# both fits on the same data, and the model's own curve up to 110 C.

# %%
measured_c = np.arange(20.0, 80.01, 10.0)
T_meas = measured_c + ZERO_C
dense_c = np.arange(20.0, 110.01, 1.0)
T_dense = dense_c + ZERO_C
fits, truth_rows = {}, []
fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
for name, color in (("PPSE", "0.35"), ("CPCSE", "tab:red")):
    sigma = conductivity(sets[name], measured_c)
    arr, vtf = arrhenius_fit(T_meas, sigma), vtf_fit(T_meas, sigma)
    fits[name] = (arr, vtf)
    true = composition(sets[name])
    local = temperature_breakdown(sets[name], [T_meas[0], T_meas[-1]])
    truth_rows.append(
        {
            "electrolyte": name,
            "Arrhenius Ea [eV]": f"{arr.activation_energy:.3f}",
            "VTF fit T0 [K]": f"{vtf.vogel_temperature:.0f}",
            "model T0 [K]": f"{true['VTF T0 [K]']:.0f}",
            "VTF fit B [K]": f"{vtf.pseudo_activation_temperature:.0f}",
            "model B [K]": f"{true['VTF pseudo-activation temperature B [K]']:.0f}",
            "amorphous VTF local Ea 20 C / 80 C [eV]": " / ".join(
                f"{e:.3f}" for e in local["Amorphous pseudo-activation energy [eV]"]
            ),
        }
    )
    model_curve = temperature_breakdown(sets[name], T_dense)
    x = 1000 / T_dense
    axes[0].semilogy(
        x,
        model_curve["Conductivity [S.m-1]"] / S_CM,
        color=color,
        lw=2,
        alpha=0.4,
        label=f"{name} model, 20-110 C",
    )
    axes[0].semilogy(
        1000 / T_meas, sigma, "o", color=color, label=f"{name} measured 20-80 C"
    )
    axes[0].semilogy(
        x,
        arr.conductivity(T_dense),
        "--",
        color=color,
        lw=1,
        label=f"{name} Arrhenius fit",
    )
    axes[0].semilogy(
        x, vtf.conductivity(T_dense), ":", color=color, lw=1.5, label=f"{name} VTF fit"
    )
    axes[1].plot(
        dense_c, model_curve["Crystalline fraction [-]"], color=color, label=name
    )
axes[0].set_xlabel("1000/T [K-1]")
axes[0].set_ylabel("Conductivity [S.cm-1]")
axes[0].set_ylim(top=3e-2)
axes[0].legend(fontsize=7, ncol=2, loc="upper right")
axes[1].axvspan(20, 80, color="0.9", label="measured range")
axes[1].set_xlabel("Temperature [degC]")
axes[1].set_ylabel("Crystalline fraction of bulk polymer [-]")
axes[1].set_title("model truth: PEO crystals melt", fontsize=9)
axes[1].legend(fontsize=8)
fig.tight_layout()
plt.show()
print(pd.DataFrame(truth_rows).to_string(index=False))
Tm = composition(sets["PPSE"])["Crystal melting temperature [K]"]
print(f"model's crystal melting temperature: {Tm - ZERO_C:.1f} C")

# %% [markdown]
# **Reading the table.** CPCSE has no crystals left, so its conductivity is a
# constant factor times the amorphous VTF law: the VTF fit with T0 free recovers
# the model's T0 and B, and the Arrhenius Ea is a single number standing for a
# slope that in truth falls over the range (compare the local Ea at 20 and 80 C).
# PPSE is different: its crystals begin to melt towards the top of the range, and
# the melting tail bends the curve upwards. The VTF fit absorbs that bend into a
# wrong T0 and B: a good-looking fit with the wrong physics. Above 80 C the
# model's PPSE curve jumps as the crystals melt; an Arrhenius line drawn across
# such a step would mean nothing.
#
# Be aware of one limitation: the calibrated melting temperature (printed above)
# lies above the measured range and above the 55-65 C where PEO usually melts. The calibration put it there because the
# paper's PPSE numbers (0.8e-4 S/cm at 60 C, on a 0.32 eV line, Fig. S17 and Fig.
# 3f) leave no room for a melting step inside 20-80 C (notes of
# `experiments/cheng2023_fig3f.py`). Exercise 2 moves it back.

# %% [markdown]
# ## 6. The paper's own consistency check
#
# The paper reports Ea = 0.11 eV for CPCSE (text on Fig. 3f), together with its
# two conductivities, 5.2e-4 S/cm at room temperature and 1.6e-3 S/cm at 60 C.
# Two conductivities fix an Arrhenius line, so the reported Ea can be checked
# against them without any model: `activation_energy_consistency` computes the Ea
# the two points imply, and what 0.11 eV would predict at 25 C through the 60 C
# value.

# %%
T_rep = np.array([25.0, 60.0]) + ZERO_C
sigma_rep = np.array([5.2e-4, 1.6e-3])
check = activation_energy_consistency(
    T_rep, sigma_rep, 0.11, reference_temperature=T_rep[1]
)
model_ea = fits["CPCSE"][0].activation_energy
print(
    f"Ea implied by the two reported conductivities: {check.implied_activation_energy:.3f} eV"
)
print(
    f"reported Ea: {check.reported_activation_energy:.2f} eV; consistent: {check.consistent}"
)
print(
    f"25 C conductivity 0.11 eV predicts from the 60 C value: {check.conductivities_from_reported_energy[0]:.3g} S/cm (reported 5.2e-4)"
)
print(
    f"Arrhenius Ea of the model fitted to both conductivities (20-80 C): {model_ea:.3f} eV"
)

T_line = np.linspace(20.0, 80.0, 61) + ZERO_C
fig, ax = plt.subplots(figsize=(6.5, 4.2))
ax.semilogy(
    1000 / T_line,
    check.conductivity_from_reported_energy(T_line),
    "--",
    color="tab:red",
    label="reported Ea 0.11 eV through the 60 C value",
)
two_point = arrhenius_fit(T_rep, sigma_rep)
ax.semilogy(
    1000 / T_line,
    two_point.conductivity(T_line),
    "-",
    color="0.3",
    label="line through both reported points",
)
ax.semilogy(
    1000 / T_line,
    temperature_breakdown(sets["CPCSE"], T_line)["Conductivity [S.m-1]"] / S_CM,
    ":",
    color="tab:red",
    lw=2,
    label="CPCSE model",
)
ax.semilogy(
    1000 / T_rep, sigma_rep, "k*", ms=11, label="reported (Cheng2023, RT taken as 25 C)"
)
ax.set_xlabel("1000/T [K-1]")
ax.set_ylabel("Conductivity [S.cm-1]")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# The two reported conductivities imply an activation energy more than twice the
# reported one, and no model fitted to both conductivities can give 0.11 eV. A
# curved (VTF) law does not rescue it either: its local slope would reach 0.11
# eV only with a T0 far above the Tg - 50 K of CPCSE's measured Tg (-50.51 C,
# text on Fig. 3b; see the notes of `experiments/cheng2023_consistency.py`). The
# project therefore fits the conductivities (stated twice in the paper) and lets
# the Ea follow. The lesson is general: before fitting a model to a paper, check
# that the paper's numbers agree with each other.

# %% [markdown]
# ## Exercises
#
# **1.** The paper never says what "room temperature" is. Repeat the
# consistency check with room temperature taken as 20 C and as 30 C. Does any
# reasonable choice make the reported 0.11 eV consistent?

# %% tags=["solution"] jupyter={"source_hidden": true}
for rt in (20.0, 25.0, 30.0):
    T_pair = np.array([rt, 60.0]) + ZERO_C
    c = activation_energy_consistency(
        T_pair, sigma_rep, 0.11, reference_temperature=T_pair[1]
    )
    print(
        f"RT = {rt:g} C: implied Ea {c.implied_activation_energy:.3f} eV, consistent: {c.consistent}"
    )
# The closer room temperature is to 60 C, the larger the implied Ea: no choice
# between 20 and 30 C comes near 0.11 eV.

# %% [markdown]
# **2.** Move PPSE's crystal melting temperature to 60 C (333.15 K), where PEO
# usually melts (parameter "Polymer crystal melting temperature [K]"), and repeat
# the paper's Arrhenius fit over 20-80 C. What happens to Ea, and how well does
# a straight line describe the data now?

# %% tags=["solution"] jupyter={"source_hidden": true}
melting_60 = sets["PPSE"].updated({"Polymer crystal melting temperature [K]": 333.15})
sigma_60 = conductivity(melting_60, measured_c)
fit_60 = arrhenius_fit(T_meas, sigma_60)
print(
    f"Ea with melting at 60 C: {fit_60.activation_energy:.3f} eV (standard error {fit_60.activation_energy_stderr:.3f} eV)"
)
print(f"Ea of the calibrated set: {fits['PPSE'][0].activation_energy:.3f} eV")
fig, ax = plt.subplots(figsize=(5.5, 3.8))
ax.semilogy(1000 / T_meas, sigma_60, "o", label="simulated, melting at 60 C")
ax.semilogy(1000 / T_dense, fit_60.conductivity(T_dense), "--", label="Arrhenius fit")
ax.set_xlabel("1000/T [K-1]")
ax.set_ylabel("Conductivity [S.cm-1]")
ax.legend()
fig.tight_layout()
plt.show()
# The melting step inside the range makes the fitted Ea much larger (compare the
# two) and the straight line misses the points on both sides of the step: an
# "activation energy" across a phase change measures the melting, not ion
# hopping.

# %% [markdown]
# **3.** Make the cluster chains twice as thick (parameter "Filler core diameter
# [m]" = 1.9e-9). Where does the dispersion limit move, how much surface do
# 2.5 wt% give now, and how does the 25 C conductivity change at 2.5 wt% and at
# 0.25 wt%?

# %% tags=["solution"] jupyter={"source_hidden": true}
rows = {}
for d in (0.95e-9, 1.9e-9):
    ps = sets["CPCSE"].updated({"Filler core diameter [m]": d})
    low = ps.updated({"Filler loading [wt%]": 0.25})
    c = composition(ps)
    rows[f"d = {1e9 * d:.2g} nm"] = {
        "dispersion limit [wt%]": f"{c['Dispersion limit loading [wt%]']:.3g}",
        "surface per polymer volume [m-1]": f"{c['Filler surface per polymer volume [m-1]']:.3g}",
        "film crystallinity [-]": f"{c['Film crystallinity [-]']:.3g}",
        "sigma at 25 C, 2.5 wt% [S/cm]": f"{conductivity(ps, (25.0,))[0]:.3g}",
        "sigma at 25 C, 0.25 wt% [S/cm]": f"{conductivity(low, (25.0,))[0]:.3g}",
    }
print(pd.DataFrame(rows).to_string())
# Thicker rods crowd less (the limit scales as d^2/(L (d + 2l))), so more of them
# stay dispersed, but each gram brings less surface (4/d). At 2.5 wt% both
# still remove nearly all the crystals, so the conductivity barely changes; at
# 0.25 wt%, where surface is scarce, the thinner chains conduct better.
