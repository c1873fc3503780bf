"""The report of a design study: ``summary.md`` and the plots chosen from the
study's shape.

* :func:`summary_markdown`: what was varied, how it was sampled, how many
  points succeeded (failure reasons grouped and counted), the range of every
  metric with the parameter values at its minimum and maximum, the time taken
  and, if given, the Sobol' indices;
* :func:`figures`: one figure per metric, ``{"metric-<slug>.png": Figure}``:

  - one axis: the metric against the axis (a line; log x on a log axis);
  - two axes on a full grid: a heatmap (``pcolormesh``) of the metric;
  - two axes otherwise: a scatter of the points coloured by the metric;
  - three or more axes: a scatter matrix (see :func:`figures` for why).

The table is the study's results: one row per point with ``"point"``, one
column per axis (named ``axis.name``), one per metric (``"name [unit]"``),
``"status"`` (``"ok"``/``"failed"``), ``"reason"`` and ``"seconds"``. Points
that failed, or whose metric is NaN, are drawn as red crosses (or hatched
cells) and listed in the summary, never dropped silently. String-valued axes
are categorical: drawn at positions 0, 1, ... labelled with the categories.
Figures are built with :class:`matplotlib.figure.Figure` (no pyplot state) and
are not saved here.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from sim.studies.axes import Axis, StudyError

FAILED_STYLE = {"marker": "x", "color": "red", "s": 30, "linewidths": 1.2}


# --- helpers -------------------------------------------------------------


def _fmt(x) -> str:
    """4 significant digits; integers as they are; NaN as a dash."""
    if x is None:
        return "–"
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, int | np.integer):
        return str(int(x))
    if isinstance(x, float | np.floating):
        x = float(x)
        if math.isnan(x):
            return "–"
        if x == int(x) and abs(x) < 1e4:
            return str(int(x))
        return f"{x:.4g}"
    return str(x)


def _cell(x) -> str:
    return _fmt(x).replace("|", "\\|").replace("\n", " ")


def _md_table(header, rows) -> list[str]:
    lines = [
        "| " + " | ".join(_cell(h) for h in header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def slug(name: str) -> str:
    """A file-name-safe form of a column name: ``"Capacity [mA.h.g-1]"`` ->
    ``"capacity-ma-h-g-1"``."""
    s = re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-")
    return s or "metric"


def _categorical(axis: Axis) -> bool:
    return axis.values is not None and not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in axis.values
    )


def _is_log(axis: Axis) -> bool:
    return not _categorical(axis) and (
        axis.scale == "log" or axis.distribution == "loguniform"
    )


def _check(axes, table, metric_columns):
    axes = list(axes)
    if not axes:
        raise StudyError("a study report needs at least one parameter axis")
    for a in axes:
        if not isinstance(a, Axis):
            raise StudyError(f"axes must be Axis objects, got {a!r}")
    if isinstance(metric_columns, str):
        metric_columns = [metric_columns]
    metric_columns = list(metric_columns)
    if not isinstance(table, pd.DataFrame):
        raise StudyError(f"the results table must be a pandas DataFrame, got {table!r}")
    needed = [a.name for a in axes] + metric_columns
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise StudyError(
            f"the results table has no column(s) {missing}; it has "
            f"{list(table.columns)}"
        )
    if "point" in table.columns:
        table = table.sort_values("point", kind="stable")
    return axes, table.reset_index(drop=True), metric_columns


def _ok(table) -> np.ndarray:
    if "status" not in table.columns:
        return np.ones(len(table), dtype=bool)
    return table["status"].astype(str).eq("ok").to_numpy()


def _metric(table, column) -> np.ndarray:
    return pd.to_numeric(table[column], errors="coerce").to_numpy(dtype=float)


# --- summary -------------------------------------------------------------


def _describe_axis(a: Axis) -> tuple[str, str, str]:
    """(form, range, scale) of an axis, for the summary table."""
    if _categorical(a):
        return (f"{len(a.values)} categories", ", ".join(map(str, a.values)), "–")
    scale = "log" if _is_log(a) else "linear"
    if a.distribution == "normal":
        return (
            f"normal (mean {_fmt(a.mean)}, std {_fmt(a.std)})",
            f"truncated to [{_fmt(a.low)}, {_fmt(a.high)}]",
            scale,
        )
    if a.distribution is not None:
        return (a.distribution, f"[{_fmt(a.low)}, {_fmt(a.high)}]", scale)
    values = list(a.values)
    shown = ", ".join(_fmt(v) for v in values[:6])
    if len(values) > 6:
        shown += f", … ({len(values)} values)"
    return (f"{len(values)} values", f"[{_fmt(a.low)}, {_fmt(a.high)}]: {shown}", scale)


def summary_markdown(
    title,
    description,
    axes,
    table,
    metric_columns,
    *,
    sampling,
    seconds=None,
    sensitivity=None,
) -> str:
    """The study's ``summary.md``.

    Args:
        title: The study's title (the first heading).
        description: A paragraph (may be empty or None).
        axes: The varied parameters (:class:`Axis`).
        table: The results (one row per point, see the module docstring).
        metric_columns: The metric columns to summarise.
        sampling: How the points were chosen, in words (e.g. ``"full grid"``,
            ``"Sobol' (Saltelli), n_base = 512"``).
        seconds: Wall-clock time of the whole study [s], if known.
        sensitivity: Sobol' indices to include: the DataFrame of
            :func:`sim.studies.sensitivity.sobol_indices` or its whole result
            (whose reasons are then listed too).

    Returns:
        Markdown text; numbers with 4 significant digits.
    """
    axes, table, metric_columns = _check(axes, table, metric_columns)
    ok = _ok(table)
    n, n_ok = len(table), int(ok.sum())
    out = [f"# {title}", ""]
    if description:
        out += [str(description).strip(), ""]

    out += ["## Varied parameters", ""]
    out += _md_table(
        ["Parameter", "Form", "Range / values", "Scale"],
        [(a.name, *_describe_axis(a)) for a in axes],
    )
    out += ["", "## Sampling", "", f"{sampling}: {n} points.", ""]

    out += ["## Outcome", ""]
    if n == 0:
        out += ["The study has no points.", ""]
    elif n_ok == n:
        out += [f"All {n} points ok.", ""]
    elif n_ok == 0:
        out += [f"**All {n} points failed**: no metric has a value.", ""]
    else:
        out += [f"{n_ok} of {n} points ok, {n - n_ok} failed.", ""]
    if n_ok < n:
        reasons = (
            table.loc[~ok, "reason"].fillna("").astype(str).str.strip()
            if "reason" in table.columns
            else pd.Series([""] * (n - n_ok))
        )
        reasons = reasons.replace("", "(no reason given)")
        counts = reasons.value_counts(sort=True)
        out += _md_table(["Failure reason", "Points"], list(counts.items()))
        out.append("")

    out += ["## Metrics", ""]
    for metric in metric_columns:
        y = _metric(table, metric)
        good = ok & np.isfinite(y)
        out += [f"### {metric}", ""]
        if not good.any():
            out += [f"No value: none of the {n} points gave a finite value.", ""]
            continue
        yg = y[good]
        idx = np.flatnonzero(good)
        i_min, i_max = idx[int(np.argmin(yg))], idx[int(np.argmax(yg))]
        note = f"{int(good.sum())} of {n} points with a value"
        if np.ptp(yg) == 0:
            note += f"; constant ({_fmt(yg[0])}) over them"
        out += [note + ".", ""]
        names = [a.name for a in axes]
        out += _md_table(
            ["", metric, *names],
            [
                ("min", y[i_min], *table.loc[i_min, names]),
                ("median", float(np.median(yg)), *(["–"] * len(names))),
                ("max", y[i_max], *table.loc[i_max, names]),
            ],
        )
        out.append("")

    times = []
    if seconds is not None:
        per = f" ({_fmt(float(seconds) / n)} s per point)" if n else ""
        times.append(f"- Total (wall clock): {_fmt(float(seconds))} s{per}.")
    if "seconds" in table.columns:
        s = pd.to_numeric(table["seconds"], errors="coerce").to_numpy(float)
        s = s[np.isfinite(s)]
        if s.size:
            times.append(
                f"- Each point (its own run): median {_fmt(float(np.median(s)))} "
                f"s, max {_fmt(float(s.max()))} s, sum {_fmt(float(s.sum()))} s."
            )
    if times:
        out += ["## Time", "", *times, ""]

    if sensitivity is not None:
        reasons = {}
        if hasattr(sensitivity, "indices") and hasattr(sensitivity, "reasons"):
            reasons = dict(sensitivity.reasons)
            sensitivity = sensitivity.indices
        out += ["## Sensitivity (Sobol' indices)", ""]
        if len(sensitivity):
            out += [
                "S1: first-order index, ST: total index; ± the half-width of "
                "the bootstrap confidence interval.",
                "",
            ]
            out += _md_table(
                ["Metric", "Parameter", "S1", "ST"],
                [
                    (
                        r["metric"],
                        r["parameter"],
                        f"{_fmt(r['S1'])} ± {_fmt(r['S1 confidence'])}",
                        f"{_fmt(r['ST'])} ± {_fmt(r['ST confidence'])}",
                    )
                    for _, r in sensitivity.iterrows()
                ],
            )
            out.append("")
        for metric, reason in reasons.items():
            out.append(f"- {metric}: no indices: {reason}")
        if reasons:
            out.append("")
        if not len(sensitivity) and not reasons:
            out += ["No indices.", ""]
    return "\n".join(out).rstrip() + "\n"


# --- figures -------------------------------------------------------------


def _positions(axis: Axis, column: pd.Series):
    """Numeric plotting positions of an axis column, and the category labels
    (None for a numeric axis)."""
    if not _categorical(axis):
        return pd.to_numeric(column, errors="coerce").to_numpy(dtype=float), None
    categories = list(axis.values)
    extra = [v for v in dict.fromkeys(column.astype(str)) if v not in categories]
    categories += extra
    lookup = {c: i for i, c in enumerate(categories)}
    return np.array([lookup[v] for v in column.astype(str)], dtype=float), categories


def _style_axis(ax, which: str, axis: Axis, categories):
    set_label = ax.set_xlabel if which == "x" else ax.set_ylabel
    set_label(axis.name)
    if categories is not None:
        set_ticks = ax.set_xticks if which == "x" else ax.set_yticks
        set_ticks(range(len(categories)), [str(c) for c in categories])
        set_lim = ax.set_xlim if which == "x" else ax.set_ylim
        set_lim(-0.5, len(categories) - 0.5)
    elif _is_log(axis):
        (ax.set_xscale if which == "x" else ax.set_yscale)("log")
        from matplotlib.ticker import NullFormatter

        # a range within one decade would otherwise label every minor tick
        (ax.xaxis if which == "x" else ax.yaxis).set_minor_formatter(NullFormatter())


def _norm(values):
    """A colour normalisation robust to no values and constant values."""
    from matplotlib.colors import Normalize

    v = values[np.isfinite(values)]
    if v.size == 0:
        return Normalize(0.0, 1.0)
    lo, hi = float(v.min()), float(v.max())
    if hi - lo <= 1e-12 * max(abs(lo), abs(hi)):
        pad = abs(lo) * 0.01 or 0.5
        return Normalize(lo - pad, hi + pad)
    return Normalize(lo, hi)


def _failed_note(ax, n_missing: int, n: int):
    """Partial failures in the axes' title (right); all failed: a note across
    the axes."""
    if n_missing == n and n:
        ax.text(
            0.5,
            0.5,
            f"all {n} points failed (no value)",
            transform=ax.transAxes,
            ha="center",
            va="center",
            color="red",
            bbox={"facecolor": "white", "edgecolor": "red"},
            zorder=5,
        )
    elif n_missing:
        ax.set_title(
            f"{n_missing} of {n} points failed or gave no value",
            loc="right",
            fontsize=8,
            color="red",
        )


def _colorbar(fig, ax, norm, label):
    from matplotlib.cm import ScalarMappable

    mappable = ScalarMappable(norm=norm, cmap="viridis")
    bar = fig.colorbar(mappable, ax=ax)
    bar.set_label(label)
    return bar


def _line_figure(axis, table, metric, ok):
    from matplotlib.figure import Figure
    from matplotlib.transforms import blended_transform_factory

    fig = Figure(figsize=(6.4, 4.4), layout="constrained")
    ax = fig.add_subplot()
    x, categories = _positions(axis, table[axis.name])
    y = _metric(table, metric)
    good = ok & np.isfinite(y)
    order = np.argsort(x[good], kind="stable")
    style = "o" if categories is not None else "o-"
    if good.any():
        ax.plot(
            x[good][order], y[good][order], style, color="tab:blue", ms=4, label="ok"
        )
    bad = ~good
    if bad.any():
        # at the bottom of the axes, in data x
        trans = blended_transform_factory(ax.transData, ax.transAxes)
        ax.scatter(
            x[bad],
            np.full(bad.sum(), 0.03),
            transform=trans,
            clip_on=False,
            label="failed",
            zorder=3,
            **FAILED_STYLE,
        )
        ax.legend(frameon=False, fontsize=8)
    if not good.any():
        ax.set_yticks([])
    _style_axis(ax, "x", axis, categories)
    if not good.any() and categories is None:
        finite = x[np.isfinite(x)]
        if finite.size and np.ptp(finite) > 0:
            ax.set_xlim(finite.min(), finite.max())
    ax.set_ylabel(metric)
    _failed_note(ax, int(bad.sum()), len(y))
    return fig


def _edges(centres: np.ndarray, log: bool) -> np.ndarray:
    c = np.log(centres) if log else centres.astype(float)
    if c.size == 1:
        half = 0.1 if log else (abs(c[0]) * 0.1 or 0.5)
        e = np.array([c[0] - half, c[0] + half])
    else:
        mid = (c[1:] + c[:-1]) / 2
        e = np.r_[c[0] - (mid[0] - c[0]), mid, c[-1] + (c[-1] - mid[-1])]
    return np.exp(e) if log else e


def _grid_values(axis: Axis, x: np.ndarray, categories):
    """The grid's values along an axis: those in the table (or, if it has none,
    the axis's listed values or bounds)."""
    if categories is not None:
        return np.arange(len(categories), dtype=float)
    g = np.unique(x[np.isfinite(x)])
    if g.size == 0 and axis.values is not None:
        g = np.unique(np.asarray(axis.values, dtype=float))
    if g.size == 0:
        g = np.array([axis.low, axis.high], dtype=float)
        g = g[np.isfinite(g)] if np.isfinite(g).any() else np.array([1.0])
    return g


