"""Benchmark (not a test): fitting with ``sim.fitting.fit`` on synthetic data of
known parameters (1 mV of white noise), evaluations, seconds, seconds per
evaluation and model builds.

1. Two parameters (positive particle diffusivity, contact resistance) of
   PyBaMM's DFN half cell (Xu2019) to one galvanostatic cycle (1C discharge,
   rest, 1C charge).
2. Four parameters of the SbQD@C model (Sb diffusivity, Sb rate constant,
   carbon diffusivity, series resistance) to a rate test (0.2 and 2 A/g, one
   cycle each), a GITT (6 pulses) and a CV (0.5 mV/s) at once, from the set's
   values (local least squares), with the uncertainty; then the same with an
   impedance spectrum measured at rest at 0.5 V after a sodiation added (a
   dataset with its own start state, where the Sb reaction shows; its
   high-frequency intercept separates the series resistance from the
   charge-transfer resistance, which the time-domain data see only as a sum).

Run: python benchmarks/bench_fit.py [--iterations N]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pybamm

from sim import parameters
from sim.fitting.fit import fit
from sim.fitting.simulator import FIT_RTOL
from sim.models.sb_carbon import SbCarbonHalfCell
from sim.protocols import (
    CyclicVoltammetry,
    ExperimentSteps,
    GITTProtocol,
    RateTest,
    RestingSpectrum,
    simulate,
)
from sim.protocols.contract import tight_solves
from sim.result import Result


def noisy(res, protocol, seed, target="Voltage [V]", noise=1e-3):
    rng = np.random.default_rng(seed)
    if isinstance(protocol, RestingSpectrum):  # 0.5 % of |Z|
        z = np.hypot(res["Z_re [Ohm]"], res["Z_im [Ohm]"])
        cols = {
            n: res[n] + rng.normal(0, 0.005 * z) for n in ("Z_re [Ohm]", "Z_im [Ohm]")
        }
        return Result(
            {"Frequency [Hz]": res["Frequency [Hz]"], **cols}, protocol=protocol
        )
    cols = {
        "Time [s]": res["Time [s]"],
        "Voltage [V]": res["Voltage [V]"],
        "Current [A]": res["Current [A]"],
    }
    scale = noise if target == "Voltage [V]" else 0.01 * np.max(np.abs(cols[target]))
    cols[target] = cols[target] + rng.normal(0, scale, res.n_rows)
    return Result(cols, protocol=protocol)


def report(what, out, truth):
    print(
        f"{what}: {out.evaluations} evaluations in {out.seconds:.1f} s "
        f"({out.seconds / max(out.evaluations, 1):.3f} s each), {out.builds} "
        f"build(s), acceptable {out.acceptable}",
        flush=True,
    )
    unc = out.uncertainty
    std = dict(zip(unc.names, unc.std, strict=True)) if unc else {}
    for name, v in out.values.items():
        err = 100 * (v / truth[name] - 1)
        s = f", std {std[name]:.2g}" if name in std else ""
        print(f"  {name}: fitted {v:.4g}, truth {truth[name]:.4g} ({err:+.2f} %{s})")
    if unc:
        from sim.fitting.uncertainty import correlation_words

        for line in correlation_words(unc):
            print(f"  {line}")
    for d in out.datasets:
        print(f"  {d['protocol']}: RMSE {d['rmse']:.3g}, noise {d['noise']:.3g}")


def dfn(iterations):
    model = pybamm.lithium_ion.DFN(
        {"working electrode": "positive", "contact resistance": "true"}
    )
    pv = pybamm.ParameterValues("Xu2019")
    pv.update({"Contact resistance [Ohm]": 1.0}, check_already_exists=False)
    truth = {
        "Positive particle diffusivity [m2.s-1]": 2e-14,
        "Contact resistance [Ohm]": 4.0,
    }
    protocol = ExperimentSteps(
        (
            "Discharge at 1C until 3.5 V",
            "Rest for 20 minutes",
            "Charge at 1C until 4.2 V",
        ),
        period=15.0,
    )
    true_pv = pv.copy()
    true_pv.update(truth)
    data = noisy(simulate(model, true_pv, protocol), protocol, 0)
    bounds = {
        "Positive particle diffusivity [m2.s-1]": (1e-15, 1e-12),
        "Contact resistance [Ohm]": (0.1, 20.0),
    }
    out = fit(model, pv, [data], bounds, max_iterations=iterations)
    report("DFN half cell (Xu2019), 2 parameters, one cycle", out, truth)


def sbqd(iterations):
    ps = parameters.get("SbQD@C")
    model = SbCarbonHalfCell(ps.model_options)
    truth = {
        "Sb diffusivity [m2.s-1]": 8e-16,
        "Sb rate constant [m.s-1]": 2e-11,
        "Carbon diffusivity [m2.s-1]": 3e-16,
        "Series resistance [Ohm]": 5.0,
    }
    true_pv = ps.updated(truth).to_pybamm()
    protocols = [
        RateTest((0.2, 2.0), cycles_per_rate=1, return_cycles=0),
        GITTProtocol(
            specific_current=0.1, pulse_time=600.0, rest_time=1200.0, max_pulses=6
        ),
        CyclicVoltammetry(v_high=2.5, v_low=0.01, scan_rate=5e-4, points_per_sweep=300),
    ]
    datasets = []
    for k, protocol in enumerate(protocols):
        t0 = time.perf_counter()
        with tight_solves(FIT_RTOL):  # a "measurement" as exact as the fit's solves
            res = simulate(model, true_pv, protocol)
        target = (
            "Current [A]" if isinstance(protocol, CyclicVoltammetry) else "Voltage [V]"
        )
        datasets.append(noisy(res, protocol, k, target))
        print(f"  truth {type(protocol).__name__}: {time.perf_counter() - t0:.1f} s")
    eis = RestingSpectrum(tuple(np.logspace(-2, 5, 36)))
    at = {"Initial voltage [V]": 0.5, "Start on sodiation branch": 1}
    eis_pv = ps.updated(truth).to_pybamm(extra=at)
    spectrum = (noisy(simulate(model, eis_pv, eis), eis, 9), eis, at)
    bounds = {
        "Sb diffusivity [m2.s-1]": (1e-17, 1e-14),
        "Sb rate constant [m.s-1]": (1e-12, 1e-9),
        "Carbon diffusivity [m2.s-1]": (1e-17, 1e-14),
        "Series resistance [Ohm]": (0.5, 20.0),
    }
    for label, sets in (
        ("rate + GITT + CV at once", datasets),
        ("rate + GITT + CV + EIS at once", [*datasets, spectrum]),
    ):
        out = fit(
            SbCarbonHalfCell(ps.model_options),
            ps,
            sets,
            bounds,
            method="local",
            max_evaluations=iterations * 5,
            uncertainty=True,
        )
        report(f"SbQD@C, 4 parameters, {label}", out, truth)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=60)
    args = parser.parse_args(argv)
    dfn(args.iterations)
    sbqd(args.iterations)


if __name__ == "__main__":
    main()
