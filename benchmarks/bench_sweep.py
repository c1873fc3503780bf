"""Benchmark (not a test): design studies (``sim sweep``), points per second,
each beside the naive loop that builds a ``pybamm.Simulation`` per point,
measured in the same run.

1. CPCSE conductivity at 25 and 60 degC vs filler loading and shell thickness
   (``ElectrolyteConductivity``; the filler enters the conductivity through the
   parameter set's effective-medium functions, so every point converts the
   set): the sweep against a loop that makes a fresh model and values per point
   and runs the same protocol.
2. Li | CPCSE | LFP 1 C discharge vs the two interphase resistances and t+ (all
   solve-time inputs: one build): the sweep in this process, and on a local
   Dask cluster of 2 workers, against a loop building
   ``pybamm.Simulation(model, parameter_values, experiment)`` per point.
   Target: >= 20 points per second per core.
3. SbQD@C one cycle at 1 A/g vs the Sb diffusivity and rate constant (inputs):
   the sweep against the naive loop.
4. 1000 points (Li | CPCSE | LFP 1 C) with 5 % injected failures (t+ outside
   (0, 1)): ``sim sweep`` is killed (SIGKILL) at about half, then resumed: every
   point recorded once, the failures with their reason, and the time the resume
   took.

Run: python benchmarks/bench_sweep.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq
import pybamm

from sim.protocols import simulate
from sim.studies.sampling import study_points
from sim.studies.spec import Study
from sim.studies.store import read_parts
from sim.studies.sweep import sweep

CONDUCTIVITY = """
[study]
name = "bench: CPCSE conductivity"
model = "SymmetricLithiumCell"
parameter_set = "CPCSE"
[protocol]
type = "ElectrolyteConductivity"
temperatures_c = [25.0, 60.0]
[[parameters]]
name = "Filler loading [wt%]"
range = [0.5, 6.0]
points = {n}
[[parameters]]
name = "Interfacial shell thickness [m]"
values = [0.5e-9, 1e-9]
[[metrics]]
name = "conductivity at 60 C"
kind = "conductivity"
temperature_c = 60.0
"""

LFP = """
[study]
name = "bench: LFP 1C"
model = "LFPSolidStateCell"
parameter_set = "Li|CPCSE|LFP"
[protocol]
type = "ExperimentSteps"
steps = ["Discharge at 1C until 2.5 V"]
[sampling]
method = "latin hypercube"
points = {n}
seed = 1
[[parameters]]
name = "Lithium interphase resistance [Ohm.m2]"
range = [0.001, 0.05]
points = 2
scale = "log"
[[parameters]]
name = "Cathode interphase resistance [Ohm.m2]"
range = [0.001, 0.05]
points = 2
scale = "log"
[[parameters]]
name = "Cation transference number"
range = [0.2, 0.8]
points = 2
[[metrics]]
name = "capacity"
kind = "final value"
column = "Capacity [A.h]"
"""

SBQD = """
[study]
name = "bench: SbQD@C 1 A/g"
model = "SbCarbonHalfCell"
parameter_set = "SbQD@C"
[protocol]
type = "GalvanostaticCycling"
specific_current = 1.0
cycles = 1
[sampling]
method = "latin hypercube"
points = {n}
seed = 1
[[parameters]]
name = "Sb diffusivity [m2.s-1]"
range = [1e-16, 2e-15]
points = 2
scale = "log"
[[parameters]]
name = "Sb rate constant [m.s-1]"
range = [3e-12, 3e-11]
points = 2
scale = "log"
[[metrics]]
name = "capacity"
kind = "table value"
table = "Cycles"
column = "Reversible capacity [mA.h.g-1]"
"""

FAILURES = """
[study]
name = "bench: 1000 points, 5 % failures"
model = "LFPSolidStateCell"
parameter_set = "Li|CPCSE|LFP"
[protocol]
type = "ExperimentSteps"
steps = ["Discharge at 1C until 2.5 V"]
[[parameters]]
name = "Cation transference number"
values = [0.2, 0.23, 0.26, 0.29, 0.32, 0.35, 0.38, 0.41, 0.44, 0.47,
          0.5, 0.53, 0.56, 0.59, 0.62, 0.65, 0.68, 0.71, 0.74, 1.5]
