"""``sim data FILE [--format NAME] [--out CSV]``."""

import subprocess
import sys

import pytest

from sim import cli
from sim.io import read_csv


def test_prints_the_description(files, capsys):
    assert cli.main(["data", str(files / "biologic_cp.mpt")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "file: biologic_cp.mpt"
    assert out[1] == "instrument: BioLogic SP-240 (SN 0200) (read as biologic-mpt)"
    assert "rows: 121" in out
    assert "logging gaps: none" in out
    assert "segments: 1 constant current" in out
    assert any(
        line.startswith("cycles: 1 (capacity from cycler counters)") for line in out
    )


def test_out_writes_the_standard_csv(files, tmp_path, capsys):
    out = tmp_path / "run.csv"
    assert cli.main(["data", str(files / "biologic_cp.mpt"), "--out", str(out)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"wrote: {out}"
    back = read_csv(out)
    assert back["Current [A]"][0] > 0  # PyBaMM's sign
    assert len(back["Time [s]"]) == 121
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.csv"]


def test_gaps_are_printed(arbin_csv_with_gap, capsys):
    assert cli.main(["data", str(arbin_csv_with_gap)]) == 0
    out = capsys.readouterr().out
    assert "logging gaps: 1, longest 7200 s" in out


def test_bad_file_exit_2_one_line_nothing_written(files, tmp_path, capsys):
    bad = tmp_path / "bad.mpt"
    bad.write_bytes((files / "biologic_cp.mpt").read_bytes()[:20_000])
    out = tmp_path / "run.csv"
    assert cli.main(["data", str(bad), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot read")
    assert "Traceback" not in captured.err
    assert captured.out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.mpt"]


def test_unknown_format_and_missing_out_folder(files, tmp_path, capsys):
    path = str(files / "biologic_cp.mpt")
    assert cli.main(["data", path, "--format", "nope"]) == 2
    assert "invalid choice: 'nope'" in capsys.readouterr().err
    assert cli.main(["data", path, "--out", str(tmp_path / "no" / "x.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_subprocess_round_trip(files, tmp_path):
    out = tmp_path / "peis.csv"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sim",
            "data",
            str(files / "biologic_peis.mpt"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "EIS: 1 impedance spectra" in proc.stdout
    back = read_csv(out)
    assert back["Z_im [Ohm]"][0] == pytest.approx(-0.73047662)  # Im(Z)


def test_out_must_not_overwrite_the_input(tmp_path, capsys):
    path = tmp_path / "run.csv"
    path.write_text("Time [s],Voltage [V]\n0,1\n1,1\n", encoding="utf-8")
    before = path.read_bytes()
    assert cli.main(["data", str(path), "--out", str(path)]) == 2
    assert "is the input file" in capsys.readouterr().err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "name, extra",
    [
        ("biologic_cp.mpr", "galvani"),
        ("biologic_cv_first700.mpt.gz", None),
        ("neware_reader.nda.gz", "NewareNDA"),
        ("neware_unit27.ndax", "NewareNDA"),
    ],
)
def test_every_sample_file_is_described(name, extra, files, gunzip, capsys):
    if extra:
        pytest.importorskip(extra)
    path = gunzip(name) if name.endswith(".gz") else files / name
    assert cli.main(["data", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"file: {path.name}" in out and "segments: " in out


@pytest.mark.parametrize(
    "name, simulated",
    [
        ("biologic_cv_first700.mpt.gz", "simulated as: CyclicVoltammetry"),
        ("biologic_peis.mpt", "simulated as: RestingSpectrum"),
        ("neware_unit27.ndax", "simulated as: not mapped (the run is all rest)"),
        (
            "arbin_bs542_004_gr_li_Channel_11.xlsx",
            "simulated as: MeasuredControl: driven by its own logged current "
            "(4526 samples)",
        ),
    ],
)
def test_says_how_sim_fit_simulates_the_file(name, simulated, files, capsys):
    """Read as they are (a .gz too): the protocol `sim fit` would use."""
    if name.endswith(".ndax"):
        pytest.importorskip("NewareNDA")
    assert cli.main(["data", str(files / name)]) == 0
    assert simulated in capsys.readouterr().out
