"""Landt/LANHE .xlsx exports: a real export (navani's example file, see
tests/data/files/README.md) and files the tests write in the layouts of other
versions (Record-Tab sheets with cycle, step and state columns, a units row,
continuation sheets, Chinese names, other time units).

The real export has 62305 records; openpyxl reads them in about 7 s, so the
whole file is read only by the tests marked ``slow`` (python -m pytest -m
slow); the default run reads its first records."""

from pathlib import Path

import numpy as np
import pytest

from sim import data
from sim.data import landt
from sim.errors import DataError

REAL = Path(__file__).parent / "files" / "landt_NJK_CC_156_C30_C_x30.xlsx"
HEAD = 3000
"""Records of the real export read by the quick test."""


@pytest.fixture(scope="module")
def real_head():
    pytest.importorskip("openpyxl")
    return landt.read_landt_xlsx(REAL, max_rows=HEAD)


@pytest.fixture(scope="module")
def real_run():
    pytest.importorskip("openpyxl")
    return data.read(REAL)


@pytest.fixture(scope="module")
def own_sheets():
    """The export's own Mode sheet (per step: mode, period h, capacity mAh)
    and Cycle sheet (per cycle: charge mAh, discharge mAh), as it has them."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(REAL, read_only=True, data_only=True)
    try:
        mode = list(book["Mode"].iter_rows(min_row=2, values_only=True))
        cycle = list(book["Cycle"].iter_rows(min_row=2, values_only=True))
    finally:
        book.close()
    return mode, cycle


def test_real_export_head_time_sign_steps(real_head):
    """Records 1-2 are a rest ('R', 0 mA, 3.1073 V); from record 3 on a
    discharge ('D_CC', -0.001 mA, 2.9458 V falling); record 3000 is at
    TestTime 4.16 h, 0.4077 V, Capacity 0.0038 mAh (the file's values)."""
    assert data.detect(REAL) == "landt-xlsx"
    run = real_head
    assert run.n_rows == HEAD
    assert run["Time [s]"][-1] == pytest.approx(4.16 * 3600)  # TestTime/h
    assert run["Current [A]"][:2].tolist() == [0.0, 0.0]
    assert run["Current [A]"][2] == pytest.approx(1e-6)  # -0.001 mA, discharge
    assert np.all(run["Current [A]"][2:] > 0)
    assert run["Voltage [V]"][2] == pytest.approx(2.9458)
    assert run["Voltage [V]"][-1] == pytest.approx(0.4077)
    # the state changes R -> D_CC: two steps, one cycle
    assert run["Step number"].tolist() == [1, 1] + [2] * (HEAD - 2)
    assert set(run["Cycle number"]) == {1}
    assert "Step index" not in run  # the export has no step column
    assert run["Discharge capacity [A.h]"][-1] == pytest.approx(0.0038e-3)
    assert not np.any(run["Charge capacity [A.h]"])
    segs = data.segments(run)
    assert [s.kind for s in segs][0] == "rest"
    assert segs[1].current > 0 and segs[1].v_end < segs[1].v_start - 2.5


@pytest.mark.slow
def test_real_export_whole(real_run, own_sheets):
    """62305 records over 83.92 h (the last record's TestTime/h); 61 steps,
    one for one with the Mode sheet (1 Rest, then Discharge CC and Charge CC
    30 times each); discharge current positive while the voltage falls to
    5 mV, charge negative while it rises to 2.0 V."""
    run = real_run
    mode, _ = own_sheets
    assert run.n_rows == 62305
    assert run.summary["Duration [s]"] == pytest.approx(83.92 * 3600)
    assert run.summary["Logging gaps"] == 0
    steps = run["Step number"]
    assert steps.max() == len(mode) == 61
    segs = data.segments(run)
    assert len(segs) == 61
    for seg, (_, name, period_h, capacity_mah) in zip(segs, mode, strict=True):
        # the times are written to 0.01 h (36 s)
        assert seg.duration == pytest.approx(period_h * 3600, abs=36.001)
        rows = slice(seg.start, seg.stop)
        if name == "Rest":
            assert seg.kind == "rest"
            continue
        discharge = name.startswith("Discharge")
        assert (seg.current > 0) == discharge
        if discharge:  # the voltage falls to the 5 mV cut-off
            assert seg.v_end == pytest.approx(0.005, abs=1e-3)
            assert seg.v_start > 1.0
            counter = run["Discharge capacity [A.h]"][rows]
        else:  # and rises to 2.0 V
            assert seg.v_end == pytest.approx(2.0, abs=0.01)
            assert seg.v_start < 0.2
            counter = run["Charge capacity [A.h]"][rows]
        assert counter[-1] == pytest.approx(capacity_mah * 1e-3, abs=1e-12)


@pytest.mark.slow
def test_real_export_cycles_match_its_cycle_sheet(real_run, own_sheets):
    """The cycler's per-step counters summed per cycle, against the export's
    own Cycle sheet (its row 0 is all zeros; cycles 1-30 follow): e.g. cycle 1
    charge 0.0176 mAh, discharge 0.0256 mAh; cycle 2 0.0165 and 0.0174;
    cycle 30 0.0174 and 0.0177. Both are the counters to 0.0001 mAh, so they
    agree to rounding (1e-12 A.h)."""
    _, cycle = own_sheets
    own = [row for row in cycle if row[0] >= 1]
    table = data.cycle_table(real_run)
    assert table["Capacity source"][0] == "cycler counters"
    assert (
        table["Cycle number"].tolist() == [row[0] for row in own] == list(range(1, 31))
    )
    np.testing.assert_allclose(
        table["Charge capacity [A.h]"], [row[1] * 1e-3 for row in own], atol=1e-12
    )
    np.testing.assert_allclose(
        table["Discharge capacity [A.h]"], [row[2] * 1e-3 for row in own], atol=1e-12
    )
    assert table["Charge capacity [A.h]"][0] == pytest.approx(0.0176e-3)
    assert table["Discharge capacity [A.h]"][0] == pytest.approx(0.0256e-3)
    assert table["Charge capacity [A.h]"][29] == pytest.approx(0.0174e-3)
    assert table["Discharge capacity [A.h]"][29] == pytest.approx(0.0177e-3)


def test_landt_export(landt_xlsx, cc_cycles):
    run = data.read(landt_xlsx)
    assert run.summary["Instrument"] == "Landt/LANHE"
    rows = cc_cycles()
    assert run.n_rows == len(rows)
    np.testing.assert_allclose(run["Time [s]"], [r[0] for r in rows], atol=0.06)
    # written in mA with discharge negative; read in A with discharge positive
    np.testing.assert_allclose(run["Current [A]"], [r[2] for r in rows])
    assert run["Step index"].tolist() == [r[4] for r in rows]
    assert run["Cycle number"].tolist() == [r[3] for r in rows]
    table = data.cycle_table(run)
    np.testing.assert_allclose(table["Discharge capacity [A.h]"], 1e-3, rtol=1e-9)
    np.testing.assert_allclose(table["Charge capacity [A.h]"], 1e-3, rtol=1e-9)


def test_landt_units_row_and_discharge_positive_files(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "units.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Record"
    ws.append(["Record", "Test Time", "Current", "Voltage", "Capacity", "Step-State"])
    ws.append(["", "s", "mA", "V", "mAh", ""])
    for k in range(5):  # a discharge recorded with positive current
        ws.append([k + 1, 60.0 * k, 2.0, 1.0 - 0.1 * k, 2.0 * k / 60, "D_CC"])
    book.save(path)
    run = data.read(path)
    np.testing.assert_allclose(run["Current [A]"], 2e-3)
    assert run["Discharge capacity [A.h]"][-1] == pytest.approx(8e-3 / 60)


def _book(path, sheets):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


def _cycled(n=2, dt=60.0):
    """Per record: (time s, V, current mA in Landt's sign, capacity mAh, kind)
    of a rest, then n cycles of a 1 mA discharge for 10 min and a 1 mA charge
    for 10 min; each step's counter restarts at 0."""
    rows, t = [], 0.0
    for kind, i_ma, n_rec in [("rest", 0.0, 3)] + [
        x for _ in range(n) for x in (("dis", -1.0, 11), ("ch", 1.0, 11))
    ]:
        for k in range(n_rec):
            v = {"rest": 2.0, "dis": 1.0 - 0.05 * k, "ch": 0.5 + 0.05 * k}[kind]
            rows.append((t, v, i_ma, abs(i_ma) * k * dt / 3600, kind))
            t += dt
    return rows


def test_chinese_names_states_and_continuation_sheet(tmp_path):
    """A Chinese version's names (测试时间/Sec, 电压/V, 电流/mA, 容量/mAh, 状态,
    and 比容量, a specific capacity that is not the counter) and its state
    words (搁置 rest, 恒流放电 CC discharge, 恒流充电 CC charge); the records
    go on over a second sheet that does not repeat the header."""
    words = {"rest": "搁置", "dis": "恒流放电", "ch": "恒流充电"}
    records = [
        [k + 1, t, v, i, q, 1e3 * q, words[kind]]
        for k, (t, v, i, q, kind) in enumerate(_cycled())
    ]
    header = ["记录序号", "测试时间/Sec", "电压/V", "电流/mA", "容量/mAh"]
    header += ["比容量/mAh/g", "状态"]
    path = _book(
        tmp_path / "cn.xlsx",
        {"Record-Tab": [header, *records[:20]], "Record-Tab1": records[20:]},
    )
    run = data.read(path)
    assert run.n_rows == len(records)
    np.testing.assert_allclose(run["Time [s]"], [r[1] for r in records])
    np.testing.assert_allclose(run["Current [A]"], [-1e-3 * r[3] for r in records])
    assert run["Step number"].max() == 5  # rest, then 2 x (discharge, charge)
    assert run["Cycle number"].tolist() == [1] * 25 + [2] * 22
    table = data.cycle_table(run)
    np.testing.assert_allclose(table["Discharge capacity [A.h]"], 1e-3 / 6)
    np.testing.assert_allclose(table["Charge capacity [A.h]"], 1e-3 / 6)


@pytest.mark.parametrize(
    "name, write",
    [
        ("TestTime/min", lambda t: t / 60),
        ("TestTime/h", lambda t: t / 3600),
        ("TestTime/d", lambda t: t / 86400),
        ("Test Time (Sec.)", lambda t: t),
        # text clocks without a unit: h:mm:ss and d-h:mm:ss
        ("TestTime", lambda t: f"{int(t // 3600)}:{int(t % 3600 // 60):02d}:00"),
        ("TestTime", lambda t: f"0-{int(t // 3600)}:{int(t % 3600 // 60):02d}:00"),
    ],
)
def test_time_units_and_clock_text(tmp_path, name, write):
    records = [
        [k + 1, write(t), v, i, q, state]
        for k, (t, v, i, q, kind) in enumerate(_cycled(n=1, dt=600.0))
        for state in [{"rest": "R", "dis": "D_CC", "ch": "C_CC"}[kind]]
    ]
    header = ["Index", name, "Voltage/V", "Current/mA", "Capacity/mAh", "State"]
    run = data.read(_book(tmp_path / "t.xlsx", {"Record": [header, *records]}))
    assert run["Time [s]"][-1] == pytest.approx(600.0 * (len(records) - 1))
    assert run.summary["Duration [s]"] == pytest.approx(600.0 * 24)


def test_no_state_column_steps_and_cycles_from_the_current(tmp_path):
    records = [[k + 1, t, v, i, q] for k, (t, v, i, q, _) in enumerate(_cycled())]
    header = ["Index", "TestTime/Sec", "Voltage/V", "Current/mA", "Capacity/mAh"]
    run = data.read(_book(tmp_path / "s.xlsx", {"Record": [header, *records]}))
    assert run["Step number"].max() == 5
    assert run["Cycle number"].max() == 2
    np.testing.assert_allclose(data.cycle_table(run)["Charge capacity [A.h]"], 1e-3 / 6)


def test_unknown_unit_is_a_clear_error(tmp_path):
    header = ["Index", "TestTime/fortnight", "Voltage/V", "Current/mA"]
    path = _book(tmp_path / "u.xlsx", {"Record": [header, [1, 0, 1.0, 0.0]]})
    with pytest.raises(DataError, match="unknown time unit 'fortnight'"):
        data.read(path)


def test_xlsx_of_no_known_cycler(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "other.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.save(path)
    with pytest.raises(DataError, match="cannot tell which cycler wrote"):
        data.read(path)
