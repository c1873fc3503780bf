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
# # 08. Fit your data
#
# A cycler file is where modelling meets the lab: the voltage a cell showed
# while a current was forced through it. Fitting a physics-based model to it
# turns that curve into numbers (a diffusivity, a resistance), but only some
# numbers: a curve can be fitted perfectly by parameters it says nothing about.
# Here the "measurement" is a cycle of PyBaMM's DFN half cell (an NMC electrode
# against Li metal, the Xu2019 set) written in BioLogic EC-Lab's text export
# format, with 1 mV of noise, by `notebooks/data/make_example_cell.py`. It comes
# with the values that made it (`example_cell_truth.json`), so you can check
# every fitted number and its error bar against the truth.
#
# ## What you will learn
#
# - read an instrument file with `sim.data.read`: its segments, its cycle table,
#   the current sign convention, and the protocol that reproduces it;
# - fit two parameters with `sim.fitting.fit.fit` and read their standard
#   deviations, the chi-square and the noise estimate;
# - what makes a fit *acceptable* (residuals no larger than the noise), and what
#   it does not prove;
# - how an unidentifiable parameter shows up: a flag and a reason in words, and
#   two very different parameter sets that give the same curve.

# %%
import json
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pybamm

from sim import data
from sim.data.report import describe
from sim.fitting.fit import ACCEPT_RATIO, fit
from sim.fitting.output import write_fit
from sim.fitting.uncertainty import correlation_words
from sim.protocols import simulate

DATA = Path("data") if Path("data").is_dir() else Path("notebooks/data")
truth = json.loads((DATA / "example_cell_truth.json").read_text())

# %% [markdown]
# ## 1. Read the file
#
# `sim.data.read` detects the format from the file itself (an EC-Lab text
# export starts with `EC-Lab ASCII FILE` and says how many header lines follow)
# and returns a `Result` with the standard columns. `describe` prints what the
# command line `sim data example_cell.mpt` prints: the instrument, the rows, the
# logging gaps, the segments and the charge and discharge per cycle (from the
# cycler's own counters, `Q charge/mA.h` and `Q discharge/mA.h`).

# %%
path = DATA / truth["file"]
run = data.read(path)
print("\n".join(describe(run)))

# %% [markdown]
# **Signs.** EC-Lab records an oxidation (anodic) current as positive, so this
# half cell's discharge, the reduction (lithiation) of the NMC working
# electrode, is negative in the file. PyBaMM calls a discharge positive, and the
# reader flips the sign. Compare the raw column with what the reader returns,
# halfway through the first current step:

# %%
lines = path.read_bytes().decode("latin-1").splitlines()
n_header = int(lines[1].split(":")[1])
names = lines[n_header - 1].split("\t")
discharge = [s for s in data.segments(run) if s.kind == "constant current"][0]
row = (discharge.start + discharge.stop) // 2
raw = lines[n_header + row].split("\t")
print(f"header lines: {n_header}; columns: {', '.join(names[7:13])}, ...")
print(f"file, row {row}: <I>/mA = {float(raw[names.index('<I>/mA')]):.4f}")
print(f"read:          Current [A] = {run['Current [A]'][row]:.6f} (discharge > 0)")

# %%
t_h = run["Time [s]"] / 3600
fig, (ax_v, ax_i) = plt.subplots(
    2, 1, figsize=(7, 5), sharex=True, layout="constrained"
)
ax_v.plot(t_h, run["Voltage [V]"], lw=1)
ax_v.set_ylabel("Voltage [V]")
ax_i.plot(t_h, 1e3 * run["Current [A]"], lw=1, color="tab:orange")
ax_i.set_ylabel("Current [mA]")
ax_i.set_xlabel("Time [h]")
ax_v.set_title("The measurement: rest, discharge, rest, charge, rest")
plt.show()

