"""sim.calibration on a toy objective: a fresh stored value passes both checks, a
stale one fails both, with an error naming the parameter, stored value, re-fitted
value and tolerance."""

import pytest

from sim.calibration import Calibration, Fitted, StaleCalibration, Target, main
from sim.errors import SimError
from sim.parameter_set import Param, ParameterSet

# toy model: y(t) = a t + b, fitted to three "reported" points of a = 2, b = 1
TIMES = (0.0, 1.0, 2.0)
REPORTED = tuple(2.0 * t + 1.0 for t in TIMES)


def _set(a, b, c=0.0):
    return ParameterSet(
        "toy",
        "a straight line",
        {
            "Slope": Param(a, "-", "fitted (toy)"),
            "Offset": Param(b, "-", "fitted (toy)"),
            "Tied": Param(c, "-", "= 10 x slope"),
        },
    )


def _toy(a, b, rtol=1e-3, **kwargs):
    def residuals(ps):
        assert ps["Tied"] == pytest.approx(10 * ps["Slope"])
        return [
            (ps["Slope"] * t + ps["Offset"]) / y - 1
            for t, y in zip(TIMES, REPORTED, strict=True)
        ]

    return Calibration(
        name="toy",
        parameter_set=lambda: _set(a, b, 10 * a),
        fitted=[
            Fitted("Slope", (0.0, 10.0), rtol=rtol),
            Fitted("Offset", (-5.0, 5.0), start=3.0, rtol=rtol),
        ],
        targets=[Target(f"y({t})", y) for t, y in zip(TIMES, REPORTED, strict=True)],
        residuals=residuals,
        derived=lambda v, base: {"Tied": 10 * v["Slope"]},
        **kwargs,
    )


def test_run_fits_from_any_start_and_reports_residuals():
    fit = _toy(1.0, 0.0).run(start={"Slope": 7.0, "Offset": -4.0}, progress=None)
    assert fit.values["Slope"] == pytest.approx(2.0, rel=1e-8)
    assert fit.values["Offset"] == pytest.approx(1.0, rel=1e-8)
    assert fit.objective < 1e-16
    assert list(fit.residuals) == ["y(0.0)", "y(1.0)", "y(2.0)"]
    assert fit.evaluations > 3


def test_progress_lines_are_reported():
    lines = []
    _toy(2.0, 1.0).run(progress=lines.append)
    assert lines[0].startswith("[toy] fitting Slope, Offset")
    assert any("evaluation 1:" in line and "J = " in line for line in lines)


def test_check_start_is_not_the_stored_values():
    cal = _toy(2.0, 1.0)
    assert cal.check_start() == {"Slope": 5.0, "Offset": 3.0}  # midpoint, documented
    assert cal.stored() == {"Slope": 2.0, "Offset": 1.0}


def test_fresh_calibration_passes_full_and_fast_checks():
    cal = _toy(2.0, 1.0004)  # rounded within the tolerance
    full = cal.check()
    assert full.ok and not full.failures
    assert any("Offset: stored 1.0004, re-fitted 1" in row for row in full.rows)
    fast = cal.check(fast=True)
    assert fast.ok
    assert fast.rows[0].startswith("[toy] J at the stored values = ")
    assert sum(", J = " in row for row in fast.rows) == 4


def test_stale_value_fails_full_check_naming_parameter_values_and_tolerance():
    cal = _toy(2.0, 1.01)  # offset 1 % off, tolerance 0.1 %
    with pytest.raises(StaleCalibration) as info:
        cal.check()
    msg = str(info.value)
    assert "'toy' is stale (full check)" in msg
    assert "Offset: stored 1.01, re-fitted 1," in msg
    assert "tolerance 1e-03" in msg
    assert "Slope" not in msg.split("\n", 1)[1]  # the slope is fresh
    assert isinstance(info.value, SimError)
    (name, stored, refit, tol), *_ = info.value.failures
    assert (name, stored, tol) == ("Offset", 1.01, 1e-3)
    assert refit == pytest.approx(1.0)


def test_fast_check_detects_a_non_optimal_stored_value():
    cal = _toy(2.01, 1.0)  # slope 0.5 % off: its neighbour 2e-3 lower is better
    with pytest.raises(StaleCalibration) as info:
        cal.check(fast=True)
    msg = str(info.value)
    assert "(fast check)" in msg and "Slope: stored 2.01" in msg
    assert "lower objective" in msg
    report = cal.check(fast=True, raise_on_stale=False)
    assert not report.ok and report.failures[0][0] == "Slope"
    # the same value passes with a tolerance wider than the error
    assert _toy(2.01, 1.0, rtol=1e-2).check(fast=True).ok


def test_fast_check_applies_the_fits_rule_to_neighbours():
    # the fit's rule holds the offset at most 0.5 + (slope - a*): at the stored
    # (a*, 0.5) the rule is active, and a* is the best slope for that offset
    t = TIMES
    y = REPORTED
    a_star = (
        sum(ti / yi for ti, yi in zip(t, y, strict=True))
        - 0.5 * sum(ti / yi**2 for ti, yi in zip(t, y, strict=True))
    ) / sum(ti**2 / yi**2 for ti, yi in zip(t, y, strict=True))

    def rule(v, base):
        return {**v, "Offset": min(v["Offset"], 0.5 + v["Slope"] - a_star)}

    with pytest.raises(StaleCalibration):
        _toy(a_star, 0.5).check(fast=True)  # without the rule: the offset is stale
    report = _toy(a_star, 0.5, project=rule).check(fast=True)
    assert report.ok
    rows = "\n".join(report.rows)
    assert "Offset +2e-03: 0.501 held at the stored value" in rows
    assert "Slope -2e-03" in rows and "(rule moves Offset" in rows
    # a slope off by 2 % is still found with the rule
    stale = _toy(a_star * 1.02, 0.5, project=rule)
    assert not stale.check(fast=True, raise_on_stale=False).ok


def test_cli_exit_status_and_printout(capsys):
    assert main([_toy(2.0, 1.0)], ["--check", "--fast"]) == 0
    out = capsys.readouterr().out
    assert "fast check of toy: fresh" in out
    assert main([_toy(2.0, 1.5)], ["toy", "--check"]) == 1
    captured = capsys.readouterr()
    assert "Offset: stored 1.5, re-fitted 1" in captured.out  # what it compared
    assert "error: calibration 'toy' is stale" in captured.err
    assert "full check of toy: STALE: toy" in captured.out
    with pytest.raises(SystemExit):
        main([_toy(2.0, 1.0)], ["nonsense"])
