"""The temperature range of the polymer sets: (T0, 393.15 K), one message naming
the electrolyte and the range in K and C."""

import numpy as np
import pytest

from sim.errors import ParameterError
from sim.physics.polymer_temperature_range import (
    MAX_TEMPERATURE,
    check_cell_temperature,
    check_temperature_range,
)


def test_range_is_open_at_both_ends_and_named_in_k_and_c():
    T0 = 180.0
    for ok in (T0 + 1e-9, 298.15, MAX_TEMPERATURE - 1e-9, "[input]", None):
        check_temperature_range(ok, T0, "PPSE")
    for bad in (T0, 25.0, MAX_TEMPERATURE, np.nan, [300.0, 400.0]):
        with pytest.raises(ParameterError) as info:
            check_temperature_range(bad, T0, "PPSE", "cell temperature")
        message = str(info.value)
        assert "\n" not in message
        assert "range of PPSE" in message
        assert "(180.00, 393.15) K = (-93.15, 120.00) C" in message


def test_cell_check_reads_t0_from_the_entries():
    entries = {"Electrolyte VTF temperature T0 [K]": 200.0}
    check_cell_temperature(entries, 250.0)
    with pytest.raises(ParameterError, match="T0 = 200.00 K"):
        check_cell_temperature(entries, 25.0)
    # the upper bound is the polymer sets' one, 120 C, unless told otherwise
    with pytest.raises(ParameterError, match=r"\(200.00, 393.15\) K"):
        check_cell_temperature(entries, MAX_TEMPERATURE)
    check_cell_temperature(entries, 400.0, upper=500.0)
    check_cell_temperature({}, 25.0)  # no T0 (a liquid electrolyte): not checked


def test_the_set_message_does_not_name_a_stale_t0_after_tg_changes():
    """A user who raises Tg moves T0 (= Tg - offset); the refusal must not quote
    the T0 of the published values, and the completion names the new one."""
    from sim import parameters
    from sim.physics.polymer_entries import electrolyte_entries
    from sim.physics.polymer_temperature_range import VOGEL_TEMPERATURE

    ppse = parameters.get("PPSE")
    published_t0 = electrolyte_entries(ppse)[VOGEL_TEMPERATURE]
    tg = "Polymer glass transition temperature [K]"
    warm = ppse.updated({tg: 300.0})  # T0 = 250 K with the 50 K offset
    t0 = electrolyte_entries(warm)[VOGEL_TEMPERATURE]
    assert t0 == pytest.approx(250.0) and abs(t0 - published_t0) > 10
    with pytest.raises(ParameterError) as info:
        warm.updated({"Ambient temperature [K]": 240.0}).validate()
    message = str(info.value)
    assert f"{published_t0:.2f}" not in message
    assert "VTF temperature T0 = Tg - offset" in message and "300" in message
    # the completion's check of the values the cell runs at names the new T0
    with pytest.raises(ParameterError, match=f"T0 = {t0:.2f} K"):
        warm.to_pybamm(extra={"Ambient temperature [K]": 240.0})
