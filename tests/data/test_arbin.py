"""Arbin readers: a real .res database (cellpy's example file), a real .xlsx
export (navani's example file) and exports in Arbin's layout written by the
tests (tests/data/files/README.md)."""

import gzip
from pathlib import Path

import numpy as np
import pytest

from sim import data
from sim.errors import DataError

FILES = Path(__file__).parent / "files"
XLSX = FILES / "arbin_bs542_004_gr_li_Channel_11.xlsx"


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


@pytest.mark.parametrize("cut", [200_000, 350_000, 81 * 4096, 200 * 4096])
def test_res_cut_short_is_refused_not_read_as_a_shorter_run(res_run, tmp_path, cut):
    # cut within a page (200-350 kB read 40 or 416 of 7218 rows before) or at
    # a page boundary (the table declares more rows than the pages hold): one
    # error, exit 2, no CSV
    from sim.cli import main

    path, _ = res_run
    short = tmp_path / "short.res"
    short.write_bytes(path.read_bytes()[:cut])
    with pytest.raises(DataError, match="truncated"):
        data.read(short)
    out = tmp_path / "short.csv"
    assert main(["data", str(short), "--out", str(out)]) == 2
    assert not out.exists()


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


@pytest.fixture(scope="module")
def xlsx_run():
    pytest.importorskip("openpyxl")
    return data.read(XLSX)


def test_real_xlsx_export_rows_time_and_header(xlsx_run):
    """4526 records on the Channel_11_1 sheet; Test_Time(s) runs from 1.001 s
    to 1204815.81068 s (the file's first and last values); Global_Info names
    the test, the cycler and the schedule."""
    run = xlsx_run
    assert data.detect(XLSX) == "arbin-xlsx"
    assert run.n_rows == 4526
    assert run.summary["Duration [s]"] == pytest.approx(1204815.81068 - 1.001)
    assert run.summary["Logging gaps"] == 0
    assert run.summary["Test name"] == "bs542_004_gr_li_50ua_50mv_1v_191020"
    assert run.summary["Cycler serial number"] == "206951"
    assert run.summary["Schedule"] == "Ben\\bs542_graphite_slow_rate.sdu"
    assert run.summary["Cycler software"] == "PV7.0 Build: 180508USB"


def test_real_xlsx_export_sign_steps_and_counters(xlsx_run):
    """Step_Index 1 (rest), 2 (50 uA discharge to 50 mV), 3 (charge to 1.0 V),
    2 and 3 again: five steps. Arbin writes the discharge current negative;
    read positive while the voltage falls. Over each constant-current step the
    integrated current matches the growth of the cycler's own counter."""
    run = xlsx_run
    index = run["Step index"]
    starts = np.r_[0, np.flatnonzero(np.diff(index)) + 1]
    assert index[starts].tolist() == [1, 2, 3, 2, 3]
    assert run["Step number"].max() == 5
    ccs = [s for s in data.segments(run) if s.kind == "constant current"]
    assert [s.current > 0 for s in ccs] == [True, False, True]
    for seg in ccs:
        assert abs(seg.current) == pytest.approx(50e-6, rel=0.01)
        if seg.current > 0:
            assert seg.v_start > 0.99 and seg.v_end == pytest.approx(0.05, abs=1e-3)
            counter = run["Discharge capacity [A.h]"]
        else:
            assert seg.v_start < 0.06 and seg.v_end == pytest.approx(1.0, abs=1e-3)
            counter = run["Charge capacity [A.h]"]
        rows = slice(seg.start, seg.stop)
        t, i = run["Time [s]"][rows], run["Current [A]"][rows]
        integrated = abs(np.sum(0.5 * (i[1:] + i[:-1]) * np.diff(t))) / 3600
        grown = counter[seg.stop - 1] - counter[max(seg.start - 1, 0)]
        assert integrated == pytest.approx(grown, rel=2e-3)


def test_real_xlsx_export_one_cycle_from_the_counters(xlsx_run):
    """Cycle_Index is 1 on every row (the schedule never advanced it): one
    cycle, whose capacities are the counters' last values in the file,
    Charge_Capacity(Ah) 0.005702702794224024 and Discharge_Capacity(Ah)
    0.0110548976808786 (two discharges, 5.798 and 5.257 mA.h, and a charge
    of 5.698 mA.h plus the 3 records of the next)."""
    table = data.cycle_table(xlsx_run)
    assert table["Cycle number"].tolist() == [1]
    assert table["Capacity source"] == ["cycler counters"]
    assert table["Charge capacity [A.h]"][0] == pytest.approx(
        0.005702702794224024, rel=1e-9
    )
    assert table["Discharge capacity [A.h]"][0] == pytest.approx(
        0.0110548976808786, rel=1e-9
    )


def test_xlsx_chart_sheet_is_passed_over(tmp_path):
    """A Channel_Chart sheet (Arbin's chart of the data) is not a data sheet."""
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "chart.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Global_Info"
    book.active.append(["TEST REPORT"])
    ws = book.create_sheet("Channel_1-006")
    ws.append(["Test_Time(s)", "Step_Index", "Cycle_Index", "Current(A)", "Voltage(V)"])
    for k in range(5):
        ws.append([10.0 * k, 1, 1, -1e-3, 2.0 - 0.1 * k])
    book.create_sheet("Channel_Chart")  # blank: no header row
    book.create_sheet("Channel_Notes").append(["notes", "on", "the test"])
    book.save(path)
    run = data.read(path)
    assert run.summary["Format"] == "arbin-xlsx"
    assert run.n_rows == 5
    np.testing.assert_allclose(run["Current [A]"], 1e-3)
    assert "Test name" not in run.summary  # no name under TEST REPORT
