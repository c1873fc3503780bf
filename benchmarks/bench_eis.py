"""Benchmark (not a test): impedance of the Sb/C model. Times the protocol that
reaches the Fig. 6 states (ten formation cycles, seven stops with rests), the
one-off build of the EIS model, one spectrum (57 frequencies) per state, and the
equivalent-circuit fit of one spectrum.

Run: python benchmarks/bench_eis.py
"""

import time

from sim.experiments.qiu2021_fig6_impedance import PROTOCOL

from sim import parameters
from sim.analysis.circuit_fit import fit_circuit
from sim.models.sb_carbon import (
    SbCarbonHalfCell,
)
from sim.protocols import clear_cache, simulate


def main():
    for material in ("SbQD@C", "commercial Sb"):
        ps = parameters.get(material)
        clear_cache()  # time the builds too
        res = simulate(
            SbCarbonHalfCell(ps.model_options),
            ps.to_pybamm(),
            PROTOCOL,
        )
        spectra, t = res.summary["spectra"], res.summary["timings [s]"]
        n = len(spectra)
        t0 = time.perf_counter()
        for s in spectra:
            fit_circuit(s.frequency, s.impedance)
        t_fit = (time.perf_counter() - t0) / n
        print(
            f"{material}: protocol {t['protocol']:.2f} s, EIS build {t['build']:.2f} s, "
            f"{n} spectra of {len(spectra[0].frequency)} frequencies "
            f"{t['spectra']:.2f} s ({t['spectra'] / n * 1e3:.0f} ms each), "
            f"circuit fit {t_fit * 1e3:.0f} ms per spectrum"
        )


if __name__ == "__main__":
    main()
