"""Tests of the parameter machinery in :mod:`sim.parameter_set`."""

import math
import re

import pytest

from sim import Param, ParameterError, ParameterSet
from sim.parameter_set import RULES, Constraint, register_rule

SET_NAME = "SbQD@C (Qiu2021)"


def ocp(sto):
    """A stand-in open-circuit potential curve."""
    return 1.0 - sto


def make_set():
    """Return a small valid parameter set with one constraint."""
    params = {
        "Electrode thickness [m]": Param(1e-4, "m", "Qiu2021 Methods", "positive"),
        "Working electrode porosity": Param(0.3, "-", "Qiu2021 Table 1", "fraction"),
        "Active material volume fraction": Param(
            0.6, "-", "assumption: typical slurry", "fraction"
        ),
        "Ambient temperature [K]": Param(298.15, "K", "Qiu2021 text", "temperature"),
        "OCP [V]": Param(ocp, "V", "Qiu2021 Fig. 2", "callable"),
        "OCP data file": Param("ocp.csv", "-", "Qiu2021 Fig. 2", "text"),
    }
    return ParameterSet(
        SET_NAME,
        "Test set",
        params,
        citations=["Qiu et al. 2021"],
        constraints=[
            Constraint(
                "volume fractions sum to at most 1",
                ("Working electrode porosity", "Active material volume fraction"),
                lambda v: sum(v.values()) <= 1,
            )
        ],
    )


def test_valid_set_passes():
    make_set().validate()


def test_negative_length_is_rejected_with_value_unit_and_range():
    pset = make_set().updated({"Electrode thickness [m]": -1e-4})
    with pytest.raises(ParameterError) as info:
        pset.validate()
    assert str(info.value) == (
        "parameter 'Electrode thickness [m]' = -0.0001 (m) is not allowed: "
        f"must be > 0 (parameter set '{SET_NAME}')"
    )


def test_porosity_above_one_is_rejected():
    pset = make_set().updated({"Working electrode porosity": 1.3})
    with pytest.raises(ParameterError) as info:
        pset.validate()
    assert str(info.value) == (
        "parameter 'Working electrode porosity' = 1.3 (-) is not allowed: "
        "must be in (0, 1) (parameter set 'SbQD@C (Qiu2021)')"
    )


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("check", ["positive", "any", "nonzero", "fraction_closed"])
def test_nan_and_inf_fail_every_numeric_rule(check, value):
    pset = ParameterSet("s", "", {"x": Param(value, "-", "test", check)})
    with pytest.raises(ParameterError, match=r"parameter 'x' = -?(nan|inf) \(-\)"):
        pset.validate()


@pytest.mark.parametrize(
    ("check", "value", "allowed"),
    [
        ("positive", 1e-12, True),
        ("positive", 0.0, False),
        ("nonnegative", 0.0, True),
        ("nonnegative", -1e-12, False),
        ("fraction", 0.5, True),
        ("fraction", 0.0, False),
        ("fraction", 1.0, False),
        ("fraction_closed", 0.0, True),
        ("fraction_closed", 1.0, True),
        ("fraction_closed", 1.01, False),
        ("temperature", 298.15, True),
        ("temperature", 0.0, False),
        ("temperature", 1000.0, False),
        ("any", -5.0, True),
        ("nonzero", -2, True),
        ("nonzero", 0, False),
        ("callable", ocp, True),
        ("callable", 1.0, False),
        ("text", "file.csv", True),
        ("text", "  ", False),
    ],
)
def test_rules(check, value, allowed):
    pset = ParameterSet("s", "", {"x": Param(value, "-", "test", check)})
    if allowed:
        pset.validate()
    else:
        with pytest.raises(ParameterError, match=re.escape(RULES[check].description)):
            pset.validate()


@pytest.mark.parametrize("value", ["0.3", ocp, True, None])
def test_non_number_where_number_expected(value):
    pset = ParameterSet("s", "", {"x": Param(value, "-", "test", "positive")})
    with pytest.raises(ParameterError, match="expected a number but got a"):
        pset.validate()


def test_all_violations_reported_in_one_error():
    pset = make_set().updated(
        {"Electrode thickness [m]": -1.0, "Ambient temperature [K]": -3.0}
    )
    with pytest.raises(ParameterError) as info:
        pset.validate()
    lines = str(info.value).splitlines()
    assert lines[0] == f"2 invalid parameter values in set '{SET_NAME}':"
    assert len(lines) == 3
    assert "'Electrode thickness [m]' = -1 (m)" in lines[1]
    assert "'Ambient temperature [K]' = -3 (K)" in lines[2]
    assert "must be in (0, 1000) K" in lines[2]


