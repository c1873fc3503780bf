"""File checks before parsing: missing, empty, too large, unknown, zip bombs."""

import zipfile

import pytest

from sim import data
from sim.data import files as data_files
from sim.errors import DataError


def test_missing_empty_and_unknown(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        data.read(tmp_path / "nothing.mpr")
    empty = tmp_path / "empty.mpt"
    empty.write_bytes(b"")
    with pytest.raises(DataError, match="file is empty"):
        data.read(empty)
    odd = tmp_path / "run.xyz"
    odd.write_bytes(b"123")
    with pytest.raises(DataError, match="give one of the formats biologic-mpr"):
        data.read(odd)
    with pytest.raises(DataError, match="unknown data format 'nope'"):
        data.read(odd, "nope")


def test_too_large_file_is_refused_before_reading(files, monkeypatch):
    monkeypatch.setattr(data_files, "MAX_FILE_BYTES", 1000)
    with pytest.raises(DataError, match="MiB allowed for a measured-data file"):
        data.read(files / "biologic_cp.mpt")


def test_zip_that_unpacks_too_large_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/big.xml", b"\0" * 2_000_000)
    monkeypatch.setattr(data_files, "MAX_UNPACKED_BYTES", 1_000_000)
    with pytest.raises(DataError, match="it unpacks to"):
        data.read(path, "landt-xlsx")


def test_not_a_zip_xlsx(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("Time [s]\n0\n")
    with pytest.raises(DataError, match="not a valid zip container"):
        data.read(path)


@pytest.mark.parametrize(
    "module, name",
    [
        ("NewareNDA", "neware_unit27.ndax"),
        ("access_parser", "arbin_FC_01_cc_01.res.gz"),
        ("openpyxl", None),
    ],
)
def test_missing_extra_is_one_line_naming_it(
    module, name, files, gunzip, tmp_path, monkeypatch
):
    if name is None:
        path = tmp_path / "run.xlsx"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("xl/workbook.xml", "<workbook/>")
    elif name.endswith(".gz"):
        path = gunzip(name)
    else:
        path = files / name
    monkeypatch.setitem(__import__("sys").modules, module, None)
    with pytest.raises(
        DataError,
        match=r"optional package .* 'data' extra: pip install -e \"\.\[data\]\"",
    ) as info:
        data.read(path, "landt-xlsx" if name is None else None)
    assert len(str(info.value).splitlines()) == 1


def test_gzipped_files_are_read_as_the_file_they_hold(
    files, gunzip, tmp_path, monkeypatch
):
    """NAME.EXT.gz reads as NAME.EXT (the same rows), named as the .gz; a
    broken .gz and one that unpacks beyond the size limit are refused."""
    import numpy as np

    packed = data.read(files / "biologic_cv_first700.mpt.gz")
    plain = data.read(gunzip("biologic_cv_first700.mpt.gz"))
    assert packed.n_rows == plain.n_rows == 700
    assert np.array_equal(packed["Voltage [V]"], plain["Voltage [V]"])
    assert packed.summary["Source file"] == "biologic_cv_first700.mpt.gz"
    broken = tmp_path / "run.mpt.gz"
    broken.write_bytes(b"not gzip at all")
    with pytest.raises(DataError, match="gzip-compressed"):
        data.read(broken)
    gz = files / "biologic_cv_first700.mpt.gz"  # the .gz itself allowed
    monkeypatch.setattr(data_files, "MAX_FILE_BYTES", gz.stat().st_size + 1)
    with pytest.raises(DataError, match="unpacks to more than"):
        data.read(gz)
