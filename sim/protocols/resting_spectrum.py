"""The impedance spectrum of a cell at rest in its start state: what an
experimenter measures on a fresh cell (e.g. a blocking-electrode cell for the
bulk conductivity, or a symmetric cell before a polarization).

    simulate(BlockingElectrodeCell(), pv, RestingSpectrum(frequencies),
             inputs={"Ambient temperature [K]": 333.15})

PyBaMM's frequency-domain ``EISSimulation`` linearises the model about its start
state; it is built once per cell and re-solved for every set of ``inputs`` (so a
temperature series costs one build). The model must report a differential or
algebraic surface form (its double layers are states), as PyBaMM requires.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pybamm

from sim.errors import ProtocolError
from sim.protocols import checks
from sim.protocols.contract import cached, runner
from sim.protocols.recording import result

MAX_FREQUENCIES = 10_000


@dataclass(frozen=True)
class RestingSpectrum:
    """Impedance at ``frequencies`` [Hz] (finite, > 0, at most 10 000 of them)."""

    frequencies: tuple

    def __post_init__(self):
        try:
            freqs = tuple(float(f) for f in np.atleast_1d(self.frequencies))
        except (TypeError, ValueError):
            raise ProtocolError(
                f"frequencies = {self.frequencies!r}: give numbers in Hz"
            ) from None
        if not 1 <= len(freqs) <= MAX_FREQUENCIES:
            raise ProtocolError(
                f"{len(freqs)} frequencies: give 1 to {MAX_FREQUENCIES}"
            )
        freqs = tuple(checks.real("frequency [Hz]", f, high=1e9) for f in freqs)
        checks.setattrs(self, frequencies=freqs)


@runner(RestingSpectrum)
def simulate_resting_spectrum(cell, protocol):
    """Columns: "Frequency [Hz]", "Z_re [Ohm]", "Z_im [Ohm]" (no solution)."""
    surface_form = cell.model.options.get("surface form", "false")
    if surface_form not in ("differential", "algebraic"):
        raise ProtocolError(
            f"{type(cell.model).__name__} has no double layer to linearise "
            f"(surface form {surface_form!r}): its impedance is not defined here"
        )

    def build():
        return pybamm.EISSimulation(cell.model, cell.parameter_values)

    eis = cached(cell, ("resting spectrum",), build)
    freqs = np.asarray(protocol.frequencies)
    z = np.asarray(eis.solve(freqs, inputs=cell.inputs or None).impedance)
    columns = {"Frequency [Hz]": freqs, "Z_re [Ohm]": z.real, "Z_im [Ohm]": z.imag}
    return result(cell, protocol, None, columns)
