"""Every protocol checks its own settings on construction and the cell's limits at
simulate time: each case here is one clear ProtocolError (never a bare
TypeError, MemoryError, ZeroDivisionError or an EmptySolution error)."""

import numpy as np
import pytest

from sim.errors import ParameterError, ProtocolError
from sim.models.sb_carbon import SbCarbonHalfCell
from sim.protocols import (
    BruceVincent,
    CyclicVoltammetry,
    ExperimentSteps,
    GalvanostaticCycling,
    GalvanostaticSodiation,
    GITTProtocol,
    ImpedanceProtocol,
    RateTest,
    ScanRateSeries,
    StepCycling,
    simulate,
)


@pytest.mark.parametrize(
    "make,match",
    [
        # numpy integers are numbers ...
        (lambda: GalvanostaticCycling(1.0, True), "cycles"),  # ... bools are not
        (lambda: GalvanostaticCycling(1.0, 10**9), "cycles"),
        (lambda: GalvanostaticCycling(1.0, 10, skip=11), "skip"),
        (lambda: GalvanostaticCycling(float("nan"), 10), "specific current"),
        (lambda: CyclicVoltammetry(2.5, 0.01, 1e-4, cycles=True), "cycles"),
        (lambda: CyclicVoltammetry(2.5, 0.01, float("inf")), "scan rate"),
        (lambda: CyclicVoltammetry(2.5, 0.01, 1e-4, points_per_sweep=10**9), "points"),
        (lambda: CyclicVoltammetry(2.5, 0.01, 1e-4, start="middle"), "start"),
        (lambda: GITTProtocol(points_per_step=0), "points_per_step"),
        (lambda: GITTProtocol(max_pulses=10**9), "max_pulses"),
        (lambda: GITTProtocol(rest_time=0.0), "rest_time"),
        (lambda: ImpedanceProtocol(points_per_decade=10**9), "points_per_decade"),
        (lambda: ImpedanceProtocol(f_max=float("inf")), "f_max"),
        (lambda: ImpedanceProtocol(formation_cycles=np.float64(2.5)), "formation"),
        (lambda: RateTest(()), "at least one"),
        (lambda: RateTest((0.1, -1.0)), "specific current"),
        (lambda: RateTest((0.1,), cycles_per_rate=True), "cycles_per_rate"),
        (lambda: StepCycling((0.1,), points_per_half_cycle=0), "points per half"),
        (lambda: StepCycling((0.1,), cycles_per_step=10**9), "cycles per step"),
        (lambda: BruceVincent(delta_v=0.5), r"\(0, 0.1\] V"),
        (lambda: BruceVincent(frequencies=(1.0, np.inf, 3.0, 4.0, 5.0)), "frequency"),
        (lambda: ScanRateSeries((1e-4, 0.0), 2.5, 0.01), "scan rate"),
        (lambda: GalvanostaticSodiation(0.1, 0.01, points=1), "points"),
        (lambda: ExperimentSteps(()), "at least one"),
        (lambda: ExperimentSteps(("Rest for 1 hour",), cycles=0), "cycles"),
    ],
)
def test_bad_settings_are_refused_on_construction(make, match):
    with pytest.raises(ProtocolError, match=match):
        make()


def test_numpy_scalars_are_numbers():
    p = GalvanostaticCycling(np.float64(1.0), np.int64(10), skip=np.int32(5))
    assert (p.cycles, p.skip) == (10, 5) and isinstance(p.cycles, int)
    assert (
        CyclicVoltammetry(2.5, 0.01, np.float32(1e-4), cycles=np.int64(2)).cycles == 2
    )
    assert GITTProtocol(max_pulses=np.int64(3)).max_pulses == 3


def test_cv_start_other_than_the_rest_potential_is_refused(sbqd):
    """Starting a CV at 2.0 V on a cell at rest at 2.5 V would record a spike."""
    pv = sbqd.to_pybamm()  # at rest at 2.5 V
    cv = CyclicVoltammetry(2.0, 0.01, 5e-4, points_per_sweep=50)
    with pytest.raises(ProtocolError, match=r"'Initial voltage \[V\]': 2.0"):
        simulate(SbCarbonHalfCell(), pv, cv)


def test_cv_outside_the_cell_window_is_refused(sbqd):
    pv = sbqd.to_pybamm()
    with pytest.raises(ProtocolError, match="outside the cell's allowed"):
        simulate(SbCarbonHalfCell(), pv, CyclicVoltammetry(3.5, 0.01, 1e-4))


def test_gitt_current_so_large_the_first_pulse_ends_at_once(sbqd):
    pv = sbqd.to_pybamm()
    with pytest.raises(ProtocolError, match="cut-off at once"):
        simulate(SbCarbonHalfCell(), pv, GITTProtocol(specific_current=1000.0))


def test_missing_input_is_named_before_solving(sbqd):
    name = "Sb rate constant [m.s-1]"
    pv = sbqd.updated({name: "[input]"}).to_pybamm()
    with pytest.raises(ParameterError, match="Sb rate constant"):
        simulate(SbCarbonHalfCell(), pv, CyclicVoltammetry(2.5, 0.01, 5e-4))


def test_unknown_protocol_is_refused(sbqd):
    with pytest.raises(ProtocolError, match="not a protocol"):
        simulate(SbCarbonHalfCell(), sbqd.to_pybamm(), {"cycles": 3})


def test_step_string_with_an_unknown_unit_is_refused_at_simulate(sbqd):
    p = ExperimentSteps(("Discharge at 1 A/lb until 0.01 V",))
    with pytest.raises(ProtocolError, match="unknown unit 'A/lb'"):
        simulate(SbCarbonHalfCell(), sbqd.to_pybamm(), p)
