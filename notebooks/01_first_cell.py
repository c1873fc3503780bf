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
# # 01. A first cell: the SbQD@C half cell, one cycle
#
# Qiu et al. (Small Methods 5 (2021) 2100188) made an anode of 3 nm antimony
# quantum dots in a porous carbon framework (SbQD@C) and cycled it against
# sodium metal. On a cycler you see one number per instant: the voltage. Inside
# the electrode five different stores take up the sodium (Sb alloying, carbon
# insertion, fast surface sites, the carbon-black additive and the double
# layer), and the antimony swells to almost four times its volume. In this
# simulated cell you can watch all of that at once, because the model tells you
# which store carried the current.
#
# ## What you will learn
#
# - how to build the cell the PyBaMM way: a registered model, a registered
#   parameter set, an experiment written in the paper's units (A/g);
# - what a parameter set is: every value with a unit and a source (paper,
#   literature, fitted, or a stated assumption);
# - how to read a voltage curve against the true current of each store, and
#   where reading "plateau = Sb" off the curve misleads;
# - how the electrode swells as the Sb sodiates;
# - how one parameter (the Sb diffusion length) changes the curve, and how the
#   store currents show why.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pybamm
from IPython.display import display

from sim import parameters
from sim.models.sb_carbon import SbCarbonHalfCell
from sim.specific_units import active_mass_g, experiment_steps

# %% [markdown]
# ## The model and the parameter set
#
# The model is a PyBaMM model, registered under PyBaMM's entry points, so
# `pybamm.Model("SbCarbonHalfCell")` finds it. It lists the names of the
# variables that hold the true current of each sodium store.

# %%
model = pybamm.Model("SbCarbonHalfCell")
print(type(model).__name__)
print("stores:", model.store_currents)

# %% [markdown]
# A parameter set is more than numbers. `sim.parameters.get("SbQD@C")` returns
# the set with, for every value, its unit and where it comes from. A few
# entries (the full list: `sim params SbQD@C` on the command line):

# %%
ps = parameters.get("SbQD@C")
rows = pd.DataFrame(ps.rows(), columns=["name", "value", "unit", "source"])
show = [
    "Active material mass loading [kg.m-2]",
    "Sb mass fraction in active material",
    "Sb particle radius [m]",
    "Sb diffusion length [m]",
    "Sb diffusivity [m2.s-1]",
    "Carbon insertion capacity [mA.h.g-1]",
    "Buffer pore volume [m3.kg-1]",
    "Sb isolation coefficient",
]
with pd.option_context("display.max_colwidth", 70):
    display(rows.set_index("name").loc[show])

# %% [markdown]
# Sources tell you how much to trust each number. Count them by kind (a source
# may name several, e.g. "Qiu2021 experimental ...; assumption: midpoint"):

# %%
src = rows["source"].str.lower()
kinds = {
    "cites Qiu2021 (the paper)": src.str.contains("qiu2021"),
    "fitted": src.str.contains("fitted"),
    "an assumption (with its reason)": src.str.contains("assumption"),
}
print(f"{len(rows)} parameters in the set")
for kind, mask in kinds.items():
    print(f"  {kind:32s} {mask.sum():3d}")

# %% [markdown]
# `pybamm.ParameterValues("SbQD@C")` gives the same set as complete PyBaMM
# values (the set adds the start state, the nominal capacity, ...). Papers give
# currents per gram of active material; `experiment_steps` converts "A/g" into
# amperes with the cell's active mass (loading x electrode area).

# %%
pv = pybamm.ParameterValues("SbQD@C")
mass_g = active_mass_g(pv)
print(f"active mass: {1e3 * mass_g:.3f} mg")

RATE = 0.5  # A/g
protocol = [
    f"Discharge at {RATE} A/g until 0.01 V",
    "Rest for 10 minutes",
    f"Charge at {RATE} A/g until 2.5 V",
]
steps = experiment_steps(protocol, pv)
print(steps[0])
experiment = pybamm.Experiment([tuple(steps)])  # one cycle of three steps

# %% [markdown]
# ## One galvanostatic cycle
#
# "Discharge" of a half cell is the *sodiation* of the Sb/C electrode (the
# voltage falls towards 0 V vs Na+/Na); "charge" takes the sodium out again.
# PyBaMM's sign: current > 0 is discharge.

# %%
sol = pybamm.Simulation(model, parameter_values=pv, experiment=experiment).solve()
discharge, charge = sol.cycles[0].steps[0], sol.cycles[0].steps[2]


