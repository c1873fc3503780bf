"""Measured data in: cycler files read into the project's one data type,
:class:`sim.result.Result`, with the standard columns in PyBaMM's sign.

    from sim import data
    run = data.read("cell.mpr")              # format detected from the file
    data.segments(run)                       # rests, CC steps, CV sweeps, ...
    data.cycle_table(run)                    # charge/discharge capacity per cycle
    data.protocol_from(run)                  # the matching project protocol

Readers (:mod:`sim.data.formats`): BioLogic .mpr/.mpt, Neware .nda/.ndax,
Arbin .res and .xlsx/.csv exports, Landt/LANHE .xlsx exports, generic CSV/TSV.
The binary formats and .xlsx use well-kept third-party readers, installed as
the optional ``data`` extra (``pip install -e ".[data]"``): galvani (BioLogic
.mpr; GPL-3.0-or-later, hence an optional extra only, never a core
dependency), NewareNDA (BSD-3-Clause), access-parser (Apache-2.0) and openpyxl
(MIT). A reader that is not installed gives one error naming the extra.
"""

from sim.data.cycles import cycle_table  # noqa: F401
from sim.data.files import MAX_FILE_BYTES  # noqa: F401
from sim.data.formats import FORMATS, detect, read  # noqa: F401
from sim.data.gaps import find_gaps  # noqa: F401
from sim.data.protocol import measured_control, protocol_from  # noqa: F401
from sim.data.segments import detect_protocol, segments  # noqa: F401

__all__ = [
    "FORMATS",
    "MAX_FILE_BYTES",
    "cycle_table",
    "detect",
    "detect_protocol",
    "find_gaps",
    "measured_control",
    "protocol_from",
    "read",
    "segments",
]
