"""Shared by the Cheng2023 cell experiments (not an experiment: the leading
underscore keeps :func:`sim.harness.discover` away): the three electrolytes as
PyBaMM entries, and the cell-level parameter set."""

from __future__ import annotations

import numpy as np

from sim import parameters
from sim.errors import ParameterError

ELECTROLYTES = ("PPSE", "CNCSE", "CPCSE")
"""Paper B's electrolytes: pure polymer, common-nanowire composite, cluster-chain
composite (the paper's new electrolyte)."""

COLORS = {"PPSE": "0.45", "CNCSE": "tab:blue", "CPCSE": "tab:red"}


def runtime_text(runtimes):
    """ "Runtime per electrolyte: PPSE 0.31 s, ..." for an experiment's notes."""
    return (
        "Runtime per electrolyte: "
        + ", ".join(f"{n} {t:.2f} s" for n, t in runtimes.items())
        + "."
    )


def cell_values():
    """The cell-level values (``parameters.get("Cheng2023 cells")``), validated."""
    pset = parameters.get("Cheng2023 cells")
    pset.validate()
    return pset.as_dict()


def check_electrolyte_name(name):
    """Raise one ParameterError for an unknown electrolyte name."""
    if name not in ELECTROLYTES:
        raise ParameterError(
            f"unknown electrolyte {name!r}; allowed: {', '.join(ELECTROLYTES)}"
        )


def electrolyte(name):
    """PyBaMM electrolyte entries of one of paper B's electrolytes ("Initial
    concentration in electrolyte [mol.m-3]", "Electrolyte conductivity [S.m-1]"
    and "Electrolyte diffusivity [m2.s-1]" as functions of (c_e, T), "Cation
    transference number", "Thermodynamic factor", and the temperature-law
    parameters those functions read), from its parameter set via
    :func:`sim.physics.polymer_electrolyte.electrolyte_entries`."""
    check_electrolyte_name(name)
    from sim.physics.polymer_electrolyte import electrolyte_entries

    return dict(electrolyte_entries(parameters.get(name)))


def symmetric_cell(name, changes=None):
    """Complete values of the Li | ``name`` | Li cell at the cell temperature of
    "Cheng2023 cells": the electrolyte set ``name`` completed by ``to_pybamm()``
    (:func:`sim.parameters.cheng2023_cell_sets.complete_symmetric_cell`), with
    ``changes`` to the set's parameters (e.g. ``"[input]"``)."""
    check_electrolyte_name(name)
    T = parameters.get("Cheng2023 cells")["Ambient temperature [K]"]
    changes = {"Ambient temperature [K]": T, **(changes or {})}
    return parameters.get(name).updated(changes).to_pybamm()


def blocking_cell(name, changes=None):
    """Complete values of the SS | ``name`` | SS blocking cell (set
    "SS|name|SS", ``to_pybamm()``), with ``changes`` to its parameters."""
    check_electrolyte_name(name)
    return parameters.get(f"SS|{name}|SS").updated(changes or {}).to_pybamm()


def transport_at(parameter_values, T=None):
    """The electrolyte's kappa [S.m-1], D [m2.s-1], t+, chi and c0 at its initial
    concentration and temperature ``T`` (default: the values' ambient one)."""
    import pybamm

    pv = parameter_values
    c0 = float(pv["Initial concentration in electrolyte [mol.m-3]"])
    T = float(pv["Ambient temperature [K]"] if T is None else T)

    def value(name):
        sym = pv[name](pybamm.Scalar(c0), pybamm.Scalar(T))
        return float(np.squeeze(pv.process_symbol(sym).evaluate()))

    return {
        "kappa": value("Electrolyte conductivity [S.m-1]"),
        "D": value("Electrolyte diffusivity [m2.s-1]"),
        "t+": float(pv["Cation transference number"]),
        "chi": float(pv["Thermodynamic factor"]),
        "c0": c0,
        "T": T,
    }


__all__ = [
    "COLORS",
    "ELECTROLYTES",
    "blocking_cell",
    "cell_values",
    "check_electrolyte_name",
    "electrolyte",
    "symmetric_cell",
    "transport_at",
]
