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
# # 09. A design study: sweep, Sobol indices, Dask
#
# Before a cell is made, a designer asks "what if": a thicker cathode, a
# thinner membrane, a worse interphase. A design study answers many such
# questions at once: it varies a few parameters, runs the same protocol at every
# point and records a few numbers. This notebook runs a small study of the
# Li | CPCSE | LFP solid-state cell of Cheng et al. 2023, asks which parameter
# matters most (Sobol indices), and runs the same study on a local Dask
# cluster, the way a large study would run on many machines.
#
# ## What you will learn
#
# - describe a study (model, parameter set, protocol, varied parameters,
#   metrics) as a small TOML file and run it with `sim.studies`;
# - which parameters are solved as PyBaMM inputs (one build, many re-solves)
#   and which force a rebuild, and why;
# - read first-order and total Sobol indices with their confidence intervals;
# - run the same study on a local Dask cluster and check it gives the same
#   numbers.

# %%
import io
import tempfile
import time
import tomllib
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from sim import parameters
from sim.studies.spec import Study
from sim.studies.sweep import sweep

start = time.perf_counter()
folder = Path(tempfile.mkdtemp())  # everything this notebook writes goes here

# %% [markdown]
# ## 1. A study is a small file
#
# A 2 C discharge of the Li | CPCSE | LFP cell (30 degC, the set's assumption),
# from the charged cell down to 2.5 V. Two design parameters, three values
# each: the LFP mass loading of the cathode (how much LFP per area: thicker
# cathode, more capacity, longer ion paths) and the resistance of the Li metal
# interphase (a property of the Li | polymer contact, which processing changes).
# Three metrics: the capacity delivered, the average voltage, and the LFP's
# average lithium content (stoichiometry) when the cut-off is reached.

# %%
study_text = """
[study]
name = "Li|CPCSE|LFP at 2 C: loading and Li interphase"
model = "LFPSolidStateCell"
parameter_set = "Li|CPCSE|LFP"

[protocol]
type = "ExperimentSteps"
steps = ["Discharge at 2C until 2.5 V"]

[[parameters]]
name = "LFP mass loading [kg.m-2]"
values = [0.01, 0.02, 0.04]

[[parameters]]
name = "Lithium interphase resistance [Ohm.m2]"
values = [0.005, 0.015, 0.045]
scale = "log"

[[metrics]]
name = "capacity"
kind = "capacity"
direction = "discharge"
per = "cell"

[[metrics]]
name = "average voltage"
kind = "average voltage"
direction = "discharge"

[[metrics]]
name = "LFP stoichiometry at cut-off"
kind = "variable"
variable = "Average positive particle stoichiometry"
reduce = "end"
"""
study_file = folder / "lfp_study.toml"
study_file.write_text(study_text)
study = Study.from_file(study_file)
print(study.name, "|", [a.name for a in study.axes])

# %% [markdown]
# Run it in this process (`workers=1`; its progress lines go to `stream`, here
# a string buffer, by default the terminal). The sweep first *probes* which varied
# parameters can be PyBaMM inputs (solved at run time on one built model) and
# which are *structural* (they shape the model before solving, so every
# distinct value needs its own build). Its notes say which and why.

# %%
t0 = time.perf_counter()
grid = sweep(study, folder / "grid", stream=io.StringIO())
grid_seconds = time.perf_counter() - t0
print(f"{len(grid.table)} points, {grid.failed} failed, {grid_seconds:.1f} s")
for note in grid.notes:
    print(" -", note)

# %% [markdown]
# The interphase resistance is an input: one build serves all its values. The
# mass loading is structural: the set turns it into the cathode's thickness, a
# length of the mesh, and PyBaMM cannot discretise a geometry whose length is
# an input (the probe's reason is the raw error the input build met). Points are grouped by their
# structural values, so this study costs three builds for nine points; the
# `seconds` column shows the first point of each group paying for its build.

# %%
ps = parameters.get("Li|CPCSE|LFP")
area = ps["Electrode area [m2]"]
theoretical = ps["LFP theoretical capacity [mA.h.g-1]"]
table = grid.table.sort_values("point").copy()
lfp_g = table["LFP mass loading [kg.m-2]"] * area * 1e3
table["specific capacity [mA.h.g-1]"] = table["capacity [A.h]"] * 1e3 / lfp_g
table["utilisation [-]"] = table["specific capacity [mA.h.g-1]"] / theoretical
columns = [
    "LFP mass loading [kg.m-2]",
    "Lithium interphase resistance [Ohm.m2]",
    "capacity [A.h]",
    "specific capacity [mA.h.g-1]",
    "utilisation [-]",
    "average voltage [V]",
    "LFP stoichiometry at cut-off [-]",
    "seconds",
]
table[[c for c in columns if c in table]].round(4)

# %% [markdown]
# `utilisation` is the delivered capacity over the LFP's theoretical capacity
# (from the set: F c_max / density). The model's own LFP stoichiometry at the
# cut-off says the same from the inside: how far the particles were filled.

