"""Neware readers on NewareNDA's own test files (tests/data/files/README.md)."""

import numpy as np
import pytest

from sim import data
from sim.data.neware import run_time
from sim.errors import DataError

pytest.importorskip("NewareNDA")


def test_nda_reads_with_pybamm_sign(gunzip):
    run = data.read(gunzip("neware_reader.nda.gz"))
    assert run.summary["Instrument"] == "Neware BTS"
    assert run.n_rows == 439
    assert np.all(np.diff(run["Time [s]"]) >= 0)
    i = run["Current [A]"]
    # NewareNDA gives discharge current (CC_DChg) negative: flipped, so the
    # discharge counter grows exactly where the current is > 0
    grows = np.diff(run["Discharge capacity [A.h]"]) > 0
    assert grows.any()
    assert np.all(i[1:][grows] > 0)
    grows = np.diff(run["Charge capacity [A.h]"]) > 0
    assert grows.any()
    assert np.all(i[1:][grows] < 0)
    # steps restart the time in the file: the run time is their sum
    assert run.summary["Duration [s]"] == pytest.approx(721.6, abs=0.05)
    assert list(np.unique(run["Cycle number"])) == [1, 2]


def test_ndax_reads(files):
    run = data.read(files / "neware_unit27.ndax")
    assert run.summary["Format"] == "neware-ndax"
    assert run.n_rows == 301
    assert run.summary["Duration [s]"] == pytest.approx(300.0)
    assert [s.kind for s in data.segments(run)] == ["rest"]


def test_ndax_of_a_real_cycling_test(files):
    """An LG M50T cell on a Neware BTS: a 0.5 A discharge from part charge,
    then seven CC-CV charges and 2.5-5 A discharges. Per-cycle capacities from
    the cycler's own counters, discharge current positive while the voltage
    falls, and the record simulated with its own current (its CC-CV charges
    are one 'other' segment each)."""
    from sim.protocols import MeasuredControl

    run = data.read(files / "neware_m50t.ndax")
    assert run.summary["Format"] == "neware-ndax"
    assert run.n_rows == 77745
    assert run.summary["Duration [s]"] == pytest.approx(77704.2, abs=0.1)
    table = data.cycle_table(run)
    assert len(table["Cycle number"]) == 8
    assert table["Capacity source"][0] == "cycler counters"
    q_d = table["Discharge capacity [A.h]"]
    assert q_d[0] == pytest.approx(1.29727, abs=1e-5)  # 0.5 A x 9340 s
    assert q_d[0] == pytest.approx(0.5 * 9340.1 / 3600, rel=1e-3)
    assert np.all(np.abs(np.asarray(q_d[1:]) - 4.72) < 0.01)
    i, v, t = run["Current [A]"], run["Voltage [V]"], run["Time [s]"]
    discharge = (t > 400) & (t < 9500)  # the first 0.5 A discharge
    assert np.all(np.abs(i[discharge] - 0.5) < 1e-3)
    assert v[discharge][-1] < v[discharge][0] - 0.8  # 3.57 V -> 2.71 V
    protocol = data.protocol_from(run)
    assert isinstance(protocol, MeasuredControl) and protocol.control == "current"
    assert len(protocol.times) == run.n_rows


def test_run_time_adds_steps_and_shows_a_pause_as_a_gap():
    step = np.array([1, 1, 1, 2, 2, 2])
    step_time = np.array([0.0, 10.0, 20.0, 0.0, 10.0, 20.0])
    np.testing.assert_allclose(run_time(step, step_time), [0, 10, 20, 20, 30, 40])
    # the wall clock says step 2 started 1 h after step 1 ended: a pause
    wall = np.array([0.0, 10, 20, 3620, 3630, 3640])
    total = run_time(step, step_time, wall)
    np.testing.assert_allclose(total, [0, 10, 20, 3620, 3630, 3640])


def test_truncated_and_corrupt_files(gunzip, files, tmp_path):
    cut = tmp_path / "cut.nda"
    cut.write_bytes(gunzip("neware_reader.nda.gz").read_bytes()[:60_000])
    with pytest.raises(DataError, match="Neware .nda file: the file is truncated"):
        data.read(cut)
    bad = tmp_path / "bad.ndax"
    bad.write_bytes((files / "neware_unit27.ndax").read_bytes()[:3000])
    with pytest.raises(DataError, match="not a valid zip container"):
        data.read(bad)


def test_run_time_keeps_a_time_that_never_restarts():
    step = np.array([1, 1, 2, 2])
    np.testing.assert_allclose(
        run_time(step, np.array([0.0, 10, 20, 30])), [0, 10, 20, 30]
    )
