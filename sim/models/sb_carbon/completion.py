"""Complete PyBaMM parameter values for the Sb/C half cell.

:func:`complete` is the ``completion`` hook of the "SbQD@C" and "commercial Sb"
parameter sets: ``ParameterSet.to_pybamm()`` (and so
``pybamm.ParameterValues("SbQD@C")``) calls it, and the values then drive
``pybamm.Simulation(SbCarbonHalfCell())`` as they are. It checks what the model
reads and adds what the model needs beyond the set's parameters:

- "Current function [A]" (0: at rest) and "Nominal cell capacity [A.h]" (all
  stores full, used by PyBaMM for C-rates);
- derived tables (see :mod:`.start_state`): the carbon's inverse OCP, and the
  virtual positive electrode PyBaMM's half-cell SOC tools read: its OCP U(z), its
  inverse z(V), "Maximum concentration in positive electrode [mol.m-3]" and,
  by default, "Initial concentration in positive electrode [mol.m-3]" as an
  expression of "Initial voltage [V]";
- a fresh electrode's "Initial connected Sb fraction" 1 and isolated sodium 0;
- optionally the electrolyte's temperature range (:func:`complete`).

The start state itself is not stored: the model computes it from "Initial
voltage [V]" (see :mod:`.start_state`; :func:`sim.physics.initial_state.equilibrium`
gives its numbers for analysis), so it cannot go stale when the voltage changes.

The tables are computed from the parameters at the completion; change a
parameter that enters them (see :data:`.parameter_names.NOT_INPUT`) through the
parameter set, not in the PyBaMM values, so they are recomputed.
A start on the sodiation branch (a cell brought to its start voltage by
sodiation) is asked for with the extra "Start on sodiation branch" = 1:
``ps.to_pybamm(extra={"Initial voltage [V]": 0.5, "Start on sodiation branch":
1})``. A model built with other options than the set's (e.g. carbon only)
re-completes the values with
``SbCarbonHalfCell(options).complete_values(pv, branch=...)`` (which calls
:func:`add_model_values`); ``simulate`` refuses values that lack what the
model's options need (:meth:`SbCarbonHalfCell.check_values`).
"""

from __future__ import annotations

import numpy as np
import pybamm

from sim.constants import FARADAY, GAS_CONSTANT
from sim.errors import ParameterError
from sim.expressions import Table, is_symbol
from sim.models.sb_carbon.geometry import C_PER_KG_PER_MAH_PER_G, electrode_geometry
from sim.models.sb_carbon.options import (
    DEFAULT_OPTIONS,
    SB_PLACEMENTS,
    embedded_sb,
    validate_options,
)
from sim.models.sb_carbon.parameter_names import (
    START_BRANCH,
    TEMPERATURE_RANGE,
    not_input_names,
    required_parameters,
    sb_step_names,
)
from sim.models.sb_carbon.start_state import (
    CARBON_INVERSE_OCP,
    EQUILIBRIUM_FRACTION,
    VIRTUAL_C_INIT,
    VIRTUAL_C_MAX,
    VIRTUAL_CAPACITANCE,
    VIRTUAL_OCP,
    ZERO_CHARGE_POTENTIAL,
    default_initial_concentration,
)
from sim.physics.site_kinetics import isotherm

LOGIT_NODES = np.linspace(-27.0, 27.0, 2701)
"""Nodes of the carbon inverse OCP, in logit(stoichiometry)."""
VOLTAGE_NODES = 3001
MIN_LINEAR_SHARE = 0.01
"""Least share of the virtual electrode's capacity that is linear in potential."""


def _number(pv, name):
    value = pv[name]
    if is_symbol(value) or not isinstance(value, (int, float)):
        raise ParameterError(
            f"parameter '{name}' = {value!r} cannot be '[input]' or an "
            "expression: it sets the mesh or the tabulated rest state, computed "
            "before solving; give a number"
        )
    return float(value)


def _carbon_ocp_table(pv):
    """(U increasing, logit(sto) matching) from the carbon OCP function."""
    sto = 1 / (1 + np.exp(-LOGIT_NODES))
    ocp = pv["Carbon OCP [V]"]
    U = np.ravel(pv.evaluate(ocp(pybamm.Vector(sto)))) if callable(ocp) else None
    if U is None or U.shape != sto.shape or np.any(np.diff(U) >= 0):
        raise ParameterError(
            "parameter 'Carbon OCP [V]' must be a function of stoichiometry that "
            "decreases strictly on (0, 1)"
        )
    return U[::-1], LOGIT_NODES[::-1]


