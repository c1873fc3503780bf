"""Sobol' sampling and indices (sim.studies.sensitivity), checked on the
Ishigami function, whose indices are known analytically."""

import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from sim.studies.axes import Axis, StudyError, axis_from_table
from sim.studies.sensitivity import (
    INDEX_COLUMNS,
    saltelli_count,
    sensitivity_figure,
    sobol_indices,
    sobol_points,
)

PI = math.pi
X = [Axis(f"x{i} [-]", None, -PI, PI, "linear", "uniform") for i in (1, 2, 3)]
DUMMY = Axis("dummy [m]", None, 1.0, 2.0, "linear", "uniform")
METRIC = "Ishigami [-]"

# Ishigami (a = 7, b = 0.1): analytic first-order and total indices
S1_EXACT = [0.3139, 0.4424, 0.0]
ST_EXACT = [0.5576, 0.4424, 0.2437]


def ishigami(p, a=7.0, b=0.1):
    x1, x2, x3 = p["x1 [-]"], p["x2 [-]"], p["x3 [-]"]
    return math.sin(x1) + a * math.sin(x2) ** 2 + b * x3**4 * math.sin(x1)


def results(points, **metrics):
    """A study table: point, the axis columns, metrics, status, reason, seconds."""
    table = pd.DataFrame(points)
    table.insert(0, "point", np.arange(len(points)))
    for name, f in metrics.items():
        table[name] = [f(p) for p in points]
    table["status"] = "ok"
    table["reason"] = ""
    table["seconds"] = 0.01
    return table


@pytest.fixture(scope="module")
def ishigami_table():
    points = sobol_points(X + [DUMMY], 1024, seed=7)
    return results(points, **{METRIC: ishigami})


def test_point_count_and_bounds():
    points = sobol_points(X, 8, seed=1)
    assert len(points) == saltelli_count(3, 8) == 8 * 5
    assert len(sobol_points(X, 8, seed=1, second_order=True)) == 8 * 8
    assert set(points[0]) == {a.name for a in X}
    values = np.array([[p[a.name] for a in X] for p in points])
    assert values.min() >= -PI and values.max() <= PI
    # reproducible with a seed
    assert sobol_points(X, 8, seed=1) == points


def test_ishigami_indices_match_the_analytic_values(ishigami_table, tmp_path):
    # through Parquet and shuffled, as a study's results are read back
    path = tmp_path / "results.parquet"
    ishigami_table.sample(frac=1.0, random_state=0).to_parquet(path)
    table = pd.read_parquet(path)
    indices, reasons, second = sobol_indices(X + [DUMMY], table, [METRIC], 1024, seed=3)
    assert reasons == {}
    assert second.empty
    assert list(indices.columns) == list(INDEX_COLUMNS)
    assert list(indices["parameter"]) == [a.name for a in X + [DUMMY]]
    rows = indices.set_index("parameter")
    for a, s1, st in zip(X, S1_EXACT, ST_EXACT, strict=True):
        assert rows.loc[a.name, "S1"] == pytest.approx(s1, abs=0.05)
        assert rows.loc[a.name, "ST"] == pytest.approx(st, abs=0.05)
        assert 0 < rows.loc[a.name, "S1 confidence"] < 0.1
        assert 0 < rows.loc[a.name, "ST confidence"] < 0.1
    # the fourth parameter is ignored by the function
    assert abs(rows.loc[DUMMY.name, "S1"]) < 0.05
    assert abs(rows.loc[DUMMY.name, "ST"]) < 0.05


def test_second_order_indices():
    points = sobol_points(X, 512, seed=11, second_order=True)
    table = results(points, **{METRIC: ishigami})
    indices, reasons, second = sobol_indices(
        X, table, [METRIC], 512, second_order=True, seed=2
    )
    assert reasons == {} and len(indices) == 3
    pairs = second.set_index(["parameter 1", "parameter 2"])["S2"]
    assert pairs[("x1 [-]", "x3 [-]")] == pytest.approx(0.2437, abs=0.08)
    assert abs(pairs[("x1 [-]", "x2 [-]")]) < 0.08


def test_wider_confidence_at_a_higher_level(ishigami_table):
    at = {
        level: sobol_indices(
            X + [DUMMY], ishigami_table, [METRIC], 1024, confidence=level, seed=3
        ).indices
        for level in (0.5, 0.99)
    }
    wide, narrow = at[0.99]["ST confidence"], at[0.5]["ST confidence"]
    assert (wide.iloc[:3] > narrow.iloc[:3]).all()
    # the ignored parameter: ST is exactly 0 (AB equals A), and so is its spread
    assert wide.iloc[3] == narrow.iloc[3] == 0.0


