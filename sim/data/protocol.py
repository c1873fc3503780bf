"""The project protocol that matches a measured run, so that it can be
simulated as it was measured (:func:`protocol_from`).

Modest by design; what is mapped:

- only voltage sweeps (and rests): :class:`~sim.protocols.CyclicVoltammetry`
  between the lowest and highest vertex at the median scan rate, as many
  cycles as pairs of sweeps, starting at the vertex the first sweep leaves;
- GITT pulses (:mod:`sim.data.segments`) and nothing but pulses, rests and a
  lead-in rest: :class:`~sim.protocols.GITTProtocol` (needs the active mass,
  its current is per gram);
- constant-current discharges and charges of one |current|, alternating, with
  rests at most: :class:`~sim.protocols.GalvanostaticCycling` when the active
  mass is given (its current is per gram); otherwise, and for any other mix of
  constant-current, constant-voltage and rest segments (CC-CV, rate tests),
  :class:`~sim.protocols.ExperimentSteps` with one step string per segment in
  amperes, seconds and volts (``"Discharge at 0.001 A for 3600 s or until
  0.01 V"``, ``"Hold at 2.5 V for 600 s"``, ``"Rest for 1800 s"``).

- one impedance spectrum (with rests at most):
  :class:`~sim.protocols.RestingSpectrum` at its frequencies.

Anything else that is not impedance (``other`` segments: a current that
drifts within a step, a pulse train, a drive cycle; sweeps mixed with steps;
more than :data:`MAX_STEPS` steps) is simulated with the record's own control
(``control="auto"``, the default): :class:`~sim.protocols.MeasuredControl`
with the measured voltage as the control where every segment is a sweep, a
hold or a rest, else with the measured current. ``control="measured"`` does
that for any record, ``control="steps"`` never (such a record is then refused).
Several impedance spectra and impedance mixed with steps are not mapped:
:class:`~sim.errors.DataError` says which kinds are supported.
"""

from __future__ import annotations

import numpy as np

from sim.data.segments import detect_protocol
from sim.errors import DataError

SUPPORTED = (
    "CV sweeps (CyclicVoltammetry), GITT pulses (GITTProtocol, with the active "
    "mass), alternating constant-current cycling (GalvanostaticCycling with the "
    "active mass, else ExperimentSteps), constant-current/constant-voltage/rest "
    "steps (ExperimentSteps), one impedance spectrum (RestingSpectrum), any "
    "other record without impedance with its own current or voltage as the "
    "control (MeasuredControl)"
)
CONTROLS = ("auto", "steps", "measured")
MEASURED_MARGIN = 0.05
"""[V] a current-controlled :class:`~sim.protocols.MeasuredControl` may go
beyond the record's own voltage range before it is stopped."""
MAX_STEPS = 2000
"""Most step strings an ExperimentSteps built from a file may have."""


def _num(x, digits=6):
    return np.format_float_positional(float(x), precision=digits, unique=True, trim="-")


def _sig(x, digits=4):
    return np.format_float_positional(
        float(x), precision=digits, unique=False, fractional=False, trim="-"
    )


def _step_string(seg, margin=0.0):
    seconds = _num(max(seg.duration, 1.0), 1)
    if seg.kind == "rest":
        return f"Rest for {seconds} seconds"
    if seg.kind == "constant voltage":
        return f"Hold at {_num(np.mean([seg.v_start, seg.v_end]), 4)} V for {seconds} seconds"
    word = "Discharge" if seg.current > 0 else "Charge"
    v_end = seg.v_end - margin if seg.current > 0 else seg.v_end + margin
    return (
        f"{word} at {_sig(abs(seg.current))} A for {seconds} seconds "
        f"or until {_num(v_end, 4)} V"
    )


def _unsupported(found, why):
    counts = ", ".join(f"{n} {k}" for k, n in found.counts().items()) or "no segments"
    return DataError(
        f"cannot map this run to a project protocol: {why} (found {counts}); "
        f"supported: {SUPPORTED}"
    )


def _need_mass(active_mass_g, what):
    if active_mass_g is None:
        raise DataError(
            f"{what} is set per gram of active material: give active_mass_g "
            "(the file's 'Active mass [g]' is used when it records one)"
        )
    mass = float(active_mass_g)
    if not mass > 0:
        raise DataError(f"active_mass_g = {active_mass_g!r}: must be > 0 g")
    return mass


