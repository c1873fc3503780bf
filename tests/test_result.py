"""The one result type: columns, selections, tables, CSV, measured data."""

import numpy as np
import pytest

from sim.errors import DataError
from sim.io import read_csv
from sim.result import Result


def _result():
    return Result.from_columns(
        {
            "Time [s]": [0.0, 1.0, 2.0, 3.0],
            "Voltage [V]": [2.5, 2.4, 2.3, 2.4],
            "Cycle number": [1, 1, 2, 2],
            "Step number": [1, 2, 3, 4],
        },
        tables={"Pulses": {"Pulse number": [1, 2]}},
    )


def test_mapping_access_and_unknown_column():
    r = _result()
    assert np.array_equal(r["Voltage [V]"], [2.5, 2.4, 2.3, 2.4])
    assert "Time [s]" in r and r.n_rows == 4 and r.solution is None
    with pytest.raises(DataError, match="no column 'Current"):
        r["Current [A]"]
    with pytest.raises(DataError, match="no table"):
        r.table("Spectra")


def test_cycles_and_steps_select_rows():
    r = _result()
    assert np.array_equal(r.cycles(2)["Time [s]"], [2.0, 3.0])
    assert np.array_equal(r.steps(1, 4)["Voltage [V]"], [2.5, 2.4])
    with pytest.raises(DataError, match=r"Cycle number \[3\] not in"):
        r.cycles(3)


def test_csv_round_trip(tmp_path):
    _result().to_csv(tmp_path / "r.csv")
    back = Result.from_columns(read_csv(tmp_path / "r.csv"))
    assert np.allclose(back["Voltage [V]"], _result()["Voltage [V]"])


@pytest.mark.parametrize(
    "cols,match",
    [
        ({"Time [s]": [0, 1], "Voltage [V]": [1]}, "equal length"),
        ({"Voltage [V]": [1, 2]}, "Time"),
        ({"Time [s]": [0, 2, 1]}, "non-decreasing"),
    ],
)
def test_bad_measured_data(cols, match):
    with pytest.raises(DataError, match=match):
        Result.from_columns(cols)


def test_membership_of_an_unknown_column_is_false_not_an_error():
    res = Result.from_columns({"Time [s]": [0.0, 1.0], "Voltage [V]": [1.0, 0.9]})
    assert "Voltage [V]" in res
    assert "Current [A]" not in res
