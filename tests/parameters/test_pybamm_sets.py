"""Every parameter set is a PyBaMM parameter set after installation."""

import tomllib
from importlib import metadata
from pathlib import Path

import pybamm
import pytest
from sim.parameters.pybamm_sets import ENTRY_POINTS

from sim import parameters

ROOT = Path(__file__).resolve().parents[2]


def _declared(group):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return project["entry-points"][group]


def test_every_set_is_declared_as_an_entry_point():
    declared = _declared("pybamm_parameter_sets")
    assert set(declared) == set(ENTRY_POINTS) == set(parameters.available())
    for name, function in ENTRY_POINTS.items():
        assert declared[name] == f"sim.parameters.pybamm_sets:{function}"


def test_installed_entry_points_match_pyproject():
    """The installed metadata is not stale (re-run `pip install -e .` if this fails)."""
    installed = {e.name for e in metadata.entry_points(group="pybamm_parameter_sets")}
    assert set(ENTRY_POINTS) <= installed


@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
def test_pybamm_parameter_values_by_name(name):
    pv = pybamm.ParameterValues(name)
    expected = parameters.get(name).to_pybamm()
    assert set(pv.keys()) == set(expected.keys())
