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
    RestingSpectrum,
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
    # what a fit asks for: the sequence as measured, even with the mass
    as_measured = data.protocol_from(run, active_mass_g=0.002, cycling=False)
    assert as_measured == steps
    # reported at a quarter of the measurement's own sampling interval
    dt = np.median(np.diff(run["Time [s]"]))
    assert steps.period == pytest.approx(dt / data.protocol.OVERSAMPLING)
    assert steps.steps[0] == "Discharge at 0.001 A for 3600 seconds or until 0.5 V"
    assert steps.steps[1] == "Rest for 600 seconds"
    for text in steps.steps:  # PyBaMM reads every step string
        pybamm.step.string(text)
    # a fit lets the measured durations end the steps: the limits move out
    margin = data.protocol_from(run, cutoff_margin=0.05)
    assert margin.steps[0] == "Discharge at 0.001 A for 3600 seconds or until 0.45 V"
    charge = [t for t in margin.steps if t.startswith("Charge")][0]
    plain = [t for t in steps.steps if t.startswith("Charge")][0]
    v = float(charge.rsplit("until ", 1)[1].split()[0])
    assert v == pytest.approx(float(plain.rsplit("until ", 1)[1].split()[0]) + 0.05)


def test_a_fast_step_logged_more_often_sets_the_period(synth):
    # a slow discharge logged every 120 s, then a ten times faster one every
    # 12 s (as a cycler logs a rate test): the simulation must report at least
    # as finely as the finer one, or a fit interpolates a steep curve between
    # points 2.5 times further apart than measured
    import numpy as np

    slow = np.arange(0.0, 36000.0 + 1, 120.0)
    fast = slow[-1] + 1.0 + np.arange(0.0, 1200.0 + 1, 12.0)
    t = np.r_[slow, fast]
    i = np.r_[np.full(slow.size, 1e-4), np.full(fast.size, 1e-3)]
    v = np.r_[np.linspace(1.5, 0.5, slow.size), np.linspace(1.5, 0.5, fast.size)]
    steps = data.protocol_from(synth.run_of(t, v, i))
    assert isinstance(steps, ExperimentSteps) and len(steps.steps) == 2
    assert steps.period == pytest.approx(12.0 / data.protocol.OVERSAMPLING)


def test_cccv_maps_to_steps_with_a_hold(synth):
    steps = data.protocol_from(synth.cccv_run())
    assert isinstance(steps, ExperimentSteps)
    assert steps.steps[1].startswith("Hold at 4.2 V for ")


def test_one_spectrum_maps_to_resting_spectrum(files):
    run = data.read(files / "biologic_peis.mpt")
    protocol = data.protocol_from(run)
    assert isinstance(protocol, RestingSpectrum)
    assert len(protocol.frequencies) == 32
    assert protocol.frequencies[0] == pytest.approx(1.9999814e5)


def test_impedance_with_steps_is_not_mapped(synth):
    import numpy as np

    t = np.arange(0.0, 40.0)
    f = np.r_[np.full(20, np.nan), np.logspace(5, -1, 20)]
    run = synth.run_of(
        t,
        np.full(40, 1.0),
        np.r_[np.full(20, 1e-3), np.zeros(20)],
        np.r_[np.ones(20), np.full(20, 2)],
        **{"Frequency [Hz]": f, "Z_re [Ohm]": f * 0 + 1, "Z_im [Ohm]": f * 0 - 1},
    )
    with pytest.raises(DataError, match="supported: CV sweeps") as info:
        data.protocol_from(run)
    assert "impedance" in str(info.value)


def _drifting_run(synth):
    """A discharge whose current drifts (a sine on a 1 mA base): 'other'."""
    import numpy as np

    t = np.arange(0.0, 3600.0, 10.0)
    i = 1e-3 * (1 + 0.5 * np.sin(2 * np.pi * t / 900))
    return synth.run_of(t, 1.0 - 0.1 * np.sqrt(t / 3600), i)


def test_other_segments_use_the_measured_current(synth):
    import numpy as np

    from sim.protocols import MeasuredControl

    run = _drifting_run(synth)
    protocol = data.protocol_from(run)
    assert isinstance(protocol, MeasuredControl)
    assert protocol.control == "current"
    assert protocol.values == pytest.approx(tuple(run["Current [A]"]))
    # 50 mV beyond the record's own voltage range
    assert protocol.v_low == pytest.approx(1.0 - 0.1 * np.sqrt(3590 / 3600) - 0.05)
    assert protocol.v_high == pytest.approx(1.05)
    with pytest.raises(DataError, match="supported: CV sweeps") as info:
        data.protocol_from(run, control="steps")
    assert "other" in str(info.value)
    with pytest.raises(DataError, match="must be one of"):
        data.protocol_from(run, control="yes")


def test_measured_control_of_sweeps_is_the_voltage(synth):
    import numpy as np

    from sim.protocols import MeasuredControl

    run = synth.cv_run(cycles=1)
    protocol = data.protocol_from(run, control="measured")
    assert isinstance(protocol, MeasuredControl)
    assert protocol.control == "voltage"
    assert (protocol.v_low, protocol.v_high) == (None, None)
    assert protocol.values == pytest.approx(tuple(run["Voltage [V]"]))
    assert np.all(np.diff(protocol.times) > 0)


def test_samples_logged_at_one_time_are_separated(synth):
    """Both sides of a switch logged at one time: kept 1 us apart under a
    current control (the switch as logged), the later one under a voltage
    control."""
    import numpy as np

    t = np.array([0.0, 10.0, 20.0, 20.0, 30.0, 40.0])
    i = np.array([1e-3, 1e-3, 1e-3, 0.0, 0.0, 0.0])
    run = synth.run_of(t, np.array([1.0, 0.99, 0.98, 1.0, 1.0, 1.0]), i)
    current = data.measured_control(run, control="current")
    assert current.times == pytest.approx((0, 10, 20, 20 + 1e-6, 30, 40), abs=1e-9)
    assert current.values == pytest.approx(tuple(i))
    voltage = data.measured_control(run, control="voltage")
    assert voltage.times == pytest.approx((0, 10, 20, 30, 40))
    assert voltage.values == pytest.approx((1.0, 0.99, 1.0, 1.0, 1.0))
    broken = synth.run_of(t, t * 0 + 1.0, np.r_[i[:-1], np.nan])
    with pytest.raises(DataError, match="row 5 .* non-finite"):
        data.measured_control(broken)


def test_a_real_arbin_record_maps_to_its_measured_current(files):
    """The Arbin graphite export ends in a 3-sample 'other' segment: the whole
    record is simulated with its own current (discharge positive)."""
    import numpy as np

    from sim.protocols import MeasuredControl

    run = data.read(files / "arbin_bs542_004_gr_li_Channel_11.xlsx")
    protocol = data.protocol_from(run, cutoff_margin=0.05, cycling=False)
    assert isinstance(protocol, MeasuredControl) and protocol.control == "current"
    assert len(protocol.times) == run.n_rows == 4526
    assert protocol.duration == pytest.approx(1204814.8, abs=1.0)
    i = np.asarray(protocol.values)
    assert np.max(i) == pytest.approx(5e-5, rel=0.01)  # 50 uA lithiation
    v = np.asarray(run["Voltage [V]"])
    assert np.all(np.diff(v[(i > 4e-5)][50:200]) < 0.01)  # falls under it
