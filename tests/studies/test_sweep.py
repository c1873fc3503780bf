"""A sweep gives the numbers single runs give, records every point once (with
failures and their reasons), survives a SIGKILL, and gives the same table on
Dask as in this process."""

import io
import math
import os
import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest

from sim.protocols import simulate
from sim.studies.axes import StudyError
from sim.studies.sampling import study_points
from sim.studies.spec import Study
from sim.studies.store import read_parts
from sim.studies.sweep import sweep


def _quiet():
    return open(os.devnull, "w")


def test_points_equal_single_runs_for_input_and_mesh_parameters(
    texts, write_study, tmp_path
):
    study = Study.from_file(write_study(texts.lfp))
    outcome = sweep(study, tmp_path / "out", stream=_quiet())
    # the interphase resistance is an input; the membrane thickness sets the mesh
    assert outcome.inputs == ("Lithium interphase resistance [Ohm.m2]",)
    (thickness,) = [n for n in outcome.notes if n.startswith("Electrolyte thickness")]
    assert "rebuilt per value" in thickness and "needed" in thickness
    table = outcome.table
    assert list(table["status"]) == ["ok"] * 4
    ps = study.parameter_set_object()
    protocol = study.make_protocol()
    for point, capacity in zip(
        study_points(study), table["capacity [A.h]"], strict=True
    ):
        single = simulate(study.make_model(), ps.updated(point).to_pybamm(), protocol)
        assert capacity == pytest.approx(single["Capacity [A.h]"][-1], rel=1e-4)
    # and the thickness matters (a test that could not tell the points apart
    # would pass trivially)
    caps = table["capacity [A.h]"].to_numpy()
    assert abs(caps[0] - caps[1]) > 1e-6 or abs(caps[0] - caps[2]) > 1e-6


def test_failures_are_recorded_with_reasons_none_lost_none_twice(
    texts, write_study, tmp_path
):
    text = texts.lfp.replace(
        "values = [0.002, 0.03]", "values = [0.002, -0.01, 0.03, 1e4]"
    ).replace(
        'column = "Capacity [A.h]"',
        'column = "Capacity [A.h]"\n\n[[metrics]]\nname = "x"\nkind = "final value"\n'
        'column = "No such column [V]"',
    )
    study = Study.from_file(write_study(text))
    outcome = sweep(study, tmp_path / "out", stream=_quiet())
    table = outcome.table
    assert sorted(table["point"]) == list(range(8))
    by_r = {
        r: table[table["Lithium interphase resistance [Ohm.m2]"] == r]
        for r in (0.002, -0.01, 0.03, 1e4)
    }
    # a negative resistance breaks its rule: both points fail, with the rule
    assert set(by_r[-0.01]["status"]) == {"failed"}
    assert all("Lithium interphase resistance" in s for s in by_r[-0.01]["reason"])
    # the impossible metric fails on every simulated point, the capacity stays
    good = by_r[0.002]
    assert all("No such column" in s for s in good["reason"])
    assert good["capacity [A.h]"].notna().all()
    # every point has a reason iff it failed
    for status, reason in zip(table["status"], table["reason"], strict=True):
        assert (status == "failed") == bool(reason)
    assert outcome.failed == (table["status"] == "failed").sum() == 8


def _parts_ids(folder):
    ids = []
    for part in sorted((folder / "points").glob("part-*.parquet")):
        ids += pq.read_table(part, columns=["point"])["point"].to_pylist()
    return ids


@pytest.mark.integration  # starts and kills processes (10-20 s)
def test_resume_after_sigkill_computes_each_point_exactly_once(
    texts, write_study, tmp_path
):
    path = write_study(texts.conductivity.format(n=10))
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "sim", "sweep", str(path), "--out", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while (
        len(_parts_ids(out)) < 6 and time.monotonic() < deadline and proc.poll() is None
    ):
        time.sleep(0.05)
    assert proc.poll() is None, "the sweep ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = _parts_ids(out)
    assert 6 <= len(before) < 20
    # without --resume the folder is refused, with it only the rest is computed
    study = Study.from_file(path)
    with pytest.raises(StudyError, match="add --resume"):
        sweep(study, out, stream=_quiet())
    # resumed here (`sim sweep --resume` calls the same; a second process
    # would add its ~6 s of imports)
    log = io.StringIO()
    sweep(study, out, resume=True, stream=log)
    assert f"{len(before)} already in" in log.getvalue()
    ids = _parts_ids(out)
    assert sorted(ids) == list(range(20))  # each point once, in the files
    # the resumed table equals an uninterrupted run
    fresh = sweep(study, tmp_path / "fresh", stream=_quiet()).table
    resumed = read_parts(out / "points")
    col = "conductivity at 60 C [S.cm-1]"
    assert list(resumed[col]) == pytest.approx(list(fresh[col]), rel=1e-12)
    assert (out / "summary.md").is_file()


@pytest.mark.integration  # starts a local Dask cluster (10-20 s)
def test_dask_local_cluster_gives_the_in_process_table(texts, write_study, tmp_path):
    study = Study.from_file(write_study(texts.conductivity.format(n=4)))
    here = sweep(study, tmp_path / "here", stream=_quiet()).table
    there = sweep(study, tmp_path / "dask", workers=2, stream=_quiet()).table
    col = "conductivity at 60 C [S.cm-1]"
    assert list(there["point"]) == list(here["point"])
    assert list(there[col]) == list(here[col])  # identical, not merely close
    assert there["worker"].nunique() == 2
    assert all(math.isfinite(v) for v in here[col])


