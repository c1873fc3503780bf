"""Global (variance-based) sensitivity of a study's metrics: Sobol' indices
with SALib.

A Sobol' study is run in three steps:

1. :func:`sobol_points` draws Saltelli's cross-sampled design from a scrambled
   Sobol' sequence in the unit cube (SALib's ``sample.sobol.sample``) and maps
   every coordinate to a parameter value with :meth:`Axis.from_unit`, so a log
   axis is sampled uniformly in log space and a normal distribution by its
   (truncated) inverse CDF;
2. the study runs every point, in order, and records the metrics (one row per
   point, column ``"point"`` = the index in the list);
3. :func:`sobol_indices` estimates the first-order (S1) and total (ST) indices
   of every metric from the table (SALib's ``analyze.sobol.analyze``), with
   bootstrap confidence half-widths, and :func:`sensitivity_figure` plots them.

Saltelli's estimators combine the points of each block of ``D + 2`` (or
``2D + 2``) rows, so a single missing value breaks the structure: a metric with
failed or NaN points gets no indices (and a reason), never imputed values.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd

from sim.studies.axes import Axis, StudyError

INDEX_COLUMNS = ("metric", "parameter", "S1", "S1 confidence", "ST", "ST confidence")
SECOND_ORDER_COLUMNS = (
    "metric",
    "parameter 1",
    "parameter 2",
    "S2",
    "S2 confidence",
)


class SobolIndices(NamedTuple):
    """What :func:`sobol_indices` returns (unpack as
    ``indices, reasons, second = sobol_indices(...)``).

    Attributes:
        indices: One row per (metric, parameter), columns :data:`INDEX_COLUMNS`;
            metrics without indices have no rows.
        reasons: Metric column -> why it has no indices (empty if all have).
        second_order: With ``second_order=True``, one row per (metric, pair of
            parameters), columns :data:`SECOND_ORDER_COLUMNS`; else empty.
    """

    indices: pd.DataFrame
    reasons: dict[str, str]
    second_order: pd.DataFrame


def _check_n_base(n_base) -> int:
    if isinstance(n_base, bool) or not isinstance(n_base, int | np.integer):
        raise StudyError(
            f"n_base = {n_base!r} must be an integer power of 2 (e.g. 256, 512, 1024)"
        )
    n = int(n_base)
    if n < 2 or n & (n - 1):
        if n < 2:
            nearest = "2"
        else:
            lower = 1 << (n.bit_length() - 1)
            nearest = f"{lower} or {2 * lower}"
        raise StudyError(
            f"n_base = {n} must be a power of 2 >= 2 (a Sobol' sequence is balanced "
            f"only at powers of 2); nearest: {nearest}"
        )
    return n


def _check_axes(axes) -> list[Axis]:
    axes = list(axes)
    if not axes:
        raise StudyError("a Sobol' study needs at least one parameter axis")
    names = [a.name for a in axes]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise StudyError(f"parameter(s) {duplicates} are given more than once")
    for a in axes:
        if not isinstance(a, Axis):
            raise StudyError(f"axes must be Axis objects, got {a!r}")
        if a.values is not None and a.distribution is None:
            if not all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in a.values
            ):
                raise StudyError(
                    f"parameter {a.name!r}: a Sobol' study needs numeric axes "
                    f"(a range, a numeric values list or a distribution); "
                    f"values {list(a.values)!r} are categories"
                )
        if not (math.isfinite(a.low) and math.isfinite(a.high) and a.low < a.high):
            raise StudyError(
                f"parameter {a.name!r}: a Sobol' study needs low < high, got "
                f"[{a.low!r}, {a.high!r}] (a values list needs two distinct values)"
            )
    return axes


def _problem(axes) -> dict:
    return {
        "num_vars": len(axes),
        "names": [a.name for a in axes],
        "bounds": [[0.0, 1.0]] * len(axes),
    }


def saltelli_count(n_axes: int, n_base: int, second_order: bool = False) -> int:
    """Number of points of Saltelli's design: ``N(D + 2)``, or ``N(2D + 2)``
    with second-order indices."""
    return n_base * ((2 * n_axes + 2) if second_order else (n_axes + 2))


def sobol_points(axes, n_base, seed, second_order=False) -> list[dict]:
    """Saltelli's design for Sobol' indices: ``n_base * (D + 2)`` points
    (``n_base * (2D + 2)`` with ``second_order``), in the order
    :func:`sobol_indices` expects (point id = index in the list).

    Coordinates come from SALib's ``sample.sobol.sample`` in the unit cube with
    the options SALib 1.6 recommends: ``scramble=True`` (Owen scrambling) and
    no skipped values (``skip_values=0``; skipping is documented as harmful to
    convergence). Each coordinate is mapped with :meth:`Axis.from_unit`: linear
    axes and uniform distributions uniformly on [low, high], log axes and
    log-uniform distributions uniformly in log space, normal distributions by
    their truncated inverse CDF. A numeric values list (or a range with points)
    is treated as the continuous interval [low, high] of its values, with its
    scale: the listed values themselves are not used. String (categorical)
    axes are refused: a Sobol' index needs an ordered, continuous input.

    Args:
        axes: The varied parameters (:class:`Axis`).
        n_base: Saltelli's base sample size N, a power of 2.
        seed: Seed of the scrambling (an int, or None for a random design).
        second_order: Also sample for second-order indices.

    Returns:
        One dict per point, ``{axis.name: value}`` (Python floats).
    """
    from SALib.sample import sobol as sobol_sample

    axes = _check_axes(axes)
    n = _check_n_base(n_base)
    unit = sobol_sample.sample(
        _problem(axes),
        n,
        calc_second_order=bool(second_order),
        scramble=True,
        skip_values=0,
        seed=seed,
    )
    return [
        {a.name: float(a.from_unit(u)) for a, u in zip(axes, row, strict=True)}
        for row in unit
    ]


def _check_saltelli_order(axes, X: np.ndarray, n: int, second_order: bool) -> None:
    """Each block of rows must be A, AB_1..AB_D, [BA_1..BA_D,] B: AB_j equals A
    except in column j, where it equals B."""
    D = len(axes)
    step = (2 * D + 2) if second_order else (D + 2)
    blocks = X.reshape(n, step, D)
    A, B = blocks[:, 0, :], blocks[:, -1, :]

    def same(x, y):
        return np.isclose(x, y, rtol=1e-12, atol=0.0) | (x == y)

    for j in range(D):
        expected = A.copy()
        expected[:, j] = B[:, j]
        ok = same(blocks[:, 1 + j, :], expected).all()
        if second_order:
            expected_ba = B.copy()
            expected_ba[:, j] = A[:, j]
            ok = ok and same(blocks[:, 1 + D + j, :], expected_ba).all()
        if not ok:
            raise StudyError(
                f"the table's parameter values are not in Saltelli's order (rows "
                f"sorted by 'point' do not cross-sample parameter {axes[j].name!r}); "
                f"use the points of sobol_points with the same axes, n_base = {n} "
                f"and second_order = {bool(second_order)}, with point = list index"
            )


def sobol_indices(
    axes,
    table,
    metric_columns,
    n_base,
    second_order=False,
    confidence=0.95,
    seed=None,
) -> SobolIndices:
    """First-order and total Sobol' indices of every metric of a Sobol' study.

    The table (one row per point, as run from :func:`sobol_points` with the
    same axes, ``n_base`` and ``second_order``) is sorted by ``"point"``; it
    must have exactly ``n_base * (D + 2)`` rows (``n_base * (2D + 2)`` with
    ``second_order``) and its parameter columns must follow Saltelli's
    cross-sampling, otherwise a :class:`StudyError` says so.

    Failed points: Saltelli's estimators need every point, so a metric with
    any failed (``status != "ok"``) or NaN/inf value gets **no indices** (no
    rows) and an entry in ``reasons`` saying how many points are missing;
    nothing is imputed. A metric that is constant over all points has no
    variance to apportion and gets a reason too. No error is raised when some
    or all metrics lack indices: the caller reports the reasons (the summary
    does), so a study whose every point failed still gets its report.

    Args:
        axes: The varied parameters, in the order used by :func:`sobol_points`.
        table: The study's results (pandas DataFrame).
        metric_columns: Names of the metric columns to analyse.
        n_base: Saltelli's base sample size N (a power of 2).
        second_order: Whether the design includes second-order points.
        confidence: Level of the bootstrap confidence interval (0 < level < 1);
            the ``"... confidence"`` columns are its half-widths, as SALib's
            ``analyze.sobol.analyze`` returns them (``S1_conf``, ``ST_conf``).
        seed: Seed of the bootstrap resampling (None: not reproducible).

    Returns:
        :class:`SobolIndices` ``(indices, reasons, second_order)``.
    """
    import warnings

    from SALib.analyze import sobol as sobol_analyze

    axes = _check_axes(axes)
    n = _check_n_base(n_base)
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        raise StudyError(f"confidence = {confidence!r} must be a number in (0, 1)")
    if not 0.0 < float(confidence) < 1.0:
        raise StudyError(
            f"confidence = {confidence!r} must be in (0, 1), e.g. 0.95 for a 95 % "
            f"interval"
        )
    if isinstance(metric_columns, str):
        metric_columns = [metric_columns]
    metric_columns = list(metric_columns)
    if not isinstance(table, pd.DataFrame):
        raise StudyError(f"the results table must be a pandas DataFrame, got {table!r}")
    needed = ["point", *(a.name for a in axes), *metric_columns]
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise StudyError(
            f"the results table has no column(s) {missing}; it has "
            f"{list(table.columns)}"
        )
    table = table.sort_values("point", kind="stable").reset_index(drop=True)
    expected = saltelli_count(len(axes), n, second_order)
    if len(table) != expected:
        form = "N(2D + 2)" if second_order else "N(D + 2)"
        raise StudyError(
            f"a Sobol' table with D = {len(axes)} parameters and n_base = N = {n} "
            f"needs {form} = {expected} rows (second_order = {bool(second_order)}), "
            f"got {len(table)}"
        )
    X = table[[a.name for a in axes]].to_numpy(dtype=float)
    _check_saltelli_order(axes, X, n, bool(second_order))
    ok = (
        table["status"].astype(str).eq("ok").to_numpy()
        if "status" in table.columns
        else np.ones(len(table), dtype=bool)
    )
    problem = _problem(axes)
    rows, second_rows, reasons = [], [], {}
    for metric in metric_columns:
        y = pd.to_numeric(table[metric], errors="coerce").to_numpy(dtype=float)
        good = ok & np.isfinite(y)
        if not good.all():
            n_failed = int((~ok).sum())
            n_nan = int((ok & ~np.isfinite(y)).sum())
            parts = []
            if n_failed:
                parts.append(f"{n_failed} failed")
            if n_nan:
                parts.append(f"{n_nan} with a NaN/inf value")
            reasons[metric] = (
                f"{' and '.join(parts)} of {len(y)} points: Saltelli's estimators "
                f"need every point, so no Sobol' indices (nothing is imputed; "
                f"rerun the failed points or widen what the model accepts)"
            )
            continue
        if np.ptp(y) <= 1e-12 * max(1.0, float(np.abs(y).max())):
            reasons[metric] = (
                f"constant over all {len(y)} points ({y[0]:.4g}): no variance "
                f"to apportion, Sobol' indices are undefined"
            )
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            result = sobol_analyze.analyze(
                problem,
                y,
                calc_second_order=bool(second_order),
                conf_level=float(confidence),
                print_to_console=False,
                seed=None if seed is None else np.random.default_rng(seed),
            )
        for j, a in enumerate(axes):
            rows.append(
                (
                    metric,
                    a.name,
                    float(result["S1"][j]),
                    float(result["S1_conf"][j]),
                    float(result["ST"][j]),
                    float(result["ST_conf"][j]),
                )
            )
        if second_order:
            for j in range(len(axes)):
                for k in range(j + 1, len(axes)):
                    second_rows.append(
                        (
                            metric,
                            axes[j].name,
                            axes[k].name,
                            float(result["S2"][j, k]),
                            float(result["S2_conf"][j, k]),
                        )
                    )
    return SobolIndices(
        pd.DataFrame(rows, columns=list(INDEX_COLUMNS)),
        reasons,
        pd.DataFrame(second_rows, columns=list(SECOND_ORDER_COLUMNS)),
    )


def sensitivity_figure(indices):
    """Grouped bar chart of Sobol' indices: one panel per metric, S1 and ST
    side by side for every parameter, the confidence half-widths as error bars.

    Args:
        indices: The ``indices`` DataFrame of :func:`sobol_indices` (or the
            whole :class:`SobolIndices`, whose reasons are then noted for the
            metrics without indices).

    Returns:
        A :class:`matplotlib.figure.Figure` (not saved).
    """
    from matplotlib.figure import Figure

    reasons = {}
    if isinstance(indices, SobolIndices):
        reasons = indices.reasons
        indices = indices.indices
    if not isinstance(indices, pd.DataFrame):
        raise StudyError(
            f"indices must be a DataFrame of Sobol' indices, got {indices!r}"
        )
    missing = [c for c in INDEX_COLUMNS if c not in indices.columns]
    if missing:
        raise StudyError(f"the Sobol' indices have no column(s) {missing}")
    metrics = list(dict.fromkeys(indices["metric"]))
    if not metrics:
        fig = Figure(figsize=(6.4, 3.2), layout="constrained")
        ax = fig.add_subplot()
        note = "no Sobol' indices"
        if reasons:
            note += ":\n" + "\n".join(f"{m}: {r}" for m, r in reasons.items())
        ax.text(
            0.5,
            0.5,
            note,
            ha="center",
            va="center",
            wrap=True,
            fontsize=8,
            transform=ax.transAxes,
        )
        ax.set_xticks([])
        ax.set_xlabel("Parameter")
        ax.set_ylabel("Sobol index [-]")
        return fig
    n_params = max(len(indices[indices["metric"] == m]) for m in metrics)
    width = max(6.4, 1.1 * n_params + 2.0)
    fig = Figure(figsize=(width, 3.4 * len(metrics)), layout="constrained")
    axs = fig.subplots(len(metrics), 1, squeeze=False)[:, 0]
    for ax, metric in zip(axs, metrics, strict=True):
        rows = indices[indices["metric"] == metric]
        x = np.arange(len(rows))
        w = 0.38
        ax.bar(
            x - w / 2,
            rows["S1"],
            w,
            yerr=rows["S1 confidence"],
            capsize=3,
            label="S1 (first order)",
            color="tab:blue",
        )
        ax.bar(
            x + w / 2,
            rows["ST"],
            w,
            yerr=rows["ST confidence"],
            capsize=3,
            label="ST (total)",
            color="tab:orange",
        )
        ax.axhline(0.0, color="0.5", lw=0.6)
        ax.set_xticks(x, list(rows["parameter"]), rotation=15, ha="right", fontsize=8)
        ax.set_xlabel("Parameter")
        ax.set_ylabel("Sobol index [-]")
        ax.set_title(metric, fontsize=10)
        ax.legend(frameon=False, fontsize=8)
    missing_metrics = [m for m in reasons if m not in metrics]
    if missing_metrics:
        fig.suptitle(
            "no indices for: " + "; ".join(missing_metrics), fontsize=8, color="0.3"
        )
    return fig
