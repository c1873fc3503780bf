"""Metrics of a design study (sim.studies.metrics): checked against independent
computations on short real runs (SbQD@C cycling and CV, a Li|CPCSE|Li step
cycling) and on hand-built results with known answers (a Gaussian CV peak,
Arrhenius conductivities)."""

import math

import numpy as np
import pytest

from sim.result import Result
from sim.studies.axes import StudyError
from sim.studies.metrics import KINDS, Metric, MetricError, metric_from_table


def metric(kind, name="m", **options):
    return metric_from_table({"name": name, "kind": kind, **options})


def trapezoid(y, x):
    return float(np.sum(0.5 * (y[1:] + y[:-1]) * np.diff(x)))


# ---------------------------------------------------------------- real runs


@pytest.fixture(scope="module")
def sbqd_cell(sbqd):
    from sim.models.sb_carbon import SbCarbonHalfCell

    return SbCarbonHalfCell(sbqd.model_options), sbqd


@pytest.fixture(scope="module")
def cycling(sbqd_cell):
    """Two cycles at 1 A/g (about 2 s)."""
    from sim.protocols import GalvanostaticCycling, simulate

    model, ps = sbqd_cell
    return simulate(
        model, ps.to_pybamm(), GalvanostaticCycling(specific_current=1.0, cycles=2)
    )


@pytest.fixture(scope="module")
def cv(sbqd):
    """One CV cycle 2.5 -> 0.01 -> 2.5 V at 1 mV/s (about 1 s)."""
    from sim.models.sb_carbon import SbCarbonHalfCell
    from sim.protocols import CyclicVoltammetry, simulate

    pv = sbqd.to_pybamm(extra={"Initial voltage [V]": 2.5})
    protocol = CyclicVoltammetry(
        v_high=2.5, v_low=0.01, scan_rate=1e-3, points_per_sweep=200
    )
    return simulate(SbCarbonHalfCell(), pv, protocol)


@pytest.fixture(scope="module")
def step_cycling():
    """Li | CPCSE | Li, 0.05 then 0.1 mA/cm2, 10 min half cycles (about 1 s)."""
    from sim import parameters
    from sim.models.symmetric_lithium_cell import SymmetricLithiumCell
    from sim.protocols import StepCycling, simulate

    protocol = StepCycling((0.05, 0.1), half_cycle_time=600.0, points_per_half_cycle=10)
    return simulate(
        SymmetricLithiumCell(), parameters.get("CPCSE").to_pybamm(), protocol
    )


def rows_of(result, cycle, discharge):
    """Rows of one cycle's discharge (or charge) step, found from the Step
    number and the current (independently of the metric's own selection)."""
    in_cycle = result["Cycle number"] == cycle
    steps = np.unique(result["Step number"][in_cycle])
    for step in steps:
        rows = in_cycle & (result["Step number"] == step)
        if (np.median(result["Current [A]"][rows]) > 0) == discharge:
            return rows
    raise AssertionError("no such step")


def test_charge_capacity_per_gram_is_the_runners_reversible_capacity(cycling):
    table = cycling.table("Cycles")["Reversible capacity [mA.h.g-1]"]
    m = metric("capacity", direction="charge", per="gram")
    assert m.unit == "mA.h.g-1" and m.column == "m [mA.h.g-1]"
    assert m(cycling) == pytest.approx(table[-1], rel=1e-6)
    first = metric("capacity", direction="charge", cycle=1)
    assert first(cycling) == pytest.approx(table[0], rel=1e-6)
    # -2 counts from the end: the cycle before the last
    assert metric("capacity", direction="charge", cycle=-2)(cycling) == first(cycling)


def test_discharge_capacity_per_cell_is_the_integral_of_the_current(cycling):
    rows = rows_of(cycling, 2, discharge=True)
    t, i = cycling["Time [s]"][rows], cycling["Current [A]"][rows]
    expected = trapezoid(i, t) / 3600
    m = metric("capacity", direction="discharge", per="cell")
    assert m.unit == "A.h"
    assert m(cycling) == pytest.approx(expected, rel=1e-3)
    assert expected > 0


