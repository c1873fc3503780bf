"""Local sensitivities: a cheap first look at which parameters matter, before a
global (Sobol) analysis.

At the centre of the design space (each axis at the middle of its range, in
its own scale: the geometric middle of a log axis, the mean of a normal), each
numeric axis is moved by +-``rel_step`` (relative) while the others stay at
the centre: 2 D + 1 points, run like any study's points (inputs on one
build, resumable, on Dask). For each metric m and parameter p the central
difference gives dm/dp and the elasticity ``(p / m) dm/dp`` (the % change of
the metric per % change of the parameter), which compares parameters of
different units.

Why finite differences and not IDAKLU's forward sensitivities
(``calculate_sensitivities``): every protocol of this project ends its steps on
events (cut-off voltages), and PyBaMM itself warns that sensitivities are then
inaccurate when the event time moves with the parameter; the metrics
(capacities, peaks, retentions) are read off the whole curve after the run.
Central differences through the same metrics have none of these limits and
cost two solves per parameter on the one built model.
"""

from __future__ import annotations

import math

import numpy as np

from sim.studies.axes import StudyError

REL_STEP = 0.01
"""Relative step of the central differences (1 %: well above the solvers'
relative tolerance of 1e-4 to 1e-6, small enough for a local slope)."""


def _numeric(axis):
    return axis.values is None or all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in axis.values
    )


def centre(axes) -> dict:
    """The centre point of the axes (numeric axes only)."""
    return {a.name: a.from_unit(0.5) for a in axes if _numeric(a)}


def local_points(axes, rel_step=REL_STEP) -> list[dict]:
    """The centre, then for each numeric axis the centre with that axis at
    (1 + rel_step) and (1 - rel_step) times its centre value."""
    if not 0 < rel_step < 0.5:
        raise StudyError(f"rel_step = {rel_step}: between 0 and 0.5")
    mid = centre(axes)
    if not mid:
        raise StudyError("local sensitivities need at least one numeric parameter")
    zero = [n for n, v in mid.items() if v == 0]
    if zero:
        raise StudyError(
            f"parameter(s) {zero} have 0 at the centre of their range: a relative "
            "step is undefined there; shift the range"
        )
    points = [dict(mid)]
    for name, value in mid.items():
        for sign in (1, -1):
            points.append({**mid, name: value * (1 + sign * rel_step)})
    return points


def local_indices(axes, table, metric_columns, rel_step=REL_STEP):
    """A DataFrame with one row per metric and parameter: "metric",
    "parameter", "centre value", "metric at centre", "derivative" and
    "elasticity [-]"; NaN (with a "reason") where a point of the difference
    failed."""
    import pandas as pd

    mid = centre(axes)
    rows = table.set_index("point")
    ok = rows["status"] == "ok"
    out = []
    for column in metric_columns:
        m0 = rows[column].get(0, math.nan)
        for k, (name, value) in enumerate(mid.items()):
            plus, minus = 1 + 2 * k, 2 + 2 * k
            reason = ""
            if not all(ok.get(i, False) for i in (0, plus, minus)):
                reason = "a point of the difference failed"
                d = e = math.nan
            else:
                dp = value * 2 * rel_step
                d = (rows.at[plus, column] - rows.at[minus, column]) / dp
                e = d * value / m0 if m0 != 0 else math.nan
            out.append(
                {
                    "metric": column,
                    "parameter": name,
                    "centre value": value,
                    "metric at centre": m0,
                    "derivative": d,
                    "elasticity [-]": e,
                    "reason": reason,
                }
            )
    return pd.DataFrame(out)


def local_figure(indices):
    """Bar chart of the elasticities, one panel per metric."""
    import matplotlib.pyplot as plt

    metrics = list(dict.fromkeys(indices["metric"]))
    fig, axes = plt.subplots(
        len(metrics), 1, figsize=(7, 1.2 + 0.5 * len(indices) / max(len(metrics), 1))
    )
    axes = np.atleast_1d(axes)
    for ax, metric in zip(axes, metrics, strict=True):
        part = indices[indices["metric"] == metric]
        y = np.arange(len(part))
        ax.barh(y, part["elasticity [-]"].fillna(0.0), color="tab:blue")
        ax.set_yticks(y, list(part["parameter"]))
        ax.axvline(0, color="k", lw=0.8)
        ax.set_title(metric, fontsize=10)
        ax.set_xlabel("elasticity (p/m) dm/dp [-]")
    fig.tight_layout()
    return fig
