"""The study report (sim.studies.report): summary.md and the figures chosen
from the study's shape."""

import io
import itertools
import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection, QuadMesh
from matplotlib.figure import Figure

from sim.studies.axes import StudyError, axis_from_table
from sim.studies.report import figures, slug, summary_markdown
from sim.studies.sensitivity import sobol_indices, sobol_points

RADIUS = axis_from_table(
    {
        "name": "Sb quantum dot radius [m]",
        "range": [1e-9, 1e-8],
        "points": 4,
        "scale": "log",
    }
)
RATE = axis_from_table({"name": "C-rate [-]", "values": [0.1, 0.5, 1.0]})
TEMP = axis_from_table(
    {"name": "Temperature [K]", "distribution": "uniform", "low": 280, "high": 320}
)
ELECTROLYTE = axis_from_table(
    {"name": "Electrolyte", "values": ["PPSE", "CNCSE", "CPCSE"]}
)
CAP = "Capacity [mA.h.g-1]"
VOLT = "Mean voltage [V]"


def study(axes, rows, capacity, fail=()):
    """A results table: rows of axis values, capacity(values) and a constant
    voltage; points in ``fail`` failed (with reasons)."""
    table = pd.DataFrame(rows, columns=[a.name for a in axes])
    table.insert(0, "point", np.arange(len(table)))
    table[CAP] = [capacity(*r) for r in rows]
    table[VOLT] = 0.6
    table["status"] = "ok"
    table["reason"] = ""
    table["seconds"] = 0.5
    for k, i in enumerate(fail):
        table.loc[i, "status"] = "failed"
        table.loc[i, "reason"] = "solver failed" if k % 2 == 0 else "timeout"
        table.loc[i, [CAP, VOLT]] = np.nan
    return table


def grid_study(fail=()):
    rows = list(itertools.product(RADIUS.values, RATE.values))
    return study([RADIUS, RATE], rows, lambda r, c: 600 - 1e10 * r - 50 * c, fail)


def labels(ax):
    return ax.get_xlabel(), ax.get_ylabel()


# --- summary -------------------------------------------------------------


def test_summary_counts_ok_and_failed_and_groups_reasons():
    table = grid_study(fail=(1, 4, 7))
    text = summary_markdown(
        "Radius and rate",
        "Capacity of SbQD@C half cells.",
        [RADIUS, RATE],
        table,
        [CAP, VOLT],
        sampling="full grid",
        seconds=12.0,
    )
    assert text.startswith("# Radius and rate\n")
    assert "full grid: 12 points." in text
    assert "9 of 12 points ok, 3 failed." in text
    assert "| solver failed | 2 |" in text
    assert "| timeout | 1 |" in text
    assert "- Total (wall clock): 12 s (1 s per point)." in text
    assert "- Each point (its own run): median 0.5 s, max 0.5 s, sum 6 s." in text
    # varied parameters with range and scale
    assert "| Sb quantum dot radius [m] | 4 values | [1e-09, 1e-08]" in text
    assert "| log |" in text
    # the constant metric is said to be constant
    assert "constant (0.6)" in text


def test_summary_min_and_max_rows_name_the_parameter_values():
    table = grid_study(fail=(0,))  # the would-be maximum failed
    text = summary_markdown(
        "t", None, [RADIUS, RATE], table, [CAP], sampling="full grid"
    )
    lines = {line.split(" | ")[0]: line for line in text.splitlines()}
    # min: largest radius, highest rate; max among ok points (smallest radius
    # at C-rate 0.1 failed): second radius at 0.1 (573.5) beats the smallest
    # radius at 0.5 (565)
    r_max, r_2 = RADIUS.values[-1], RADIUS.values[1]
    cap_min = 600 - 1e10 * r_max - 50
    cap_max = 600 - 1e10 * r_2 - 5
    assert lines["| min"] == f"| min | {cap_min:.4g} | {r_max:.4g} | 1 |"
    assert lines["| max"] == f"| max | {cap_max:.4g} | {r_2:.4g} | 0.1 |"
    assert lines["| median"].startswith("| median | ")
    assert "11 of 12 points with a value." in text


