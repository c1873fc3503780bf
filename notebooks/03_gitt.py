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
# # 03. GITT: Weppner-Huggins and a pulse fit against the true diffusivity
#
# The galvanostatic intermittent titration technique (GITT) is the standard
# way to put a number on the solid-state diffusion coefficient $D$ of an
# electrode: short current pulses, each followed by a rest, and the
# Weppner-Huggins (WH) formula applied to every pulse. Papers (Qiu et al.
# 2021, Fig. 6g,h, among many) plot the result against the state of charge.
# Here the "measured" electrode is a simulated Sb electrode whose $D$ is a
# parameter you can print, so you can check when the formula returns it and
# when it returns something else entirely.
#
# ## What you will learn
#
# - how to run a GITT and read a titration (relaxed-voltage) curve from it;
# - how Weppner-Huggins estimates $D$ per pulse, and how a physics-based
#   pulse fit (PyBOP's single-particle model) does;
# - why WH needs pulses short against $R^2/D$, and why it returns geometry,
#   not $D$, for nanoparticles, and why a perfect pulse fit can be wrong;
# - what two-phase plateaus do to the method, and what the model can and
#   cannot show of it;
# - how the geometry choice (sphere or planar, the length used) changes the
#   WH number.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pybamm

from sim import parameters
from sim.analysis.titration import (
    analyse_titration,
    find_pulses,
    titration_curve,
    weppner_huggins,
)
from sim.models.sb_carbon import SbCarbonHalfCell
from sim.models.sb_carbon.geometry import R_SB  # the Sb particle mesh

# %% [markdown]
# ## 1. One bulk Sb electrode, a titration
#
# To give the methods a fair chance we strip the model down to what
# Weppner-Huggins assumes: commercial Sb particles (one size, one diffusion
# length $R$), the Sb phase alone (no surface sites, conductive-additive
# storage, swelling or grain contact), fast Sb kinetics and an electrolyte
# that does not polarise. The cell starts at rest on the sodiation branch at
# 0.80 V. The Sb diffusivity is a solve-time input, so different $D$ values
# re-solve one built model.
#
# The programme: twelve pulses at C/10, each passing 1/24 of the nominal
# capacity, each followed by a 10 min rest.

# %%
BARE = {
    "surface storage": False,
    "additive storage": False,
    "volume change": False,
    "grain contact": False,
}
model = SbCarbonHalfCell(BARE)
bulk = parameters.get("commercial Sb")


def sb_values(**changes):
    """Completed values of the bare bulk-Sb cell, with changes."""
    pv = bulk.to_pybamm(extra=changes)
    pv = model.complete_values(pv, branch="sodiation")
    pv.update(
        {
            "Initial voltage [V]": 0.80,
            "Electrolyte diffusivity [m2.s-1]": 1e-8,
            "Electrolyte conductivity [S.m-1]": 10.0,
            "Sb rate constant [m.s-1]": 1e-6,
            "Sb diffusivity [m2.s-1]": "[input]",
        }
    )
    return pv


pv = sb_values()
R = pv["Sb diffusion length [m]"]
D_TRUE = bulk["Sb diffusivity [m2.s-1]"]
capacity = pv["Nominal cell capacity [A.h]"]
I_PULSE = capacity / 10  # C/10 [A]
N_PULSES, REST = 12, 600.0
PULSE = 3600 * 10 * 0.5 / N_PULSES  # [s]: 1/24 of the capacity each at C/10
print(f"diffusion length R = {R * 1e6:.2f} um, model D = {D_TRUE:.2e} m2/s")
print(f"R^2/D = {R**2 / D_TRUE:.0f} s; pulse {PULSE:.0f} s, rest {REST:.0f} s")


def gitt(pv, D, pulse=PULSE, n=N_PULSES, rest=REST):
    """A sodiation GITT (pybamm.Experiment); returns time, current, voltage."""
    step = (
        f"Discharge at {I_PULSE} A for {pulse} seconds",
        f"Rest for {rest} seconds",
    )
    # a rest first: find_pulses needs the rest before each pulse
    exp = pybamm.Experiment(
        ["Rest for 60 seconds"] + [step] * n, period=f"{pulse / 30} seconds"
    )
    sim = pybamm.Simulation(
        model,
        parameter_values=pv,
        experiment=exp,
        var_pts={**model.default_var_pts, R_SB: 40},  # a fine particle mesh
    )
    sol = sim.solve(inputs={"Sb diffusivity [m2.s-1]": D})
    return (sol[n].entries for n in ("Time [s]", "Current [A]", "Voltage [V]"))


