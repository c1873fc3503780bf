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


GROWTH = "Lithium interphase growth per passed charge [m2.A-1.h-1]"
PASSED = "Initial interphase passed charge [A.h.m-2]"
LONG_CYCLES = 2
"""Cycles simulated at each point of a long test: the salt profile relaxes in
L^2/D < 1 h, so after one cycle every cycle repeats but for the film growth."""


def long_cycling_protocol(cycles=LONG_CYCLES):
    """Cheng2023's long Li|Li test: 0.1 mA/cm2, 1 h half cycles (Fig. 3h,i)."""
    from sim.experiments import reported_cheng2023 as reported

    from sim.protocols import StepCycling

    return StepCycling(
        (reported.value("long cycling current"),),
        half_cycle_time=reported.value("long cycling half-cycle time") * 3600,
        cycles_per_step=cycles,
    )


def polarization_at(name, hours, growth=None, cycles=LONG_CYCLES):
    """Polarization [mV] of Li | ``name`` | Li after ``hours`` of the long test:
    the largest |V| of the last of ``cycles`` cycles simulated with the film
    having passed the charge of the hours before them (the model's film-growth
    state, :class:`~sim.models.symmetric_lithium_cell.SymmetricLithiumCell`);
    inf if the salt depletes. ``growth`` overrides the set's growth coefficient.
    Returns ``(polarization, film part [mV], passed charge [A.h.m-2], run)``; the
    film part (both films) and the passed charge are those at the same instant."""
    from sim.models.symmetric_lithium_cell import SymmetricLithiumCell
    from sim.protocols import simulate

    protocol = long_cycling_protocol(cycles)
    run_hours = 2 * cycles * protocol.half_cycle_time / 3600
    if not hours >= run_hours:
        raise ParameterError(
            f"long-test time must be >= the {run_hours:g} h simulated, got {hours!r}"
        )
    pv = symmetric_cell(name)
    i = protocol.current_densities[0] * 10  # mA/cm2 -> A/m2
    pv[PASSED] = i * (hours - run_hours)
    if growth is not None:
        pv[GROWTH] = float(growth)
    run = simulate(SymmetricLithiumCell(), pv, protocol)
    if run.summary["depleted"]:
        return np.inf, np.nan, np.nan, run
    t = np.asarray(run["Time [s]"])
    V = np.asarray(run["Voltage [V]"])
    last = np.flatnonzero(t >= t[-1] - 2 * protocol.half_cycle_time)
    k = last[int(np.argmax(np.abs(V[last])))]
    sol = run.solution
    t_sol = sol["Time [s]"].entries
    film = np.interp(
        t[k],
        t_sol,
        sol["Counter electrode film overpotential [V]"].entries
        - sol["Working electrode film overpotential [V]"].entries,
    )
    q = np.interp(
        t[k], t_sol, sol["Interphase passed charge per area [A.h.m-2]"].entries
    )
    return 1e3 * float(abs(V[k])), 1e3 * float(abs(film)), float(q), run


__all__ = [
    "COLORS",
    "GROWTH",
    "PASSED",
    "long_cycling_protocol",
    "polarization_at",
    "ELECTROLYTES",
    "blocking_cell",
    "cell_values",
    "check_electrolyte_name",
    "electrolyte",
    "symmetric_cell",
    "transport_at",
]
