"""BioLogic EC-Lab files: text exports (.mpt) and binary data files (.mpr).

.mpt (EC-Lab "Export as text"): a first line ``EC-Lab ASCII FILE``, a line
``Nb header lines : N``, the settings, then one tab-separated row of column
names (``time/s``, ``Ewe/V``, ``I/mA``, ``Ns``, ``cycle number``, ...) and the
data (latin-1 text; a decimal comma is accepted). An export without the header
block (starting at the column names) is read as well. The parser here is the
project's own (plain text, no optional package).

.mpr (EC-Lab's binary modular file) is read with galvani
(https://github.com/echemdata/galvani), an optional extra. galvani is licensed
under the GPL-3.0-or-later: it is never a core dependency of this project
(BSD-3-Clause); install it yourself with ``pip install -e ".[data]"``.

Signs (EC-Lab manual, "Current convention"): EC-Lab records oxidation (anodic)
current positive, so the current is flipped into PyBaMM's sign (reduction of
the working electrode = discharge > 0). EC-Lab's "Q discharge" counts the
reduction charge, its "Q charge" the oxidation charge; the signed per-half-cycle
counter ``Q charge/discharge/mA.h`` of .mpr files is split into the two.
A file without a current column (some .mpr files) gets its current from
``dq/mA.h`` (the charge of each logged interval) divided by the interval.
``cycle number`` (0-based) and ``Ns`` (0-based sequence) are kept as cycle
number + 1 and step index (a file with only ``half cycle`` numbers gets cycle
number = half cycle // 2 + 1); impedance ``-Im(Z)/Ohm`` becomes ``Z_im [Ohm]`` =
Im(Z).
"""

from __future__ import annotations

import re

import numpy as np

from sim.data.files import optional, parse_error, quiet
from sim.data.standard import measured
from sim.errors import DataError

MPT_MAGIC = "EC-Lab ASCII FILE"
MPR_MAGIC = b"BIO-LOGIC MODULAR FILE"
MAX_HEADER_LINES = 10_000

VOLTAGE = ("Ewe/V", "<Ewe>/V", "Ecell/V", "<Ecell>/V", "Ewe-Ece/V")
CURRENT = ("I/mA", "<I>/mA")


def _pick(get, names):
    for name in names:
        values = get(name)
        if values is not None:
            return values
    return None


def standard_columns(get):
    """Standard columns from a lookup ``get(biologic_name) -> array or None``."""
    mA_h = 1e-3  # mA.h -> A.h
    cols = {"Time [s]": get("time/s")}
    cols["Voltage [V]"] = _pick(get, VOLTAGE)
    current = _pick(get, CURRENT)
    if current is not None:
        cols["Current [A]"] = -1e-3 * current  # oxidation > 0 in EC-Lab
    elif get("dq/mA.h") is not None and cols["Time [s]"] is not None:
        # some .mpr files have no current column: the charge passed in each
        # interval over its length (mA.h -> C is x 3.6)
        dq, t = get("dq/mA.h"), cols["Time [s]"]
        dt = np.diff(t, prepend=t[:1])
        with np.errstate(divide="ignore", invalid="ignore"):
            i = np.where(dt > 0, 3.6 * dq / dt, np.nan)
        if len(i) > 1:
            i[0] = i[1]
        cols["Current [A]"] = -i
    cycle = get("cycle number")
    if cycle is not None and len(cycle):
        # EC-Lab counts from 0 in most techniques, from 1 in some (PEIS)
        cols["Cycle number"] = cycle + 1 if np.nanmin(cycle) == 0 else cycle
    elif get("half cycle") is not None:
        cols["Cycle number"] = get("half cycle") // 2 + 1  # two half cycles each
    ns = get("Ns")
    if ns is not None:
        cols["Step index"] = ns
    q_ch, q_dis = get("Q charge/mA.h"), get("Q discharge/mA.h")
    if q_ch is not None and q_dis is not None:
        cols["Charge capacity [A.h]"] = mA_h * q_ch
        cols["Discharge capacity [A.h]"] = mA_h * q_dis
    else:
        q = get("Q charge/discharge/mA.h")
        if q is not None:
            cols["Charge capacity [A.h]"] = mA_h * np.maximum(q, 0.0)
            cols["Discharge capacity [A.h]"] = mA_h * np.maximum(-q, 0.0)
    freq = get("freq/Hz")
    if freq is not None:
        re_z, minus_im = get("Re(Z)/Ohm"), get("-Im(Z)/Ohm")
        if re_z is None or minus_im is None:
            raise DataError("BioLogic impedance data without Re(Z)/Ohm, -Im(Z)/Ohm")
        eis = freq > 0
        cols["Frequency [Hz]"] = np.where(eis, freq, np.nan)
        cols["Z_re [Ohm]"] = np.where(eis, re_z, np.nan)
        cols["Z_im [Ohm]"] = np.where(eis, -minus_im, np.nan)
    return {k: v for k, v in cols.items() if v is not None}