t, current, voltage = gitt(pv, D_TRUE)
pulses = find_pulses(t, current)
state, relaxed, q_total = titration_curve(t, current, voltage, pulses)

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
ax1.plot(t / 3600, voltage)
ax1.set_xlabel("Time [h]")
ax1.set_ylabel("Voltage [V]")
ax1.set_title("GITT: pulses and rests")
ax2.plot(state, relaxed, "o-", label="relaxed voltage (end of each rest)")
ax2.set_xlabel("State of the titration (fraction of its charge) [-]")
ax2.set_ylabel("Voltage [V]")
ax2.set_title("Titration curve: the GITT estimate of the OCV")
ax2.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 2. Weppner-Huggins and the pulse fit, per pulse
#
# **Weppner-Huggins** for spheres of radius $R$ ($V_M/S = R/3$):
#
# $$D = \frac{4}{\pi \tau}\left(\frac{R}{3}\right)^2
# \left(\frac{\Delta E_s}{\Delta E_t}\right)^2$$
#
# with $\tau$ the pulse time, $\Delta E_s$ the change of the relaxed voltage
# across the pulse and $\Delta E_t$ the voltage change during the pulse
# (from a fit against $\sqrt{t}$, so the ohmic jump drops out). It assumes
# semi-infinite diffusion during the pulse, i.e. $\tau \ll R^2/D$, a
# solid solution and small steps.
#
# **The pulse fit** (`analyse_titration`, PyBOP's single-particle model): one
# spherical particle with the titration's own relaxed-voltage curve as OCV,
# fitting the diffusion time $R^2/D$ and a series resistance to the whole
# pulse and its rest; accepted only if it reproduces the pulse within 5 mV.
# Both need $R$: here we give the model's own.

# %%
r = analyse_titration(t, current, voltage, length=R)
per_pulse = pd.DataFrame(
    {
        "state [-]": r["state"],
        "D WH / D true": r["D_wh"] / D_TRUE,
        "D fit / D true": r["D_fit"] / D_TRUE,
        "fit RMSE [mV]": 1e3 * r["rmse"],
    }
)
print(per_pulse.round(3).to_string(index=False))


def d_figure(ax, r, d_true, title):
    ax.semilogy(r["state"], r["D_wh"], "o-", label="Weppner-Huggins")
    ax.semilogy(r["state"], r["D_fit"], "s--", mfc="none", label="PyBOP pulse fit")
    ax.axhline(d_true, color="k", ls=":", label="model's D")
    ax.set_xlabel("State of the titration [-]")
    ax.set_ylabel("Diffusion coefficient [m2.s-1]")
    ax.set_title(title)
    ax.legend()


fig, ax = plt.subplots(figsize=(6, 4.2))
d_figure(ax, r, D_TRUE, f"Bulk Sb, pulses of {PULSE:.0f} s")
fig.tight_layout()
plt.show()

# %% [markdown]
# The pulse fit lands close to the model's $D$ (the end pulses are left out:
# the fit would read the titration curve beyond its last point), while WH is
# off by a large factor at every pulse. The reason is the pulse time:
# typical GITT programmes pulse for many minutes, here a good fraction of
# $R^2/D$. Diffusion is then no longer semi-infinite during the pulse, the
# voltage change $\Delta E_t$ is no longer proportional to $\sqrt{t}$, and the
# formula underestimates $D$. The fit has no such assumption: it solves
# diffusion in a finite sphere.
#
# ## 3. Nanoparticles: WH returns the geometry, not D
#
# Shrink the particles to 20 nm radius (a nanoparticle, or a quantum dot):
# now $R^2/D$ is far below the pulse time. During a pulse the particle stays
# nearly uniform, so the voltage during the pulse follows the relaxed curve,
# $\Delta E_t \approx \Delta E_s$, and WH collapses to
# $D_{WH} \approx 4 R^2 / (9 \pi \tau)$: a number set by the particle size and
# the pulse time only. Test it with two diffusivities a decade apart.