# %% [markdown]
# ## 2. The protocol that reproduces it
#
# To compare a model with the file, the model must be put through what the cell
# went through. `protocol_from` turns the detected segments into a project
# protocol. Two choices, the same as the command line `sim fit` makes:
#
# - `cycling=False`: the steps as measured, one after another from the set's
#   start state (an `ExperimentSteps`), not `GalvanostaticCycling`'s
#   cycles-from-rest, which the file's active mass would otherwise suggest;
# - `cutoff_margin=0.05`: each current step runs for its measured duration, with
#   its voltage limit moved 50 mV beyond the last measured voltage (the
#   measured end of a step is a noisy sample; the simulated step should switch
#   when the cycler did).
#
# The simulation reports four times per measured sampling interval, so that
# interpolating it at the measured times costs almost no accuracy.

# %%
protocol = data.protocol_from(run, cutoff_margin=0.05, cycling=False)
for step in protocol.steps:
    print(step)
print(f"output every {protocol.period} s")

# %% [markdown]
# ## 3. Fit two parameters
#
# The model is the one that made the file (PyBaMM's DFN half cell with a contact
# resistance) and the set is Xu2019, with a contact resistance of 1 Ohm as a
# placeholder start. Two parameters are fitted within bounds: the particle
# diffusivity over three decades (searched in log space, automatically, because
# the bounds span more than a decade) and the contact resistance. The
# optimiser is a population search (XNES) followed by a local least squares;
# `max_iterations` bounds the first stage to keep this notebook quick.
#
# **Chi-square.** The cost is
# $\chi^2 = \sum_k \left(\frac{V_\mathrm{model}(t_k) - V_k}{\sigma}\right)^2$
# over the measured points (leaving out the first second after each current
# switch, and weighting down points on a steep end of a step, whose timing is
# uncertain). $\sigma$ is the noise, estimated from the data: the spread of divided
# differences of 3 to 5 neighbouring samples on the measured time grid (the
# second difference $V_{k+1} - 2V_k + V_{k-1}$ on an even grid, scaled so that
# white noise of standard deviation $\sigma$ gives a spread of $\sigma$); they
# cancel a straight line, a parabola, a cubic, so a smooth curve contributes
# almost nothing at this sampling. If the model is right and
# the noise white, each term is about 1 and $\chi^2/(n-p) \approx 1$ (the
# *reduced* chi-square, $n$ points, $p$ parameters).

# %%
model = pybamm.lithium_ion.DFN(dict(truth["model options"]))
values = pybamm.ParameterValues(truth["parameter set"])
values.update(truth["base values"], check_already_exists=False)

D = "Positive particle diffusivity [m2.s-1]"
R = "Contact resistance [Ohm]"
bounds = {D: (1e-15, 1e-12), R: (0.1, 20.0)}
result = fit(
    model,
    values,
    [(run, protocol)],
    bounds,
    uncertainty=True,
    max_iterations=30,
)
unc = result.uncertainty
std = dict(zip(unc.names, unc.std, strict=True))
table = pd.DataFrame(
    {
        "fitted": [result.values[n] for n in bounds],
        "std": [std[n] for n in bounds],
        "truth": [truth["true values"][n] for n in bounds],
    },
    index=list(bounds),
)
table["(fitted - truth) / std"] = (table["fitted"] - table["truth"]) / table["std"]
print(table.to_string(float_format=lambda v: f"{v:.4g}"))
print(f"\n{result.evaluations} model solves in {result.seconds:.0f} s")

# %% [markdown]
# Look at the last column: a standard deviation is honest if the truth is
# usually within one or two of them from the fitted value. Here you can check
# that; with your own cell you cannot, which is why the standard deviation
# matters.
#
# Now the noise and the misfit. The fit is **acceptable** when the root mean
# square of the residuals is at most 1.5 times the noise: the model then
# explains the curve down to the noise, and what is left over is noise, not
# misfit. Compare the estimated noise with the true one too: the
# second-difference estimate picks up a little of the curve's own bending, so it
# tends to come out slightly high, and the reduced chi-square then slightly below
# 1. (Exercise 3 gives the fit the true noise instead.)

