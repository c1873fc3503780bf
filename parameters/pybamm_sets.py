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
    "Li|PPSE|LFP": "li_ppse_lfp",
    "Li|CNCSE|LFP": "li_cncse_lfp",
    "Li|CPCSE|LFP": "li_cpcse_lfp",
    "SS|PPSE|SS": "ss_ppse_ss",
    "SS|CNCSE|SS": "ss_cncse_ss",
    "SS|CPCSE|SS": "ss_cpcse_ss",
}
"""Set name -> function name in this module."""


def sbqd_carbon() -> dict:
    """SbQD@C | 1 M NaClO4 in PC | Na half cell (Qiu2021)."""
    return pybamm_values("SbQD@C")


def commercial_sb() -> dict:
    """Commercial (bulk) Sb | 1 M NaClO4 in PC | Na half cell (Qiu2021)."""
    return pybamm_values("commercial Sb")


def ppse() -> dict:
    """Li | PEO/LiTFSI | Li symmetric cell (Cheng2023), for SymmetricLithiumCell."""
    return pybamm_values("PPSE")


def cncse() -> dict:
    """Li | PEO/LiTFSI + GdOOH nanowires | Li symmetric cell (Cheng2023), for
    SymmetricLithiumCell."""
    return pybamm_values("CNCSE")


def cpcse() -> dict:
    """Li | PEO/LiTFSI + GdOOH cluster chains | Li symmetric cell (Cheng2023), for
    SymmetricLithiumCell."""
    return pybamm_values("CPCSE")


def cheng2023_cells() -> dict:
    """Cell-level values of the Cheng2023 solid-state cells (not a model's
    complete set: the electrolyte comes from PPSE, CNCSE or CPCSE)."""
    return pybamm_values("Cheng2023 cells")


def li_ppse_lfp() -> dict:
    """Li | PPSE | LiFePO4 cell (Cheng2023), for LFPSolidStateCell."""
    return pybamm_values("Li|PPSE|LFP")


def li_cncse_lfp() -> dict:
    """Li | CNCSE | LiFePO4 cell (Cheng2023), for LFPSolidStateCell."""
    return pybamm_values("Li|CNCSE|LFP")


def li_cpcse_lfp() -> dict:
    """Li | CPCSE | LiFePO4 cell (Cheng2023), for LFPSolidStateCell."""
    return pybamm_values("Li|CPCSE|LFP")


def ss_ppse_ss() -> dict:
    """SS | PPSE | SS blocking cell (Cheng2023), for BlockingElectrodeCell."""
    return pybamm_values("SS|PPSE|SS")


def ss_cncse_ss() -> dict:
    """SS | CNCSE | SS blocking cell (Cheng2023), for BlockingElectrodeCell."""
    return pybamm_values("SS|CNCSE|SS")


def ss_cpcse_ss() -> dict:
    """SS | CPCSE | SS blocking cell (Cheng2023), for BlockingElectrodeCell."""
    return pybamm_values("SS|CPCSE|SS")
