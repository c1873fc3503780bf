"""Benchmark (not a test): time to build the Sb/C model, and time of one CV cycle at
0.1 mV/s (2.5 -> 0.01 -> 2.5 V) after the model is built.

Run: python benchmarks/bench_cv.py
"""

import time

import pybamm

from sim import parameters
from sim.models.sb_carbon import SbCarbonHalfCell, parameter_values
from sim.protocols import CyclicVoltammetry


def main(repeats=5):
    pv = parameter_values(parameters.get("SbQD@C"))
    protocol = CyclicVoltammetry(2.5, 0.01, 1e-4, cycles=1)

    t0 = time.perf_counter()
    sim = pybamm.Simulation(
        SbCarbonHalfCell(), parameter_values=pv, experiment=protocol.experiment()
    )
    sim.build_for_experiment()
    t_build = time.perf_counter() - t0
    print(f"build (both sweep models, discretised): {t_build:.2f} s")

    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        sol = sim.solve()
        times.append(time.perf_counter() - t0)
    assert len(sol.cycles) == 2
    print(
        f"one CV cycle at 0.1 mV/s after build: best {min(times):.3f} s, "
        f"median {sorted(times)[len(times) // 2]:.3f} s over {repeats} runs"
    )
    n = sol.y.shape[0] if hasattr(sol, "y") else "?"
    print(f"states per sweep model: {n}")


if __name__ == "__main__":
    main()