@pytest.mark.parametrize("direction", ["discharge", "charge"])
def test_energy_and_average_voltage_are_consistent(cycling, direction):
    rows = rows_of(cycling, 1, discharge=direction == "discharge")
    t, v = cycling["Time [s]"][rows], cycling["Voltage [V]"][rows]
    i = cycling["Current [A]"][rows]
    expected = abs(trapezoid(v * i, t)) / 3600  # W.h
    energy = metric("energy", direction=direction, cycle=1, per="cell")
    capacity = metric("capacity", direction=direction, cycle=1, per="cell")
    average = metric("average voltage", direction=direction, cycle=1)
    assert energy.unit == "W.h" and average.unit == "V"
    assert energy(cycling) == pytest.approx(expected, rel=1e-3)
    assert average(cycling) == pytest.approx(energy(cycling) / capacity(cycling))
    assert v.min() < average(cycling) < v.max()
    # per gram: the same energy over the active mass
    per_gram = metric("energy", direction=direction, cycle=1, per="gram")
    assert per_gram.unit == "mW.h.g-1"
    ratio = per_gram(cycling) / energy(cycling)
    cap_ratio = metric("capacity", direction=direction, cycle=1)(cycling) / capacity(
        cycling
    )
    assert ratio == pytest.approx(cap_ratio, rel=1e-9)


def test_final_values_of_the_run_and_of_a_cycle(cycling):
    in_first = cycling["Cycle number"] == 1
    end = metric("voltage at end")
    assert end.unit == "V"
    assert end(cycling) == cycling["Voltage [V]"][-1]
    assert metric("voltage at end", cycle=1)(cycling) == pytest.approx(
        cycling["Voltage [V]"][in_first][-1]
    )
    q = metric("final value", column="Specific capacity [mA.h.g-1]", cycle=1)
    assert q.unit == "mA.h.g-1"
    assert q(cycling) == cycling["Specific capacity [mA.h.g-1]"][in_first][-1]
    assert metric("final value", column="Cycle number").unit == "-"


def test_table_value_reads_one_row_1_based(cycling):
    table = cycling.table("Cycles")
    last = metric("table value", table="Cycles", column="Connected Sb fraction")
    assert last.unit == "-"
    assert last(cycling) == table["Connected Sb fraction"][-1]
    first = metric(
        "table value",
        table="Cycles",
        column="Reversible capacity [mA.h.g-1]",
        row=1,
    )
    assert first.unit == "mA.h.g-1"
    assert first(cycling) == table["Reversible capacity [mA.h.g-1]"][0]
    with pytest.raises(MetricError, match=r"row 3 is not in table 'Cycles' \(2 rows"):
        metric("table value", table="Cycles", column="Cycle number", row=3)(cycling)
    with pytest.raises(MetricError, match=r"no table 'Pulses'; tables: \['Cycles'\]"):
        metric("table value", table="Pulses", column="x")(cycling)


def test_a_cycle_not_in_the_result_is_a_metric_error_naming_the_cycles(cycling):
    with pytest.raises(MetricError, match=r"cycle 3 is not in this result; its "):
        metric("capacity", cycle=3)(cycling)
    with pytest.raises(MetricError, match=r"cycle -3 \(cycle number 0\).*: 1-2"):
        metric("capacity", cycle=-3)(cycling)


def test_per_gram_without_the_specific_columns_names_the_missing_column(cycling):
    cell_only = Result(
        {k: v for k, v in cycling.items() if not k.startswith("Specific")}
    )
    assert metric("capacity", per="cell")(cell_only) > 0
    with pytest.raises(MetricError, match="no column 'Specific capacity"):
        metric("capacity", per="gram")(cell_only)


def test_cv_peaks_of_a_real_cv_follow_the_sign_convention(cv):
    window = [0.5, 1.5]
    potential = metric("cv peak potential", direction="anodic", window=window)
    current = metric("cv peak current", direction="anodic", window=window)
    cell = metric("cv peak current", direction="anodic", window=window, per="cell")
    assert (potential.unit, current.unit, cell.unit) == ("V", "mA.g-1", "A")
    v_peak, i_peak = potential(cv), cell(cv)
    assert window[0] < v_peak < window[1]
    assert i_peak < 0  # anodic = oxidation: PyBaMM's current is negative
    # the peak is the most negative current of the rising sweep
    rising = np.r_[False, np.diff(cv["Voltage [V]"]) > 0]
    k = np.argmin(np.where(rising, cv["Current [A]"], np.inf))
    assert (cv["Voltage [V]"][k], cv["Current [A]"][k]) == (v_peak, i_peak)
    k_row = np.flatnonzero(cv["Current [A]"] == i_peak)[0]
    assert current(cv) == cv["Specific current [mA.g-1]"][k_row]
    cathodic = metric("cv peak current", direction="cathodic", per="cell")(cv)
    assert cathodic > 0  # reduction (sodiation): positive
    with pytest.raises(MetricError, match=r"no anodic peak in cycle 1 within"):
        metric("cv peak potential", direction="anodic", window=[2.0, 2.4])(cv)