def capacity_in_step(step):
    """Charge passed since the step started [mA.h.g-1] (positive)."""
    q = step["Specific capacity [mA.h.g-1]"].entries
    return np.abs(q - q[0])


fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(
    capacity_in_step(discharge), discharge["Voltage [V]"].entries, label="sodiation"
)
ax.plot(capacity_in_step(charge), charge["Voltage [V]"].entries, label="desodiation")
ax.set_xlabel("Specific capacity [mA.h.g-1]")
ax.set_ylabel("Voltage [V]")
ax.set_title(f"SbQD@C half cell at {RATE} A/g")
ax.legend()
plt.show()
print(
    f"sodiation {capacity_in_step(discharge)[-1]:.0f} mAh/g, "
    f"desodiation {capacity_in_step(charge)[-1]:.0f} mAh/g"
)

# %% [markdown]
# Look at the shape: a steep fall from the start, two sloping plateaus (the two
# alloying steps Sb -> a-Na1.7Sb -> Na3Sb; their potentials in the set are
# fitted so that the simulated CV peaks sit where Qiu et al.'s Fig. 5a shows
# them), then a steep drop to the cut-off. On the way back the plateaus sit
# higher: the alloy's hysteresis.
#
# ## Who carried the current?
#
# The cycler only sets the total current. The model splits it, at every
# instant, into the current of each store. Per gram of active material:

# %%
t_h = sol["Time [h]"].entries
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(t_h, sol["Current [A]"].entries / mass_g, "k:", lw=2, label="applied (total)")
for name in model.store_currents:
    ax.plot(t_h, sol[name].entries / mass_g, label=name.replace(" [A]", ""))
ax.set_xlabel("Time [h]")
ax.set_ylabel("Current density [A.g-1]")
ax.set_title("True current of each store (sodiation > 0)")
ax.legend(fontsize=8)
plt.show()

total = sum(sol[name].entries for name in model.store_currents)
print(
    "largest |sum of stores - applied| [A]:",
    f"{np.max(np.abs(total - sol['Current [A]'].entries)):.1e}",
)

# %% [markdown]
# Things to notice: in the first seconds the double layer takes the whole
# current (the electrode's potential has to move before any reaction runs);
# on the plateaus the Sb carries nearly all of it; near the cut-off, as the Sb
# runs out of room or the sodium cannot diffuse in fast enough, carbon and the
# additive take over. When the current stops (the rest) the double layer gives
# back its charge to the reactions, and the stores go on exchanging sodium with
# each other while the total is zero.
#
# ### The method next to the truth: "the plateaus are the Sb"
#
# A common way to read such a curve is to split it by potential: the capacity
# above the plateaus is carbon and surface storage, the capacity on the
# plateaus is the Sb, the capacity below them is carbon again. Here is that
# reading of the sodiation, with the windows chosen by eye from the curve, next
# to what each store really took in each window:

# %%
t_s = discharge["Time [s]"].entries
V = discharge["Voltage [V]"].entries
windows = {
    "above 0.85 V": (0.85, 9),
    "0.3-0.85 V": (0.3, 0.85),
    "below 0.3 V": (0, 0.3),
}


def charge_in(current, mask):
    """Charge [mA.h.g-1] of a current [A] over the samples in mask."""
    return np.trapezoid(np.where(mask, current, 0.0), t_s) / 3.6 / mass_g


table = {}
for label, (lo, hi) in windows.items():
    mask = (V >= lo) & (V < hi)
    row = {
        "capacity read off the curve": charge_in(discharge["Current [A]"].entries, mask)
    }
    for name in model.store_currents:
        row[name.replace(" current [A]", "")] = charge_in(discharge[name].entries, mask)
    table[label] = row
table = pd.DataFrame(table).T
table.loc["whole sodiation"] = table.sum()
print("charge in each voltage window [mA.h.g-1]")
print(table.round(1).to_string())
print(
    f"\n'plateaus = Sb' says {table.loc['0.3-0.85 V', 'capacity read off the curve']:.0f}"
    f" mAh/g of Sb; the Sb really took {table.loc['whole sodiation', 'Sb']:.0f} mAh/g"
)