# %%
d = result.datasets[0]
print(
    f"noise: estimated {1e3 * d['noise']:.3f} mV, true {1e3 * truth['voltage noise [V]']:.3f} mV"
)
print(
    f"RMSE: {1e3 * d['rmse']:.3f} mV = {d['rmse'] / d['noise']:.2f} x the noise (limit {ACCEPT_RATIO})"
)
print(
    f"chi-square {result.cost:.1f} over {unc.n_data} points; reduced {unc.reduced_chi2:.3f}"
)
print(f"acceptable: {result.acceptable}")

# %%
t, measured, fitted = result.curves[0]
fig, (top, bottom) = plt.subplots(
    2,
    1,
    figsize=(7, 5.5),
    sharex=True,
    gridspec_kw={"height_ratios": [3, 1.4]},
    layout="constrained",
)
top.plot(t / 3600, measured, ".", ms=2, color="0.5", label="measured (file)")
top.plot(t / 3600, fitted, "-", color="tab:red", lw=1.2, label="fitted model")
top.set_ylabel("Voltage [V]")
top.legend()
residual = 1e3 * (fitted - measured)
bottom.plot(t / 3600, residual, ".", ms=2, color="tab:red")
bottom.axhspan(-1e3 * d["noise"], 1e3 * d["noise"], color="0.85", label="±1 noise std")
bottom.axhline(0, color="k", lw=0.8)
bottom.set_ylabel("Residual [mV]")
bottom.set_xlabel("Time [h]")
bottom.legend(loc="upper right", fontsize=8)
plt.show()

# %% [markdown]
# The residuals should look like the noise band: no trend, no bumps at the
# steps. A wrong model shows up here as structure (a slope through a rest, a
# spike at every current switch) long before the fitted values look odd.
#
# What the command line `sim fit ... --out DIR` writes can be written from
# Python too. Written into a temporary folder here, never into the checkout:

# %%
out = Path(tempfile.mkdtemp())
write_fit(result, out, model_name="pybamm:DFN", set_name=truth["parameter set"])
print(sorted(p.name for p in out.iterdir()))
saved = json.loads((out / "fitted.json").read_text())["parameters"][R]
print(f"fitted.json, {R}: value {saved['value']:.4g}, std {saved['std']:.2g}")

# %% [markdown]
# ## 4. A parameter the data cannot determine
#
# Now fit a third parameter as well: the electronic conductivity of the NMC
# electrode, between 1 and 1000 S/m. The electrode's electronic resistance is
# in series with the contact resistance: during a constant current both add an
# ohmic drop $I\,(R_\mathrm{contact} + R_\mathrm{electrode})$, so a discharge
# can only tell their sum. Each fit starts from the two values just found and a
# guess for the conductivity (`method="local"`: the least squares alone), and
# estimates the uncertainty at its optimum. Two guesses, far apart:

# %%
S = "Positive electrode conductivity [S.m-1]"
bounds3 = {**bounds, S: (1.0, 1000.0)}
fits3 = {}
for guess in (2.0, 500.0):  # S/m, guesses, not the truth
    start = values.copy()
    start.update(result.values)
    start[S] = guess
    fits3[guess] = fit(
        model,
        start,
        [(run, protocol)],
        bounds3,
        uncertainty=True,
        method="local",
        max_evaluations=60,
    )
true_all = {**truth["true values"], **truth["unchanged values"]}
compare = pd.DataFrame(
    {f"start σ = {g:g} S/m": [r.values[n] for n in bounds3] for g, r in fits3.items()}
    | {"truth": [true_all[n] for n in bounds3]},
    index=list(bounds3),
)
print(compare.to_string(float_format=lambda v: f"{v:.4g}"))
for guess, r in fits3.items():
    print(
        f"start σ = {guess:g} S/m: chi-square {r.cost:.3f}, acceptable {r.acceptable}"
    )

