"""Landt/LANHE .xlsx export (a file the tests write in the export's layout)."""

import numpy as np
import pytest

from sim import data
from sim.errors import DataError


def test_landt_export(landt_xlsx, cc_cycles):
    run = data.read(landt_xlsx)
    assert run.summary["Instrument"] == "Landt/LANHE"
    rows = cc_cycles()
    assert run.n_rows == len(rows)
    np.testing.assert_allclose(run["Time [s]"], [r[0] for r in rows], atol=0.06)
    # written in mA with discharge negative; read in A with discharge positive
    np.testing.assert_allclose(run["Current [A]"], [r[2] for r in rows])
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


def test_xlsx_of_no_known_cycler(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "other.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.save(path)
    with pytest.raises(DataError, match="cannot tell which cycler wrote"):
        data.read(path)