def test_constraint_violation_names_all_parameters_and_values():
    pset = make_set().updated(
        {"Working electrode porosity": 0.5, "Active material volume fraction": 0.6}
    )
    with pytest.raises(ParameterError) as info:
        pset.validate()
    message = str(info.value)
    assert "\n" not in message
    assert "volume fractions sum to at most 1" in message
    assert "'Working electrode porosity' = 0.5 (-)" in message
    assert "'Active material volume fraction' = 0.6 (-)" in message
    assert SET_NAME in message


def test_constraint_skipped_when_a_value_is_an_input():
    pset = make_set().updated({"Working electrode porosity": "[input]"})
    pset.validate()


def test_updated_unknown_name_suggests_close_match():
    with pytest.raises(ParameterError) as info:
        make_set().updated({"Working electrode porsity": 0.4})
    message = str(info.value)
    assert "'Working electrode porsity'" in message
    assert "did you mean 'Working electrode porosity'" in message
    assert f"sim params {SET_NAME}" in message


def test_updated_keeps_unit_and_marks_source():
    original = make_set()
    changed = original.updated({"Working electrode porosity": 0.4})
    param = changed.param("Working electrode porosity")
    assert param.value == 0.4
    assert param.unit == "-"
    assert param.check == "fraction"
    assert param.source == "Qiu2021 Table 1 (overridden by user)"
    assert original["Working electrode porosity"] == 0.3
    twice = changed.updated({"Working electrode porosity": 0.2})
    assert twice.param("Working electrode porosity").source == param.source


def test_to_pybamm_turns_input_into_input_parameter():
    import pybamm

    pset = make_set().updated({"Working electrode porosity": "[input]"})
    values = pset.to_pybamm(extra={"Current function [A]": 2.5})
    porosity = values["Working electrode porosity"]
    assert isinstance(porosity, pybamm.InputParameter)
    assert porosity.name == "Working electrode porosity"
    assert values["Electrode thickness [m]"] == pytest.approx(1e-4)
    assert values["Current function [A]"] == pytest.approx(2.5)
    assert values["OCP [V]"] is ocp
    assert "OCP data file" not in values


def test_to_pybamm_validates_first():
    pset = make_set().updated({"Working electrode porosity": 1.3})
    with pytest.raises(ParameterError, match="must be in \\(0, 1\\)"):
        pset.to_pybamm()


def test_required_lists_missing_names():
    pset = make_set()
    pset.required(["Electrode thickness [m]"])
    with pytest.raises(ParameterError) as info:
        pset.required(["Electrode thickness [m]", "Foo [m]", "Bar [s]"])
    message = str(info.value)
    assert "'Foo [m]'" in message
    assert "'Bar [s]'" in message
    assert "'Electrode thickness [m]'" not in message


def test_mapping_access():
    pset = make_set()
    assert pset["Working electrode porosity"] == 0.3
    assert pset.param("OCP [V]").unit == "V"
    assert "OCP [V]" in pset
    assert "nothing" not in pset
    assert len(pset) == 6
    assert list(pset) == pset.names()
    assert pset.names()[0] == "Electrode thickness [m]"
    with pytest.raises(ParameterError, match="did you mean 'OCP \\[V\\]'"):
        pset["OCP [v]"]


def test_rows_and_format_table():
    pset = make_set()
    rows = {name: (value, unit, source) for name, value, unit, source in pset.rows()}
    assert rows["Electrode thickness [m]"] == ("0.0001", "m", "Qiu2021 Methods")
    assert rows["Ambient temperature [K]"][0] == f"{298.15:.4g}"
    assert rows["OCP [V]"][0] == "ocp"
    table = pset.format_table()
    assert SET_NAME in table
    assert "Qiu et al. 2021" in table
    for name, _, _, source in pset.rows():
        line = next(line for line in table.splitlines() if line.startswith(name))
        assert source in line
    header = next(line for line in table.splitlines() if line.startswith("name"))
    assert [c.strip() for c in header.split("|")] == ["name", "value", "unit", "source"]


def test_param_needs_source_and_known_rule():
    with pytest.raises(ValueError, match="source"):
        Param(1.0, "m", "  ")
    with pytest.raises(ValueError, match="unknown validation rule"):
        Param(1.0, "m", "test", "bogus")


def test_constraint_on_unknown_parameter_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown parameters"):
        ParameterSet(
            "s",
            "",
            {"x": Param(1.0, "-", "test")},
            constraints=[Constraint("c", ("x", "y"), lambda v: True)],
        )


def test_register_rule_extends_rules():
    name = "voltage_window_test"
    register_rule(name, "must be in (0, 5) V", lambda v: 0 < v < 5)
    try:
        ParameterSet("s", "", {"x": Param(4.0, "V", "test", name)}).validate()
        bad = ParameterSet("s", "", {"x": Param(6.0, "V", "test", name)})
        with pytest.raises(ParameterError, match=r"must be in \(0, 5\) V"):
            bad.validate()
        with pytest.raises(ValueError, match="already exists"):
            register_rule(name, "again", lambda v: True)
    finally:
        del RULES[name]
