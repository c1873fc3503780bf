"""Benchmark (not a test): the four long-cycling runs of Qiu2021 Fig. 7b,d, with the
default cycle skipping and with every cycle simulated.

Run: python benchmarks/bench_cycling.py [--every]
"""

import sys
import time

from sim.experiments.qiu2021_fig7bd_cycling import RUNS, SKIP, retention, simulate


def main(skip):
    total = 0.0
    for material, rate, cycles in RUNS:
        t0 = time.perf_counter()
        r = simulate(material, rate, cycles, skip=skip)
        dt = time.perf_counter() - t0
        total += dt
        print(
            f"{material:14s} {rate:4.1f} A/g {cycles:3d} cycles (skip {skip}): "
            f"{dt:5.1f} s, retention {retention(r):.2f} %"
        )
    print(f"total {total:.1f} s")


if __name__ == "__main__":
    main(1 if "--every" in sys.argv else SKIP)