def _two_axes(axes, table, metric, ok):
    """Positions (and categories) of the points on two axes, the metric, and
    which points have a value."""
    ax_x, ax_y = axes
    x, cat_x = _positions(ax_x, table[ax_x.name])
    y, cat_y = _positions(ax_y, table[ax_y.name])
    z = _metric(table, metric)
    return x, cat_x, y, cat_y, z, ok & np.isfinite(z)


def _heatmap_figure(axes, table, metric, ok):
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, Rectangle

    ax_x, ax_y = axes
    x, cat_x, y, cat_y, z, good = _two_axes(axes, table, metric, ok)
    gx, gy = _grid_values(ax_x, x, cat_x), _grid_values(ax_y, y, cat_y)
    C = np.full((gy.size, gx.size), np.nan)
    sums = np.zeros_like(C)
    counts = np.zeros_like(C)
    placed = good & np.isfinite(x) & np.isfinite(y)
    ix, iy = np.searchsorted(gx, x[placed]), np.searchsorted(gy, y[placed])
    for i, j, v in zip(iy, ix, z[placed], strict=True):
        sums[i, j] += v
        counts[i, j] += 1
    C = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    fig = Figure(figsize=(6.8, 4.8), layout="constrained")
    ax = fig.add_subplot()
    ex = (
        np.arange(gx.size + 1) - 0.5 if cat_x is not None else _edges(gx, _is_log(ax_x))
    )
    ey = (
        np.arange(gy.size + 1) - 0.5 if cat_y is not None else _edges(gy, _is_log(ax_y))
    )
    norm = _norm(C)
    # hatched background: shows through the blank (NaN) cells
    ax.add_patch(
        Rectangle(
            (0, 0),
            1,
            1,
            transform=ax.transAxes,
            facecolor="none",
            edgecolor="0.6",
            hatch="//",
            lw=0,
            zorder=0,
        )
    )
    mesh = ax.pcolormesh(
        ex,
        ey,
        np.ma.masked_invalid(C),
        norm=norm,
        cmap="viridis",
        shading="flat",
        zorder=1,
    )
    bar = fig.colorbar(mesh, ax=ax)
    bar.set_label(metric)
    _style_axis(ax, "x", ax_x, cat_x)
    _style_axis(ax, "y", ax_y, cat_y)
    for which, cat, g, e in (("x", cat_x, gx, ex), ("y", cat_y, gy, ey)):
        if cat is not None:
            continue
        (ax.set_xlim if which == "x" else ax.set_ylim)(e[0], e[-1])
        if g.size <= 10:  # ticks at the grid's values
            set_ticks = ax.set_xticks if which == "x" else ax.set_yticks
            set_ticks(g, [_fmt(v) for v in g])
            set_ticks([], minor=True)
    n_blank = int(np.isnan(C).sum())
    if n_blank:
        ax.legend(
            handles=[
                Patch(
                    facecolor="white",
                    edgecolor="0.6",
                    hatch="//",
                    label=f"failed / no value ({n_blank} cell"
                    f"{'' if n_blank == 1 else 's'})",
                )
            ],
            loc="upper left",
            bbox_to_anchor=(0, -0.12),
            frameon=False,
            fontsize=8,
        )
    _failed_note(ax, int((~good).sum()), len(z))
    return fig


