"""Reading resistances off impedance spectra, as an experimenter does (plain arrays:
works on measured spectra too).

* :func:`bulk_resistance`: blocking electrodes (SS | electrolyte | SS). The spectrum
  is a bulk arc (often above the measured frequencies for conductive films) and a
  low-frequency double-layer spike. The bulk resistance is where the spike meets
  the real axis: a straight line ``Z' = R_b + s (-Z'')`` is fitted to the spike
  (from the lowest frequency up to the valley between spike and arc, where
  ``-Z''`` stops falling) and extrapolated to ``-Z'' = 0``.
* :func:`interfacial_resistance`: non-blocking Li electrodes (Li | electrolyte |
  Li), for the Bruce-Vincent method. The high-frequency real part is the bulk
  resistance; the
  interfacial arc(s) end where ``-Z''`` has its minimum before the diffusion branch
  rises; the interfacial resistance is the real part there minus the bulk.

Impedances in Ohm, ``Z = Z' + j Z''`` (capacitive: ``Z'' < 0``).
"""

from __future__ import annotations

import numpy as np

from sim.analysis._arrays import paired_arrays
from sim.errors import DataError


def _spectrum(frequency, impedance):
    f, _ = paired_arrays(
        frequency, np.abs(impedance), ("frequency", "impedance"), 5, "a spectrum"
    )
    z = np.asarray(impedance, dtype=complex)
    if np.any(f <= 0):
        raise DataError("frequencies must be > 0 Hz")
    order = np.argsort(f)[::-1]  # high to low frequency
    return f[order], z[order]


def bulk_resistance(frequency, impedance, min_spike_points=3):
    """Bulk resistance [Ohm] of a blocking-electrode spectrum: the real-axis
    intercept of the low-frequency spike (linear fit of Z' against -Z'').

    Raises:
        DataError: On malformed input, or if the spectrum has no capacitive spike
            (fewer than ``min_spike_points`` points below the minimum of -Z'').
    """
    f, z = _spectrum(frequency, impedance)
    mz = -z.imag
    # walk up in frequency from the lowest one while -Z'' falls: the spike ends
    # at the valley between it and the bulk arc (or at the highest frequency)
    k = len(mz) - 1
    while k > 0 and mz[k - 1] < mz[k]:
        k -= 1
    spike = slice(k, None)
    if len(mz) - k < min_spike_points or mz[-1] <= 0:
        raise DataError(
            "no capacitive spike at low frequency: -Z'' must rise towards low "
            f"frequency over at least {min_spike_points} points (found {len(mz) - k}"
            "); is this a blocking-electrode spectrum?"
        )
    slope, intercept = np.polyfit(mz[spike], z.real[spike], 1)
    return float(intercept)


def interfacial_resistance(frequency, impedance):
    """``(R_bulk, R_interface)`` [Ohm] of a Li | electrolyte | Li spectrum: R_bulk is
    the high-frequency real part (where ``-Z''`` is smallest above the arcs), and
    R_interface the real part at the minimum of ``-Z''`` between the interfacial
    arcs and the low-frequency diffusion branch (the deepest interior local
    minimum), minus R_bulk. The highest frequency must lie above the interfacial
    arcs (its real part is taken as the bulk resistance).

    Raises:
        DataError: If no such minimum exists inside the measured range.
    """
    f, z = _spectrum(frequency, impedance)
    mz = -z.imag
    inner = 1 + np.flatnonzero((mz[1:-1] < mz[:-2]) & (mz[1:-1] <= mz[2:]))
    if inner.size == 0:
        raise DataError(
            "no minimum of -Z'' between the interfacial arc and the diffusion "
            "branch inside the measured frequencies; extend the range downwards"
        )
    valley = int(inner[np.argmin(mz[inner])])  # the deepest one
    r_bulk = float(z.real[0])
    return r_bulk, float(z.real[valley] - r_bulk)


__all__ = ["bulk_resistance", "interfacial_resistance"]