# %% [markdown]
# Both fits are acceptable, with practically the same chi-square and the
# same diffusivity, but different conductivities and contact resistances: the
# data cannot choose between them. Without the truth beside it you would not
# know which, if either, is right. The uncertainty report says so without the
# truth; here for the first fit:

# %%
unc3 = fits3[2.0].uncertainty
report = pd.DataFrame(
    {"fitted": unc3.x, "std": unc3.std, "identifiable": unc3.identifiable},
    index=unc3.names,
)
print(report.to_string(float_format=lambda v: f"{v:.4g}"))
for name, ok, why in zip(unc3.names, unc3.identifiable, unc3.reasons, strict=True):
    if not ok:
        print(f"\n{name}: {why}")
print()
for sentence in correlation_words(unc3):
    print(sentence)

# %% [markdown]
# The diffusivity stays determined; the conductivity and the contact resistance
# are flagged, each with the reason in words: correlated with each other (only
# their combination is determined) and too uncertain. A fitted value of a
# flagged parameter is just where the optimiser stopped.
#
# Why, in numbers: for a uniform reaction through a porous electrode of
# thickness $L$, area $A$ and solid fraction $1-\varepsilon$, the electronic
# resistance is about $R_\mathrm{el} \approx L / (3\,\sigma_\mathrm{eff} A)$
# with $\sigma_\mathrm{eff} = \sigma (1-\varepsilon)^{1.5}$ (Bruggeman). So a
# 300 times lower conductivity, with the contact resistance lowered by the
# difference in $R_\mathrm{el}$, should give almost the same curve. The model
# says so:

# %%
L = values["Positive electrode thickness [m]"]
area = values["Electrode height [m]"] * values["Electrode width [m]"]
solid = 1 - values["Positive electrode porosity"]


def r_electrode(sigma):
    return L / (3 * sigma * solid**1.5 * area)


probe = values.copy()
probe.update({D: truth["true values"][D], R: "[input]", S: "[input]"})
r_true, s_true = truth["true values"][R], truth["unchanged values"][S]
reference = simulate(model, probe, protocol, inputs={R: r_true, S: s_true})
cases = {
    f"σ = 0.3 S/m, R = {r_true:g} Ohm": {R: r_true, S: 0.3},
    "σ = 0.3 S/m, R lowered by ΔR_el": {
        R: r_true - (r_electrode(0.3) - r_electrode(s_true)),
        S: 0.3,
    },
}
fig, ax = plt.subplots(figsize=(7, 3.8), layout="constrained")
for label, inputs in cases.items():
    other = simulate(model, probe, protocol, inputs=inputs)
    ax.plot(
        other["Time [s]"] / 3600,
        1e3 * (other["Voltage [V]"] - reference["Voltage [V]"]),
        label=label,
    )
ax.axhspan(-1e3 * d["noise"], 1e3 * d["noise"], color="0.9", label="±1 noise std")
ax.set_xlabel("Time [h]")
ax.set_ylabel("Voltage difference [mV]")
ax.set_title(f"Against the truth (σ = {s_true:g} S/m, R = {r_true:g} Ohm)")
ax.legend(fontsize=8)
plt.show()
print(
    f"R_el at {s_true:g} S/m: {1e3 * r_electrode(s_true):.2f} mOhm; at 0.3 S/m: {1e3 * r_electrode(0.3):.0f} mOhm"
)

# %% [markdown]
# At the true conductivity the electrode's own resistance is a tiny fraction of
# the contact resistance, so the data cannot see it, and even a much lower
# conductivity only shifts the curve by a near-constant ohmic drop that a
# slightly smaller contact resistance absorbs. What would separate them is a
# measurement that sees the two resistances differently: an impedance spectrum
# (its high-frequency intercept is the pure series resistance, while the
# electrode's resistance is spread through the porous layer with the
# double-layer charging), or electrodes of different thickness (only
# $R_\mathrm{el}$ scales with $L$). `sim.fitting.fit` fits several files at
# once for exactly this reason.
#
# The lesson for your own data: an acceptable fit says the model *can* explain
# the curve. Which of its numbers the curve actually determined is what the
# uncertainty report says.