def gaussian_cv():
    """One cycle 1.0 -> 0.0 -> 1.0 V (dV = 1 mV): a cathodic peak at 0.4 V of
    2 mA (current > 0) on the way down; on the way up an anodic peak at 0.7 V of
    3 mA and a smaller one at 0.2 V of 1 mA (current < 0), on a small background."""
    down = np.linspace(1.0, 0.0, 1001)
    up = down[::-1][1:]

    def g(v, v0, a):
        return a * np.exp(-(((v - v0) / 0.03) ** 2))

    i_down = g(down, 0.4, 2e-3) + 1e-5
    i_up = -g(up, 0.7, 3e-3) - g(up, 0.2, 1e-3) - 1e-5
    v = np.r_[down, up]
    return Result(
        {
            "Voltage [V]": v,
            "Current [A]": np.r_[i_down, i_up],
            "Cycle number": np.ones(v.size, dtype=int),
        }
    )


def test_cv_peaks_of_a_gaussian_are_found_where_they_are():
    cv = gaussian_cv()

    def peak(what, direction, **opt):
        if what == "current":
            opt["per"] = "cell"
        return metric(f"cv peak {what}", direction=direction, **opt)(cv)

    assert peak("potential", "cathodic") == pytest.approx(0.4, abs=1e-12)
    assert peak("current", "cathodic") == pytest.approx(2e-3 + 1e-5)
    assert peak("potential", "anodic") == pytest.approx(0.7, abs=1e-12)
    assert peak("current", "anodic") == pytest.approx(-3e-3 - 1e-5, rel=1e-9)
    # a window picks the smaller anodic peak
    assert peak("potential", "anodic", window=[0.1, 0.3]) == pytest.approx(0.2)
    assert peak("current", "anodic", window=[0.1, 0.3]) == pytest.approx(
        -1e-3 - 1e-5, rel=1e-6
    )
    with pytest.raises(MetricError, match=r"its cathodic peaks are at: 0.4 V"):
        peak("potential", "cathodic", window=[0.6, 0.9])
    with pytest.raises(MetricError, match="no column 'Specific current"):
        metric("cv peak current", direction="anodic")(cv)  # per gram by default


def test_polarization_of_a_symmetric_cell(step_cycling):
    v = step_cycling["Voltage [V]"]
    run = metric("polarization")
    assert run.unit == "V"
    assert run(step_cycling) == np.max(np.abs(v))
    low = metric("polarization", current_density=0.05)(step_cycling)
    high = metric("polarization", current_density=0.1)(step_cycling)
    assert 0 < low < high == run(step_cycling)
    in_first = step_cycling["Cycle number"] == 1
    assert metric("polarization", cycle=1)(step_cycling) == np.max(np.abs(v[in_first]))
    with pytest.raises(MetricError, match=r"no rows at 0.2 mA/cm2.*\[0.05, 0.1\]"):
        metric("polarization", current_density=0.2)(step_cycling)


def test_summary_values_bool_as_number_and_nan_is_an_error(step_cycling):
    depleted = metric("summary", key="depleted")
    assert depleted.unit == "-" and depleted(step_cycling) == 0.0
    t_dep = metric("summary", key="depletion time [s]")
    assert t_dep.unit == "s" and t_dep.column == "m [s]"
    with pytest.raises(MetricError, match=r"'depletion time \[s\]' is nan"):
        t_dep(step_cycling)
    with pytest.raises(MetricError, match=r"no 'x'; summary keys: \['depleted'"):
        metric("summary", key="x")(step_cycling)
    assert metric("summary", key="x", unit="Ohm").unit == "Ohm"