def test_summary_of_an_all_failed_study():
    table = grid_study(fail=range(12))
    text = summary_markdown(
        "t", "", [RADIUS, RATE], table, [CAP], sampling="full grid", seconds=3.0
    )
    assert "**All 12 points failed**" in text
    assert "| solver failed | 6 |" in text and "| timeout | 6 |" in text
    assert "No value: none of the 12 points gave a finite value." in text


def test_summary_with_sobol_indices_and_reasons():
    axes = [TEMP, RADIUS]
    points = sobol_points(axes, 8, seed=0)
    table = study(
        axes,
        [[p[a.name] for a in axes] for p in points],
        lambda t, r: t + 1e9 * r,
    )
    result = sobol_indices(axes, table, [CAP, VOLT], 8, seed=1)
    text = summary_markdown(
        "Sobol",
        "",
        axes,
        table,
        [CAP],
        sampling="Sobol' (Saltelli), n_base = 8",
        sensitivity=result,
    )
    assert "## Sensitivity (Sobol' indices)" in text
    assert f"| {CAP} | Temperature [K] | " in text and " ± " in text
    assert f"- {VOLT}: no indices: constant" in text
    assert "| Temperature [K] | uniform | [280, 320] | linear |" in text


def test_summary_refuses_unknown_columns():
    with pytest.raises(StudyError, match="no column"):
        summary_markdown(
            "t", "", [RADIUS, RATE], grid_study(), ["Energy [W.h]"], sampling="grid"
        )


# --- figures -------------------------------------------------------------


def test_one_axis_gives_a_line_plot_with_failed_points_marked():
    rows = [[r] for r in RADIUS.values]
    table = study([RADIUS], rows, lambda r: 600 - 1e10 * r, fail=(2,))
    figs = figures([RADIUS], table, [CAP, VOLT], grid=True)
    assert list(figs) == ["metric-capacity-ma-h-g-1.png", "metric-mean-voltage-v.png"]
    fig = figs["metric-capacity-ma-h-g-1.png"]
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    assert labels(ax) == (RADIUS.name, CAP)
    assert ax.get_xscale() == "log"
    (line,) = ax.get_lines()
    assert len(line.get_xdata()) == 3
    assert "failed" in [t.get_text() for t in ax.get_legend().get_texts()]
    fig.savefig(io.BytesIO(), format="png")