# %% [markdown]
# ## Exercises
#
# **1.** From the cycle table and the file's characteristic mass (the reader
# keeps it as `run.summary["Active mass [g]"]`), compute the specific discharge
# and charge capacity in mA.h/g and the charge's share of the discharge (the
# cycle's Coulombic efficiency of this first discharge-then-charge cycle). Is an
# efficiency below 100 % a sign of side reactions here? (Look at the
# program: what decides where each step ends?)

# %% jupyter={"source_hidden": true} tags=["solution"]
cycles = data.cycle_table(run)
mass = run.summary["Active mass [g]"]
q_dis = 1e3 * cycles["Discharge capacity [A.h]"][0] / mass
q_ch = 1e3 * cycles["Charge capacity [A.h]"][0] / mass
print(f"active mass {1e3 * mass:.3f} mg")
print(
    f"discharge {q_dis:.1f} mA.h/g, charge {q_ch:.1f} mA.h/g, ratio {100 * q_ch / q_dis:.1f} %"
)
# The model has no side reaction (no SEI, no plating in this DFN), so nothing is
# lost: each step ends at a voltage cut-off, and at 1C the overpotential makes
# the charge reach 4.2 V before the electrode is back where the discharge
# started (the cell started at rest at a higher state of charge). A
# "Coulombic efficiency" from one cycle between cut-offs mixes lost charge with
# charge left behind by the overpotential.

# %% [markdown]
# **2.** Keep the contact resistance at the set's placeholder (1 Ohm, the wrong
# value) and fit only the diffusivity. Is the fit acceptable? Where does the
# diffusivity go, and why does it move in that direction?

# %% jupyter={"source_hidden": true} tags=["solution"]
wrong = values.copy()  # contact resistance 1 Ohm
only_d = fit(
    model,
    wrong,
    [(run, protocol)],
    {D: bounds[D]},
    method="local",
    max_evaluations=30,
)
dd = only_d.datasets[0]
print(f"D fitted {only_d.values[D]:.3g} m2/s (truth {truth['true values'][D]:.3g})")
print(
    f"RMSE {dd['rmse'] / dd['noise']:.1f} x the noise: acceptable {only_d.acceptable}"
)
# Not acceptable: with too small an ohmic drop, the fit lowers the diffusivity
# to add a concentration overpotential in its place, but a diffusion
# overpotential grows with time through a step while an ohmic drop jumps at the
# switch, so it cannot take its place at every point.

# %% [markdown]
# **3.** The noise was estimated from the data. Give the instrument's noise
# instead (`noise=[...]`, here the 1 mV the generator used) and refit the two
# parameters locally from the values found in section 3. Compare the reduced
# chi-square and the standard deviations. The covariance is scaled by the
# reduced chi-square: what does that make the standard deviations depend on?

# %% jupyter={"source_hidden": true} tags=["solution"]
found = values.copy()
found.update(result.values)  # the two values of section 3, conductivity as set
known = fit(
    model,
    found,
    [(run, protocol)],
    bounds,
    noise=[truth["voltage noise [V]"]],
    uncertainty=True,
    method="local",
    max_evaluations=30,
)
for label, r in (("estimated noise", result), ("given noise", known)):
    u = r.uncertainty
    s = ", ".join(
        f"{n.split(' [')[0]} ± {v:.3g}" for n, v in zip(u.names, u.std, strict=True)
    )
    print(f"{label}: reduced chi-square {u.reduced_chi2:.3f}; {s}")
# The reduced chi-square changes with the noise it is divided by, but the
# standard deviations barely do: the covariance is scaled by the reduced
# chi-square, so they follow the actual scatter of the residuals, not the noise
# you claim. The noise still decides "acceptable" (RMSE / noise) and how files
# of different noise are weighed against each other in a joint fit.
