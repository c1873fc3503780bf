"""Tests of the experiment harness in :mod:`sim.harness` and CSV helpers."""

import csv
import io
import math
import re
import runpy
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

from sim import DataError, ProtocolError, harness
from sim.harness import (
    COMPARISON_COLUMNS,
    Comparison,
    ExperimentResult,
    register,
    registered,
    run,
)
from sim.io import read_csv, write_csv

plt.switch_backend("Agg")

TIME = [0.0, 0.5, 1.0 / 3.0]
VOLTAGE = [1.2, 0.812345678901, 0.01]


def fake_result():
    """Return a result with 3 curve columns, a figure and two comparisons."""
    fig, ax = plt.subplots()
    ax.plot(TIME, VOLTAGE)
    return ExperimentResult(
        curves={
            "Time [h]": TIME,
            "Voltage [V]": VOLTAGE,
            "Material": ["SbQD@C", "SbQD@C", "bulk Sb"],
        },
        figures={"figure.png": fig},
        comparisons=[
            Comparison("end voltage", 0.0, VOLTAGE[-1], "V", 0.05, "Fig. 1"),
            Comparison("start voltage", 1.0, VOLTAGE[0], "V", "10%", "Fig. 1"),
        ],
        tables={"extra.csv": {"Rate [C]": [0.1, 1.0]}},
        notes="The start voltage is high because of an assumed OCP.",
    )


@pytest.fixture
def registry():
    """A test-local experiment registry with a fake and a failing experiment."""
    reg = {}

    @register("fake", title="Fake paper, Fig. 1", source="Fake2024", registry=reg)
    def fake(progress):
        progress(0.5, "half way")
        return fake_result()

    @register("broken", title="Broken paper", source="Broken2024", registry=reg)
    def broken(progress):
        progress(0.4, "cycle 2/5")
        plt.subplots()
        raise ProtocolError("cycle 3 failed: voltage cut-off reached at once")

    return reg


def test_run_writes_curves_figures_tables_and_comparisons(registry, tmp_path):
    out = tmp_path / "results"
    stream = io.StringIO()
    outcome = run(["fake"], out, stream=stream, registry=registry)

    assert outcome.completed == ["fake"] and outcome.failed == {}
    assert [r["experiment"] for r in outcome.rows] == ["fake", "fake"]
    assert [r["pass"] for r in outcome.rows] == ["yes", "no"]

    curves = read_csv(out / "fake" / "curves.csv")
    assert list(curves) == ["Time [h]", "Voltage [V]", "Material"]
    np.testing.assert_allclose(curves["Time [h]"], TIME, rtol=1e-9)
    np.testing.assert_allclose(curves["Voltage [V]"], VOLTAGE, rtol=1e-9)
    assert curves["Material"] == ["SbQD@C", "SbQD@C", "bulk Sb"]
    assert (out / "fake" / "figure.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    np.testing.assert_allclose(
        read_csv(out / "fake" / "extra.csv")["Rate [C]"], [0.1, 1]
    )

    with (out / "comparison.csv").open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == COMPARISON_COLUMNS
    assert [r["pass"] for r in rows] == ["yes", "no"]
    assert rows[0]["simulated"] == "0.01"
    assert rows[0]["tolerance"] == "±0.05"
    assert rows[1]["tolerance"] == "±10%"
    assert rows[1]["experiment"] == "fake"

    report = (out / "comparison.md").read_text()
    assert "## Fake paper, Fig. 1 (`fake`)" in report
    assert "The start voltage is high" in report
    assert "1 of 2 reported numbers reproduced within tolerance" in report
    assert "| " + " | ".join(COMPARISON_COLUMNS) + " |" in report
    assert "Experiments with no results in this folder: `broken`" in report

    log = stream.getvalue()
    assert "[fake]  50% half way (" in log
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "comparison.csv",
        "comparison.md",
        "failures.json",
        "fake",
        "index.html",
    ]
    assert sorted(p.name for p in (out / "fake").iterdir()) == [
        "comparison.csv",
        "curves.csv",
        "extra.csv",
        "figure.png",
        "notes.md",
        "run.json",
    ]
    assert plt.get_fignums() == []


