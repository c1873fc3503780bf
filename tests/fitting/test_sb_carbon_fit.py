"""Truth recovery on the project's Sb/C model: data made at known values of
four parameters (a rate test, a GITT and a CV, each with realistic noise) are
fitted jointly from the set's own values and every value comes back within
5 % (the series resistance within 2 %); with the Sb rate constant among the
four, an impedance spectrum measured at rest at 0.5 V after a sodiation joins
them (a dataset with its own start state: the Sb half sodiated, its reaction
arc in the spectrum, whose high-frequency intercept separates the series
resistance from the charge-transfer resistance) and all four come back within
the same tolerances, also through CSV files on the command line (protocols
detected from the files); a model without a store the data need does not
pass. Five to eleven minutes each on a loaded 2-core machine: marked slow."""

import copy

import numpy as np
import pytest

from sim import parameters
from sim.fitting.fit import fit
from sim.fitting.simulator import FIT_RTOL
from sim.models.sb_carbon import SbCarbonHalfCell
from sim.protocols import (
    CyclicVoltammetry,
    GITTProtocol,
    RateTest,
    RestingSpectrum,
    simulate,
)
from sim.protocols.contract import tight_solves
from sim.result import Result

pytestmark = pytest.mark.slow

TRUTH = {
    "Sb diffusivity [m2.s-1]": 8e-16,
    "Sb rate constant [m.s-1]": 2e-11,
    "Carbon diffusivity [m2.s-1]": 3e-16,
    "Series resistance [Ohm]": 5.0,
}
BOUNDS = {
    "Sb diffusivity [m2.s-1]": (1e-17, 1e-14),
    "Sb rate constant [m.s-1]": (1e-12, 1e-9),
    "Carbon diffusivity [m2.s-1]": (1e-17, 1e-14),
    "Series resistance [Ohm]": (0.5, 20.0),
}
PROTOCOLS = (
    RateTest((0.2, 2.0), cycles_per_rate=1, return_cycles=0),
    GITTProtocol(
        specific_current=0.1, pulse_time=600.0, rest_time=1200.0, max_pulses=6
    ),
    CyclicVoltammetry(v_high=2.5, v_low=0.01, scan_rate=5e-4, points_per_sweep=300),
    RestingSpectrum(tuple(np.logspace(-2, 5, 36))),
)
CONDITIONS = (
    {},
    {},
    {},
    # measured at rest at 0.5 V after a sodiation: the Sb half sodiated, its
    # reaction in the spectrum (the fresh cell's at 2.5 V does not depend on
    # the Sb rate constant at all)
    {"Initial voltage [V]": 0.5, "Start on sodiation branch": 1},
)


def _measured(res, protocol, rng):
    """1 mV on voltages, 1 % of the peak on a CV's current, 0.5 % of |Z|."""
    if isinstance(protocol, RestingSpectrum):
        z = np.hypot(res["Z_re [Ohm]"], res["Z_im [Ohm]"])
        cols = {"Frequency [Hz]": res["Frequency [Hz]"]}
        for name in ("Z_re [Ohm]", "Z_im [Ohm]"):
            cols[name] = res[name] + rng.normal(0, 0.005 * z)
        return Result(cols, protocol=protocol)
    cols = {n: res[n] for n in ("Time [s]", "Voltage [V]", "Current [A]")}
    if isinstance(protocol, CyclicVoltammetry):
        i = cols["Current [A]"]
        cols["Current [A]"] = i + rng.normal(0, 0.01 * np.max(np.abs(i)), len(i))
    else:
        v = cols["Voltage [V]"]
        cols["Voltage [V]"] = v + rng.normal(0, 1e-3, len(v))
    return Result(cols, protocol=protocol)


def _datasets(truth, protocols, seed=0):
    """(measurement, protocol, conditions) of each protocol."""
    ps = parameters.get("SbQD@C")
    model = SbCarbonHalfCell(ps.model_options)
    rng = np.random.default_rng(seed)
    out = []
    for protocol, conditions in zip(protocols, CONDITIONS, strict=False):
        values = ps.updated(truth).to_pybamm(extra=conditions)
        with tight_solves(FIT_RTOL):  # a measurement as exact as the fit's solves
            res = simulate(model, values, protocol)
        out.append((_measured(res, protocol, rng), protocol, conditions))
    return out