def test_log_axis_is_sampled_uniformly_in_log_space():
    radius = axis_from_table(
        {
            "name": "Sb quantum dot radius [m]",
            "distribution": "loguniform",
            "low": 1e-9,
            "high": 1e-7,
        }
    )
    listed = axis_from_table(
        {"name": "Particle radius [m]", "values": [1e-8, 3e-7, 1e-6], "scale": "log"}
    )
    points = sobol_points([radius, listed], 256, seed=5)
    r = np.log10([p[radius.name] for p in points])
    assert r.min() >= -9 - 1e-12 and r.max() <= -7 + 1e-12
    assert np.quantile(r, [0.25, 0.5, 0.75]) == pytest.approx(
        [-8.5, -8.0, -7.5], abs=0.05
    )
    # a values list is sampled over its [low, high] range with its scale
    q = np.log10([p[listed.name] for p in points])
    assert q.min() >= -8 - 1e-12 and q.max() <= -6 + 1e-12
    assert np.median(q) == pytest.approx(-7.0, abs=0.05)


def test_normal_axis_follows_its_distribution():
    axis = axis_from_table(
        {"name": "Temperature [K]", "distribution": "normal", "mean": 300.0, "std": 5.0}
    )
    t = np.array([p[axis.name] for p in sobol_points([axis], 512, seed=0)])
    assert t.mean() == pytest.approx(300.0, abs=0.3)
    assert t.std() == pytest.approx(5.0, rel=0.05)


@pytest.mark.parametrize("n_base", [1000, 3, 0, -8, 2.0, True, "512"])
def test_n_base_must_be_a_power_of_two(n_base):
    with pytest.raises(StudyError, match="power of 2"):
        sobol_points(X, n_base, seed=0)


def test_n_base_message_gives_the_nearest_powers():
    with pytest.raises(StudyError, match="512 or 1024"):
        sobol_points(X, 1000, seed=0)
    table = results(sobol_points(X, 8, seed=0), **{METRIC: ishigami})
    with pytest.raises(StudyError, match="4 or 8"):
        sobol_indices(X, table, [METRIC], 6)


def test_categorical_axis_is_refused():
    cathode = axis_from_table({"name": "Electrolyte", "values": ["PPSE", "CNCSE"]})
    with pytest.raises(StudyError, match="categories"):
        sobol_points([X[0], cathode], 8, seed=0)


def test_failed_points_give_no_indices_for_that_metric_with_a_reason():
    points = sobol_points(X, 64, seed=4)
    table = results(
        points, **{METRIC: ishigami, "x1 twice [-]": lambda p: 2 * p["x1 [-]"]}
    )
    # three points give no value of the second metric
    table.loc[[3, 50, 100], "x1 twice [-]"] = np.nan
    indices, reasons, _ = sobol_indices(X, table, [METRIC, "x1 twice [-]"], 64)
    assert set(indices["metric"]) == {METRIC}
    assert set(reasons) == {"x1 twice [-]"}
    assert "3 with a NaN" in reasons["x1 twice [-]"]
    assert "of 320 points" in reasons["x1 twice [-]"]
    # failed points (status) break every metric; nothing is raised
    table.loc[[7], "status"] = "failed"
    table.loc[[7], [METRIC, "x1 twice [-]"]] = np.nan
    indices, reasons, _ = sobol_indices(X, table, [METRIC, "x1 twice [-]"], 64)
    assert indices.empty and list(indices.columns) == list(INDEX_COLUMNS)
    assert "1 failed" in reasons[METRIC]
    assert "1 failed and 3 with a NaN" in reasons["x1 twice [-]"]


def test_constant_metric_has_a_reason():
    table = results(sobol_points(X, 16, seed=4), **{"flat [V]": lambda p: 3.0})
    indices, reasons, _ = sobol_indices(X, table, ["flat [V]"], 16)
    assert indices.empty and "constant" in reasons["flat [V]"]


def test_table_must_have_saltelli_size_and_order():
    table = results(sobol_points(X, 16, seed=4), **{METRIC: ishigami})
    with pytest.raises(StudyError, match="N\\(D \\+ 2\\) = 80 rows"):
        sobol_indices(X, table.iloc[:-1], [METRIC], 16)
    with pytest.raises(StudyError, match="N\\(2D \\+ 2\\) = 128"):
        sobol_indices(X, table, [METRIC], 16, second_order=True)
    swapped = table.copy()
    swapped.loc[[0, 1], "point"] = [1, 0]
    with pytest.raises(StudyError, match="Saltelli's order"):
        sobol_indices(X, swapped, [METRIC], 16)
    with pytest.raises(StudyError, match="no column"):
        sobol_indices(X, table, ["Capacity [mA.h]"], 16)
    with pytest.raises(StudyError, match="confidence"):
        sobol_indices(X, table, [METRIC], 16, confidence=95)


def test_sensitivity_figure(ishigami_table):
    result = sobol_indices(X + [DUMMY], ishigami_table, [METRIC], 1024, seed=3)
    fig = sensitivity_figure(result.indices)
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    assert ax.get_ylabel() == "Sobol index [-]"
    assert ax.get_title() == METRIC
    assert len(ax.patches) == 2 * 4  # S1 and ST for every parameter
    assert [t.get_text() for t in ax.get_xticklabels()] == [a.name for a in X + [DUMMY]]
    # no indices at all: a figure that says why
    empty = sobol_indices(
        X,
        results(sobol_points(X, 4, seed=0), **{"flat [V]": lambda p: 1.0}),
        ["flat [V]"],
        4,
    )
    fig = sensitivity_figure(empty)
    assert "constant" in " ".join(t.get_text() for t in fig.axes[0].texts)
