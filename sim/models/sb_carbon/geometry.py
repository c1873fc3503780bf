"""Geometry of the Sb/C half cell, as PyBaMM expressions of the recipe.

x runs from the Na metal counter electrode (x = 0) through the separator to the
Cu current collector::

    Na metal | separator (electrolyte) | working electrode (active + additive + binder) | Cu
    x = 0      x in [0, L_s]             x in [L_s, L_s + L_w]

Everything here is on the pristine (reference) electrode: volume fractions from
the recipe via :mod:`sim.physics.electrode_composition`, specific areas of
spheres, volumetric capacities of the stores. The swelling of Sb enters later as
a stretch of this reference coordinate (see :mod:`.swelling`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pybamm

from sim.constants import FARADAY
from sim.models.sb_carbon.options import embedded_sb
from sim.physics.electrode_composition import (
    RECIPE_PARAMETERS,
    composition_from,
    specific_area_spheres,
)

P = pybamm.Parameter

X_S = pybamm.SpatialVariable("x_s", ["separator"], coord_sys="cartesian")
X_W = pybamm.SpatialVariable("x_w", ["working electrode"], coord_sys="cartesian")
R_CARBON = pybamm.SpatialVariable(
    "r_C",
    ["carbon particle"],
    auxiliary_domains={"secondary": "working electrode"},
    coord_sys="spherical polar",
)

R_SB = pybamm.SpatialVariable(
    "r_Sb",
    ["Sb particle"],
    auxiliary_domains={"secondary": "working electrode"},
    coord_sys="spherical polar",
)
"""Radius of the Sb diffusion sphere over its radius (dimensionless, 0..1), so
that the sphere's size stays an ordinary (and "[input]") parameter."""

C_PER_KG_PER_MAH_PER_G = 3600.0
"""1 mAh/g = 3600 C/kg."""


@dataclass(frozen=True)
class ElectrodeGeometry:
    """Geometry and volumetric capacities (all per pristine electrode volume).

    L_s, L_w: separator and electrode thickness [m]; A: electrode area [m2];
    m_active: active mass [kg]; rho_active_v: active mass per electrode volume
    [kg.m-3]; eps_e: electrolyte porosity (broadcast on the electrode); eps_C,
    eps_Sb, eps_inert: phase volume fractions; R_C: carbon particle radius [m];
    a_C: carbon surface [m-1]; c_C_max: carbon insertion capacity [mol.m-3 of
    carbon]; a_dl: double-layer area [m-1] (active BET + conductive
    additive). With the Sb phase: R_Sb, a_Sb (Sb surface [m-1]), a_grain
    (active-grain surface [m-1]), c_Sb_max [mol.m-3 of Sb]; with surface
    storage: Q_ss [C.m-3]; with additive storage: Q_add [C.m-3], the
    conductive additive's. With embedded Sb (dots in composite grains) the
    carbon particle is the grain: R_C is the grain radius, a_grain its outer
    surface, a_C the BET area where the carbon meets the electrolyte
    (entry_ratio = a_C / a_grain), phi_C the grain's carbon volume fraction.
    """

    L_s: pybamm.Symbol
    L_w: pybamm.Symbol
    A: pybamm.Symbol
    m_active: pybamm.Symbol
    rho_active_v: pybamm.Symbol
    eps_e: pybamm.Symbol
    eps_C: pybamm.Symbol
    eps_Sb: pybamm.Symbol
    eps_inert: pybamm.Symbol
    R_C: pybamm.Symbol
    a_C: pybamm.Symbol
    c_C_max: pybamm.Symbol
    a_dl: pybamm.Symbol
    R_Sb: pybamm.Symbol | None = None
    a_Sb: pybamm.Symbol | None = None
    a_grain: pybamm.Symbol | None = None
    c_Sb_max: pybamm.Symbol | None = None
    Q_ss: pybamm.Symbol | None = None
    Q_add: pybamm.Symbol | None = None
    phi_C: pybamm.Symbol = pybamm.Scalar(1)
    """Carbon volume fraction of the carbon "particle" (1; with embedded Sb the
    particle is the composite grain, carbon and dots)."""
    entry_ratio: pybamm.Symbol = pybamm.Scalar(1)
    """Carbon reaction area over the spheres' own surface (1; with embedded Sb
    the BET area of the grains over their outer surface)."""