def test_rerun_replaces_experiment_folder(registry, tmp_path):
    stale = tmp_path / "fake" / "stale.txt"
    stale.parent.mkdir()
    stale.write_text("old")
    run(["fake"], tmp_path, stream=io.StringIO(), registry=registry)
    assert not stale.exists()
    assert (tmp_path / "fake" / "curves.csv").exists()
    hidden = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert hidden == [".sim-reproduce.lock"]


def test_failing_experiment_leaves_no_output_and_is_reported(registry, tmp_path):
    out = tmp_path / "out"
    stream = io.StringIO()
    outcome = run(["broken"], out, stream=stream, registry=registry)
    assert outcome.failed == {
        "broken": "cycle 3 failed: voltage cut-off reached at once"
    }
    assert not (out / "broken").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".tmp")]
    log = stream.getvalue()
    assert "[broken]  40% cycle 2/5" in log
    assert "error: [broken] failed: cycle 3 failed" in log
    report = (out / "comparison.md").read_text()
    assert "`broken`: cycle 3 failed: voltage cut-off reached at once" in report
    plt.close("all")


def test_failure_does_not_stop_the_others(registry, tmp_path):
    outcome = run(["broken", "fake"], tmp_path, stream=io.StringIO(), registry=registry)
    assert outcome.completed == ["fake"] and list(outcome.failed) == ["broken"]
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert names == [
        "comparison.csv",
        "comparison.md",
        "failures.json",
        "fake",
        "index.html",
    ]
    with (tmp_path / "comparison.csv").open(newline="") as f:
        assert [r["experiment"] for r in csv.DictReader(f)] == ["fake", "fake"]
    plt.close("all")


