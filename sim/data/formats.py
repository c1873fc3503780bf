"""Which reader a file needs: by ``fmt`` name, or from its extension and first
bytes.

==============  ==============================================  ==============
format          files                                           needs extra
==============  ==============================================  ==============
biologic-mpr    BioLogic EC-Lab binary data (.mpr)              galvani
biologic-mpt    BioLogic EC-Lab text export (.mpt, .txt)        --
neware-nda      Neware BTS (.nda)                               NewareNDA
neware-ndax     Neware BTS 8+ (.ndax)                           NewareNDA
arbin-res       Arbin MITS Pro database (.res)                  access-parser
arbin-xlsx      Arbin .xlsx export                              openpyxl
arbin-csv       Arbin .csv export                               --
landt-xlsx      Landt / LANHE .xlsx export                      openpyxl
csv, tsv        "Name [unit]" columns, or any with a mapping    --
==============  ==============================================  ==============
"""

from __future__ import annotations

import csv

from sim.data import arbin, biologic, generic, landt, neware
from sim.data.files import checked_path, gunzipped
from sim.data.tabular import Table, read_workbook
from sim.errors import DataError

FORMATS = {
    "biologic-mpr": "BioLogic EC-Lab binary data file (.mpr)",
    "biologic-mpt": "BioLogic EC-Lab text export (.mpt)",
    "neware-nda": "Neware BTS file (.nda)",
    "neware-ndax": "Neware BTS file (.ndax)",
    "arbin-res": "Arbin MITS Pro database (.res)",
    "arbin-xlsx": "Arbin .xlsx export",
    "arbin-csv": "Arbin .csv export",
    "landt-xlsx": "Landt/LANHE .xlsx export",
    "csv": "CSV with 'Name [unit]' columns (or a column mapping)",
    "tsv": "tab-separated text with 'Name [unit]' columns (or a column mapping)",
}
"""Format name -> what it is."""

_BY_EXTENSION = {
    ".mpr": "biologic-mpr",
    ".mpt": "biologic-mpt",
    ".nda": "neware-nda",
    ".ndax": "neware-ndax",
    ".res": "arbin-res",
    ".tsv": "tsv",
}


def _expected():
    return ", ".join(FORMATS)


def detect(path):
    """The format name of a file, from its extension and its first bytes."""
    path = checked_path(path)
    ext = path.suffix.lower()
    with path.open("rb") as f:
        head = f.read(64)
    if head.startswith(biologic.MPR_MAGIC):
        return "biologic-mpr"
    if head.startswith(biologic.MPT_MAGIC.encode()):
        return "biologic-mpt"
    if ext in _BY_EXTENSION:
        return _BY_EXTENSION[ext]
    if ext == ".xlsx":
        sheets, book = read_workbook(path, "an .xlsx export")
        book.close()
        names = [n.lower().replace(" ", "") for n in sheets]
        if any(n.startswith("record") for n in names):
            return "landt-xlsx"
        if any(n.startswith("channel") for n in names):
            return "arbin-xlsx"
        raise DataError(
            f"cannot tell which cycler wrote {path}: expected an Arbin export "
            "('Channel...' sheets) or a Landt/LANHE export ('Record-Tab' sheet); "
            f"sheets: {list(sheets)}; give --format"
        )
    if ext in (".csv", ".txt"):
        with path.open("rb") as f:
            first = f.read(65536).decode("latin-1").lstrip("\ufeff\xef\xbb\xbf")
        first = first.splitlines()[0] if first else ""
        delimiter = "\t" if "\t" in first else ","
        header = Table(
            next(csv.reader([first], delimiter=delimiter), []), [], path.name
        )
        if "time/s" in header.names:
            return "biologic-mpt"
        if arbin.is_export(header):
            return "arbin-csv"
        return "tsv" if delimiter == "\t" else "csv"
    raise DataError(
        f"cannot tell the format of {path} from its extension {ext or '(none)'!r}: "
        f"give one of the formats {_expected()}"
    )


def _tab_separated(path):
    if path.suffix.lower() == ".tsv":
        return True
    with path.open("rb") as f:
        first = f.read(65536).decode("latin-1").splitlines()
    return bool(first) and "\t" in first[0]


def read(path, fmt=None, *, mapping=None):
    """Read a measured-data file into a :class:`sim.result.Result`.

    Args:
        path: the file; ``NAME.EXT.gz`` is unpacked (into a temporary
            folder, at most :data:`~sim.data.files.MAX_FILE_BYTES`) and read
            as ``NAME.EXT``.
        fmt: a format name (:data:`FORMATS`); None: detected from the file.
        mapping: for ``csv``/``tsv`` only, standard name -> the file's column
            (or ``(column, factor)``), see :mod:`sim.data.generic`; with a
            mapping and no ``fmt``, the file is read as ``tsv`` if its first
            line has a tab (or it ends in .tsv), else as ``csv``.

    Raises:
        DataError: a missing, empty, too large, unknown, truncated or corrupt
            file, or an optional reader that is not installed (the message
            names the extra to install).
    """
    path = checked_path(path)
    if path.suffix.lower() == ".gz":  # NAME.EXT.gz: the file it holds
        with gunzipped(path) as inner:
            run = read(inner, fmt, mapping=mapping)
        run.summary["Source file"] = path.name
        return run
    if fmt is None and mapping:  # a mapping is for a plain table
        fmt = "tsv" if _tab_separated(path) else "csv"
    if fmt is None:
        fmt = detect(path)
    fmt = str(fmt).lower()
    if fmt not in FORMATS:
        raise DataError(f"unknown data format {fmt!r}; formats: {_expected()}")
    if mapping is not None and fmt not in ("csv", "tsv"):
        raise DataError(f"a column mapping is for csv/tsv files, not {fmt!r}")
    if fmt == "biologic-mpr":
        return biologic.read_mpr(path)
    if fmt == "biologic-mpt":
        return biologic.read_mpt(path)
    if fmt in ("neware-nda", "neware-ndax"):
        return neware.read_neware(path, fmt)
    if fmt == "arbin-res":
        return arbin.read_res(path)
    if fmt == "arbin-xlsx":
        return arbin.read_export_xlsx(path)
    if fmt == "arbin-csv":
        return arbin.read_export_csv(path)
    if fmt == "landt-xlsx":
        return landt.read_landt_xlsx(path)
    return generic.read_generic(path, fmt, mapping)
