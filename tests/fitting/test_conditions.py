"""A dataset's own conditions: a spectrum measured at rest at 0.5 V after a
sodiation is simulated from that start state (its Sb phase is half sodiated and
its reaction shows in the spectrum), not from the set's fresh cell at 2.5 V
(where the Sb is empty and the spectrum does not depend on the Sb rate
constant at all)."""

import numpy as np
import pytest

from sim import parameters
from sim.fitting.fit import FitError, fit
from sim.models.sb_carbon import SbCarbonHalfCell
from sim.protocols import RestingSpectrum, simulate
from sim.result import Result

K = "Sb rate constant [m.s-1]"
AT_HALF_VOLT = {"Initial voltage [V]": 0.5, "Start on sodiation branch": 1}
PROTOCOL = RestingSpectrum(tuple(np.logspace(-2, 5, 29)))


def spectrum(ps, conditions, seed=0):
    """0.5 % of |Z| noise on the simulated spectrum."""
    res = simulate(
        SbCarbonHalfCell(ps.model_options), ps.to_pybamm(conditions), PROTOCOL
    )
    z = np.hypot(res["Z_re [Ohm]"], res["Z_im [Ohm]"])
    rng = np.random.default_rng(seed)
    return Result(
        {
            "Frequency [Hz]": res["Frequency [Hz]"],
            "Z_re [Ohm]": res["Z_re [Ohm]"] + rng.normal(0, 0.005 * z),
            "Z_im [Ohm]": res["Z_im [Ohm]"] + rng.normal(0, 0.005 * z),
        },
        protocol=PROTOCOL,
    )


@pytest.fixture(scope="module")
def measured():
    ps = parameters.get("SbQD@C")
    truth = 3.0 * ps[K]
    return ps, truth, spectrum(ps.updated({K: truth}), AT_HALF_VOLT)


def test_the_start_state_is_the_datasets_own(measured):
    ps, truth, data = measured
    model = SbCarbonHalfCell(ps.model_options)
    bounds = {K: (truth / 30, truth * 30)}
    out = fit(model, ps, [(data, PROTOCOL, AT_HALF_VOLT)], bounds, method="local")
    assert out.values[K] == pytest.approx(truth, rel=0.03)
    assert out.acceptable and out.datasets[0]["conditions"] == {
        "Initial voltage [V]": 0.5,
        "Start on sodiation branch": 1.0,
    }
    # the same spectrum taken as the fresh cell's: no rate constant fits it
    fresh = fit(model, ps, [(data, PROTOCOL)], bounds, method="local")
    assert not fresh.acceptable


def test_conditions_are_checked(measured):
    ps, truth, data = measured
    model = SbCarbonHalfCell(ps.model_options)
    bounds = {K: (truth / 30, truth * 30)}
    for conditions, match in (
        ({K: 1e-11}, "both fitted and"),
        ({"Initial voltage [W]": 0.5}, "not a parameter"),
        ({"Initial voltage [V]": "half a volt"}, "finite number"),
        ([("Initial voltage [V]", 0.5)], "mapping"),
    ):
        with pytest.raises(FitError, match=match):
            fit(model, ps, [(data, PROTOCOL, conditions)], bounds, method="local")


def test_conditions_on_the_command_line(measured, tmp_path):
    import json

    from sim.cli import main

    ps, truth, data = measured
    csv = tmp_path / "eis at 0.5 V.csv"
    data.to_csv(csv)
    out = tmp_path / "fit"
    args = ["fit", "--model", "SbCarbonHalfCell", "--parameters", "SbQD@C"]
    args += ["--fit", f"{K}={truth / 30}:{truth * 30}", "--method", "local"]
    at = ["--condition", "Initial voltage [V]=0.5"]
    at += ["--condition", "Start on sodiation branch=1"]
    assert main([*args, "--data", str(csv), *at, "--out", str(out)]) == 0
    result = json.loads((out / "fitted.json").read_text())
    assert result["parameters"][K]["value"] == pytest.approx(truth, rel=0.03)
    assert result["datasets"][0]["conditions"]["Initial voltage [V]"] == 0.5
    # a condition before any --data, or not a number: one error, nothing written
    for bad in ([*at, "--data", str(csv)], ["--data", str(csv), "--condition", "V=x"]):
        assert main([*args, *bad, "--out", str(tmp_path / "no")]) == 2
        assert not (tmp_path / "no").exists()


def test_a_start_voltage_for_pybamms_own_sets():
    """PyBaMM's sets have no "Initial voltage [V]": as a dataset condition it
    sets the start state at that open-circuit voltage (set_initial_state), so
    a measured record that starts part-charged (the Neware M50T file at
    3.587 V) can be fitted from where it starts; a voltage outside the OCV
    range is one clear error, an unknown condition still refused."""
    import pybamm

    from sim.errors import SimError
    from sim.fitting.fit import _conditions
    from sim.fitting.simulator import _values_with
    from sim.protocols import ExperimentSteps, simulate

    pv = pybamm.ParameterValues("Chen2020")
    assert _conditions({"Initial voltage [V]": 3.7}, pv, {}) == {
        "Initial voltage [V]": 3.7
    }
    with pytest.raises(FitError, match="not a parameter"):
        _conditions({"Initial voltige [V]": 3.7}, pv, {})
    model = pybamm.lithium_ion.SPM()
    started = _values_with(pv, {}, {"Initial voltage [V]": 3.7}, dict(model.options))
    assert "Initial voltage [V]" not in started.keys()
    res = simulate(model, started, ExperimentSteps(("Rest for 60 seconds",)))
    assert res["Voltage [V]"][-1] == pytest.approx(3.7, abs=2e-3)
    assert (
        pv["Initial concentration in negative electrode [mol.m-3]"]
        != started["Initial concentration in negative electrode [mol.m-3]"]
    )
    with pytest.raises(SimError, match="cannot start the cell at 9.0 V"):
        _values_with(pv, {}, {"Initial voltage [V]": 9.0}, dict(model.options))
