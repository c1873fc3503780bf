"""Benchmark (not a test): the speed targets of the project, each beside its
reference measured in the same run, with the ratio.

1. One CV cycle of the SbQD@C model (0.1 mV/s, 2.5 -> 0.01 -> 2.5 V) re-solved
   once built, against PyBaMM's own DFN half cell (Xu2019 NMC against Li,
   differential surface form) re-solving a CV of the same duration, the same
   output points and the same mesh sizes, with the same solver settings.
   Target: ratio <= 1.5.
2. One galvanostatic cycle (C/2 down to the lower cut-off, C/2 up to the upper)
   of the Li | CPCSE | LFP cell re-solved once built, against the same cycle of
   PyBaMM's DFN half cell (Xu2019), same solver settings. Target: ratio <= 1.2.
3. One GITT pulse fit (:func:`sim.analysis.titration.fit_pulse`, PyBOP's
   single-particle model) over the sodiation of the SbQD@C GITT record, each pulse
   timed (its titration's model build included in the first): median and
   slowest pulse. PyBOP is imported before the timing (a once-per-process cost,
   printed). Reference: the 2 s target.
4. ``sim reproduce`` cold (a fresh process: imports, builds, every experiment,
   two workers): wall time and the largest peak memory of one experiment.
   Reference: the 60 s and 2 GB targets. Skipped with ``--no-reproduce``.
5. The default test suite (``pytest``), wall time. Reference: 180 s. Run only
   with ``--tests`` (it takes about as long as its target).
6. A logged record re-solved with its own current
   (:class:`sim.protocols.MeasuredControl`, what ``sim fit`` uses for a file no
   ideal step describes) against the same record as its ideal steps
   (``ExperimentSteps``): the example hard-carbon half cell, five 1C cycles
   with rests, logged every 10 s. The project's own target: ratio <= 1.5. Also
   printed: the real Neware M50T record (first 25000 s, 25010 samples) driven
   by its own current through PyBaMM's DFN with Chen2020.

Run: python benchmarks/bench_speed.py [--no-reproduce] [--tests] [--repeats N]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pybamm

ROOT = Path(__file__).resolve().parents[1]
ROWS = []


def best_of(fn, repeats):
    """(best, median) wall time of ``fn()`` over ``repeats`` calls [s]."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), float(np.median(times))


def row(target, project, reference, limit, unit="s", reference_name=""):
    ratio = project / reference
    ROWS.append((target, project, reference, ratio, limit, unit, reference_name))
    ok = "meets" if ratio <= limit else "MISSES"
    print(
        f"{target}: project {project:.3f} {unit}, {reference_name} {reference:.3f} "
        f"{unit}, ratio {ratio:.2f} ({ok} the target ratio {limit:g})",
        flush=True,
    )


def _dfn_half_cell(surface_form):
    options = {"working electrode": "positive"}
    if surface_form:
        options["surface form"] = "differential"
    return pybamm.lithium_ion.DFN(options)


def _same_mesh(model, var_pts):
    """PyBaMM's DFN mesh with the point counts of the project model's mesh."""
    pts = dict(model.default_var_pts)
    pts.update(var_pts)
    return pts


def _dfn_points(model):
    """The Sb/C model's default point counts, on the DFN half cell's names."""
    from sim.models.sb_carbon import R_CARBON, X_S, X_W

    pts = model.default_var_pts
    return {"x_s": pts[X_S], "x_p": pts[X_W], "r_p": pts[R_CARBON]}


def _steps(solution):
    """Integrator steps of a solution (summed over its sub-solutions)."""
    subs = getattr(solution, "sub_solutions", None) or [solution]
    return int(sum(sub.solver_statistics.number_of_steps for sub in subs))


