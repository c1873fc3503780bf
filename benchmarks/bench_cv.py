"""Benchmark (not a test): time to build the Sb/C model for a CV, and time of one
CV cycle at 0.1 mV/s (2.5 -> 0.01 -> 2.5 V) once it is built (``simulate``
re-solves the built model, :mod:`sim.protocols.contract`).

Run: python benchmarks/bench_cv.py
"""

import time

from sim import parameters
from sim.models.sb_carbon import SbCarbonHalfCell
from sim.protocols import CyclicVoltammetry, clear_cache, simulate


def main(repeats=5):
    pv = parameters.get("SbQD@C").to_pybamm()
    protocol = CyclicVoltammetry(2.5, 0.01, 1e-4, cycles=1)
    model = SbCarbonHalfCell()

    clear_cache()
    t0 = time.perf_counter()
    first = simulate(model, pv, protocol)
    t_first = time.perf_counter() - t0
    print(f"first call (build both sweep models, discretise, solve): {t_first:.2f} s")

    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        res = simulate(model, pv, protocol)
        times.append(time.perf_counter() - t0)
    assert set(res["Step number"]) == {1, 2} and res.n_rows == first.n_rows
    print(
        f"one CV cycle at 0.1 mV/s after build: best {min(times):.3f} s, "
        f"median {sorted(times)[len(times) // 2]:.3f} s over {repeats} runs"
    )
    print(f"states per sweep model: {res.solution.y.shape[0]}")


if __name__ == "__main__":
    main()