def test_unknown_name_raises_before_anything_is_written(registry, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(ProtocolError) as info:
        run(["fake", "fkae2"], out, stream=io.StringIO(), registry=registry)
    message = str(info.value)
    assert "'fkae2'" in message
    assert "fake, broken" in message
    assert not out.exists()


def test_all_experiments_run_when_names_is_none(tmp_path):
    reg = {}
    for name in ["a", "b"]:
        register(name, title=f"Title {name}", source="S", registry=reg)(
            lambda progress: fake_result()
        )
    outcome = run(None, tmp_path, stream=io.StringIO(), registry=reg)
    assert [r["experiment"] for r in outcome.rows] == ["a", "a", "b", "b"]
    report = (tmp_path / "comparison.md").read_text()
    assert "no results in this folder" not in report
    assert "2 of 4 reported numbers" in report


def test_empty_registry_is_a_protocol_error(tmp_path):
    with pytest.raises(ProtocolError, match="no experiments"):
        run(None, tmp_path, registry={})


def _bad_result(kind):
    result = fake_result()
    if kind == "no figure":
        result.figures = {"other.png": result.figures["figure.png"]}
    elif kind == "ragged":
        result.curves["Time [h]"] = [0.0]
    elif kind == "no unit":
        result.curves = {"Material": ["a"]}
    return result


@pytest.mark.parametrize("kind", ["no figure", "ragged", "no unit"])
def test_invalid_result_is_a_failure_of_that_experiment(kind, tmp_path):
    reg = {}
    register("bad", title="Bad", source="S", registry=reg)(lambda p: _bad_result(kind))
    outcome = run(["bad"], tmp_path, stream=io.StringIO(), registry=reg)
    assert outcome.failed["bad"].startswith("ValueError: ")
    assert "'bad'" in outcome.failed["bad"]
    assert not (tmp_path / "bad").exists()


def test_duplicate_registration_raises():
    reg = {}
    register("x", title="X", source="S", registry=reg)(lambda p: None)
    with pytest.raises(ValueError, match="registered twice"):
        register("x", title="X", source="S", registry=reg)(lambda p: None)
    assert list(registered(reg)) == ["x"]


def test_discover_imports_every_module(tmp_path, monkeypatch):
    package = tmp_path / "fake_experiments_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name in ["one", "two"]:
        (package / f"paper_{name}.py").write_text(
            "from sim.harness import register\n"
            f"@register('exp_{name}', title='{name}', source='S')\n"
            "def fn(progress):\n"
            "    return None\n"
        )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(harness.registry, "_REGISTRY", {})
    try:
        modules = harness.discover("fake_experiments_pkg")
        assert sorted(modules) == [
            "fake_experiments_pkg.paper_one",
            "fake_experiments_pkg.paper_two",
        ]
        assert sorted(registered()) == ["exp_one", "exp_two"]
    finally:
        for mod in [m for m in sys.modules if m.startswith("fake_experiments_pkg")]:
            del sys.modules[mod]


@pytest.mark.parametrize(
    ("reported", "simulated", "tolerance", "passed", "tol_text"),
    [
        (1.0, 1.04, 0.05, True, "±0.05"),
        (1.0, 1.06, 0.05, False, "±0.05"),
        (200.0, 181.0, "10%", True, "±10%"),
        (200.0, 179.0, "10%", False, "±10%"),
        (-200.0, -219.0, "10%", True, "±10%"),
        (0.05, 0.074, "x1.5", True, "×/÷1.5"),
        (0.05, 0.034, "x1.5", True, "×/÷1.5"),
        (0.05, 0.076, "x1.5", False, "×/÷1.5"),
        (0.05, 0.033, "x1.5", False, "×/÷1.5"),
        (0.05, -0.05, "x1.5", False, "×/÷1.5"),
        (1.0, math.nan, 0.05, False, "±0.05"),
        (1.0, "n/a", 0.05, False, "±0.05"),
        ("capacity fades", True, None, True, "claim"),
        ("capacity fades", False, None, False, "claim"),
        ("order A > B", "order a > b", None, True, "claim"),
        ("order A > B", "order B > A", None, False, "claim"),
    ],
)
def test_comparison_passed(reported, simulated, tolerance, passed, tol_text):
    c = Comparison("q", reported, simulated, "-", tolerance, "Fig. 1", "e")
    assert c.passed is passed
    row = c.as_row()
    assert tuple(row) == COMPARISON_COLUMNS
    assert row["tolerance"] == tol_text
    assert row["pass"] == ("yes" if passed else "no")


def test_summary_counts_predictions_apart():
    rows = [
        Comparison("a", 1.0, 1.0, "-", 0.1, "s"),
        Comparison("b", 1.0, 1.0, "-", 0.1, "s", basis="fitted"),
        Comparison("c", 1.0, 2.0, "-", 0.1, "s"),
    ]
    assert harness.summary_line(rows) == (
        "2 of 3 reported numbers reproduced within tolerance (1 of 2 predictions)"
    )
    assert rows[1].as_row()["basis"] == "fitted"
    with pytest.raises(ValueError, match="basis"):
        Comparison("d", 1.0, 1.0, "-", 0.1, "s", basis="guessed")


def test_comparison_formats_numbers_with_four_significant_digits():
    row = Comparison("q", 123.456789, 0.000123456, "mA.h.g-1", 1, "src").as_row()
    assert row["reported"] == "123.5"
    assert row["simulated"] == "0.0001235"
    assert row["tolerance"] == "±1"


@pytest.mark.parametrize(
    ("reported", "simulated", "tolerance"),
    [
        (1.0, 1.0, "ten percent"),
        (1.0, 1.0, -0.1),
        ("claim", 1.0, 0.1),
        (1, 2.0, None),
        (1.0, 1.0, "x0.5"),
    ],
)
def test_comparison_rejects_inconsistent_tolerance(reported, simulated, tolerance):
    with pytest.raises(ValueError):
        Comparison("q", reported, simulated, "-", tolerance, "src")


def test_csv_round_trip_keeps_precision(tmp_path):
    path = tmp_path / "c.csv"
    values = [1.0 / 3.0, 2.0e-12, -7.5e5]
    write_csv(path, {"X [m]": values, "Label": ["a", "b,c", "d"], "N [-]": [1, 2, 3]})
    data = read_csv(path)
    np.testing.assert_allclose(data["X [m]"], values, rtol=1e-9)
    assert data["Label"] == ["a", "b,c", "d"]
    np.testing.assert_array_equal(data["N [-]"], [1, 2, 3])


def test_write_csv_rejects_unequal_columns(tmp_path):
    with pytest.raises(ValueError, match="different lengths"):
        write_csv(tmp_path / "c.csv", {"a [m]": [1, 2], "b [m]": [1]})


def test_read_csv_keeps_junk_column_as_strings(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("x [m],y [m]\n1,2\n3,oops\n")
    data = read_csv(path)
    np.testing.assert_array_equal(data["x [m]"], [1.0, 3.0])
    assert data["y [m]"] == ["2", "oops"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "does not exist"),
        ("", "empty"),
        ("a [m],b [m]\n1,2\n3\n", "line 3 has 1 values"),
        ("a [m],a [m]\n1,2\n", "duplicate"),
    ],
)
def test_read_csv_reports_broken_files(tmp_path, content, problem):
    path = tmp_path / "broken.csv"
    if content is not None:
        path.write_text(content)
    with pytest.raises(DataError) as info:
        read_csv(path)
    assert problem in str(info.value)
    assert str(path) in str(info.value)


