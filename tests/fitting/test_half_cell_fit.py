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


def _noisy_csv(path, run, seed):
    """A "measurement" of ``run`` (its time, voltage and current columns):
    the voltage plus 1 mV of white noise, as a CSV."""
    t, v, i = (np.asarray(run[n]) for n in ("Time [s]", "Voltage [V]", "Current [A]"))
    noise = np.random.default_rng(seed).normal(0, 1e-3, len(t))
    Result({"Time [s]": t, "Voltage [V]": v + noise, "Current [A]": i}).to_csv(path)
    return path


def _fit_recovers_the_truth(electrode, csv, out, protocol):
    """`sim fit` (local) of D and K on ``csv``: ``protocol`` detected, both
    within 5 %, re-solved (2 builds); the fitted.json."""
    from sim.cli import main

    args = ["fit", "--model", "PorousElectrodeHalfCell", "--parameters", str(electrode)]
    args += ["--data", str(csv), "--method", "local", "--out", str(out)]
    args += ["--fit", f"{D}=1e-16:1e-13", "--fit", f"{K}=1e-12:1e-9"]
    assert main(args) == 0
    result = json.loads((out / "fitted.json").read_text())
    assert result["datasets"][0]["protocol"] == protocol
    for name, value in TRUTH.items():
        assert result["parameters"][name]["value"] == pytest.approx(value, rel=0.05)
    assert result["acceptable"] and result["builds"] == 2
    return result


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
    csv = _noisy_csv(tmp_path / "cycle.csv", res, seed=3)
    out = tmp_path / "fit"
    _fit_recovers_the_truth(electrode, csv, out, "ExperimentSteps")
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
    run = {n: sol[n].entries for n in ("Time [s]", "Voltage [V]", "Current [A]")}
    csv = _noisy_csv(tmp_path / "drift.csv", run, seed=5)
    _fit_recovers_the_truth(EXAMPLE, csv, tmp_path / "fit", "MeasuredControl")


@pytest.mark.integration  # a real process and a real Ctrl-C (10-20 s)
def test_ctrl_c_stops_sim_fit_cleanly_with_the_best_fit_so_far(tmp_path):
    """SIGINT (what Ctrl-C sends) to a running `sim fit`, once it reports
    progress: exit 130, and the output folder holds the best fit so far,
    marked interrupted in fitted.json and report.md."""
    import signal
    import subprocess
    import sys

    model, ps = half_cell_from_file(EXAMPLE)
    protocol = ExperimentSteps(
        ("Discharge at 0.5C until 0.01 V", "Rest for 20 minutes"), period=20.0
    )
    res = simulate(model, ps.updated(TRUTH).to_pybamm(), protocol)
    csv = _noisy_csv(tmp_path / "cycle.csv", res, seed=1)
    out = tmp_path / "fit"
    args = [sys.executable, "-m", "sim", "fit", "--model", "PorousElectrodeHalfCell"]
    args += ["--parameters", str(EXAMPLE), "--data", str(csv), "--out", str(out)]
    args += ["--fit", f"{D}=1e-16:1e-13", "--fit", f"{K}=1e-12:1e-9"]
    args += ["--max-iterations", "1000", "--max-evaluations", "5000"]
    proc = subprocess.Popen(
        args, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    lines = []
    for line in proc.stderr:  # wait for the first progress line of the search
        lines.append(line)
        if line.startswith("fit: ") and "evaluations" in line:
            break
    else:
        proc.wait()
        pytest.fail("no progress line: " + "".join(lines)[-2000:])
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr[-2000:]
    result = json.loads((out / "fitted.json").read_text())
    assert result["interrupted"] is True and result["acceptable"] is False
    for name in TRUTH:
        low, high = result["parameters"][name]["bounds"]
        assert low <= result["parameters"][name]["value"] <= high
    assert "**Interrupted**" in (out / "report.md").read_text()
    assert (out / "fitted-set.json").exists() and (out / "fit.png").exists()


def test_a_cv_fitted_with_its_measured_voltage_as_the_control():
    """A CV record (1 % current noise) replayed with its own logged potential
    (`control="measured"`): the current is compared, both parameters come
    back within 5 % (measured +0.8 % and -0.9 %), re-solved (2 builds)."""
    from sim import data
    from sim.fitting.fit import fit
    from sim.protocols import CyclicVoltammetry, MeasuredControl

    model, ps = half_cell_from_file(EXAMPLE)
    cv = simulate(
        model,
        ps.updated(TRUTH).to_pybamm(),
        CyclicVoltammetry(v_high=1.2, v_low=0.05, scan_rate=5e-4, points_per_sweep=300),
    )
    i = cv["Current [A]"]
    noisy = i + np.random.default_rng(2).normal(0, 0.01 * np.abs(i).max(), len(i))
    measured = Result(
        {
            "Time [s]": cv["Time [s]"],
            "Voltage [V]": cv["Voltage [V]"],
            "Current [A]": noisy,
        }
    )
    protocol = data.protocol_from(measured, control="measured")
    assert isinstance(protocol, MeasuredControl) and protocol.control == "voltage"
    out = fit(
        model, ps, [(measured, protocol)], {D: (1e-16, 1e-13), K: (1e-12, 1e-9)},
        method="local",
    )  # fmt: skip
    assert out.datasets[0]["target"] == "Current [A]"
    for name, value in TRUTH.items():
        assert out.values[name] == pytest.approx(value, rel=0.05)
    assert out.builds == 2 and out.acceptable