def _scatter(ax, x, y, z, good, norm):
    if good.any():
        ax.scatter(
            x[good],
            y[good],
            c=z[good],
            norm=norm,
            cmap="viridis",
            s=14 if good.sum() < 500 else 5,
            edgecolors="none",
        )
    bad = ~good
    if bad.any():
        ax.scatter(x[bad], y[bad], label="failed", zorder=3, **FAILED_STYLE)


def _scatter_figure(axes, table, metric, ok):
    from matplotlib.figure import Figure

    ax_x, ax_y = axes
    x, cat_x, y, cat_y, z, good = _two_axes(axes, table, metric, ok)
    norm = _norm(z[good])
    fig = Figure(figsize=(6.8, 4.8), layout="constrained")
    ax = fig.add_subplot()
    _scatter(ax, x, y, z, good, norm)
    if (~good).any():
        ax.legend(frameon=False, fontsize=8)
    _style_axis(ax, "x", ax_x, cat_x)
    _style_axis(ax, "y", ax_y, cat_y)
    _colorbar(fig, ax, norm, metric)
    _failed_note(ax, int((~good).sum()), len(z))
    return fig


def _matrix_figure(axes, table, metric, ok):
    from matplotlib.figure import Figure

    D = len(axes)
    pos = [_positions(a, table[a.name]) for a in axes]
    z = _metric(table, metric)
    good = ok & np.isfinite(z)
    norm = _norm(z[good])
    size = 2.6 * (D - 1)
    fig = Figure(figsize=(size + 1.4, size + 0.4), layout="constrained")
    grid = fig.subplots(D - 1, D - 1, squeeze=False)
    # panel (row r, column c) plots axis c (x) against axis r + 1 (y), c <= r
    for r in range(D - 1):
        for c in range(D - 1):
            ax = grid[r, c]
            if c > r:
                ax.set_visible(False)
                continue
            xi, yi = c, r + 1
            _scatter(ax, pos[xi][0], pos[yi][0], z, good, norm)
            _style_axis(ax, "x", axes[xi], pos[xi][1])
            _style_axis(ax, "y", axes[yi], pos[yi][1])
            ax.xaxis.label.set_fontsize(8)
            ax.yaxis.label.set_fontsize(8)
            ax.tick_params(labelsize=7)
    _colorbar(fig, grid.ravel().tolist(), norm, metric)
    n_bad = int((~good).sum())
    if n_bad:
        grid[0, 0].legend(frameon=False, fontsize=7)
        label = (
            f"all {len(z)} points failed (no value)"
            if n_bad == len(z)
            else f"{n_bad} of {len(z)} points failed or gave no value (red x)"
        )
        fig.suptitle(label, fontsize=9, color="red")
    return fig