def test_transference_number_reads_the_bruce_vincent_summary_key():
    import inspect

    from sim.protocols import bruce_vincent

    # the key the runner writes (a real Bruce-Vincent run takes minutes)
    assert '"t+ (Bruce-Vincent)"' in inspect.getsource(bruce_vincent)
    result = Result({"Time [s]": [0.0, 1.0]}, summary={"t+ (Bruce-Vincent)": 0.37})
    t_plus = metric("transference number", name="t+")
    assert t_plus.unit == "-" and t_plus.column == "t+ [-]"
    assert t_plus(result) == 0.37
    with pytest.raises(MetricError, match=r"metric 't\+'.*summary keys: \[\]"):
        t_plus(Result({"Time [s]": [0.0]}))


# ---------------------------------------------------------------- conductivity

EA = 0.6  # eV
K_B = 8.617333262e-5  # eV/K


def arrhenius(T):
    return 1e3 * np.exp(-EA / (K_B * np.asarray(T)))  # S/m


@pytest.fixture(scope="module")
def conductivities():
    T = np.array([80.0, 20.0, 60.0, 40.0]) + 273.15  # any order
    return Result({"Temperature [K]": T, "Conductivity [S.m-1]": arrhenius(T)})


def test_conductivity_is_exact_for_arrhenius_data(conductivities):
    m = metric("conductivity", temperature_c=50.0)
    assert m.unit == "S.cm-1"
    exact = arrhenius(50.0 + 273.15) / 100
    assert m(conductivities) == pytest.approx(exact, rel=1e-12)
    si = metric("conductivity", temperature_c=50.0, unit="S.m-1")
    assert si.unit == "S.m-1" and si(conductivities) == pytest.approx(100 * exact)
    # at a tabulated temperature, the tabulated value
    at_20 = metric("conductivity", temperature_c=20)(conductivities)
    assert at_20 == pytest.approx(arrhenius(293.15) / 100, rel=1e-12)


@pytest.mark.parametrize("celsius", [10.0, 90.0])
def test_conductivity_outside_the_table_is_a_metric_error(conductivities, celsius):
    with pytest.raises(
        MetricError, match=r"outside the tabulated temperatures 20 to 80"
    ):
        metric("conductivity", temperature_c=celsius)(conductivities)


def test_conductivity_needs_its_columns(cycling):
    with pytest.raises(MetricError, match=r"no column 'Temperature \[K\]'"):
        metric("conductivity", temperature_c=25)(cycling)


# ---------------------------------------------------------------- study-file errors


def test_kinds_are_described_with_their_options():
    for kind in (
        "capacity", "energy", "average voltage", "voltage at end", "final value",
        "cv peak potential", "cv peak current", "polarization", "conductivity",
        "transference number", "summary", "table value",
    ):  # fmt: skip
        assert kind in KINDS
    assert "direction (discharge | charge; default 'discharge')" in KINDS["capacity"]
    assert "temperature_c (a number, degC; required)" in KINDS["conductivity"]


def test_defaults_are_filled_in():
    m = metric("capacity", name=" q ")
    assert isinstance(m, Metric)
    assert (m.name, m.kind, m.unit) == ("q", "capacity", "mA.h.g-1")
    assert m.options == {"direction": "discharge", "cycle": -1, "per": "gram"}
    assert metric("capacity", name="Q [mA.h.g-1]").column == "Q [mA.h.g-1]"


def test_unknown_kind_lists_the_kinds():
    with pytest.raises(StudyError) as err:
        metric("capacity fade")
    msg = str(err.value)
    assert "kind = 'capacity fade' is not a metric kind" in msg
    assert all(f"  {kind}: " in msg for kind in KINDS)


def test_unknown_option_names_the_allowed_options():
    with pytest.raises(
        StudyError, match=r"unknown option\(s\) \['rate'\]; options"
    ) as e:
        metric("capacity", rate=1.0)
    assert "direction (discharge | charge" in str(e.value)
    assert "per (gram | cell" in str(e.value)


