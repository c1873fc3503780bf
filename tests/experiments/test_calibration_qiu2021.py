"""The Qiu2021 calibration (sim.experiments.calibration): its declarations (cheap,
default suite) and its checks (slow: each step simulates; full ~1-4 min per step,
fast ~20-40 s).

The capacity and fade values were re-fitted on 2026-12-02 and are checked. The
peaks step is not identifiable to its tolerance (the simulated peaks move in
~1.5 mV steps, so a re-fit from the reported peaks lands a few mV from the stored
potentials; see the module docstring): its full check is ``xfail(strict=True)``,
so an XPASS (a failure of the suite) tells whoever fixes the peak fit to drop the
mark."""

import pytest
from sim.experiments import calibration as cal

from sim import parameters
from sim.calibration import StaleCalibration

STEPS = {c.name: c for c in cal.CALIBRATIONS}
STALE = pytest.mark.xfail(
    strict=True,
    raises=StaleCalibration,
    reason="the peak fit re-fitted from the reported peaks lands a few mV from the "
    "stored potentials (experiments/calibration.py docstring); drop this mark when "
    "the peak fit is identifiable",
)


def test_declarations_read_the_stored_values_and_start_elsewhere():
    ps = parameters.get("SbQD@C")
    for c in cal.CALIBRATIONS:
        stored = c.stored()
        assert stored == {f.name: float(ps[f.name]) for f in c.fitted}
        start = c.check_start()
        assert all(start[n] != stored[n] for n in stored), c.name
        assert len(c.targets) >= len(c.fitted) or c.name == "peaks"


def test_ties_and_the_peak_rule():
    ps = parameters.get("SbQD@C")
    tied = cal.CAPACITY.derived({"Sb diffusion length [m]": 7e-7}, ps)
    assert tied == {"Carbon particle radius [m]": 7e-7}
    offset = ps[cal.DES1] - ps[cal.DES2]
    assert cal.PEAKS.derived({cal.DES1: 0.75}, ps)[cal.DES2] == pytest.approx(
        0.75 - offset
    )
    held = cal.hold_below_desodiation(
        {cal.SOD1: 0.8, cal.SOD2: 0.5, cal.DES1: 0.75}, ps
    )
    assert held[cal.SOD1] == pytest.approx(0.74) and held[cal.SOD2] == 0.5
    # the stored potentials obey the rule (sodiation 1 is held by it)
    stored = cal.PEAKS.stored()
    assert cal.hold_below_desodiation(stored, ps) == stored


def test_cli_rejects_unknown_steps():
    with pytest.raises(SystemExit):
        cal.main(["nonsense", "--check"])
    with pytest.raises(SystemExit):
        cal.main(["--fast"])  # --fast needs --check


@pytest.mark.slow
@pytest.mark.parametrize(
    "step",
    [
        "capacity",
        pytest.param("peaks", marks=STALE),
        "fade",
    ],
)
def test_full_check(step):
    STEPS[step].check()


@pytest.mark.slow
@pytest.mark.parametrize(
    "step",
    [
        "capacity",
        "peaks",
        "fade",
    ],
)
def test_fast_check(step):
    STEPS[step].check(fast=True)