def figures(axes, table, metric_columns, *, grid) -> dict:
    """One figure per metric, chosen from the study's shape.

    * one axis: the metric against the axis, points joined by a line (markers
      only for a categorical axis), log x for a log axis; failed points as red
      crosses at the bottom (legend "failed");
    * two axes and ``grid=True`` (a full grid of listed values): a heatmap
      (``pcolormesh``, cell edges half-way between the values, in log space on
      log axes), the colour bar labelled with the metric; failed or missing
      cells are left blank over a hatched background, with a legend entry and
      a note;
    * two axes otherwise (random or Sobol' points): a scatter of the points
      coloured by the metric, failed points as red crosses;
    * three or more axes: a scatter matrix (the lower triangle of every pair
      of axes, points coloured by the metric, one shared colour bar). Chosen
      over parallel coordinates because every panel keeps the physical
      quantity and unit on both axes, each axis's own log scale and category
      labels, with no normalisation to decode; and it stays readable with the
      thousands of points of a Sobol' design, where parallel coordinates turn
      into a blur of overlapping lines. It grows as D^2 panels, acceptable for
      the handful of parameters a study varies.

    String-valued axes are drawn at positions 0, 1, ... with the categories as
    tick labels. A metric with no value at all still gets its figure (with the
    failed points and a note); a constant metric gets a valid colour scale.

    Args:
        axes: The varied parameters (:class:`Axis`), in the study's order.
        table: The results (one row per point).
        metric_columns: The metric columns to plot.
        grid: Whether the points are a full grid (the product of the axes'
            listed values).

    Returns:
        ``{"metric-<slug>.png": Figure}``, in the order of ``metric_columns``.
    """
    axes, table, metric_columns = _check(axes, table, metric_columns)
    ok = _ok(table)
    out = {}
    for metric in metric_columns:
        if len(axes) == 1:
            fig = _line_figure(axes[0], table, metric, ok)
        elif len(axes) == 2 and grid:
            fig = _heatmap_figure(axes, table, metric, ok)
        elif len(axes) == 2:
            fig = _scatter_figure(axes, table, metric, ok)
        else:
            fig = _matrix_figure(axes, table, metric, ok)
        name = f"metric-{slug(metric)}.png"
        k = 2
        while name in out:
            name = f"metric-{slug(metric)}-{k}.png"
            k += 1
        out[name] = fig
    return out