def _logistic(y):
    return 1 / (1 + pybamm.exp(-y))


def _carbon_inverse(U_inc, y_inc):
    """The carbon stoichiometry at a potential: logistic of the tabulated logit."""
    return Table(U_inc, y_inc, "carbon_inverse_ocp", transform=_logistic)


def _capacities(pv, options):
    """Sodium capacity of each store per electrode volume [mol.m-3] and the
    double-layer capacitance per volume [F.m-3], as numbers."""
    geo = electrode_geometry(options)
    ev = pv.evaluate
    caps = {"carbon": float(ev(geo.eps_C * geo.c_C_max))}
    if options["Sb phase"]:
        for j in range(1, options["Sb steps"] + 1):
            frac = pybamm.Parameter(sb_step_names(j)["fraction"])
            caps[f"Sb step {j}"] = float(ev(geo.eps_Sb * geo.c_Sb_max * frac))
    if options["surface storage"]:
        caps["surface"] = float(ev(geo.Q_ss)) / FARADAY
    if options["additive storage"]:
        caps["additive"] = float(ev(geo.Q_add)) / FARADAY
    C_dl_v = float(ev(geo.a_dl * pybamm.Parameter("Double-layer capacity [F.m-2]")))
    return caps, C_dl_v, float(ev(geo.rho_active_v))


def _occupancies(pv, options, V, f, branch, carbon_table):
    """Equilibrium occupancy of each store at potentials V (numpy)."""
    U_inc, y_inc = carbon_table
    occ = {"carbon": 1 / (1 + np.exp(-np.interp(V, U_inc, y_inc)))}
    if options["Sb phase"]:
        key = "U_sod" if branch == "sodiation" else "U_des"
        for j in range(1, options["Sb steps"] + 1):
            n = sb_step_names(j)
            occ[f"Sb step {j}"] = isotherm(V, pv[n[key]], pv[n["w"]], f)
    if options["surface storage"]:
        occ["surface"] = isotherm(
            V,
            pv["Surface storage standard potential [V]"],
            pv["Surface storage isotherm width"],
            f,
        )
    if options["additive storage"]:
        occ["additive"] = isotherm(
            V,
            pv["Conductive additive storage standard potential [V]"],
            pv["Conductive additive storage isotherm width"],
            f,
        )
    return occ


def _virtual_electrode(pv, options, branch, carbon_table, T):
    """Tables of the virtual positive electrode: (z increasing, V matching),
    c_max [mol.m-3], the top potential and the capacitance [F.m-3] counted in z."""
    caps, C_dl_v, _ = _capacities(pv, options)
    V_low, V_high = (
        _number(pv, n)
        for n in ("Lower voltage cut-off [V]", "Upper voltage cut-off [V]")
    )
    U_inc = carbon_table[0]
    lo = max(min(V_low, 0.0) - 0.2, U_inc[0])
    hi = min(max(V_high, 2.5) + 0.5, U_inc[-1])
    V = np.linspace(lo, hi, VOLTAGE_NODES)
    occ = _occupancies(
        pv, options, V, FARADAY / (GAS_CONSTANT * T), branch, carbon_table
    )
    # the double layer is part of the charge between the cut-offs and keeps z
    # strictly monotone where every faradaic store is saturated. Numerical
    # device: at least MIN_LINEAR_SHARE of the table's capacity is counted as
    # linear in potential, so that PyBaMM's SOC solver (tolerance ~1e-6 in
    # stoichiometry) resolves the voltage to < 1 mV where the electrode stores
    # next to nothing (bulk Sb above 0.9 V); SOC is the charge fraction to
    # within that share
    faradaic = sum(caps.values())
    C_v = max(C_dl_v, MIN_LINEAR_SHARE * faradaic * FARADAY / (hi - lo))
    held = sum(caps[k] * occ[k] for k in caps) + C_v * (hi - V) / FARADAY
    c_max = faradaic + C_v * (hi - lo) / FARADAY
    z = held / c_max
    return z[::-1], V[::-1], c_max, hi, C_v


def _tabulated(x, y, name):
    return Table(x, y, name)