SOBOL_STUDY = """
[study]
name = "CPCSE conductivity, Sobol"
model = "SymmetricLithiumCell"
parameter_set = "CPCSE"

[protocol]
type = "ElectrolyteConductivity"
temperatures_c = [60.0]

[sampling]
method = "sobol"
points = 8
seed = 2

[[parameters]]
name = "Filler loading [wt%]"
distribution = "uniform"
low = 0.5
high = 6.0

[[parameters]]
name = "Thermodynamic factor"
distribution = "uniform"
low = 1.0
high = 3.0

[[metrics]]
name = "conductivity at 60 C"
kind = "conductivity"
temperature_c = 60.0
"""


def test_sobol_index_of_a_parameter_that_does_not_enter_the_metric_is_zero(
    write_study, tmp_path
):
    # the thermodynamic factor enters the salt transport, not the conductivity
    study = Study.from_file(write_study(SOBOL_STUDY))
    outcome = sweep(study, tmp_path / "out", sensitivity="sobol", stream=_quiet())
    assert len(outcome.table) == 8 * (2 + 2)
    idx = outcome.indices.set_index("parameter")
    assert abs(idx.loc["Thermodynamic factor", "ST"]) < 1e-9
    assert abs(idx.loc["Thermodynamic factor", "S1"]) < 1e-9
    assert idx.loc["Filler loading [wt%]", "ST"] > 0.5
    assert (tmp_path / "out" / "sensitivity.csv").is_file()
    assert (tmp_path / "out" / "sensitivity.png").is_file()
    # the confidence intervals are reproducible: bootstrapped with the study's seed
    import numpy as np
    import pandas as pd

    from sim.studies.sensitivity import sobol_indices

    stored = pd.read_csv(tmp_path / "out" / "sensitivity.csv")
    metric_columns = [m.column for m in study.metrics()]
    again = sobol_indices(
        study.axes, outcome.table, metric_columns, study.points, seed=study.seed
    ).indices
    conf = [c for c in stored.columns if "confidence" in c]
    assert conf
    np.testing.assert_allclose(stored[conf].to_numpy(), again[conf].to_numpy())


def test_cli_refuses_a_broken_study_and_writes_nothing(tmp_path, write_study):
    from sim.cli import main

    bad = write_study("[study]\nname = 'x'\nmodel = 'DFN'\n")
    out = tmp_path / "never"
    assert main(["sweep", str(bad), "--out", str(out)]) == 2
    assert not out.exists()
    assert main(["sweep", str(tmp_path / "none.toml"), "--out", str(out)]) == 2
    assert not out.exists()


LOCAL_STUDY = """
[study]
name = "LFP local"
model = "LFPSolidStateCell"
parameter_set = "Li|CPCSE|LFP"

[protocol]
type = "ExperimentSteps"
steps = ["Discharge at 1C until 2.5 V"]

[[parameters]]
name = "LFP theoretical capacity [mA.h.g-1]"
range = [150.0, 170.0]
points = 2

[[parameters]]
name = "Cation transference number"
range = [0.4, 0.8]
points = 2

[[metrics]]
name = "current"
kind = "final value"
column = "Current [A]"

[[metrics]]
name = "capacity"
kind = "capacity"
per = "cell"
"""


def test_local_elasticities_of_an_exact_proportionality(write_study, tmp_path):
    # the 1C current is theoretical capacity x LFP mass / 1 h: elasticity 1
    # exactly; t+ changes the voltage, not the set current: elasticity 0
    study = Study.from_file(write_study(LOCAL_STUDY))
    outcome = sweep(study, tmp_path / "out", sensitivity="local", stream=_quiet())
    assert len(outcome.table) == 5
    idx = outcome.indices.set_index(["metric", "parameter"])
    current = "current [A]"
    assert idx.loc[
        (current, "LFP theoretical capacity [mA.h.g-1]"), "elasticity [-]"
    ] == (pytest.approx(1.0, abs=1e-6))
    assert (
        abs(idx.loc[(current, "Cation transference number"), "elasticity [-]"]) < 1e-9
    )
    # the number only sets the 1C current; the stored lithium is the LFP's own
    # (its maximum concentration): a higher current delivers slightly less
    cap = idx.loc[
        ("capacity [A.h]", "LFP theoretical capacity [mA.h.g-1]"), "elasticity [-]"
    ]
    assert -0.2 < cap < 0
    assert (tmp_path / "out" / "local-sensitivity.png").is_file()
    assert "Local sensitivities" in (tmp_path / "out" / "summary.md").read_text()


def test_full_curves_are_stored_per_point_in_long_format(texts, write_study, tmp_path):
    text = texts.lfp + '\n[curves]\ncolumns = ["Time [s]", "Voltage [V]"]\n'
    study = Study.from_file(write_study(text))
    outcome = sweep(study, tmp_path / "out", stream=_quiet())
    curves = read_parts(tmp_path / "out" / "curves")
    assert set(curves["point"]) == set(outcome.table["point"])
    one = curves[curves["point"] == 3]
    assert one["Voltage [V]"].iloc[-1] == pytest.approx(2.5, abs=1e-3)
    assert one["Time [s]"].is_monotonic_increasing