def protocol_from(
    data,
    *,
    active_mass_g=None,
    cutoff_margin=0.0,
    cycling=True,
    control="auto",
    found=None,
):
    """The project protocol that reproduces a measured run (see the module
    docstring); ``active_mass_g`` [g] is needed for the per-gram protocols
    (default: the file's ``"Active mass [g]"`` if it has one).
    ``cycling=False`` maps alternating constant-current records to
    :class:`~sim.protocols.ExperimentSteps` too: the sequence as measured,
    continuously from the set's start state (what a fit compares), instead
    of :class:`~sim.protocols.GalvanostaticCycling`'s cycles restarted from
    rest with capacity fade (which needs a model with volume change).
    ``cutoff_margin`` [V] moves the voltage limit of each constant-current step
    of an :class:`~sim.protocols.ExperimentSteps` beyond the step's last
    measured voltage, so that the measured duration ends the step (a fit wants
    the simulated steps to switch when the measurement did; the last measured
    voltage is one noisy sample).

    Raises:
        DataError: a run that cannot be mapped (naming what is supported).
    """
    from sim.protocols import (
        CyclicVoltammetry,
        ExperimentSteps,
        GalvanostaticCycling,
        GITTProtocol,
        RestingSpectrum,
    )

    if control not in CONTROLS:
        raise DataError(f"control = {control!r}: must be one of {list(CONTROLS)}")
    if active_mass_g is None:
        active_mass_g = data.summary.get("Active mass [g]")
    found = detect_protocol(data) if found is None else found
    if control == "measured":
        return measured_control(data, found)
    segs = [s for s in found.segments if s.kind != "rest"]
    kinds = {s.kind for s in segs}
    if not segs:
        raise _unsupported(found, "the run is all rest")
    if kinds == {"impedance"}:
        if len(found.spectra) != 1:
            raise _unsupported(found, f"{len(found.spectra)} impedance spectra")
        spectrum = found.spectra[0]
        return RestingSpectrum(
            tuple(data["Frequency [Hz]"][spectrum.start : spectrum.stop])
        )
    if kinds == {"sweep"}:
        first = found.sweeps[0]
        low, high = found.vertices
        return CyclicVoltammetry(
            v_high=high,
            v_low=low,
            scan_rate=found.scan_rate,
            cycles=max(1, len(found.sweeps) // 2),
            start="high" if first.scan_rate < 0 else "low",
        )
    if kinds - {"constant current", "constant voltage"}:
        if control == "auto" and "impedance" not in kinds:
            return measured_control(data, found)
        raise _unsupported(found, f"it has {sorted(kinds)} segments")
    pulses = found.pulses
    if pulses and len(pulses["Pulse"]) == len(segs):
        mass = _need_mass(active_mass_g, "a GITT")
        current = np.abs(pulses["Current [A]"])
        sodiation = int(np.sum(pulses["Current [A]"] > 0))
        return GITTProtocol(
            specific_current=float(np.median(current)) / mass,
            pulse_time=float(np.median(pulses["Pulse time [s]"])),
            rest_time=float(np.median(pulses["Rest time [s]"])),
            max_pulses=max(2, sodiation, len(current) - sodiation),
        )
    signs = np.sign([s.current for s in segs])
    alternating = kinds == {"constant current"} and np.all(signs[1:] != signs[:-1])
    equal = _same_currents([abs(s.current) for s in segs])
    if cycling and alternating and equal and active_mass_g is not None and signs[0] > 0:
        mass = _need_mass(active_mass_g, "galvanostatic cycling")
        return GalvanostaticCycling(
            specific_current=float(np.median([abs(s.current) for s in segs])) / mass,
            cycles=max(1, len(segs) // 2),
        )
    steps = [_step_string(s, cutoff_margin) for s in found.segments]
    if len(steps) > MAX_STEPS:
        if control == "auto":
            return measured_control(data, found)
        raise _unsupported(found, f"{len(steps)} steps, more than {MAX_STEPS}")
    return ExperimentSteps(tuple(steps), period=_sampling_period(data, found.segments))


def measured_control(data, found=None, *, control=None, margin=MEASURED_MARGIN):
    """:class:`~sim.protocols.MeasuredControl` of a record: its measured
    current as the control (``control="current"``) or its measured voltage
    (``"voltage"``); default: the voltage where every segment is a sweep, a
    hold or a rest (what a potentiostat controls), else the current. A
    current-controlled run may leave the record's voltage range by ``margin``
    [V] before it is stopped.

    Samples logged at the same time (both sides of a switch) are kept 1 us
    apart for a current control (the switch, as logged) and the later one
    only for a voltage control (a potential cannot jump under control).

    Raises:
        DataError: a record without the columns, or with non-finite values.
    """
    from sim.errors import ProtocolError
    from sim.protocols import MeasuredControl

    if found is None:
        found = detect_protocol(data)
    if control is None:
        kinds = {s.kind for s in found.segments} - {"rest"}
        control = (
            "voltage" if kinds and kinds <= {"sweep", "constant voltage"} else "current"
        )
    if control not in ("current", "voltage"):
        raise DataError(f"control = {control!r}: must be 'current' or 'voltage'")
    column = "Current [A]" if control == "current" else "Voltage [V]"
    for name in ("Time [s]", "Voltage [V]", column):
        if name not in data:
            raise DataError(f"a measured control needs the column {name!r}")
    t = np.asarray(data["Time [s]"], dtype=float)
    y = np.asarray(data[column], dtype=float)
    v = np.asarray(data["Voltage [V]"], dtype=float)
    bad = ~(np.isfinite(t) & np.isfinite(y))
    if np.any(bad):
        k = int(np.flatnonzero(bad)[0])
        raise DataError(
            f"row {k} of the record has a non-finite time or {column!r}: "
            "a measured control needs every sample"
        )
    if np.any(np.diff(t) < 0):
        raise DataError("the record's time goes backwards: cannot use it as a control")
    if control == "current":
        t = strictly_increasing(t)
    else:
        keep = np.r_[np.diff(t) > 0, True]
        t, y = t[keep], y[keep]
    finite = v[np.isfinite(v)]
    low = float(finite.min()) - margin if finite.size else None
    high = float(finite.max()) + margin if finite.size else None
    try:
        return MeasuredControl(
            t,
            y,
            control=control,
            v_low=low if control == "current" else None,
            v_high=high if control == "current" else None,
        )
    except ProtocolError as exc:
        raise DataError(f"cannot use the record as a control: {exc}") from None


SEPARATION = 1e-6
"""[s] between two samples logged at the same time (both sides of a switch)."""


def strictly_increasing(t, eps=SEPARATION):
    """Times made strictly increasing: a time recorded twice (both sides of a
    current switch, as PyBaMM and many cyclers record it) becomes t and
    t + eps (the later sample moved; a run of n moves by up to n eps), so
    interpolation takes each side's value where it belongs and a measured
    control sees the switch as logged."""
    t = np.array(t, dtype=float)
    if np.all(np.diff(t) > 0):
        return t
    for k in range(1, len(t)):
        if t[k] <= t[k - 1]:
            t[k] = t[k - 1] + eps
    return t


OVERSAMPLING = 4
"""The simulation reports this many times per measured sampling interval."""


def _sampling_period(data, segments=(), low=0.1, high=600.0):
    """A quarter of the measurement's median sampling interval [s] (within
    ``low..high``), of its most finely sampled segment if ``segments`` are
    given (a cycler logs a fast step more often: a rate test logged every 12 s
    at 2 A/g and every 120 s at 0.2 A/g, simulated at a quarter of the overall
    median, was 2.5 times coarser than measured at 2 A/g, and the truth missed
    that record by 60 mV rms): a fit interpolates the simulation at the measured times,
    and PyBaMM spreads a step's output points evenly over the step, so they do
    not fall on the measured times; linear interpolation between points one
    sampling interval apart is off by millivolts where the voltage curves (at
    the start of an Sb/C discharge), at a quarter of it 16 times less. At
    PyBaMM's default of one point a minute, a 1C discharge's knee biased a
    fitted resistance by 4 %."""
    t = np.asarray(data["Time [s]"], dtype=float)
    steps = [np.diff(t[seg.start : seg.stop]) for seg in segments or ()]
    steps = [dt[dt > 0] for dt in steps]
    medians = [float(np.median(dt)) for dt in steps if len(dt) >= 2]
    if not medians:  # no segment logged twice: the whole record's median
        dt = np.diff(t)
        dt = dt[dt > 0]
        if not len(dt):
            return None
        medians = [float(np.median(dt))]
    return float(min(max(min(medians) / OVERSAMPLING, low), high))


def _same_currents(values, tol=0.05):
    values = np.asarray(values)
    return bool(np.all(np.abs(values - np.median(values)) <= tol * np.median(values)))