def check(pv, options, set_name="the parameter values"):
    """What the model reads is there, numbers where they must be, and the Sb
    steps agree with the options."""
    missing = [n for n in required_parameters(options) if n not in pv.keys()]
    if missing:
        hint = ""
        if options["surface storage"] and any("Surface storage" in n for n in missing):
            hint = (
                "; the model option 'surface storage' is True: build the model "
                "with {'surface storage': False} (as the set's own model options "
                "say) or give the surface-storage parameters"
            )
        raise ParameterError(
            f"{set_name} lack parameter(s) {missing} that the Sb/C model with "
            f"options {validate_options(options)} reads{hint}"
        )
    for name in not_input_names(options):
        if name in pv.keys() and name != "Carbon OCP [V]":
            _number(pv, name)
    if options["Sb phase"]:
        check_sb_steps(pv, options["Sb steps"], set_name)
    if embedded_sb(options):
        w = pv["Sb mass fraction in active material"]
        if isinstance(w, (int, float)) and w >= 1:
            raise ParameterError(
                f"{set_name} have 'Sb mass fraction in active material' = {w:g}: "
                "no carbon for the model option 'Sb placement': 'embedded' (dots "
                "inside carbon grains) to hold the Sb in; for Sb alone build the "
                "model with {'Sb placement': 'connected'} (as the 'commercial Sb' set "
                "says)"
            )


def check_sb_steps(values, n_steps, set_name="the parameter set"):
    """The values must define exactly the model's steps, with fractions summing
    to 1 and each sodiation potential at most its desodiation potential."""
    keys = values.keys() if hasattr(values, "keys") else values
    defined = 0
    while f"Sb step {defined + 1} capacity fraction" in keys:
        defined += 1
    if defined != n_steps:
        raise ParameterError(
            f"{set_name} defines {defined} Sb alloying step(s) but the model "
            f"option 'Sb steps' is {n_steps}; they must agree"
        )
    fractions = [values[sb_step_names(j)["fraction"]] for j in range(1, n_steps + 1)]
    numeric = all(isinstance(f, (int, float)) for f in fractions)
    if numeric and abs(sum(fractions) - 1) > 1e-6:
        raise ParameterError(
            f"Sb step capacity fractions {fractions} sum to {sum(fractions):.6g}: "
            "they must sum to 1 (every Sb atom ends as Na3Sb)"
        )
    for j in range(1, n_steps + 1):
        n = sb_step_names(j)
        u_sod, u_des = values[n["U_sod"]], values[n["U_des"]]
        if u_sod > u_des:
            raise ParameterError(
                f"parameter '{n['U_sod']}' = {u_sod} V is above '{n['U_des']}' = "
                f"{u_des} V: the sodiation potential must not exceed the "
                "desodiation potential (hysteresis band)"
            )


def add_model_values(pv, options, branch="desodiation"):
    """Add (in place) everything the model needs beyond the parameters, for the
    given options and start branch ("desodiation" or "sodiation")."""
    if branch not in ("desodiation", "sodiation"):
        raise ParameterError(f"branch {branch!r}: must be 'desodiation' or 'sodiation'")
    options = validate_options(options)
    check(pv, options)
    T = _number(pv, "Ambient temperature [K]")
    carbon_table = _carbon_ocp_table(pv)
    z, V, c_max, top, C_v = _virtual_electrode(pv, options, branch, carbon_table, T)
    caps, C_dl_v, rho = _capacities(pv, options)
    full = sum(caps.values()) * FARADAY / C_PER_KG_PER_MAH_PER_G / rho  # mAh/g
    mass_g = (
        1e3
        * _number(pv, "Active material mass loading [kg.m-2]")
        * _number(pv, "Electrode area [m2]")
    )
    L_w = float(pv.evaluate(electrode_geometry(options).L_w))
    A = _number(pv, "Electrode area [m2]")
    values = {
        "Current function [A]": 0.0,
        "Nominal cell capacity [A.h]": full * mass_g / 1e3,
        "Initial temperature [K]": T,
        START_BRANCH: 1.0 if branch == "sodiation" else 0.0,
        CARBON_INVERSE_OCP: _carbon_inverse(*carbon_table),
        # the virtual positive electrode (derived: see start_state)
        VIRTUAL_OCP: _tabulated(z, V, "virtual_electrode_ocp"),
        EQUILIBRIUM_FRACTION: _tabulated(V[::-1], z[::-1], "equilibrium_fraction"),
        VIRTUAL_C_MAX: c_max,
        ZERO_CHARGE_POTENTIAL: top,
        VIRTUAL_CAPACITANCE: C_v,
        "Positive electrode OCP entropic change [V.K-1]": 0.0,
        "Positive electrode thickness [m]": L_w,
        "Positive electrode active material volume fraction": 1.0,
        "Electrode width [m]": float(np.sqrt(A)),
        "Electrode height [m]": float(np.sqrt(A)),
        "Open-circuit voltage at 0% SOC [V]": _number(pv, "Lower voltage cut-off [V]"),
        "Open-circuit voltage at 100% SOC [V]": _number(
            pv, "Upper voltage cut-off [V]"
        ),
        "Number of electrodes connected in parallel to make a cell": 1.0,
        "Number of cells connected in series to make a battery": 1.0,
    }
    values.update(
        {completed_for_name(k): _coded(k, options[k]) for k in DEFAULT_OPTIONS}
    )
    if VIRTUAL_C_INIT not in pv.keys():
        values[VIRTUAL_C_INIT] = default_initial_concentration()
    if options["Sb phase"] and options["volume change"]:
        # a fresh electrode: all Sb connected, none isolated (cycling protocols
        # that skip cycles overwrite these with the damage reached so far)
        for name, fresh in (
            ("Initial connected Sb fraction", 1.0),
            ("Initial sodium in isolated Sb [mol.m-3]", 0.0),
        ):
            if name not in pv.keys():
                values[name] = fresh
    pv.update(values, check_already_exists=False)