def _number(text):
    text = text.strip()
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # decimal comma (European locale)
    return float(text)


def read_mpt(path):
    """Read an EC-Lab text export (.mpt) into a measured Result."""
    try:
        raw = path.read_bytes().decode("latin-1")
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc}") from None
    lines = raw.splitlines()
    device = None
    mass = None
    if lines and lines[0].strip() == MPT_MAGIC:
        match = re.match(
            r"Nb header lines\s*:\s*(\d+)", lines[1] if len(lines) > 1 else ""
        )
        if not match:
            raise DataError(
                f"cannot read {path} as a BioLogic .mpt file: line 2 must be "
                "'Nb header lines : N'"
            )
        n_header = int(match[1])
        if not 3 <= n_header <= min(len(lines), MAX_HEADER_LINES):
            raise DataError(
                f"cannot read {path} as a BioLogic .mpt file: it says {n_header} "
                f"header lines but has {len(lines)} lines (truncated?)"
            )
        for line in lines[: n_header - 1]:
            if line.startswith("Device :"):
                device = line.split(":", 1)[1].strip()
            m = re.match(r"Characteristic mass\s*:\s*([-+\d.,eE]+)\s*(mg|g)\b", line)
            if m:
                mass = _number(m[1]) * (1e-3 if m[2] == "mg" else 1.0)
        names_line = n_header - 1
    elif lines and "time/s" in lines[0].split("\t"):
        names_line = 0
    else:
        raise DataError(
            f"cannot read {path} as a BioLogic .mpt file: expected a first line "
            f"'{MPT_MAGIC}' (or a row of EC-Lab column names with 'time/s')"
        )
    names = [n.strip() for n in lines[names_line].split("\t")]
    while names and not names[-1]:
        names.pop()
    if "time/s" not in names:
        raise DataError(f"cannot read {path}: BioLogic .mpt without a 'time/s' column")
    body = lines[names_line + 1 :]
    # at most one row per line: bounded by the file size, no growing lists
    data = np.empty((len(body), len(names)))
    n_rows = 0
    for number, line in enumerate(body, start=names_line + 2):
        if not line.strip():
            continue
        cells = line.split("\t")[: len(names)]
        if len(cells) < len(names):
            raise DataError(
                f"cannot read {path}: line {number} has {len(cells)} values, the "
                f"header has {len(names)} columns (truncated file?)"
            )
        try:
            data[n_rows] = [_number(c) for c in cells]
            n_rows += 1
        except ValueError:
            raise DataError(
                f"cannot read {path}: line {number} has a value that is not a number"
            ) from None
    data = data[:n_rows]
    index = {n: i for i, n in enumerate(names)}

    def get(name):
        return data[:, index[name]] if name in index else None

    instrument = f"BioLogic {device}" if device else "BioLogic (EC-Lab)"
    summary = {"Active mass [g]": mass} if mass else {}
    return measured(
        standard_columns(get),
        instrument=instrument,
        fmt="biologic-mpt",
        source=path.name,
        summary=summary,
    )


def read_mpr(path):
    """Read an EC-Lab binary data file (.mpr, with galvani) into a Result."""
    with path.open("rb") as f:
        magic = f.read(len(MPR_MAGIC))
    if magic != MPR_MAGIC:
        raise DataError(
            f"cannot read {path} as a BioLogic .mpr file: it does not start with "
            f"{MPR_MAGIC.decode()!r}"
        )
    biologic = optional("galvani.BioLogic", "BioLogic .mpr files")
    try:
        with quiet():
            mpr = biologic.MPRfile(str(path))
        data = mpr.data
        names = data.dtype.names or ()
    except Exception as exc:  # noqa: BLE001 -- any failure of the parser on the file
        raise parse_error(path, "a BioLogic .mpr file", exc) from None

    def get(name):
        return np.asarray(data[name], dtype=float) if name in names else None

    return measured(
        standard_columns(get),
        instrument="BioLogic (EC-Lab)",
        fmt="biologic-mpr",
        source=path.name,
    )
