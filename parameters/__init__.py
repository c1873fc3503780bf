"""Registry of parameter sets.

There is one module per material or source (e.g. ``qiu2021_sbqd_carbon`` for
the SbQD@C anode of Qiu et al. 2021), each with a function returning a
:class:`sim.parameter_set.ParameterSet`. Every value carries a unit and a
source: a location in a paper, another published parameter set, or an explicit
``"assumption: <reason>"``. Tabulated data (e.g. measured open-circuit
potential curves) lives in ``parameters/data/`` next to a markdown file
describing where it comes from.

Modules are imported only when their set is requested, so listing the
available sets is cheap::

    from sim import parameters

    parameters.available()          # ['SbQD@C', 'commercial Sb', 'PPSE', ...]
    pset = parameters.get("sbqd@c")  # names are case-insensitive

Every set is also a PyBaMM parameter set (entry-point group
``pybamm_parameter_sets`` in ``pyproject.toml``), so after installation
``pybamm.ParameterValues("SbQD@C")`` gives the complete, validated values that
:meth:`ParameterSet.to_pybamm` gives. The entry points are the zero-argument
functions of :mod:`sim.parameters.pybamm_sets`. The Cheng2023 sets are complete
for a cell model each: "PPSE", "CNCSE", "CPCSE" for ``SymmetricLithiumCell``,
"Li|<electrolyte>|LFP" for ``LFPSolidStateCell``, "SS|<electrolyte>|SS" for
``BlockingElectrodeCell`` (:mod:`sim.parameters.cheng2023_cell_sets`); "Cheng2023
cells" holds the cell-level values they share.
"""

from __future__ import annotations

import difflib
import importlib

from sim.errors import ParameterError
from sim.parameter_set import ParameterSet

_REGISTRY: dict[str, str] = {
    "SbQD@C": "sim.parameters.qiu2021_sbqd_carbon:get_parameter_set",
    "commercial Sb": "sim.parameters.commercial_sb:get_parameter_set",
    "PPSE": "sim.parameters.cheng2023_peo_gdooh:get_ppse",
    "CNCSE": "sim.parameters.cheng2023_peo_gdooh:get_cncse",
    "CPCSE": "sim.parameters.cheng2023_peo_gdooh:get_cpcse",
    "Cheng2023 cells": "sim.parameters.cheng2023_cells:get_parameter_set",
    "Li|PPSE|LFP": "sim.parameters.cheng2023_cell_sets:get_li_ppse_lfp",
    "Li|CNCSE|LFP": "sim.parameters.cheng2023_cell_sets:get_li_cncse_lfp",
    "Li|CPCSE|LFP": "sim.parameters.cheng2023_cell_sets:get_li_cpcse_lfp",
    "SS|PPSE|SS": "sim.parameters.cheng2023_cell_sets:get_ss_ppse_ss",
    "SS|CNCSE|SS": "sim.parameters.cheng2023_cell_sets:get_ss_cncse_ss",
    "SS|CPCSE|SS": "sim.parameters.cheng2023_cell_sets:get_ss_cpcse_ss",
}


def register_parameter_set(name: str, target: str) -> None:
    """Register a parameter set.

    Args:
        name: Name users pass to :func:`get` and ``sim params``; lookups are
            case-insensitive.
        target: ``"module:function"``; the function takes no arguments and
            returns a :class:`ParameterSet`.

    Raises:
        ValueError: If ``target`` is malformed or the name is already taken.
    """
    module, _, function = target.partition(":")
    if not module or not function:
        raise ValueError(f"target {target!r} is not of the form 'module:function'")
    if name.lower() in (n.lower() for n in _REGISTRY):
        raise ValueError(f"parameter set {name!r} is already registered")
    _REGISTRY[name] = target


def available() -> list[str]:
    """Return the names of all registered parameter sets."""
    return list(_REGISTRY)


def get(name: str) -> ParameterSet:
    """Build the parameter set called ``name`` (case-insensitive).

    Raises:
        ParameterError: If no set has that name; the message lists the
            available sets and close matches.
    """
    by_lower = {n.lower(): n for n in _REGISTRY}
    key = by_lower.get(name.strip().lower())
    if key is None:
        close = difflib.get_close_matches(name.lower(), list(by_lower), cutoff=0.5)
        hint = ""
        if close:
            hint = "; did you mean " + " or ".join(repr(by_lower[c]) for c in close)
            hint += "?"
        raise ParameterError(
            f"unknown parameter set {name!r}{hint} "
            f"(available: {', '.join(available())})"
        )
    module, _, function = _REGISTRY[key].partition(":")
    parameter_set = getattr(importlib.import_module(module), function)()
    if not isinstance(parameter_set, ParameterSet):
        raise TypeError(f"{_REGISTRY[key]} did not return a ParameterSet")
    return parameter_set


def pybamm_values(name: str) -> dict:
    """The complete PyBaMM values of set ``name`` as a plain dict."""
    return get(name).to_dict()


__all__ = ["available", "get", "pybamm_values", "register_parameter_set"]