# %%
res_name = "Lithium interphase resistance [Ohm.m2]"
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
for r, rows in table.groupby(res_name):
    loading = rows["LFP mass loading [kg.m-2]"] * 100  # kg/m2 -> mg/cm2
    label = f"Li interphase {r * 1e4:g} Ohm.cm2"
    ax1.plot(loading, rows["specific capacity [mA.h.g-1]"], "o-", label=label)
    ax2.plot(loading, rows["average voltage [V]"], "o-", label=label)
ax1.set_xlabel("LFP mass loading [mg.cm-2]")
ax1.set_ylabel("Specific capacity at 2 C [mA.h.g-1]")
ax2.set_xlabel("LFP mass loading [mg.cm-2]")
ax2.set_ylabel("Average voltage at 2 C [V]")
ax1.legend(fontsize=8)
ax2.legend(fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# A thicker cathode at the same C-rate carries more current per area: more
# drop across the polymer and the interphases, so the voltage is lower and the
# cut-off comes sooner. The interphase resistance costs voltage in proportion
# to that current density, so its effect grows with the loading: the two
# parameters *interact*.
#
# ## 2. Which parameter matters most? Sobol indices
#
# A grid answers "what happens at these points". A variance-based sensitivity
# analysis answers "how much of the spread of a metric over the whole design
# space is due to each parameter". For a metric Y and parameter X_i:
#
# - the **first-order index** S1_i = Var(E[Y | X_i]) / Var(Y) is the share of
#   the variance that X_i explains alone;
# - the **total index** ST_i also counts every interaction X_i takes part in;
#   ST_i - S1_i is the interaction share, and ST_i near 0 means X_i can be
#   fixed anywhere in its range without changing Y.
#
# Saltelli's estimator needs N (D + 2) runs for D parameters and a base size N
# (a power of two). We add a third parameter (the cathode interphase) and take
# N = 32: 160 runs, small enough to be quick (a Sobol study is usually run with
# N in the hundreds or thousands), which is why the confidence intervals (95 %,
# by bootstrap) will be wide. The axes become continuous
# ranges: the loading uniform, the resistances log-uniform.

# %%
sobol_text = (
    study_text.split("[[parameters]]")[0]
    + """
[sampling]
method = "sobol"
points = 32
seed = 1

[[parameters]]
name = "LFP mass loading [kg.m-2]"
distribution = "uniform"
low = 0.01
high = 0.04

[[parameters]]
name = "Lithium interphase resistance [Ohm.m2]"
distribution = "loguniform"
low = 0.005
high = 0.05

[[parameters]]
name = "Cathode interphase resistance [Ohm.m2]"
distribution = "loguniform"
low = 0.001
high = 0.01

[[metrics]]
name = "average voltage"
kind = "average voltage"
direction = "discharge"

[[metrics]]
name = "LFP stoichiometry at cut-off"
kind = "variable"
variable = "Average positive particle stoichiometry"
reduce = "end"
"""
)
(folder / "lfp_sobol.toml").write_text(sobol_text)
sobol_study = Study.from_file(folder / "lfp_sobol.toml")
t0 = time.perf_counter()
sobol = sweep(
    sobol_study,
    folder / "sobol",
    sensitivity="sobol",
    stream=io.StringIO(),
)
print(
    f"{len(sobol.table)} runs, {sobol.failed} failed, {time.perf_counter() - t0:.1f} s"
)
for note in sobol.notes:
    print(" -", note)
indices = sobol.indices
indices.round(3)

# %%
metrics = list(dict.fromkeys(indices["metric"]))
fig, axes = plt.subplots(1, len(metrics), figsize=(12, 4), sharey=True)
for ax, metric in zip(axes, metrics, strict=True):
    rows = indices[indices["metric"] == metric]
    x = np.arange(len(rows))
    ax.bar(x - 0.2, rows["S1"], 0.4, yerr=rows["S1 confidence"], capsize=3, label="S1")
    ax.bar(x + 0.2, rows["ST"], 0.4, yerr=rows["ST confidence"], capsize=3, label="ST")
    ax.set_xticks(
        x, [p.split(" [")[0] for p in rows["parameter"]], rotation=15, ha="right"
    )
    ax.axhline(0, color="grey", lw=0.8)
    ax.set_title(metric)
    ax.set_xlabel("Parameter")
axes[0].set_ylabel("Sobol index [-]")
axes[0].legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# How to read it:
#
# - compare the bars *with their error bars*: with N = 32 only large
#   differences mean something; an estimate below 0, above 1, or an S1 above
#   its ST is estimator noise, not physics (ST >= S1 always holds for the
#   true indices);
# - a parameter whose ST is near 0 for a metric does not matter for it over
#   these ranges, whatever its S1;
# - where ST clearly exceeds S1, the parameter acts through interactions (here:
#   an interphase resistance costs voltage in proportion to the current
#   density, which the loading sets);
# - the indices belong to the *ranges* chosen: widen the range of one
#   parameter and its share grows. They rank parameters for this design space;
#   they say nothing about mechanisms outside the model.
#
# To tighten the intervals, double N (the runs double).
#
# **The model's truth.** In this model the Li and the cathode interphase are
# one series "Contact resistance [Ohm]", their sum divided by the area: an ohm
# of either costs the same voltage. The cathode interphase comes out less
# important only because its range (0.001-0.01 Ohm.m2) is narrower than the Li
# interphase's (0.005-0.05 Ohm.m2). A Sobol index ranks parameters *over the
# ranges you chose*, not by physical importance; exercise 1 shows the equal
# derivatives.
#
# ## 3. The same study on a local Dask cluster
#
# `workers=2` starts a `distributed.LocalCluster` of two single-threaded worker
# processes on this machine; a large study would instead name the scheduler of
# a cluster (`scheduler="tcp://host:8786"`, see the README). The study travels
# to the workers as plain data (the parsed TOML), each worker builds the models
# it needs once and re-solves them for its points, and the rows come back.
# Starting the cluster costs a few seconds, so for nine points it is slower
# than one process; it pays off when the points take minutes.

# %%
t0 = time.perf_counter()
on_dask = sweep(study, folder / "dask", workers=2, stream=io.StringIO())
dask_seconds = time.perf_counter() - t0
here = grid.table.sort_values("point").reset_index(drop=True)
there = on_dask.table.sort_values("point").reset_index(drop=True)
metric_columns = [m.column for m in study.metrics()]
print(f"in process {grid_seconds:.1f} s, on 2 Dask workers {dask_seconds:.1f} s")
print("points per worker:", there["worker"].value_counts().to_dict())
for column in metric_columns:
    diff = np.max(np.abs(here[column].to_numpy() - there[column].to_numpy()))
    print(f"{column}: identical = {bool(diff == 0)} (largest difference {diff:.1e})")

# %% [markdown]
# The numbers are identical, bit for bit: each point is the same solve of the
# same built model, whichever process runs it. The `worker` column records
# which process ran each point.

# %%
print(f"run time: {time.perf_counter() - start:.0f} s")

# %% [markdown]
# ## Exercises
#
# **1.** A cheaper first look: `sensitivity="local"` computes elasticities
# (p/m) dm/dp by central differences (+-1 %) at the centre of the ranges, with
# 2 D + 1 runs. Run it on the Sobol study and compare its ranking of the
# parameters for the average voltage with the total Sobol indices. When can a
# local elasticity mislead?

# %% tags=["solution"] jupyter={"source_hidden": true}
local = sweep(
    sobol_study,
    folder / "local",
    sensitivity="local",
    stream=io.StringIO(),
)
print(local.indices.round(4).to_string())
# The "derivative" column is the same for both interphases (one series
# resistance in the model); their elasticities differ by their centre values.
# A local elasticity is a derivative at one point (the centre): it cannot see
# interactions or curvature over the range, and its scale (per relative change
# of p) is not the range's (a Sobol index weighs the whole range chosen).

# %% [markdown]
# **2.** Interrupted studies resume: run `sweep(study, folder / "grid",
# resume=True)` again on the folder of section 1. How many points does it
# compute, and why?

# %% tags=["solution"] jupyter={"source_hidden": true}
again = sweep(study, folder / "grid", resume=True, stream=io.StringIO())
print("computed:", again.computed, "of", len(again.table))
# Every point is already in the folder's Parquet parts, so nothing is computed;
# a killed study resumes the same way, computing only the missing points.

# %% [markdown]
# **3.** Add the temperature to the study: vary "Ambient temperature [K]" over
# 303.15 and 323.15 K with the interphase resistance at 0.005 and 0.045 Ohm.m2
# (loading fixed at the set's value). Is the temperature solved as an input or
# rebuilt, and what does the warmer cell gain?

# %% tags=["solution"] jupyter={"source_hidden": true}
warm_text = (
    study_text.split("[[parameters]]")[0]
    + """
[[parameters]]
name = "Ambient temperature [K]"
values = [303.15, 323.15]

[[parameters]]
name = "Lithium interphase resistance [Ohm.m2]"
values = [0.005, 0.045]

[[metrics]]
name = "average voltage"
kind = "average voltage"
direction = "discharge"
"""
)
warm = sweep(
    Study.from_dict(tomllib.loads(warm_text)),
    folder / "warm",
    stream=io.StringIO(),
)
for note in warm.notes:
    print(" -", note)
print(warm.table[["Ambient temperature [K]", res_name, "average voltage [V]"]])
# PyBaMM's experiments control the temperature, so it cannot be an input: one
# build per temperature. The warm cell gains little here: the interphase
# resistances of this set have no temperature dependence (an assumption of the
# set), and at 30 degC the polymer membrane is already a small share of the
# cell's resistance.