def bench_cv(repeats):
    from sim import parameters
    from sim.models.sb_carbon import SbCarbonHalfCell
    from sim.protocols import CyclicVoltammetry, simulate

    model = SbCarbonHalfCell()
    pv = parameters.get("SbQD@C").to_pybamm()
    cv = CyclicVoltammetry(2.5, 0.01, 1e-4, cycles=1)
    solver = model.default_solver
    simulate(model, pv, cv, solver=solver)  # build once
    ours, ours_med = best_of(lambda: simulate(model, pv, cv, solver=solver), repeats)
    ours_sol = simulate(model, pv, cv, solver=solver).solution
    n_states = ours_sol.y.shape[0]

    # the reference: same sweep duration and output points, its own window
    dfn = _dfn_half_cell(surface_form=True)
    dpv = pybamm.ParameterValues("Xu2019")
    v_high, v_low = 4.1, 3.6
    rate = (v_high - v_low) / cv.sweep_duration
    ref_cv = CyclicVoltammetry(
        v_high, v_low, rate, points_per_sweep=cv.points_per_sweep
    )
    var_pts = _dfn_points(model)
    sim = pybamm.Simulation(
        dfn,
        parameter_values=dpv,
        experiment=ref_cv.experiment(),
        var_pts=_same_mesh(dfn, var_pts),
        solver=pybamm.IDAKLUSolver(rtol=solver.rtol, atol=solver.atol),
    )
    sim.solve(initial_soc=f"{v_high} V")
    ref, ref_med = best_of(lambda: sim.solve(initial_soc=f"{v_high} V"), repeats)
    ref_states = sim.solution.y.shape[0]
    print(
        f"  CV: SbQD@C {n_states} states (median {ours_med:.3f} s); DFN half cell "
        f"{ref_states} states (median {ref_med:.3f} s), sweep {cv.sweep_duration:.0f} s"
    )
    # the ratio is (integrator steps) x (cost per step): the Sb/C sweep
    # crosses sharp alloying peaks the integrator must resolve, the NMC one none
    ours_steps = _steps(ours_sol)
    ref_steps = _steps(sim.solution)
    print(
        f"  CV integrator steps: SbQD@C {ours_steps}, DFN half cell {ref_steps} "
        f"(ratio {ours_steps / ref_steps:.2f}); time per step {1e3 * ours / ours_steps:.3f}"
        f" ms against {1e3 * ref / ref_steps:.3f} ms (ratio "
        f"{(ours / ours_steps) / (ref / ref_steps):.2f})"
    )
    row("CV cycle re-solve", ours, ref, 1.5, reference_name="PyBaMM DFN half cell")


def bench_lfp_cycle(repeats):
    from sim import parameters
    from sim.models.lfp_solid_state_cell import model as lfp_model

    def cycle_sim(model, pv):
        experiment = pybamm.Experiment(
            [
                "Discharge at C/2 until {:.3f} V".format(
                    pv["Lower voltage cut-off [V]"] + 1e-3
                ),
                "Charge at C/2 until {:.3f} V".format(
                    pv["Upper voltage cut-off [V]"] - 1e-3
                ),
            ]
        )
        return pybamm.Simulation(
            model,
            parameter_values=pv,
            experiment=experiment,
            solver=pybamm.IDAKLUSolver(),
        )

    lfp = lfp_model()
    lpv = parameters.get("Li|CPCSE|LFP").to_pybamm()
    ours_sim = cycle_sim(lfp, lpv)
    ours_sim.solve(initial_soc=1.0)
    ours, _ = best_of(lambda: ours_sim.solve(initial_soc=1.0), repeats)

    dfn = _dfn_half_cell(surface_form=False)
    ref_sim = cycle_sim(dfn, pybamm.ParameterValues("Xu2019"))
    ref_sim.solve(initial_soc=1.0)
    ref, _ = best_of(lambda: ref_sim.solve(initial_soc=1.0), repeats)
    row("LFP cycle re-solve", ours, ref, 1.2, reference_name="PyBaMM DFN half cell")
    # the same DFN half cell with the LFP cell's own values (no interphase film):
    # what the cell's wrapper costs, apart from LFP's steeper OCP
    same_sim = cycle_sim(_dfn_half_cell(surface_form=False), lpv)
    same_sim.solve(initial_soc=1.0)
    same, _ = best_of(lambda: same_sim.solve(initial_soc=1.0), repeats)
    row(
        "LFP cycle re-solve",
        ours,
        same,
        1.2,
        reference_name="PyBaMM DFN half cell, same LFP values",
    )


def bench_gitt_fit():
    from sim.experiments.qiu2021_fig6gh import PROTOCOL

    from sim import parameters
    from sim.analysis import titration
    from sim.models.sb_carbon import SbCarbonHalfCell, validate_options
    from sim.models.sb_carbon.sb_alloy import sb_transport
    from sim.protocols import simulate

    ps = parameters.get("SbQD@C")
    g = simulate(SbCarbonHalfCell(ps.model_options), ps.to_pybamm(), PROTOCOL)
    length, _ = sb_transport(ps, validate_options(ps.model_options))
    sel = np.asarray(g["Direction"]) == "sodiation"
    t, i, v = (
        np.asarray(g[k])[sel] for k in ("Time [s]", "Current [A]", "Voltage [V]")
    )
    t0 = time.perf_counter()
    import pybop  # noqa: F401  (once per process, not a pulse fit's cost)

    print(f"  GITT: importing PyBOP took {time.perf_counter() - t0:.2f} s")
    fit_pulse = titration.fit_pulse
    per_fit = []

    def timed(*args, **kwargs):
        t1 = time.perf_counter()
        try:
            return fit_pulse(*args, **kwargs)
        finally:
            per_fit.append(time.perf_counter() - t1)

    titration.fit_pulse = timed  # analyse_titration calls it per pulse
    try:
        t0 = time.perf_counter()
        out = titration.analyse_titration(t, i, v, length)
        total = time.perf_counter() - t0
    finally:
        titration.fit_pulse = fit_pulse
    n = int(np.sum(np.isfinite(out["rmse"])))
    print(
        f"  GITT: {n} sodiation pulses fitted in {total:.1f} s ({len(per_fit)} "
        f"fit calls): median {np.median(per_fit):.3f} s, mean "
        f"{np.mean(per_fit):.3f} s, slowest {np.max(per_fit):.3f} s"
    )
    row(
        "GITT pulse fit (median)",
        float(np.median(per_fit)),
        2.0,
        1.0,
        reference_name="target",
    )
    row(
        "GITT pulse fit (slowest)",
        float(np.max(per_fit)),
        2.0,
        1.0,
        reference_name="target",
    )


