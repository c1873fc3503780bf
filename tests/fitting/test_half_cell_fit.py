"""A user's own electrode end to end: a TOML file describing a hard-carbon
electrode against Na, a measured cycle (discharge, rest, charge at one
current: simulated as measured, continuously), ``sim fit`` recovers the
diffusivity and rate constant that made the file, and the fitted set reads
back."""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from sim.models.half_cell import half_cell_from_file
from sim.protocols import ExperimentSteps, simulate
from sim.result import Result

EXAMPLE = (
    Path(__file__).resolve().parents[2]
    / "experiments"
    / "half_cells"
    / "hard_carbon_example.toml"
)
D = "Working particle diffusivity [m2.s-1]"
K = "Working electrode rate constant [m.s-1]"
TRUTH = {D: 3e-15, K: 2e-11}


@pytest.mark.integration  # the whole command (8-15 s); the default suite fits
# the same file's set in Python (tests/models/test_half_cell.py)
def test_sim_fit_on_a_users_own_electrode(tmp_path):
    from sim.cli import main

    for f in EXAMPLE.parent.iterdir():  # the file and its OCP table, elsewhere
        shutil.copy(f, tmp_path)
    electrode = tmp_path / EXAMPLE.name
    model, ps = half_cell_from_file(electrode)
    protocol = ExperimentSteps(
        (
            "Discharge at 0.5C until 0.01 V",
            "Rest for 20 minutes",
            "Charge at 0.5C until 1.2 V",
        ),
        period=20.0,
    )
    res = simulate(model, ps.updated(TRUTH).to_pybamm(), protocol)
    rng = np.random.default_rng(3)
    measured = Result(
        {
            "Time [s]": res["Time [s]"],
            "Voltage [V]": res["Voltage [V]"] + rng.normal(0, 1e-3, res.n_rows),
            "Current [A]": res["Current [A]"],
        }
    )
    csv = tmp_path / "cycle.csv"
    measured.to_csv(csv)
    out = tmp_path / "fit"
    args = ["fit", "--model", "PorousElectrodeHalfCell", "--parameters", str(electrode)]
    args += ["--data", str(csv), "--method", "local", "--out", str(out)]
    args += ["--fit", f"{D}=1e-16:1e-13", "--fit", f"{K}=1e-12:1e-9"]
    assert main(args) == 0
    result = json.loads((out / "fitted.json").read_text())
    assert result["datasets"][0]["protocol"] == "ExperimentSteps"
    for name, value in TRUTH.items():
        assert result["parameters"][name]["value"] == pytest.approx(value, rel=0.05)
    assert result["acceptable"] and result["builds"] == 2
    # the fitted set reads back from another folder
    assert main(["params", "--file", str(out / "fitted-set.json")]) == 0


@pytest.mark.integration  # the whole command (15-25 s)
def test_sim_fit_on_a_record_with_a_drifting_current(tmp_path):
    """A record no ideal step describes (a discharge whose current drifts as a
    sine, made with PyBaMM's own time-function current step, not with the
    project's protocols): `sim fit` simulates it with its own logged current
    (MeasuredControl) and recovers both parameters within 5 % (measured
    -0.4 % and +0.2 %) with one build plus the check."""
    import pybamm

    from sim.cli import main

    model, ps = half_cell_from_file(EXAMPLE)
    pv = ps.updated(TRUTH).to_pybamm()
    base = 0.5 * pv["Nominal cell capacity [A.h]"]

    def drive(t):
        sin = np.sin if isinstance(t, int | float) else pybamm.sin
        return base * (1 + 0.6 * sin(2 * np.pi * t / 900))

    step = pybamm.step.current(drive, duration=5400, period=15, termination="< 0.02 V")
    sol = pybamm.Simulation(
        model, parameter_values=pv, experiment=pybamm.Experiment([step])
    ).solve()
    t = sol["Time [s]"].entries
    rng = np.random.default_rng(5)
    measured = Result(
        {
            "Time [s]": t,
            "Voltage [V]": sol["Voltage [V]"].entries + rng.normal(0, 1e-3, len(t)),
            "Current [A]": sol["Current [A]"].entries,
        }
    )
    csv = tmp_path / "drift.csv"
    measured.to_csv(csv)
    out = tmp_path / "fit"
    args = ["fit", "--model", "PorousElectrodeHalfCell", "--parameters", str(EXAMPLE)]
    args += ["--data", str(csv), "--method", "local", "--out", str(out)]
    args += ["--fit", f"{D}=1e-16:1e-13", "--fit", f"{K}=1e-12:1e-9"]
    assert main(args) == 0
    result = json.loads((out / "fitted.json").read_text())
    assert result["datasets"][0]["protocol"] == "MeasuredControl"
    for name, value in TRUTH.items():
        assert result["parameters"][name]["value"] == pytest.approx(value, rel=0.05)
    assert result["acceptable"] and result["builds"] == 2