# %%
R_NANO = 20e-9
pv_nano = sb_values(
    **{"Sb diffusion length [m]": R_NANO, "Sb particle radius [m]": R_NANO}
)
rows = []
for D in (D_TRUE, 10 * D_TRUE):
    tn, In, Vn = gitt(pv_nano, D)
    rn = analyse_titration(tn, In, Vn, length=R_NANO)
    rows.append(
        {
            "model D [m2/s]": D,
            "R^2/D [s]": R_NANO**2 / D,
            "median D WH [m2/s]": np.median(rn["D_wh"]),
            "4 R^2 / (9 pi tau) [m2/s]": 4 * R_NANO**2 / (9 * np.pi * PULSE),
            "median D fit [m2/s]": np.nanmedian(rn["D_fit"]),
            "worst fit RMSE [mV]": 1e3 * np.nanmax(rn["rmse"]),
        }
    )
print(pd.DataFrame(rows).to_string(index=False, float_format="%.3g"))

# %% [markdown]
# Both electrodes report the same WH "diffusivity", close to the geometric
# limit, whatever their real $D$. A GITT on nanoparticles cannot measure $D$
# with pulses this long; it only gives a lower bound (the particles are at
# least this fast). A reported rise of $D_{WH}$ for a nanostructured
# electrode may say more about its particle size than about its transport.
# The pulse fit fares no better, and more treacherously: look at its RMSE.
# It reproduces every pulse to a fraction of a millivolt and is accepted, yet
# its $D$ is off by orders of magnitude, and again the same for both
# electrodes. Once the particle is uniform within the pulse, its voltage no
# longer depends on $R^2/D$. Whatever the fit locks on to (its single
# particle, its coarse titration-curve OCV and its series resistance must
# still mimic the whole pulse and rest), it is not the particles' diffusion:
# the same value comes back for two $D$ a decade apart. A good fit is not a
# measurement of the parameter you fitted.
#
# ## 4. Two-phase plateaus
#
# On a two-phase plateau the relaxed voltage hardly moves across a pulse
# ($\Delta E_s \to 0$, $dE_s/dx \approx 0$), and WH, which goes as
# $\Delta E_s^2$, reports a spuriously tiny $D$. Physically, a two-phase
# reaction moves a phase boundary: there is no concentration gradient to
# which Fick's law could apply, so "a diffusion coefficient" from the formula
# has no meaning there.
#
# The model's Sb steps are not a moving boundary: each is a steep
# solid-solution isotherm (a multistep OCP) with Fickian diffusion inside.
# What happens if we make a step much flatter? Narrow the isotherm widths
# (a rebuild: they set the equilibrium tables) and repeat the titration.

# %%
pv_flat = sb_values(
    **{"Sb step 1 isotherm width": 0.4, "Sb step 2 isotherm width": 0.4}
)
tf, If, Vf = gitt(pv_flat, D_TRUE)
rf = analyse_titration(tf, If, Vf, length=R, fit=False)
_, relaxed_flat, _ = titration_curve(tf, If, Vf, find_pulses(tf, If))
compare = pd.DataFrame(
    {
        "state [-]": r["state"],
        "dE_s sloping [mV]": 1e3 * np.diff(relaxed),
        "WH/D sloping": r["D_wh"] / D_TRUE,
        "dE_s flat [mV]": 1e3 * np.diff(relaxed_flat),
        "WH/D flat": rf["D_wh"] / D_TRUE,
    }
)
print(compare.round(3).to_string(index=False))

# %% [markdown]
# The relaxed-voltage steps shrink several-fold, yet the WH ratio barely
# changes (except at the first pulse, which enters the step from above: the
# OCV's slope changes within that one pulse, and the small-step assumption
# fails): in a Fickian solid solution $\Delta E_s$ and $\Delta E_t$ both scale
# with the slope of the OCV, and the ratio survives. So the model does *not*
# reproduce the plateau failure, and it should not: that failure needs the
# physics the model lacks (a moving phase boundary), or a $\Delta E_s$ so
# small that a fraction of a millivolt of drift, hysteresis relaxation, noise
# or another store's charge dominates it. In a real cell all of these are
# there, and WH's $D$ dips by orders of magnitude on every plateau; a dip of
# "$D$" at a plateau potential is the plateau, not slow diffusion.
#
# ## 5. The geometry choice
#
# WH needs a length and a shape. Same pulses, same voltages, four choices:

# %%
SB_DOT = parameters.get("SbQD@C")["Sb particle radius [m]"]
choices = {
    "sphere, R = particle radius": (R, "sphere"),
    "planar, L = particle radius": (R, "planar"),
    "planar, L = R/3 (= V/S of a sphere)": (R / 3, "planar"),
    "sphere, R = an SbQD@C dot radius": (SB_DOT, "sphere"),
}
k = len(pulses) // 2  # a pulse in the middle
print(f"pulse {k + 1}, model D = {D_TRUE:.2e} m2/s")
for label, (length, shape) in choices.items():
    d = weppner_huggins(t, voltage, pulses[k], length, geometry=shape)
    print(f"  {label:38s} D_WH = {d:.2e} m2/s")

# %% [markdown]
# The formula only uses $V_M/S$: $R/3$ for a sphere, $L$ for a film. Taking the
# particle radius as a film thickness makes $D$ nine times larger, and the
# planar formula with $L = R/3$ is identical to the spherical one. The length
# enters squared: a composite whose Na diffuses over a grain of micrometres
# but is analysed with the radius of its nanometre dots (or the reverse)
# moves $D$ by the square of their ratio, orders of magnitude. Papers often
# do not say which length they used; without it, a GITT $D$ cannot be
# compared. (Check whether one of the wrong choices happens to land near the
# model's $D$ here, where WH is biased by the long pulses: agreement by
# accident is not a validation.)
#
# ## Exercises

# %% [markdown]
# **1.** Weppner-Huggins failed in section 2 because the pulses were long.
# Rerun the bulk-Sb titration with eight pulses of 60 s (same current and
# rests) and compare WH with the model's $D$. Is it exact now? Why not?

# %% tags=["solution"] jupyter={"source_hidden": true}
ts, Is, Vs = gitt(pv, D_TRUE, pulse=60.0, n=8)
rs = analyse_titration(ts, Is, Vs, length=R, fit=False)
print("short pulses, D WH / D true:", np.round(rs["D_wh"] / D_TRUE, 3))
print(f"pulse / (R^2/D) = {60.0 / (R**2 / D_TRUE):.3f}")
# Much closer, but still low: the spherical formula carries a curvature bias
# that grows with sqrt(D tau)/R (the particle's surface is curved, the
# semi-infinite solution is planar); it vanishes only for tau << R^2/D.

# %% [markdown]
# **2.** A paper analyses 10 min GITT pulses on an electrode of 3 nm Sb dots
# (radius 1.5 nm) with the spherical formula and the dot radius. Without any
# simulation: what is the largest $D$ it can possibly report, and what does
# that say about its measured values?

# %% tags=["solution"] jupyter={"source_hidden": true}
r_dot, tau_pulse = 1.5e-9, 600.0
print(f"4 R^2/(9 pi tau) = {4 * r_dot**2 / (9 * np.pi * tau_pulse):.2e} m2/s")
# With dE_t ~ dE_s (dots uniform within milliseconds) this geometric number is
# what WH returns, whatever the true D: any reported value near it measures
# the dot size and the pulse time. (If the GITT is limited by transport over a
# larger length, e.g. a grain, dE_t > dE_s and the value is smaller, but then
# the dot radius is the wrong length.)

# %% [markdown]
# **3.** Fit a few pulses of the section 2 titration with the wrong length
# (twice the true radius). Which $D$ does the pulse fit return, and which
# quantity did it actually determine?

# %% tags=["solution"] jupyter={"source_hidden": true}
from sim.analysis.titration import fit_pulse  # noqa: E402

for k in (3, 6):
    d2, tau_fit, _, _ = fit_pulse(
        t, current, voltage, pulses[k], state, relaxed, q_total, length=2 * R
    )
    print(
        f"pulse {k + 1}: D = {d2:.2e} m2/s (= {d2 / D_TRUE:.2f} x true), "
        f"fitted R^2/D = {tau_fit:.0f} s (true {R**2 / D_TRUE:.0f} s)"
    )
# The fit determines the diffusion time R^2/D; D follows from the length you
# give it, so a length twice too long gives a D four times too large.
