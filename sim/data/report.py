"""The text ``sim data FILE`` prints: what the file is, its gaps, segments,
protocols and per-cycle capacities."""

from __future__ import annotations

import numpy as np

from sim.data.cycles import cycle_table
from sim.data.segments import detect_protocol

MAX_LISTED = 40
"""Most segments (and gaps, and cycles) listed one per line."""


def _duration(seconds):
    if seconds >= 3600:
        return f"{seconds:.6g} s ({seconds / 3600:.3g} h)"
    return f"{seconds:.6g} s"


def _rows(header, rows):
    widths = [max(len(h), *(len(r[k]) for r in rows)) for k, h in enumerate(header)]
    out = ["  " + "  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True))]
    out += [
        "  " + "  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True))
        for r in rows
    ]
    return out


def _simulated_as(result, found):
    """The protocol `sim fit` simulates the record with, in words."""
    from sim.data.protocol import protocol_from
    from sim.errors import DataError

    try:
        protocol = protocol_from(result, cycling=False, found=found)
    except DataError as exc:
        return f"not mapped ({str(exc).split(': ', 1)[-1].split(' (found')[0]})"
    name = type(protocol).__name__
    if name == "MeasuredControl":
        return (
            f"MeasuredControl: driven by its own logged {protocol.control} "
            f"({len(protocol.times)} samples)"
        )
    if name == "ExperimentSteps":
        n = len(protocol.steps)
        return f"ExperimentSteps: {n} ideal step{'s' if n != 1 else ''}"
    return name


def _more(n):
    return [f"  ... {n - MAX_LISTED} more"] if n > MAX_LISTED else []


def describe(result):
    """Lines of text describing a measured Result."""
    s = result.summary
    lines = [
        f"file: {s.get('Source file', '?')}",
        f"instrument: {s.get('Instrument', '?')} (read as {s.get('Format', '?')})",
        f"rows: {result.n_rows}",
        f"duration: {_duration(s.get('Duration [s]', 0.0))}",
    ]
    for key in ("Test name", "Schedule", "Active mass [g]"):
        if key in s:
            lines.append(f"{key[0].lower() + key[1:]}: {s[key]}")
    gaps = result.table("gaps") if "gaps" in result.tables else {"Row": []}
    n_gaps = len(gaps["Row"])
    if not n_gaps:
        lines.append("logging gaps: none")
    else:
        lines.append(
            f"logging gaps: {n_gaps}, longest {s['Longest gap [s]']:.6g} s "
            "(no capacity is integrated across a gap)"
        )
        lines += _rows(
            ["start [s]", "duration [s]", "typical interval [s]"],
            [
                [f"{a:.6g}", f"{b:.6g}", f"{c:.3g}"]
                for a, b, c in list(
                    zip(
                        gaps["Start time [s]"],
                        gaps["Duration [s]"],
                        gaps["Typical interval [s]"],
                        strict=True,
                    )
                )[:MAX_LISTED]
            ],
        ) + _more(n_gaps)
    found = detect_protocol(result)
    counts = ", ".join(f"{n} {k}" for k, n in found.counts().items()) or "none"
    lines.append(f"segments: {counts}")
    if found.segments:
        lines += _rows(
            [
                "#",
                "kind",
                "start [s]",
                "duration [s]",
                "current [A]",
                "V start",
                "V end",
            ],
            [
                [
                    str(k),
                    seg.kind,
                    f"{seg.start_time:.6g}",
                    f"{seg.duration:.6g}",
                    f"{seg.current:.4g}",
                    f"{seg.v_start:.4f}",
                    f"{seg.v_end:.4f}",
                ]
                for k, seg in enumerate(found.segments[:MAX_LISTED], start=1)
            ],
        ) + _more(len(found.segments))
    detected = []
    if found.sweeps:
        low, high = found.vertices
        detected.append(
            f"CV: {len(found.sweeps)} sweeps at {found.scan_rate * 1e3:.4g} mV/s "
            f"between {low:.4f} V and {high:.4f} V"
        )
    if found.pulses:
        p = found.pulses
        detected.append(
            f"GITT: {len(p['Pulse'])} pulses of {np.median(np.abs(p['Current [A]'])):.4g}"
            f" A for {np.median(p['Pulse time [s]']):.6g} s, rests "
            f"{np.median(p['Rest time [s]']):.6g} s"
        )
    if found.cccv:
        detected.append(f"CC-CV: {len(found.cccv)} constant-voltage holds after CC")
    if found.spectra:
        detected.append(f"EIS: {len(found.spectra)} impedance spectra")
    lines.append(
        "protocols: " + ("; ".join(detected) if detected else "none recognised")
    )
    lines.append(f"simulated as: {_simulated_as(result, found)}")
    if "Current [A]" in result or "Charge capacity [A.h]" in result:
        table = cycle_table(result)
        n = len(table["Cycle number"])
        lines.append(f"cycles: {n} (capacity from {table['Capacity source'][0]})")
        lines += _rows(
            ["cycle", "charge [A.h]", "discharge [A.h]", "start [s]", "end [s]"],
            [
                [
                    str(c),
                    f"{q_c:.6g}",
                    f"{q_d:.6g}",
                    f"{a:.6g}",
                    f"{b:.6g}",
                ]
                for c, q_c, q_d, a, b in list(
                    zip(
                        table["Cycle number"],
                        table["Charge capacity [A.h]"],
                        table["Discharge capacity [A.h]"],
                        table["Start time [s]"],
                        table["End time [s]"],
                        strict=True,
                    )
                )[:MAX_LISTED]
            ],
        ) + _more(n)
    return lines
