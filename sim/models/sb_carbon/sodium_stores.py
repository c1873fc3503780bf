"""The stores of sodium in the working electrode and their kinetics.

All currents are anodic-positive volumetric current densities per *reference*
(pristine) electrode volume [A.m-3]; sodium contents are in mol per reference
volume.

1. **Carbon** (the functional carbon framework): hard-carbon-like insertion,
   Fickian diffusion in spheres (radius r) with a diffusivity that falls in the
   low-voltage plateau (slow pore filling, :mod:`sim.physics.carbon_plateau`),
   symmetric Butler-Volmer kinetics, an OCP from Chayambuka et al. (2022). With
   the double layer alone it is exactly PyBaMM's DFN half cell with that
   diffusivity function.
2. **Sb** in dots (or bulk particles): see :mod:`.sb_alloy` (diffusion in NaxSb,
   multistep isotherm, hysteresis state).
3. **Surface storage**: fast defect/interfacial sites of the carbon, one broad
   reversible site, rate constant in s-1.
4. **Conductive additive**: Na stored in the electrode's carbon black (Super P),
   per gram of additive, another broad reversible site (no solid diffusion: the
   primary particles are tens of nm).

Rate constants and diffusivities are Arrhenius in the temperature
(:mod:`sim.physics.temperature`), given at "Reference temperature [K]".
"""

from __future__ import annotations

from dataclasses import dataclass

import pybamm

from sim.constants import FARADAY
from sim.models.sb_carbon.parameter_names import ACTIVATION_ENERGIES
from sim.physics.carbon_plateau import plateau_factor
from sim.physics.site_kinetics import hysteretic_site_current
from sim.physics.temperature import arrhenius

P = pybamm.Parameter


@dataclass(frozen=True)
class Interface:
    """What every store sees: surface potential difference phi_s - phi_e [V],
    c_e / c_e0 on the electrode, temperature T [K] and F/(RT) [V-1]."""

    delta_phi: pybamm.Symbol
    c_e_ratio: pybamm.Symbol
    T: pybamm.Symbol
    f: pybamm.Symbol

    def arrhenius(self, process):
        """Arrhenius factor of ``process`` (a key of ACTIVATION_ENERGIES)."""
        return arrhenius(
            P(ACTIVATION_ENERGIES[process]), self.T, P("Reference temperature [K]")
        )


@dataclass(frozen=True)
class Store:
    """One store: volumetric anodic current [A.m-3] (None for a store that takes
    no current) and sodium content [mol.m-3]."""

    name: str
    current: pybamm.Symbol | None
    sodium: pybamm.Symbol


@dataclass(frozen=True)
class CarbonPhase:
    """The carbon's states and expressions; ``stoichiometry`` everywhere in the
    sphere, the rest at its surface."""

    concentration: pybamm.Symbol
    stoichiometry: pybamm.Symbol
    surface_stoichiometry: pybamm.Symbol
    ocp: pybamm.Symbol
    overpotential: pybamm.Symbol
    store: Store


def add_carbon(model, iface, geo, start):
    """Carbon insertion: diffusion in spheres, Butler-Volmer at the surface.

    With embedded Sb the sphere is the composite grain: Na diffuses in its
    carbon (flux phi_C D grad c per grain cross-section, the parallel bound for
    dots that do not conduct Na along the grain) and the dots exchange Na with
    the carbon around them (:func:`.sb_alloy.add_sb` adds that source)."""
    c_C = pybamm.Variable(
        "Carbon particle concentration [mol.m-3]",
        domain="carbon particle",
        auxiliary_domains={"secondary": "working electrode"},
    )
    c_max = geo.c_C_max
    c_surf = pybamm.surf(c_C)
    sto_surf = c_surf / c_max
    U_C = pybamm.FunctionParameter("Carbon OCP [V]", {"Carbon stoichiometry": sto_surf})
    k = P("Carbon rate constant [m.s-1]") * iface.arrhenius("Carbon reaction")
    j0 = (
        FARADAY
        * k
        * iface.c_e_ratio**0.5
        * pybamm.maximum(c_surf, 0) ** 0.5
        * pybamm.maximum(c_max - c_surf, 0) ** 0.5
    )
    eta = iface.delta_phi - U_C
    j = 2 * j0 * pybamm.sinh(iface.f * eta / 2)
    D0 = P("Carbon diffusivity [m2.s-1]") * iface.arrhenius("Carbon diffusion")
    ratio = P("Carbon plateau diffusivity ratio")
    onset = P("Carbon plateau onset stoichiometry")
    D = D0 * plateau_factor(c_C / c_max, ratio, onset)
    D_surf = D0 * plateau_factor(sto_surf, ratio, onset)
    model.rhs[c_C] = -pybamm.div(-D * pybamm.grad(c_C))
    model.boundary_conditions[c_C] = {
        "left": (pybamm.Scalar(0), "Neumann"),
        # the Na that reacts on the carbon's area a_C crosses the sphere's
        # surface through its carbon (volume fraction phi_C of the grain, area
        # ratio a_C / a_sphere; both 1 without embedded Sb)
        "right": (
            -j * geo.entry_ratio / (FARADAY * D_surf * geo.phi_C),
            "Neumann",
        ),
    }
    model.initial_conditions[c_C] = start.carbon_stoichiometry * c_max
    store = Store("Carbon insertion", geo.a_C * j, geo.eps_C * pybamm.r_average(c_C))
    return CarbonPhase(c_C, c_C / c_max, sto_surf, U_C, eta, store)


def add_surface_storage(model, iface, geo, start):
    """Fast surface sites: one broad reversible site, volumetric capacity Q_ss;
    returns (Store, occupancy state)."""
    return _add_site(
        model,
        iface,
        "Surface storage",
        "Surface storage",
        geo.Q_ss,
        start.surface_occupancy,
        "Surface storage",
    )


def add_additive_storage(model, iface, geo, start):
    """Na in the conductive additive (carbon black): one broad reversible site,
    volumetric capacity Q_add; returns (Store, occupancy state)."""
    return _add_site(
        model,
        iface,
        "Conductive additive",
        "Conductive additive storage",
        geo.Q_add,
        start.additive_occupancy,
        "Additive storage",
    )


def _add_site(model, iface, store, prefix, Q, theta0, process):
    """One broad reversible site (isotherm about a standard potential, rate
    constant in s-1) named by its parameter ``prefix``."""
    theta = pybamm.Variable(f"{prefix} occupancy", domain="working electrode")
    k = P(f"{prefix} rate constant [s-1]") * iface.arrhenius(process)
    U0 = P(f"{prefix} standard potential [V]")
    J = hysteretic_site_current(
        theta,
        iface.delta_phi,
        U0,
        U0,
        P(f"{prefix} isotherm width"),
        Q * k,
        0,
        iface.f,
        eps=1e-9 * Q * k,
    )
    model.rhs[theta] = -J / Q
    model.initial_conditions[theta] = theta0
    return Store(store, J, Q * theta / FARADAY), theta
