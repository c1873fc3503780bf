"""Arbin readers: a real .res database (cellpy's example file) and exports in
Arbin's layout written by the tests (tests/data/files/README.md)."""

import gzip
from pathlib import Path

import numpy as np
import pytest

from sim import data
from sim.errors import DataError

FILES = Path(__file__).parent / "files"


@pytest.fixture(scope="module")
def res_run(tmp_path_factory):
    pytest.importorskip("access_parser")
    path = tmp_path_factory.mktemp("arbin") / "arbin_FC_01_cc_01.res"
    path.write_bytes(gzip.decompress((FILES / "arbin_FC_01_cc_01.res.gz").read_bytes()))
    return path, data.read(path)


def test_res_reads_columns_counters_and_header(res_run):
    _, run = res_run
    assert run.summary["Instrument"] == "Arbin"
    assert run.summary["Cycler serial number"] == "174091"
    assert run.summary["Test name"] == "20210210_batmar_FC_01_cc_01-01-032"
    assert run.n_rows == 7218
    table = data.cycle_table(run)
    assert list(table["Cycle number"]) == [1, 2, 3]
    # from Arbin's own cumulative counters (A.h)
    assert table["Charge capacity [A.h]"][0] == pytest.approx(3.8186e-3, rel=1e-3)
    assert table["Discharge capacity [A.h]"][0] == pytest.approx(3.3240e-3, rel=1e-3)
    assert table["Capacity source"][0] == "cycler counters"


def test_res_sign_discharge_positive_while_voltage_falls(res_run):
    _, run = res_run
    ccs = [s for s in data.segments(run) if s.kind == "constant current"]
    discharges = [s for s in ccs if s.duration > 3e4 and s.current > 0]
    charges = [s for s in ccs if s.duration > 3e4 and s.current < 0]
    assert len(discharges) == 2 and len(charges) == 2
    for s in discharges:  # Arbin recorded these currents negative
        assert s.v_end < s.v_start - 1.0
    for s in charges:
        assert s.v_end > s.v_start + 0.9


def test_res_maps_to_experiment_steps(res_run):
    _, run = res_run
    protocol = data.protocol_from(run)
    assert type(protocol).__name__ == "ExperimentSteps"
    assert protocol.steps[0].startswith("Rest for 21595")
    assert (
        protocol.steps[1]
        == "Charge at 0.0001808 A for 73765.5 seconds or until 4.2001 V"
    )


def test_truncated_res_is_a_clear_error(res_run, tmp_path):
    path, _ = res_run
    cut = tmp_path / "cut.res"
    cut.write_bytes(path.read_bytes()[:500_000])
    with pytest.raises(DataError, match="Arbin .res file: the file is truncated"):
        data.read(cut)
    other = tmp_path / "other.res"
    other.write_bytes(b"\0" * 4096)
    with pytest.raises(DataError, match="not a Microsoft Access"):
        data.read(other)


def test_xlsx_export(arbin_xlsx):
    run = data.read(arbin_xlsx)
    assert run.summary["Format"] == "arbin-xlsx"
    table = data.cycle_table(run)
    np.testing.assert_allclose(table["Charge capacity [A.h]"], 1e-3, rtol=1e-9)
    np.testing.assert_allclose(table["Discharge capacity [A.h]"], 1e-3, rtol=1e-9)
    first = data.segments(run)[0]
    assert first.kind == "constant current"
    assert first.current == pytest.approx(1e-3)  # written as -0.001 A
    assert first.v_end < first.v_start


def test_csv_export_is_detected(arbin_csv_with_gap):
    run = data.read(arbin_csv_with_gap)
    assert run.summary["Format"] == "arbin-csv"
    assert run["Current [A]"][0] == pytest.approx(1e-3)
