"""Capacity budget of the Sb/C electrode, per gram of active material (the SbQD@C
composite, as the paper quotes it, or bulk Sb), from its parameters alone (no
simulation): what each store can hold, and what it takes up at equilibrium between
two potentials. Used for the nominal capacity of a cell, the
capacity test, and the README's budget.

Units: mAh per gram of active material (1 mAh/g = 3.6 C/g = 3600 C/kg).
"""

from __future__ import annotations

from sim.constants import FARADAY as F
from sim.physics.initial_state import equilibrium

C_PER_KG_PER_MAH_PER_G = 3600.0


def full_capacity(pv, options):
    """Capacity of each store when completely filled [mAh/g of active material]; the
    double layer is given per volt [mAh/g/V]."""
    w_Sb = pv["Sb mass fraction in active material"]
    out = {"Carbon insertion": (1 - w_Sb) * pv["Carbon insertion capacity [mA.h.g-1]"]}
    if options["Sb phase"]:
        n, M = pv["Sodium per Sb at full sodiation"], pv["Sb molar mass [kg.mol-1]"]
        steps = sum(
            pv[f"Sb step {j} capacity fraction"]
            for j in range(1, options["Sb steps"] + 1)
        )
        out["Sb"] = w_Sb * n * F / M / C_PER_KG_PER_MAH_PER_G * steps
    if options["surface storage"]:
        out["Surface storage"] = pv["Surface storage capacity [mA.h.g-1]"]
    if options.get("additive storage"):
        out["Conductive additive"] = (
            pv["Conductive additive storage capacity [mA.h.g-1]"]
            * pv["Conductive additive mass fraction in electrode"]
            / pv["Active material mass fraction in electrode"]
        )
    # on the active material's BET area and the conductive additive's
    area = (
        pv["BET specific surface area [m2.kg-1]"]
        + pv.get("Conductive additive specific surface area [m2.kg-1]", 0.0)
        * pv["Conductive additive mass fraction in electrode"]
        / pv["Active material mass fraction in electrode"]
    )
    out["Double layer per volt"] = (
        area * pv["Double-layer capacity [F.m-2]"] / C_PER_KG_PER_MAH_PER_G
    )
    return out


def window_capacity(pv, options, v_high, v_low):
    """Charge taken up [mAh/g] by each store in a sodiation from rest at ``v_high``
    (desodiation branch) to rest at ``v_low`` (sodiation branch)."""
    full = full_capacity(pv, options)
    hi = equilibrium(pv, v_high, options, "desodiation")
    lo = equilibrium(pv, v_low, options, "sodiation")
    w_Sb = pv["Sb mass fraction in active material"]
    out = {
        "Carbon insertion": (1 - w_Sb)
        * pv["Carbon insertion capacity [mA.h.g-1]"]
        * (lo["Initial carbon stoichiometry"] - hi["Initial carbon stoichiometry"])
    }
    if options["Sb phase"]:
        filled = sum(
            pv[f"Sb step {j} capacity fraction"]
            * (
                lo[f"Initial Sb step {j} occupancy"]
                - hi[f"Initial Sb step {j} occupancy"]
            )
            for j in range(1, options["Sb steps"] + 1)
        )
        out["Sb"] = full["Sb"] * filled
    if options["surface storage"]:
        out["Surface storage"] = full["Surface storage"] * (
            lo["Initial surface storage occupancy"]
            - hi["Initial surface storage occupancy"]
        )
    if options.get("additive storage"):
        out["Conductive additive"] = full["Conductive additive"] * (
            lo["Initial conductive additive storage occupancy"]
            - hi["Initial conductive additive storage occupancy"]
        )
    out["Double layer"] = full["Double layer per volt"] * (v_high - v_low)
    return out