# %% [markdown]
# The reading is not far off in total, but for the wrong reasons: the plateau
# window also contains carbon, additive and double-layer charge, while some of
# the Sb alloying happens outside it (above it at the start, and below 0.3 V,
# where the last Na still diffuses into the Sb). Two errors of opposite sign
# partly cancel. A measured curve cannot tell you that; this one can.
#
# ## The swelling
#
# Sb grows to about 3.9 times its volume on the way to Na3Sb. The model tracks
# the Sb volume ratio V/V0, the electrode's porosity and its thickness
# (`sim/models/sb_carbon/swelling.py`). The carbon's pores take most of the
# expansion; what they cannot take thickens the electrode.

# %%
fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
axes[0].plot(t_h, sol["Sb volume ratio V/V0"].entries.mean(axis=0))
axes[0].set_ylabel("Sb volume ratio V/V0 [-]")
axes[1].plot(t_h, sol["Average porosity"].entries)
axes[1].set_ylabel("Average porosity [-]")
axes[2].plot(t_h, sol["Electrode thickness change [%]"].entries)
axes[2].set_ylabel("Electrode thickness change [%]")
for ax in axes:
    ax.set_xlabel("Time [h]")
fig.suptitle(f"Swelling through one cycle at {RATE} A/g")
fig.tight_layout()
plt.show()

# %% [markdown]
# The Sb volume ratio follows the sodium in the Sb; the porosity falls because
# the growing Sb fills the carbon's pores. The thickness is subtler: it rises as
# soon as the sodiation starts, long before the pores are full. The pores are
# filled by slow plastic flow of the soft NaxSb (the set's "Buffer relaxation
# time", an assumption), so while the Sb expands at a steady rate a steady part
# of the expansion has not yet flowed into them and stretches the electrode.
# On desodiation the shrinking Sb is soon inside what the pores already hold,
# and the electrode returns to its pristine thickness. Notebook 05 takes this
# apart.
#
# PyBaMM's own tools work on the solution as on any PyBaMM solution, e.g.
# `pybamm.QuickPlot` (interactive with a slider in Jupyter; `plot(t)` draws one
# instant, here 0.3 h):

# %%
qp = pybamm.QuickPlot(
    sol, ["Voltage [V]", "Sb current [A]", "Working electrode porosity"]
)
qp.plot(0.3)
plt.show()

# %% [markdown]
# ## Change one parameter: the Sb diffusion length
#
# In SbQD@C the dots touch each other and form a network through each composite
# grain, so sodium has to diffuse over the grain's radius, the "Sb diffusion
# length" L (fitted to the paper's capacities). The time it takes to diffuse
# over it is of order L^2/D. Double L and compare that time with the length of
# the discharge:

# %%
pv_long = pv.copy()
pv_long["Sb diffusion length [m]"] = 2 * pv["Sb diffusion length [m]"]
sol_long = pybamm.Simulation(
    model, parameter_values=pv_long, experiment=experiment
).solve()
runs = {"as fitted": sol, "2 x diffusion length": sol_long}

D = pv["Sb diffusivity [m2.s-1]"]
for label, values in (("as fitted", pv), ("2 x diffusion length", pv_long)):
    L = values["Sb diffusion length [m]"]
    t_dis = runs[label].cycles[0].steps[0]["Time [s]"].entries
    print(
        f"{label:22s} L = {1e9 * L:5.0f} nm, L^2/D = {L**2 / D:6.0f} s, "
        f"discharge lasts {t_dis[-1] - t_dis[0]:6.0f} s"
    )

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
for label, s in runs.items():
    d = s.cycles[0].steps[0]
    (line,) = axes[0].plot(capacity_in_step(d), d["Voltage [V]"].entries, label=label)
    th = d["Time [h]"].entries - d["Time [h]"].entries[0]
    axes[1].plot(
        th,
        d["Sb current [A]"].entries / mass_g,
        color=line.get_color(),
        label=f"Sb, {label}",
    )
    axes[1].plot(
        th,
        d["Carbon insertion current [A]"].entries / mass_g,
        "--",
        color=line.get_color(),
        label=f"carbon, {label}",
    )
axes[0].set_xlabel("Specific capacity [mA.h.g-1]")
axes[0].set_ylabel("Voltage [V]")
axes[0].legend()
axes[1].set_xlabel("Time since start of sodiation [h]")
axes[1].set_ylabel("Current density [A.g-1]")
axes[1].legend(fontsize=8)
fig.suptitle(f"Sodiation at {RATE} A/g")
fig.tight_layout()
plt.show()