def test_readme_example_experiment_runs(tmp_path, monkeypatch):
    readme = Path(__file__).resolve().parents[2] / "README.md"
    text = readme.read_text(encoding="utf-8")
    section = text.split("## Adding an experiment", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.setattr(harness.registry, "_REGISTRY", {})
    module = tmp_path / "readme_example.py"
    module.write_text(code, encoding="utf-8")
    runpy.run_path(str(module))
    module.unlink()
    outcome = run(None, tmp_path, stream=io.StringIO())
    assert [(r["quantity"], r["pass"]) for r in outcome.rows] == [
        ("end voltage", "yes"),
        ("voltage falls", "yes"),
    ]
    curves = read_csv(tmp_path / "example2024_fig1" / "curves.csv")
    np.testing.assert_allclose(curves["Voltage [V]"], [1.5, 0.8, 0.01])


def test_outputs_get_ordinary_permissions(registry, tmp_path):
    """Regression: tempfile made results 0600 files in 0700 folders."""
    import os

    old = os.umask(0o022)
    try:
        harness.run(["fake"], tmp_path, registry=registry, stream=io.StringIO())
    finally:
        os.umask(old)
    assert (tmp_path / "fake").stat().st_mode & 0o777 == 0o755
    for f in ("comparison.csv", "comparison.md", "fake/curves.csv"):
        assert (tmp_path / f).stat().st_mode & 0o777 == 0o644


def test_parallel_runs_start_the_longest_experiments_first(tmp_path):
    from sim.harness.runner import longest_first

    reg = {}
    for name, cost in (("quick", 0), ("long", 50), ("middle", 10), ("unknown", 0)):
        register(name, title=name, source="S", cost=cost, registry=reg)(lambda p: None)
    exps = list(reg.values())
    assert [e.name for e in longest_first(exps, tmp_path)] == [
        "long",
        "middle",
        "quick",
        "unknown",
    ]
    # a previous run's measured time in the output folder replaces the hint
    (tmp_path / "quick").mkdir()
    (tmp_path / "quick" / "run.json").write_text('{"seconds": 99.0}')
    (tmp_path / "middle").mkdir()
    (tmp_path / "middle" / "run.json").write_text("not json")  # ignored: the hint
    assert [e.name for e in longest_first(exps, tmp_path)][:3] == [
        "quick",
        "long",
        "middle",
    ]
    with pytest.raises(ValueError, match="cost"):
        register("bad", title="B", source="S", cost=-1, registry=reg)


def test_each_experiment_reports_its_peak_memory(registry, tmp_path):
    import mmap

    import numpy as np

    from sim.harness import memory

    stream = io.StringIO()
    memory.reset_peak()
    base = memory.peak_gb()
    # 50 MB of new pages (an anonymous map: numpy could reuse heap pages a
    # previous test in this process left resident, which would not raise it)
    block = mmap.mmap(-1, 50 * 1024**2)
    np.frombuffer(block, dtype=np.uint8)[:] = 1
    assert memory.peak_gb() >= base + 0.04
    block.close()
    outcome = run(["fake"], tmp_path, stream=stream, registry=registry)
    assert 0 < outcome.peak_gb["fake"] < 24
    assert re.search(
        r"\[fake\] done in [0-9.]+ s, peak memory [0-9.]+ GB", stream.getvalue()
    )


def test_experiments_of_one_module_share_a_worker(tmp_path):
    from sim.harness.registry import Experiment
    from sim.harness.runner import work_groups

    def exp(name, module, cost):
        def fn(progress):
            return None

        fn.__module__ = module
        return Experiment(name, name, "S", fn, cost)

    exps = [exp("a1", "m.a", 5), exp("b", "m.b", 8), exp("a2", "m.a", 4)]
    groups = work_groups(exps, tmp_path)
    # m.a (5 + 4 s) before m.b (8 s); within a module, registration order
    assert [[e.name for e in g] for g in groups] == [["a1", "a2"], ["b"]]