@pytest.fixture(scope="module")
def datasets():
    return _datasets(TRUTH, PROTOCOLS)


def test_four_parameters_from_rate_gitt_and_cv_alone():
    # the time-domain records alone: the double-layer capacity (the CV's
    # capacitive current) in place of the Sb rate constant, which they see
    # only in sum with the series resistance (see the next test). The
    # capacity sets the start state's tables, so it is rebuilt per
    # evaluation, automatically
    cdl = "Double-layer capacity [F.m-2]"
    truth = {**{n: v for n, v in TRUTH.items() if "rate constant" not in n}, cdl: 0.2}
    bounds = {**{n: BOUNDS[n] for n in truth if n != cdl}, cdl: (0.01, 1.0)}
    ps = parameters.get("SbQD@C")
    data = _datasets(truth, PROTOCOLS[:3])
    out = fit(SbCarbonHalfCell(ps.model_options), ps, data, bounds, method="local")
    for name, value in truth.items():
        tolerance = 0.02 if name == "Series resistance [Ohm]" else 0.05
        assert out.values[name] == pytest.approx(value, rel=tolerance), name
    assert out.acceptable
    assert not any(d["inputs"] for d in out.datasets)
    assert "cannot be inputs" in out.datasets[0]["inputs note"]


def test_four_parameters_from_rate_gitt_cv_and_impedance_at_once(datasets):
    ps = parameters.get("SbQD@C")
    assert all(abs(ps[n] / v - 1) > 0.3 for n, v in TRUTH.items())  # far from the truth
    out = fit(
        SbCarbonHalfCell(ps.model_options), ps, datasets, BOUNDS, method="local",
        uncertainty=True,
    )  # fmt: skip
    for name, value in TRUTH.items():
        tolerance = 0.02 if name == "Series resistance [Ohm]" else 0.05
        assert out.values[name] == pytest.approx(value, rel=tolerance), name
    assert out.acceptable
    # re-solved: two builds per dataset (one checks the other), none per
    # evaluation
    assert all(d["inputs"] for d in out.datasets)
    assert out.builds <= 2 * len(datasets) + 2 < out.evaluations


def test_a_model_without_a_store_the_data_need_does_not_pass(datasets):
    wrong = copy.copy(parameters.get("SbQD@C"))  # no Na stored in the Super P
    wrong.model_options = {**wrong.model_options, "additive storage": False}
    out = fit(
        SbCarbonHalfCell(wrong.model_options), wrong, datasets[:3], BOUNDS,
        method="local",
        max_evaluations=100,
    )  # fmt: skip
    assert not out.acceptable


def test_the_same_fit_through_files_on_the_command_line(datasets, tmp_path):
    # what a user does: each record written to a CSV file, its protocol
    # detected from the file (a rate test logged more often at the faster
    # rate), the spectrum's start state given with --condition
    import json

    from sim.cli import main

    args = ["fit", "--model", "SbCarbonHalfCell", "--parameters", "SbQD@C"]
    for k, (res, _, conditions) in enumerate(datasets):
        path = tmp_path / f"record {k}.csv"
        res.to_csv(path)
        args += ["--data", str(path)]
        for name, value in conditions.items():
            args += ["--condition", f"{name}={value}"]
    for name, (low, high) in BOUNDS.items():
        args += ["--fit", f"{name}={low}:{high}"]
    out = tmp_path / "fit"
    assert main([*args, "--method", "local", "--out", str(out)]) == 0
    result = json.loads((out / "fitted.json").read_text())
    assert result["acceptable"]
    for name, value in TRUTH.items():
        tolerance = 0.02 if name == "Series resistance [Ohm]" else 0.05
        fitted = result["parameters"][name]["value"]
        assert fitted == pytest.approx(value, rel=tolerance), name