def bench_reproduce():
    import resource

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "sim", "reproduce", "--out", tmp, "--jobs", "2"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - t0
        if run.returncode != 0:
            print(run.stdout, run.stderr, sep="\n")
            raise SystemExit(f"sim reproduce exited with {run.returncode}")
        peaks = [
            float(m.group(1))
            for m in re.finditer(
                r"done in [0-9.]+ s, peak memory ([0-9.]+) GB", run.stderr
            )
        ]
        durations = {
            m.group(1): float(m.group(2))
            for m in re.finditer(r"\[(\S+)\] done in ([0-9.]+) s", run.stderr)
        }
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2
    slowest = sorted(durations.items(), key=lambda kv: -kv[1])[:6]
    print("  slowest experiments: " + ", ".join(f"{k} {v:.1f} s" for k, v in slowest))
    print(f"  experiment time summed {sum(durations.values()):.1f} s")
    row("sim reproduce cold (2 workers)", wall, 60.0, 1.0, reference_name="target")
    if peaks:
        row(
            "largest peak memory of one experiment",
            max(peaks),
            2.0,
            1.0,
            "GB",
            "target",
        )
    print(f"  largest process peak memory {rss:.2f} GB")


def bench_tests():
    t0 = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t0
    print("  " + run.stdout.strip().splitlines()[-1])
    row("default test suite", wall, 180.0, 1.0, reference_name="target")


def bench_measured_control(repeats):
    from sim import data
    from sim.models.half_cell import half_cell_from_file
    from sim.protocols import ExperimentSteps, simulate
    from sim.result import Result

    model, ps = half_cell_from_file(
        ROOT / "experiments" / "half_cells" / "hard_carbon_example.toml"
    )
    pv = ps.to_pybamm()
    steps = ExperimentSteps(
        (
            "Discharge at 1C until 0.01 V",
            "Rest for 10 minutes",
            "Charge at 1C until 1.2 V",
            "Rest for 10 minutes",
        ),
        cycles=5,
        period=10.0,
    )
    logged = simulate(model, pv, steps)
    record = data.protocol_from(logged, control="measured")
    simulate(model, pv, record)
    ours, _ = best_of(lambda: simulate(model, pv, record), repeats)
    ref, _ = best_of(lambda: simulate(model, pv, steps), repeats)
    print(f"  {len(record.times)} samples logged every 10 s")
    row("record re-solve, own current", ours, ref, 1.5, reference_name="ideal steps")
    run = data.read(ROOT / "tests" / "data" / "files" / "neware_m50t.ndax")
    keep = np.asarray(run["Time [s]"]) <= 25000
    part = Result(
        {
            k: np.asarray(run[k])[keep]
            for k in ("Time [s]", "Current [A]", "Voltage [V]")
        }
    )
    m50 = data.protocol_from(part)
    chen = pybamm.ParameterValues("Chen2020")
    chen.set_initial_state(f"{float(part['Voltage [V]'][0])} V")
    dfn = pybamm.lithium_ion.DFN()
    t0 = time.perf_counter()
    res = simulate(dfn, chen, m50)
    first = time.perf_counter() - t0
    again, _ = best_of(lambda: simulate(dfn, chen, m50), max(1, repeats // 2))
    v = np.interp(m50.times, res["Time [s]"], res["Voltage [V]"])
    rms = float(np.sqrt(np.mean((v - np.asarray(part["Voltage [V]"])) ** 2)))
    print(
        f"  Neware M50T record, {len(m50.times)} samples, PyBaMM DFN + Chen2020: "
        f"build and solve {first:.2f} s, re-solve {again:.2f} s; voltage RMSE "
        f"{rms * 1e3:.1f} mV (Chen2020 is an LG M50, not fitted to this cell)"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-reproduce", action="store_true")
    parser.add_argument("--tests", action="store_true")
    args = parser.parse_args(argv)
    pybamm.set_logging_level("ERROR")
    bench_cv(args.repeats)
    bench_lfp_cycle(args.repeats)
    bench_gitt_fit()
    bench_measured_control(args.repeats)
    if not args.no_reproduce:
        bench_reproduce()
    if args.tests:
        bench_tests()
    print("\n| target | project | reference | ratio | target ratio |")
    print("|---|---|---|---|---|")
    for target, p, r, ratio, limit, unit, name in ROWS:
        print(
            f"| {target} | {p:.3f} {unit} | {r:.3f} {unit} ({name}) | {ratio:.2f} | {limit:g} |"
        )


if __name__ == "__main__":
    main()
