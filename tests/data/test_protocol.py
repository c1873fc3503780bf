"""protocol_from: the project protocol matching a measured run."""

import pybamm
import pytest

from sim import data
from sim.errors import DataError
from sim.protocols import (
    CyclicVoltammetry,
    ExperimentSteps,
    GalvanostaticCycling,
    GITTProtocol,
)


def test_cv_maps_to_cyclic_voltammetry(synth):
    protocol = data.protocol_from(synth.cv_run(cycles=3))
    assert isinstance(protocol, CyclicVoltammetry)
    assert protocol.scan_rate == pytest.approx(1e-3, rel=1e-3)
    assert (protocol.v_low, protocol.v_high) == pytest.approx((0.01, 2.5), abs=2e-3)
    assert protocol.cycles == 3
    assert protocol.start == "high"


def test_gitt_needs_the_active_mass(synth):
    run = synth.gitt_run()
    with pytest.raises(DataError, match="per gram of active material"):
        data.protocol_from(run)
    protocol = data.protocol_from(run, active_mass_g=1e-3)
    assert isinstance(protocol, GITTProtocol)
    assert protocol.specific_current == pytest.approx(0.1)  # 0.1 mA / 1 mg
    assert protocol.pulse_time == pytest.approx(610.0)
    assert protocol.rest_time == pytest.approx(1800.0)


def test_cc_cycling_with_and_without_mass(cc_cycles, synth):
    import numpy as np

    rows = cc_cycles()
    run = synth.run_of(
        np.array([r[0] for r in rows]),
        np.array([r[1] for r in rows]),
        np.array([r[2] for r in rows]),
        np.array([r[4] for r in rows]),
    )
    protocol = data.protocol_from(run, active_mass_g=0.002)
    assert isinstance(protocol, GalvanostaticCycling)
    assert protocol.specific_current == pytest.approx(0.5)
    assert protocol.cycles == 2
    steps = data.protocol_from(run)
    assert isinstance(steps, ExperimentSteps)
    assert steps.steps[0] == "Discharge at 0.001 A for 3600 seconds or until 0.5 V"
    assert steps.steps[1] == "Rest for 600 seconds"
    for text in steps.steps:  # PyBaMM reads every step string
        pybamm.step.string(text)


def test_cccv_maps_to_steps_with_a_hold(synth):
    steps = data.protocol_from(synth.cccv_run())
    assert isinstance(steps, ExperimentSteps)
    assert steps.steps[1].startswith("Hold at 4.2 V for ")


def test_impedance_is_not_mapped(files):
    run = data.read(files / "biologic_peis.mpt")
    with pytest.raises(DataError, match="supported: CV sweeps") as info:
        data.protocol_from(run)
    assert "impedance" in str(info.value)
