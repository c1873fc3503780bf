"""The Cheng2023 calibration (sim.experiments.calibration_cheng2023) is fresh: the
stored values in parameters/cheng2023_peo_gdooh.py are what it gives, by the full
check (re-fit from a start that is not the stored values) and the fast one (the
stored values are a local optimum of the step's objective). The crystallinity
step takes < 1 s; the interphase step simulates cells (a few seconds) and is
slow. A stored value moved by 1 % must make both fail."""

import dataclasses

import pytest
from sim.experiments import calibration_cheng2023 as cal

from sim import parameters
from sim.calibration import StaleCalibration

STEPS = {c.name: c for c in cal.CALIBRATIONS}
SLOW_STEPS = ("interphase",)
"""Steps that simulate cells (~1 s per objective evaluation): slow."""
STEP_PARAMS = [
    pytest.param(name, marks=pytest.mark.slow) if name in SLOW_STEPS else name
    for name in STEPS
]


@pytest.mark.parametrize("fast", [False, True], ids=["full", "fast"])
@pytest.mark.parametrize("step", STEP_PARAMS)
def test_stored_values_are_fresh(step, fast):
    report = STEPS[step].check(fast=fast)
    assert report.ok, report.rows


@pytest.mark.parametrize("fast", [False, True], ids=["full", "fast"])
@pytest.mark.parametrize("step", STEP_PARAMS)
def test_a_stale_stored_value_fails_naming_it(step, fast):
    c = STEPS[step]
    name = c.fitted[-1].name
    stored = c.base()

    def moved():
        return stored.updated({name: float(stored[name]) * 1.01})

    with pytest.raises(StaleCalibration) as info:
        dataclasses.replace(c, parameter_set=moved).check(fast=fast)
    msg = str(info.value)
    assert f"{name}: stored {float(stored[name]) * 1.01:.6g}" in msg


def test_cli_check_exit_status(capsys):
    assert cal.main(["crystallinity", "--check", "--fast"]) == 0
    assert "fast check of crystallinity: fresh" in capsys.readouterr().out
    assert cal.main(["crystallinity", "--check"]) == 0
    out = capsys.readouterr().out
    assert (
        "Polymer crystal melting temperature [K]: stored 363.7, re-fitted 363.7" in out
    )


def test_chained_calibration_matches_stored_values():
    stored = parameters.get("CPCSE")
    steps = [STEPS[n] for n in STEPS if n not in SLOW_STEPS]
    for name, _fitted, value, rel in cal.compare_with_stored(steps=steps):
        assert value == float(stored[name])
        assert rel < 1e-3, name