@pytest.mark.parametrize(
    "kind, options, match",
    [
        ("capacity", {"cycle": "last"}, r"cycle = 'last' is not allowed: it must be a cycle number, integer != 0"),
        ("capacity", {"cycle": 0}, r"cycle = 0 is not allowed"),
        ("capacity", {"cycle": True}, r"cycle = True is not allowed"),
        ("capacity", {"cycle": 1.0}, r"cycle = 1.0 is not allowed"),
        ("capacity", {"direction": "up"}, r"direction = 'up' is not allowed: it must be discharge \| charge"),
        ("energy", {"per": "kg"}, r"per = 'kg' is not allowed: it must be gram \| cell"),
        ("cv peak potential", {"direction": "anodic", "window": [1.0, 0.5]}, r"window = \[1.0, 0.5\] is not allowed: it must be \[v_low, v_high\]"),
        ("conductivity", {"temperature_c": "25"}, r"temperature_c = '25' is not allowed: it must be a number"),
        ("conductivity", {"temperature_c": 25, "unit": "mS.cm-1"}, r"must be S.cm-1 \| S.m-1"),
        ("polarization", {"current_density": -0.1}, r"must be a number > 0"),
        ("table value", {"table": "Cycles", "column": 3}, r"column = 3 is not allowed: it must be a column name"),
    ],
)  # fmt: skip
def test_badly_typed_options_say_what_is_allowed(kind, options, match):
    with pytest.raises(StudyError, match=match):
        metric(kind, **options)


@pytest.mark.parametrize(
    "kind, options, missing",
    [
        ("cv peak potential", {}, "direction"),
        ("conductivity", {}, "temperature_c"),
        ("summary", {}, "key"),
        ("table value", {"table": "Cycles"}, "column"),
        ("final value", {}, "column"),
    ],
)
def test_missing_required_options(kind, options, missing):
    with pytest.raises(StudyError, match=rf"{missing} is required; options of"):
        metric(kind, **options)


@pytest.mark.parametrize(
    "table", [{"kind": "capacity"}, {"name": "", "kind": "energy"}, "q"]
)
def test_a_metric_needs_a_name_and_a_table(table):
    with pytest.raises(StudyError, match="needs a name|must be tables"):
        metric_from_table(table)


def test_metric_errors_are_sim_errors():
    from sim.errors import SimError

    assert issubclass(MetricError, SimError) and not issubclass(MetricError, StudyError)
    assert math.isfinite(metric("voltage at end")(Result({"Voltage [V]": [1.0, 2.0]})))


def test_capacity_counts_only_the_cycles_own_rows():
    """A measured-like record: 1 A for 1 h, -1 A for 1 h, then cycle 2 at 2 A
    for 0.5 h; the first point of cycle 2 is a new time (no repeated point), so
    the interval from cycle 1's last row belongs to neither cycle."""
    t = np.array([0, 3600, 3600, 7200, 7300, 9100], dtype=float)
    i = np.array([1, 1, -1, -1, 2, 2], dtype=float)
    q = np.array([0, 1, 1, 0, 0.1, 1.1])  # cumulative, discharge positive [A.h]
    record = Result(
        {
            "Time [s]": t,
            "Current [A]": i,
            "Voltage [V]": np.linspace(1, 2, 6),
            "Capacity [A.h]": q,
            "Cycle number": np.array([1, 1, 1, 1, 2, 2]),
        }
    )
    assert metric("capacity", per="cell")(record) == pytest.approx(1.0)
    assert metric("capacity", per="cell", cycle=1)(record) == pytest.approx(1.0)
    with pytest.raises(MetricError, match=r"cycle 2 has no charge \(current < 0\)"):
        metric("capacity", per="cell", direction="charge", cycle=2)(record)


def test_retention_and_variable_of_a_real_cycling_run(cycling):
    table = cycling.table("Cycles")["Reversible capacity [mA.h.g-1]"]
    retention = metric_from_table({"name": "r", "kind": "retention"})
    assert retention.unit == "%"
    assert retention(cycling) == pytest.approx(100 * table[-1] / table[0], rel=1e-12)
    thickness = metric_from_table(
        {
            "name": "t",
            "kind": "variable",
            "variable": "Electrode thickness change [%]",
            "reduce": "max",
        }
    )
    solutions = cycling.solution  # cycling restarts the cell: a list of them
    values = np.concatenate(
        [s["Electrode thickness change [%]"].entries for s in solutions]
    )
    assert thickness(cycling) == pytest.approx(values.max()) and values.max() > 1
    with pytest.raises(MetricError, match="no variable"):
        metric_from_table({"name": "v", "kind": "variable", "variable": "Nope [V]"})(
            cycling
        )
    with pytest.raises(MetricError, match="distributed in space"):
        metric_from_table(
            {"name": "v", "kind": "variable", "variable": "Working electrode porosity"}
        )(cycling)