[[parameters]]
name = "Lithium interphase resistance [Ohm.m2]"
range = [0.001, 0.05]
points = 50
scale = "log"
[[metrics]]
name = "capacity"
kind = "final value"
column = "Capacity [A.h]"
"""


def study_of(text, folder, name):
    path = Path(folder) / f"{name}.toml"
    path.write_text(text)
    return Study.from_file(path), path


def swept(study, folder, **kw):
    t0 = time.perf_counter()
    out = sweep(study, folder, stream=open(os.devnull, "w"), **kw)
    seconds = time.perf_counter() - t0
    return len(out.table) / seconds, out


def naive(study, n, experiment=None):
    """Points per second of a loop that builds a pybamm.Simulation per point
    (or, without an experiment, runs the protocol on fresh model and values)."""
    points = study_points(study)[:n]
    ps = study.parameter_set_object()
    t0 = time.perf_counter()
    for point in points:
        pv = ps.updated(point).to_pybamm()
        model = study.make_model()
        if experiment is None:
            simulate(model, pv, study.make_protocol())
        else:
            sim = pybamm.Simulation(
                model, parameter_values=pv, experiment=experiment(pv)
            )
            sim.solve()
    return n / (time.perf_counter() - t0)


def report(what, sweep_rate, naive_rate, extra=""):
    print(
        f"{what}: sweep {sweep_rate:.3g} points/s, naive loop {naive_rate:.3g} "
        f"points/s, ratio {sweep_rate / naive_rate:.2f}{extra}",
        flush=True,
    )


def parts_rows(folder):
    return sum(
        pq.read_metadata(p).num_rows for p in (Path(folder) / "points").glob("part-*")
    )


def kill_and_resume(path, folder):
    cmd = [sys.executable, "-m", "sim", "sweep", str(path), "--out", str(folder)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while proc.poll() is None and parts_rows(folder) < 500:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    killed_at = parts_rows(folder)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    done = subprocess.run([*cmd, "--resume"], capture_output=True, text=True)
    resume = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"resume failed: {done.stderr}")
    ids = []
    for part in (Path(folder) / "points").glob("part-*.parquet"):
        ids += pq.read_table(part, columns=["point"])["point"].to_pylist()
    table = read_parts(Path(folder) / "points")
    failed = table[table["status"] == "failed"]
    reasons = set(failed["reason"].str.slice(0, 60))
    print(
        f"1000 points, 5 % injected failures: killed after {first:.1f} s with "
        f"{killed_at} points stored; resume took {resume:.1f} s (start-up "
        f"included); {len(ids)} rows in the files, {len(set(ids))} distinct "
        f"points (expected 1000), {len(failed)} failed (expected 50), reasons: "
        f"{sorted(reasons)}",
        flush=True,
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer points")
    args = parser.parse_args(argv)
    q = args.quick
    with tempfile.TemporaryDirectory() as tmp:
        study, _ = study_of(CONDUCTIVITY.format(n=25 if q else 100), tmp, "cond")
        rate, _ = swept(study, Path(tmp) / "cond")
        report("CPCSE conductivity (25 and 60 degC)", rate, naive(study, 20))

        study, _ = study_of(LFP.format(n=100 if q else 400), tmp, "lfp")
        rate, out = swept(study, Path(tmp) / "lfp")
        steps = study.make_protocol().steps

        def lfp_experiment(pv):
            return pybamm.Experiment(list(steps))

        naive_rate = naive(study, 10 if q else 20, lfp_experiment)
        report(
            "Li|CPCSE|LFP 1 C discharge, 1 process",
            rate,
            naive_rate,
            f" (inputs: {len(out.inputs)} of 3 axes; target >= 20 points/s per core)",
        )
        rate2, _ = swept(study, Path(tmp) / "lfp-dask", workers=2)
        print(
            f"Li|CPCSE|LFP 1 C discharge, Dask LocalCluster 2 workers: "
            f"{rate2:.3g} points/s ({rate2 / 2:.3g} per core; cluster start-up "
            "included)",
            flush=True,
        )

        study, _ = study_of(SBQD.format(n=8 if q else 32), tmp, "sbqd")
        rate, out = swept(study, Path(tmp) / "sbqd")

        def sb_experiment(pv):
            from sim.specific_units import experiment_steps

            return pybamm.Experiment(
                list(
                    experiment_steps(
                        (
                            "Discharge at 1 A/g until 0.01 V",
                            "Charge at 1 A/g until 2.5 V",
                        ),
                        pv,
                    )
                )
            )

        report(
            "SbQD@C one cycle at 1 A/g",
            rate,
            naive(study, 3 if q else 6, sb_experiment),
            f" (inputs: {len(out.inputs)} of 2 axes)",
        )

        _, path = study_of(FAILURES, tmp, "failures")
        kill_and_resume(path, Path(tmp) / "failures")


if __name__ == "__main__":
    main()