def test_two_axes_on_a_grid_give_a_heatmap():
    figs = figures([RADIUS, RATE], grid_study(fail=(5,)), [CAP, VOLT], grid=True)
    fig = figs["metric-capacity-ma-h-g-1.png"]
    ax, bar = fig.axes
    assert any(isinstance(c, QuadMesh) for c in ax.collections)
    assert labels(ax) == (RADIUS.name, RATE.name)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "linear"
    assert bar.get_ylabel() == CAP
    (mesh,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    assert np.ma.count_masked(mesh.get_array()) == 1  # the failed cell is blank
    # a constant metric still gets a heatmap and a colour scale
    flat = figs["metric-mean-voltage-v.png"]
    flat.savefig(io.BytesIO(), format="png")


def test_two_axes_not_on_a_grid_give_a_scatter():
    rng = np.random.default_rng(0)
    rows = np.c_[rng.uniform(280, 320, 30), 10 ** rng.uniform(-9, -8, 30)]
    table = study([TEMP, RADIUS], rows.tolist(), lambda t, r: t - 1e10 * r, (3,))
    fig = figures([TEMP, RADIUS], table, [CAP], grid=False)[
        "metric-capacity-ma-h-g-1.png"
    ]
    ax, bar = fig.axes
    assert not any(isinstance(c, QuadMesh) for c in ax.collections)
    assert sum(isinstance(c, PathCollection) for c in ax.collections) == 2
    assert labels(ax) == (TEMP.name, RADIUS.name)
    assert ax.get_yscale() == "log"
    assert bar.get_ylabel() == CAP


def test_three_axes_give_a_scatter_matrix():
    rows = list(itertools.product([290.0, 300.0, 310.0], RADIUS.values, RATE.values))
    table = study([TEMP, RADIUS, RATE], rows, lambda t, r, c: t - 1e10 * r - c)
    fig = figures([TEMP, RADIUS, RATE], table, [CAP], grid=True)[
        "metric-capacity-ma-h-g-1.png"
    ]
    visible = [
        ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"
    ]
    panels = [ax for ax in visible if ax.collections]
    assert len(panels) == 3  # every pair of the three axes
    pairs = {labels(ax) for ax in panels}
    assert pairs == {
        (TEMP.name, RADIUS.name),
        (TEMP.name, RATE.name),
        (RADIUS.name, RATE.name),
    }
    for ax in panels:
        assert (ax.get_xscale() == "log") == (ax.get_xlabel() == RADIUS.name)
    assert CAP in [ax.get_ylabel() for ax in fig.axes]  # the colour bar


def test_categorical_axis():
    rows = list(itertools.product(ELECTROLYTE.values, RATE.values))
    table = study(
        [ELECTROLYTE, RATE],
        rows,
        lambda e, c: {"PPSE": 1, "CNCSE": 2, "CPCSE": 3}[e] - c,
    )
    fig = figures([ELECTROLYTE, RATE], table, [CAP], grid=True)[
        "metric-capacity-ma-h-g-1.png"
    ]
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["PPSE", "CNCSE", "CPCSE"]
    (mesh,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    C = mesh.get_array().reshape(3, 3)  # rows: C-rate, columns: electrolyte
    assert C[0, 2] == pytest.approx(3 - 0.1)
    # one categorical axis: markers at the category positions
    one = figures([ELECTROLYTE], table.iloc[::3], [CAP], grid=True)
    ax = next(iter(one.values())).axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["PPSE", "CNCSE", "CPCSE"]
    assert labels(ax) == (ELECTROLYTE.name, CAP)
    text = summary_markdown("t", "", [ELECTROLYTE, RATE], table, [CAP], sampling="grid")
    assert "| Electrolyte | 3 categories | PPSE, CNCSE, CPCSE | – |" in text
    assert "| min | 0 | PPSE | 1 |" in text
    assert "| max | 2.9 | CPCSE | 0.1 |" in text


@pytest.mark.parametrize("n_axes", [1, 2, 3])
@pytest.mark.parametrize("grid", [True, False])
def test_all_failed_study_gives_figures(n_axes, grid):
    axes = [RADIUS, RATE, TEMP][:n_axes]
    values = [RADIUS.values, RATE.values, [290.0, 310.0]][:n_axes]
    rows = list(itertools.product(*values))
    table = study(axes, rows, lambda *v: 1.0, fail=range(len(rows)))
    figs = figures(axes, table, [CAP], grid=grid)
    (fig,) = figs.values()
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    if fig._suptitle is not None:
        texts.append(fig._suptitle.get_text())
    assert any(f"all {len(rows)} points failed" in t for t in texts)
    fig.savefig(io.BytesIO(), format="png")


def test_nan_metric_on_an_ok_point_is_marked():
    rows = [[r] for r in RADIUS.values]
    table = study([RADIUS], rows, lambda r: math.nan if r > 3e-9 else 1e9 * r)
    ax = figures([RADIUS], table, [CAP], grid=False)[
        "metric-capacity-ma-h-g-1.png"
    ].axes[0]
    assert len(ax.get_lines()[0].get_xdata()) == 2
    assert "2 of 4 points failed or gave no value" in ax.get_title(loc="right")


def test_slug():
    assert slug("Capacity [mA.h.g-1]") == "capacity-ma-h-g-1"
    assert slug("  ") == "metric"


@pytest.mark.parametrize("grid", [True, False])
def test_empty_table_no_status_column_and_nan_axis_values(grid):
    axes = [RADIUS, RATE]
    empty = grid_study().iloc[:0]
    for n_axes in (1, 2):
        figs = figures(axes[:n_axes], empty, [CAP], grid=grid)
        next(iter(figs.values())).savefig(io.BytesIO(), format="png")
    text = summary_markdown("t", "", axes, empty, [CAP], sampling="grid")
    assert "The study has no points." in text and "## Time" not in text
    # without a status column every row counts as ok; a NaN parameter value
    # is skipped in the plot
    table = grid_study().drop(columns=["status", "reason", "seconds"])
    table.loc[2, RADIUS.name] = np.nan
    fig = figures(axes, table, [CAP], grid=grid)["metric-capacity-ma-h-g-1.png"]
    fig.savefig(io.BytesIO(), format="png")
    assert "All 12 points ok." in summary_markdown(
        "t", "", axes, table, [CAP], sampling="grid"
    )
