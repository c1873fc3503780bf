"""BioLogic readers on EC-Lab's own files (tests/data/files/README.md)."""

import numpy as np
import pytest

from sim import data
from sim.errors import DataError


def test_mpt_reads_instrument_columns_and_sign(files):
    run = data.read(files / "biologic_cp.mpt")
    assert run.summary["Instrument"] == "BioLogic SP-240 (SN 0200)"
    assert run.summary["Format"] == "biologic-mpt"
    assert run.n_rows == 121
    assert run["Time [s]"][0] == 0.0
    assert run.summary["Duration [s]"] == pytest.approx(119.0, abs=1e-3)
    # EC-Lab recorded I = -100 mA (reduction): a discharge, > 0 in PyBaMM's sign
    assert np.all(run["Current [A]"] == pytest.approx(0.1, rel=2e-3))
    # ... while the working electrode's voltage falls and the cycler's
    # discharge counter grows (3.3026 mA.h at the end, EC-Lab's value)
    assert run["Voltage [V]"][3] < run["Voltage [V]"][0]
    assert np.all(np.diff(run["Discharge capacity [A.h]"]) >= 0)
    assert run["Discharge capacity [A.h]"][-1] == pytest.approx(3.302615821850671e-3)
    assert np.all(run["Charge capacity [A.h]"] == 0)
    assert run["Cycle number"][0] == 1  # EC-Lab's cycle 0


def test_mpr_matches_the_text_export_of_the_same_run(files):
    pytest.importorskip("galvani")
    binary = data.read(files / "biologic_cp.mpr")
    text = data.read(files / "biologic_cp.mpt")
    assert binary.summary["Format"] == "biologic-mpr"
    assert binary.n_rows == text.n_rows
    for name in ("Time [s]", "Current [A]", "Discharge capacity [A.h]"):
        np.testing.assert_allclose(binary[name], text[name], rtol=1e-6, atol=1e-9)
    # the text export has 0 V from row 5 on (as written by EC-Lab); the first
    # rows agree
    np.testing.assert_allclose(binary["Voltage [V]"][:4], text["Voltage [V]"][:4])


def test_mpt_impedance_columns(files):
    run = data.read(files / "biologic_peis.mpt")
    assert run.n_rows == 32
    f, z_re, z_im = run["Frequency [Hz]"], run["Z_re [Ohm]"], run["Z_im [Ohm]"]
    # first row as written: 199998.14 Hz, Re(Z) 10.512296, -Im(Z) 0.73047662
    assert f[0] == pytest.approx(1.9999814e5)
    assert z_re[0] == pytest.approx(10.512296)
    assert z_im[0] == pytest.approx(-0.73047662)  # Z_im = Im(Z)
    assert np.all(np.diff(f) < 0)
    found = data.detect_protocol(run)
    assert len(found.spectra) == 1


def test_decimal_comma_and_headerless_mpt(tmp_path):
    path = tmp_path / "comma.mpt"
    path.write_text(
        "time/s\tEwe/V\tI/mA\n0,0\t1,5\t-1,0\n10,0\t1,4\t-1,0\n20,0\t1,3\t-1,0\n",
        encoding="latin-1",
    )
    run = data.read(path)
    np.testing.assert_allclose(run["Voltage [V]"], [1.5, 1.4, 1.3])
    np.testing.assert_allclose(run["Current [A]"], 1e-3)


def test_truncated_mpt_is_a_clear_error(files, tmp_path):
    text = (files / "biologic_cp.mpt").read_bytes()
    cut = tmp_path / "cut.mpt"
    cut.write_bytes(text[: len(text) // 2])  # ends in the middle of a row
    with pytest.raises(DataError, match=r"line \d+ has \d+ values"):
        data.read(cut)
    head = tmp_path / "head.mpt"
    head.write_bytes(text[:600])  # the header says 57 lines, the file has fewer
    with pytest.raises(DataError, match="header lines"):
        data.read(head)


def test_truncated_or_foreign_mpr_is_a_clear_error(files, tmp_path):
    pytest.importorskip("galvani")
    cut = tmp_path / "cut.mpr"
    cut.write_bytes((files / "biologic_cp.mpr").read_bytes()[:10_000])
    with pytest.raises(DataError, match="BioLogic .mpr file: the file is truncated"):
        data.read(cut)
    other = tmp_path / "other.mpr"
    other.write_bytes(b"not a BioLogic file at all" * 10)
    with pytest.raises(DataError, match="does not start with"):
        data.read(other)


def test_missing_extra_names_it(files, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "galvani.BioLogic", None)
    with pytest.raises(DataError, match=r'pip install -e "\.\[data\]"') as info:
        data.read(files / "biologic_cp.mpr")
    assert len(str(info.value).splitlines()) == 1


def test_real_cv_sweeps_and_protocol(gunzip):
    run = data.read(gunzip("biologic_cv_first700.mpt.gz"))
    assert run.summary["Instrument"] == "BioLogic VMP3 (SN 10831083)"
    found = data.detect_protocol(run)
    assert [s.kind for s in found.segments] == ["sweep", "sweep"]
    # EC-Lab's setting: 0.1 mV/s, down from the rest potential to 1.5 V
    assert found.scan_rate == pytest.approx(1e-4, rel=1e-3)
    assert found.sweeps[0].v_end == pytest.approx(1.4992, abs=1e-4)
    protocol = data.protocol_from(run)
    assert type(protocol).__name__ == "CyclicVoltammetry"
    assert protocol.v_low == pytest.approx(1.4992, abs=1e-4)
    assert protocol.start == "high"