for label, s in runs.items():
    d = s.cycles[0].steps[0]
    t = d["Time [s]"].entries
    q_sb = np.trapezoid(d["Sb current [A]"].entries, t) / 3.6 / mass_g
    x_end = d["Average Sb sodiation state x in NaxSb"].entries[-1]
    print(
        f"{label:22s} capacity {capacity_in_step(d)[-1]:5.0f} mAh/g, of it Sb "
        f"{q_sb:5.0f} mAh/g; x in NaxSb at the cut-off {x_end:.2f} (full: 3)"
    )

# %% [markdown]
# With the longer diffusion length the diffusion time exceeds the discharge:
# the sodium piles up at the grains' surface, the surface reaches full
# sodiation while the inside has not, and the voltage falls to the cut-off
# earlier. The store currents show it directly: the Sb current drops off
# sooner, the carbon briefly takes over, and the Sb ends the step further from
# Na3Sb (x well below 3). The capacity lost is Sb capacity, not carbon capacity:
# that is the evidence that the rate limitation is diffusion in the Sb network.
#
# ## Exercises
#
# **1.** Run the same cycle at 2 A/g (fitted diffusion length). How much
# capacity is left, how much of it did the Sb carry, and how much does the
# electrode thicken compared with 0.5 A/g? Why should the swelling depend on
# the rate at all? (Hint: `sim params SbQD@C` lists a "Buffer relaxation time".)

# %% tags=["solution"] jupyter={"source_hidden": true}
steps_fast = experiment_steps(
    [
        "Discharge at 2 A/g until 0.01 V",
        "Rest for 10 minutes",
        "Charge at 2 A/g until 2.5 V",
    ],
    pv,
)
sol_fast = pybamm.Simulation(
    model, parameter_values=pv, experiment=pybamm.Experiment([tuple(steps_fast)])
).solve()
for label, s in (("0.5 A/g", sol), ("2 A/g", sol_fast)):
    d = s.cycles[0].steps[0]
    t = d["Time [s]"].entries
    q_sb = np.trapezoid(d["Sb current [A]"].entries, t) / 3.6 / mass_g
    dL = s["Electrode thickness change [%]"].entries.max()
    print(
        f"{label}: capacity {capacity_in_step(d)[-1]:.0f} mAh/g, Sb {q_sb:.0f} "
        f"mAh/g, largest thickness change {dL:.1f} %"
    )
print(f"buffer relaxation time: {pv['Buffer relaxation time [s]']:.0f} s")
# The Sb expands as fast as it sodiates, but the pores of the carbon are filled
# by slow plastic flow of NaxSb (a relaxation time). At 2 A/g the sodiation is
# short compared with that time, so more of the expansion is not (yet) absorbed
# by the pores and pushes the electrode apart: it thickens more, even though
# less Sb is sodiated.

# %% [markdown]
# **2.** Switch the volume change off (`SbCarbonHalfCell({"volume change":
# False})`, from `sim.models.sb_carbon`) and compare the sodiation voltage
# curve at 0.5 A/g with the one above. Does the swelling change the voltage
# much? Which transport property would you expect it to change, and in which
# direction?

# %% tags=["solution"] jupyter={"source_hidden": true}
rigid = SbCarbonHalfCell({"volume change": False})
sol_rigid = pybamm.Simulation(rigid, parameter_values=pv, experiment=experiment).solve()
fig, ax = plt.subplots(figsize=(6, 4))
for label, s in (("with volume change", sol), ("volume change off", sol_rigid)):
    d = s.cycles[0].steps[0]
    ax.plot(capacity_in_step(d), d["Voltage [V]"].entries, label=label)
ax.set_xlabel("Specific capacity [mA.h.g-1]")
ax.set_ylabel("Voltage [V]")
ax.legend()
plt.show()
for label, s in (("with volume change", sol), ("volume change off", sol_rigid)):
    d = s.cycles[0].steps[0]
    print(
        f"{label}: capacity {capacity_in_step(d)[-1]:.0f} mAh/g, lowest average "
        f"porosity {s['Average porosity'].entries.min():.3f}"
    )
# The curves nearly overlap in this thin electrode at this rate: the voltage is
# set mostly by the Sb's own thermodynamics and diffusion; the small difference
# near the cut-off comes from what the swelling does to the Sb's geometry and
# to the porosity. The porosity is what changes most: filled pores leave less
# electrolyte, so the effective ionic conductivity (porosity^1.5, Bruggeman)
# falls. That matters for thick electrodes and high rates (notebook 05).
