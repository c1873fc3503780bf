"""Per-cycle capacities: the cycler's counters, not integration across a gap."""

import numpy as np
import pytest

from sim import data
from sim.data.cycles import INTEGRATED, counter_increments
from sim.result import Result


def test_counter_used_across_a_logging_gap(arbin_csv_with_gap):
    run = data.read(arbin_csv_with_gap)
    # the gap is detected and reported ...
    assert run.summary["Logging gaps"] == 1
    gaps = run.table("gaps")
    assert gaps["Start time [s]"][0] == pytest.approx(3600.0)
    assert gaps["Duration [s]"][0] == pytest.approx(7200.0)
    # ... and the discharge capacity is the cycler's counter (1.5 mA.h: the
    # cell went on discharging during the gap), not an integral
    table = data.cycle_table(run)
    assert table["Discharge capacity [A.h]"][0] == pytest.approx(1.5e-3)
    assert table["Capacity source"][0] == "cycler counters"
    # integrating the current instead leaves the gap out (1.0 mA.h); a
    # trapezoid across the gap would have claimed 2.0 mA.h
    without = Result.from_columns(
        {n: run[n] for n in run if "capacity" not in n},
        tables={"gaps": gaps},
    )
    table = data.cycle_table(without)
    assert table["Discharge capacity [A.h]"][0] == pytest.approx(1.0e-3, rel=1e-6)
    assert table["Capacity source"][0] == INTEGRATED


def test_counter_increments_handle_restarts():
    per_step = np.array([0.0, 1.0, 2.0, 0.0, 0.5, 1.5, 0.2])
    np.testing.assert_allclose(counter_increments(per_step), [0, 1, 1, 0, 0.5, 1, 0.2])
    assert counter_increments(per_step).sum() == pytest.approx(3.7)
    cumulative = np.array([0.0, 1.0, 2.0, 2.0, 3.0])
    assert counter_increments(cumulative).sum() == pytest.approx(3.0)


def test_cycles_split_capacity(landt_xlsx):
    run = data.read(landt_xlsx)
    table = data.cycle_table(run)
    assert list(table["Cycle number"]) == [1, 2]
    assert table["Start time [s]"][1] > table["End time [s]"][0]
