"""PyBaMM entry points: one zero-argument function per parameter set.

PyBaMM's ``pybamm.ParameterValues(name)`` looks ``name`` up in the entry-point
group ``pybamm_parameter_sets`` and calls the function registered there; each
function below returns the complete values of one set of
:mod:`sim.parameters` (validated, with the equilibrium start state). The names
are registered in ``pyproject.toml``; a test checks both lists agree.
"""

from sim.parameters import pybamm_values

ENTRY_POINTS = {
    "SbQD@C": "sbqd_carbon",
    "commercial Sb": "commercial_sb",
    "PPSE": "ppse",
    "CNCSE": "cncse",
    "CPCSE": "cpcse",
    "Cheng2023 cells": "cheng2023_cells",
}
"""Set name -> function name in this module."""


def sbqd_carbon() -> dict:
    """SbQD@C | 1 M NaClO4 in PC | Na half cell (Qiu2021)."""
    return pybamm_values("SbQD@C")


def commercial_sb() -> dict:
    """Commercial (bulk) Sb | 1 M NaClO4 in PC | Na half cell (Qiu2021)."""
    return pybamm_values("commercial Sb")


def ppse() -> dict:
    """PEO/LiTFSI polymer electrolyte (Cheng2023)."""
    return pybamm_values("PPSE")


def cncse() -> dict:
    """PEO/LiTFSI with GdOOH nanowires (Cheng2023)."""
    return pybamm_values("CNCSE")


def cpcse() -> dict:
    """PEO/LiTFSI with sub-nm GdOOH cluster chains (Cheng2023)."""
    return pybamm_values("CPCSE")


def cheng2023_cells() -> dict:
    """Cell-level values of the Cheng2023 solid-state cells."""
    return pybamm_values("Cheng2023 cells")
