"""Steps in the papers' units become PyBaMM steps in amperes."""

import pytest

from sim.errors import ProtocolError
from sim.specific_units import active_mass_g, experiment_steps

CELL = {"Active material mass loading [kg.m-2]": 0.01, "Electrode area [m2]": 2e-4}
# active mass: 0.01 kg/m2 x 2 cm2 = 2e-6 kg = 2 mg


def test_active_mass_is_loading_times_area():
    assert active_mass_g(CELL) == pytest.approx(2e-3)


@pytest.mark.parametrize(
    "text,amperes",
    [
        ("Discharge at 0.1 A/g until 0.01 V", 0.1 * 2e-3),
        ("Discharge at 100 mA/g until 0.01 V", 0.1 * 2e-3),
        ("Discharge at 100 A/kg until 0.01 V", 0.1 * 2e-3),
        ("Charge at 1 mA/cm2 until 2.5 V", -1e-3 * 2),  # 2 cm2
        ("Charge at 10 A/m2 for 30 minutes", -10 * 2e-4),
        ("Discharge at 5e-4 A until 0.01 V", 5e-4),  # PyBaMM units pass through
    ],
)
def test_specific_currents_in_amperes(text, amperes):
    (step,) = experiment_steps([text], CELL)
    assert step.value == pytest.approx(amperes, rel=1e-12)


def test_duration_termination_and_c_rates_are_kept():
    steps = experiment_steps(
        [
            "Discharge at 0.1 A/g until 0.01 V",
            "Rest for 1 hour",
            "Charge at C/2 for 2 hours",
        ],
        CELL,
        period=10.0,
    )
    assert steps[0].termination[0].value == pytest.approx(0.01)
    assert steps[1].duration == pytest.approx(3600) and steps[1].value == 0
    assert steps[2].value == pytest.approx(-0.5) and steps[2].duration == pytest.approx(
        7200
    )
    assert steps[0].period == 10.0


@pytest.mark.parametrize(
    "text,cell,match",
    [
        ("Discharge at 1 A/lb until 1 V", CELL, "unknown unit 'A/lb'"),
        ("Discharge at 1 A/g until 1 V", {"Electrode area [m2]": 1e-4}, "active mass"),
        ("Charge at 1 mA/cm2 until 1 V", {}, "Electrode area"),
        ("Dance at 1 A for 1 hour", CELL, "cannot be read"),
    ],
)
def test_bad_steps_are_one_clear_error(text, cell, match):
    with pytest.raises(ProtocolError, match=match):
        experiment_steps([text], cell)
