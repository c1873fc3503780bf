"""The example cycler file that notebook 08 fits (notebooks/data): it reads as
the EC-Lab export it imitates, with PyBaMM's sign, the duration and cycles its
truth file says, and its generator writes it again."""

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from sim import data

DATA = Path(__file__).resolve().parents[2] / "notebooks" / "data"
MPT = DATA / "example_cell.mpt"
TRUTH = json.loads((DATA / "example_cell_truth.json").read_text())


def generator():
    spec = importlib.util.spec_from_file_location(
        "make_example_cell", DATA / "make_example_cell.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def run():
    return data.read(MPT)


def test_the_file_is_small_and_an_ec_lab_text_export(run):
    assert MPT.stat().st_size < 600_000
    raw = MPT.read_bytes().decode("latin-1").splitlines()
    assert raw[0] == "EC-Lab ASCII FILE"
    n_header = int(raw[1].split(":")[1])
    names = raw[n_header - 1].split("\t")
    for name in ("time/s", "Ewe/V", "<I>/mA", "Ns", "cycle number", "(Q-Qo)/mA.h"):
        assert name in names
    assert run.summary["Format"] == "biologic-mpt"
    assert run.summary["Instrument"].startswith("BioLogic")


def test_it_reads_with_pybamms_sign_its_duration_and_cycles(run):
    assert run.n_rows == TRUTH["rows"]
    assert run.summary["Duration [s]"] == pytest.approx(TRUTH["duration [s]"], abs=0.01)
    i, v = run["Current [A]"], run["Voltage [V]"]
    # the discharge (first current step) is positive in PyBaMM's sign, and the
    # half cell's voltage falls during it; in the file (EC-Lab) it is negative
    segs = [s for s in data.segments(run) if s.kind == "constant current"]
    assert [s.current > 0 for s in segs] == [True, False]
    dis = segs[0]
    assert dis.v_end < dis.v_start - 0.5
    assert np.all(i[dis.start : dis.stop] > 0)
    raw = MPT.read_bytes().decode("latin-1").splitlines()
    n_header = int(raw[1].split(":")[1])
    names = raw[n_header - 1].split("\t")
    first = raw[n_header + dis.start + 1].split("\t")
    assert float(first[names.index("<I>/mA")]) < 0
    table = data.cycle_table(run)
    assert len(table["Cycle number"]) == TRUTH["cycles"]
    assert table["Discharge capacity [A.h]"][0] == pytest.approx(
        TRUTH["discharge capacity [A.h]"], rel=2e-3
    )
    assert table["Charge capacity [A.h]"][0] == pytest.approx(
        TRUTH["charge capacity [A.h]"], rel=2e-3
    )
    # inside the cut-offs but for the 1 mV noise
    assert 3.5 - 0.005 < v.min() and v.max() < 4.2 + 0.005


def test_the_detected_protocol_is_the_program(run):
    p = data.protocol_from(run, cutoff_margin=0.05, cycling=False)
    kinds = [s.split()[0] for s in p.steps]
    assert kinds == ["Rest", "Discharge", "Rest", "Charge", "Rest"]
    assert p.period == pytest.approx(TRUTH["sampling interval [s]"] / 4)


def test_the_generator_writes_the_same_data(run, tmp_path):
    mpt, truth = generator().write(tmp_path)
    again = data.read(mpt)
    assert again.n_rows == run.n_rows
    for name in ("Time [s]", "Voltage [V]", "Current [A]"):
        np.testing.assert_allclose(again[name], run[name], rtol=1e-6, atol=1e-6)
    for name in ("Cycle number", "Step number"):
        np.testing.assert_array_equal(again[name], run[name])
    written = json.loads(truth.read_text())
    assert written.keys() == TRUTH.keys()
    for key, value in TRUTH.items():
        if isinstance(value, float):
            assert written[key] == pytest.approx(value, rel=1e-6), key
        else:
            assert written[key] == value, key