def electrode_geometry(options):
    """The cell's :class:`ElectrodeGeometry` for the given (validated) options."""
    loading = P("Active material mass loading [kg.m-2]")
    comp = composition_from({name: P(name) for name in RECIPE_PARAMETERS.values()})
    L_w = comp.thickness
    A = P("Electrode area [m2]")
    rho_active_v = loading / L_w
    R_C = P("Carbon particle radius [m]")
    eps_C = comp.eps_carbon
    a_C = specific_area_spheres(eps_C, R_C)
    sb = {}
    if embedded_sb(options):
        # composite grains: the carbon "particle" holds the dots (confined: only
        # carbon faces the electrolyte). Na enters the carbon wherever the
        # electrolyte wets it, the active material's BET area (pore walls,
        # 15x the grains' outer surface for SbQD@C), and diffuses through the
        # grain's carbon to the dots
        a_grain = specific_area_spheres(eps_C + comp.eps_Sb, R_C)
        a_C = P("BET specific surface area [m2.kg-1]") * rho_active_v
        sb = {
            "a_grain": a_grain,
            "phi_C": eps_C / (eps_C + comp.eps_Sb),
            "entry_ratio": a_C / a_grain,
        }
    elif options["Sb phase"]:
        # connected Sb (particles, or the dots' network through a composite
        # grain of radius "Sb diffusion length"): the grains touch the network
        sb = {
            "a_grain": specific_area_spheres(
                eps_C + comp.eps_Sb, P("Sb diffusion length [m]")
            )
        }
    if options["Sb phase"]:
        R_Sb = P("Sb particle radius [m]")
        sb |= {
            "R_Sb": R_Sb,
            "a_Sb": specific_area_spheres(comp.eps_Sb, R_Sb),
            "c_Sb_max": P("Sodium per Sb at full sodiation")
            * P("Sb density [kg.m-3]")
            / P("Sb molar mass [kg.mol-1]"),
        }
    if options["surface storage"]:
        sb["Q_ss"] = (
            C_PER_KG_PER_MAH_PER_G
            * P("Surface storage capacity [mA.h.g-1]")
            * rho_active_v
        )
    if options["additive storage"]:
        # per gram of additive, times the additive's mass per active mass
        sb["Q_add"] = (
            C_PER_KG_PER_MAH_PER_G
            * P("Conductive additive storage capacity [mA.h.g-1]")
            * P("Conductive additive mass fraction in electrode")
            / P("Active material mass fraction in electrode")
            * rho_active_v
        )
    return ElectrodeGeometry(
        L_s=P("Separator thickness [m]"),
        L_w=L_w,
        A=A,
        m_active=loading * A,
        rho_active_v=rho_active_v,
        eps_e=pybamm.PrimaryBroadcast(
            P("Working electrode porosity"), "working electrode"
        ),
        eps_C=eps_C,
        eps_Sb=comp.eps_Sb,
        eps_inert=comp.eps_inert,
        R_C=R_C,
        a_C=a_C,
        # mA.h.g-1 -> C.kg-1 is x 3600; per m3 of carbon: x density
        c_C_max=C_PER_KG_PER_MAH_PER_G
        * P("Carbon insertion capacity [mA.h.g-1]")
        * P("Active-material carbon density [kg.m-3]")
        / FARADAY,
        # the active material's BET area and the conductive additive's
        a_dl=(
            P("BET specific surface area [m2.kg-1]")
            + P("Conductive additive specific surface area [m2.kg-1]")
            * P("Conductive additive mass fraction in electrode")
            / P("Active material mass fraction in electrode")
        )
        * rho_active_v,
        **sb,
    )


def pybamm_geometry(geo):
    """The PyBaMM geometry (domains and their extents) of the cell."""
    return pybamm.Geometry(
        {
            "separator": {X_S: {"min": pybamm.Scalar(0), "max": geo.L_s}},
            "working electrode": {X_W: {"min": geo.L_s, "max": geo.L_s + geo.L_w}},
            "carbon particle": {R_CARBON: {"min": pybamm.Scalar(0), "max": geo.R_C}},
            "Sb particle": {R_SB: {"min": pybamm.Scalar(0), "max": pybamm.Scalar(1)}},
        }
    )
