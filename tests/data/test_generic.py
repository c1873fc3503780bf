"""Generic CSV/TSV: the project's own standard CSV round trip, column mappings."""

import numpy as np
import pytest

from sim import data
from sim.errors import DataError
from sim.io import read_csv


def test_standard_csv_round_trip(files, tmp_path):
    run = data.read(files / "biologic_cp.mpt")
    out = tmp_path / "run.csv"
    run.to_csv(out)
    back = data.read(out)
    assert back.summary["Format"] == "csv"
    assert list(back) == list(run)
    for name in run:
        np.testing.assert_allclose(back[name], run[name], rtol=1e-9)
    assert set(read_csv(out)) == set(run)


def test_project_csv_keeps_other_unit_columns(tmp_path):
    path = tmp_path / "sim.csv"
    path.write_text(
        "Time [s],Voltage [V],Current [A],Specific capacity [mA.h.g-1],Note\n"
        "0,2.0,0.001,0,a\n10,1.9,0.001,5,b\n",
        encoding="utf-8",
    )
    run = data.read(path)
    assert list(run) == [
        "Time [s]",
        "Voltage [V]",
        "Current [A]",
        "Specific capacity [mA.h.g-1]",
    ]


def test_mapping_with_units_and_sign(tmp_path):
    path = tmp_path / "lab.tsv"
    path.write_text(
        "t\tE/V\tI/mA\n0:00:00\t1.5\t-2\n0:01:00\t1.4\t-2\n0:02:00\t1.3\t-2\n",
        encoding="utf-8",
    )
    run = data.read(
        path,
        "tsv",
        mapping={"Time [s]": "t", "Voltage [V]": "E/V", "Current [A]": ("I/mA", -1e-3)},
    )
    np.testing.assert_allclose(run["Time [s]"], [0, 60, 120])
    np.testing.assert_allclose(run["Current [A]"], 2e-3)


def test_mapping_errors(tmp_path):
    path = tmp_path / "lab.csv"
    path.write_text("t,V\n0,1\n1,1\n", encoding="utf-8")
    with pytest.raises(DataError, match="not a standard column"):
        data.read(path, "csv", mapping={"Potential [V]": "V", "Time [s]": "t"})
    with pytest.raises(DataError, match="no column 'I'"):
        data.read(path, "csv", mapping={"Time [s]": "t", "Current [A]": "I"})
    with pytest.raises(DataError, match="no 'Time \\[s\\]' column"):
        data.read(path)
    with pytest.raises(DataError, match="mapping is for csv/tsv"):
        data.read(path, "arbin-csv", mapping={"Time [s]": "t"})


def test_time_going_backwards_is_refused(tmp_path):
    path = tmp_path / "back.csv"
    path.write_text("Time [s],Voltage [V]\n0,1\n10,1\n5,1\n", encoding="utf-8")
    with pytest.raises(DataError, match="time goes backwards at data row 3"):
        data.read(path)


def test_clock_jitter_is_smoothed(tmp_path):
    path = tmp_path / "jitter.csv"
    path.write_text(
        "Time [s],Voltage [V]\n0,1\n10,1\n9.9999,1\n20,1\n", encoding="utf-8"
    )
    np.testing.assert_allclose(data.read(path)["Time [s]"], [0, 10, 10, 20])


def test_command_line_mappings(tmp_path, capsys):
    """`--column STANDARD=COLUMN*FACTOR` (sim data, sim fit): the mapping of
    sim.data.read; a tab-separated .txt with a mapping is read as TSV (not as
    an EC-Lab export); malformed mappings are one error line, exit 2."""
    from sim import cli
    from sim.data.generic import parse_mapping

    assert parse_mapping(None) is None
    assert parse_mapping(["Time [s]=t/s", "Current [A]=I/mA*-1e-3"]) == {
        "Time [s]": "t/s",
        "Current [A]": ("I/mA", -1e-3),
    }
    for bad in ("Current [A]", "=I/mA", "Current [A]=I/mA*x", "Current [A]=I*0"):
        with pytest.raises(DataError, match="--column"):
            parse_mapping([bad])
    path = tmp_path / "run.txt"
    path.write_text("time/s\tE/V\tI/mA\n0\t1.0\t-1\n10\t0.99\t-1\n20\t0.98\t-1\n")
    args = ["data", str(path), "--column", "Time [s]=time/s"]
    args += ["--column", "Voltage [V]=E/V", "--column", "Current [A]=I/mA*-1e-3"]
    out = tmp_path / "run.csv"
    assert cli.main([*args, "--out", str(out)]) == 0
    assert "read as tsv" in capsys.readouterr().out
    run = data.read(out)
    assert np.allclose(run["Current [A]"], 1e-3)  # reduction current, positive
    assert cli.main([*args[:2], "--column", "Current [A]=I/mA*x"]) == 2
    assert "factor 'x'" in capsys.readouterr().err
    assert cli.main([*args[:2], "--column", "Charge [C]=I/mA"]) == 2
    assert "not a standard column" in capsys.readouterr().err