def _coded(option, value):
    """An option's value as the number recorded in the values (the placement by
    its index in SB_PLACEMENTS)."""
    if option == "Sb placement":
        return float(SB_PLACEMENTS.index(value))
    return float(value)


def _decoded(option, number):
    if option == "Sb placement":
        return SB_PLACEMENTS[int(number)]
    return int(number) if option == "Sb steps" else bool(number)


def completed_for_name(option):
    """Name of the value recording the model option the tables were made for."""
    return f"Sb/C values completed for model option '{option}'"


def check_completed_for(pv, options):
    """Raise ParameterError if the values' tables were made for other model
    options than ``options`` (nothing to check in values never completed)."""
    options = validate_options(options)
    names = {k: completed_for_name(k) for k in DEFAULT_OPTIONS}
    if not all(n in pv.keys() for n in names.values()):
        return
    made = {k: pv[n] for k, n in names.items()}
    if any(made[k] != _coded(k, options[k]) for k in DEFAULT_OPTIONS):
        made_for = {k: _decoded(k, v) for k, v in made.items()}
        raise ParameterError(
            f"the parameter values were completed for the model options {made_for} "
            f"but the model has {options}: its capacities and start tables differ; "
            "re-complete them for this model with model.complete_values(pv)"
        )


def complete(pv, parameter_set, temperature_range=None):
    """The ``completion`` hook of the Sb/C parameter sets (bind
    ``temperature_range`` with ``functools.partial``).

    ``temperature_range`` (low, high) [K], if given, is recorded in the values
    as :data:`.parameter_names.TEMPERATURE_RANGE` so that a temperature set
    directly on the PyBaMM values (bypassing the set's checks, e.g. 25 meant as
    Celsius) is refused before solving (:func:`check_temperature`).
    """
    options = validate_options(parameter_set.model_options)
    add_model_values(pv, options, _given_branch(pv))
    if temperature_range is not None:
        low, high = (float(t) for t in temperature_range)
        pv.update(
            dict(zip(TEMPERATURE_RANGE, (low, high), strict=True)),
            check_already_exists=False,
        )


def _given_branch(pv):
    """The start branch the values ask for: "sodiation" if they were given
    :data:`.parameter_names.START_BRANCH` = 1 (e.g.
    ``ps.to_pybamm(extra={"Initial voltage [V]": 0.5, START_BRANCH: 1})``, a
    cell at rest at 0.5 V after a sodiation), else "desodiation" (a fresh or
    desodiated electrode)."""
    if START_BRANCH not in pv.keys():
        return "desodiation"
    value = pv[START_BRANCH]
    if value not in (0, 1):
        raise ParameterError(
            f"parameter '{START_BRANCH}' = {value!r}: give 1 (the electrode came "
            "to its start voltage by sodiation) or 0 (by desodiation, or fresh); "
            "a state between the branches is set on the completed values"
        )
    return "sodiation" if value == 1 else "desodiation"


def check_temperature(pv):
    """Raise ParameterError if a numeric "Ambient temperature [K]" lies outside
    the range the completion recorded (nothing to check without a range)."""
    if not all(n in pv.keys() for n in TEMPERATURE_RANGE):
        return
    T = pv["Ambient temperature [K]"]
    low, high = (pv[n] for n in TEMPERATURE_RANGE)
    if isinstance(T, (int, float)) and not low <= T <= high:
        raise ParameterError(
            f"parameter 'Ambient temperature [K]' = {T:g} K is outside "
            f"{low:g}..{high:g} K ({low - 273.15:g}..{high - 273.15:g} C), the "
            "range of the cell's electrolyte; give the temperature in kelvin "
            f"({T:g} C is {T + 273.15:g} K)"
        )
